//! The pipeline, named after its data flow:
//! account → discover → probe → (approve) → prove → diagnose → result,
//! for the outgoing side and then the incoming side.

use std::collections::HashSet;
use std::time::Duration;

use crate::account::Account;
use crate::diagnose::{self, ExitStatus, IncomingEnd, RunEnd};
use crate::discover::{self, autoconfig_xml::XmlConfig, http::Http};
use crate::dns::Dns;
pub use crate::model::{ApprovalRequest, SetupError};
use crate::model::{Detail, Lang, Note};
use crate::probe::{
    self, Attempt, Connector, IncomingProber, IncomingSession, ProbeSession, Prober,
};
use crate::progress::{Event, Progress};
use crate::prove::incoming::IncomingOutcome;
use crate::prove::{self, ProofOutcome};
use crate::settings::{
    AuthMethod, DetectionResult, IncomingSettings, OutgoingSettings, Security, Service, TestMessage,
};
use crate::tls::Trust;

/// Default bound for each network step (connect, TLS, each reply), in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;

/// How many step timeouts the proof (login and test message) may take.
pub const PROOF_STEPS: u32 = 3;

/// The longest a whole run can take, in step timeouts: discovery (1), probing
/// of both sides at once (`probe::PHASE_STEPS`), then the outgoing proof and
/// the incoming login (`PROOF_STEPS` each). A question to the user adds the
/// time the user takes and a reconnect of at most `probe::PHASE_STEPS`.
pub const MAX_RUN_STEPS: u32 = 1 + crate::probe::PHASE_STEPS + 2 * PROOF_STEPS;

/// "Change settings": the servers the user typed in, tested instead of detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manual {
    pub outgoing: ManualServer,
    /// `None`: the incoming side is not tested.
    pub incoming: Option<ManualIncoming>,
}

/// The outgoing server the user typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualServer {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// `None`: the best the server offers.
    pub auth: Option<AuthMethod>,
}

/// The incoming server the user typed in; the login is the best it offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualIncoming {
    /// `Service::Imap` or `Service::Pop3`.
    pub protocol: Service,
    pub host: String,
    pub port: u16,
    pub security: Security,
}

pub struct Options {
    pub trust: Trust,
    pub preset: Option<XmlConfig>,
    /// The preset was given on purpose (`--preset`, support staff); `false`
    /// for one found beside the program, whose outside servers need approval.
    pub preset_vouched: bool,
    /// `None` turns the ISPDB off.
    pub ispdb_base: Option<String>,
    /// Bound for each step; see `DEFAULT_TIMEOUT_SECS`.
    pub timeout: Duration,
    pub send: bool,
    pub allow_insecure: bool,
    pub approve_untrusted: bool,
    /// Also find and prove the incoming (IMAP/POP3) server.
    pub incoming: bool,
    /// Test exactly these servers (no discovery).
    pub manual: Option<Manual>,
    pub lang: Lang,
}

impl Options {
    /// The defaults: every source (the public ISPDB included), send the test
    /// message, both directions, nothing insecure, nothing approved in advance.
    pub fn new(trust: Trust, lang: Lang) -> Options {
        Options {
            trust,
            preset: None,
            preset_vouched: true,
            ispdb_base: Some(discover::ISPDB_DEFAULT_BASE.into()),
            timeout: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
            send: true,
            allow_insecure: false,
            approve_untrusted: false,
            incoming: true,
            manual: None,
            lang,
        }
    }
}

/// Asks the user. `None`: nobody can be asked (non-interactive run).
pub trait Approver: Send + Sync {
    fn approve(&self, request: &ApprovalRequest) -> Option<bool>;
}

/// Never asks anyone: for scripts and tests.
pub struct NoApprover;

impl Approver for NoApprover {
    fn approve(&self, _: &ApprovalRequest) -> Option<bool> {
        None
    }
}

