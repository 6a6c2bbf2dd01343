//! Hostile values in the settings (`export --from` JSON) reach every export as
//! literal text, read back by the real client or an independent parser: a name
//! such as `` `touch pwned` `` never runs, a password such as `Pa$USER` is never
//! read as something else, and no value starts a new key. Values a format cannot
//! hold are refused with a message naming the field. The real clients (NeoMutt,
//! msmtp, git) are installed by `tests/testbed/setup.sh`: run with `tests/run.sh`.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::run_cli;
use mailsetup::export::{Format, PasswordSupport};

const NAME: &str = "Yamada, \"Taro\" `touch pwned` $HOME '; # % \\ 😀 𠮷";
const LOGIN: &str = "ta'ro\"`touch pwned`$USER\\;#% x";
const PASSWORD: &str = "Pa$USER`touch pwned`'\"\\;#% 😀";

const BENIGN: (&str, &str, &str) = ("BenignName", "benignlogin", "benignpassword");

fn settings(dir: &Path, name: &str, login: &str) -> PathBuf {
    let doc = serde_json::json!({
        "email": "taro@example.jp",
        "name": name,
        "outgoing": {"host": "smtp.example.jp", "port": 587, "security": "starttls",
                     "auth": "plain", "username": login},
        "incoming": {"protocol": "imap", "host": "imap.example.jp", "port": 993,
                     "security": "implicit-tls", "auth": "plain", "username": login},
    });
    let path = dir.join(format!("settings-{}.json", name.len()));
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

struct Exported {
    code: i32,
    stderr: String,
    file: PathBuf,
}

fn export(dir: &Path, format: Format, values: (&str, &str, &str), tag: &str) -> Exported {
    let from = settings(dir, values.0, values.1);
    let file = dir.join(format!("{}-{tag}", format.name()));
    let with_password = format.password_support() == PasswordSupport::Optional;
    let mut args = vec![
        "export",
        "--from",
        from.to_str().unwrap(),
        "--format",
        format.name(),
        "--out",
        file.to_str().unwrap(),
        "--lang",
        "en",
    ];
    if with_password {
        args.extend(["--include-password", "--password-stdin"]);
    }
    let run = run_cli(&args, with_password.then_some(values.2));
    Exported {
        code: run.code,
        stderr: run.stderr,
        file,
    }
}

/// Keys and string values as an independent reader sees them.
struct Read {
    keys: BTreeSet<String>,
    values: Vec<String>,
}

fn python_readback(format: Format, file: &Path) -> Read {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/readback.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(format.name())
        .arg(file)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{} did not parse: {}",
        format.name(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let strings = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    Read {
        keys: strings("keys").into_iter().collect(),
        values: strings("values"),
    }
}

/// muttrc as NeoMutt itself reads it: `neomutt -Q` for every variable the file
/// sets; the file's backticks must not run (checked by the caller).
fn neomutt_readback(file: &Path, cwd: &Path) -> Read {
    let text = std::fs::read_to_string(file).unwrap();
    let keys: BTreeSet<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("set "))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, _)| k.to_string())
        .collect();
    let mut cmd = Command::new("neomutt");
    cmd.current_dir(cwd)
        .env("HOME", cwd)
        .arg("-n")
        .arg("-F")
        .arg(file);
    for k in &keys {
        cmd.arg("-Q").arg(k);
    }
    let out = cmd
        .output()
        .expect("neomutt is installed by tests/testbed/setup.sh");
    assert!(
        out.status.success(),
        "neomutt: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut values = Vec::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        // `set name = "value"` with \" and \\ escaped.
        let (_, v) = line.split_once(" = ").unwrap();
        let inner = v.strip_prefix('"').and_then(|v| v.strip_suffix('"'));
        let mut s = String::new();
        let mut chars = inner.unwrap_or(v).chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                s.extend(chars.next());
            } else {
                s.push(c);
            }
        }
        values.extend(url_user_and_password(&s));
        values.push(s);
    }
    Read { keys, values }
}

