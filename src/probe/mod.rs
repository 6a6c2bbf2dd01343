//! Probing: try every candidate endpoint at once and rank what answers. The same
//! runner serves SMTP submission (`smtp`) and the incoming protocols (`imap`,
//! `pop3`), each of which implements `Prober`.
//!
//! Ranking: for incoming mail IMAP before POP3 unless the preset lists POP3 first;
//! then hosts that need no approval, then by source (preset before guess); per
//! host implicit TLS first (465, 993, 995), then STARTTLS (587, 143, 110), then 25
//! (RFC 8314).
//!
//! Grace policy: once some endpoint is usable, endpoints ranked above it that are
//! still silent get a grace period of four times the winner's own time (at least
//! 250 ms, at most 3 s), then are abandoned. A port that answers at all answers
//! within a few round trips; one that stays silent while its neighbour answered
//! is being dropped by a firewall, and waiting out its full timeout helps no one.
//! Endpoints ranked below the winner are never waited for.
//!
//! Fan-out cap: a source that cannot vouch for its servers (HTTP autoconfig,
//! SRV, MX) could list thousands of them. Per service at most
//! [`MAX_HOSTS_PER_SERVICE`] hosts are tried, of which at most
//! [`MAX_UNVOUCHED_HOSTS`] from such sources, each on its standard ports plus at
//! most [`MAX_EXTRA_PORTS`] ports a source named; so one run never has more
//! than 8 × (3 + 3) = 48 connections open per service. Such sources may not
//! name a server by IP address (it could point anywhere, a certificate rarely
//! covers it, and no DNS name ties it to the provider), and the user name they
//! suggest is not used for a host a trusted source named.

mod capabilities;
mod imap;
mod incoming;
mod line;
mod net;
mod outcome;
mod pop3;
mod smtp;
mod stream;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::task::JoinSet;

pub use capabilities::Capabilities;
pub use incoming::{IncomingAuth, IncomingProber, IncomingSession, LoginError};
pub use outcome::{ProbeOutcome, Stage, TlsProblem};
pub use smtp::{Connector, Session, SmtpError};
pub use stream::{CappedTcp, ImplicitTls, MAX_BYTES_FROM_SERVER};

use crate::discover::{ServerHint, Source, sane_host};
use crate::dns::Dns;
use crate::progress::{Event, Progress};
use crate::settings::{Security, Service};

/// Opens probe sessions for one protocol.
pub trait Prober: Clone + Send + Sync + 'static {
    type Session: ProbeSession;

    /// Connect to `addr`, secure the connection as the endpoint says (verifying
    /// the certificate for its host name), greet and read the capabilities.
    /// `stage` tracks progress for attempts that are abandoned.
    fn open(
        &self,
        addr: SocketAddr,
        endpoint: &Endpoint,
        stage: &AtomicU8,
    ) -> impl Future<Output = Result<Self::Session, (ProbeOutcome, String)>> + Send;
}

/// An open session after probing, ready for the login.
pub trait ProbeSession: Send + 'static {
    /// Ready, AUTH not offered, or STARTTLS not offered: what the server announced.
    fn outcome(&self) -> ProbeOutcome;
    /// A line for "Details": address and login mechanisms.
    fn summary(&self) -> String;
    fn quit(self) -> impl Future<Output = ()> + Send;
}

/// One place to try: host, port and how to secure it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    pub service: Service,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub source: Source,
    /// The password may go here without asking (see `discover`).
    #[serde(skip)]
    pub vouched: bool,
    /// A user name the source told us to use.
    #[serde(skip)]
    pub username: Option<String>,
}

/// The record of one attempt, as shown in "Details" and in `--json`.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    pub service: Service,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub source: Source,
    pub outcome: ProbeOutcome,
    /// The server's own words or the error text.
    pub detail: String,
    pub elapsed_ms: u64,
    /// For a certificate-name alternative: the host whose certificate named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found_via: Option<String>,
    /// Rank among all endpoints; lower is better.
    #[serde(skip)]
    pub rank: usize,
    #[serde(skip)]
    pub vouched: bool,
    #[serde(skip)]
    pub username: Option<String>,
}

impl Attempt {
    fn new(
        ep: &Endpoint,
        rank: usize,
        outcome: ProbeOutcome,
        detail: String,
        elapsed: Duration,
    ) -> Attempt {
        Attempt {
            service: ep.service,
            host: ep.host.clone(),
            port: ep.port,
            security: ep.security,
            source: ep.source.clone(),
            outcome,
            detail,
            elapsed_ms: elapsed.as_millis() as u64,
            found_via: None,
            rank,
            vouched: ep.vouched,
            username: ep.username.clone(),
        }
    }

