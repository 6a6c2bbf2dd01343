//! SMTP AUTH (RFC 4954): choose the mechanism, and CRAM-MD5 (RFC 2195), which
//! lettre does not implement, done by hand on its low-level connection.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use md5::Md5;

use crate::account::Password;
use crate::probe::{Capabilities, Session, SmtpError};
use crate::settings::AuthMethod;

/// The best mechanism we can use with a password, in our order of preference:
/// CRAM-MD5 (the password itself never crosses the wire), then PLAIN, then LOGIN.
pub fn choose(caps: &Capabilities) -> Option<AuthMethod> {
    [
        ("CRAM-MD5", AuthMethod::CramMd5),
        ("PLAIN", AuthMethod::Plain),
        ("LOGIN", AuthMethod::Login),
    ]
    .into_iter()
    .find(|(name, _)| caps.offers(name))
    .map(|(_, m)| m)
}

/// The CRAM-MD5 response to a base64 challenge: base64("user hex(hmac_md5(pw, challenge))").
pub fn cram_md5_response(user: &str, password: &Password, challenge_b64: &str) -> Option<String> {
    let challenge = B64.decode(challenge_b64.trim()).ok()?;
    let mut mac = Hmac::<Md5>::new_from_slice(password.expose().as_bytes()).ok()?;
    mac.update(&challenge);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Some(B64.encode(format!("{user} {hex}")))
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
                return Err(SmtpError::Broken(format!(
                    "unexpected reply to AUTH CRAM-MD5: {}",
                    reply.code()
                )));
            }
            let challenge = reply.message().next().unwrap_or_default().to_string();
            let Some(answer) = cram_md5_response(user, password, &challenge) else {
                // Cancel the exchange (RFC 4954 §4) rather than guess.
                let _ = session.command("*\r\n").await;
                return Err(SmtpError::Broken(
                    "the server sent an invalid CRAM-MD5 challenge".into(),
                ));
            };
            session.command(format!("{answer}\r\n")).await.map(|_| ())
        }
        AuthMethod::Plain | AuthMethod::Login => {
            let mech = if method == AuthMethod::Plain {
                Mechanism::Plain
            } else {
                Mechanism::Login
            };
            let creds = Credentials::new(user.to_string(), password.expose().to_string());
            session.auth(mech, &creds).await.map(|_| ())
        }
        AuthMethod::None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2195_example() {
        // The worked example of RFC 2195 §2.
        let pw = Password::new("tanstaaftanstaaf");
        let challenge = B64.encode("<1896.697170952@postoffice.reston.mci.net>");
        let resp = cram_md5_response("tim", &pw, &challenge).unwrap();
        let decoded = String::from_utf8(B64.decode(resp).unwrap()).unwrap();
        assert_eq!(decoded, "tim b913a602c7eda7a495b4e6e7334d3890");
    }

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
