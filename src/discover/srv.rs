//! Source 4: DNS SRV records `_submissions._tcp` (implicit TLS, RFC 8314) and
//! `_submission._tcp` (STARTTLS, RFC 6186). Without DNSSEC validation an SRV
//! answer cannot vouch for a host outside the user's domain.

use super::SourceFailure;
use super::candidate::{ServerHint, Source};
use crate::dns::{Dns, DnsError};
use crate::settings::Security;

use super::candidate::sane_host;

pub async fn find(dns: &Dns, domain: &str) -> Result<Vec<ServerHint>, SourceFailure> {
    let (tls_name, starttls_name) = (
        format!("_submissions._tcp.{domain}"),
        format!("_submission._tcp.{domain}"),
    );
    let (tls, starttls) = tokio::join!(dns.srv(&tls_name), dns.srv(&starttls_name));
    let mut hints = Vec::new();
    let mut error = None;
    for (result, security) in [(tls, Security::ImplicitTls), (starttls, Security::StartTls)] {
        match result {
            Ok(records) => hints.extend(records.into_iter().filter_map(|r| {
                Some(ServerHint {
                    host: sane_host(&r.target)?,
                    endpoint: Some((r.port, security)),
                    source: Source::Srv,
                    vouched: false,
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
