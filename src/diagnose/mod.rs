//! Diagnosis: turn what happened into findings people understand, and into the
//! exit status scripts rely on.

mod typo;

use std::collections::HashSet;

use crate::model::Detail;
pub use crate::model::{ExitStatus, Finding, FindingKind};
pub use typo::suggest as suggest_domain;

use crate::discover::Discovery;
use crate::probe::{Attempt, ProbeOutcome, Stage, TlsProblem};
use crate::prove::ProofOutcome;
use crate::prove::incoming::IncomingOutcome;
use crate::settings::{IncomingSettings, OutgoingSettings};

/// How a run ended, before it is put into words.
#[derive(Debug, Clone)]
pub enum RunEnd {
    DomainMissing,
    NothingUsable,
    NeedsApproval(Attempt),
    Declined(Attempt),
    Proof {
        chosen: Attempt,
        settings: OutgoingSettings,
        outcome: ProofOutcome,
    },
}

/// How the incoming side ended.
#[derive(Debug, Clone)]
pub enum IncomingEnd {
    /// Not asked for (`--outgoing-only`), or the domain does not exist.
    Skipped,
    NothingUsable,
    /// The outgoing login was refused: the password is not tried again here.
    NotTried,
    NeedsApproval(Attempt),
    Declined(Attempt),
    Login {
        chosen: Attempt,
        settings: IncomingSettings,
        outcome: IncomingOutcome,
    },
}

/// Findings for the incoming side. They never change the exit status, which
/// stays the outcome of the outgoing proof.
pub fn diagnose_incoming(end: &IncomingEnd, attempts: &[Attempt]) -> Vec<Finding> {
    let f = |kind: FindingKind, detail: Option<Detail>| Finding::new(kind, detail);
    let best_host = || {
        attempts
            .iter()
            .find(|a| a.outcome.usable(true))
            .map(|a| a.server.host.clone())
            .unwrap_or_default()
    };
    match end {
        IncomingEnd::Skipped => Vec::new(),
        IncomingEnd::NotTried => vec![f(FindingKind::IncomingNotTried { host: best_host() }, None)],
        IncomingEnd::NeedsApproval(a) | IncomingEnd::Declined(a) => vec![f(
            FindingKind::IncomingUntrustedSource {
                host: a.server.host.clone(),
                source: a.server.source.clone(),
            },
            None,
        )],
        IncomingEnd::NothingUsable => {
            let mut out = Vec::new();
            if let Some(a) = attempts
                .iter()
                .find(|a| matches!(a.outcome, ProbeOutcome::TlsFailure { .. }))
            {
                out.push(f(
                    FindingKind::IncomingCertificateProblem {
                        host: a.server.host.clone(),
                    },
                    Some(a.detail.clone()),
                ));
            }
            if let Some(a) = attempts
                .iter()
                .find(|a| matches!(a.outcome, ProbeOutcome::StarttlsNotOffered { .. }))
            {
                out.push(f(
                    FindingKind::IncomingCleartextOnly {
                        host: a.server.host.clone(),
                    },
                    Some(a.detail.clone()),
                ));
            }
            out.push(f(FindingKind::IncomingNotFound, None));
            out
        }
        IncomingEnd::Login {
            settings, outcome, ..
        } => {
            let host = settings.host.clone();
            vec![match outcome {
                IncomingOutcome::LoggedIn => f(
                    FindingKind::IncomingWorks {
                        protocol: settings.protocol,
                        host,
                        port: settings.port,
                        security: settings.security,
                        auth: settings.auth,
                    },
                    None,
                ),
                IncomingOutcome::AuthFailed { reply } => f(
                    FindingKind::IncomingAuthFailed { host },
                    Some(Detail::Server(reply.clone())),
                ),
                IncomingOutcome::CleartextRefused => {
                    f(FindingKind::IncomingCleartextOnly { host }, None)
                }
                IncomingOutcome::NoUsableMethod => {
                    f(FindingKind::IncomingNoLoginMethod { host }, None)
                }
                IncomingOutcome::ConnectionLost { detail } => f(
                    FindingKind::IncomingConnectionLost { host },
                    Some(detail.clone()),
                ),
            }]
        }
    }
}

