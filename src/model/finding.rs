//! Findings: what detection learned, as typed values with a stable code. The
//! sentences people read come from `i18n`, keyed by these values.

use serde::Serialize;

use super::{AuthMethod, Detail, Security, Service, Source};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingKind {
    /// Sending works (and how).
    SendingWorks {
        host: String,
        port: u16,
        security: Security,
        auth: AuthMethod,
        /// The address the test message went to; `None`: login only.
        sent_to: Option<String>,
    },
    /// Port 25 is silently dropped while 587/465 on the same host answer (OP25B).
    Port25Blocked {
        host: String,
    },
    /// Nothing answered at all: a firewall or no network.
    NetworkBlocked,
    /// No server could be found or reached (names did not resolve, all refused).
    NoServerFound,
    DomainNotFound {
        domain: String,
        suggestion: Option<String>,
    },
    AuthFailed {
        host: String,
    },
    AppPasswordRequired {
        host: String,
    },
    OauthRequired {
        host: String,
    },
    AuthNotOffered {
        host: String,
    },
    /// The server would take the password unencrypted; we refused.
    CleartextOnly {
        host: String,
        port: u16,
    },
    /// `--allow-insecure` was given and the password went unencrypted.
    InsecureAllowed {
        host: String,
        port: u16,
    },
    CertificateUntrusted {
        host: String,
    },
    CertificateNameMismatch {
        host: String,
        names: Vec<String>,
    },
    CertificateExpired {
        host: String,
    },
    /// Bytes were injected before the STARTTLS handshake: someone is tampering
    /// with the connection; nothing was sent on it.
    StarttlsInjection {
        host: String,
    },
    /// The certificate names a hoster's server that works in place of the user's name.
    SharedHosting {
        host: String,
        offered: String,
    },
    MessageRefused {
        host: String,
    },
    /// The best server lies outside the user's domain and came from a source that
    /// cannot vouch for it: the user must approve it before the password goes there.
    UntrustedSource {
        host: String,
        source: Source,
    },
    /// The user said no to such a server.
    ApprovalDeclined {
        host: String,
    },
    /// No DNS server and no mail server could be reached at all.
    Offline,
    /// The provider's autoconfig or the ISP database could not be reached
    /// over the network (through `proxy`, if one is set up).
    WebLookupFailed {
        proxy: Option<String>,
    },
    /// Offline, but the ISP's preset names the servers: offered for export,
    /// marked untested.
    PresetUntested {
        host: String,
    },
    /// The connection broke during login or sending.
    ConnectionLost {
        host: String,
    },
    /// The connection broke or went silent after the password was sent and
    /// before the server's answer; the password was tried nowhere else.
    LoginUnanswered {
        host: String,
    },
    /// Receiving works (and how).
    IncomingWorks {
        protocol: Service,
        host: String,
        port: u16,
        security: Security,
        auth: AuthMethod,
    },
    /// No incoming (IMAP or POP3) server could be found or reached.
    IncomingNotFound,
    IncomingAuthFailed {
        host: String,
    },
    /// The outgoing server refused the password, so it was not tried again here.
    IncomingNotTried {
        host: String,
    },
    IncomingCleartextOnly {
        host: String,
    },
    IncomingCertificateProblem {
        host: String,
    },
    IncomingUntrustedSource {
        host: String,
        source: Source,
    },
    IncomingNoLoginMethod {
        host: String,
    },
    IncomingConnectionLost {
        host: String,
    },
}

/// How a finding reads at a glance (the Result page's mark on its card).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tone {
    /// Something that works, and how.
    Works,
    /// Something the user has to act on (the sentence says what to do).
    Problem,
    /// Worth knowing, but nothing is wrong and nothing needs doing.
    Note,
}

