//! One SMTP session on lettre's low-level connection, with every step bounded:
//! connect, TLS, and each reply get at most `step` each, however slowly a server
//! drips its bytes.

use std::fmt::Display;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::AtomicU8;

use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::Ehlo;
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::response::Response;
use tokio::time::timeout;

use super::capabilities::Capabilities;
use super::net;
use super::outcome::{chain_text, starttls_injection, tls_problem, too_much_data};
use super::stream::{CappedTcp, ImplicitTls};
use crate::model::{Detail, Note, ProbeOutcome, Security, Stage, TlsProblem};
use crate::tls::Trust;

/// Why an SMTP step failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmtpError {
    TimedOut,
    /// The server's negative reply, with its own words.
    Reply {
        code: u16,
        text: String,
    },
    TooMuchData,
    /// Anything else: connection dropped, garbage, TLS trouble.
    Broken(String),
    /// Something of ours to say (an odd challenge…).
    Odd(Note),
}

impl Display for SmtpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SmtpError::TimedOut => f.write_str("no reply in time"),
            SmtpError::Reply { code, text } => write!(f, "{code} {text}"),
            SmtpError::TooMuchData => f.write_str(&super::stream::TooMuchData.to_string()),
            SmtpError::Broken(s) => f.write_str(s),
            SmtpError::Odd(n) => write!(f, "{n:?}"),
        }
    }
}

impl SmtpError {
    /// For "Details": the server's reply in its own words, or a note.
    pub fn detail(&self) -> Detail {
        match self {
            SmtpError::TimedOut => Note::NoReply.into(),
            SmtpError::Reply { code, text } => Detail::Server(format!("{code} {text}")),
            SmtpError::TooMuchData => Note::TooMuchData {
                max: super::stream::MAX_BYTES_FROM_SERVER,
            }
            .into(),
            SmtpError::Broken(s) => Detail::System(s.clone()),
            SmtpError::Odd(n) => n.clone().into(),
        }
    }
}

fn from_lettre(e: lettre::transport::smtp::Error) -> SmtpError {
    if let Some(code) = e.status() {
        let code = code.to_string().parse().unwrap_or(0);
        let text = std::error::Error::source(&e)
            .map(|s| s.to_string())
            .unwrap_or_default();
        return SmtpError::Reply { code, text };
    }
    if too_much_data(&e) {
        return SmtpError::TooMuchData;
    }
    SmtpError::Broken(chain_text(&e))
}

pub struct Session {
    conn: AsyncSmtpConnection,
    pub encrypted: bool,
    pub caps: Capabilities,
    pub peer: SocketAddr,
    step: Duration,
    client_id: ClientId,
    /// The password went out and no answer to it has come back (yet).
    login_pending: bool,
}

/// Everything needed to open sessions; cheap to clone into tasks.
#[derive(Clone)]
pub struct Connector {
    pub trust: Trust,
    pub tls: Arc<rustls::ClientConfig>,
    pub step: Duration,
    starttls: Arc<std::sync::Mutex<std::collections::HashMap<String, ParamsCell>>>,
}

type ParamsCell = Arc<tokio::sync::OnceCell<Result<TlsParameters, String>>>;
type StarttlsParams = tokio::task::JoinHandle<Result<TlsParameters, String>>;

impl Connector {
    pub fn new(trust: Trust, step: Duration) -> Result<Self, crate::tls::TrustError> {
        let tls = Arc::new(trust.client_config()?);
        Ok(Connector {
            trust,
            tls,
            step,
            starttls: Default::default(),
        })
    }

    /// lettre's STARTTLS parameters for `tls_name`, built once per name in a
    /// blocking task (lettre reads the whole system certificate store for
    /// them). Started by `prepare` as soon as the host has an address, so the
    /// build overlaps connecting and greeting instead of following the
    /// server's "go ahead".
    fn starttls_params(&self, tls_name: &str) -> StarttlsParams {
        let cell = self
            .starttls
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(tls_name.to_string())
            .or_default()
            .clone();
        let (trust, name) = (self.trust.clone(), tls_name.to_string());
        let build = async move {
            cell.get_or_init(|| async move {
                tokio::task::spawn_blocking(move || {
                    trust.lettre_params(&name).map_err(|e| e.to_string())
                })
                .await
                .unwrap_or_else(|e| Err(e.to_string()))
            })
            .await
            .clone()
        };
        tokio::spawn(build)
    }