    pub fn endpoint(&self) -> Endpoint {
        Endpoint {
            service: self.service,
            host: self.host.clone(),
            port: self.port,
            security: self.security,
            source: self.source.clone(),
            vouched: self.vouched,
            username: self.username.clone(),
        }
    }
}

/// Hosts tried per service, whatever the sources say (see the module docs).
pub const MAX_HOSTS_PER_SERVICE: usize = 8;
/// Of those, hosts named only by sources that cannot vouch for them.
pub const MAX_UNVOUCHED_HOSTS: usize = 3;
/// Ports a source names for one host beyond the standard ones.
pub const MAX_EXTRA_PORTS: usize = 3;

/// A host name that is really an address: an IP literal, or anything whose last
/// label is all digits (no top-level domain is).
pub(crate) fn is_address(host: &str) -> bool {
    host.parse::<IpAddr>().is_ok()
        || host
            .trim_end_matches('.')
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
}

/// Expand the hints for `services` into endpoints, merged per host and ranked.
pub fn plan(hints: &[ServerHint], services: &[Service]) -> Vec<Endpoint> {
    struct HostInfo {
        source: Source,
        vouched: bool,
        /// The first user name a vouching source gave, and the first any gave.
        vouched_username: Option<String>,
        any_username: Option<String>,
        order: usize,
        explicit: Vec<(u16, Security)>,
    }
    let hints: Vec<&ServerHint> = hints
        .iter()
        .filter(|h| services.contains(&h.service))
        .collect();
    // IMAP before POP3, unless the ISP's own preset lists POP3 first.
    let preset_first = hints
        .iter()
        .find(|h| h.source == Source::Preset && h.service.is_incoming())
        .map(|h| h.service);
    let service_rank = |s: Service| match (s, preset_first) {
        (Service::Pop3, Some(Service::Pop3)) => 0,
        (Service::Pop3, _) => 1,
        _ => 0,
    };
    let mut hosts: HashMap<(Service, String), HostInfo> = HashMap::new();
    for (i, h) in hints.iter().enumerate() {
        let Some(host) = sane_host(&h.host) else {
            continue;
        };
        if !h.vouched && is_address(&host) {
            continue;
        }
        let info = hosts.entry((h.service, host)).or_insert(HostInfo {
            source: h.source.clone(),
            vouched: h.vouched,
            vouched_username: None,
            any_username: None,
            order: i,
            explicit: Vec::new(),
        });
        if h.source < info.source {
            info.source = h.source.clone();
        }
        info.vouched |= h.vouched;
        if h.vouched && info.vouched_username.is_none() {
            info.vouched_username = h.username.clone();
        }
        if info.any_username.is_none() {
            info.any_username = h.username.clone();
        }
        if let Some((port, security)) = h.endpoint {
            // A "plain" hint is probed with STARTTLS.
            let e = (port, security.encrypted());
            if !info.explicit.contains(&e) {
                info.explicit.push(e);
            }
        }
    }
    let mut ordered: Vec<((Service, String), HostInfo)> = hosts.into_iter().collect();
    ordered.sort_by_key(|((service, _), info)| {
        (
            service_rank(*service),
            !info.vouched,
            info.source.clone(),
            info.order,
        )
    });
    let mut out = Vec::new();
    let mut taken: HashMap<Service, (usize, usize)> = HashMap::new();
    for ((service, host), info) in ordered {
        let (all, unvouched) = taken.entry(service).or_default();
        if *all == MAX_HOSTS_PER_SERVICE || (!info.vouched && *unvouched == MAX_UNVOUCHED_HOSTS) {
            continue;
        }
        *all += 1;
        *unvouched += usize::from(!info.vouched);
        // A user name from a source that cannot vouch never goes with a host a
        // trusted source named.
        let username = if info.vouched {
            info.vouched_username
        } else {
            info.any_username
        };
        let mut ports = service.standard_ports().to_vec();
        for e in info
            .explicit
            .iter()
            .filter(|e| !ports.contains(e))
            .take(MAX_EXTRA_PORTS)
            .copied()
            .collect::<Vec<_>>()
        {
            ports.push(e);
        }
        ports.sort_by_key(|(port, sec)| port_rank(service, *port, *sec));
        for (port, security) in ports {
            out.push(Endpoint {
                service,
                host: host.clone(),
                port,
                security,
                source: info.source.clone(),
                vouched: info.vouched,
                username: username.clone(),
            });
        }
    }
    out
}