impl FindingKind {
    pub fn tone(&self) -> Tone {
        use FindingKind as F;
        match self {
            F::SendingWorks { .. } | F::IncomingWorks { .. } => Tone::Works,
            // OP25B is normal; the web lookup's failure was made up for by
            // the other sources; a shared host's own name is what we use;
            // the user chose to send without encryption; the preset's
            // settings are offered, marked untested.
            F::Port25Blocked { .. }
            | F::WebLookupFailed { .. }
            | F::SharedHosting { .. }
            | F::InsecureAllowed { .. }
            | F::PresetUntested { .. } => Tone::Note,
            F::NetworkBlocked
            | F::NoServerFound
            | F::DomainNotFound { .. }
            | F::AuthFailed { .. }
            | F::AppPasswordRequired { .. }
            | F::OauthRequired { .. }
            | F::AuthNotOffered { .. }
            | F::CleartextOnly { .. }
            | F::CertificateUntrusted { .. }
            | F::CertificateNameMismatch { .. }
            | F::CertificateExpired { .. }
            | F::StarttlsInjection { .. }
            | F::MessageRefused { .. }
            | F::UntrustedSource { .. }
            | F::ApprovalDeclined { .. }
            | F::Offline
            | F::ConnectionLost { .. }
            | F::LoginUnanswered { .. }
            | F::IncomingNotFound
            | F::IncomingAuthFailed { .. }
            | F::IncomingNotTried { .. }
            | F::IncomingCleartextOnly { .. }
            | F::IncomingCertificateProblem { .. }
            | F::IncomingUntrustedSource { .. }
            | F::IncomingNoLoginMethod { .. }
            | F::IncomingConnectionLost { .. } => Tone::Problem,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            FindingKind::SendingWorks { .. } => "sending-works",
            FindingKind::Port25Blocked { .. } => "port25-blocked",
            FindingKind::NetworkBlocked => "network-blocked",
            FindingKind::NoServerFound => "no-server-found",
            FindingKind::DomainNotFound { .. } => "domain-not-found",
            FindingKind::AuthFailed { .. } => "auth-failed",
            FindingKind::AppPasswordRequired { .. } => "app-password-required",
            FindingKind::OauthRequired { .. } => "oauth-required",
            FindingKind::AuthNotOffered { .. } => "auth-not-offered",
            FindingKind::CleartextOnly { .. } => "cleartext-only",
            FindingKind::InsecureAllowed { .. } => "insecure-allowed",
            FindingKind::CertificateUntrusted { .. } => "certificate-untrusted",
            FindingKind::CertificateNameMismatch { .. } => "certificate-name-mismatch",
            FindingKind::CertificateExpired { .. } => "certificate-expired",
            FindingKind::StarttlsInjection { .. } => "starttls-injection",
            FindingKind::SharedHosting { .. } => "shared-hosting",
            FindingKind::MessageRefused { .. } => "message-refused",
            FindingKind::UntrustedSource { .. } => "untrusted-source",
            FindingKind::ApprovalDeclined { .. } => "approval-declined",
            FindingKind::Offline => "offline",
            FindingKind::WebLookupFailed { .. } => "web-lookup-failed",
            FindingKind::PresetUntested { .. } => "preset-untested",
            FindingKind::ConnectionLost { .. } => "connection-lost",
            FindingKind::LoginUnanswered { .. } => "login-unanswered",
            FindingKind::IncomingWorks { .. } => "incoming-works",
            FindingKind::IncomingNotFound => "incoming-not-found",
            FindingKind::IncomingAuthFailed { .. } => "incoming-auth-failed",
            FindingKind::IncomingNotTried { .. } => "incoming-not-tried",
            FindingKind::IncomingCleartextOnly { .. } => "incoming-cleartext-only",
            FindingKind::IncomingCertificateProblem { .. } => "incoming-certificate-problem",
            FindingKind::IncomingUntrustedSource { .. } => "incoming-untrusted-source",
            FindingKind::IncomingNoLoginMethod { .. } => "incoming-no-login-method",
            FindingKind::IncomingConnectionLost { .. } => "incoming-connection-lost",
        }
    }

    pub fn host(&self) -> Option<&str> {
        match self {
            FindingKind::SendingWorks { host, .. }
            | FindingKind::Port25Blocked { host }
            | FindingKind::AuthFailed { host }
            | FindingKind::AppPasswordRequired { host }
            | FindingKind::OauthRequired { host }
            | FindingKind::AuthNotOffered { host }
            | FindingKind::CleartextOnly { host, .. }
            | FindingKind::InsecureAllowed { host, .. }
            | FindingKind::CertificateUntrusted { host }
            | FindingKind::CertificateNameMismatch { host, .. }
            | FindingKind::CertificateExpired { host }
            | FindingKind::StarttlsInjection { host }
            | FindingKind::SharedHosting { host, .. }
            | FindingKind::MessageRefused { host }
            | FindingKind::UntrustedSource { host, .. }
            | FindingKind::ApprovalDeclined { host }
            | FindingKind::ConnectionLost { host }
            | FindingKind::PresetUntested { host }
            | FindingKind::LoginUnanswered { host }
            | FindingKind::IncomingWorks { host, .. }
            | FindingKind::IncomingAuthFailed { host }
            | FindingKind::IncomingNotTried { host }
            | FindingKind::IncomingCleartextOnly { host }
            | FindingKind::IncomingCertificateProblem { host }
            | FindingKind::IncomingUntrustedSource { host, .. }
            | FindingKind::IncomingNoLoginMethod { host }
            | FindingKind::IncomingConnectionLost { host } => Some(host),
            FindingKind::NetworkBlocked
            | FindingKind::Offline
            | FindingKind::WebLookupFailed { .. }
            | FindingKind::NoServerFound
            | FindingKind::IncomingNotFound
            | FindingKind::DomainNotFound { .. } => None,
        }
    }
}

/// A finding: what was learnt, as a code with its parameters, and the
/// server's own words where there are any. The sentence a person reads is made
/// where it is shown (`i18n::finding`), in the language of that moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// The server's own reply, the technical error or a note, for "Details".
    pub detail: Option<Detail>,
}

impl Finding {
    pub fn new(kind: FindingKind, detail: Option<Detail>) -> Self {
        Finding { kind, detail }
    }

    /// The stable code (`port25-blocked`…), as in `--json`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn host(&self) -> Option<&str> {
        self.kind.host()
    }
}

/// `{"code", "host", "detail"}`; the CLI adds the `message` in the language of
/// the run (see `cli`).
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Finding", 3)?;
        st.serialize_field("code", self.code())?;
        if let Some(h) = self.host() {
            st.serialize_field("host", h)?;
        }
        if let Some(d) = &self.detail {
            st.serialize_field("detail", d)?;
        }
        st.end()
    }
}
