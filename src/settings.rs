//! The verified result: what the exports, the wizard and `--json` consume.

use serde::{Deserialize, Serialize};

use crate::diagnose::Finding;
use crate::probe::Attempt;

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
    pub fn code(self) -> &'static str {
        match self {
            AuthMethod::Plain => "plain",
            AuthMethod::Login => "login",
            AuthMethod::CramMd5 => "cram-md5",
            AuthMethod::None => "none",
        }
    }
}

/// The outgoing server that was proven to work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub auth: AuthMethod,
    pub username: String,
}

/// The incoming server (IMAP or POP3) whose login was proven.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomingSettings {
    /// `imap` or `pop3`.
    pub protocol: Service,
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// `plain` covers every "normal password" login (SASL PLAIN, IMAP LOGIN,
    /// POP3 USER/PASS); `cram-md5` is the "encrypted password" one.
    pub auth: AuthMethod,
    pub username: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestMessage {
    pub sent: bool,
    pub message_id: Option<String>,
}

/// Everything one detection run found out. Never holds the password.
#[derive(Debug, Clone, Serialize)]
pub struct DetectionResult {
    pub email: String,
    pub outgoing: Option<OutgoingSettings>,
    /// `None` when no incoming server was proven (or `--outgoing-only`).
    pub incoming: Option<IncomingSettings>,
    pub test_message: Option<TestMessage>,
    pub sources: Vec<crate::discover::SourceReport>,
    pub attempts: Vec<Attempt>,
    pub findings: Vec<Finding>,
    /// The process exit status this outcome maps to (see `ExitStatus`).
    pub exit_code: i32,
}