/// Implicit TLS on the standard port, then elsewhere; STARTTLS on the standard
/// port, then elsewhere; port 25 last.
fn port_rank(service: Service, port: u16, security: Security) -> (u8, u16) {
    let standard = service
        .standard_ports()
        .iter()
        .any(|(p, s)| *p == port && *s == security);
    match (security, standard, port) {
        (_, _, 25) if service == Service::Submission => (4, port),
        (Security::ImplicitTls, true, _) => (0, port),
        (Security::ImplicitTls, false, _) => (1, port),
        (_, true, _) => (2, port),
        _ => (3, port),
    }
}

/// What probing found: every attempt, and open sessions of the usable ones.
pub struct ProbeRun<S> {
    pub attempts: Vec<Attempt>,
    pub sessions: HashMap<usize, S>,
}

impl<S: ProbeSession> ProbeRun<S> {
    /// Close every session still open, politely and in the background.
    pub fn close_all(&mut self) {
        for (_, s) in self.sessions.drain() {
            tokio::spawn(s.quit());
        }
    }

    /// The best usable attempt.
    pub fn best(&self, allow_insecure: bool) -> Option<&Attempt> {
        self.attempts
            .iter()
            .filter(|a| a.outcome.usable(allow_insecure))
            .min_by_key(|a| {
                // An encrypted option always beats a cleartext one.
                let clear = matches!(a.outcome, ProbeOutcome::StarttlsNotOffered { .. });
                (clear, a.rank)
            })
    }
}

/// How many step timeouts the whole probing phase may take.
pub const PHASE_STEPS: u32 = 3;

pub fn grace_after(winner_elapsed: Duration) -> Duration {
    (winner_elapsed * 4).clamp(Duration::from_millis(250), Duration::from_secs(3))
}

/// One DNS answer per host, shared by the probes of its ports.
type SharedLookup = Arc<tokio::sync::OnceCell<Result<Vec<IpAddr>, String>>>;

struct ProbeDone<S> {
    attempts: Vec<Attempt>,
    session: Option<(usize, S)>,
}

/// Probe every endpoint concurrently; see the module docs for when we stop waiting.
pub async fn run<P: Prober>(
    endpoints: Vec<Endpoint>,
    dns: &Dns,
    connector: &P,
    step: Duration,
    allow_insecure: bool,
    progress: &Progress,
) -> ProbeRun<P::Session> {
    let started = Instant::now();
    let mut set = JoinSet::new();
    let mut stages: Vec<Arc<AtomicU8>> = Vec::new();
    let mut pending: HashMap<tokio::task::Id, usize> = HashMap::new();
    // Each host is resolved once, shared by its ports.
    let mut resolved: HashMap<String, SharedLookup> = HashMap::new();
    let alt_rank_base = endpoints.len();
    // Each step is bounded by `step`; the whole phase by three of them, so that a
    // server answering every step just in time cannot stretch it further.
    let phase_limit = step * PHASE_STEPS;

    for (rank, ep) in endpoints.iter().cloned().enumerate() {
        let stage = Arc::new(AtomicU8::new(Stage::Dns as u8));
        stages.push(stage.clone());
        let cell = resolved.entry(ep.host.clone()).or_default().clone();
        let dns = dns.clone();
        let connector = connector.clone();
        let progress = progress.clone();
        progress.emit(Event::ProbeStarted(ep.clone()));
        let handle = set.spawn(async move {
            probe_one(
                rank,
                alt_rank_base,
                ep,
                cell,
                &dns,
                &connector,
                &stage,
                &progress,
            )
            .await
        });
        pending.insert(handle.id(), rank);
    }

    let mut attempts: Vec<Attempt> = Vec::new();
    let mut sessions: HashMap<usize, P::Session> = HashMap::new();
    // The best usable attempt so far: (rank, cleartext, when it was found).
    let mut best: Option<(usize, bool, Instant)> = None;
    loop {
        // Stop when nothing that could beat the best usable endpoint is pending.
        if let Some((best_rank, clear, _)) = best
            && !pending.values().any(|r| clear || *r < best_rank)
        {
            break;
        }
        let left = phase_limit.saturating_sub(started.elapsed());
        let wait = match best {
            Some((_, _, since)) => {
                grace_after(since.duration_since(started)).saturating_sub(since.elapsed())
            }
            None => left,
        }
        .min(left);
        let Ok(Some(joined)) = tokio::time::timeout(wait, set.join_next_with_id()).await else {
            break;
        };
        let (id, done) = match joined {
            Ok(ok) => ok,
            Err(e) => {
                pending.remove(&e.id());
                continue;
            }
        };
        pending.remove(&id);
        for a in &done.attempts {
            progress.emit(Event::ProbeDone(a.clone()));
            if !a.outcome.usable(allow_insecure) {
                continue;
            }
            let clear = matches!(a.outcome, ProbeOutcome::StarttlsNotOffered { .. });
            if best.is_none_or(|(r, c, _)| (clear, a.rank) < (c, r)) {
                best = Some((a.rank, clear, Instant::now()));
            }
        }
        attempts.extend(done.attempts);
        if let Some((rank, s)) = done.session {
            sessions.insert(rank, s);
        }
    }

    // Whatever is still running was given its chance: abandoned when a usable
    // server was found, timed out when the phase limit ran out without one.
    set.abort_all();
    let elapsed = started.elapsed();
    for rank in pending.into_values() {
        let ep = &endpoints[rank];
        let stage = Stage::from_u8(stages[rank].load(Ordering::Relaxed));
        let (outcome, detail) = if best.is_some() {
            (
                ProbeOutcome::Abandoned { stage },
                format!(
                    "no answer after {} ms; a better-ranked server had already answered",
                    elapsed.as_millis()
                ),
            )
        } else {
            (
                ProbeOutcome::TimedOut { stage },
                format!("no complete answer within {} ms", elapsed.as_millis()),
            )
        };
        let a = Attempt::new(ep, rank, outcome, detail, elapsed);
        progress.emit(Event::ProbeDone(a.clone()));
        attempts.push(a);
    }
    attempts.sort_by_key(|a| a.rank);
    ProbeRun { attempts, sessions }
}

