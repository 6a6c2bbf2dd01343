//! Discovery: where might the user's outgoing server be? Every source runs at once
//! under one deadline; a slow or broken source never holds up the others.
//! One source per file, named after where its answer comes from.

mod autoconfig;
pub mod autoconfig_xml;
pub mod branding;
mod guess;
pub mod http;
mod ispdb;
pub mod ispdb_bundled;
mod mx;
pub mod preset;
pub mod preset_check;
mod srv;
pub mod trust;

use std::time::Duration;

pub use crate::model::{ServerHint, Source, SourceReport, SourceStatus, WebTrouble, sane_host};
pub use ispdb::DEFAULT_BASE as ISPDB_DEFAULT_BASE;
pub use mx::registrable_domain;

use crate::account::EmailAddress;
use crate::dns::Dns;
use crate::model::{Event, Progress};
use autoconfig_xml::XmlConfig;
use http::Http;

/// Why a source gave nothing usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceFailure {
    TimedOut,
    Failed(String),
    /// The user's domain does not exist in DNS (NXDOMAIN).
    DomainMissing,
    /// No DNS server could be reached: the computer seems to be offline.
    Offline(String),
    /// A web source could not be reached: the network, or the proxy it has
    /// to go through, is in the way.
    Unreachable {
        detail: String,
        proxy: Option<String>,
    },
}

pub struct Context {
    pub email: EmailAddress,
    pub http: Http,
    pub dns: Dns,
    pub preset: Option<XmlConfig>,
    /// The preset was handed over on purpose (see `preset::hints`).
    pub preset_vouched: bool,
    /// `None` turns the ISPDB off.
    pub ispdb_base: Option<String>,
    pub deadline: Duration,
}

#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub hints: Vec<ServerHint>,
    pub reports: Vec<SourceReport>,
    /// DNS said the user's domain does not exist.
    pub domain_missing: bool,
    /// No DNS server could be reached for the user's own domain.
    pub offline: bool,
    /// Autoconfig or the ISPDB could not be reached over the network.
    pub web_trouble: Option<WebTrouble>,
}

pub(crate) fn hints_from_xml(config: &XmlConfig, source: Source, vouched: bool) -> Vec<ServerHint> {
    config
        .outgoing
        .iter()
        .chain(&config.incoming)
        .map(|s| ServerHint {
            service: s.service,
            host: s.host.clone(),
            endpoint: Some((s.port, s.security)),
            source: source.clone(),
            vouched,
            username: s.username.clone(),
        })
        .collect()
}

async fn bounded(
    deadline: Duration,
    fut: impl Future<Output = Result<Vec<ServerHint>, SourceFailure>>,
) -> Result<Vec<ServerHint>, SourceFailure> {
    tokio::time::timeout(deadline, fut)
        .await
        .unwrap_or(Err(SourceFailure::TimedOut))
}

fn report(
    source: Source,
    result: &Result<Vec<ServerHint>, SourceFailure>,
    progress: &Progress,
) -> SourceReport {
    let status = match result {
        Ok(h) if h.is_empty() => SourceStatus::NothingFound,
        Ok(h) => SourceStatus::Found { servers: h.len() },
        Err(SourceFailure::TimedOut) => SourceStatus::TimedOut,
        Err(SourceFailure::Failed(d)) => SourceStatus::Failed { detail: d.clone() },
        Err(SourceFailure::DomainMissing) => SourceStatus::Failed {
            detail: crate::dns::DnsError::NoSuchName.to_string(),
        },
        Err(SourceFailure::Offline(d)) => SourceStatus::Failed { detail: d.clone() },
        Err(SourceFailure::Unreachable { detail, .. }) => SourceStatus::Failed {
            detail: detail.clone(),
        },
    };
    let r = SourceReport { source, status };
    progress.emit(Event::SourceDone(r.clone()));
    r
}

