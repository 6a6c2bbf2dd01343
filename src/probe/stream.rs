//! The byte stream under an SMTP session. It caps how much a server may send us
//! in total: a hostile peer sending an endless line must end in a clear error,
//! not in lettre buffering gigabytes while it waits for a line end.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use lettre::transport::smtp::client::AsyncTokioStream;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// More than any honest submission dialogue sends (EHLO, AUTH and DATA replies).
pub const MAX_BYTES_FROM_SERVER: u64 = 1024 * 1024;

#[derive(Debug)]
pub struct CappedTcp {
    inner: TcpStream,
    read_so_far: u64,
    starttls: Arc<StarttlsGuard>,
}

impl CappedTcp {
    pub fn new(inner: TcpStream) -> Self {
        CappedTcp {
            inner,
            read_so_far: 0,
            starttls: Arc::default(),
        }
    }

    /// The guard the session arms just before it sends STARTTLS.
    pub fn starttls_guard(&self) -> Arc<StarttlsGuard> {
        self.starttls.clone()
    }
}

/// Watches the raw bytes around STARTTLS, below lettre's read buffer. lettre
/// reads replies into a buffer that may hold more than it asked for, and after
/// STARTTLS would take whatever was left there as the first replies *inside*
/// TLS — bytes a man in the middle can inject (CVE-2011-0411). So when the
/// STARTTLS command is about to go out, what arrived since the previous command
/// (the EHLO reply) must be exactly one reply; and when the first byte of the
/// TLS handshake is about to go out, what arrived since STARTTLS must be
/// exactly one reply too (nothing at all means lettre took the go-ahead from
/// bytes buffered earlier). Otherwise the write fails with
/// [`StarttlsInjection`] and the connection is dropped unused.
#[derive(Debug, Default)]
pub struct StarttlsGuard(Mutex<Guard>);

#[derive(Debug, Default)]
struct Guard {
    state: GuardState,
    /// What arrived since the last command was written (bounded).
    since_write: Vec<u8>,
}

#[derive(Debug, Default)]
enum GuardState {
    #[default]
    Idle,
    /// STARTTLS is about to be written.
    Armed,
    /// The command is going out: how much of it, and what the server sent since.
    Command {
        written: usize,
        reply: Vec<u8>,
    },
    Done,
}

/// Most bytes a reply around STARTTLS may take.
const MAX_STARTTLS_REPLY: usize = 4096;
const STARTTLS_COMMAND_LEN: usize = b"STARTTLS\r\n".len();

fn keep(into: &mut Vec<u8>, bytes: &[u8]) {
    let room = (MAX_STARTTLS_REPLY + 1).saturating_sub(into.len());
    into.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

impl StarttlsGuard {
    pub fn arm(&self) {
        self.guard().state = GuardState::Armed;
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, Guard> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn on_read(&self, bytes: &[u8]) {
        let mut g = self.guard();
        let g = &mut *g;
        match &mut g.state {
            GuardState::Idle | GuardState::Armed => keep(&mut g.since_write, bytes),
            GuardState::Command { reply, .. } => keep(reply, bytes),
            GuardState::Done => {}
        }
    }

    /// Called before every write; an error stops the write.
    fn before_write(&self) -> io::Result<()> {
        let mut g = self.guard();
        let g = &mut *g;
        match &g.state {
            GuardState::Idle => g.since_write.clear(),
            GuardState::Armed => {
                // The EHLO reply, and nothing more, arrived since EHLO went out.
                let clean = is_one_reply(&g.since_write);
                g.state = if clean {
                    GuardState::Command {
                        written: 0,
                        reply: Vec::new(),
                    }
                } else {
                    GuardState::Done
                };
                if !clean {
                    return Err(io::Error::other(StarttlsInjection));
                }
            }
            GuardState::Command { written, reply } if *written >= STARTTLS_COMMAND_LEN => {
                // The handshake's first write: exactly the go-ahead was read.
                let clean = is_one_reply(reply);
                g.state = GuardState::Done;
                if !clean {
                    return Err(io::Error::other(StarttlsInjection));
                }
            }
            GuardState::Command { .. } | GuardState::Done => {}
        }
        Ok(())
    }

    fn after_write(&self, n: usize) {
        if let GuardState::Command { written, .. } = &mut self.guard().state {
            *written += n;
        }
    }
}

/// `bytes` is exactly one complete SMTP reply: lines `NNN-…` then a last line
/// `NNN …` (or just `NNN`), and nothing after it.
fn is_one_reply(bytes: &[u8]) -> bool {
    if bytes.len() > MAX_STARTTLS_REPLY || !bytes.ends_with(b"\n") {
        return false;
    }
    let lines: Vec<&[u8]> = bytes[..bytes.len() - 1].split(|b| *b == b'\n').collect();
    let Some((last, before)) = lines.split_last() else {
        return false;
    };
    let continued = |l: &[u8]| l.len() >= 4 && l[3] == b'-';
    before.iter().all(|l| continued(l)) && !continued(last) && last.len() >= 3
}

/// The error a STARTTLS guard reports; recognised by `outcome::starttls_injection`.
#[derive(Debug)]
pub struct StarttlsInjection;

impl std::fmt::Display for StarttlsInjection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("data arrived after the reply to STARTTLS, before the TLS handshake")
    }
}

