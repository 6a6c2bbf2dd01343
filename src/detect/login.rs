//! The logins, one per side: the best probed server is chosen, approved if no
//! source vouches for it, reached (the probe's own session, or a fresh one
//! after a question), and then proven — the outgoing side by login and test
//! message, the incoming side by login. Both sides share one skeleton
//! (`reach`), so they cannot drift apart.

use std::time::Duration;

use tracing::Instrument;

use super::gate::{Approval, Gate};
use super::{Options, PROOF_STEPS};
use crate::account::Account;
use crate::diagnose::{IncomingEnd, RunEnd};
use crate::model::{
    Attempt, AuthMethod, Detail, Event, IncomingSettings, Note, OutgoingSettings, Progress,
    Security, Service,
};
use crate::probe::{self, Connector, IncomingProber, IncomingSession, ProbeSession, Prober};
use crate::prove::incoming::{IncomingOutcome, username};
use crate::prove::{self, ProofOutcome};

/// How choosing and reaching one side's best server ended.
enum Reached<S> {
    Session {
        chosen: Attempt,
        session: S,
    },
    NothingUsable,
    NeedsApproval(Attempt),
    Declined(Attempt),
    /// Approved, but the connection could not be had again.
    Lost {
        chosen: Attempt,
        detail: Detail,
    },
}

/// The shared skeleton: the best server of `run`, through the gate, with a
/// session to log in on.
async fn reach<P: Prober>(
    run: &mut probe::ProbeRun<P::Session>,
    opts: &Options,
    gate: &mut Gate<'_>,
    prober: &P,
    net: probe::Net<'_>,
) -> Reached<P::Session> {
    let Some(chosen) = run.best(opts.allow_insecure).cloned() else {
        return Reached::NothingUsable;
    };
    let asked = match gate.check(&chosen) {
        Approval::Needed => return Reached::NeedsApproval(chosen),
        Approval::Declined => return Reached::Declined(chosen),
        Approval::Granted => false,
        Approval::GrantedAfterAsking => true,
    };
    let kept = run.sessions.remove(&chosen.rank);
    match session_for(prober, net, &chosen, kept, asked, opts.timeout).await {
        Ok(session) => Reached::Session { chosen, session },
        Err(detail) => Reached::Lost { chosen, detail },
    }
}

/// The session to log in on: the probe's own, or a fresh one after a question.
async fn session_for<P: Prober>(
    prober: &P,
    net: probe::Net<'_>,
    chosen: &Attempt,
    kept: Option<P::Session>,
    asked: bool,
    step: Duration,
) -> Result<P::Session, Detail> {
    match kept {
        Some(s) if !asked => return Ok(s),
        Some(s) => {
            tokio::spawn(s.quit());
        }
        None => {}
    }
    let endpoint = chosen.server.clone();
    // Each step of the new connection is bounded; the whole of it too, by as
    // much as the probing phase had. The address the probe used goes first.
    let limit = step * probe::PHASE_STEPS;
    let reconnect = async {
        let tcp = net
            .connect(&endpoint.host, endpoint.port, chosen.address, step)
            .await
            .map_err(|((_, detail), _)| detail)?;
        let stage = std::sync::atomic::AtomicU8::new(0);
        prober
            .open_on(tcp, &endpoint, &stage)
            .instrument(probe::wire::span(&endpoint))
            .await
            .map_err(|(_, detail)| detail)
    };
    tokio::time::timeout(limit, reconnect)
        .await
        .unwrap_or_else(|_| {
            Err(Note::NoAnswerAfterQuestion {
                within_ms: limit.as_millis() as u64,
            }
            .into())
        })
}