#[allow(clippy::too_many_arguments)]
async fn probe_one<P: Prober>(
    rank: usize,
    alt_rank_base: usize,
    ep: Endpoint,
    cell: SharedLookup,
    dns: &Dns,
    connector: &P,
    stage: &AtomicU8,
    progress: &Progress,
) -> ProbeDone<P::Session> {
    let started = Instant::now();
    let record = |outcome: ProbeOutcome, detail: String| {
        Attempt::new(&ep, rank, outcome, detail, started.elapsed())
    };
    let ips = cell
        .get_or_init(|| async { dns.ips(&ep.host).await.map_err(|e| e.to_string()) })
        .await
        .clone();
    let ips = match ips {
        Ok(ips) => ips,
        Err(e) => {
            return ProbeDone {
                attempts: vec![record(ProbeOutcome::DnsFailure, e)],
                session: None,
            };
        }
    };
    let addr = SocketAddr::new(ips[0], ep.port);
    match connector.open(addr, &ep, stage).await {
        Ok(session) => {
            let outcome = session.outcome();
            let detail = session.summary();
            ProbeDone {
                attempts: vec![record(outcome, detail)],
                session: Some((rank, session)),
            }
        }
        Err((outcome, detail)) => {
            let mut attempts = vec![record(outcome.clone(), detail)];
            let mut session = None;
            if let ProbeOutcome::TlsFailure {
                problem: TlsProblem::NameMismatch { names },
            } = &outcome
            {
                // Shared hosting: the certificate names the hoster's server. If
                // one of its names leads to this very address and verifies, offer
                // it (it still needs the user's approval).
                let alt_rank = alt_rank_base + rank;
                if let Some((alt, s)) =
                    certificate_alternative(&ep, names, addr, dns, connector, alt_rank).await
                {
                    progress.emit(Event::ProbeStarted(alt.endpoint()));
                    session = s.map(|s| (alt_rank, s));
                    attempts.push(alt);
                }
            }
            ProbeDone { attempts, session }
        }
    }
}

/// What a secured (or not) session with these login mechanisms amounts to.
pub fn ready_outcome(encrypted: bool, mechanisms: Vec<String>) -> ProbeOutcome {
    if !encrypted {
        ProbeOutcome::StarttlsNotOffered { mechanisms }
    } else if mechanisms.is_empty() {
        ProbeOutcome::AuthNotOffered
    } else {
        ProbeOutcome::Ready { mechanisms }
    }
}

