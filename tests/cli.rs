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

fn settings_file(dir: &std::path::Path, incoming: bool, out_port: u16) -> String {
    let sec = if out_port == 465 {
        "implicit-tls"
    } else {
        "starttls"
    };
    let inc = if incoming {
        r#"{"protocol":"pop3","host":"pop.example.ne.jp","port":995,"security":"implicit-tls","auth":"plain","username":"taro"}"#
    } else {
        "null"
    };
    let json = format!(
        r#"{{"email":"taro@example.ne.jp","name":"山田 太郎","outgoing":{{"host":"smtp.example.ne.jp","port":{out_port},"security":"{sec}","auth":"cram-md5","username":"taro"}},"incoming":{inc}}}"#
    );
    let p = dir.join(format!("settings-{incoming}-{out_port}.json"));
    std::fs::write(&p, json).unwrap();
    p.display().to_string()
}

#[test]
fn export_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let from = settings_file(dir.path(), true, 587);
    let out = dir.path().join("msmtprc");
    std::fs::write(&out, "precious").unwrap();
    let o = out.display().to_string();
    let args = [
        "export", "--from", &from, "--format", "msmtp", "--out", &o, "--lang", "en",
    ];
    let run = mailsetup(&args, "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(mailsetup(&forced, "").code, 0);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("host smtp.example.ne.jp")
    );
}

#[test]
fn export_says_clearly_when_an_incoming_server_is_needed() {
    let dir = tempfile::tempdir().unwrap();
    let from = settings_file(dir.path(), false, 587);
    let o = dir.path().join("x.mobileconfig").display().to_string();
    let run = mailsetup(
        &[
            "export",
            "--from",
            &from,
            "--format",
            "mobileconfig",
            "--out",
            &o,
            "--lang",
            "en",
        ],
        "",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("also needs the incoming server"),
        "{}",
        run.stderr
    );
    assert!(!std::path::Path::new(&o).exists());
}

