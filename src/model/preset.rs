//! What can be wrong with an ISP's preset file, as typed problems with their
//! line and column (found by `discover::preset_check`, put into words by
//! `i18n::preset_problem`).

use serde::Serialize;

/// The biggest preset read; real ones are a few KiB.
pub const MAX_PRESET_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What is wrong, with what the words need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum ProblemKind {
    TooLarge { bytes: usize },
    NotText,
    UnknownEncoding { label: String },
    NotXml { detail: String },
    Dtd,
    NotClientConfig { root: String },
    NoDomain,
    UnknownServerType { element: String, value: String },
    NoHostname,
    BadHostname { value: String },
    BadPort { value: String },
    NoPort,
    UnknownSocketType { value: String },
    NoSocketType,
    UnknownAuthentication { value: String },
    UnknownPlaceholder { value: String },
    NoOutgoing,
    BadLogo { value: String },
    BadSupportUrl { value: String },
    BadSupportEmail { value: String },
    UnknownExportFormat { value: String },
    // Warnings.
    UnknownBrandingElement { name: String },
    PlainSocket,
    PortSecurityMismatch { port: u16, socket_type: String },
    OauthOnly,
    UserInHostname { value: String },
}

impl ProblemKind {
    pub fn severity(&self) -> Severity {
        match self {
            ProblemKind::PlainSocket
            | ProblemKind::PortSecurityMismatch { .. }
            | ProblemKind::OauthOnly
            | ProblemKind::UserInHostname { .. }
            | ProblemKind::UnknownBrandingElement { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    #[serde(flatten)]
    pub kind: ProblemKind,
}

#[derive(Debug, thiserror::Error)]
pub enum PresetError {
    #[error("cannot read the preset file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// The first error `preset check` would report.
    #[error("the preset file {path} is not usable (line {}, column {}: {:?})", problem.line, problem.column, problem.kind)]
    Invalid { path: String, problem: Problem },
    #[error("the preset file {path} names no outgoing (SMTP) server")]
    NoOutgoing { path: String },
}
