//! Probing: try every candidate endpoint at once and rank what answers. The same
//! runner serves SMTP submission (`smtp`) and the incoming protocols (`imap`,
//! `pop3`), each of which implements `Prober`.
//!
//! Ranking: for incoming mail IMAP before POP3 unless the preset lists POP3 first;
//! then hosts that need no approval, then by source (preset before guess); per
//! host implicit TLS first (465, 993, 995), then STARTTLS (587, 143, 110), then 25
//! (RFC 8314).
//!
//! Connecting: every address of a host is tried, IPv6 and IPv4 raced (RFC 8305
//! Happy Eyeballs, see [`eyeballs`]); what one probe learns about an address
//! (it answered, and how fast) is shared by all probes of the run.
//!
//! Grace policy, by evidence rather than by the clock: once some endpoint is
//! usable, each endpoint ranked above it that is still pending is judged by what
//! the run has seen of its path:
//! - connected and mid-protocol: it may finish, for at most [`MAX_GRACE`] after
//!   the winner was found;
//! - still waiting for a TCP answer from an address whose round trip the run
//!   has measured (the winner's own address, or one a sibling port reached),
//!   or from an address of a host whose other address of the same family was
//!   measured (the same network):
//!   abandoned once that SYN has gone [`SILENT_ROUND_TRIPS`] round trips
//!   unanswered (at most [`MAX_GRACE`]). A SYN on the address that just completed a whole handshake on
//!   the neighbouring port is being dropped, and waiting longer helps no one;
//! - with no round trip measured on any of its addresses: waited for
//!   [`WINNER_TIMES`] round trips to the winner when it is the same server
//!   (another port or address family of it), else [`WINNER_TIMES`] times the
//!   winner's whole time to usable, since a server elsewhere may be farther
//!   (at most [`MAX_GRACE`]). There is no fixed floor.
//!
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
pub mod eyeballs;
mod imap;
mod incoming;
mod line;
mod net;
mod outcome;
mod pop3;
mod smtp;
mod stream;
pub mod wire;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::AtomicU8;
use std::time::{Duration, Instant};

use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tracing::Instrument;

pub use crate::model::{Attempt, ProbeOutcome, Server, Stage, TlsProblem};
pub use capabilities::Capabilities;
pub use eyeballs::Paths;
pub use incoming::{IncomingAuth, IncomingProber, IncomingSession, LoginError};
pub use smtp::{Connector, Session, SmtpError};
pub use stream::{CappedTcp, ImplicitTls, MAX_BYTES_FROM_SERVER};

use crate::dns::Dns;
use crate::model::{
    Detail, Event, Note, Progress, Security, ServerHint, Service, Source, sane_host,
};

/// Opens probe sessions for one protocol.
pub trait Prober: Clone + Send + Sync + 'static {
    type Session: ProbeSession;

    /// The bound of each network step.
    fn step(&self) -> Duration;

    /// The host has an address: get ready for `endpoint` while connecting
    /// (e.g. build TLS parameters in the background). Nothing by default.
    fn prepare(&self, _endpoint: &Server) {}

    /// On a connected socket: secure it as the endpoint says (verifying the
    /// certificate for its host name), greet and read the capabilities.
    /// `stage` tracks progress for attempts that are abandoned.
    fn open_on(
        &self,
        tcp: TcpStream,
        endpoint: &Server,
        stage: &AtomicU8,
    ) -> impl Future<Output = Result<Self::Session, (ProbeOutcome, Detail)>> + Send;

    /// Connect to `addr` (one address, within one step), then [`Prober::open_on`].
    fn open(
        &self,
        addr: SocketAddr,
        endpoint: &Server,
        stage: &AtomicU8,
    ) -> impl Future<Output = Result<Self::Session, (ProbeOutcome, Detail)>> + Send {
        async move {
            net::set_stage(stage, Stage::Connect);
            let tcp = net::connect(addr, self.step()).await?;
            self.open_on(tcp, endpoint, stage).await
        }
    }
}

