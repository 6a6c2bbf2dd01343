//! Typed outcomes of one probe, and the classification of low-level errors into them.

use std::error::Error as StdError;

use serde::Serialize;

use super::stream::TooMuchData;
pub use crate::error_chain::{chain_text, find_in_chain};

/// Which step a probe was in when it ended.
/// In the order a probe goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Dns,
    Connect,
    Tls,
    Greeting,
    Ehlo,
    Starttls,
}

impl Stage {
    pub fn from_u8(v: u8) -> Stage {
        match v {
            0 => Stage::Dns,
            1 => Stage::Connect,
            2 => Stage::Tls,
            3 => Stage::Greeting,
            4 => Stage::Ehlo,
            _ => Stage::Starttls,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum TlsProblem {
    /// Signed by no authority we trust (self-signed, private CA).
    Untrusted,
    /// Valid, but for other names; `names` are the ones it does carry.
    NameMismatch {
        names: Vec<String>,
    },
    Expired,
    /// The server (or someone between us and it) sent bytes after its yes to
    /// STARTTLS and before the handshake: they would be read as replies inside
    /// TLS (the CVE-2011-0411 class). The connection is dropped unused.
    StarttlsInjection,
    /// Anything else in the handshake (old protocol, no shared cipher…).
    Handshake,
}

/// How one (host, port, security) attempt ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "result")]
pub enum ProbeOutcome {
    /// Encrypted session up; these AUTH mechanisms are offered.
    Ready {
        mechanisms: Vec<String>,
    },
    /// Encrypted session up, but the server offers no AUTH at all.
    AuthNotOffered,
    /// The server does not offer STARTTLS: only a cleartext session is possible.
    StarttlsNotOffered {
        mechanisms: Vec<String>,
    },
    /// Connection refused (RST): nothing listens there.
    Refused,
    /// No answer in time (typical of a firewall silently dropping packets).
    TimedOut {
        stage: Stage,
    },
    /// Stopped waiting because a better-ranked server had already answered.
    Abandoned {
        stage: Stage,
    },
    DnsFailure,
    TlsFailure {
        problem: TlsProblem,
    },
    /// The server answered with an error code (e.g. a 554 greeting).
    Rejected {
        stage: Stage,
        code: u16,
    },
    /// Garbage, an over-long reply, or the connection dropped mid-dialogue.
    ProtocolError {
        stage: Stage,
    },
    /// Network unreachable and similar.
    NetworkError {
        stage: Stage,
    },
}

impl ProbeOutcome {
    /// A session usable for AUTH exists (encrypted, or cleartext when allowed).
    pub fn usable(&self, allow_insecure: bool) -> bool {
        match self {
            ProbeOutcome::Ready { .. } | ProbeOutcome::AuthNotOffered => true,
            ProbeOutcome::StarttlsNotOffered { .. } => allow_insecure,
            _ => false,
        }
    }

    /// The TCP connection never came up (no SYN-ACK, no RST).
    pub fn silent(&self) -> bool {
        matches!(
            self,
            ProbeOutcome::TimedOut {
                stage: Stage::Connect
            } | ProbeOutcome::Abandoned {
                stage: Stage::Connect
            }
        )
    }

    pub fn code(&self) -> &'static str {
        match self {
            ProbeOutcome::Ready { .. } => "ready",
            ProbeOutcome::AuthNotOffered => "auth-not-offered",
            ProbeOutcome::StarttlsNotOffered { .. } => "starttls-not-offered",
            ProbeOutcome::Refused => "refused",
            ProbeOutcome::TimedOut { .. } => "timed-out",
            ProbeOutcome::Abandoned { .. } => "abandoned",
            ProbeOutcome::DnsFailure => "dns-failure",
            ProbeOutcome::TlsFailure { .. } => "tls-failure",
            ProbeOutcome::Rejected { .. } => "rejected",
            ProbeOutcome::ProtocolError { .. } => "protocol-error",
            ProbeOutcome::NetworkError { .. } => "network-error",
        }
    }
}

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
