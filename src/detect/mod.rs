//! The pipeline, named after its data flow:
//! account → discover → probe → (approve) → prove → diagnose → result,
//! for the outgoing side and the incoming side at once. Each step is a
//! function below; the logins are in `login`, the approval gate in `gate`,
//! the user's own servers in `manual`, the offline preset in `offline`.

mod gate;
mod login;
mod manual;
mod offline;

use std::time::Duration;

use crate::account::Account;
use crate::diagnose::{self, ExitStatus, IncomingEnd, RunEnd};
use crate::discover::{self, Discovery, autoconfig_xml::XmlConfig, http::Http};
use crate::dns::Dns;
pub use crate::model::{ApprovalRequest, SetupError};
use crate::model::{
    Attempt, DetectionResult, Finding, FindingKind, IncomingSettings, Lang, OutgoingSettings,
    Progress, Service, TestMessage,
};
use crate::probe::{self, Connector, IncomingProber};
use crate::prove::ProofOutcome;
use crate::prove::incoming::IncomingOutcome;
use crate::tls::Trust;
pub use manual::Manual;

/// Default bound for each network step (connect, TLS, each reply), in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;

/// How many step timeouts the proof (login and test message) may take.
pub const PROOF_STEPS: u32 = 3;

/// The longest a whole run can take, in step timeouts: discovery (1), probing
/// of both sides at once (`probe::PHASE_STEPS`), then the outgoing proof and
/// the incoming login (`PROOF_STEPS` each). A question to the user adds the
/// time the user takes and a reconnect of at most `probe::PHASE_STEPS`.
pub const MAX_RUN_STEPS: u32 = 1 + crate::probe::PHASE_STEPS + 2 * PROOF_STEPS;

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

/// The engines a run works with, set up once.
struct Engines {
    dns: Dns,
    http: Http,
    smtp: Connector,
    imap_pop: IncomingProber,
}

impl Engines {
    fn new(opts: &Options) -> Result<Engines, SetupError> {
        let step = opts.timeout;
        Ok(Engines {
            dns: Dns::system(step).map_err(|e| SetupError::Dns(e.to_string()))?,
            http: Http::new(&opts.trust, step).map_err(SetupError::Http)?,
            smtp: Connector::new(opts.trust.clone(), step)?,
            imap_pop: IncomingProber::new(&opts.trust, step)?,
        })
    }
}

/// How each side ended, and every attempt made on it.
struct Ends {
    outgoing: RunEnd,
    incoming: IncomingEnd,
    out_attempts: Vec<Attempt>,
    in_attempts: Vec<Attempt>,
}

/// Find, probe, prove and explain the account's servers.
pub async fn detect(
    account: &Account,
    opts: &Options,
    approver: &dyn Approver,
    progress: &Progress,
) -> Result<DetectionResult, SetupError> {
    let engines = Engines::new(opts)?;
    let discovery = find_servers(account, opts, &engines, progress).await;
    let ends = if discovery.domain_missing && opts.preset.is_none() {
        Ends {
            outgoing: RunEnd::DomainMissing,
            incoming: IncomingEnd::Skipped,
            out_attempts: Vec::new(),
            in_attempts: Vec::new(),
        }
    } else {
        probe_and_prove(account, opts, approver, &engines, &discovery, progress).await
    };
    Ok(result(account, opts, discovery, ends))
}

/// Step 1: where the servers might be (or the ones the user typed in).
async fn find_servers(
    account: &Account,
    opts: &Options,
    engines: &Engines,
    progress: &Progress,
) -> Discovery {
    if let Some(m) = &opts.manual {
        return manual::discovery(m);
    }
    let ctx = discover::Context {
        email: account.email.clone(),
        http: engines.http.clone(),
        dns: engines.dns.clone(),
        preset: opts.preset.clone(),
        preset_vouched: opts.preset_vouched,
        ispdb_base: opts.ispdb_base.clone(),
        deadline: opts.timeout,
    };
    discover::discover(&ctx, progress).await
}