/// An open session after probing, ready for the login.
pub trait ProbeSession: Send + 'static {
    /// Ready, AUTH not offered, or STARTTLS not offered: what the server announced.
    fn outcome(&self) -> ProbeOutcome;
    /// A line for "Details": address and login mechanisms.
    fn summary(&self) -> Detail;
    fn quit(self) -> impl Future<Output = ()> + Send;
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
pub fn plan(hints: &[ServerHint], services: &[Service]) -> Vec<Server> {
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
            out.push(Server {
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

/// A connection attempt silent for this many round trips of its path is
/// taken as dropped (see the module docs).
pub const SILENT_ROUND_TRIPS: u32 = 3;
/// With no round trip measured on its path, a higher-ranked endpoint waits
/// this many times the winner's own time to usable.
pub const WINNER_TIMES: u32 = 4;
/// And never longer than this.
pub const MAX_GRACE: Duration = Duration::from_secs(3);

/// The winner so far, as the grace policy needs it.
#[derive(Clone, Copy)]
struct Winner {
    rank: usize,
    clear: bool,
    /// When it became usable, and how long it took from the start.
    found: Instant,
    took: Duration,
    /// The TCP round trip to the address it used.
    rtt: Option<Duration>,
}

/// Until when a still-pending endpoint ranked above the winner is waited for.
/// See the module docs.
fn grace_deadline(
    track: &eyeballs::Track,
    host_ips: &[IpAddr],
    same_host: bool,
    paths: &Paths,
    winner: &Winner,
) -> Instant {
    let latest = winner.found + MAX_GRACE;
    if track.stage() > Stage::Connect {
        // Connected and mid-protocol: it may finish, within the cap.
        return latest;
    }
    // A SYN on an address whose round trip this run measured, or, failing
    // that, another address of the same host and family (the same network).
    let path_rtt = |ip: IpAddr| {
        paths.rtt(ip).or_else(|| {
            host_ips
                .iter()
                .filter(|a| a.is_ipv4() == ip.is_ipv4())
                .filter_map(|a| paths.rtt(*a))
                .max()
        })
    };
    let measured = track
        .syns()
        .into_iter()
        .filter_map(|(ip, began)| {
            path_rtt(ip).map(|rtt| began.into_std() + rtt * SILENT_ROUND_TRIPS)
        })
        .max();
    // Nothing measured on its path: a few round trips to the winner when it
    // is the same server (another port or family of it), else a few times
    // the winner's whole time to usable (a server elsewhere may be farther).
    let unmeasured = match winner.rtt {
        Some(rtt) if same_host => rtt * WINNER_TIMES,
        _ => winner.took * WINNER_TIMES,
    };
    measured.unwrap_or(winner.found + unmeasured).min(latest)
}

/// One DNS answer per host, shared by the probes of its ports.
type SharedLookup = Arc<tokio::sync::OnceCell<Result<Vec<IpAddr>, String>>>;

struct ProbeDone<S> {
    attempts: Vec<Attempt>,
    session: Option<(usize, S)>,
}

/// Probe every endpoint concurrently; see the module docs for when we stop waiting.
pub async fn run<P: Prober>(
    endpoints: Vec<Server>,
    dns: &Dns,
    paths: &Arc<Paths>,
    connector: &P,
    allow_insecure: bool,
    progress: &Progress,
) -> ProbeRun<P::Session> {
    let mut runner = Runner::new(endpoints, paths, allow_insecure, progress);
    runner.start_all(dns, connector);
    // Each step is bounded by `step`; the whole phase by three of them, so that a
    // server answering every step just in time cannot stretch it further.
    let phase_limit = connector.step() * PHASE_STEPS;
    let mut learnt = paths.subscribe();
    // Until nothing is worth waiting for any more.
    while let Some(wait_until) = runner.give_up_on_the_late() {
        let left = phase_limit.saturating_sub(runner.started.elapsed());
        if left.is_zero() {
            break;
        }
        let wait = wait_until
            .map_or(left, |t| t.saturating_duration_since(Instant::now()))
            .min(left);
        // Woken by a probe's progress, by what any probe of the run (this
        // service's or the other's) learns of a path, or by a deadline.
        let joined = tokio::select! {
            j = runner.set.join_next_with_id() => j,
            _ = runner.changed.notified() => continue,
            Ok(()) = learnt.changed() => continue,
            _ = tokio::time::sleep(wait) => continue,
        };
        match joined {
            None => break,
            Some(Ok((id, done))) => runner.take(id, done),
            Some(Err(e)) => {
                runner.pending.remove(&e.id());
            }
        }
    }
    runner.finish()
}

/// One probing phase: the endpoints' tasks, what they found, and the winner.
struct Runner<'a, S> {
    endpoints: Vec<Server>,
    paths: &'a Arc<Paths>,
    allow_insecure: bool,
    progress: &'a Progress,
    started: Instant,
    set: JoinSet<ProbeDone<S>>,
    /// Woken when any probe moves on (its `Track`).
    changed: Arc<tokio::sync::Notify>,
    tracks: Vec<Arc<eyeballs::Track>>,
    pending: HashMap<tokio::task::Id, usize>,
    handles: HashMap<usize, tokio::task::AbortHandle>,
    /// Each host is resolved once, shared by its ports.
    resolved: HashMap<String, SharedLookup>,
    attempts: Vec<Attempt>,
    sessions: HashMap<usize, S>,
    best: Option<Winner>,
}

impl<'a, S: ProbeSession> Runner<'a, S> {
    fn new(
        endpoints: Vec<Server>,
        paths: &'a Arc<Paths>,
        allow_insecure: bool,
        progress: &'a Progress,
    ) -> Self {
        Runner {
            endpoints,
            paths,
            allow_insecure,
            progress,
            started: Instant::now(),
            set: JoinSet::new(),
            changed: Arc::new(tokio::sync::Notify::new()),
            tracks: Vec::new(),
            pending: HashMap::new(),
            handles: HashMap::new(),
            resolved: HashMap::new(),
            attempts: Vec::new(),
            sessions: HashMap::new(),
            best: None,
        }
    }

    /// Start a probe for every endpoint. The lowest-ranked port of each
    /// outgoing host (three ports) starts with the host's second address (see
    /// `eyeballs`).
    fn start_all<P: Prober<Session = S>>(&mut self, dns: &Dns, connector: &P) {
        let scouts = scouts(&self.endpoints);
        let alt_rank_base = self.endpoints.len();
        for (rank, ep) in self.endpoints.clone().into_iter().enumerate() {
            let lead = if scouts.contains(&rank) {
                eyeballs::Lead::Second
            } else {
                eyeballs::Lead::Best
            };
            let track = Arc::new(eyeballs::Track::new(self.changed.clone()));
            self.tracks.push(track.clone());
            let cell = self.resolved.entry(ep.host.clone()).or_default().clone();
            let (dns, paths) = (dns.clone(), self.paths.clone());
            let (connector, progress) = (connector.clone(), self.progress.clone());
            progress.emit(Event::ProbeStarted(ep.clone()));
            let handle = self.set.spawn(async move {
                let net = Net {
                    dns: &dns,
                    paths: &paths,
                };
                let probe = Probe {
                    rank,
                    alt_rank_base,
                    track: &track,
                    lead,
                    progress: &progress,
                };
                probe_one(probe, ep, cell, net, &connector).await
            });
            self.pending.insert(handle.id(), rank);
            self.handles.insert(rank, handle);
        }
    }

    /// Once there is a winner, give up on the endpoints ranked above it whose
    /// grace (see the module docs) has run out. `None`: nothing is worth
    /// waiting for any more; else until when to wait (`None` inside: no
    /// winner yet, wait for the phase).
    fn give_up_on_the_late(&mut self) -> Option<Option<Instant>> {
        let Some(w) = self.best else {
            return Some(None);
        };
        let mut wait_until: Option<Instant> = None;
        let mut given_up = Vec::new();
        for (id, rank) in &self.pending {
            if !w.clear && *rank > w.rank {
                continue;
            }
            let host = &self.endpoints[*rank].host;
            let host_ips = self
                .resolved
                .get(host)
                .and_then(|cell| cell.get())
                .and_then(|r| r.as_ref().ok())
                .map_or(&[][..], Vec::as_slice);
            let same_host = self.endpoints.get(w.rank).map(|e| &e.host) == Some(host);
            let t = grace_deadline(&self.tracks[*rank], host_ips, same_host, self.paths, &w);
            if t <= Instant::now() {
                given_up.push((*id, *rank));
            } else {
                wait_until = Some(wait_until.map_or(t, |u| u.min(t)));
            }
        }
        for (id, rank) in given_up {
            self.pending.remove(&id);
            self.handles[&rank].abort();
            self.abandon(rank);
        }
        wait_until.map(Some)
    }

    /// Record an endpoint given up on because a better-ranked one answered.
    fn abandon(&mut self, rank: usize) {
        let ms = self.started.elapsed().as_millis() as u64;
        self.stopped(
            rank,
            |stage| ProbeOutcome::Abandoned { stage },
            Note::Abandoned { after_ms: ms },
        );
    }

    /// Record an endpoint stopped where its track had got to.
    fn stopped(&mut self, rank: usize, outcome: impl Fn(Stage) -> ProbeOutcome, note: Note) {
        let track = &self.tracks[rank];
        let a = Attempt::new(
            &self.endpoints[rank],
            rank,
            outcome(track.stage()),
            note.into(),
            track.connected(),
            self.started.elapsed(),
        );
        self.progress.emit(Event::ProbeDone(a.clone()));
        self.attempts.push(a);
    }

    /// A probe finished: keep what it found, and its session if usable.
    fn take(&mut self, id: tokio::task::Id, done: ProbeDone<S>) {
        if self.pending.remove(&id).is_none() {
            // Given up on just as it finished: its word came too late.
            if let Some((_, s)) = done.session {
                tokio::spawn(s.quit());
            }
            return;
        }
        for a in &done.attempts {
            self.progress.emit(Event::ProbeDone(a.clone()));
            if !a.outcome.usable(self.allow_insecure) {
                continue;
            }
            let clear = matches!(a.outcome, ProbeOutcome::StarttlsNotOffered { .. });
            if self
                .best
                .is_none_or(|w| (clear, a.rank) < (w.clear, w.rank))
            {
                self.best = Some(Winner {
                    rank: a.rank,
                    clear,
                    found: Instant::now(),
                    took: self.started.elapsed(),
                    rtt: a.address.and_then(|ip| self.paths.rtt(ip)),
                });
            }
        }
        self.attempts.extend(done.attempts);
        if let Some((rank, s)) = done.session {
            self.sessions.insert(rank, s);
        }
    }

    /// Whatever is still running was given its chance: abandoned when a
    /// usable server was found, timed out when the phase ran out without one.
    fn finish(mut self) -> ProbeRun<S> {
        self.set.abort_all();
        let elapsed = self.started.elapsed();
        let pending: Vec<usize> = self.pending.drain().map(|(_, rank)| rank).collect();
        for rank in pending {
            if self.best.is_some() {
                self.abandon(rank);
                continue;
            }
            let note = Note::NoCompleteAnswer {
                within_ms: elapsed.as_millis() as u64,
            };
            self.stopped(rank, |stage| ProbeOutcome::TimedOut { stage }, note);
        }
        self.attempts.sort_by_key(|a| a.rank);
        ProbeRun {
            attempts: self.attempts,
            sessions: self.sessions,
        }
    }
}

/// The lowest-ranked port of each host probed on three ports: it starts with
/// the host's second address, so both families are tried from the start.
fn scouts(endpoints: &[Server]) -> Vec<usize> {
    let mut last_port: HashMap<(Service, &str), (usize, usize)> = HashMap::new();
    for (rank, ep) in endpoints.iter().enumerate() {
        let e = last_port.entry((ep.service, &ep.host)).or_insert((rank, 0));
        *e = (rank, e.1 + 1);
    }
    last_port
        .values()
        .filter(|(_, ports)| *ports > 2)
        .map(|(rank, _)| *rank)
        .collect()
}

/// How a probe reaches the network: names, and what the run knows of paths.
#[derive(Clone, Copy)]
pub struct Net<'a> {
    pub dns: &'a Dns,
    pub paths: &'a Paths,
}

impl Net<'_> {
    /// Connect to `port` on `host`, trying `first` before its other addresses
    /// (Happy Eyeballs, see `eyeballs`).
    pub async fn connect(
        &self,
        host: &str,
        port: u16,
        first: Option<IpAddr>,
        step: Duration,
    ) -> Result<TcpStream, eyeballs::RaceFailure> {
        let ips = self.dns.ips(host).await.map_err(|e| {
            (
                (ProbeOutcome::DnsFailure, Detail::system(e)),
                None::<IpAddr>,
            )
        })?;
        let lead = first.map_or(eyeballs::Lead::Best, eyeballs::Lead::This);
        let track = eyeballs::Track::new(Arc::new(tokio::sync::Notify::new()));
        eyeballs::connect(&ips, port, step, self.paths, &track, lead).await
    }
}

