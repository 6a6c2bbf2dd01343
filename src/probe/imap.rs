//! A minimal IMAP client: greeting, CAPABILITY, STARTTLS, one login, LOGOUT.

use std::sync::Arc;
use std::sync::atomic::AtomicU8;
use std::time::Duration;

use super::Server;
use super::incoming::{IncomingAuth, LoginError};
use super::line::{LineConn, LineError};
use super::net::{self, Failure};
use crate::account::Password;
use crate::model::{Detail, Note, ProbeOutcome, Service, Stage};
use crate::sasl;
use crate::settings::Security;

/// A tagged reply: OK, NO or BAD, with the server's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub status: String,
    pub text: String,
}

impl Tagged {
    fn ok(&self) -> bool {
        self.status == "OK"
    }
}

pub struct ImapSession {
    pub conn: LineConn,
    /// Capabilities, upper case.
    pub caps: Vec<String>,
    tag: u32,
}

impl ImapSession {
    pub async fn open(
        tcp: tokio::net::TcpStream,
        ep: &Server,
        tls: Arc<rustls::ClientConfig>,
        step: Duration,
        stage: &AtomicU8,
    ) -> Result<ImapSession, Failure> {
        let conn = LineConn::open(tcp, &ep.host, ep.security, tls, step, stage).await?;
        let mut s = ImapSession {
            conn,
            caps: Vec::new(),
            tag: 0,
        };
        let greeting = s
            .conn
            .read_line()
            .await
            .map_err(|e| e.at(Stage::Greeting))?;
        let upper = greeting.to_ascii_uppercase();
        if upper.starts_with("* BYE") {
            return Err((
                ProbeOutcome::Rejected {
                    stage: Stage::Greeting,
                    code: 0,
                },
                Detail::Server(greeting),
            ));
        }
        if !(upper.starts_with("* OK") || upper.starts_with("* PREAUTH")) {
            return Err((
                ProbeOutcome::ProtocolError {
                    stage: Stage::Greeting,
                },
                Note::UnexpectedGreeting {
                    service: Service::Imap,
                    greeting: shorten(&greeting),
                }
                .into(),
            ));
        }
        net::set_stage(stage, Stage::Ehlo);
        s.capability().await.map_err(|e| e.at(Stage::Ehlo))?;
        if ep.security == Security::StartTls && s.has("STARTTLS") {
            net::set_stage(stage, Stage::Starttls);
            let reply = s
                .command("STARTTLS")
                .await
                .map_err(|e| e.at(Stage::Starttls))?;
            if !reply.ok() {
                return Err((
                    ProbeOutcome::Rejected {
                        stage: Stage::Starttls,
                        code: 0,
                    },
                    Detail::Server(reply.text),
                ));
            }
            s.conn = s.conn.starttls(&ep.host).await?;
            net::set_stage(stage, Stage::Ehlo);
            s.capability().await.map_err(|e| e.at(Stage::Ehlo))?;
        }
        Ok(s)
    }

    fn has(&self, cap: &str) -> bool {
        self.caps.iter().any(|c| c == cap)
    }

    pub fn sasl_mechanisms(&self) -> Vec<String> {
        self.caps
            .iter()
            .filter_map(|c| c.strip_prefix("AUTH=").map(str::to_string))
            .collect()
    }

    /// The LOGIN command is allowed (and we never use it unencrypted anyway).
    pub fn login_allowed(&self) -> bool {
        !self.has("LOGINDISABLED")
    }

    async fn capability(&mut self) -> Result<(), LineError> {
        let tag = self.next_tag();
        self.conn.write_line(&format!("{tag} CAPABILITY")).await?;
        let mut caps = Vec::new();
        loop {
            let line = self.conn.read_line().await?;
            if let Some(rest) = line.strip_prefix("* ")
                && rest.to_ascii_uppercase().starts_with("CAPABILITY")
            {
                caps = rest
                    .split_whitespace()
                    .skip(1)
                    .map(|c| c.to_ascii_uppercase())
                    .collect();
            } else if line.starts_with(&format!("{tag} ")) {
                self.caps = caps;
                return Ok(());
            }
        }
    }