pub async fn detect(
    account: &Account,
    opts: &Options,
    approver: &dyn Approver,
    progress: &Progress,
) -> Result<DetectionResult, SetupError> {
    let step = opts.timeout;
    let dns = Dns::system(step).map_err(|e| SetupError::Dns(e.to_string()))?;
    let http = Http::new(&opts.trust, step).map_err(SetupError::Http)?;
    let smtp = Connector::new(opts.trust.clone(), step)?;
    let imap_pop = IncomingProber::new(&opts.trust, step)?;

    let ctx = discover::Context {
        email: account.email.clone(),
        http,
        dns: dns.clone(),
        preset: opts.preset.clone(),
        preset_vouched: opts.preset_vouched,
        ispdb_base: opts.ispdb_base.clone(),
        deadline: step,
    };
    let discovery = match &opts.manual {
        Some(m) => manual_discovery(m),
        None => discover::discover(&ctx, progress).await,
    };

    let mut out_attempts = Vec::new();
    let mut in_attempts = Vec::new();
    let (end, in_end) = if discovery.domain_missing && opts.preset.is_none() {
        (RunEnd::DomainMissing, IncomingEnd::Skipped)
    } else {
        // Both directions are probed at once; the logins then take turns, so
        // that a wrong password is tried exactly once in the whole run.
        let out_endpoints = match &opts.manual {
            Some(m) => vec![manual_endpoint(
                Service::Submission,
                &m.outgoing.host,
                m.outgoing.port,
                m.outgoing.security,
            )],
            None => probe::plan(&discovery.hints, &[Service::Submission]),
        };
        let in_endpoints = match (&opts.manual, opts.incoming) {
            (_, false) => Vec::new(),
            (Some(m), true) => m
                .incoming
                .iter()
                .map(|i| manual_endpoint(i.protocol, &i.host, i.port, i.security))
                .collect(),
            (None, true) => probe::plan(&discovery.hints, &[Service::Imap, Service::Pop3]),
        };
        // A manual test without an incoming server leaves that side alone.
        let test_incoming =
            opts.incoming && opts.manual.as_ref().is_none_or(|m| m.incoming.is_some());
        let insecure = opts.allow_insecure;
        // What the probes learn about addresses is shared by both sides and
        // by the reconnects after a question.
        let paths = std::sync::Arc::new(probe::Paths::default());
        let net = probe::Net {
            dns: &dns,
            paths: &paths,
        };
        let (mut out_run, mut in_run) = tokio::join!(
            probe::run(out_endpoints, &dns, &paths, &smtp, insecure, progress),
            probe::run(in_endpoints, &dns, &paths, &imap_pop, insecure, progress),
        );
        let mut gate = Gate::new(approver, opts.approve_untrusted);
        let end = outgoing(account, opts, &mut gate, progress, &smtp, net, &mut out_run).await;
        let in_end = if !test_incoming {
            IncomingEnd::Skipped
        } else if password_refused(&end) {
            IncomingEnd::NotTried
        } else {
            let e = incoming(account, opts, &mut gate, &imap_pop, net, &mut in_run).await;
            // Offline: the one finding says it all; "no incoming server"
            // would send the user hunting for the wrong thing.
            match e {
                IncomingEnd::NothingUsable if discovery.offline => IncomingEnd::Skipped,
                e => e,
            }
        };
        out_run.close_all();
        in_run.close_all();
        out_attempts = out_run.attempts;
        in_attempts = in_run.attempts;
        (end, in_end)
    };

    let (mut findings, status) =
        diagnose::diagnose(&end, &out_attempts, &discovery, &account.email);
    findings.extend(diagnose::diagnose_incoming(&in_end, &in_attempts));
    let (outgoing, test_message) = match &end {
        RunEnd::Proof {
            settings, outcome, ..
        } => (
            (status == ExitStatus::Proven).then(|| settings.clone()),
            test_message(outcome),
        ),
        _ => (None, None),
    };
    let incoming = match in_end {
        IncomingEnd::Login {
            settings,
            outcome: IncomingOutcome::LoggedIn,
            ..
        } => Some(settings),
        _ => None,
    };
    let mut attempts = out_attempts;
    attempts.extend(in_attempts);
    // Offline with the ISP's preset: its settings can still be exported,
    // marked untested everywhere, and will work once the computer is online.
    let verified = outgoing.is_some();
    let (outgoing, incoming) = match (&outgoing, &opts.preset) {
        (None, Some(preset)) if discovery.offline => {
            let untested = offline_offer(preset, opts.preset_vouched, account);
            match untested {
                Some((o, i)) => {
                    findings.push(diagnose::Finding::new(
                        diagnose::FindingKind::PresetUntested {
                            host: o.host.clone(),
                        },
                        None,
                    ));
                    (Some(o), i)
                }
                None => (outgoing, incoming),
            }
        }
        _ => (outgoing, incoming),
    };
    Ok(DetectionResult {
        email: account.email.to_string(),
        name: account.name.clone(),
        outgoing,
        incoming,
        test_message,
        verified,
        sources: discovery.reports,
        attempts,
        findings,
        exit_code: status as i32,
    })
}

