//! Proof: log in once on the best server, then send exactly one test message to
//! the user's own address. A failed login is reported, never retried elsewhere.

mod auth;
pub mod incoming;
pub mod message;

pub use auth::choose as choose_auth;

use crate::account::Account;
use crate::model::{Detail, Lang};
use crate::probe::{Session, SmtpError};
use crate::settings::{AuthMethod, OutgoingSettings};

/// How the proof ended. `reply` fields keep the server's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofOutcome {
    /// Logged in and the test message was accepted.
    Sent {
        message_id: String,
    },
    /// Logged in; sending was skipped as asked (`--no-send`).
    LoggedIn,
    AuthFailed {
        code: u16,
        reply: String,
    },
    AppPasswordRequired {
        reply: String,
    },
    OauthRequired {
        reply: String,
    },
    AuthNotOffered,
    /// The session would not be encrypted and insecure use was not allowed.
    CleartextRefused,
    MessageRefused {
        code: u16,
        reply: String,
    },
    ConnectionLost {
        detail: Detail,
    },
    /// The password went out and the connection broke or went silent before
    /// the verdict: it may have counted as a failed login, so it is the run's
    /// one failed login and goes to no other server.
    LoginUnanswered {
        detail: Detail,
    },
}

/// Which auth failures are really "your provider wants something else".
fn classify_auth_failure(code: u16, reply: &str) -> ProofOutcome {
    let lower = reply.to_ascii_lowercase();
    if lower.contains("5.7.139") || lower.contains("basic authentication is disabled") {
        ProofOutcome::OauthRequired {
            reply: reply.to_string(),
        }
    } else if lower.contains("application-specific password")
        || lower.contains("app password")
        || lower.contains("5.7.9")
        || lower.contains("5.7.14")
    {
        ProofOutcome::AppPasswordRequired {
            reply: reply.to_string(),
        }
    } else {
        ProofOutcome::AuthFailed {
            code,
            reply: reply.to_string(),
        }
    }
}

fn lost(e: SmtpError) -> ProofOutcome {
    ProofOutcome::ConnectionLost { detail: e.detail() }
}

/// Log in (once) and, unless `send` is false, send the test message.
pub async fn prove(
    session: &mut Session,
    account: &Account,
    settings: &OutgoingSettings,
    allow_insecure: bool,
    send: bool,
    lang: Lang,
) -> ProofOutcome {
    // lettre would happily AUTH in the clear: this check is ours.
    if !session.encrypted && !allow_insecure {
        return ProofOutcome::CleartextRefused;
    }
    if settings.auth != AuthMethod::None
        && let Err(e) = auth::authenticate(
            session,
            settings.auth,
            &settings.username,
            &account.password,
        )
        .await
    {
        return match e {
            SmtpError::Reply { code, text } => classify_auth_failure(code, &text),
            other => lost(other),
        };
    }
    if !send {
        return ProofOutcome::LoggedIn;
    }
    let mail = message::build(account, settings, lang);
    let wire = account.email.to_wire();
    let refused = |e: SmtpError| match e {
        SmtpError::Reply { code, text } => ProofOutcome::MessageRefused { code, reply: text },
        other => lost(other),
    };
    if let Err(e) = session.command(format!("MAIL FROM:<{wire}>\r\n")).await {
        return refused(e);
    }
    if let Err(e) = session.command(format!("RCPT TO:<{wire}>\r\n")).await {
        return refused(e);
    }
    if let Err(e) = session.command("DATA\r\n").await {
        return refused(e);
    }
    if let Err(e) = session.message(&mail.bytes).await {
        return refused(e);
    }
    ProofOutcome::Sent {
        message_id: mail.message_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_refusals_are_recognised() {
        assert!(matches!(
            classify_auth_failure(
                534,
                "5.7.9 Application-specific password required. Learn more"
            ),
            ProofOutcome::AppPasswordRequired { .. }
        ));
        assert!(matches!(
            classify_auth_failure(
                535,
                "5.7.139 Authentication unsuccessful, basic authentication is disabled."
            ),
            ProofOutcome::OauthRequired { .. }
        ));
        assert!(matches!(
            classify_auth_failure(535, "5.7.8 Error: authentication failed"),
            ProofOutcome::AuthFailed { code: 535, .. }
        ));
    }
}
