//! How each source of server names fared.

use serde::Serialize;

use super::Source;

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

/// A web lookup lost to the network (see `FindingKind::WebLookupFailed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebTrouble {
    /// The proxy it went through, if any.
    pub proxy: Option<String>,
    pub detail: String,
}