/// Offline, the preset's settings offered for export. A preset found beside
/// the program could be planted: no one can be asked now, so only servers in
/// the user's own domain (by name, not by address) are offered from it.
fn offline_offer(
    preset: &XmlConfig,
    vouched: bool,
    account: &Account,
) -> Option<(OutgoingSettings, Option<IncomingSettings>)> {
    let acceptable =
        |host: &str| vouched || (account.email.domain_covers(host) && !probe::is_address(host));
    discover::preset::untested_settings(preset, &account.login)
        .filter(|(o, _)| acceptable(&o.host))
        .map(|(o, i)| (o, i.filter(|i| acceptable(&i.host))))
}

/// "Change settings": the user's own servers instead of discovery.
fn manual_discovery(m: &Manual) -> discover::Discovery {
    let hint = |service: Service, host: &str, port: u16, security: Security| discover::ServerHint {
        service,
        host: host.to_string(),
        endpoint: Some((port, security)),
        source: discover::Source::Manual,
        vouched: true,
        username: None,
    };
    let o = &m.outgoing;
    let mut hints = vec![hint(Service::Submission, &o.host, o.port, o.security)];
    hints.extend(
        m.incoming
            .iter()
            .map(|i| hint(i.protocol, &i.host, i.port, i.security)),
    );
    discover::Discovery {
        hints,
        ..Default::default()
    }
}

/// A server the user typed in: tried exactly as given, and vouched for by them.
fn manual_endpoint(service: Service, host: &str, port: u16, security: Security) -> probe::Endpoint {
    probe::Endpoint {
        service,
        host: host.to_string(),
        port,
        security,
        source: discover::Source::Manual,
        vouched: true,
        username: None,
    }
}

fn test_message(outcome: &ProofOutcome) -> Option<TestMessage> {
    match outcome {
        ProofOutcome::Sent { message_id } => Some(TestMessage {
            sent: true,
            message_id: Some(message_id.clone()),
        }),
        ProofOutcome::MessageRefused { .. } | ProofOutcome::LoggedIn => Some(TestMessage {
            sent: false,
            message_id: None,
        }),
        _ => None,
    }
}

/// The outgoing server refused the password itself (not the connection), or
/// may have counted it as a failed login (no answer after it was sent).
fn password_refused(end: &RunEnd) -> bool {
    matches!(
        end,
        RunEnd::Proof {
            outcome: ProofOutcome::AuthFailed { .. }
                | ProofOutcome::AppPasswordRequired { .. }
                | ProofOutcome::OauthRequired { .. }
                | ProofOutcome::LoginUnanswered { .. },
            ..
        }
    )
}

/// The approval rule, asked at most once per host in a run.
struct Gate<'a> {
    approver: &'a dyn Approver,
    approve_untrusted: bool,
    approved: HashSet<String>,
}

enum Approval {
    /// Vouched for, or approved earlier in this run.
    Granted,
    /// The user said yes just now (the server may have hung up meanwhile).
    GrantedAfterAsking,
    Needed,
    Declined,
}

impl<'a> Gate<'a> {
    fn new(approver: &'a dyn Approver, approve_untrusted: bool) -> Self {
        Gate {
            approver,
            approve_untrusted,
            approved: HashSet::new(),
        }
    }