/// Who a probe is within its run.
struct Probe<'t> {
    rank: usize,
    /// Ranks from here on are for certificate-name alternatives.
    alt_rank_base: usize,
    track: &'t eyeballs::Track,
    lead: eyeballs::Lead,
    progress: &'t Progress,
}

/// One endpoint: resolve (once per host), connect (Happy Eyeballs), then speak
/// the protocol up to the point where a login could start.
async fn probe_one<P: Prober>(
    probe: Probe<'_>,
    ep: Server,
    cell: SharedLookup,
    net: Net<'_>,
    connector: &P,
) -> ProbeDone<P::Session> {
    let started = Instant::now();
    let record = |outcome: ProbeOutcome, detail: Detail, address: Option<IpAddr>| ProbeDone {
        attempts: vec![Attempt::new(
            &ep,
            probe.rank,
            outcome,
            detail,
            address,
            started.elapsed(),
        )],
        session: None,
    };
    let ips = cell
        .get_or_init(|| async { net.dns.ips(&ep.host).await.map_err(|e| e.to_string()) })
        .await
        .clone();
    let ips = match ips {
        Ok(ips) => ips,
        Err(e) => return record(ProbeOutcome::DnsFailure, Detail::System(e), None),
    };
    connector.prepare(&ep);
    let (track, step) = (probe.track, connector.step());
    let tcp = match eyeballs::connect(&ips, ep.port, step, net.paths, track, probe.lead).await {
        Ok(tcp) => tcp,
        Err(((outcome, detail), address)) => return record(outcome, detail, address),
    };
    let ip = track.connected();
    let opened = connector
        .open_on(tcp, &ep, &track.stage)
        .instrument(wire::span(&ep))
        .await;
    match opened {
        Ok(session) => {
            let mut done = record(session.outcome(), session.summary(), ip);
            done.session = Some((probe.rank, session));
            done
        }
        Err((outcome, detail)) => {
            let mut done = record(outcome.clone(), detail, ip);
            if let (
                ProbeOutcome::TlsFailure {
                    problem: TlsProblem::NameMismatch { names },
                },
                Some(ip),
            ) = (&outcome, ip)
            {
                shared_hosting(&probe, &ep, names, ip, net, connector, &mut done).await;
            }
            done
        }
    }
}