fn url_user_and_password(v: &str) -> Vec<String> {
    let Ok(u) = reqwest::Url::parse(v) else {
        return vec![];
    };
    let decode = |s: &str| {
        percent_decode(s)
            .filter(|s| !s.is_empty())
            .into_iter()
            .collect::<Vec<_>>()
    };
    let mut out = decode(u.username());
    out.extend(u.password().map(decode).unwrap_or_default());
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() + 1 {
            out.push(u8::from_str_radix(s.get(i + 1..i + 3)?, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// git's own reading of the config file.
fn git_readback(file: &Path) -> Read {
    let out = Command::new("git")
        .args(["config", "--null", "--list", "-f"])
        .arg(file)
        .output()
        .expect("git");
    assert!(out.status.success());
    let mut read = Read {
        keys: BTreeSet::new(),
        values: Vec::new(),
    };
    for entry in String::from_utf8(out.stdout).unwrap().split('\0') {
        if let Some((k, v)) = entry.split_once('\n') {
            read.keys.insert(k.to_string());
            read.values.push(v.to_string());
        }
    }
    read
}

/// msmtp's own reading: `--pretend` prints the user name as stored, and a send
/// to a scripted peer on loopback shows the user name and password it would log
/// in with (AUTH PLAIN, cleartext to loopback only, forced on the command line).
fn msmtp_readback(file: &Path) -> Read {
    let pretend = Command::new("msmtp")
        .arg("-C")
        .arg(file)
        .arg("--pretend")
        .arg("taro@example.jp")
        .output()
        .expect("msmtp is installed by tests/testbed/setup.sh");
    let text = String::from_utf8_lossy(&pretend.stdout).into_owned();
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{k} = ")))
            .unwrap_or_else(|| panic!("msmtp --pretend shows no {k}: {text}"))
            .to_string()
    };
    assert_eq!(field("passwordeval"), "(not set)", "no command to run");
    let mut keys: BTreeSet<String> = BTreeSet::new();
    keys.insert("user".into());
    let mut values = vec![field("user"), field("from")];

    // A peer that asks for AUTH PLAIN and records what msmtp sends.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let peer = std::thread::spawn(move || {
        let (s, _) = listener.accept().unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut w = s.try_clone().unwrap();
        let mut r = BufReader::new(s);
        let mut say = |l: &str| w.write_all(format!("{l}\r\n").as_bytes()).unwrap();
        say("220 peer");
        let mut line = String::new();
        loop {
            line.clear();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return None;
            }
            let l = line.trim_end();
            if l.starts_with("EHLO") {
                say("250-peer");
                say("250 AUTH PLAIN");
            } else if let Some(rest) = l.strip_prefix("AUTH PLAIN") {
                let b64 = if rest.trim().is_empty() {
                    say("334 ");
                    line.clear();
                    r.read_line(&mut line).unwrap();
                    line.trim().to_string()
                } else {
                    rest.trim().to_string()
                };
                say("535 5.7.8 no");
                use base64::Engine;
                return base64::engine::general_purpose::STANDARD.decode(b64).ok();
            } else {
                say("250 ok");
            }
        }
    });
    // The same file with only the server moved to the peer: the user and
    // password lines stay exactly as exported.
    let text = std::fs::read_to_string(file).unwrap();
    let moved: String = text
        .lines()
        .map(|l| match l.split_once(' ').map(|(k, _)| k) {
            Some("host") => "host 127.0.0.1".to_string(),
            Some("port") => format!("port {port}"),
            Some("tls" | "tls_starttls") => format!("{} off", l.split(' ').next().unwrap()),
            _ => l.to_string(),
        })
        .map(|l| l + "\n")
        .collect();
    let local = file.with_extension("loopback");
    std::fs::write(&local, moved).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&local, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let mut child = Command::new("msmtp")
        .arg("-C")
        .arg(&local)
        .arg("taro@example.jp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"x\n").unwrap();
    let _ = child.wait();
    // If msmtp never connected, wake the peer so the test fails instead of waiting.
    let _ = std::net::TcpStream::connect(("127.0.0.1", port));
    let auth = peer.join().unwrap().expect("msmtp sent AUTH PLAIN");
    let parts: Vec<String> = auth
        .split(|b| *b == 0)
        .map(|p| String::from_utf8(p.to_vec()).unwrap())
        .collect();
    values.extend(parts.into_iter().skip(1));
    Read { keys, values }
}

fn read_back(format: Format, file: &Path, cwd: &Path) -> Option<Read> {
    Some(match format.name() {
        "neomutt" => neomutt_readback(file, cwd),
        "msmtp" => msmtp_readback(file),
        "git" => git_readback(file),
        "thunderbird-autoconfig"
        | "thunderbird-userjs"
        | "oeaccount"
        | "prf"
        | "autodiscover"
        | "mobileconfig"
        | "himalaya"
        | "aerc"
        | "json"
        | "sheet" => python_readback(format, file),
        // Binary (CP932 records) and an image: their own tests decode them
        // (tests/export.rs: iaf_layout_and_values, qr_code_decodes_to_the_settings).
        "iaf" | "qr" => return None,
        other => panic!("no read-back for {other}"),
    })
}

#[test]
#[ignore = "needs the clients tests/testbed/setup.sh installs: run tests/run.sh"]
fn hostile_values_reach_every_client_literally() {
    let dir = tempfile::tempdir().unwrap();
    for &format in Format::ALL {
        let benign = export(dir.path(), format, BENIGN, "benign");
        assert_eq!(benign.code, 0, "{}: {}", format.name(), benign.stderr);
        let hostile = export(dir.path(), format, (NAME, LOGIN, PASSWORD), "hostile");
        if hostile.code != 0 {
            // Refused: only where the format cannot hold the value, saying which.
            assert_eq!(hostile.code, 2, "{}: {}", format.name(), hostile.stderr);
            assert!(
                ["name", "username", "password"]
                    .iter()
                    .any(|f| hostile.stderr.contains(f)),
                "{}: the refusal names the field: {}",
                format.name(),
                hostile.stderr
            );
            assert!(!hostile.file.exists(), "{}: no file", format.name());
            assert!(
                format == Format::named("iaf"),
                "{} refused values it should hold: {}",
                format.name(),
                hostile.stderr
            );
            continue;
        }
        let Some(before) = read_back(format, &benign.file, dir.path()) else {
            continue;
        };
        let after = read_back(format, &hostile.file, dir.path()).unwrap();
        assert_eq!(
            before.keys,
            after.keys,
            "{}: hostile values changed the keys",
            format.name()
        );
        let pairs = [(BENIGN.0, NAME), (BENIGN.1, LOGIN), (BENIGN.2, PASSWORD)];
        for (marker, value) in pairs {
            if before.values.iter().any(|v| v.contains(marker)) {
                assert!(
                    after.values.iter().any(|v| v.contains(value)),
                    "{}: {value:?} was not read back literally; read: {:?}",
                    format.name(),
                    after.values
                );
            }
        }
        assert!(
            !dir.path().join("pwned").exists(),
            "{}: reading the file ran a command",
            format.name()
        );
    }
}

#[test]
fn line_breaks_and_nul_in_names_and_logins_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, login) in [("a\nb", "u"), ("a\rb", "u"), ("a\0b", "u"), ("n", "u\nx")] {
        let run = export(dir.path(), Format::named("json"), (name, login, "p"), "bad");
        assert_eq!(run.code, 2, "{name:?}/{login:?}");
        assert!(run.stderr.contains("line break"), "{}", run.stderr);
        assert!(!run.file.exists());
    }
    let detect = run_cli(
        &[
            "detect",
            "--email",
            "taro@example.jp",
            "--name",
            "Taro\r\nBcc: x@example.jp",
            "--password-stdin",
            "--lang",
            "en",
        ],
        Some("p"),
    );
    assert_eq!(detect.code, 2, "{}", detect.stderr);
    assert!(detect.stderr.contains("line break"), "{}", detect.stderr);
}

