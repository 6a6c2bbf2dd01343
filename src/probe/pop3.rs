//! A minimal POP3 client: greeting, CAPA, STLS, one login, QUIT.

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

pub struct Pop3Session {
    pub conn: LineConn,
    /// SASL mechanisms from CAPA, upper case.
    pub sasl: Vec<String>,
    stls: bool,
    user: bool,
    /// The server answered CAPA at all (RFC 2449); old servers do not.
    capa: bool,
}

impl Pop3Session {
    pub async fn open(
        tcp: tokio::net::TcpStream,
        ep: &Server,
        tls: Arc<rustls::ClientConfig>,
        step: Duration,
        stage: &AtomicU8,
    ) -> Result<Pop3Session, Failure> {
        let conn = LineConn::open(tcp, &ep.host, ep.security, tls, step, stage).await?;
        let mut s = Pop3Session {
            conn,
            sasl: Vec::new(),
            stls: false,
            user: false,
            capa: false,
        };
        let greeting = s
            .conn
            .read_line()
            .await
            .map_err(|e| e.at(Stage::Greeting))?;
        if greeting.starts_with("-ERR") {
            return Err((
                ProbeOutcome::Rejected {
                    stage: Stage::Greeting,
                    code: 0,
                },
                Detail::Server(greeting),
            ));
        }
        if !greeting.starts_with("+OK") {
            return Err((
                ProbeOutcome::ProtocolError {
                    stage: Stage::Greeting,
                },
                Note::UnexpectedGreeting {
                    service: Service::Pop3,
                    greeting: greeting.chars().take(120).collect(),
                }
                .into(),
            ));
        }
        net::set_stage(stage, Stage::Ehlo);
        s.read_capa().await.map_err(|e| e.at(Stage::Ehlo))?;
        if ep.security == Security::StartTls && s.stls {
            net::set_stage(stage, Stage::Starttls);
            let reply = s.command("STLS").await.map_err(|e| e.at(Stage::Starttls))?;
            if !reply.starts_with("+OK") {
                return Err((
                    ProbeOutcome::Rejected {
                        stage: Stage::Starttls,
                        code: 0,
                    },
                    Detail::Server(reply),
                ));
            }
            s.conn = s.conn.starttls(&ep.host).await?;
            net::set_stage(stage, Stage::Ehlo);
            s.read_capa().await.map_err(|e| e.at(Stage::Ehlo))?;
        }
        Ok(s)
    }

    /// USER/PASS may be used: announced, or an old server without CAPA.
    pub fn user_allowed(&self) -> bool {
        self.user || !self.capa
    }

    async fn command(&mut self, cmd: &str) -> Result<String, LineError> {
        self.conn.write_line(cmd).await?;
        self.conn.read_line().await
    }

    async fn read_capa(&mut self) -> Result<(), LineError> {
        let first = self.command("CAPA").await?;
        self.sasl.clear();
        self.stls = false;
        self.user = false;
        self.capa = first.starts_with("+OK");
        if !self.capa {
            return Ok(());
        }
        loop {
            let line = self.conn.read_line().await?;
            if line == "." {
                return Ok(());
            }
            let upper = line.to_ascii_uppercase();
            let mut words = upper.split_whitespace();
            match words.next() {
                Some("STLS") => self.stls = true,
                Some("USER") => self.user = true,
                Some("SASL") => self.sasl = words.map(str::to_string).collect(),
                _ => {}
            }
        }
    }

    /// One SASL exchange: AUTH, then one answer per "+ " continuation.
    async fn auth(
        &mut self,
        mechanism: &str,
        answers: impl Fn(&str) -> Option<sasl::Secret>,
    ) -> Result<String, LineError> {
        let mut line = self.command(&format!("AUTH {mechanism}")).await?;
        for _ in 0..3 {
            let Some(challenge) = line.strip_prefix('+').filter(|_| !line.starts_with("+OK"))
            else {
                return Ok(line);
            };
            let answer =
                answers(challenge.trim()).unwrap_or_else(|| zeroize::Zeroizing::new("*".into()));
            line = self.command(&answer).await?;
        }
        Ok(line)
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
                self.auth(r.name(), |c| r.answer(c)).await
            }
            None => {
                if user.contains(['\r', '\n']) || password.expose().contains(['\r', '\n']) {
                    return Err(LoginError::Broken(
                        Note::CannotSendLogin {
                            service: Service::Pop3,
                        }
                        .into(),
                    ));
                }
                match self.command(&format!("USER {user}")).await {
                    Ok(r) if r.starts_with("+OK") => {
                        self.command(&sasl::secret_concat(&["PASS ", password.expose()]))
                            .await
                    }
                    other => other,
                }
            }
        }
        .map_err(|e| LoginError::Broken(e.detail()))?;
        if reply.starts_with("+OK") {
            Ok(())
        } else {
            Err(LoginError::Refused(reply))
        }
    }

    pub async fn quit(&mut self) {
        let _ = self.command("QUIT").await;
    }
}
