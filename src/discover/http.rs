//! Small, bounded HTTP fetches for autoconfig documents: short timeout, no
//! redirects (a redirect could silently downgrade HTTPS to HTTP), size-limited body.
//!
//! Fetches go through the proxy the computer is set up for, as a browser's
//! would: `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (upper or
//! lower case), and on Windows and macOS the system's proxy settings. (Mail
//! servers are always reached directly.) When the proxy itself cannot be
//! reached, the failure says so and names it (`FetchError::Proxy`).

use std::time::Duration;

use super::autoconfig_xml::MAX_XML_BYTES;
use crate::error_chain::{chain_text, find_in_chain};
use crate::tls::Trust;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// 404: the source simply has nothing.
    NotFound,
    /// No connection (the host does not exist, or refused, or no route): for
    /// a provider's own autoconfig host that means "nothing there"; for the
    /// ISP database it means it cannot be reached.
    Unreachable(String),
    Status(u16),
    TooLarge,
    TimedOut,
    Network(String),
    /// The proxy this fetch had to go through could not be reached.
    Proxy {
        proxy: String,
        detail: String,
    },
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::NotFound => f.write_str("not found"),
            FetchError::Unreachable(e) => write!(f, "cannot be reached: {e}"),
            FetchError::Status(s) => write!(f, "HTTP status {s}"),
            FetchError::TooLarge => f.write_str("document too large"),
            FetchError::TimedOut => f.write_str("timed out"),
            FetchError::Network(e) => write!(f, "{e}"),
            FetchError::Proxy { proxy, detail } => {
                write!(f, "the proxy {proxy} cannot be reached: {detail}")
            }
        }
    }
}

#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    timeout: Duration,
    /// The proxy rules reqwest follows, to name the proxy of a failed fetch.
    proxies: std::sync::Arc<hyper_util::client::proxy::matcher::Matcher>,
}

impl Http {
    pub fn new(trust: &Trust, timeout: Duration) -> Result<Self, String> {
        let tls = trust.client_config().map_err(|e| e.to_string())?;
        let client = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeout)
            .timeout(timeout)
            .user_agent(concat!("mailsetup/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Http {
            client,
            timeout,
            proxies: std::sync::Arc::new(hyper_util::client::proxy::matcher::Matcher::from_system()),
        })
    }

    /// The proxy a fetch of `url` goes through, as `host:port` (never with
    /// the user name or password a proxy setting may hold).
    pub fn proxy_for(&self, url: &reqwest::Url) -> Option<String> {
        let uri: http::Uri = url.as_str().parse().ok()?;
        let proxy = self.proxies.intercept(&uri)?;
        let host = proxy.uri().host()?;
        Some(match proxy.uri().port_u16() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        })
    }

    pub async fn get(&self, url: reqwest::Url) -> Result<Vec<u8>, FetchError> {
        match tokio::time::timeout(self.timeout, self.get_inner(url)).await {
            Ok(r) => r,
            Err(_) => Err(FetchError::TimedOut),
        }
    }

    async fn get_inner(&self, url: reqwest::Url) -> Result<Vec<u8>, FetchError> {
        let proxy = self.proxy_for(&url);
        let mut resp = self.client.get(url).send().await.map_err(|e| {
            if e.is_timeout() {
                FetchError::TimedOut
            } else if e.is_connect() {
                match &proxy {
                    // Through a proxy, failing to connect at all is the
                    // proxy's doing; the proxy refusing to reach the host, or
                    // the host's TLS failing through the tunnel, is not.
                    Some(p) if proxy_unreachable(&e) => FetchError::Proxy {
                        proxy: p.clone(),
                        detail: chain_text(&e),
                    },
                    _ => FetchError::Unreachable(e.to_string()),
                }
            } else {
                FetchError::Network(e.to_string())
            }
        })?;
        let status = resp.status();
        // A proxy's "cannot reach that host" is what no connection is directly.
        if proxy.is_some()
            && matches!(
                status,
                reqwest::StatusCode::BAD_GATEWAY
                    | reqwest::StatusCode::SERVICE_UNAVAILABLE
                    | reqwest::StatusCode::GATEWAY_TIMEOUT
            )
        {
            return Err(FetchError::Unreachable(format!(
                "the proxy answered {status}"
            )));
        }
        if status == reqwest::StatusCode::NOT_FOUND || status == reqwest::StatusCode::GONE {
            return Err(FetchError::NotFound);
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        if resp
            .content_length()
            .is_some_and(|l| l > MAX_XML_BYTES as u64)
        {
            return Err(FetchError::TooLarge);
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| FetchError::Network(e.to_string()))?
        {
            if body.len() + chunk.len() > MAX_XML_BYTES {
                return Err(FetchError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// The connection to the proxy itself failed (refused, no route, timed out),
/// as opposed to a failure past it (a TLS error with the host, a reset).
fn proxy_unreachable(e: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::*;
    find_in_chain::<rustls::Error>(e).is_none()
        && find_in_chain::<std::io::Error>(e).is_some_and(|io| {
            matches!(
                io.kind(),
                ConnectionRefused
                    | TimedOut
                    | HostUnreachable
                    | NetworkUnreachable
                    | NetworkDown
                    | AddrNotAvailable
            )
        })
}
