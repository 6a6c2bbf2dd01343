//! A server's words shown on the terminal cannot drive the terminal: escape
//! sequences (window title, clearing the screen), the bell, carriage returns,
//! C1 controls and bidirectional overrides are shown as `\u{…}`, while `--json`
//! keeps them exactly, escaped. A scripted peer on loopback plays the hostile
//! server (a real one will not send such replies); the run goes through the
//! real CLI inside the test bed's namespace.

mod common;

const EVIL: &str = "\u{1b}]0;owned\u{7}\u{1b}[2J\rno\u{8}\u{9b}31m \u{202e}exe.txt";

/// Answers EHLO with AUTH PLAIN (no STARTTLS) and refuses the login with `EVIL`.
fn hostile_peer() -> u16 {
    common::scripted_smtp_peer(format!("220 peer {EVIL} ESMTP\r\n"), |line| {
        Some(if line.starts_with("EHLO") {
            format!("250-peer {EVIL}\r\n250 AUTH PLAIN\r\n")
        } else if line.starts_with("AUTH") {
            format!("535 5.7.8 {EVIL}\r\n")
        } else if line.starts_with("QUIT") {
            "221 bye\r\n".into()
        } else {
            "502 5.5.2 what\r\n".into()
        })
    })
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn server_replies_cannot_drive_the_terminal() {
    let port = hostile_peer();
    let dir = tempfile::tempdir().unwrap();
    let preset = dir.path().join("isp.xml");
    std::fs::write(
        &preset,
        format!(
            r#"<clientConfig version="1.1"><emailProvider id="peer.test"><domain>peer.test</domain>
  <outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>{port}</port>
    <socketType>plain</socketType><authentication>password-cleartext</authentication>
  </outgoingServer></emailProvider></clientConfig>"#
        ),
    )
    .unwrap();
    let p = preset.display().to_string();
    let run = common::detect(
        "taro@peer.test",
        "secret-pass",
        &["--preset", &p, "--allow-insecure", "--outgoing-only"],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    // The refusal reached the user, shown rather than obeyed.
    assert!(
        run.stderr.contains("\\u{1b}]0;owned\\u{7}"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\\u{202e}exe.txt"), "{}", run.stderr);
    let bad: Vec<char> = run
        .stderr
        .chars()
        .filter(|c| {
            (c.is_control() && *c != '\n' && *c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(c)
                || ('\u{2066}'..='\u{2069}').contains(c)
        })
        .collect();
    assert!(bad.is_empty(), "raw controls on the terminal: {bad:?}");
    // JSON keeps the server's words exactly (escaped by the JSON writer).
    assert!(
        run.stdout.contains("\\u001b]0;owned\\u0007"),
        "{}",
        run.stdout
    );
    let detail = run.finding("auth-failed")["detail"].as_str().unwrap_or("");
    assert!(detail.contains(EVIL), "{detail:?}");
}
