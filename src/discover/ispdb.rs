//! Source 3: the public ISP database Thunderbird uses. It knows the big providers.
//! The base URL is configurable (tests point it at a local server) and the source
//! can be switched off (`--no-ispdb`).

use reqwest::Url;

use super::SourceFailure;
use super::autoconfig_xml;
use super::http::{FetchError, Http};
use crate::account::EmailAddress;
use crate::model::{ServerHint, Source};

pub const DEFAULT_BASE: &str = "https://autoconfig.thunderbird.net/v1.1/";

/// Where the database keeps the user's domain.
fn url(base: &str, email: &EmailAddress) -> Result<Url, SourceFailure> {
    let base = if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    };
    Url::parse(&base)
        .and_then(|b| b.join(email.domain()))
        .map_err(|e| SourceFailure::Failed(format!("bad ISPDB URL {base}: {e}")))
}

/// The proxy a lookup of the user's domain goes through, if any.
pub fn proxy(http: &Http, base: &str, email: &EmailAddress) -> Option<String> {
    http.proxy_for(&url(base, email).ok()?)
}

pub async fn fetch(
    http: &Http,
    base: &str,
    email: &EmailAddress,
) -> Result<Vec<ServerHint>, SourceFailure> {
    let url = url(base, email)?;
    // The database is run by Thunderbird's maintainers; we trust its answer only
    // when it came over HTTPS.
    let channel = if url.scheme() == "https" {
        super::trust::Channel::Https
    } else {
        super::trust::Channel::Open
    };
    let vouched = super::trust::source_vouches(&Source::Ispdb, channel, false);
    match http.get(url.clone()).await {
        Ok(body) => {
            let config = autoconfig_xml::parse(&body, email)
                .map_err(|e| SourceFailure::Failed(format!("{url}: {e}")))?;
            Ok(super::hints_from_xml(&config, Source::Ispdb, vouched))
        }
        Err(FetchError::NotFound) => Ok(Vec::new()),
        // The database is always there: not reaching it is the network's
        // doing (or its proxy's).
        Err(
            e @ (FetchError::TimedOut
            | FetchError::Unreachable(_)
            | FetchError::Network(_)
            | FetchError::Proxy { .. }),
        ) => Err(SourceFailure::Unreachable {
            detail: format!("{url}: {e}"),
            proxy: http.proxy_for(&url),
        }),
        Err(e) => Err(SourceFailure::Failed(format!("{url}: {e}"))),
    }
}
