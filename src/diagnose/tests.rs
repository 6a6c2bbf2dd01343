//! Diagnosis without a network: every finding code `diagnose` can give, from
//! the attempts and the way the run ended, with the exit status it maps to.

use super::*;
use crate::account::EmailAddress;
use crate::discover::WebTrouble;
use crate::model::{AuthMethod, Note, Security, Server, Service, Source};

fn server(host: &str, port: u16) -> Server {
    let service = match port {
        993 | 143 => Service::Imap,
        995 | 110 => Service::Pop3,
        _ => Service::Submission,
    };
    Server {
        service,
        host: host.into(),
        port,
        security: if [465, 993, 995].contains(&port) {
            Security::ImplicitTls
        } else {
            Security::StartTls
        },
        source: Source::Guess,
        vouched: true,
        username: None,
    }
}

/// The one place attempts are made for these tests.
fn attempt(host: &str, port: u16, outcome: ProbeOutcome) -> Attempt {
    Attempt::new(
        &server(host, port),
        0,
        outcome,
        Detail::server("220 hello"),
        None,
        std::time::Duration::from_millis(5),
    )
}

fn ready(host: &str, port: u16) -> Attempt {
    attempt(
        host,
        port,
        ProbeOutcome::Ready {
            mechanisms: vec!["PLAIN".into()],
        },
    )
}

fn silent(host: &str, port: u16) -> Attempt {
    attempt(
        host,
        port,
        ProbeOutcome::TimedOut {
            stage: Stage::Connect,
        },
    )
}

fn settings(host: &str, security: Security) -> OutgoingSettings {
    OutgoingSettings {
        protocol: Service::Submission,
        host: host.into(),
        port: 587,
        security,
        auth: AuthMethod::Plain,
        username: "taro@example.jp".into(),
    }
}

fn proof(outcome: ProofOutcome) -> RunEnd {
    RunEnd::Proof {
        chosen: ready("smtp.example.jp", 587),
        settings: settings("smtp.example.jp", Security::StartTls),
        outcome,
    }
}

fn email() -> EmailAddress {
    EmailAddress::parse("taro@example.jp").unwrap()
}

fn run(
    end: &RunEnd,
    attempts: &[Attempt],
    discovery: &Discovery,
) -> (Vec<&'static str>, ExitStatus) {
    let (findings, status) = diagnose(end, attempts, discovery, &email());
    (findings.iter().map(Finding::code).collect(), status)
}

#[test]
fn every_outgoing_ending_has_its_code_and_exit_status() {
    let none = Discovery::default();
    let reply = || "535 5.7.8 no".to_string();
    let cases: Vec<(&str, RunEnd, &str, ExitStatus)> = vec![
        (
            "sent",
            proof(ProofOutcome::Sent {
                message_id: "<x@y>".into(),
            }),
            "sending-works",
            ExitStatus::Proven,
        ),
        (
            "login only",
            proof(ProofOutcome::LoggedIn),
            "sending-works",
            ExitStatus::Proven,
        ),
        (
            "wrong password",
            proof(ProofOutcome::AuthFailed {
                code: 535,
                reply: reply(),
            }),
            "auth-failed",
            ExitStatus::AuthFailed,
        ),
        (
            "app password",
            proof(ProofOutcome::AppPasswordRequired { reply: reply() }),
            "app-password-required",
            ExitStatus::AuthFailed,
        ),
        (
            "oauth",
            proof(ProofOutcome::OauthRequired { reply: reply() }),
            "oauth-required",
            ExitStatus::AuthFailed,
        ),
        (
            "no auth",
            proof(ProofOutcome::AuthNotOffered),
            "auth-not-offered",
            ExitStatus::Other,
        ),
        (
            "clear",
            proof(ProofOutcome::CleartextRefused),
            "cleartext-only",
            ExitStatus::InsecureOnly,
        ),
        (
            "refused",
            proof(ProofOutcome::MessageRefused {
                code: 554,
                reply: reply(),
            }),
            "message-refused",
            ExitStatus::MessageRefused,
        ),
        (
            "lost",
            proof(ProofOutcome::ConnectionLost {
                detail: Note::Closed.into(),
            }),
            "connection-lost",
            ExitStatus::Other,
        ),
        (
            "unanswered",
            proof(ProofOutcome::LoginUnanswered {
                detail: Note::NoReply.into(),
            }),
            "login-unanswered",
            ExitStatus::Other,
        ),
        (
            "no domain",
            RunEnd::DomainMissing,
            "domain-not-found",
            ExitStatus::BadInput,
        ),
        (
            "asked",
            RunEnd::NeedsApproval(ready("smtp.elsewhere.test", 587)),
            "untrusted-source",
            ExitStatus::NeedsApproval,
        ),
        (
            "declined",
            RunEnd::Declined(ready("smtp.elsewhere.test", 587)),
            "approval-declined",
            ExitStatus::NeedsApproval,
        ),
    ];
    for (what, end, code, status) in cases {
        let (codes, got) = run(&end, &[], &none);
        assert!(codes.contains(&code), "{what}: {codes:?}");
        assert_eq!(got, status, "{what}");
    }
}