pub fn diagnose(
    end: &RunEnd,
    attempts: &[Attempt],
    discovery: &Discovery,
    email: &crate::account::EmailAddress,
) -> (Vec<Finding>, ExitStatus) {
    let domain = email.domain();
    let mut out = Vec::new();
    let mut add = |kind: FindingKind, detail: Option<Detail>| {
        out.push(Finding::new(kind, detail));
    };
    let status = match end {
        RunEnd::DomainMissing => {
            add(
                FindingKind::DomainNotFound {
                    domain: domain.to_string(),
                    suggestion: suggest_domain(domain),
                },
                None,
            );
            ExitStatus::BadInput
        }
        RunEnd::NothingUsable => nothing_usable(attempts, discovery, &mut add),
        RunEnd::NeedsApproval(a) | RunEnd::Declined(a) => {
            if let Some(via) = &a.found_via {
                add(
                    FindingKind::SharedHosting {
                        host: via.clone(),
                        offered: a.server.host.clone(),
                    },
                    None,
                );
            }
            add(
                FindingKind::UntrustedSource {
                    host: a.server.host.clone(),
                    source: a.server.source.clone(),
                },
                None,
            );
            if matches!(end, RunEnd::Declined(_)) {
                add(
                    FindingKind::ApprovalDeclined {
                        host: a.server.host.clone(),
                    },
                    None,
                );
            }
            ExitStatus::NeedsApproval
        }
        RunEnd::Proof {
            chosen,
            settings,
            outcome,
        } => {
            if let Some(via) = &chosen.found_via {
                add(
                    FindingKind::SharedHosting {
                        host: via.clone(),
                        offered: chosen.server.host.clone(),
                    },
                    None,
                );
            }
            proof_findings(chosen, settings, outcome, &email.to_string(), &mut add)
        }
    };
    // Explain a blocked port 25 whatever else happened: it is the question
    // users and support staff ask first.
    if let Some(host) = port25_blocked(attempts) {
        let f = Finding::new(FindingKind::Port25Blocked { host }, None);
        out.insert(usize::from(status == ExitStatus::Proven), f);
    }
    // A web lookup lost to the network (an office proxy or firewall) is said,
    // even when other sources found the servers: the settings it would have
    // given may differ. Offline, the one finding says it all.
    if let Some(trouble) = discovery
        .web_trouble
        .as_ref()
        .filter(|_| !discovery.offline)
    {
        out.push(Finding::new(
            FindingKind::WebLookupFailed {
                proxy: trouble.proxy.clone(),
            },
            Some(Detail::System(trouble.detail.clone())),
        ));
    }
    (out, status)
}

fn proof_findings(
    chosen: &Attempt,
    settings: &OutgoingSettings,
    outcome: &ProofOutcome,
    to: &str,
    add: &mut impl FnMut(FindingKind, Option<Detail>),
) -> ExitStatus {
    let host = settings.host.clone();
    let works = |sent: bool| FindingKind::SendingWorks {
        host: settings.host.clone(),
        port: settings.port,
        security: settings.security,
        auth: settings.auth,
        sent_to: sent.then(|| to.to_string()),
    };
    let insecure = settings.security == crate::settings::Security::None;
    match outcome {
        ProofOutcome::Sent { .. } | ProofOutcome::LoggedIn => {
            add(works(matches!(outcome, ProofOutcome::Sent { .. })), None);
            if insecure {
                add(
                    FindingKind::InsecureAllowed {
                        host,
                        port: settings.port,
                    },
                    None,
                );
            }
            ExitStatus::Proven
        }
        ProofOutcome::AuthFailed { code, reply } => {
            add(
                FindingKind::AuthFailed { host },
                Some(Detail::Server(format!("{code} {reply}"))),
            );
            ExitStatus::AuthFailed
        }
        ProofOutcome::AppPasswordRequired { reply } => {
            add(
                FindingKind::AppPasswordRequired { host },
                Some(Detail::Server(reply.clone())),
            );
            ExitStatus::AuthFailed
        }
        ProofOutcome::OauthRequired { reply } => {
            add(
                FindingKind::OauthRequired { host },
                Some(Detail::Server(reply.clone())),
            );
            ExitStatus::AuthFailed
        }
        ProofOutcome::AuthNotOffered => {
            add(
                FindingKind::AuthNotOffered { host },
                Some(chosen.detail.clone()),
            );
            ExitStatus::Other
        }
        ProofOutcome::CleartextRefused => {
            add(
                FindingKind::CleartextOnly {
                    host,
                    port: settings.port,
                },
                None,
            );
            ExitStatus::InsecureOnly
        }
        ProofOutcome::MessageRefused { code, reply } => {
            add(
                FindingKind::MessageRefused { host },
                Some(Detail::Server(format!("{code} {reply}"))),
            );
            ExitStatus::MessageRefused
        }
        ProofOutcome::ConnectionLost { detail } => {
            add(FindingKind::ConnectionLost { host }, Some(detail.clone()));
            ExitStatus::Other
        }
        ProofOutcome::LoginUnanswered { detail } => {
            add(FindingKind::LoginUnanswered { host }, Some(detail.clone()));
            ExitStatus::Other
        }
    }
}

