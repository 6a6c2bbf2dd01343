//! Source 4: DNS SRV records (RFC 6186, RFC 8314): `_submissions._tcp` (implicit
//! TLS) and `_submission._tcp` (STARTTLS) for sending, and `_imaps`, `_imap`,
//! `_pop3s`, `_pop3` for receiving. Without DNSSEC validation an SRV
//! answer cannot vouch for a host outside the user's domain.

use super::SourceFailure;
use crate::dns::{Dns, DnsError};
use crate::model::{ServerHint, Source};
use crate::settings::{Security, Service};

use crate::model::sane_host;

/// The SRV names we ask, with the service and security each one implies.
const RECORDS: &[(&str, Service, Security)] = &[
    (
        "_submissions._tcp",
        Service::Submission,
        Security::ImplicitTls,
    ),
    ("_submission._tcp", Service::Submission, Security::StartTls),
    ("_imaps._tcp", Service::Imap, Security::ImplicitTls),
    ("_imap._tcp", Service::Imap, Security::StartTls),
    ("_pop3s._tcp", Service::Pop3, Security::ImplicitTls),
    ("_pop3._tcp", Service::Pop3, Security::StartTls),
];

pub async fn find(dns: &Dns, domain: &str) -> Result<Vec<ServerHint>, SourceFailure> {
    let lookups = RECORDS
        .iter()
        .map(|(prefix, service, security)| async move {
            (
                dns.srv(&format!("{prefix}.{domain}")).await,
                *service,
                *security,
            )
        });
    let results = futures_util::future::join_all(lookups).await;
    let mut hints = Vec::new();
    let mut error = None;
    for (result, service, security) in results {
        match result {
            Ok(records) => hints.extend(records.into_iter().filter_map(|r| {
                Some(ServerHint {
                    service,
                    host: sane_host(&r.target)?,
                    endpoint: Some((r.port, security)),
                    source: Source::Srv,
                    vouched: super::trust::source_vouches(
                        &Source::Srv,
                        super::trust::Channel::Open,
                        false,
                    ),
                    username: None,
                })
            })),
            Err(DnsError::NoSuchName | DnsError::NoRecords) => {}
            Err(DnsError::TimedOut) => error = Some(SourceFailure::TimedOut),
            Err(e) => error = Some(SourceFailure::Failed(e.to_string())),
        }
    }
    match error {
        Some(e) if hints.is_empty() => Err(e),
        _ => Ok(hints),
    }
}