/// Ask every source at once and merge what they say.
pub async fn discover(ctx: &Context, progress: &Progress) -> Discovery {
    let email = &ctx.email;
    let domain = email.domain();
    let d = ctx.deadline;

    let preset = async {
        let r: Result<Vec<ServerHint>, SourceFailure> = Ok(ctx
            .preset
            .as_ref()
            .map(|p| preset::hints(p, ctx.preset_vouched))
            .unwrap_or_default());
        r
    };
    let autoconfig = bounded(
        d,
        autoconfig::fetch(
            &ctx.http,
            domain,
            email,
            Source::AutoconfigHttps,
            Source::AutoconfigHttp,
        ),
    );
    let ispdb = async {
        match &ctx.ispdb_base {
            Some(base) => Some(bounded(d, ispdb::fetch(&ctx.http, base, email)).await),
            None => None,
        }
    };
    let srv = bounded(d, srv::find(&ctx.dns, domain));
    let mx = bounded(d, mx::find(&ctx.dns, &ctx.http, email));

    // Each source reports as soon as it is done, so progress is live.
    let (preset, autoconfig, ispdb, srv, mx) = tokio::join!(
        async {
            let r = preset.await;
            let rep = ctx
                .preset
                .is_some()
                .then(|| report(Source::Preset, &r, progress));
            (r, rep)
        },
        async {
            let r = autoconfig.await;
            let rep = report(Source::AutoconfigHttps, &r, progress);
            (r, rep)
        },
        async {
            match ispdb.await {
                // The online database could not be reached (or answered
                // nonsense): the copy inside the program stands in.
                Some(r @ Err(_)) => {
                    let online = report(Source::Ispdb, &r, progress);
                    let b: Result<Vec<ServerHint>, SourceFailure> = Ok(ispdb_bundled::hints(email));
                    let bundled = report(Source::IspdbBundled, &b, progress);
                    (b, vec![online, bundled], r.err())
                }
                Some(r) => {
                    let rep = report(Source::Ispdb, &r, progress);
                    (r, vec![rep], None)
                }
                None => (Ok(Vec::new()), Vec::new(), None),
            }
        },
        async {
            let r = srv.await;
            let rep = report(Source::Srv, &r, progress);
            (r, rep)
        },
        async {
            let r = mx.await;
            let rep = report(Source::Mx, &r, progress);
            (r, rep)
        },
    );
    let guesses: Result<Vec<ServerHint>, SourceFailure> = Ok(guess::hints(domain));
    let guess_report = report(Source::Guess, &guesses, progress);

    let ispdb_trouble = ispdb.2.and_then(|e| match e {
        SourceFailure::Unreachable { detail, proxy } => Some(WebTrouble { proxy, detail }),
        // The whole source ran out of time (its deadline is the fetch's own).
        SourceFailure::TimedOut => Some(WebTrouble {
            proxy: ctx
                .ispdb_base
                .as_deref()
                .and_then(|b| ispdb::proxy(&ctx.http, b, email)),
            detail: "the ISP database did not answer in time".into(),
        }),
        _ => None,
    });
    let autoconfig_trouble = match &autoconfig.0 {
        Err(SourceFailure::Unreachable { detail, proxy }) => Some(WebTrouble {
            proxy: proxy.clone(),
            detail: detail.clone(),
        }),
        _ => None,
    };
    let mut out = Discovery {
        domain_missing: matches!(mx.0, Err(SourceFailure::DomainMissing)),
        offline: matches!(mx.0, Err(SourceFailure::Offline(_))),
        web_trouble: autoconfig_trouble.or(ispdb_trouble),
        ..Default::default()
    };
    out.reports.extend(preset.1);
    out.reports.push(autoconfig.1);
    out.reports.extend(ispdb.1);
    out.reports.push(srv.1);
    out.reports.push(mx.1);
    out.reports.push(guess_report);
    for r in [preset.0, autoconfig.0, ispdb.0, srv.0, mx.0, guesses] {
        out.hints.extend(r.unwrap_or_default());
    }
    for h in &mut out.hints {
        // A name inside the user's own domain needs no one to vouch for it.
        h.vouched = trust::may_receive_password(email, &h.host, h.vouched);
    }
    out
}