impl std::error::Error for StarttlsInjection {}

/// The error a capped stream reports; recognised by `outcome::classify`.
#[derive(Debug)]
pub struct TooMuchData;

impl std::fmt::Display for TooMuchData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the server sent more than {MAX_BYTES_FROM_SERVER} bytes without a sensible reply"
        )
    }
}

impl std::error::Error for TooMuchData {}

impl AsyncRead for CappedTcp {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.read_so_far >= MAX_BYTES_FROM_SERVER {
            return Poll::Ready(Err(io::Error::other(TooMuchData)));
        }
        let before = buf.filled().len();
        let res = Pin::new(&mut self.inner).poll_read(cx, buf);
        let got = (buf.filled().len() - before) as u64;
        self.read_so_far += got;
        self.starttls.on_read(&buf.filled()[before..]);
        res
    }
}

impl AsyncWrite for CappedTcp {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Err(e) = self.starttls.before_write() {
            return Poll::Ready(Err(e));
        }
        let res = Pin::new(&mut self.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = res {
            self.starttls.after_write(n);
        }
        res
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl AsyncTokioStream for CappedTcp {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.inner.peer_addr()
    }
}

/// An implicit-TLS stream (port 465) handed to lettre as an opaque byte stream.
#[derive(Debug)]
pub struct ImplicitTls(pub TlsStream<CappedTcp>);

impl AsyncRead for ImplicitTls {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for ImplicitTls {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

impl AsyncTokioStream for ImplicitTls {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.get_ref().0.peer_addr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_complete_reply_and_nothing_more() {
        assert!(is_one_reply(b"220 2.0.0 Ready to start TLS\r\n"));
        assert!(is_one_reply(b"220-one\r\n220 two\r\n"));
        assert!(is_one_reply(b"220\r\n"));
        assert!(!is_one_reply(b"220 Ready\r\n250 AUTH PLAIN\r\n"));
        assert!(!is_one_reply(b"220 Ready\r\n\x16\x03"));
        assert!(!is_one_reply(b"220-Ready\r\n"));
        assert!(!is_one_reply(b"220 Rea"));
        assert!(!is_one_reply(&[b'2'; MAX_STARTTLS_REPLY + 1]));
    }

    /// Drives the guard like lettre over CappedTcp: EHLO, its reply, then
    /// STARTTLS and the reply to it, then the first handshake write.
    fn dialogue(ehlo_reply: &[u8], starttls_reply: &[u8]) -> io::Result<()> {
        let g = StarttlsGuard::default();
        g.before_write()?;
        g.after_write(b"EHLO x\r\n".len());
        g.on_read(ehlo_reply);
        g.arm();
        g.before_write()?;
        g.after_write(4);
        g.before_write()?; // the rest of the command, written separately
        g.after_write(STARTTLS_COMMAND_LEN - 4);
        g.on_read(starttls_reply);
        g.before_write()?; // the ClientHello
        g.after_write(300);
        g.on_read(b"anything inside TLS");
        g.before_write() // after the check the guard is done
    }

    #[test]
    fn the_guard_fails_the_handshake_write_after_injected_bytes() {
        let ehlo = b"250-x\r\n250 STARTTLS\r\n".as_slice();
        assert!(dialogue(ehlo, b"220 Ready\r\n").is_ok());
        // The CVE's own case: replies after the go-ahead.
        assert!(dialogue(ehlo, b"220 Ready\r\n250 AUTH PLAIN\r\n").is_err());
        // Injected with the EHLO reply, before STARTTLS even went out: lettre
        // takes the 220 from its buffer and nothing is read after STARTTLS.
        let pipelined = b"250-x\r\n250 STARTTLS\r\n220 go\r\n250 AUTH PLAIN\r\n".as_slice();
        assert!(dialogue(pipelined, b"").is_err());
        assert!(dialogue(ehlo, b"").is_err(), "no go-ahead read at all");
    }
}
