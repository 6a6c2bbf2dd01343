//! Small, bounded HTTP fetches for autoconfig documents: short timeout, no
//! redirects (a redirect could silently downgrade HTTPS to HTTP), size-limited body.

use std::time::Duration;

use super::autoconfig_xml::MAX_XML_BYTES;
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
        }
    }
}

#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    timeout: Duration,
}

impl Http {
    pub fn new(trust: &Trust, timeout: Duration) -> Result<Self, String> {
        let tls = trust.client_config().map_err(|e| e.to_string())?;
        let client = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(timeout)
            .timeout(timeout)
            .user_agent(concat!("mailsetup/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Http { client, timeout })
    }

    pub async fn get(&self, url: reqwest::Url) -> Result<Vec<u8>, FetchError> {
        match tokio::time::timeout(self.timeout, self.get_inner(url)).await {
            Ok(r) => r,
            Err(_) => Err(FetchError::TimedOut),
        }
    }

    async fn get_inner(&self, url: reqwest::Url) -> Result<Vec<u8>, FetchError> {
        let mut resp = self.client.get(url).send().await.map_err(|e| {
            if e.is_timeout() {
                FetchError::TimedOut
            } else if e.is_connect() {
                FetchError::Unreachable(e.to_string())
            } else {
                FetchError::Network(e.to_string())
            }
        })?;
        let status = resp.status();
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