/// Step 2 and 3: probe both sides at once, then log in on each in turn, so
/// that a wrong password is tried exactly once in the whole run.
async fn probe_and_prove(
    account: &Account,
    opts: &Options,
    approver: &dyn Approver,
    engines: &Engines,
    discovery: &Discovery,
    progress: &Progress,
) -> Ends {
    let (out_endpoints, in_endpoints) = match &opts.manual {
        Some(m) => manual::endpoints(m, opts.incoming),
        None if opts.incoming => (
            probe::plan(&discovery.hints, &[Service::Submission]),
            probe::plan(&discovery.hints, &[Service::Imap, Service::Pop3]),
        ),
        None => (
            probe::plan(&discovery.hints, &[Service::Submission]),
            Vec::new(),
        ),
    };
    // A manual test without an incoming server leaves that side alone.
    let test_incoming = opts.incoming && opts.manual.as_ref().is_none_or(|m| m.incoming.is_some());
    let insecure = opts.allow_insecure;
    let dns = &engines.dns;
    // What the probes learn about addresses is shared by both sides and by
    // the reconnects after a question.
    let paths = std::sync::Arc::new(probe::Paths::default());
    let net = probe::Net { dns, paths: &paths };
    let (mut out_run, mut in_run) = tokio::join!(
        probe::run(
            out_endpoints,
            dns,
            &paths,
            &engines.smtp,
            insecure,
            progress
        ),
        probe::run(
            in_endpoints,
            dns,
            &paths,
            &engines.imap_pop,
            insecure,
            progress
        ),
    );
    let mut gate = gate::Gate::new(approver, opts.approve_untrusted);
    let smtp = &engines.smtp;
    let outgoing =
        login::outgoing(account, opts, &mut gate, progress, smtp, net, &mut out_run).await;
    let incoming = if !test_incoming {
        IncomingEnd::Skipped
    } else if password_refused(&outgoing) {
        IncomingEnd::NotTried
    } else {
        let prober = &engines.imap_pop;
        let e = login::incoming(account, opts, &mut gate, prober, net, &mut in_run).await;
        // Offline: the one finding says it all; "no incoming server" would
        // send the user hunting for the wrong thing.
        match e {
            IncomingEnd::NothingUsable if discovery.offline => IncomingEnd::Skipped,
            e => e,
        }
    };
    out_run.close_all();
    in_run.close_all();
    Ends {
        outgoing,
        incoming,
        out_attempts: out_run.attempts,
        in_attempts: in_run.attempts,
    }
}

/// Step 4: the findings, the proven settings and the exit status.
fn result(account: &Account, opts: &Options, discovery: Discovery, ends: Ends) -> DetectionResult {
    let (mut findings, status) = diagnose::diagnose(
        &ends.outgoing,
        &ends.out_attempts,
        &discovery,
        &account.email,
    );
    findings.extend(diagnose::diagnose_incoming(
        &ends.incoming,
        &ends.in_attempts,
    ));
    // What worked (or did not) on each side first; a web lookup lost to the
    // network is background, said last.
    let (web, mut findings): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|f| matches!(f.kind, FindingKind::WebLookupFailed { .. }));
    findings.extend(web);
    let (outgoing, test_message) = match &ends.outgoing {
        RunEnd::Proof {
            settings, outcome, ..
        } => (
            (status == ExitStatus::Proven).then(|| settings.clone()),
            test_message(outcome),
        ),
        _ => (None, None),
    };
    let incoming = match ends.incoming {
        IncomingEnd::Login {
            settings,
            outcome: IncomingOutcome::LoggedIn,
            ..
        } => Some(settings),
        _ => None,
    };
    let verified = outgoing.is_some();
    let (outgoing, incoming) = match (outgoing, &opts.preset) {
        (None, Some(preset)) if discovery.offline => {
            untested_preset(preset, opts, account, &mut findings).unwrap_or((None, incoming))
        }
        (outgoing, _) => (outgoing, incoming),
    };
    let mut attempts = ends.out_attempts;
    attempts.extend(ends.in_attempts);
    DetectionResult {
        email: account.email.to_string(),
        name: account.name.clone(),
        outgoing,
        incoming,
        test_message,
        verified,
        sources: discovery.reports,
        attempts,
        findings,
        exit_code: status,
    }
}

/// Offline with the ISP's preset: its settings, offered for export and said
/// to be untested.
fn untested_preset(
    preset: &XmlConfig,
    opts: &Options,
    account: &Account,
    findings: &mut Vec<Finding>,
) -> Option<(Option<OutgoingSettings>, Option<IncomingSettings>)> {
    let (o, i) = offline::offer(preset, opts.preset_vouched, account)?;
    findings.push(Finding::new(
        FindingKind::PresetUntested {
            host: o.host.clone(),
        },
        None,
    ));
    Some((Some(o), i))
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
