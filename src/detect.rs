//! The pipeline, named after its data flow:
//! account → discover → probe → (approve) → prove → diagnose → result.

use std::time::Duration;

use crate::account::Account;
use crate::diagnose::{self, ExitStatus, RunEnd};
use crate::discover::{self, autoconfig_xml::XmlConfig, http::Http};
use crate::dns::Dns;
use crate::i18n::Lang;
use crate::probe::{self, Attempt, Connector, ProbeSession, Prober};
use crate::progress::{Event, Progress};
use crate::prove::{self, ProofOutcome};
use crate::settings::{
    AuthMethod, DetectionResult, OutgoingSettings, Security, Service, TestMessage,
};
use crate::tls::Trust;

/// Default bound for each network step (connect, TLS, each reply), in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;

/// How many step timeouts the proof (login and test message) may take.
pub const PROOF_STEPS: u32 = 3;

/// The longest a whole run can take, in step timeouts: discovery (1), probing
/// (`probe::PHASE_STEPS`) and the proof (`PROOF_STEPS`); questions to the user
/// and a reconnect after them come on top.
pub const MAX_RUN_STEPS: u32 = 1 + crate::probe::PHASE_STEPS + PROOF_STEPS;

pub struct Options {
    pub trust: Trust,
    pub preset: Option<XmlConfig>,
    /// `None` turns the ISPDB off.
    pub ispdb_base: Option<String>,
    /// Bound for each step; see `DEFAULT_TIMEOUT_SECS`.
    pub timeout: Duration,
    pub send: bool,
    pub allow_insecure: bool,
    pub approve_untrusted: bool,
    pub lang: Lang,
}

/// What the user is asked before the password goes to a server nobody vouched for.
#[derive(Debug, Clone)]
pub struct ApprovalRequest {
    pub host: String,
    pub source: discover::Source,
    /// Shared hosting: the name the user's own server name led to.
    pub found_via: Option<String>,
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

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{0}")]
    Tls(#[from] crate::tls::TrustError),
    #[error("cannot use the system's DNS settings: {0}")]
    Dns(crate::dns::DnsError),
    #[error("cannot set up HTTPS: {0}")]
    Http(String),
}

pub async fn detect(
    account: &Account,
    opts: &Options,
    approver: &dyn Approver,
    progress: &Progress,
) -> Result<DetectionResult, SetupError> {
    let step = opts.timeout;
    let dns = Dns::system(step).map_err(SetupError::Dns)?;
    let http = Http::new(&opts.trust, step).map_err(SetupError::Http)?;
    let connector = Connector::new(opts.trust.clone(), step)?;

    let ctx = discover::Context {
        email: account.email.clone(),
        http,
        dns: dns.clone(),
        preset: opts.preset.clone(),
        ispdb_base: opts.ispdb_base.clone(),
        deadline: step,
    };
    let discovery = discover::discover(&ctx, progress).await;

    let mut attempts = Vec::new();
    let mut test_message = None;
    let end = if discovery.domain_missing && opts.preset.is_none() {
        RunEnd::DomainMissing
    } else {
        let endpoints = probe::plan(&discovery.hints, &[Service::Submission]);
        let mut run = probe::run(
            endpoints,
            &dns,
            &connector,
            step,
            opts.allow_insecure,
            progress,
        )
        .await;
        let end = match run.best(opts.allow_insecure).cloned() {
            None => RunEnd::NothingUsable,
            Some(chosen) => {
                let session = run.sessions.remove(&chosen.rank);
                let end = approve_and_prove(
                    account, opts, approver, progress, &connector, chosen, session,
                )
                .await;
                if let RunEnd::Proof { outcome, .. } = &end {
                    test_message = match outcome {
                        ProofOutcome::Sent { message_id } => Some(TestMessage {
                            sent: true,
                            message_id: Some(message_id.clone()),
                        }),
                        ProofOutcome::MessageRefused { .. } | ProofOutcome::LoggedIn => {
                            Some(TestMessage {
                                sent: false,
                                message_id: None,
                            })
                        }
                        _ => None,
                    };
                }
                end
            }
        };
        run.close_all();
        attempts = run.attempts;
        end
    };

    let (findings, status) = diagnose::diagnose(
        &end,
        &attempts,
        &discovery,
        account.email.domain(),
        opts.lang,
    );
    let outgoing = match &end {
        RunEnd::Proof { settings, .. } if status == ExitStatus::Proven => Some(settings.clone()),
        _ => None,
    };
    Ok(DetectionResult {
        email: account.email.to_string(),
        outgoing,
        incoming: None,
        test_message,
        sources: discovery.reports,
        attempts,
        findings,
        exit_code: status as i32,
    })
}

async fn approve_and_prove(
    account: &Account,
    opts: &Options,
    approver: &dyn Approver,
    progress: &Progress,
    connector: &Connector,
    chosen: Attempt,
    session: Option<probe::Session>,
) -> RunEnd {
    let mut session = session;
    if !chosen.vouched && !opts.approve_untrusted {
        let request = ApprovalRequest {
            host: chosen.host.clone(),
            source: chosen.source.clone(),
            found_via: chosen.found_via.clone(),
        };
        // The question may wait on a person: do not hold a runtime thread.
        let answer = tokio::task::block_in_place(|| approver.approve(&request));
        match answer {
            None => return RunEnd::NeedsApproval(chosen),
            Some(false) => return RunEnd::Declined(chosen),
            Some(true) => {
                // The server may have hung up while the user read the question.
                if let Some(s) = session.take() {
                    tokio::spawn(s.quit());
                }
            }
        }
    }
    let endpoint = chosen.endpoint();
    let mut session = match session {
        Some(s) => s,
        None => {
            let stage = std::sync::atomic::AtomicU8::new(0);
            let addr = match reconnect_addr(&endpoint, connector).await {
                Some(a) => a,
                None => return connection_lost(chosen, account, "DNS lookup failed".into()),
            };
            match connector
                .open(addr, &endpoint.host, endpoint.security, &stage)
                .await
            {
                Ok(s) => s,
                Err((_, detail)) => return connection_lost(chosen, account, detail),
            }
        }
    };
    let security = if session.encrypted {
        endpoint.security
    } else {
        Security::None
    };
    let auth = prove::choose_auth(&session.caps).unwrap_or(AuthMethod::None);
    let username = if account.login_given {
        account.login.clone()
    } else {
        endpoint
            .username
            .clone()
            .unwrap_or_else(|| account.login.clone())
    };
    let settings = OutgoingSettings {
        host: endpoint.host.clone(),
        port: endpoint.port,
        security,
        auth,
        username,
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
        tokio::time::timeout(opts.timeout * PROOF_STEPS, proof)
            .await
            .unwrap_or_else(|_| ProofOutcome::ConnectionLost {
                detail: "the server did not finish the login and test message in time".into(),
            })
    };
    tokio::spawn(session.quit());
    RunEnd::Proof {
        chosen,
        settings,
        outcome,
    }
}

async fn reconnect_addr(
    endpoint: &probe::Endpoint,
    connector: &Connector,
) -> Option<std::net::SocketAddr> {
    let dns = Dns::system(connector.step).ok()?;
    let ip = *dns.ips(&endpoint.host).await.ok()?.first()?;
    Some(std::net::SocketAddr::new(ip, endpoint.port))
}

fn connection_lost(chosen: Attempt, account: &Account, detail: String) -> RunEnd {
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
