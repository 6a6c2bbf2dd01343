//! Connecting and securing, shared by every protocol: a bounded TCP connect and a
//! bounded TLS handshake, each failure classified into a typed outcome.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_rustls::client::TlsStream;

use super::outcome::{chain_text, tls_problem, too_much_data};
use super::stream::CappedTcp;
use crate::model::{Detail, Note, ProbeOutcome, Stage, TlsProblem};

pub type Failure = (ProbeOutcome, Detail);

pub fn set_stage(stage: &AtomicU8, s: Stage) {
    stage.store(s as u8, Ordering::Relaxed);
}

/// TCP connect within one step: refused, silent (timed out) or unreachable.
pub async fn connect(addr: SocketAddr, step: Duration) -> Result<TcpStream, Failure> {
    match timeout(step, TcpStream::connect(addr)).await {
        Err(_) => Err((
            ProbeOutcome::TimedOut {
                stage: Stage::Connect,
            },
            Note::NoAnswer {
                addresses: vec![addr.ip()],
                within_ms: step.as_millis() as u64,
            }
            .into(),
        )),
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            Err((ProbeOutcome::Refused, Detail::system(e)))
        }
        Ok(Err(e)) => Err((
            ProbeOutcome::NetworkError {
                stage: Stage::Connect,
            },
            Detail::system(e),
        )),
        Ok(Ok(t)) => {
            no_delay(&t);
            Ok(t)
        }
    }
}

/// Send each write at once (no Nagle). Mail protocols are small lines, and
/// TLS writes its handshake's last flight and the first command separately:
/// with Nagle the command waits for the server's delayed ACK, about 40 ms per
/// exchange, several times per probe.
pub fn no_delay(tcp: &TcpStream) {
    // Only a speed matter: a socket that refuses the option still works.
    let _ = tcp.set_nodelay(true);
}

/// TLS handshake within one step, verifying the certificate for `tls_name`.
pub async fn handshake(
    stream: CappedTcp,
    tls_name: &str,
    config: Arc<rustls::ClientConfig>,
    step: Duration,
    stage: Stage,
) -> Result<TlsStream<CappedTcp>, Failure> {
    let name = rustls::pki_types::ServerName::try_from(tls_name.to_string()).map_err(|e| {
        (
            ProbeOutcome::TlsFailure {
                problem: TlsProblem::Handshake,
            },
            Detail::system(e),
        )
    })?;
    let connector = tokio_rustls::TlsConnector::from(config);
    match timeout(step, connector.connect(name, stream)).await {
        Err(_) => Err((
            ProbeOutcome::TimedOut { stage },
            Note::TlsHandshakeTimedOut.into(),
        )),
        Ok(Err(e)) => Err(tls_failure(&e, stage)),
        Ok(Ok(s)) => Ok(s),
    }
}

/// Classify a failed handshake: certificate problems by kind, a flood of bytes as
/// a protocol error, anything else as a handshake failure.
pub fn tls_failure(e: &(dyn std::error::Error + 'static), stage: Stage) -> Failure {
    match tls_problem(e) {
        Some(problem) => (
            ProbeOutcome::TlsFailure { problem },
            Detail::System(chain_text(e)),
        ),
        None if too_much_data(e) => (
            ProbeOutcome::ProtocolError { stage },
            Detail::System(chain_text(e)),
        ),
        None => (
            ProbeOutcome::TlsFailure {
                problem: TlsProblem::Handshake,
            },
            Detail::System(chain_text(e)),
        ),
    }
}
