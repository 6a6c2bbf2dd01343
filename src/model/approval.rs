//! The question put to the user before the password goes to a server no
//! source vouched for.

use super::{Service, Source};

/// What the user is asked before the password goes to a server nobody vouched for.
#[derive(Debug, Clone)]
pub struct ApprovalRequest {
    /// Sending (`Submission`) or receiving (`Imap`, `Pop3`).
    pub service: Service,
    pub host: String,
    pub source: Source,
    /// Who runs that server: its registrable domain (public suffix list).
    pub owner: String,
    /// Shared hosting: the name the user's own server name led to.
    pub found_via: Option<String>,
}
