//! Real mail clients send with the settings we exported for them: msmtp,
//! NeoMutt (batch mode) and git send-email, each message counted in the bed's
//! mailbox. Run with `tests/run.sh`.

mod common;

use std::process::{Command, Stdio};

use common::*;

/// Detect for `addr`, then export `format` with the password to `dir`.
fn exported(addr: &str, format: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let run = detect(addr, PASSWORD, &["--outgoing-only"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let result = dir.join("result.json");
    std::fs::write(&result, &run.stdout).unwrap();
    let out = dir.join(format);
    let r = dir.display().to_string();
    let export = run_cli(
        &[
            "export",
            "--from",
            &format!("{r}/result.json"),
            "--format",
            format,
            "--include-password",
            "--password-stdin",
            "--out",
            out.to_str().unwrap(),
        ],
        Some(PASSWORD),
    );
    assert_eq!(export.code, 0, "{}", export.stderr);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a file with a password is private");
    }
    out
}

fn run_client(cmd: &mut Command, stdin: &str) {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the client is installed by tests/testbed/setup.sh");
    // A client that fails early closes its input; its exit status and
    // output below say why, which a broken pipe here would hide.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{:?} failed\nstdout: {}\nstderr: {}",
        cmd,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn msmtp_sends_with_the_exported_msmtprc() {
    let addr = "saburo@s587.test";
    let dir = tempfile::tempdir().unwrap();
    let before = mailbox(addr).len() + 1; // detection's own test message
    let rc = exported(addr, "msmtp", dir.path());
    settle_mailbox(addr, before);
    run_client(
        Command::new("msmtp")
            .arg("-C")
            .arg(&rc)
            .arg(format!("--tls-trust-file={}", ca_file()))
            .arg(addr),
        &format!("From: {addr}\nTo: {addr}\nSubject: sent by msmtp\n\nhello from msmtp\n"),
    );
    assert_eq!(settle_mailbox(addr, before + 1), before + 1);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn neomutt_sends_with_the_exported_muttrc() {
    let addr = "saburo@s465.test";
    let dir = tempfile::tempdir().unwrap();
    let before = mailbox(addr).len() + 1;
    let rc = exported(addr, "neomutt", dir.path());
    settle_mailbox(addr, before);
    run_client(
        Command::new("neomutt")
            .env("HOME", dir.path())
            .args(["-n", "-F"])
            .arg(&rc)
            .args(["-e", &format!("set ssl_ca_certificates_file={}", ca_file())])
            .args(["-e", "set copy=no", "-e", "set record=''"])
            .args(["-s", "sent by NeoMutt", addr]),
        "hello from NeoMutt\n",
    );
    assert_eq!(settle_mailbox(addr, before + 1), before + 1);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn git_send_email_sends_with_the_exported_config() {
    let addr = "saburo@both.test";
    let dir = tempfile::tempdir().unwrap();
    let before = mailbox(addr).len() + 1;
    let config = exported(addr, "git", dir.path());
    settle_mailbox(addr, before);
    let message = dir.path().join("0001-test.patch");
    std::fs::write(
        &message,
        format!("From: {addr}\nSubject: [PATCH] sent by git send-email\n\nhello from git\n"),
    )
    .unwrap();
    run_client(
        Command::new("git")
            .env("HOME", dir.path())
            .env("GIT_CONFIG_GLOBAL", &config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            // git wants a committer identity of its own, as any git user has.
            .env("GIT_COMMITTER_NAME", "Saburo")
            .env("GIT_COMMITTER_EMAIL", addr)
            .env("GIT_AUTHOR_NAME", "Saburo")
            .env("GIT_AUTHOR_EMAIL", addr)
            .args(["send-email", "--confirm=never", "--no-validate"])
            .arg(format!("--smtp-ssl-cert-path={}", ca_file()))
            .arg(format!("--to={addr}"))
            .arg(&message),
        "",
    );
    assert_eq!(settle_mailbox(addr, before + 1), before + 1);
}
