//! The server as every layer names it: which service, how it is secured, how
//! the client logs in, and where its name came from.

use serde::{Deserialize, Serialize};

/// Connection security, as mail clients name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Security {
    /// TLS from the first byte (port 465, RFC 8314).
    ImplicitTls,
    /// Plain connection upgraded with STARTTLS (port 587 or 25, RFC 3207).
    #[serde(rename = "starttls")]
    StartTls,
    /// No encryption at all.
    None,
}

impl Security {
    /// The encrypted way to try a server: "none" becomes STARTTLS, so the
    /// stronger option is taken whenever the server really supports it.
    pub fn encrypted(self) -> Security {
        match self {
            Security::None => Security::StartTls,
            s => s,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Security::ImplicitTls => "implicit-tls",
            Security::StartTls => "starttls",
            Security::None => "none",
        }
    }
}

/// Which mail service a server offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    /// Outgoing mail: SMTP submission (RFC 6409).
    #[serde(rename = "smtp")]
    Submission,
    Imap,
    Pop3,
}

impl Service {
    pub fn code(self) -> &'static str {
        match self {
            Service::Submission => "smtp",
            Service::Imap => "imap",
            Service::Pop3 => "pop3",
        }
    }

    pub fn is_incoming(self) -> bool {
        self != Service::Submission
    }

    /// The well-known ports, best first (RFC 8314: implicit TLS first).
    pub fn standard_ports(self) -> &'static [(u16, Security)] {
        match self {
            Service::Submission => &[
                (465, Security::ImplicitTls),
                (587, Security::StartTls),
                (25, Security::StartTls),
            ],
            Service::Imap => &[(993, Security::ImplicitTls), (143, Security::StartTls)],
            Service::Pop3 => &[(995, Security::ImplicitTls), (110, Security::StartTls)],
        }
    }
}

/// How the client proves who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    Plain,
    Login,
    CramMd5,
    None,
}

impl AuthMethod {
    /// The password logins, in our order of preference: CRAM-MD5 (the
    /// password itself never crosses the wire), then PLAIN, then LOGIN. The
    /// one table the outgoing and the incoming side choose from.
    pub const PREFERENCE: [AuthMethod; 3] =
        [AuthMethod::CramMd5, AuthMethod::Plain, AuthMethod::Login];

    /// The best of `offered` (SASL names as servers advertise them).
    pub fn best_of<'a>(offered: impl IntoIterator<Item = &'a str> + Clone) -> Option<AuthMethod> {
        AuthMethod::PREFERENCE.into_iter().find(|m| {
            offered
                .clone()
                .into_iter()
                .any(|o| Some(o) == m.sasl_name())
        })
    }

    /// The SASL mechanism name servers advertise; `None` for no login.
    pub fn sasl_name(self) -> Option<&'static str> {
        match self {
            AuthMethod::CramMd5 => Some("CRAM-MD5"),
            AuthMethod::Plain => Some("PLAIN"),
            AuthMethod::Login => Some("LOGIN"),
            AuthMethod::None => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AuthMethod::Plain => "plain",
            AuthMethod::Login => "login",
            AuthMethod::CramMd5 => "cram-md5",
            AuthMethod::None => "none",
        }
    }
}

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

/// A mail server, the one type every layer uses from probing on: which
/// service, where, how it is secured, where its name came from, whether that
/// source vouches for it, and the user name it said to use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Server {
    pub service: Service,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub source: Source,
    /// The password may go here without asking (see `discover`).
    #[serde(skip)]
    pub vouched: bool,
    /// A user name the source told us to use.
    #[serde(skip)]
    pub username: Option<String>,
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
