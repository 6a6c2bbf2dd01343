//! SASL responses shared by SMTP, IMAP and POP3: PLAIN (RFC 4616) and
//! CRAM-MD5 (RFC 2195). The password is used here and nowhere else on the wire.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use md5::Md5;

use zeroize::Zeroizing;

use crate::account::Password;

/// A response that holds the password (or is as good as it): wiped when dropped.
pub type Secret = Zeroizing<String>;

/// `parts` joined, in one allocation that is wiped when dropped (growing a
/// `String` step by step would leave unwiped copies behind).
pub(crate) fn secret_concat(parts: &[&str]) -> Secret {
    let mut s = Zeroizing::new(String::with_capacity(parts.iter().map(|p| p.len()).sum()));
    for p in parts {
        s.push_str(p);
    }
    s
}

/// base64("\0user\0password").
pub fn plain_response(user: &str, password: &Password) -> Secret {
    let raw = secret_concat(&["\0", user, "\0", password.expose()]);
    Zeroizing::new(B64.encode(raw.as_bytes()))
}

/// base64(user), for the LOGIN mechanism's first prompt.
pub fn login_user(user: &str) -> String {
    B64.encode(user)
}

/// base64(password), for the LOGIN mechanism's second prompt.
pub fn login_password(password: &Password) -> Secret {
    Zeroizing::new(B64.encode(password.expose()))
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
    fn plain_layout() {
        let pw = Password::new("pw");
        assert_eq!(
            B64.decode(plain_response("u", &pw).as_bytes()).unwrap(),
            b"\0u\0pw"
        );
    }
}

/// The SASL mechanisms we speak with a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mechanism {
    CramMd5,
    Plain,
    Login,
}

/// Answers a server's challenges for one SASL exchange, whatever the protocol
/// around it (IMAP AUTHENTICATE, POP3 AUTH).
pub struct Responder<'a> {
    mechanism: Mechanism,
    user: &'a str,
    password: &'a Password,
    step: std::sync::atomic::AtomicU8,
}

impl<'a> Responder<'a> {
    pub fn new(mechanism: Mechanism, user: &'a str, password: &'a Password) -> Self {
        Responder {
            mechanism,
            user,
            password,
            step: std::sync::atomic::AtomicU8::new(0),
        }
    }

    pub fn name(&self) -> &'static str {
        match self.mechanism {
            Mechanism::CramMd5 => "CRAM-MD5",
            Mechanism::Plain => "PLAIN",
            Mechanism::Login => "LOGIN",
        }
    }

    /// The answer to one challenge (base64), `None` if it makes no sense.
    pub fn answer(&self, challenge: &str) -> Option<Secret> {
        let n = self.step.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match self.mechanism {
            Mechanism::CramMd5 => {
                cram_md5_response(self.user, self.password, challenge).map(Zeroizing::new)
            }
            Mechanism::Plain => Some(plain_response(self.user, self.password)),
            Mechanism::Login if n == 0 => Some(Zeroizing::new(login_user(self.user))),
            Mechanism::Login => Some(login_password(self.password)),
        }
    }
}