/// Shared hosting: the certificate names the hoster's server. If one of its
/// names leads to this very address and verifies, offer it (it still needs the
/// user's approval).
async fn shared_hosting<P: Prober>(
    probe: &Probe<'_>,
    ep: &Server,
    names: &[String],
    ip: IpAddr,
    net: Net<'_>,
    connector: &P,
    done: &mut ProbeDone<P::Session>,
) {
    let alt_rank = probe.alt_rank_base + probe.rank;
    let addr = SocketAddr::new(ip, ep.port);
    if let Some((alt, s)) =
        certificate_alternative(ep, names, addr, net.dns, connector, alt_rank).await
    {
        probe.progress.emit(Event::ProbeStarted(alt.server.clone()));
        done.session = s.map(|s| (alt_rank, s));
        done.attempts.push(alt);
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
    ep: &Server,
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
        let alt = Server {
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
        let mut attempt = Attempt::new(
            &alt,
            rank,
            outcome,
            detail,
            Some(addr.ip()),
            started.elapsed(),
        );
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

    fn hosts(endpoints: &[Server]) -> Vec<&str> {
        let mut v: Vec<&str> = endpoints.iter().map(|e| e.host.as_str()).collect();
        v.dedup();
        v
    }

    fn winner(took_ms: u64) -> Winner {
        Winner {
            rank: 1,
            clear: false,
            found: Instant::now(),
            took: Duration::from_millis(took_ms),
            rtt: Some(Duration::from_millis(1)),
        }
    }

    #[test]
    fn grace_a_connected_endpoint_may_finish_within_the_cap() {
        let track = eyeballs::Track::new(Arc::new(tokio::sync::Notify::new()));
        track.set_connected("192.0.2.1".parse().unwrap());
        net::set_stage(&track.stage, Stage::Tls);
        let w = winner(50);
        assert_eq!(
            grace_deadline(&track, &[], false, &Paths::default(), &w),
            w.found + MAX_GRACE
        );
    }

    #[test]
    fn grace_a_syn_silent_for_three_measured_round_trips_is_given_up() {
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let paths = Paths::default();
        paths.answered(ip, Duration::from_millis(2));
        let track = eyeballs::Track::new(Arc::new(tokio::sync::Notify::new()));
        track.syn_started(ip);
        let began = Instant::now();
        let deadline = grace_deadline(&track, &[], false, &paths, &winner(500));
        // Three round trips of that path, not the winner's half second.
        assert!(deadline <= began + Duration::from_millis(2) * SILENT_ROUND_TRIPS);
        assert!(deadline + Duration::from_millis(50) > began);
    }

    #[test]
    fn grace_a_dead_address_is_judged_by_its_hosts_other_address_of_the_same_family() {
        let ips: Vec<IpAddr> = ["192.0.2.1", "192.0.2.2", "2001:db8::1"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let paths = Paths::default();
        paths.answered(ips[1], Duration::from_millis(2));
        let w = winner(500);
        let v4 = eyeballs::Track::new(Arc::new(tokio::sync::Notify::new()));
        v4.syn_started(ips[0]);
        let began = Instant::now();
        assert!(grace_deadline(&v4, &ips, false, &paths, &w) <= began + Duration::from_millis(6));
        // IPv6 may take another path: the IPv4 round trip says nothing of it.
        let v6 = eyeballs::Track::new(Arc::new(tokio::sync::Notify::new()));
        v6.syn_started(ips[2]);
        assert_eq!(
            grace_deadline(&v6, &ips, false, &paths, &w),
            w.found + MAX_GRACE.min(w.took * WINNER_TIMES)
        );
        // When the winner is that same server, its own round trip sets the pace.
        assert_eq!(
            grace_deadline(&v6, &ips, true, &paths, &w),
            w.found + Duration::from_millis(1) * WINNER_TIMES
        );
    }

    #[test]
    fn grace_with_nothing_measured_is_a_multiple_of_the_winners_time_without_a_floor() {
        let track = eyeballs::Track::new(Arc::new(tokio::sync::Notify::new()));
        track.syn_started("2001:db8::1".parse().unwrap());
        let w = winner(10);
        let deadline = grace_deadline(&track, &[], false, &Paths::default(), &w);
        assert_eq!(deadline, w.found + Duration::from_millis(10) * WINNER_TIMES);
        let slow = winner(60_000);
        assert_eq!(
            grace_deadline(&track, &[], false, &Paths::default(), &slow),
            slow.found + MAX_GRACE
        );
    }

    fn order(endpoints: &[Server]) -> Vec<(&str, u16)> {
        endpoints
            .iter()
            .map(|e| (e.host.as_str(), e.port))
            .collect()
    }

    #[test]
    fn per_host_implicit_tls_first_then_starttls_then_25() {
        let standard = plan(
            &[hint("smtp.example.jp", Source::Guess, true, None)],
            &[Service::Submission],
        );
        assert_eq!(
            order(&standard),
            [
                ("smtp.example.jp", 465),
                ("smtp.example.jp", 587),
                ("smtp.example.jp", 25)
            ]
        );
        let named = ServerHint {
            endpoint: Some((2525, Security::None)),
            ..hint("smtp.example.jp", Source::Preset, true, None)
        };
        let with_extra = plan(&[named], &[Service::Submission]);
        // A port the preset named comes after the standard ones but before
        // 25, and "plain" is tried with STARTTLS.
        assert_eq!(with_extra[2].port, 2525);
        assert_eq!(with_extra[2].security, Security::StartTls);
        assert_eq!(with_extra[3].port, 25);
    }

    #[test]
    fn hosts_needing_no_question_come_first_then_by_source() {
        let ranked = plan(
            &[
                hint("smtp.guess.example.jp", Source::Guess, true, None),
                hint("mx.elsewhere.test", Source::Mx, false, None),
                hint("smtp.preset.example.jp", Source::Preset, true, None),
            ],
            &[Service::Submission],
        );
        assert_eq!(
            hosts(&ranked),
            [
                "smtp.preset.example.jp",
                "smtp.guess.example.jp",
                "mx.elsewhere.test"
            ]
        );
    }

    #[test]
    fn the_same_host_from_two_sources_is_one_host_with_the_better_source() {
        let merged = plan(
            &[
                hint("smtp.example.jp", Source::Guess, true, None),
                hint("SMTP.example.jp.", Source::Preset, true, None),
            ],
            &[Service::Submission],
        );
        assert_eq!(merged.len(), 3, "{merged:?}");
        assert!(merged.iter().all(|e| e.source == Source::Preset));
    }

    #[test]
    fn imap_before_pop3_unless_the_preset_lists_pop3_first() {
        let imap = |source| ServerHint {
            service: Service::Imap,
            ..hint("imap.example.jp", source, true, None)
        };
        let pop = |source| ServerHint {
            service: Service::Pop3,
            ..hint("pop.example.jp", source, true, None)
        };
        let incoming = [Service::Imap, Service::Pop3];
        let guessed = plan(&[pop(Source::Guess), imap(Source::Guess)], &incoming);
        assert_eq!(guessed[0].service, Service::Imap);
        let preset = plan(&[pop(Source::Preset), imap(Source::Preset)], &incoming);
        assert_eq!(preset[0].service, Service::Pop3);
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