#[test]
fn a_password_that_went_out_in_the_clear_is_said() {
    let end = RunEnd::Proof {
        chosen: ready("smtp.example.jp", 587),
        settings: settings("smtp.example.jp", Security::None),
        outcome: ProofOutcome::Sent {
            message_id: "<x@y>".into(),
        },
    };
    let (codes, status) = run(&end, &[], &Discovery::default());
    assert_eq!(codes, ["sending-works", "insecure-allowed"]);
    assert_eq!(status, ExitStatus::Proven);
}

#[test]
fn shared_hosting_names_the_users_own_server() {
    let mut alt = ready("mail.hoster.test", 587);
    alt.found_via = Some("smtp.example.jp".into());
    let (findings, _) = diagnose(
        &RunEnd::NeedsApproval(alt),
        &[],
        &Discovery::default(),
        &email(),
    );
    assert_eq!(findings[0].code(), "shared-hosting");
    assert_eq!(
        findings[0].kind,
        FindingKind::SharedHosting {
            host: "smtp.example.jp".into(),
            offered: "mail.hoster.test".into()
        }
    );
}

#[test]
fn nothing_usable_is_explained_by_what_the_servers_did() {
    let none = Discovery::default();
    let tls = |problem| attempt("smtp.example.jp", 465, ProbeOutcome::TlsFailure { problem });
    let cases: Vec<(&str, Vec<Attempt>, &str, ExitStatus)> = vec![
        (
            "self-signed",
            vec![tls(TlsProblem::Untrusted)],
            "certificate-untrusted",
            ExitStatus::Certificate,
        ),
        (
            "other name",
            vec![tls(TlsProblem::NameMismatch {
                names: vec!["x.test".into()],
            })],
            "certificate-name-mismatch",
            ExitStatus::Certificate,
        ),
        (
            "expired",
            vec![tls(TlsProblem::Expired)],
            "certificate-expired",
            ExitStatus::Certificate,
        ),
        (
            "injection",
            vec![tls(TlsProblem::StarttlsInjection)],
            "starttls-injection",
            ExitStatus::Certificate,
        ),
        (
            "clear only",
            vec![attempt(
                "smtp.example.jp",
                587,
                ProbeOutcome::StarttlsNotOffered { mechanisms: vec![] },
            )],
            "cleartext-only",
            ExitStatus::InsecureOnly,
        ),
        (
            "all silent",
            vec![
                silent("smtp.example.jp", 587),
                silent("smtp.example.jp", 465),
            ],
            "network-blocked",
            ExitStatus::Unreachable,
        ),
        (
            "all refused",
            vec![attempt("smtp.example.jp", 587, ProbeOutcome::Refused)],
            "no-server-found",
            ExitStatus::Unreachable,
        ),
        (
            "no names",
            vec![attempt("smtp.example.jp", 587, ProbeOutcome::DnsFailure)],
            "no-server-found",
            ExitStatus::Unreachable,
        ),
    ];
    for (what, attempts, code, status) in cases {
        let (codes, got) = run(&RunEnd::NothingUsable, &attempts, &none);
        assert!(codes.contains(&code), "{what}: {codes:?}");
        assert_eq!(got, status, "{what}");
    }
}

#[test]
fn offline_is_said_only_when_nothing_answered() {
    let offline = Discovery {
        offline: true,
        ..Default::default()
    };
    let (codes, status) = run(
        &RunEnd::NothingUsable,
        &[silent("smtp.example.jp", 587)],
        &offline,
    );
    assert_eq!((codes, status), (vec!["offline"], ExitStatus::Unreachable));
    // A server that answered proves a network: not "offline".
    let (codes, _) = run(
        &RunEnd::NothingUsable,
        &[attempt(
            "smtp.example.jp",
            465,
            ProbeOutcome::TlsFailure {
                problem: TlsProblem::Expired,
            },
        )],
        &offline,
    );
    assert!(!codes.contains(&"offline"), "{codes:?}");
}

