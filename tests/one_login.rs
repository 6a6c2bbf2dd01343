//! At most one failed login per run, also when the outgoing server never gives
//! its verdict: once the password went out in AUTH and the connection broke or
//! went silent, that counts as the run's failed login and the password goes to
//! no other server (here: the real Dovecot IMAP of the test bed, whose log must
//! show no login at all). The SMTP side is a scripted peer on loopback, since a
//! real server does not hang up on request in the middle of AUTH.

mod common;

use std::time::Duration;

use common::*;

#[derive(Clone, Copy)]
enum AfterAuth {
    HangUp,
    Silence,
}

fn peer(after_auth: AfterAuth) -> u16 {
    scripted_smtp_peer("220 peer ESMTP\r\n".into(), move |line| {
        if line.starts_with("EHLO") {
            Some("250-peer\r\n250 AUTH PLAIN\r\n".into())
        } else if line.starts_with("AUTH") {
            if let AfterAuth::Silence = after_auth {
                std::thread::sleep(Duration::from_secs(60));
            }
            None
        } else if line.starts_with("QUIT") {
            Some("221 bye\r\n".into())
        } else {
            Some("502 5.5.2 what\r\n".into())
        }
    })
}

fn run_against(after_auth: AfterAuth) {
    // inonly.test has a real IMAP server (Dovecot) and no outgoing one.
    let addr = "jiro@inonly.test";
    let port = peer(after_auth);
    let dir = tempfile::tempdir().unwrap();
    let preset = dir.path().join("isp.xml");
    std::fs::write(
        &preset,
        format!(
            r#"<clientConfig version="1.1"><emailProvider id="inonly.test"><domain>inonly.test</domain>
  <incomingServer type="imap"><hostname>imap.inonly.test</hostname><port>993</port>
    <socketType>SSL</socketType><authentication>password-cleartext</authentication></incomingServer>
  <outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>{port}</port>
    <socketType>plain</socketType><authentication>password-cleartext</authentication>
  </outgoingServer></emailProvider></clientConfig>"#
        ),
    )
    .unwrap();
    let seen = || dovecot_log_count(&[&format!("user=<{addr}>")]);
    let before = seen();
    let p = preset.display().to_string();
    let run = detect(
        addr,
        PASSWORD,
        &["--preset", &p, "--allow-insecure", "--timeout", "2"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let codes = run.finding_codes();
    assert!(codes.contains(&"login-unanswered".to_string()), "{codes:?}");
    assert!(
        codes.contains(&"incoming-not-tried".to_string()),
        "{codes:?}"
    );
    assert!(run.json["incoming"].is_null());
    // Give Dovecot's log a moment, then: not one login line for this user.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(seen(), before, "the password went to Dovecot after all");
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn hang_up_after_auth_counts_as_the_failed_login() {
    run_against(AfterAuth::HangUp);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn silence_after_auth_counts_as_the_failed_login() {
    run_against(AfterAuth::Silence);
}
