//! What discovery produces: server hints, each remembering where it came from.

use serde::Serialize;

use crate::settings::{Security, Service};

/// Where a server name came from. The order of the variants is the order of
/// preference when two sources disagree (a preset beats a guess).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The ISP's preset file (e.g. from the CD the ISP handed out).
    Preset,
    /// The provider's own autoconfig over HTTPS.
    AutoconfigHttps,
    /// The public ISP database Thunderbird uses.
    Ispdb,
    /// The copy of that database inside this program (when the online one
    /// cannot be reached).
    IspdbBundled,
    /// DNS SRV `_submissions._tcp` / `_submission._tcp` (RFC 6186, RFC 8314).
    Srv,
    /// The provider's own autoconfig over plain HTTP (can be tampered with).
    AutoconfigHttp,
    /// Derived from the domain's MX host (its registrable domain).
    Mx,
    /// Common names: smtp.<domain>, mail.<domain>, <domain>.
    Guess,
    /// A name the server's certificate carries (shared hosting).
    CertificateName,
    /// Typed by the user ("Change settings"): the user vouches for it.
    Manual,
}

impl Source {
    pub fn code(&self) -> &'static str {
        match self {
            Source::Preset => "preset",
            Source::AutoconfigHttps => "autoconfig-https",
            Source::Ispdb => "ispdb",
            Source::IspdbBundled => "ispdb-bundled",
            Source::Srv => "srv",
            Source::AutoconfigHttp => "autoconfig-http",
            Source::Mx => "mx",
            Source::Guess => "guess",
            Source::CertificateName => "certificate-name",
            Source::Manual => "manual",
        }
    }
}

/// One hint: a host, maybe with a port and security the source named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerHint {
    pub service: Service,
    pub host: String,
    /// `Some` when the source named a port (preset, autoconfig, SRV).
    pub endpoint: Option<(u16, Security)>,
    pub source: Source,
    /// The source vouches for this host: the password may go there without asking
    /// (RFC 7817 reasoning; see `discover::trust`).
    pub vouched: bool,
    /// The user name the source says to use (placeholders already filled).
    pub username: Option<String>,
}

/// How one source fared, for progress display and the JSON report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum SourceStatus {
    Found { servers: usize },
    NothingFound,
    Failed { detail: String },
    TimedOut,
    Skipped,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceReport {
    pub source: Source,
    #[serde(flatten)]
    pub status: SourceStatus,
}

/// A valid DNS host name (ASCII, after IDNA)? Anything else from a file or the
/// network is dropped rather than connected to.
pub fn sane_host(host: &str) -> Option<String> {
    let h = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let h = idna::domain_to_ascii(&h).ok()?;
    let ok = !h.is_empty()
        && h.len() <= 253
        && h.contains('.')
        && h.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    ok.then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_sanity() {
        assert_eq!(
            sane_host("SMTP.Example.jp."),
            Some("smtp.example.jp".into())
        );
        assert_eq!(sane_host("bad host.jp"), None);
        assert_eq!(sane_host("localhost"), None);
        assert_eq!(sane_host("a;rm -rf.jp"), None);
        assert!(sane_host("メール.例え.jp").unwrap().starts_with("xn--"));
    }
}
