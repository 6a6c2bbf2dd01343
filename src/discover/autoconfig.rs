//! Source 2: the provider's own autoconfig document, over HTTPS first and then
//! plain HTTP (Thunderbird's URLs). Only the HTTPS answer can vouch for a server.

use reqwest::Url;

use super::SourceFailure;
use super::autoconfig_xml;
use super::http::{FetchError, Http};
use crate::account::EmailAddress;
use crate::model::{ServerHint, Source};

fn urls(scheme: &str, domain: &str, email: &EmailAddress) -> Vec<Url> {
    let mut out = Vec::new();
    if let Ok(u) = Url::parse_with_params(
        &format!("{scheme}://autoconfig.{domain}/mail/config-v1.1.xml"),
        &[("emailaddress", email.to_wire())],
    ) {
        out.push(u);
    }
    if let Ok(u) = Url::parse(&format!(
        "{scheme}://{domain}/.well-known/autoconfig/mail/config-v1.1.xml"
    )) {
        out.push(u);
    }
    out
}

/// Fetch autoconfig for `domain` (the user's, or the MX-derived one) and return
/// the hints of the best answer: HTTPS before HTTP, autoconfig.D before .well-known.
pub async fn fetch(
    http: &Http,
    domain: &str,
    email: &EmailAddress,
    https_source: Source,
    http_source: Source,
) -> Result<Vec<ServerHint>, SourceFailure> {
    let mut tries = Vec::new();
    for url in urls("https", domain, email) {
        tries.push((
            url,
            https_source.clone(),
            super::trust::source_vouches(&https_source, super::trust::Channel::Https, false),
        ));
    }
    for url in urls("http", domain, email) {
        let vouches =
            super::trust::source_vouches(&http_source, super::trust::Channel::Open, false);
        tries.push((url, http_source.clone(), vouches));
    }
    let results =
        futures_util::future::join_all(tries.iter().map(|(url, _, _)| http.get(url.clone()))).await;
    let mut first_error: Option<String> = None;
    let mut proxy_error: Option<(String, String)> = None;
    for ((url, source, vouched), result) in tries.into_iter().zip(results) {
        match result {
            Ok(body) => match autoconfig_xml::parse(&body, email) {
                Ok(config) if !config.is_empty() => {
                    return Ok(super::hints_from_xml(&config, source, vouched));
                }
                Ok(_) => {}
                Err(e) => {
                    first_error.get_or_insert(format!("{url}: {e}"));
                }
            },
            // No such host or nothing listening: the provider has none.
            Err(FetchError::NotFound | FetchError::Unreachable(_)) => {}
            // The way out is blocked: we cannot know whether it has one.
            Err(FetchError::Proxy { proxy, detail }) => {
                proxy_error.get_or_insert((proxy, format!("{url}: {detail}")));
            }
            Err(e) => {
                first_error.get_or_insert(format!("{url}: {e}"));
            }
        }
    }
    match (proxy_error, first_error) {
        (Some((proxy, detail)), _) => Err(SourceFailure::Unreachable {
            detail,
            proxy: Some(proxy),
        }),
        (None, Some(e)) => Err(SourceFailure::Failed(e)),
        (None, None) => Ok(Vec::new()),
    }
}
