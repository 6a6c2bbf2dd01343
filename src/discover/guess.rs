//! Source 6: the names providers commonly use. Cheap, and always inside the
//! user's own domain, so they need no approval.

use super::candidate::{ServerHint, Source, sane_host};

pub fn hints(domain: &str) -> Vec<ServerHint> {
    [
        format!("smtp.{domain}"),
        format!("mail.{domain}"),
        domain.to_string(),
    ]
    .iter()
    .filter_map(|h| sane_host(h))
    .map(|host| ServerHint {
        host,
        endpoint: None,
        source: Source::Guess,
        vouched: true,
        username: None,
    })
    .collect()
}