/// The outgoing side: reach the best server, then log in and send the test
/// message.
pub(super) async fn outgoing(
    account: &Account,
    opts: &Options,
    gate: &mut Gate<'_>,
    progress: &Progress,
    smtp: &Connector,
    net: probe::Net<'_>,
    run: &mut probe::ProbeRun<probe::Session>,
) -> RunEnd {
    let (chosen, mut session) = match reach(run, opts, gate, smtp, net).await {
        Reached::Session { chosen, session } => (chosen, session),
        Reached::NothingUsable => return RunEnd::NothingUsable,
        Reached::NeedsApproval(a) => return RunEnd::NeedsApproval(a),
        Reached::Declined(a) => return RunEnd::Declined(a),
        Reached::Lost { chosen, detail } => {
            let settings = outgoing_settings(account, &chosen, None, AuthMethod::None);
            return RunEnd::Proof {
                chosen,
                settings,
                outcome: ProofOutcome::ConnectionLost { detail },
            };
        }
    };
    let auth = outgoing_auth(opts, &session);
    let settings = outgoing_settings(account, &chosen, Some(session.encrypted), auth);
    let wire = probe::wire::span(&chosen.server);
    let outcome = prove_outgoing(account, opts, progress, &mut session, &settings, &chosen)
        .instrument(wire.clone())
        .await;
    tokio::spawn(session.quit().instrument(wire));
    RunEnd::Proof {
        chosen,
        settings,
        outcome,
    }
}

/// The login to use: the one the user chose, if the server offers it, else
/// the best the server offers.
fn outgoing_auth(opts: &Options, session: &probe::Session) -> AuthMethod {
    let offered = |a: AuthMethod| match a.sasl_name() {
        Some(name) => session.caps.offers(name),
        None => true,
    };
    match opts.manual.as_ref().and_then(|m| m.auth) {
        Some(a) if offered(a) => a,
        _ => prove::choose_auth(&session.caps).unwrap_or(AuthMethod::None),
    }
}

/// The settings as they will be written: the security the session really has
/// (`encrypted`: `None` when unknown, as after a lost connection), and the
/// user-name rule of both sides.
fn outgoing_settings(
    account: &Account,
    chosen: &Attempt,
    encrypted: Option<bool>,
    auth: AuthMethod,
) -> OutgoingSettings {
    OutgoingSettings {
        protocol: Service::Submission,
        host: chosen.server.host.clone(),
        port: chosen.server.port,
        security: match encrypted {
            Some(false) => Security::None,
            _ => chosen.server.security,
        },
        auth,
        username: username(account, chosen.server.username.as_ref()),
    }
}

/// Log in and send the test message, within `PROOF_STEPS` steps.
async fn prove_outgoing(
    account: &Account,
    opts: &Options,
    progress: &Progress,
    session: &mut probe::Session,
    settings: &OutgoingSettings,
    chosen: &Attempt,
) -> ProofOutcome {
    if session.caps.oauth_only() {
        return ProofOutcome::OauthRequired {
            reply: format!("AUTH {}", session.caps.auth.join(" ")),
        };
    }
    if settings.auth == AuthMethod::None {
        return ProofOutcome::AuthNotOffered;
    }
    let endpoint = chosen.server.clone();
    progress.emit(Event::Authenticating(endpoint.clone()));
    if opts.send {
        progress.emit(Event::Sending(endpoint));
    }
    let proof = prove::prove(
        session,
        account,
        settings,
        opts.allow_insecure,
        opts.send,
        opts.lang,
    );
    let outcome = tokio::time::timeout(opts.timeout * PROOF_STEPS, proof)
        .await
        .unwrap_or_else(|_| ProofOutcome::ConnectionLost {
            detail: Note::ProofTimedOut.into(),
        });
    match outcome {
        ProofOutcome::ConnectionLost { detail } if session.login_unanswered() => {
            ProofOutcome::LoginUnanswered { detail }
        }
        other => other,
    }
}

