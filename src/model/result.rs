//! Everything one detection run found out, and the exit status it maps to.

use serde::Serialize;

use super::{
    AccountSettings, Attempt, Finding, IncomingSettings, OutgoingSettings, SourceReport,
    TestMessage,
};

/// Everything one detection run found out. Never holds the password.
#[derive(Debug, Clone, Serialize)]
pub struct DetectionResult {
    pub email: String,
    /// The display name the user gave (may be empty).
    pub name: String,
    pub outgoing: Option<OutgoingSettings>,
    /// `None` when no incoming server was proven (or `--outgoing-only`).
    pub incoming: Option<IncomingSettings>,
    pub test_message: Option<TestMessage>,
    /// `outgoing`/`incoming` were proven by this run; `false` when they are
    /// the provider's preset, untested because the computer is offline.
    pub verified: bool,
    pub sources: Vec<SourceReport>,
    pub attempts: Vec<Attempt>,
    pub findings: Vec<Finding>,
    /// The process exit status this outcome maps to (see `ExitStatus`).
    pub exit_code: ExitStatus,
}

impl AccountSettings {
    pub fn from_result(r: &DetectionResult) -> Option<AccountSettings> {
        Some(AccountSettings {
            email: r.email.clone(),
            name: r.name.clone(),
            outgoing: r.outgoing.clone()?,
            incoming: r.incoming.clone(),
            verified: r.verified,
        })
    }
}

/// In `--json` the exit status is its number.
impl Serialize for ExitStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(*self as i32)
    }
}

/// Process exit status of `mailsetup detect`; documented in `--help` and docs/cli.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Proven = 0,
    Other = 1,
    BadInput = 2,
    AuthFailed = 3,
    Unreachable = 4,
    InsecureOnly = 5,
    Certificate = 6,
    MessageRefused = 7,
    NeedsApproval = 8,
}
