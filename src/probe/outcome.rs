//! Typed outcomes of one probe, and the classification of low-level errors into them.

use std::error::Error as StdError;

use super::stream::TooMuchData;
pub use crate::error_chain::{chain_text, find_in_chain};
use crate::model::TlsProblem;

/// A certificate or handshake problem, if the error chain holds one.
pub fn tls_problem(err: &(dyn StdError + 'static)) -> Option<TlsProblem> {
    use rustls::CertificateError as C;
    let r = find_in_chain::<rustls::Error>(err)?;
    Some(match r {
        rustls::Error::InvalidCertificate(c) => match c {
            C::NotValidForNameContext { presented, .. } => TlsProblem::NameMismatch {
                names: presented.iter().filter_map(|p| dns_name(p)).collect(),
            },
            C::NotValidForName => TlsProblem::NameMismatch { names: Vec::new() },
            C::Expired
            | C::ExpiredContext { .. }
            | C::NotValidYet
            | C::NotValidYetContext { .. } => TlsProblem::Expired,
            C::UnknownIssuer | C::BadSignature | C::InvalidPurpose | C::Revoked => {
                TlsProblem::Untrusted
            }
            _ => TlsProblem::Untrusted,
        },
        _ => TlsProblem::Handshake,
    })
}

/// rustls reports presented names in Debug form (`DnsName("mail.example.jp")`);
/// keep the DNS names, drop IP addresses.
fn dns_name(presented: &str) -> Option<String> {
    let name = match presented.strip_prefix("DnsName(\"") {
        Some(rest) => rest.strip_suffix("\")")?,
        None if presented.starts_with("IpAddress") => return None,
        None => presented,
    };
    Some(name.to_string())
}

pub fn starttls_injection(err: &(dyn StdError + 'static)) -> bool {
    find_in_chain::<super::stream::StarttlsInjection>(err).is_some()
}

pub fn too_much_data(err: &(dyn StdError + 'static)) -> bool {
    find_in_chain::<TooMuchData>(err).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presented_names_are_plain_dns_names() {
        assert_eq!(
            dns_name("DnsName(\"mail.hoster.jp\")").as_deref(),
            Some("mail.hoster.jp")
        );
        assert_eq!(
            dns_name("mail.hoster.jp").as_deref(),
            Some("mail.hoster.jp")
        );
        assert_eq!(dns_name("IpAddress(V4(Ipv4Addr([127, 0, 0, 1])))"), None);
    }
}
