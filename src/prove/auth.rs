//! SMTP AUTH (RFC 4954): choose the mechanism, and CRAM-MD5 (RFC 2195), which
//! lettre does not implement, done by hand on its low-level connection.

use lettre::transport::smtp::authentication::{Credentials, Mechanism};

use crate::account::Password;
use crate::model::{AuthMethod, Note};
use crate::probe::{Capabilities, Session, SmtpError};
use crate::sasl::cram_md5_response;

/// The best mechanism we can use with a password (`AuthMethod::PREFERENCE`).
pub fn choose(caps: &Capabilities) -> Option<AuthMethod> {
    AuthMethod::best_of(caps.auth.iter().map(String::as_str))
}

/// Exactly one AUTH exchange. Never retried by the caller with the same password.
pub async fn authenticate(
    session: &mut Session,
    method: AuthMethod,
    user: &str,
    password: &Password,
) -> Result<(), SmtpError> {
    match method {
        AuthMethod::CramMd5 => {
            let reply = session.command("AUTH CRAM-MD5\r\n").await?;
            if !reply.has_code(334) {
                return Err(SmtpError::Odd(Note::UnexpectedChallenge {
                    reply: reply.code().to_string(),
                }));
            }
            let challenge = reply.message().next().unwrap_or_default().to_string();
            let Some(mut answer) = cram_md5_response(user, password, &challenge) else {
                // Cancel the exchange (RFC 4954 §4) rather than guess.
                let _ = session.command("*\r\n").await;
                return Err(SmtpError::Odd(Note::InvalidChallenge));
            };
            answer.push_str("\r\n");
            session.set_login_pending(true);
            let result = session.command(answer.as_str()).await;
            answered(session, result)
        }
        AuthMethod::Plain | AuthMethod::Login => {
            let mech = if method == AuthMethod::Plain {
                Mechanism::Plain
            } else {
                Mechanism::Login
            };
            // lettre's Credentials and its encoded response are lettre's own
            // copies, freed but not wiped (SECURITY.md says so).
            let creds = Credentials::new(user.to_string(), password.expose().to_string());
            session.set_login_pending(true);
            let result = session.auth(mech, &creds).await;
            answered(session, result)
        }
        AuthMethod::None => Ok(()),
    }
}

/// A reply (yes or no) settles the login; a broken or silent connection leaves
/// it pending (see `Session::login_unanswered`).
fn answered<T>(session: &mut Session, result: Result<T, SmtpError>) -> Result<(), SmtpError> {
    if matches!(result, Ok(_) | Err(SmtpError::Reply { .. })) {
        session.set_login_pending(false);
    }
    result.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preference() {
        let caps = Capabilities::parse(["x", "AUTH LOGIN PLAIN CRAM-MD5"]);
        assert_eq!(choose(&caps), Some(AuthMethod::CramMd5));
        let caps = Capabilities::parse(["x", "AUTH LOGIN PLAIN"]);
        assert_eq!(choose(&caps), Some(AuthMethod::Plain));
        let caps = Capabilities::parse(["x", "AUTH LOGIN"]);
        assert_eq!(choose(&caps), Some(AuthMethod::Login));
        let caps = Capabilities::parse(["x", "AUTH XOAUTH2"]);
        assert_eq!(choose(&caps), None);
    }
}
