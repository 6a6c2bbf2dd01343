//! The command line's contract where no server is involved: bad input, help,
//! and how the password may (and may not) be given.

mod common;

use common::{Run, run_cli};

/// Run with `stdin` as standard input ("" sends nothing at all).
fn mailsetup(args: &[&str], stdin: &str) -> Run {
    let line = match stdin {
        "" => None,
        s => Some(s.trim_end_matches('\n')),
    };
    run_cli(args, line)
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
    assert_eq!(Some(out.code), Some(2));
    assert!(out.stderr.contains("The address has no @."));
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
    assert_eq!(Some(out.code), Some(2));
    let doc = &out.json;
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
    assert_eq!(Some(out.code), Some(2));
    assert!(out.stderr.contains("password is empty"));
}

#[test]
fn no_password_without_a_terminal_is_refused() {
    let out = mailsetup(
        &["detect", "--email", "taro@example.jp", "--lang", "en"],
        "",
    );
    assert_eq!(Some(out.code), Some(2));
    assert!(out.stderr.contains("--password-stdin"));
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
    assert_eq!(Some(out.code), Some(2));
    assert!(!out.stderr.contains("secret'"));
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
    assert_eq!(Some(out.code), Some(2));
    assert!(out.stderr.contains("/nonexistent/isp.xml"));
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
    assert_eq!(Some(out.code), Some(2));
}

#[test]
fn help_documents_every_exit_status() {
    let out = mailsetup(&["detect", "--help"], "");
    assert_eq!(Some(out.code), Some(0));
    let help = out.stdout;
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
    assert_eq!(Some(out.code), Some(2));
}
