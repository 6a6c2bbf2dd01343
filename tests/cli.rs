//! The command line's contract where no server is involved: bad input, help,
//! and how the password may (and may not) be given.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn mailsetup(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailsetup"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn address_without_at_is_bad_input_with_a_clear_message() {
    let out = mailsetup(
        &[
            "detect",
            "--email",
            "taro.example.jp",
            "--password-stdin",
            "--lang",
            "en",
        ],
        "pw\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("The address has no @."));
}

#[test]
fn bad_input_still_gives_one_json_document() {
    let out = mailsetup(
        &[
            "detect",
            "--email",
            "taro@",
            "--password-stdin",
            "--lang",
            "ja",
            "--json",
        ],
        "pw\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["code"], "bad-input");
    assert!(
        doc["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("@ の後ろ")
    );
    assert!(doc["outgoing"].is_null());
}

#[test]
fn empty_password_is_refused() {
    let out = mailsetup(
        &[
            "detect",
            "--email",
            "taro@example.jp",
            "--password-stdin",
            "--lang",
            "en",
        ],
        "\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("password is empty"));
}

#[test]
fn no_password_without_a_terminal_is_refused() {
    let out = mailsetup(
        &["detect", "--email", "taro@example.jp", "--lang", "en"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--password-stdin"));
}

#[test]
fn a_password_cannot_be_given_on_the_command_line() {
    let out = mailsetup(
        &[
            "detect",
            "--email",
            "taro@example.jp",
            "--password",
            "secret",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("secret'"));
}

#[test]
fn missing_preset_and_certificate_files_are_bad_input() {
    let out = mailsetup(
        &[
            "detect",
            "--email",
            "taro@example.jp",
            "--password-stdin",
            "--preset",
            "/nonexistent/isp.xml",
        ],
        "pw\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/isp.xml"));
    let out = mailsetup(
        &[
            "detect",
            "--email",
            "taro@example.jp",
            "--password-stdin",
            "--ca-file",
            "/nonexistent/ca.pem",
        ],
        "pw\n",
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_documents_every_exit_status() {
    let out = mailsetup(&["detect", "--help"], "");
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for code in 0..=8 {
        assert!(
            help.contains(&format!("\n  {code}  ")),
            "exit status {code} missing:\n{help}"
        );
    }
    for flag in [
        "--email",
        "--name",
        "--login",
        "--password-stdin",
        "--preset",
        "--ca-file",
        "--no-send",
        "--allow-insecure",
        "--approve-untrusted",
        "--timeout",
        "--json",
        "--no-ispdb",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn timeout_out_of_range_is_bad_input() {
    let out = mailsetup(
        &[
            "detect",
            "--email",
            "taro@example.jp",
            "--password-stdin",
            "--timeout",
            "0",
        ],
        "pw\n",
    );
    assert_eq!(out.status.code(), Some(2));
}
