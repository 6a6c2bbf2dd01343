//! The incoming side (IMAP and POP3) against Dovecot on the test bed: found,
//! logged in to once, logged out; never with a password sent unencrypted or to
//! an unverified certificate; a wrong password tried once in the whole run.
//! Run with `tests/run.sh`.

mod common;

use common::*;

fn logins(user: &str) -> usize {
    dovecot_log_count(&["-login: Info: Login: ", &format!("user=<{user}>")])
}

fn mismatches(user: &str) -> usize {
    dovecot_log_count(&[&format!("({user},"), "Password mismatch"])
}

/// Outgoing proven as usual, and the incoming settings are as expected.
fn assert_incoming(run: &Run, protocol: &str, host: &str, port: u16, security: &str) {
    assert_eq!(run.code, 0, "{}\n{:#}", run.stderr, run.json);
    let inc = &run.json["incoming"];
    assert_eq!(inc["protocol"], protocol, "{:#}", run.json);
    assert_eq!(inc["host"], host);
    assert_eq!(inc["port"], port);
    assert_eq!(inc["security"], security);
    assert_eq!(inc["auth"], "cram-md5");
    assert_eq!(inc["username"], run.json["email"]);
    assert!(run.finding_codes().contains(&"incoming-works".to_string()));
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn imap_on_993_only() {
    let addr = "taro@imaps.test";
    let before = logins(addr);
    let run = detect(addr, PASSWORD, &[]);
    assert_incoming(&run, "imap", "imap.imaps.test", 993, "implicit-tls");
    assert_eq!(logins(addr), before + 1, "exactly one IMAP login");
    // The attempts of both directions are reported, each with its service.
    let imap = run.attempt("imap.imaps.test", 993);
    assert_eq!(imap["service"], "imap");
    assert_eq!(run.attempt("smtp.imaps.test", 587)["service"], "smtp");
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn pop3_only_account() {
    let addr = "taro@poponly.test";
    let before = logins(addr);
    let run = detect(addr, PASSWORD, &[]);
    assert_incoming(&run, "pop3", "pop.poponly.test", 995, "implicit-tls");
    assert_eq!(logins(addr), before + 1);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn imap_with_starttls_only() {
    let addr = "taro@instarttls.test";
    let run = detect(addr, PASSWORD, &[]);
    assert_incoming(&run, "imap", "imap.instarttls.test", 143, "starttls");
    assert_eq!(
        run.attempt("imap.instarttls.test", 993)["outcome"]["result"],
        "refused"
    );
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn untrusted_incoming_certificate_never_gets_the_password() {
    let addr = "taro@inrogue.test";
    let run = detect(addr, PASSWORD, &[]);
    // Sending still works and decides the exit status.
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.json["incoming"].is_null());
    assert_eq!(
        run.finding("incoming-certificate-problem")["host"],
        "imap.inrogue.test"
    );
    assert_eq!(
        run.attempt("imap.inrogue.test", 993)["outcome"]["problem"]["kind"],
        "untrusted"
    );
    assert_eq!(logins(addr), 0);
    assert_eq!(mismatches(addr), 0);
    assert_eq!(dovecot_log_count(&[&format!("user=<{addr}>")]), 0);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn wrong_password_refused_by_smtp_is_not_tried_on_imap() {
    let addr = "taro@inwrong.test";
    let before = mismatches(addr);
    let run = detect(addr, "not-the-password", &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.json["incoming"].is_null());
    assert!(
        run.finding_codes()
            .contains(&"incoming-not-tried".to_string())
    );
    // SMTP AUTH goes through Dovecot too: one mismatch in the whole run.
    assert_eq!(mismatches(addr), before + 1);
    assert_eq!(logins(addr), 0);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn wrong_password_on_imap_is_tried_once() {
    // No outgoing server exists for this domain: the IMAP login is the only one.
    let addr = "taro@inonly.test";
    let before = mismatches(addr);
    let run = detect(addr, "not-the-password", &[]);
    assert_eq!(run.code, 4, "the exit status stays the outgoing outcome");
    assert!(run.json["incoming"].is_null());
    let f = run.finding("incoming-auth-failed");
    assert!(
        f["detail"]
            .as_str()
            .unwrap()
            .contains("AUTHENTICATIONFAILED"),
        "{f:#}"
    );
    assert_eq!(mismatches(addr), before + 1);
}

#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn outgoing_only_skips_the_incoming_side() {
    let addr = "hanako@imaps.test";
    let before = logins(addr);
    let run = detect(addr, PASSWORD, &["--outgoing-only"]);
    assert_eq!(run.code, 0);
    assert!(run.json["incoming"].is_null());
    assert!(run.attempts().iter().all(|a| a["service"] == "smtp"));
    assert!(
        !run.finding_codes()
            .iter()
            .any(|c| c.starts_with("incoming-"))
    );
    assert_eq!(logins(addr), before);
}

/// Every login method of both protocols, against the real Dovecot (detection
/// itself always picks the strongest, CRAM-MD5, which Dovecot offers).
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn every_login_method_works_against_dovecot() {
    use mailsetup::account::Password;
    use mailsetup::discover::Source;
    use mailsetup::probe::{IncomingAuth, IncomingProber, ProbeSession, Prober, Server};
    use mailsetup::settings::{Security, Service};
    use mailsetup::tls::Trust;
    use std::sync::atomic::AtomicU8;
    use std::time::Duration;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let trust = Trust::load(Some(std::path::Path::new(&ca_file()))).unwrap();
    let prober = IncomingProber::new(&trust, Duration::from_secs(10)).unwrap();
    let cases = [
        (
            Service::Imap,
            "imap.imaps.test",
            "127.0.10.30:993",
            Security::ImplicitTls,
        ),
        (
            Service::Imap,
            "imap.instarttls.test",
            "127.0.10.32:143",
            Security::StartTls,
        ),
        (
            Service::Pop3,
            "pop.poponly.test",
            "127.0.10.31:995",
            Security::ImplicitTls,
        ),
        (
            Service::Pop3,
            "pop.poponly.test",
            "127.0.10.31:110",
            Security::StartTls,
        ),
    ];
    let user = "jiro@imaps.test";
    let password = Password::new(PASSWORD);
    let wrong = Password::new("not-the-password");
    runtime.block_on(async {
        for (service, host, addr, security) in cases {
            let addr: std::net::SocketAddr = addr.parse().unwrap();
            let ep = Server {
                service,
                host: host.into(),
                port: addr.port(),
                security,
                source: Source::Guess,
                vouched: true,
                username: None,
            };
            for how in [
                IncomingAuth::CramMd5,
                IncomingAuth::Plain,
                IncomingAuth::Login,
                IncomingAuth::Basic,
            ] {
                let mut s = prober.open(addr, &ep, &AtomicU8::new(0)).await.unwrap();
                assert!(s.encrypted(), "{host} {security:?}");
                let r = s.login(how, user, &password).await;
                assert_eq!(r, Ok(()), "{service:?} {host}:{} {how:?}", addr.port());
                s.quit().await;
            }
            // And a wrong password is refused with the server's words.
            let mut s = prober.open(addr, &ep, &AtomicU8::new(0)).await.unwrap();
            let r = s.login(IncomingAuth::Basic, user, &wrong).await;
            assert!(
                matches!(r, Err(mailsetup::probe::LoginError::Refused(_))),
                "{r:?}"
            );
            s.quit().await;
        }
    });
}

/// The exports that need an incoming server, made from real bed results
/// (IMAP and POP3), carry the proven incoming values.
#[test]
#[ignore = "needs the real-server test bed: run tests/run.sh"]
fn exports_carry_the_real_incoming_settings() {
    use mailsetup::export::{self, Format};
    use mailsetup::i18n::Lang;
    use mailsetup::settings::AccountSettings;

    for (addr, host, port) in [
        ("saburo@imaps.test", "imap.imaps.test", 993),
        ("saburo@poponly.test", "pop.poponly.test", 995),
    ] {
        let run = detect(addr, PASSWORD, &["--no-send"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let settings = AccountSettings::from_json(&run.stdout).unwrap();
        let inc = settings.incoming.as_ref().expect("incoming proven");
        assert_eq!((inc.host.as_str(), inc.port), (host, port));
        for f in Format::ALL.iter().copied().filter(|f| f.needs_incoming()) {
            let bytes = export::render(f, &settings, None, Lang::En).unwrap();
            let text = match f.name() {
                "oeaccount" => {
                    let units: Vec<u16> = bytes[2..]
                        .chunks(2)
                        .map(|c| u16::from_le_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16(&units).unwrap()
                }
                "qr" => export::qr_payload(&settings, None),
                _ => String::from_utf8_lossy(&bytes).into_owned(),
            };
            assert!(text.contains(host), "{} lacks {host}", f.name());
            if f != Format::named("iaf") {
                let port_text = match f.name() {
                    "oeaccount" => format!("{port:08x}"),
                    _ => port.to_string(),
                };
                assert!(text.contains(&port_text), "{} lacks port {port}", f.name());
            }
        }
    }
}
