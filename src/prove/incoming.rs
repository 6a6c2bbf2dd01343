//! Proof for the incoming side: one login to the chosen IMAP or POP3 server,
//! then logout. No mailbox is opened.

use crate::account::{Account, Password};
use crate::model::Detail;
use crate::probe::{IncomingAuth, IncomingSession, LoginError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncomingOutcome {
    LoggedIn,
    /// The server refused the login, in its own words.
    AuthFailed {
        reply: String,
    },
    /// Only an unencrypted login was possible and insecure use was not allowed.
    CleartextRefused,
    /// The server offers no login we can use with a password.
    NoUsableMethod,
    ConnectionLost {
        detail: Detail,
    },
}

/// Exactly one login with the best method the server offers.
pub async fn prove(
    session: &mut IncomingSession,
    how: Option<IncomingAuth>,
    username: &str,
    password: &Password,
    allow_insecure: bool,
) -> IncomingOutcome {
    if !session.encrypted() && !allow_insecure {
        return IncomingOutcome::CleartextRefused;
    }
    let Some(how) = how else {
        return IncomingOutcome::NoUsableMethod;
    };
    match session.login(how, username, password).await {
        Ok(()) => IncomingOutcome::LoggedIn,
        Err(LoginError::Refused(reply)) => IncomingOutcome::AuthFailed { reply },
        Err(LoginError::Broken(detail)) => IncomingOutcome::ConnectionLost { detail },
    }
}

/// The user name for a server: what the user typed, else what the source said,
/// else the full address.
pub fn username(account: &Account, from_source: Option<&String>) -> String {
    if account.login_given {
        account.login.clone()
    } else {
        from_source
            .cloned()
            .unwrap_or_else(|| account.login.clone())
    }
}
