//! Property tests over every parser of outside input: autoconfig and preset
//! XML, the SMTP, IMAP and POP3 dialogues (replies from a scripted peer on
//! loopback), e-mail addresses and host names, the JSON settings reader and
//! Thunderbird's prefs.js and profiles.ini. Each starts from the seeds in
//! `tests/corpus/` mutated at random, or from wholly random input, and checks
//! that nothing panics, nothing hangs, and what comes out is safe to use.
//! The number of cases is fixed (bounded time in CI); set PROPTEST_CASES to
//! run more by hand. (cargo-fuzz needs a nightly toolchain, which this machine
//! cannot fetch.)

use std::time::{Duration, Instant};

use proptest::prelude::*;

use mailsetup::account::EmailAddress;
use mailsetup::discover::{autoconfig_xml, sane_host};
use mailsetup::export::thunderbird_profile;
use mailsetup::probe::Capabilities;
use mailsetup::settings::AccountSettings;

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A seed with a few bytes changed, inserted or cut off.
fn mutated(seeds: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(seeds),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 0..12),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(name, edits, cut, do_cut)| {
            let mut bytes = seed(name);
            for (at, byte, kind) in edits {
                if bytes.is_empty() {
                    bytes.push(byte);
                    continue;
                }
                let i = at.index(bytes.len());
                match kind {
                    0 => bytes[i] = byte,
                    1 => bytes.insert(i, byte),
                    _ => {
                        bytes.remove(i);
                    }
                }
            }
            if do_cut && !bytes.is_empty() {
                bytes.truncate(cut.index(bytes.len()));
            }
            bytes
        })
}

fn input(seeds: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => mutated(seeds),
        1 => prop::collection::vec(any::<u8>(), 0..600),
    ]
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const XML: &[&str] = &["autoconfig-full.xml", "autoconfig-odd.xml"];
const JSON: &[&str] = &["settings.json", "detect-result.json"];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn autoconfig_xml_yields_only_usable_servers(bytes in input(XML)) {
        let email = EmailAddress::parse("taro@example.ne.jp").unwrap();
        if let Ok(config) = autoconfig_xml::parse(&bytes, &email) {
            for s in config.outgoing.iter().chain(&config.incoming) {
                prop_assert_eq!(sane_host(&s.host), Some(s.host.clone()));
                prop_assert!(!s.host.contains("taro"), "the user's name in a host: {}", s.host);
                prop_assert!(s.port > 0);
                if let Some(u) = &s.username {
                    prop_assert!(!u.chars().any(char::is_control));
                }
            }
            if let Some(name) = &config.display_name {
                prop_assert!(!name.chars().any(char::is_control));
            }
        }
    }

    #[test]
    fn settings_json_is_valid_whenever_accepted(bytes in input(JSON)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(s) = AccountSettings::from_json(&text) {
            prop_assert!(s.validate().is_ok());
            for v in [&s.name, &s.outgoing.username] {
                prop_assert!(!v.contains(['\r', '\n', '\0']), "{:?}", v);
            }
            prop_assert_eq!(sane_host(&s.outgoing.host), Some(s.outgoing.host.clone()));
        }
    }

    #[test]
    fn addresses_parse_to_something_safe_on_the_wire(text in "\\PC{0,80}|[a-z.\"@＠]{0,30}") {
        if let Ok(a) = EmailAddress::parse(&text) {
            let wire = a.to_wire();
            prop_assert!(!wire.chars().any(|c| c.is_control() || c == ' ' && !wire.starts_with('"')), "{:?}", wire);
            prop_assert!(a.domain().is_ascii());
            let tail = format!("@{}", a.domain());
            prop_assert!(wire.ends_with(&tail), "{:?}", wire);
        }
    }

    #[test]
    fn host_names_are_checked_once_and_for_all(text in "\\PC{0,80}|[a-zA-Z0-9.\\-%]{0,40}") {
        if let Some(h) = sane_host(&text) {
            prop_assert_eq!(sane_host(&h), Some(h.clone()));
            prop_assert!(h.is_ascii() && !h.contains(['%', ' ', '/', ':']));
        }
    }

    #[test]
    fn smtp_capabilities_parse_anything(lines in prop::collection::vec("\\PC{0,60}", 0..12)) {
        let caps = Capabilities::parse(lines.iter().map(String::as_str));
        for m in &caps.auth {
            prop_assert_eq!(m.to_ascii_uppercase(), m.clone());
        }
    }

    #[test]
    fn thunderbird_prefs_and_profiles_parse_anything(text in "\\PC{0,400}") {
        let prefs = thunderbird_profile::parse_prefs(&text);
        prop_assert!(prefs.accounts.iter().all(|a| !a.contains(',') && !a.trim().is_empty()));
        let _ = thunderbird_profile::parse_profiles_ini(&text, std::path::Path::new("/p"));
    }
}

/// A peer that sends `script` at once, closes its side, and drains what the
/// client sends: every dialogue must end soon after, without a panic.
fn dialogue_ends(
    service: mailsetup::settings::Service,
    script: Vec<u8>,
) -> Result<(), TestCaseError> {
    use mailsetup::probe::{Connector, IncomingProber, Prober, Server};
    use mailsetup::settings::{Security, Service};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const STEP: Duration = Duration::from_millis(500);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            if let Ok((mut s, _)) = listener.accept().await {
                let _ = s.write_all(&script).await;
                let _ = s.shutdown().await;
                let mut sink = [0u8; 4096];
                while let Ok(Ok(n)) =
                    tokio::time::timeout(Duration::from_secs(2), s.read(&mut sink)).await
                {
                    if n == 0 {
                        break;
                    }
                }
            }
        });
        let endpoint = Server {
            service,
            host: "peer.test".into(),
            port: addr.port(),
            security: Security::StartTls,
            source: mailsetup::discover::Source::Guess,
            vouched: true,
            username: None,
        };
        let stage = std::sync::atomic::AtomicU8::new(0);
        let trust = mailsetup::tls::Trust::default();
        let started = Instant::now();
        let ended = match service {
            Service::Submission => {
                let c = Connector::new(trust, STEP).unwrap();
                tokio::time::timeout(STEP * 8, c.open(addr, &endpoint, &stage))
                    .await
                    .map(|r| r.map(|_| ()))
            }
            _ => {
                let p = IncomingProber::new(&trust, STEP).unwrap();
                tokio::time::timeout(STEP * 8, p.open(addr, &endpoint, &stage))
                    .await
                    .map(|r| r.map(|_| ()))
            }
        };
        prop_assert!(ended.is_ok(), "still talking after {:?}", started.elapsed());
        Ok(())
    })
}

fn dialogue_config() -> ProptestConfig {
    ProptestConfig {
        cases: config().cases / 4,
        ..config()
    }
}

proptest! {
    #![proptest_config(dialogue_config())]

    #[test]
    fn smtp_dialogue_ends_whatever_the_server_says(script in input(&["smtp-replies.txt"])) {
        dialogue_ends(mailsetup::settings::Service::Submission, script)?;
    }

    #[test]
    fn imap_dialogue_ends_whatever_the_server_says(script in input(&["imap-replies.txt"])) {
        dialogue_ends(mailsetup::settings::Service::Imap, script)?;
    }

    #[test]
    fn pop3_dialogue_ends_whatever_the_server_says(script in input(&["pop3-replies.txt"])) {
        dialogue_ends(mailsetup::settings::Service::Pop3, script)?;
    }
}