    fn next_tag(&mut self) -> String {
        self.tag += 1;
        format!("a{}", self.tag)
    }

    /// Send a command and read up to its tagged reply.
    async fn command(&mut self, cmd: &str) -> Result<Tagged, LineError> {
        let tag = self.next_tag();
        // `cmd` may be LOGIN with the password: one wiped buffer.
        let line = sasl::secret_concat(&[&tag, " ", cmd]);
        self.conn.write_line(&line).await?;
        self.read_tagged(&tag).await
    }

    async fn read_tagged(&mut self, tag: &str) -> Result<Tagged, LineError> {
        loop {
            let line = self.conn.read_line().await?;
            if let Some(rest) = line.strip_prefix(&format!("{tag} ")) {
                let (status, text) = rest.split_once(' ').unwrap_or((rest, ""));
                return Ok(Tagged {
                    status: status.to_ascii_uppercase(),
                    text: text.to_string(),
                });
            }
        }
    }

    /// One SASL exchange: the command, then one answer per continuation.
    async fn authenticate(
        &mut self,
        mechanism: &str,
        answers: impl Fn(&str) -> Option<sasl::Secret>,
    ) -> Result<Tagged, LineError> {
        let tag = self.next_tag();
        self.conn
            .write_line(&format!("{tag} AUTHENTICATE {mechanism}"))
            .await?;
        for _ in 0..3 {
            let line = self.conn.read_line().await?;
            if let Some(challenge) = line.strip_prefix('+') {
                match answers(challenge.trim()) {
                    Some(a) => self.conn.write_line(&a).await?,
                    None => self.conn.write_line("*").await?,
                }
            } else if let Some(rest) = line.strip_prefix(&format!("{tag} ")) {
                let (status, text) = rest.split_once(' ').unwrap_or((rest, ""));
                return Ok(Tagged {
                    status: status.to_ascii_uppercase(),
                    text: text.to_string(),
                });
            }
        }
        self.read_tagged(&tag).await
    }

    pub async fn login(
        &mut self,
        how: IncomingAuth,
        user: &str,
        password: &Password,
    ) -> Result<(), LoginError> {
        let reply = match how.sasl() {
            Some(mechanism) => {
                let r = sasl::Responder::new(mechanism, user, password);
                self.authenticate(r.name(), |c| r.answer(c)).await
            }
            None => {
                let (Some(u), Some(p)) = (quote(user), quote(password.expose())) else {
                    return Err(LoginError::Broken(
                        Note::CannotSendLogin {
                            service: Service::Imap,
                        }
                        .into(),
                    ));
                };
                self.command(&sasl::secret_concat(&["LOGIN ", &u, " ", &p]))
                    .await
            }
        }
        .map_err(|e| LoginError::Broken(e.detail()))?;
        if reply.ok() {
            Ok(())
        } else {
            Err(LoginError::Refused(format!(
                "{} {}",
                reply.status, reply.text
            )))
        }
    }

    pub async fn logout(&mut self) {
        let _ = self.command("LOGOUT").await;
    }
}

/// An IMAP quoted string; `None` for what cannot be quoted (CR, LF, NUL).
/// Built in one wiped allocation: it may hold the password.
fn quote(s: &str) -> Option<sasl::Secret> {
    if s.contains(['\r', '\n', '\0']) {
        return None;
    }
    let escapes = s.chars().filter(|c| matches!(c, '\\' | '"')).count();
    let mut out = zeroize::Zeroizing::new(String::with_capacity(s.len() + escapes + 2));
    out.push('"');
    for c in s.chars() {
        if matches!(c, '\\' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    Some(out)
}

fn shorten(s: &str) -> String {
    s.chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(
            quote(r#"pa"ss\word"#).as_deref().map(String::as_str),
            Some(r#""pa\"ss\\word""#)
        );
        assert_eq!(quote("a\r\nb"), None);
    }
}