    /// On a connected socket, speak TLS for `tls_name` as `security` says, greet,
    /// and read the capabilities. `stage` tracks progress for abandoned probes.
    /// On failure: the typed outcome and the details.
    async fn connect(
        &self,
        tcp: tokio::net::TcpStream,
        tls_name: &str,
        security: Security,
        stage: &AtomicU8,
    ) -> Result<Session, (ProbeOutcome, Detail)> {
        let set = |s: Stage| net::set_stage(stage, s);
        let peer = tcp.peer_addr().map_err(|e| {
            (
                ProbeOutcome::NetworkError {
                    stage: Stage::Connect,
                },
                Detail::system(e),
            )
        })?;
        // Started now, the STARTTLS parameters are ready by the go-ahead.
        let params = (security != Security::ImplicitTls).then(|| self.starttls_params(tls_name));
        let client_id = match tcp.local_addr().map(|a| a.ip()) {
            Ok(std::net::IpAddr::V4(ip)) => ClientId::Ipv4(ip),
            Ok(std::net::IpAddr::V6(ip)) => ClientId::Ipv6(ip),
            Err(_) => ClientId::Ipv4(std::net::Ipv4Addr::LOCALHOST),
        };
        let capped = CappedTcp::new(tcp);
        let starttls_guard = capped.starttls_guard();
        let stream: Box<dyn lettre::transport::smtp::client::AsyncTokioStream> =
            if security == Security::ImplicitTls {
                set(Stage::Tls);
                let tls = net::handshake(capped, tls_name, self.tls.clone(), self.step, Stage::Tls)
                    .await?;
                Box::new(ImplicitTls(tls))
            } else {
                Box::new(capped)
            };
        set(Stage::Greeting);
        let conn = greet(stream, &client_id, self.step).await?;
        let mut session = Session {
            conn,
            encrypted: security == Security::ImplicitTls,
            caps: Capabilities::default(),
            peer,
            step: self.step,
            client_id,
            login_pending: false,
        };
        let offers_starttls = session
            .conn
            .server_info()
            .supports_feature(lettre::transport::smtp::extension::Extension::StartTls);
        if let Some(params) = params.filter(|_| offers_starttls) {
            set(Stage::Starttls);
            starttls_guard.arm();
            session.starttls(params).await?;
        }
        // Without STARTTLS on offer the session stays in the clear; the
        // outcome says so (`StarttlsNotOffered`).
        set(Stage::Ehlo);
        session
            .refresh_capabilities()
            .await
            .map_err(|e| step_failure(e, Stage::Ehlo))?;
        Ok(session)
    }
}

/// The server's greeting and our EHLO, within one step.
async fn greet(
    stream: Box<dyn lettre::transport::smtp::client::AsyncTokioStream>,
    client_id: &ClientId,
    step: Duration,
) -> Result<AsyncSmtpConnection, (ProbeOutcome, Detail)> {
    match timeout(
        step,
        AsyncSmtpConnection::connect_with_transport(stream, client_id),
    )
    .await
    {
        Err(_) => Err((
            ProbeOutcome::TimedOut {
                stage: Stage::Greeting,
            },
            Note::GreetingTimedOut.into(),
        )),
        Ok(Err(e)) => Err(step_failure(from_lettre(e), Stage::Greeting)),
        Ok(Ok(c)) => Ok(c),
    }
}

impl Session {
    /// STARTTLS (RFC 3207) with the parameters being built, within one step
    /// each; bytes injected before the handshake end it (the guard is armed).
    async fn starttls(&mut self, building: StarttlsParams) -> Result<(), (ProbeOutcome, Detail)> {
        let step = self.step;
        let params = match timeout(step, building).await {
            Ok(built) => built
                .unwrap_or_else(|e| Err(e.to_string()))
                .map_err(Detail::System),
            Err(_) => Err(Note::TlsSetupFailed.into()),
        };
        let params = params.map_err(|d| {
            (
                ProbeOutcome::TlsFailure {
                    problem: TlsProblem::Handshake,
                },
                d,
            )
        })?;
        let client_id = self.client_id.clone();
        match timeout(step, self.conn.starttls(params, &client_id)).await {
            Err(_) => Err((
                ProbeOutcome::TimedOut {
                    stage: Stage::Starttls,
                },
                Note::StarttlsTimedOut.into(),
            )),
            Ok(Err(e)) if starttls_injection(&e) => Err((
                ProbeOutcome::TlsFailure {
                    problem: TlsProblem::StarttlsInjection,
                },
                Note::DataBeforeTls.into(),
            )),
            Ok(Err(e)) if tls_problem(&e).is_some() => Err(net::tls_failure(&e, Stage::Starttls)),
            Ok(Err(e)) => Err(step_failure(from_lettre(e), Stage::Starttls)),
            Ok(Ok(())) => {
                self.encrypted = true;
                Ok(())
            }
        }
    }
}

