//! A line-based connection for IMAP and POP3: plain or TLS, upgradable with
//! STARTTLS/STLS, every read and write bounded by one step.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::AtomicU8;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, ReadBuf};
use tokio::time::{Instant, timeout_at};
use tokio_rustls::client::TlsStream;

use super::net::{self, Failure};
use super::stream::CappedTcp;
use crate::model::{Detail, Note, ProbeOutcome, Stage};
use crate::settings::Security;

/// The longest line we accept from a server (IMAP capability lines are long,
/// but not this long).
pub const MAX_LINE: usize = 16 * 1024;

/// Why a step of the dialogue failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    TimedOut,
    Closed,
    TooLong,
    Io(String),
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::TimedOut => f.write_str("no reply in time"),
            LineError::Closed => f.write_str("the server closed the connection"),
            LineError::TooLong => write!(f, "a reply line longer than {MAX_LINE} bytes"),
            LineError::Io(e) => f.write_str(e),
        }
    }
}

impl LineError {
    /// The probe outcome for a failure at `stage`.
    pub fn at(self, stage: Stage) -> Failure {
        let outcome = match self {
            LineError::TimedOut => ProbeOutcome::TimedOut { stage },
            _ => ProbeOutcome::ProtocolError { stage },
        };
        (outcome, self.detail())
    }

    pub fn detail(&self) -> Detail {
        match self {
            LineError::TimedOut => Note::NoReply.into(),
            LineError::Closed => Note::Closed.into(),
            LineError::TooLong => Note::LineTooLong { max: MAX_LINE }.into(),
            LineError::Io(e) => Detail::System(e.clone()),
        }
    }
}

#[derive(Debug)]
enum Wire {
    Plain(CappedTcp),
    Tls(Box<TlsStream<CappedTcp>>),
}

impl AsyncRead for Wire {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Wire::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Wire::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Wire {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Wire::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Wire::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Wire::Plain(s) => Pin::new(s).poll_flush(cx),
            Wire::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Wire::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Wire::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

pub struct LineConn {
    io: BufReader<Wire>,
    pub encrypted: bool,
    pub peer: SocketAddr,
    step: Duration,
    /// When the current step ends: a step is the greeting, or one command and
    /// its whole reply however many lines it has, so a server sending `* X`
    /// every (step - 1) s cannot keep it alive.
    deadline: Instant,
    tls: Arc<rustls::ClientConfig>,
    /// For `--verbose`: hides login payloads in the lines reported.
    masker: super::wire::Masker,
}

impl LineConn {
    /// On a connected socket, for implicit TLS do the handshake within one step.
    pub async fn open(
        tcp: tokio::net::TcpStream,
        tls_name: &str,
        security: Security,
        tls: Arc<rustls::ClientConfig>,
        step: Duration,
        stage: &AtomicU8,
    ) -> Result<LineConn, Failure> {
        let addr = tcp.peer_addr().map_err(|e| {
            (
                ProbeOutcome::NetworkError {
                    stage: Stage::Connect,
                },
                Detail::system(e),
            )
        })?;
        let tcp = CappedTcp::new(tcp);
        let wire = if security == Security::ImplicitTls {
            net::set_stage(stage, Stage::Tls);
            let s = net::handshake(tcp, tls_name, tls.clone(), step, Stage::Tls).await?;
            Wire::Tls(Box::new(s))
        } else {
            Wire::Plain(tcp)
        };
        net::set_stage(stage, Stage::Greeting);
        Ok(LineConn {
            io: BufReader::new(wire),
            encrypted: security == Security::ImplicitTls,
            peer: addr,
            step,
            deadline: Instant::now() + step,
            tls,
            masker: Default::default(),
        })
    }

    /// One line without its CRLF, within what is left of the current step.
    pub async fn read_line(&mut self) -> Result<String, LineError> {
        let mut buf = Vec::new();
        let read = timeout_at(self.deadline, async {
            loop {
                let chunk = self
                    .io
                    .fill_buf()
                    .await
                    .map_err(|e| LineError::Io(e.to_string()))?;
                if chunk.is_empty() {
                    return Err(LineError::Closed);
                }
                let (used, done) = match chunk.iter().position(|b| *b == b'\n') {
                    Some(i) => (i + 1, true),
                    None => (chunk.len(), false),
                };
                buf.extend_from_slice(&chunk[..used]);
                self.io.consume(used);
                if buf.len() > MAX_LINE {
                    return Err(LineError::TooLong);
                }
                if done {
                    return Ok(());
                }
            }
        })
        .await;
        match read {
            Err(_) => Err(LineError::TimedOut),
            Ok(Err(e)) => Err(e),
            Ok(Ok(())) => {
                let line = String::from_utf8_lossy(&buf);
                let line = line.trim_end_matches(['\r', '\n']).to_string();
                super::wire::received(&mut self.masker, &line);
                Ok(line)
            }
        }
    }

    /// Send one line (CRLF added); this starts a new step.
    pub async fn write_line(&mut self, line: &str) -> Result<(), LineError> {
        self.deadline = Instant::now() + self.step;
        super::wire::sent(&mut self.masker, line);
        // One allocation, wiped when dropped: the line may hold the password.
        let data = crate::sasl::secret_concat(&[line, "\r\n"]);
        let write = async {
            let w = self.io.get_mut();
            w.write_all(data.as_bytes()).await?;
            w.flush().await
        };
        match timeout_at(self.deadline, write).await {
            Err(_) => Err(LineError::TimedOut),
            Ok(Err(e)) => Err(LineError::Io(e.to_string())),
            Ok(Ok(())) => Ok(()),
        }
    }

    /// Upgrade to TLS after the server said yes to STARTTLS/STLS.
    pub async fn starttls(self, tls_name: &str) -> Result<LineConn, Failure> {
        let LineConn {
            io,
            peer,
            step,
            tls,
            masker,
            ..
        } = self;
        if !io.buffer().is_empty() {
            // Bytes sent before the handshake could be injected by an attacker.
            return Err((
                ProbeOutcome::TlsFailure {
                    problem: crate::model::TlsProblem::StarttlsInjection,
                },
                Note::DataBeforeTls.into(),
            ));
        }
        let Wire::Plain(tcp) = io.into_inner() else {
            return Err((
                ProbeOutcome::ProtocolError {
                    stage: Stage::Starttls,
                },
                Note::AlreadyEncrypted.into(),
            ));
        };
        let s = net::handshake(tcp, tls_name, tls.clone(), step, Stage::Starttls).await?;
        super::wire::encrypted();
        Ok(LineConn {
            io: BufReader::new(Wire::Tls(Box::new(s))),
            encrypted: true,
            peer,
            step,
            deadline: Instant::now() + step,
            tls,
            masker,
        })
    }
}
