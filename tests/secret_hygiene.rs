//! The password never leaves the program except in AUTH/LOGIN to a server that
//! may have it: not on the terminal, not in `--json`, not in an export made
//! without `--include-password`, not in the settings sheet or a guide — on
//! every path (success, wrong password, cleartext-only, untrusted certificate,
//! message refused, approval needed, nothing reachable). Searched for: the
//! password itself, its JSON and URL forms, and its base64 forms as AUTH PLAIN
//! and AUTH LOGIN send them (at every alignment). Run with `tests/run.sh`.

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use common::*;
use mailsetup::export::Format;
use mailsetup::guide::Client;

/// Every form in which `password` could leak, for `users` as AUTH PLAIN
/// would pair them.
fn leak_forms(password: &str, users: &[&str]) -> Vec<String> {
    let mut forms = vec![
        password.to_string(),
        serde_json::to_string(password)
            .unwrap()
            .trim_matches('"')
            .to_string(),
        password
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect(),
        B64.encode(password),
    ];
    for u in users {
        forms.push(B64.encode(format!("\0{u}\0{password}")));
    }
    // The password's base64 inside any longer base64 text: for each of the
    // three alignments, the characters that depend on the password alone.
    for k in 0..3 {
        let enc = B64.encode(format!("{}{password}", "\0".repeat(k)));
        let start = (k * 4).div_ceil(3);
        let end = enc.trim_end_matches('=').len().saturating_sub(3);
        if end > start + 6 {
            forms.push(enc[start..end].to_string());
        }
    }
    forms
}

fn assert_clean(what: &str, text: &str, forms: &[String]) {
    for f in forms {
        assert!(
            !text.contains(f.as_str()),
            "{what} holds the password as {f:?}:\n{text}"
        );
    }
}

/// One run with the support report written too: neither the terminal, the
/// JSON nor the report holds the password.
fn check_run(what: &str, addr: &str, password: &str, extra: &[&str], code: i32) -> Run {
    let local = addr.split('@').next().unwrap();
    let forms = leak_forms(password, &[addr, local]);
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    let report_arg = report.display().to_string();
    let mut args = extra.to_vec();
    // The conversation on stderr too: its login lines must be masked.
    args.extend(["--report", &report_arg, "--verbose"]);
    let run = detect(addr, password, &args);
    assert_eq!(run.code, code, "{what}: {}", run.stderr);
    assert_clean(&format!("{what}: stdout"), &run.stdout, &forms);
    assert_clean(&format!("{what}: stderr"), &run.stderr, &forms);
    let text =
        std::fs::read_to_string(&report).unwrap_or_else(|e| panic!("{what}: no report: {e}"));
    assert!(
        text.contains("mailsetup support report") && text.contains(addr),
        "{what}: {text}"
    );
    assert_clean(&format!("{what}: report"), &text, &forms);
    run
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn the_password_appears_nowhere_on_any_path() {
    let distinct = "Wr0ng&pa$$-Q9z\"x";
    let ok = check_run("success", "saburo@imaps.test", PASSWORD, &[], 0);
    check_run(
        "login only",
        "saburo@s465.test",
        PASSWORD,
        &["--no-send"],
        0,
    );
    check_run("wrong password", "jiro@wrongpw.test", distinct, &[], 3);
    check_run("cleartext only", "jiro@clear.test", distinct, &[], 5);
    check_run(
        "cleartext allowed",
        "shiro@clear.test",
        PASSWORD,
        &["--allow-insecure"],
        0,
    );
    check_run(
        "untrusted certificate",
        "jiro@untrusted.test",
        distinct,
        &[],
        6,
    );
    check_run("message refused", "jiro@refused.test", PASSWORD, &[], 7);
    check_run("approval needed", "jiro@srv.test", distinct, &[], 8);
    check_run(
        "nothing reachable",
        "jiro@blocked.test",
        distinct,
        &["--timeout", "2"],
        4,
    );
    check_run("incoming refused", "jiro@inwrong.test", distinct, &[], 3);

    // Every export and guide made from the successful result, without
    // --include-password, holds no form of it.
    let forms = leak_forms(PASSWORD, &["saburo@imaps.test", "saburo"]);
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("result.json");
    std::fs::write(&from, &ok.stdout).unwrap();
    let from = from.display().to_string();
    for &f in Format::ALL {
        let out = dir.path().join(f.file_name());
        let o = out.display().to_string();
        let run = run_cli(
            &[
                "export",
                "--from",
                &from,
                "--format",
                f.name(),
                "--out",
                &o,
                "--lang",
                "en",
            ],
            None,
        );
        assert_eq!(run.code, 0, "{}: {}", f.name(), run.stderr);
        let bytes = std::fs::read(&out).unwrap();
        assert_clean(f.name(), &String::from_utf8_lossy(&bytes), &forms);
        // UTF-16 files (Windows Mail) are searched decoded too.
        if bytes.len().is_multiple_of(2) {
            let wide: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            assert_clean(f.name(), &String::from_utf16_lossy(&wide), &forms);
        }
        assert_clean(f.name(), &run.stderr, &forms);
    }
    for c in Client::ALL {
        let run = run_cli(&["guide", "--client", c.name(), "--from", &from], None);
        assert_eq!(run.code, 0, "{}: {}", c.name(), run.stderr);
        assert_clean(c.name(), &run.stdout, &forms);
    }
}

/// The search itself finds the password in AUTH lines for any user name, and
/// in a LOGIN answer, so a clean result above means something.
#[test]
fn the_search_finds_every_auth_form() {
    let password = "Wr0ng&pa$$-Q9z\"x";
    let forms = leak_forms(password, &[]);
    for user in ["", "a", "ab", "abc", "someone.else@example.jp"] {
        let line = format!("AUTH PLAIN {}", B64.encode(format!("\0{user}\0{password}")));
        assert!(forms.iter().any(|f| line.contains(f.as_str())), "{user:?}");
    }
    assert!(forms.iter().any(|f| f == &B64.encode(password)));
    assert!(forms.iter().any(|f| f.contains("%26pa%24%24")));
}
