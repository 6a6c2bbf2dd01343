//! The byte stream under an SMTP session. It caps how much a server may send us
//! in total: a hostile peer sending an endless line must end in a clear error,
//! not in lettre buffering gigabytes while it waits for a line end.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
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
}

impl CappedTcp {
    pub fn new(inner: TcpStream) -> Self {
        CappedTcp {
            inner,
            read_so_far: 0,
        }
    }
}

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
        res
    }
}

impl AsyncWrite for CappedTcp {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
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