/// The test message's From and To, read by Python's mail parser as a mail
/// program would: a name with commas, quotes, angle brackets, semicolons or an
/// `@` stays one display name of one mailbox (it used to go in raw and read as
/// two addresses), and a Japanese name comes back intact.
#[test]
fn test_message_names_read_back_as_one_mailbox() {
    use mailsetup::account::{Account, EmailAddress, Password};
    use mailsetup::i18n::Lang;
    use mailsetup::settings::{AuthMethod, OutgoingSettings, Security};

    let dir = tempfile::tempdir().unwrap();
    let names = [
        "Yamada, Taro",
        "Taro <boss@example.com>",
        "\"Taro\" Yamada",
        "Taro; Hanako",
        "taro@example.com",
        "Back\\slash",
        "=?utf-8?b?QWRyacOhbg==?=",
        "山田 太郎, 営業部",
        NAME,
    ];
    for (i, name) in names.iter().enumerate() {
        let account = Account::new(
            EmailAddress::parse("taro.@docomo.ne.jp").unwrap(),
            Some(name.to_string()),
            None,
            Password::new("x"),
        );
        let settings = OutgoingSettings {
            protocol: mailsetup::settings::Service::Submission,
            host: "smtp.docomo.ne.jp".into(),
            port: 587,
            security: Security::StartTls,
            auth: AuthMethod::Plain,
            username: "taro.@docomo.ne.jp".into(),
        };
        let mail = mailsetup::prove::message::build(&account, &settings, Lang::Ja);
        let file = dir.path().join(format!("message-{i}.eml"));
        std::fs::write(&file, &mail.bytes).unwrap();
        let out = Command::new("python3")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/tools/readback.py"
            ))
            .arg("message")
            .arg(&file)
            .output()
            .expect("python3");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        // Python's parser adds a space where a folded encoded word ends with
        // one (RFC 2047 says the folding is ignored): compare with runs of
        // spaces made one.
        let squeeze = |s: &str| {
            s.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let values: Vec<String> = v["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| squeeze(s.as_str().unwrap()))
            .collect();
        let mailbox = squeeze(&format!("{name}\ttaro.@docomo.ne.jp"));
        // One mailbox in From, one in To, then the subject.
        assert_eq!(values.len(), 3, "{name:?} read as {values:?}");
        assert_eq!(values[0], mailbox, "From of {name:?}");
        assert_eq!(values[1], mailbox, "To of {name:?}");
        assert_eq!(
            values[2],
            mailsetup::i18n::text(Lang::Ja, mailsetup::i18n::Text::TestSubject)
        );
    }
}