/// The incoming side: reach the best server, then log in once.
pub(super) async fn incoming(
    account: &Account,
    opts: &Options,
    gate: &mut Gate<'_>,
    prober: &IncomingProber,
    net: probe::Net<'_>,
    run: &mut probe::ProbeRun<IncomingSession>,
) -> IncomingEnd {
    let (chosen, mut session) = match reach(run, opts, gate, prober, net).await {
        Reached::Session { chosen, session } => (chosen, session),
        Reached::NothingUsable => return IncomingEnd::NothingUsable,
        Reached::NeedsApproval(a) => return IncomingEnd::NeedsApproval(a),
        Reached::Declined(a) => return IncomingEnd::Declined(a),
        Reached::Lost { chosen, detail } => {
            let settings = incoming_settings(account, &chosen, None, AuthMethod::None);
            return IncomingEnd::Login {
                chosen,
                settings,
                outcome: IncomingOutcome::ConnectionLost { detail },
            };
        }
    };
    let how = session.choose_auth();
    let auth = how.map(|h| h.method()).unwrap_or(AuthMethod::None);
    let settings = incoming_settings(account, &chosen, Some(session.encrypted()), auth);
    let login = prove::incoming::prove(
        &mut session,
        how,
        &settings.username,
        &account.password,
        opts.allow_insecure,
    );
    let wire = probe::wire::span(&chosen.server);
    let outcome = tokio::time::timeout(opts.timeout * PROOF_STEPS, login)
        .instrument(wire.clone())
        .await
        .unwrap_or_else(|_| IncomingOutcome::ConnectionLost {
            detail: Note::LoginTimedOut.into(),
        });
    tokio::spawn(session.quit().instrument(wire));
    IncomingEnd::Login {
        chosen,
        settings,
        outcome,
    }
}

/// As `outgoing_settings`, for IMAP or POP3.
fn incoming_settings(
    account: &Account,
    chosen: &Attempt,
    encrypted: Option<bool>,
    auth: AuthMethod,
) -> IncomingSettings {
    IncomingSettings {
        protocol: chosen.server.service,
        host: chosen.server.host.clone(),
        port: chosen.server.port,
        security: match encrypted {
            Some(false) => Security::None,
            _ => chosen.server.security,
        },
        auth,
        username: username(account, chosen.server.username.as_ref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::Dns;
    use crate::model::{Service, Source};
    use crate::probe::{ProbeOutcome, ProbeSession, Prober, Server};

    /// A server that accepts the connection and then never finishes greeting:
    /// only our deadline can end the reconnect.
    #[derive(Clone)]
    struct NeverReady;
    struct NoSession;

    impl ProbeSession for NoSession {
        fn outcome(&self) -> ProbeOutcome {
            ProbeOutcome::Abandoned {
                stage: crate::probe::Stage::Greeting,
            }
        }
        fn summary(&self) -> Detail {
            Detail::None
        }
        async fn quit(self) {}
    }

    impl Prober for NeverReady {
        type Session = NoSession;
        fn step(&self) -> Duration {
            Duration::from_millis(100)
        }
        fn open_on(
            &self,
            _tcp: tokio::net::TcpStream,
            _endpoint: &Server,
            _stage: &std::sync::atomic::AtomicU8,
        ) -> impl Future<Output = Result<NoSession, (ProbeOutcome, Detail)>> + Send {
            std::future::pending()
        }
    }

    #[tokio::test]
    async fn the_reconnect_after_a_question_has_a_deadline() {
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = Server {
            service: Service::Submission,
            // An address: no DNS query is made. It accepts, and never greets.
            host: "127.0.0.1".into(),
            port: silent.local_addr().unwrap().port(),
            security: Security::StartTls,
            source: Source::Srv,
            vouched: false,
            username: None,
        };
        let chosen = probe::Attempt {
            server: endpoint.clone(),
            outcome: ProbeOutcome::Ready {
                mechanisms: vec!["PLAIN".into()],
            },
            detail: Detail::None,
            address: None,
            elapsed_ms: 1,
            found_via: None,
            rank: 0,
        };
        let dns = Dns::system(Duration::from_secs(1)).unwrap();
        let paths = probe::Paths::default();
        let net = probe::Net {
            dns: &dns,
            paths: &paths,
        };
        let step = Duration::from_millis(100);
        let limit = step * probe::PHASE_STEPS;
        let started = std::time::Instant::now();
        let r = tokio::time::timeout(
            Duration::from_secs(5),
            session_for(&NeverReady, net, &chosen, None, true, step),
        )
        .await
        .expect("the reconnect has no deadline");
        let Err(detail) = r else {
            panic!("a session out of nowhere")
        };
        assert!(
            matches!(detail, Detail::Note(Note::NoAnswerAfterQuestion { .. })),
            "{detail:?}"
        );
        assert!(started.elapsed() >= limit);
    }
}