fn step_failure(e: SmtpError, stage: Stage) -> (ProbeOutcome, Detail) {
    let outcome = match &e {
        SmtpError::TimedOut => ProbeOutcome::TimedOut { stage },
        SmtpError::Reply { code, .. } => ProbeOutcome::Rejected { stage, code: *code },
        SmtpError::TooMuchData | SmtpError::Broken(_) | SmtpError::Odd(_) => {
            ProbeOutcome::ProtocolError { stage }
        }
    };
    (outcome, e.detail())
}

impl Session {
    /// The password was sent and the server's verdict never arrived (the
    /// connection broke or timed out): it may have counted as a failed login,
    /// so the run must not send the password anywhere else.
    pub fn login_unanswered(&self) -> bool {
        self.login_pending
    }

    pub(crate) fn set_login_pending(&mut self, pending: bool) {
        self.login_pending = pending;
    }

    /// Re-send EHLO and read the raw capability lines (lettre drops CRAM-MD5).
    async fn refresh_capabilities(&mut self) -> Result<(), SmtpError> {
        let reply = self.command(Ehlo::new(self.client_id.clone())).await?;
        self.caps = Capabilities::parse(reply.message());
        Ok(())
    }

    /// Send one command (must end in CRLF) and wait at most one step for the reply.
    pub async fn command(&mut self, cmd: impl Display) -> Result<Response, SmtpError> {
        match timeout(self.step, self.conn.command(cmd)).await {
            Err(_) => Err(SmtpError::TimedOut),
            Ok(r) => r.map_err(from_lettre),
        }
    }

    /// AUTH PLAIN or LOGIN through lettre.
    pub async fn auth(
        &mut self,
        mechanism: Mechanism,
        credentials: &Credentials,
    ) -> Result<Response, SmtpError> {
        match timeout(self.step, self.conn.auth(&[mechanism], credentials)).await {
            Err(_) => Err(SmtpError::TimedOut),
            Ok(r) => r.map_err(from_lettre),
        }
    }

    /// The message body after DATA's 354 (lettre dot-stuffs and ends it).
    pub async fn message(&mut self, bytes: &[u8]) -> Result<Response, SmtpError> {
        match timeout(self.step, self.conn.message(bytes)).await {
            Err(_) => Err(SmtpError::TimedOut),
            Ok(r) => r.map_err(from_lettre),
        }
    }

    /// Say goodbye politely, but never wait long for it.
    async fn close(mut self) {
        let _ = timeout(Duration::from_secs(1), self.conn.quit()).await;
    }
}

impl super::Prober for Connector {
    type Session = Session;

    fn step(&self) -> Duration {
        self.step
    }

    fn prepare(&self, endpoint: &super::Server) {
        if endpoint.security != Security::ImplicitTls {
            // Started now, it is ready by the server's go-ahead.
            drop(self.starttls_params(&endpoint.host));
        }
    }

    fn open_on(
        &self,
        tcp: tokio::net::TcpStream,
        endpoint: &super::Server,
        stage: &AtomicU8,
    ) -> impl Future<Output = Result<Session, (ProbeOutcome, Detail)>> + Send {
        self.connect(tcp, &endpoint.host, endpoint.security, stage)
    }
}

impl super::ProbeSession for Session {
    fn outcome(&self) -> ProbeOutcome {
        super::ready_outcome(self.encrypted, self.caps.auth.clone())
    }

    fn summary(&self) -> Detail {
        Note::Offered {
            peer: self.peer.to_string(),
            mechanisms: self.caps.auth.clone(),
        }
        .into()
    }

    fn quit(self) -> impl Future<Output = ()> + Send {
        self.close()
    }
}