#[test]
fn port_25_silent_beside_an_answering_587_is_op25b() {
    let attempts = [ready("smtp.example.jp", 587), silent("smtp.example.jp", 25)];
    let (codes, status) = run(
        &proof(ProofOutcome::Sent {
            message_id: "<x@y>".into(),
        }),
        &attempts,
        &Discovery::default(),
    );
    // After the good news, never before it.
    assert_eq!(codes, ["sending-works", "port25-blocked"]);
    assert_eq!(status, ExitStatus::Proven);
    // Silent 25 on a host whose other ports are silent too is not OP25B.
    let attempts = [
        silent("smtp.example.jp", 587),
        silent("smtp.example.jp", 25),
    ];
    let (codes, _) = run(&RunEnd::NothingUsable, &attempts, &Discovery::default());
    assert!(!codes.contains(&"port25-blocked"), "{codes:?}");
    // 25 on another host says nothing of this one.
    let attempts = [ready("smtp.example.jp", 587), silent("mail.example.jp", 25)];
    let (codes, _) = run(&RunEnd::NothingUsable, &attempts, &Discovery::default());
    assert!(!codes.contains(&"port25-blocked"), "{codes:?}");
}

#[test]
fn a_web_lookup_lost_to_the_network_is_said_unless_offline() {
    let trouble = Some(WebTrouble {
        proxy: Some("http://proxy.example:8080".into()),
        detail: "connection refused".into(),
    });
    let online = Discovery {
        web_trouble: trouble.clone(),
        ..Default::default()
    };
    let end = proof(ProofOutcome::Sent {
        message_id: "<x@y>".into(),
    });
    let (codes, _) = run(&end, &[], &online);
    assert_eq!(codes, ["sending-works", "web-lookup-failed"]);
    let offline = Discovery {
        web_trouble: trouble,
        offline: true,
        ..Default::default()
    };
    let (codes, _) = run(&RunEnd::NothingUsable, &[], &offline);
    assert!(!codes.contains(&"web-lookup-failed"), "{codes:?}");
}

#[test]
fn a_mistyped_domain_gets_a_suggestion() {
    let email = EmailAddress::parse("taro@gmial.com").unwrap();
    let (findings, _) = diagnose(&RunEnd::DomainMissing, &[], &Discovery::default(), &email);
    assert_eq!(
        findings[0].kind,
        FindingKind::DomainNotFound {
            domain: "gmial.com".into(),
            suggestion: Some("gmail.com".into())
        }
    );
}

#[test]
fn every_incoming_ending_has_its_code_and_leaves_the_exit_status_alone() {
    let login = |outcome| IncomingEnd::Login {
        chosen: ready("imap.example.jp", 993),
        settings: IncomingSettings {
            protocol: Service::Imap,
            host: "imap.example.jp".into(),
            port: 993,
            security: Security::ImplicitTls,
            auth: AuthMethod::Plain,
            username: "taro@example.jp".into(),
        },
        outcome,
    };
    let cases: Vec<(&str, IncomingEnd, Vec<Attempt>, &str)> = vec![
        (
            "works",
            login(IncomingOutcome::LoggedIn),
            vec![],
            "incoming-works",
        ),
        (
            "refused",
            login(IncomingOutcome::AuthFailed { reply: "NO".into() }),
            vec![],
            "incoming-auth-failed",
        ),
        (
            "clear",
            login(IncomingOutcome::CleartextRefused),
            vec![],
            "incoming-cleartext-only",
        ),
        (
            "no method",
            login(IncomingOutcome::NoUsableMethod),
            vec![],
            "incoming-no-login-method",
        ),
        (
            "lost",
            login(IncomingOutcome::ConnectionLost {
                detail: Note::Closed.into(),
            }),
            vec![],
            "incoming-connection-lost",
        ),
        (
            "not tried",
            IncomingEnd::NotTried,
            vec![ready("imap.example.jp", 993)],
            "incoming-not-tried",
        ),
        (
            "asked",
            IncomingEnd::NeedsApproval(ready("imap.elsewhere.test", 993)),
            vec![],
            "incoming-untrusted-source",
        ),
        (
            "none",
            IncomingEnd::NothingUsable,
            vec![silent("imap.example.jp", 993)],
            "incoming-not-found",
        ),
        (
            "certificate",
            IncomingEnd::NothingUsable,
            vec![attempt(
                "imap.example.jp",
                993,
                ProbeOutcome::TlsFailure {
                    problem: TlsProblem::Untrusted,
                },
            )],
            "incoming-certificate-problem",
        ),
        (
            "clear only",
            IncomingEnd::NothingUsable,
            vec![attempt(
                "imap.example.jp",
                143,
                ProbeOutcome::StarttlsNotOffered { mechanisms: vec![] },
            )],
            "incoming-cleartext-only",
        ),
    ];
    for (what, end, attempts, code) in cases {
        let codes: Vec<&str> = diagnose_incoming(&end, &attempts)
            .iter()
            .map(Finding::code)
            .collect();
        assert!(codes.contains(&code), "{what}: {codes:?}");
    }
    assert!(diagnose_incoming(&IncomingEnd::Skipped, &[]).is_empty());
}