fn nothing_usable(
    attempts: &[Attempt],
    discovery: &Discovery,
    add: &mut impl FnMut(FindingKind, Option<Detail>),
) -> ExitStatus {
    // No DNS server reached and no server answered: the computer is offline,
    // which is what the user needs to hear (not "check the settings sheet").
    if discovery.offline && !attempts.iter().any(|a| answered(&a.outcome)) {
        add(FindingKind::Offline, None);
        return ExitStatus::Unreachable;
    }
    // Certificate problems: one finding per host and kind.
    let mut seen = HashSet::new();
    for a in attempts {
        if let ProbeOutcome::TlsFailure { problem } = &a.outcome {
            let kind = match problem {
                TlsProblem::Untrusted | TlsProblem::Handshake => {
                    FindingKind::CertificateUntrusted {
                        host: a.server.host.clone(),
                    }
                }
                TlsProblem::NameMismatch { names } => FindingKind::CertificateNameMismatch {
                    host: a.server.host.clone(),
                    names: names.clone(),
                },
                TlsProblem::Expired => FindingKind::CertificateExpired {
                    host: a.server.host.clone(),
                },
                TlsProblem::StarttlsInjection => FindingKind::StarttlsInjection {
                    host: a.server.host.clone(),
                },
            };
            if seen.insert(kind.code().to_string() + &a.server.host) {
                add(kind, Some(a.detail.clone()));
            }
        }
    }
    let tls_trouble = !seen.is_empty();
    let mut clear_hosts = HashSet::new();
    for a in attempts {
        if let ProbeOutcome::StarttlsNotOffered { .. } = a.outcome
            && clear_hosts.insert(a.server.host.clone())
        {
            add(
                FindingKind::CleartextOnly {
                    host: a.server.host.clone(),
                    port: a.server.port,
                },
                Some(a.detail.clone()),
            );
        }
    }
    if tls_trouble {
        return ExitStatus::Certificate;
    }
    if !clear_hosts.is_empty() {
        return ExitStatus::InsecureOnly;
    }
    let reached_dns = attempts
        .iter()
        .filter(|a| a.outcome != ProbeOutcome::DnsFailure)
        .collect::<Vec<_>>();
    if !reached_dns.is_empty() && reached_dns.iter().all(|a| a.outcome.silent()) {
        add(FindingKind::NetworkBlocked, None);
    } else {
        add(FindingKind::NoServerFound, None);
    }
    ExitStatus::Unreachable
}

/// A host whose port 25 stayed silent while 465 or 587 on it answered.
fn port25_blocked(attempts: &[Attempt]) -> Option<String> {
    attempts
        .iter()
        .filter(|a| a.server.port == 25 && a.outcome.silent())
        .find(|a25| {
            attempts.iter().any(|b| {
                b.server.host == a25.server.host
                    && (b.server.port == 587 || b.server.port == 465)
                    && answered(&b.outcome)
            })
        })
        .map(|a| a.server.host.clone())
}

/// The TCP connection came up (whatever happened after).
fn answered(o: &ProbeOutcome) -> bool {
    match o {
        ProbeOutcome::Ready { .. }
        | ProbeOutcome::AuthNotOffered
        | ProbeOutcome::StarttlsNotOffered { .. }
        | ProbeOutcome::TlsFailure { .. } => true,
        ProbeOutcome::TimedOut { stage }
        | ProbeOutcome::Abandoned { stage }
        | ProbeOutcome::Rejected { stage, .. }
        | ProbeOutcome::ProtocolError { stage }
        | ProbeOutcome::NetworkError { stage } => !matches!(stage, Stage::Dns | Stage::Connect),
        ProbeOutcome::Refused | ProbeOutcome::DnsFailure => false,
    }
}

#[cfg(test)]
mod tests;
