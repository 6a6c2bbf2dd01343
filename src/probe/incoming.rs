//! Incoming mail servers: IMAP (RFC 9051/3501) and POP3 (RFC 1939, 2449), probed
//! and logged in to by the same runner as SMTP. Only capabilities, one login and
//! a logout: no mailbox is ever read or changed.

use std::sync::Arc;
use std::sync::atomic::AtomicU8;
use std::time::Duration;

use super::imap::ImapSession;
use super::net::Failure;
use super::pop3::Pop3Session;
use super::{ProbeSession, Prober, Server};
use crate::account::Password;
use crate::model::{Detail, Note, ProbeOutcome, Stage};
use crate::settings::{AuthMethod, Service};

/// How we log in to an incoming server, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncomingAuth {
    CramMd5,
    Plain,
    /// SASL LOGIN.
    Login,
    /// IMAP's LOGIN command or POP3's USER/PASS: a normal password.
    Basic,
}

impl IncomingAuth {
    /// The SASL mechanism, or `None` for the protocol's own LOGIN / USER-PASS.
    pub fn sasl(self) -> Option<crate::sasl::Mechanism> {
        match self {
            IncomingAuth::CramMd5 => Some(crate::sasl::Mechanism::CramMd5),
            IncomingAuth::Plain => Some(crate::sasl::Mechanism::Plain),
            IncomingAuth::Login => Some(crate::sasl::Mechanism::Login),
            IncomingAuth::Basic => None,
        }
    }

    /// As mail clients name it: CRAM-MD5 is "encrypted password", the rest "normal".
    pub fn method(self) -> AuthMethod {
        match self {
            IncomingAuth::CramMd5 => AuthMethod::CramMd5,
            IncomingAuth::Login => AuthMethod::Login,
            IncomingAuth::Plain | IncomingAuth::Basic => AuthMethod::Plain,
        }
    }
}

/// Why a login did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginError {
    /// The server said no (IMAP `NO`, POP3 `-ERR`), in its own words.
    Refused(String),
    /// The dialogue broke down.
    Broken(Detail),
}

/// Choose the best of what a server offers; `basic` says whether the plain
/// login command (IMAP LOGIN, POP3 USER) is allowed.
pub fn choose(mechanisms: &[String], basic: bool) -> Option<IncomingAuth> {
    match AuthMethod::best_of(mechanisms.iter().map(String::as_str)) {
        Some(AuthMethod::CramMd5) => Some(IncomingAuth::CramMd5),
        Some(AuthMethod::Plain) => Some(IncomingAuth::Plain),
        Some(AuthMethod::Login) => Some(IncomingAuth::Login),
        _ if basic => Some(IncomingAuth::Basic),
        _ => None,
    }
}

#[derive(Clone)]
pub struct IncomingProber {
    pub tls: Arc<rustls::ClientConfig>,
    pub step: Duration,
}

impl IncomingProber {
    pub fn new(trust: &crate::tls::Trust, step: Duration) -> Result<Self, crate::tls::TrustError> {
        Ok(IncomingProber {
            tls: Arc::new(trust.client_config()?),
            step,
        })
    }
}

pub enum IncomingSession {
    Imap(ImapSession),
    Pop3(Pop3Session),
}

impl Prober for IncomingProber {
    type Session = IncomingSession;

    fn step(&self) -> Duration {
        self.step
    }

    async fn open_on(
        &self,
        tcp: tokio::net::TcpStream,
        endpoint: &Server,
        stage: &AtomicU8,
    ) -> Result<IncomingSession, Failure> {
        let tls = self.tls.clone();
        match endpoint.service {
            Service::Imap => ImapSession::open(tcp, endpoint, tls, self.step, stage)
                .await
                .map(IncomingSession::Imap),
            Service::Pop3 => Pop3Session::open(tcp, endpoint, tls, self.step, stage)
                .await
                .map(IncomingSession::Pop3),
            Service::Submission => Err((
                ProbeOutcome::ProtocolError {
                    stage: Stage::Connect,
                },
                Note::NotIncoming.into(),
            )),
        }
    }
}

impl IncomingSession {
    pub fn encrypted(&self) -> bool {
        match self {
            IncomingSession::Imap(s) => s.conn.encrypted,
            IncomingSession::Pop3(s) => s.conn.encrypted,
        }
    }

    pub fn choose_auth(&self) -> Option<IncomingAuth> {
        match self {
            IncomingSession::Imap(s) => choose(&s.sasl_mechanisms(), s.login_allowed()),
            IncomingSession::Pop3(s) => choose(&s.sasl, s.user_allowed()),
        }
    }

    /// Exactly one login attempt.
    pub async fn login(
        &mut self,
        how: IncomingAuth,
        user: &str,
        password: &Password,
    ) -> Result<(), LoginError> {
        match self {
            IncomingSession::Imap(s) => s.login(how, user, password).await,
            IncomingSession::Pop3(s) => s.login(how, user, password).await,
        }
    }

    fn mechanisms(&self) -> Vec<String> {
        let mut m = match self {
            IncomingSession::Imap(s) => s.sasl_mechanisms(),
            IncomingSession::Pop3(s) => s.sasl.clone(),
        };
        let basic = match self {
            IncomingSession::Imap(s) => s.login_allowed(),
            IncomingSession::Pop3(s) => s.user_allowed(),
        };
        if basic {
            m.push(
                match self {
                    IncomingSession::Imap(_) => "LOGIN-COMMAND",
                    IncomingSession::Pop3(_) => "USER",
                }
                .into(),
            );
        }
        m
    }
}

impl ProbeSession for IncomingSession {
    fn outcome(&self) -> ProbeOutcome {
        super::ready_outcome(self.encrypted(), self.mechanisms())
    }

    fn summary(&self) -> Detail {
        let peer = match self {
            IncomingSession::Imap(s) => s.conn.peer,
            IncomingSession::Pop3(s) => s.conn.peer,
        };
        Note::Offered {
            peer: peer.to_string(),
            mechanisms: self.mechanisms(),
        }
        .into()
    }

    async fn quit(self) {
        let bye = async {
            match self {
                IncomingSession::Imap(mut s) => s.logout().await,
                IncomingSession::Pop3(mut s) => s.quit().await,
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(1), bye).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_login_first() {
        let m = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            choose(&m(&["PLAIN", "CRAM-MD5"]), true),
            Some(IncomingAuth::CramMd5)
        );
        assert_eq!(
            choose(&m(&["PLAIN", "LOGIN"]), true),
            Some(IncomingAuth::Plain)
        );
        assert_eq!(choose(&m(&[]), true), Some(IncomingAuth::Basic));
        assert_eq!(choose(&m(&["XOAUTH2"]), false), None);
        assert_eq!(IncomingAuth::Basic.method(), AuthMethod::Plain);
    }
}