#[test]
fn export_with_password_is_private_and_refused_where_impossible() {
    let dir = tempfile::tempdir().unwrap();
    let from = settings_file(dir.path(), true, 465);
    let o = dir.path().join("gitconfig").display().to_string();
    let run = mailsetup(
        &[
            "export",
            "--from",
            &from,
            "--format",
            "git",
            "--include-password",
            "--password-stdin",
            "--out",
            &o,
        ],
        "pw-123\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&o).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert!(std::fs::read_to_string(&o).unwrap().contains("pw-123"));
    let o2 = dir.path().join("a.xml").display().to_string();
    let run = mailsetup(
        &[
            "export",
            "--from",
            &from,
            "--format",
            "autodiscover",
            "--include-password",
            "--password-stdin",
            "--out",
            &o2,
            "--lang",
            "en",
        ],
        "pw-123\n",
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot hold a password"));
}

#[test]
fn export_rejects_a_result_without_proven_settings() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("failed.json");
    std::fs::write(&p, r#"{"email":"a@b.jp","outgoing":null,"findings":[]}"#).unwrap();
    let from = p.display().to_string();
    let o = dir.path().join("x").display().to_string();
    let run = mailsetup(
        &[
            "export", "--from", &from, "--format", "json", "--out", &o, "--lang", "en",
        ],
        "",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no proven outgoing server"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_guide_names_the_right_port_security_and_auth() {
    let dir = tempfile::tempdir().unwrap();
    for (port, security_ja, security_en) in [
        (587u16, "STARTTLS（暗号化）", "STARTTLS (encrypted)"),
        (465, "SSL/TLS（暗号化）", "SSL/TLS (encrypted)"),
    ] {
        let from = settings_file(dir.path(), true, port);
        for client in [
            "outlook-express",
            "outlook-2000",
            "outlook-2003",
            "outlook",
            "thunderbird",
            "apple-mail",
            "iphone",
            "android-gmail",
        ] {
            for (lang, security, auth) in [
                ("ja", security_ja, "暗号化されたパスワード（CRAM-MD5）"),
                ("en", security_en, "encrypted password (CRAM-MD5)"),
            ] {
                let run = mailsetup(
                    &["guide", "--client", client, "--lang", lang, "--from", &from],
                    "",
                );
                assert_eq!(run.code, 0, "{client} {lang}: {}", run.stderr);
                let g = &run.stdout;
                assert!(g.contains("smtp.example.ne.jp"), "{client} {lang}");
                assert!(g.contains(&format!("{port}")), "{client} {lang} port");
                assert!(g.contains(security), "{client} {lang} security\n{g}");
                assert!(g.contains(auth), "{client} {lang} auth\n{g}");
                assert!(
                    g.contains("pop.example.ne.jp") && g.contains("995"),
                    "{client} {lang}"
                );
                // Japanese guides are Japanese; English ones English.
                let has_kana = g.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
                assert_eq!(has_kana, lang == "ja", "{client} {lang}");
            }
        }
    }
}

#[test]
fn old_clients_are_told_the_truth_about_old_tls() {
    let run = mailsetup(
        &["guide", "--client", "outlook-express", "--lang", "ja"],
        "",
    );
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("TLS 1.0") && run.stdout.contains("Thunderbird"));
}

#[test]
fn help_lists_every_format_and_client() {
    let run = mailsetup(&["export", "--help"], "");
    for &f in mailsetup::export::Format::ALL {
        assert!(run.stdout.contains(f.name()), "{} missing", f.name());
    }
    let run = mailsetup(&["guide", "--help"], "");
    for c in mailsetup::guide::Client::ALL {
        assert!(run.stdout.contains(c.name()), "{} missing", c.name());
    }
}

/// `--thunderbird-profile` keeps the profile's accounts; without it the user is
/// told before anything happens that the file replaces the account list; a
/// folder without prefs.js, or another format, is refused with what to do.
#[test]
fn userjs_export_keeps_the_profiles_accounts_or_says_it_replaces_them() {
    let dir = tempfile::tempdir().unwrap();
    let from = settings_file(dir.path(), true, 465);
    let profile = dir.path().join("abcd.default-release");
    std::fs::create_dir(&profile).unwrap();
    std::fs::write(
        profile.join("prefs.js"),
        "user_pref(\"mail.accountmanager.accounts\", \"account1,account2\");\n\
         user_pref(\"mail.accountmanager.defaultaccount\", \"account1\");\n\
         user_pref(\"mail.smtpservers\", \"smtp1\");\n",
    )
    .unwrap();
    let p = profile.display().to_string();
    let out = dir.path().join("user.js");
    let o = out.display().to_string();
    let export = |extra: &[&str], format: &str| {
        let mut args = vec![
            "export", "--from", &from, "--format", format, "--out", &o, "--lang", "en", "--force",
        ];
        args.extend_from_slice(extra);
        mailsetup(&args, "")
    };

    let run = export(&["--thunderbird-profile", &p], "thunderbird-userjs");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let js = std::fs::read_to_string(&out).unwrap();
    assert!(
        js.contains(
            "user_pref(\"mail.accountmanager.accounts\", \"account1,account2,account_mailsetup\");"
        ),
        "{js}"
    );
    assert!(!js.contains("mail.accountmanager.defaultaccount"), "{js}");
    assert!(!run.stderr.contains("replaces"), "{}", run.stderr);

    let run = export(&[], "thunderbird-userjs");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("replaces Thunderbird's account list"),
        "{}",
        run.stderr
    );

    let empty = dir.path().join("not-a-profile");
    std::fs::create_dir(&empty).unwrap();
    let e = empty.display().to_string();
    let run = export(&["--thunderbird-profile", &e], "thunderbird-userjs");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("holds no prefs.js"), "{}", run.stderr);

    let run = export(&["--thunderbird-profile", &p], "msmtp");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("only with --format thunderbird-userjs"),
        "{}",
        run.stderr
    );
}
