//! Source 5: the domain's MX host. Many domains are hosted by a provider whose
//! submission server lives under the MX host's registrable domain (found with the
//! Public Suffix List, so `mx.example.ne.jp` gives `example.ne.jp`, not `ne.jp`).
//! From there: that domain's autoconfig and `smtp.`, `imap.`, `pop.<that domain>`.

use super::http::Http;
use super::{SourceFailure, autoconfig};
use crate::account::EmailAddress;
use crate::dns::{Dns, DnsError};
use crate::model::{ServerHint, Source, sane_host};
use crate::settings::Service;

/// The registrable domain ("eTLD+1") of a host name.
pub fn registrable_domain(host: &str) -> Option<String> {
    psl::domain_str(host.trim_end_matches('.')).map(str::to_ascii_lowercase)
}

pub async fn find(
    dns: &Dns,
    http: &Http,
    email: &EmailAddress,
) -> Result<Vec<ServerHint>, SourceFailure> {
    let mx = match dns.mx(email.domain()).await {
        Ok(mx) => mx,
        Err(DnsError::NoSuchName) => return Err(SourceFailure::DomainMissing),
        Err(DnsError::NoRecords) => return Ok(Vec::new()),
        Err(DnsError::TimedOut) => return Err(SourceFailure::TimedOut),
        Err(e @ DnsError::Unreachable(_)) => return Err(SourceFailure::Offline(e.to_string())),
        Err(e) => return Err(SourceFailure::Failed(e.to_string())),
    };
    let Some((_, first)) = mx.first() else {
        return Ok(Vec::new());
    };
    let Some(base) = registrable_domain(first) else {
        return Ok(Vec::new());
    };
    // Same domain as the user's: the guesses already cover it.
    if base == email.domain() {
        return Ok(Vec::new());
    }
    let mut hints = autoconfig::fetch(http, &base, email, Source::Mx, Source::Mx)
        .await
        .unwrap_or_default();
    for h in &mut hints {
        h.vouched = super::trust::source_vouches(&Source::Mx, super::trust::Channel::Open, false);
    }
    for (prefix, service) in [
        ("smtp", Service::Submission),
        ("imap", Service::Imap),
        ("pop", Service::Pop3),
    ] {
        if let Some(host) = sane_host(&format!("{prefix}.{base}")) {
            hints.push(ServerHint {
                service,
                host,
                endpoint: None,
                source: Source::Mx,
                vouched: super::trust::source_vouches(
                    &Source::Mx,
                    super::trust::Channel::Open,
                    false,
                ),
                username: None,
            });
        }
    }
    Ok(hints)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_suffix_list_gets_japanese_domains_right() {
        assert_eq!(
            registrable_domain("mx01.example.ne.jp").as_deref(),
            Some("example.ne.jp")
        );
        assert_eq!(
            registrable_domain("mail.hoster.co.jp.").as_deref(),
            Some("hoster.co.jp")
        );
        assert_eq!(
            registrable_domain("aspmx.l.google.com").as_deref(),
            Some("google.com")
        );
        assert_eq!(
            registrable_domain("mx1.hoster.test").as_deref(),
            Some("hoster.test")
        );
    }
}
