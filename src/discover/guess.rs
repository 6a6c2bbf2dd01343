//! Source 6: the names providers commonly use. Cheap, and always inside the
//! user's own domain, so they need no approval.

use crate::model::{ServerHint, Source, sane_host};
use crate::settings::Service;

/// (name prefix, services): `mail.` and the bare domain often serve everything.
const NAMES: &[(&str, &[Service])] = &[
    ("smtp.", &[Service::Submission]),
    ("imap.", &[Service::Imap]),
    ("pop.", &[Service::Pop3]),
    (
        "mail.",
        &[Service::Submission, Service::Imap, Service::Pop3],
    ),
    ("", &[Service::Submission, Service::Imap, Service::Pop3]),
];

pub fn hints(domain: &str) -> Vec<ServerHint> {
    let mut out = Vec::new();
    for (prefix, services) in NAMES {
        let Some(host) = sane_host(&format!("{prefix}{domain}")) else {
            continue;
        };
        for service in *services {
            out.push(ServerHint {
                service: *service,
                host: host.clone(),
                endpoint: None,
                source: Source::Guess,
                vouched: super::trust::source_vouches(
                    &Source::Guess,
                    super::trust::Channel::Open,
                    false,
                ),
                username: None,
            });
        }
    }
    out
}