    fn check(&mut self, chosen: &Attempt) -> Approval {
        if chosen.vouched || self.approve_untrusted || self.approved.contains(&chosen.host) {
            return Approval::Granted;
        }
        let request = ApprovalRequest {
            service: chosen.service,
            host: chosen.host.clone(),
            source: chosen.source.clone(),
            owner: discover::registrable_domain(&chosen.host)
                .unwrap_or_else(|| chosen.host.clone()),
            found_via: chosen.found_via.clone(),
        };
        // The question may wait on a person: do not hold a runtime thread.
        match tokio::task::block_in_place(|| self.approver.approve(&request)) {
            None => Approval::Needed,
            Some(false) => Approval::Declined,
            Some(true) => {
                self.approved.insert(chosen.host.clone());
                Approval::GrantedAfterAsking
            }
        }
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
    let endpoint = chosen.endpoint();
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

async fn outgoing(
    account: &Account,
    opts: &Options,
    gate: &mut Gate<'_>,
    progress: &Progress,
    smtp: &Connector,
    net: probe::Net<'_>,
    run: &mut probe::ProbeRun<probe::Session>,
) -> RunEnd {
    let Some(chosen) = run.best(opts.allow_insecure).cloned() else {
        return RunEnd::NothingUsable;
    };
    let asked = match gate.check(&chosen) {
        Approval::Needed => return RunEnd::NeedsApproval(chosen),
        Approval::Declined => return RunEnd::Declined(chosen),
        Approval::Granted => false,
        Approval::GrantedAfterAsking => true,
    };
    let kept = run.sessions.remove(&chosen.rank);
    let mut session = match session_for(smtp, net, &chosen, kept, asked, opts.timeout).await {
        Ok(s) => s,
        Err(detail) => return connection_lost(chosen, account, detail),
    };
    let endpoint = chosen.endpoint();
    let security = if session.encrypted {
        endpoint.security
    } else {
        Security::None
    };
    let offered = |a: AuthMethod| match a {
        AuthMethod::CramMd5 => session.caps.offers("CRAM-MD5"),
        AuthMethod::Plain => session.caps.offers("PLAIN"),
        AuthMethod::Login => session.caps.offers("LOGIN"),
        AuthMethod::None => true,
    };
    let auth = match opts.manual.as_ref().and_then(|m| m.outgoing.auth) {
        Some(a) if offered(a) => a,
        _ => prove::choose_auth(&session.caps).unwrap_or(AuthMethod::None),
    };
    let settings = OutgoingSettings {
        host: endpoint.host.clone(),
        port: endpoint.port,
        security,
        auth,
        username: prove::incoming::username(account, endpoint.username.as_ref()),
    };
    let outcome = if session.caps.oauth_only() {
        ProofOutcome::OauthRequired {
            reply: format!("AUTH {}", session.caps.auth.join(" ")),
        }
    } else if auth == AuthMethod::None {
        ProofOutcome::AuthNotOffered
    } else {
        progress.emit(Event::Authenticating(endpoint.clone()));
        if opts.send {
            progress.emit(Event::Sending(endpoint.clone()));
        }
        // Each reply is bounded by a step; the whole proof by three of them.
        let proof = prove::prove(
            &mut session,
            account,
            &settings,
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
    };
    tokio::spawn(session.quit());
    RunEnd::Proof {
        chosen,
        settings,
        outcome,
    }
}

async fn incoming(
    account: &Account,
    opts: &Options,
    gate: &mut Gate<'_>,
    prober: &IncomingProber,
    net: probe::Net<'_>,
    run: &mut probe::ProbeRun<IncomingSession>,
) -> IncomingEnd {
    let Some(chosen) = run.best(opts.allow_insecure).cloned() else {
        return IncomingEnd::NothingUsable;
    };
    let asked = match gate.check(&chosen) {
        Approval::Needed => return IncomingEnd::NeedsApproval(chosen),
        Approval::Declined => return IncomingEnd::Declined(chosen),
        Approval::Granted => false,
        Approval::GrantedAfterAsking => true,
    };
    let kept = run.sessions.remove(&chosen.rank);
    let endpoint = chosen.endpoint();
    let username = prove::incoming::username(account, endpoint.username.as_ref());
    let mut settings = IncomingSettings {
        protocol: endpoint.service,
        host: endpoint.host.clone(),
        port: endpoint.port,
        security: endpoint.security,
        auth: AuthMethod::None,
        username,
    };
    let mut session = match session_for(prober, net, &chosen, kept, asked, opts.timeout).await {
        Ok(s) => s,
        Err(detail) => {
            return IncomingEnd::Login {
                chosen,
                settings,
                outcome: IncomingOutcome::ConnectionLost { detail },
            };
        }
    };
    if !session.encrypted() {
        settings.security = Security::None;
    }
    let how = session.choose_auth();
    settings.auth = how.map(|h| h.method()).unwrap_or(AuthMethod::None);
    let login = prove::incoming::prove(
        &mut session,
        how,
        &settings.username,
        &account.password,
        opts.allow_insecure,
    );
    let outcome = tokio::time::timeout(opts.timeout * PROOF_STEPS, login)
        .await
        .unwrap_or_else(|_| IncomingOutcome::ConnectionLost {
            detail: Note::LoginTimedOut.into(),
        });
    tokio::spawn(session.quit());
    IncomingEnd::Login {
        chosen,
        settings,
        outcome,
    }
}

fn connection_lost(chosen: Attempt, account: &Account, detail: Detail) -> RunEnd {
    let settings = OutgoingSettings {
        host: chosen.host.clone(),
        port: chosen.port,
        security: chosen.security,
        auth: AuthMethod::None,
        username: account.login.clone(),
    };
    RunEnd::Proof {
        chosen,
        settings,
        outcome: ProofOutcome::ConnectionLost { detail },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::{Endpoint, ProbeOutcome, ProbeSession, Prober};

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
            _endpoint: &Endpoint,
            _stage: &std::sync::atomic::AtomicU8,
        ) -> impl Future<Output = Result<NoSession, (ProbeOutcome, Detail)>> + Send {
            std::future::pending()
        }
    }

    #[test]
    fn offline_a_planted_preset_offers_only_the_users_own_servers() {
        let email = crate::account::EmailAddress::parse("taro@example.jp").unwrap();
        let account = Account::new(
            email.clone(),
            None,
            None,
            crate::account::Password::new("x"),
        );
        let xml = |out: &str, inc: &str| {
            format!(
                r#"<clientConfig version="1.1"><emailProvider id="x"><domain>example.jp</domain>
  <outgoingServer type="smtp"><hostname>{out}</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>
  <incomingServer type="imap"><hostname>{inc}</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
</emailProvider></clientConfig>"#
            )
        };
        let parse = |x: String| discover::autoconfig_xml::parse_str(&x, &email).unwrap();
        let own = parse(xml("smtp.example.jp", "imap.example.jp"));
        let outside = parse(xml("smtp.attacker.example", "imap.example.jp"));
        let address = parse(xml("203.0.113.5", "imap.attacker.example"));
        assert!(offline_offer(&own, false, &account).is_some());
        assert!(offline_offer(&outside, false, &account).is_none());
        assert!(offline_offer(&address, false, &account).is_none());
        // Handed over by support staff: offered as written.
        assert!(offline_offer(&outside, true, &account).is_some());
        let (_, inc) = offline_offer(
            &parse(xml("smtp.example.jp", "imap.attacker.example")),
            false,
            &account,
        )
        .unwrap();
        assert!(inc.is_none(), "the outside incoming server is left out");
    }

    #[tokio::test]
    async fn the_reconnect_after_a_question_has_a_deadline() {
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = Endpoint {
            service: Service::Submission,
            // An address: no DNS query is made. It accepts, and never greets.
            host: "127.0.0.1".into(),
            port: silent.local_addr().unwrap().port(),
            security: Security::StartTls,
            source: discover::Source::Srv,
            vouched: false,
            username: None,
        };
        let chosen = probe::Attempt {
            service: endpoint.service,
            host: endpoint.host.clone(),
            port: endpoint.port,
            security: endpoint.security,
            source: endpoint.source.clone(),
            outcome: ProbeOutcome::Ready {
                mechanisms: vec!["PLAIN".into()],
            },
            detail: Detail::None,
            address: None,
            elapsed_ms: 1,
            found_via: None,
            rank: 0,
            vouched: false,
            username: None,
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