async fn certificate_alternative<P: Prober>(
    ep: &Endpoint,
    names: &[String],
    addr: SocketAddr,
    dns: &Dns,
    connector: &P,
    rank: usize,
) -> Option<(Attempt, Option<P::Session>)> {
    for name in names {
        let Some(name) = sane_host(name) else {
            continue;
        };
        if name == ep.host {
            continue;
        }
        let Ok(ips) = dns.ips(&name).await else {
            continue;
        };
        if !ips.contains(&addr.ip()) {
            continue;
        }
        let alt = Endpoint {
            host: name,
            source: Source::CertificateName,
            vouched: false,
            ..ep.clone()
        };
        let started = Instant::now();
        let stage = AtomicU8::new(0);
        let result = connector.open(addr, &alt, &stage).await;
        let (outcome, detail, session) = match result {
            Ok(s) => (s.outcome(), s.summary(), Some(s)),
            Err((o, d)) => (o, d, None),
        };
        let mut attempt = Attempt::new(&alt, rank, outcome, detail, started.elapsed());
        attempt.found_via = Some(ep.host.clone());
        return Some((attempt, session));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(host: &str, source: Source, vouched: bool, username: Option<&str>) -> ServerHint {
        ServerHint {
            service: Service::Submission,
            host: host.into(),
            endpoint: None,
            source,
            vouched,
            username: username.map(Into::into),
        }
    }

    fn hosts(endpoints: &[Endpoint]) -> Vec<&str> {
        let mut v: Vec<&str> = endpoints.iter().map(|e| e.host.as_str()).collect();
        v.dedup();
        v
    }

    #[test]
    fn thousands_of_unvouched_servers_are_capped() {
        let mut hints = vec![hint("smtp.example.jp", Source::Preset, true, None)];
        for i in 0..5000 {
            let mut h = hint(&format!("mx{i}.elsewhere.example"), Source::Mx, false, None);
            h.endpoint = Some((1000 + (i % 50) as u16, Security::StartTls));
            hints.push(h);
        }
        let endpoints = plan(&hints, &[Service::Submission]);
        let hosts = hosts(&endpoints);
        assert_eq!(hosts.len(), 1 + MAX_UNVOUCHED_HOSTS, "{hosts:?}");
        assert_eq!(hosts[0], "smtp.example.jp");
        assert!(endpoints.len() <= MAX_HOSTS_PER_SERVICE * (3 + MAX_EXTRA_PORTS));
    }

    #[test]
    fn vouched_hosts_are_capped_too_and_extra_ports_bounded() {
        let mut hints = Vec::new();
        for i in 0..100 {
            for port in 2000..2100 {
                let mut h = hint(&format!("s{i}.example.jp"), Source::Preset, true, None);
                h.endpoint = Some((port, Security::ImplicitTls));
                hints.push(h);
            }
        }
        let endpoints = plan(&hints, &[Service::Submission]);
        assert_eq!(hosts(&endpoints).len(), MAX_HOSTS_PER_SERVICE);
        let standard = Service::Submission.standard_ports().len();
        assert_eq!(
            endpoints.len(),
            MAX_HOSTS_PER_SERVICE * (standard + MAX_EXTRA_PORTS)
        );
    }

    #[test]
    fn ip_literals_only_from_sources_that_vouch() {
        let hints = vec![
            hint("192.0.2.7", Source::Srv, false, None),
            hint("10.0.0.1", Source::Mx, false, None),
            hint("198.51.100.9", Source::Preset, true, None),
        ];
        let endpoints = plan(&hints, &[Service::Submission]);
        assert_eq!(hosts(&endpoints), ["198.51.100.9"]);
        assert!(is_address("1.2.3.4") && is_address("mail.123") && !is_address("smtp.example.jp"));
    }

    #[test]
    fn an_untrusted_user_name_is_not_used_for_a_trusted_host() {
        let hints = vec![
            hint("smtp.example.jp", Source::Preset, true, None),
            hint(
                "smtp.example.jp",
                Source::Srv,
                false,
                Some("attacker-chosen"),
            ),
            hint("other.example.net", Source::Srv, false, Some("srv-user")),
        ];
        let endpoints = plan(&hints, &[Service::Submission]);
        for e in &endpoints {
            match e.host.as_str() {
                "smtp.example.jp" => assert_eq!(e.username, None),
                _ => assert_eq!(e.username.as_deref(), Some("srv-user")),
            }
        }
        // A vouched user name wins even when listed after an untrusted one.
        let hints = vec![
            hint(
                "smtp.example.jp",
                Source::Srv,
                false,
                Some("attacker-chosen"),
            ),
            hint("smtp.example.jp", Source::Preset, true, Some("%ok")),
        ];
        let endpoints = plan(&hints, &[Service::Submission]);
        assert!(
            endpoints
                .iter()
                .all(|e| e.username.as_deref() == Some("%ok"))
        );
    }
}
