//! `mailsetup preset check` and the validator behind it, on real files: every
//! provider file of Thunderbird's public ISP database (the snapshot bundled in
//! `assets/ispdb/`, MPL-2.0) is a usable preset, `preset example` passes its own
//! check, and broken presets are refused with the file, line and column.

mod common;

use common::run_cli;
use mailsetup::discover::preset_check::{self, Severity};

fn ispdb_files() -> Vec<std::path::PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ispdb");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_ispdb_file_is_a_usable_preset() {
    let files = ispdb_files();
    assert!(files.len() >= 163, "{} files", files.len());
    let mut bad = Vec::new();
    for f in &files {
        let report = preset_check::check(&std::fs::read(f).unwrap());
        for p in report
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
        {
            bad.push(format!(
                "{}:{}:{}: {:?}",
                f.display(),
                p.line,
                p.column,
                p.kind
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_example_passes_its_own_check_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["ja", "en"] {
        let run = run_cli(&["preset", "example", "--lang", lang], None);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let file = dir.path().join(format!("example-{lang}.xml"));
        std::fs::write(&file, &run.stdout).unwrap();
        let f = file.display().to_string();
        let check = run_cli(&["preset", "check", &f, "--lang", lang], None);
        assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
        assert_eq!(check.stdout, "", "no problem at all");
        // The loader the wizard and --preset use reads it too.
        let email = mailsetup::account::EmailAddress::parse("taro@example.ne.jp").unwrap();
        let cfg = mailsetup::discover::preset::load(&file, &email).unwrap();
        assert_eq!(cfg.outgoing[0].host, "smtp.example.ne.jp");
    }
}

const BROKEN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.ne.jp">
    <domain>example.ne.jp</domain>
    <outgoingServer type="smtp">
      <hostname>smtp.example.ne.jp</hostname>
      <port>70000</port>
      <socketType>TLSv1</socketType>
    </outgoingServer>
  </emailProvider>
</clientConfig>
"#;

#[test]
fn problems_are_listed_with_file_line_and_column_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("isp.xml");
    std::fs::write(&file, BROKEN).unwrap();
    let f = file.display().to_string();
    let run = run_cli(&["preset", "check", &f, "--lang", "en"], None);
    assert_eq!(run.code, 2);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with(&format!(
            "{f}:7:7: error: the port \"70000\" is not valid — "
        )),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!(
            "{f}:8:7: error: the socketType \"TLSv1\" is not known — "
        )),
        "{}",
        lines[1]
    );
    let ja = run_cli(&["preset", "check", &f, "--lang", "ja"], None);
    assert!(
        ja.stdout
            .contains(":7:7: error: ポート番号「70000」が正しくありません"),
        "{}",
        ja.stdout
    );
    let json = run_cli(&["preset", "check", &f, "--lang", "en", "--json"], None);
    assert_eq!(json.code, 2);
    assert_eq!(json.json["usable"], false);
    assert_eq!(json.json["problems"][0]["code"], "bad-port");
    assert_eq!(json.json["problems"][0]["line"], 7);
    assert_eq!(json.json["problems"][1]["code"], "unknown-socket-type");

    // --preset uses the same validator and says where the problem is.
    let detect = run_cli(
        &[
            "detect",
            "--email",
            "taro@example.ne.jp",
            "--preset",
            &f,
            "--password-stdin",
            "--lang",
            "en",
        ],
        Some("x"),
    );
    assert_eq!(detect.code, 2);
    assert!(
        detect
            .stderr
            .contains("line 7, column 7: the port \"70000\""),
        "{}",
        detect.stderr
    );
}

#[test]
fn windows_editors_files_and_hostile_files() {
    let dir = tempfile::tempdir().unwrap();
    let good = run_cli(&["preset", "example", "--lang", "ja"], None).stdout;
    let email = mailsetup::account::EmailAddress::parse("taro@example.ne.jp").unwrap();
    // Notepad: UTF-8 with a byte-order mark, and Shift_JIS declared as such.
    let bom = dir.path().join("bom.xml");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), good.as_bytes()].concat()).unwrap();
    let sjis = dir.path().join("sjis.xml");
    let text = good
        .replace("UTF-8", "Shift_JIS")
        .replace("Example Net", "エグザンプル・ネット");
    std::fs::write(&sjis, encoding_rs::SHIFT_JIS.encode(&text).0).unwrap();
    for f in [&bom, &sjis] {
        let run = run_cli(&["preset", "check", f.to_str().unwrap()], None);
        assert_eq!(run.code, 0, "{}: {}", f.display(), run.stdout);
        mailsetup::discover::preset::load(f, &email).unwrap();
    }
    let cfg = mailsetup::discover::preset::load(&sjis, &email).unwrap();
    assert_eq!(cfg.display_name.as_deref(), Some("エグザンプル・ネット"));

    // Entity expansion, a 5 MB file, a picture: refused at once, with a place.
    let laughs = dir.path().join("laughs.xml");
    std::fs::write(
        &laughs,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<clientConfig>&lol2;</clientConfig>\n",
    )
    .unwrap();
    let big = dir.path().join("big.xml");
    std::fs::write(&big, vec![b' '; 5 * 1024 * 1024]).unwrap();
    let png = dir.path().join("logo.xml");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    for (f, expect) in [
        (&laughs, ":2:1: error: a DOCTYPE (DTD) is not allowed"),
        (&big, ":1:1: error: the file is too large (5242880 bytes)"),
        (&png, ":1:1: error: this is not a text file"),
    ] {
        let run = run_cli(
            &["preset", "check", f.to_str().unwrap(), "--lang", "en"],
            None,
        );
        assert_eq!(run.code, 2);
        assert!(run.stdout.contains(expect), "{}", run.stdout);
    }
}

/// `export --from` takes a preset too (with the address it is for): its
/// settings, marked untested; without --email it says what is missing.
#[test]
fn a_preset_can_be_exported_untested() {
    let dir = tempfile::tempdir().unwrap();
    let preset = dir.path().join("isp.xml");
    std::fs::write(&preset, run_cli(&["preset", "example"], None).stdout).unwrap();
    let p = preset.display().to_string();
    let out = dir.path().join("config-v1.1.xml");
    let o = out.display().to_string();
    let args = [
        "export",
        "--from",
        &p,
        "--format",
        "thunderbird-autoconfig",
        "--out",
        &o,
    ];
    let run = run_cli(&[&args[..], &["--lang", "en"]].concat(), None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("give the address it is for with --email"),
        "{}",
        run.stderr
    );
    let run = run_cli(
        &[
            &args[..],
            &["--email", "hanako@example.ne.jp", "--lang", "en"],
        ]
        .concat(),
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xml = std::fs::read_to_string(&out).unwrap();
    assert!(xml.contains("<!-- UNTESTED"), "{xml}");
    assert!(xml.contains("smtp.example.ne.jp"), "{xml}");
    roxmltree::Document::parse(&xml).unwrap();
    // Saved by Notepad as "Unicode" (UTF-16 with a byte-order mark).
    let wide = dir.path().join("isp-utf16.xml");
    let text = std::fs::read_to_string(&preset)
        .unwrap()
        .replace("UTF-8", "UTF-16");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&wide, bytes).unwrap();
    let w = wide.display().to_string();
    let out2 = dir.path().join("from-utf16.json").display().to_string();
    let run = run_cli(
        &[
            "export",
            "--from",
            &w,
            "--email",
            "hanako@example.ne.jp",
            "--format",
            "json",
            "--out",
            &out2,
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}
