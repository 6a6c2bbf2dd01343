//! Reaching a host over every address it has (RFC 8305, Happy Eyeballs v2).
//!
//! The addresses come from [`Dns::ips`](crate::dns::Dns::ips) already in the
//! RFC's order: IPv6 and IPv4 interleaved, IPv6 first. One connection attempt is
//! started; the next one when that fails, or after the *attempt delay* if it has
//! not answered by then, or sooner when another probe of this run has just
//! reached it. The first attempt to connect wins and the others are dropped
//! (closed). The whole race is one step: it ends after `step`.
//!
//! The attempt delay is RFC 8305's 250 ms until this run has measured a round
//! trip; then twice the slowest round trip measured (an address that answered,
//! by connecting or by refusing), never under the RFC's recommended minimum of
//! 100 ms (below it, a busy computer's own scheduling delays would decide
//! between two working addresses) nor over 250 ms. A run measures its first
//! round trips within milliseconds on a working network, so only the first
//! attempts of a run wait the full 250 ms. After a failure the next attempt
//! starts at once (while another attempt is still pending, no sooner than
//! 10 ms after it, as the RFC requires). When another probe has reached one of
//! our untried addresses in a round trip r, that address is next, once our
//! last attempt has gone 2r (at least [`SIBLING_WAIT`]) unanswered.
//!
//! Scouting: the outgoing server is probed on three ports at once, so the
//! lowest-ranked of them (port 25, almost never the one chosen) starts with
//! the host's second address. Where the first address is dead, the scout's
//! answer reaches its siblings within a round trip and they move over; where
//! both work, the siblings' own first attempts answer before they would move
//! and keep the preferred family. The scout opens no more connections than
//! any other probe.
//!
//! A race that ends with attempts still silent is not cut short here, even
//! after a refusal from another address: that address's round trip says
//! nothing of the other's path. The runner gives up on a silent endpoint once
//! a better one is usable (the grace policy in `probe`); otherwise the step
//! ends the race.
//!
//! [`Paths`] is what a run has learnt about addresses (shared by all its
//! probes, outgoing and incoming); [`Track`] is what one probe is doing right
//! now, read by the runner's grace policy (see the `probe` module docs).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::{Notify, watch};
use tokio::time::Instant;

use super::net::Failure;
use crate::model::{Detail, Note, ProbeOutcome, Stage};

/// RFC 8305's recommended connection attempt delay, used until a round trip
/// has been measured.
pub const ATTEMPT_DELAY: Duration = Duration::from_millis(250);
/// RFC 8305's recommended minimum attempt delay, however short the round trip.
pub const MIN_ATTEMPT_DELAY: Duration = Duration::from_millis(100);
/// RFC 8305: a new attempt is never started within 10 ms of the previous one.
pub const MIN_SPACING: Duration = Duration::from_millis(10);
/// The least wait before following a sibling's evidence: below it, a busy
/// computer's scheduling would decide between two working addresses.
pub const SIBLING_WAIT: Duration = Duration::from_millis(25);

/// Which address a race starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// The first in RFC 8305 order, with the addresses known to answer
    /// ahead within their family.
    Best,
    /// The second address, to scout for sibling probes (see the module docs).
    Second,
    /// This one (the address a probe already used), then the others.
    This(IpAddr),
}

/// What one run has learnt about addresses: which answered, and how fast.
#[derive(Debug)]
pub struct Paths {
    /// The TCP round trip of every address that answered (the fastest seen).
    rtt: Mutex<HashMap<IpAddr, Duration>>,
    /// Bumped whenever an address answers, to wake the races waiting on it.
    changed: watch::Sender<u64>,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            rtt: Mutex::new(HashMap::new()),
            changed: watch::channel(0).0,
        }
    }
}

impl Paths {
    /// `ip` answered a SYN (connected, or refused) after `rtt`.
    pub fn answered(&self, ip: IpAddr, rtt: Duration) {
        let mut map = self.rtt.lock().unwrap_or_else(|e| e.into_inner());
        let entry = map.entry(ip).or_insert(rtt);
        *entry = (*entry).min(rtt);
        drop(map);
        self.changed.send_modify(|v| *v += 1);
    }

    /// Woken whenever an address answers.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    /// The measured round trip to `ip`, if it has answered.
    pub fn rtt(&self, ip: IpAddr) -> Option<Duration> {
        let map = self.rtt.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&ip).copied()
    }

    /// The wait before the next address is tried (see the module docs).
    pub fn attempt_delay(&self) -> Duration {
        let map = self.rtt.lock().unwrap_or_else(|e| e.into_inner());
        match map.values().max() {
            Some(rtt) => (*rtt * 2).clamp(MIN_ATTEMPT_DELAY, ATTEMPT_DELAY),
            None => ATTEMPT_DELAY,
        }
    }

    /// `addrs` in the order to try them: as `lead` says, then RFC 8305's
    /// order with the addresses known to answer (fastest first) ahead of
    /// the others of their own family.
    fn order(&self, addrs: &[IpAddr], lead: Lead) -> Vec<IpAddr> {
        let mut out = self.by_evidence(addrs);
        match lead {
            Lead::Best => {}
            Lead::Second => {
                if out.len() > 1 && self.rtt(out[0]).is_none() {
                    out.rotate_left(1);
                }
            }
            Lead::This(ip) => {
                out.retain(|a| *a != ip);
                out.insert(0, ip);
            }
        }
        out
    }

    /// Evidence reorders addresses within a family only: the families keep
    /// their places in RFC 8305's interleaving (IPv6 first). An IPv4 answer
    /// says nothing of whether IPv6 works, and RFC 6724 ranks the family
    /// above round-trip history; otherwise a probe that starts after another
    /// one's IPv4 answer would leave IPv6 untried where both work. A silent
    /// first address is left quickly all the same (see `race`).
    fn by_evidence(&self, addrs: &[IpAddr]) -> Vec<IpAddr> {
        let family = |v6: bool| {
            let mut list: Vec<IpAddr> = addrs
                .iter()
                .filter(|ip| ip.is_ipv6() == v6)
                .copied()
                .collect();
            // Stable: the unknown keep their given order, after the known.
            list.sort_by_key(|ip| self.rtt(*ip).map_or((1, Duration::ZERO), |r| (0, r)));
            list.into_iter()
        };
        let (mut v6, mut v4) = (family(true), family(false));
        addrs
            .iter()
            .filter_map(|ip| if ip.is_ipv6() { v6.next() } else { v4.next() })
            .collect()
    }
}

/// What one probe is doing, for the runner: its stage, and the connection
/// attempts (address, start) still waiting for an answer.
#[derive(Debug)]
pub struct Track {
    pub stage: AtomicU8,
    syns: Mutex<Vec<(IpAddr, Instant)>>,
    connected: Mutex<Option<IpAddr>>,
    /// Signalled on every change, so the runner can look again.
    notify: std::sync::Arc<Notify>,
}

impl Track {
    pub fn new(notify: std::sync::Arc<Notify>) -> Self {
        Track {
            stage: AtomicU8::new(Stage::Dns as u8),
            syns: Mutex::new(Vec::new()),
            connected: Mutex::new(None),
            notify,
        }
    }

    pub fn stage(&self) -> Stage {
        Stage::from_u8(self.stage.load(Ordering::Relaxed))
    }

    /// Connection attempts still waiting for an answer.
    pub fn syns(&self) -> Vec<(IpAddr, Instant)> {
        self.syns.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The address the probe is connected to, once it is.
    pub fn connected(&self) -> Option<IpAddr> {
        *self.connected.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn syn_started(&self, ip: IpAddr) {
        self.syns
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((ip, Instant::now()));
        self.notify.notify_one();
    }

    fn syn_ended(&self, ip: IpAddr) {
        self.syns
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(a, _)| *a != ip);
        self.notify.notify_one();
    }

    pub(super) fn set_connected(&self, ip: IpAddr) {
        *self.connected.lock().unwrap_or_else(|e| e.into_inner()) = Some(ip);
        self.notify.notify_one();
    }

    /// The race is over: whatever was still waiting is closed.
    fn race_over(&self) {
        self.syns.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.notify.notify_one();
    }
}

/// A failed race: the outcome, its details, and the address that gave that
/// outcome if one was reached at all (a refusal comes from somewhere).
pub type RaceFailure = (Failure, Option<IpAddr>);

/// Connect to `port` on one of `addrs`, starting as `lead` says (see the
/// module docs). Each attempt that ends is recorded in `paths`; `track` shows
/// the runner what is going on.
pub async fn connect(
    addrs: &[IpAddr],
    port: u16,
    step: Duration,
    paths: &Paths,
    track: &Track,
    lead: Lead,
) -> Result<TcpStream, RaceFailure> {
    let result = race(addrs, port, step, paths, track, lead).await;
    track.race_over();
    result
}

async fn race(
    addrs: &[IpAddr],
    port: u16,
    step: Duration,
    paths: &Paths,
    track: &Track,
    lead: Lead,
) -> Result<TcpStream, RaceFailure> {
    track.stage.store(Stage::Connect as u8, Ordering::Relaxed);
    let deadline = Instant::now() + step;
    let mut order = paths.order(addrs, lead);
    let mut next = 0;
    let mut changed = paths.changed.subscribe();
    // The attempts are polled here, in this task, not spawned: a connection
    // the system has completed is seen in the same wake-up as a timer that
    // fell due meanwhile, and (the select below is biased) it wins. Spawned,
    // on a busy computer it could wait in the run queue while the attempt
    // delay started the other family.
    let mut racing = FuturesUnordered::new();
    let mut last_start = Instant::now();
    let mut failures: Vec<(IpAddr, std::io::Error)> = Vec::new();

    let start = |racing: &mut FuturesUnordered<_>, ip: IpAddr| {
        track.syn_started(ip);
        racing.push(attempt(ip, port));
        Instant::now()
    };

    // When the next attempt may start before the attempt delay is over.
    let mut early: Option<Instant> = None;
    loop {
        if racing.is_empty() {
            if next == order.len() {
                break;
            }
            last_start = start(&mut racing, order[next]);
            next += 1;
            // An address of the other family may already be known to answer.
            early = follow_evidence(&mut order, next, last_start, paths);
        }
        let more = next < order.len();
        let delayed = last_start + paths.attempt_delay();
        let next_at = early.map_or(delayed, |e| e.min(delayed));
        tokio::select! {
            // In this order: an answer that is there wins over a timer.
            biased;
            Some((ip, began, result)) = racing.next() => {
                // What the path showed goes into `paths` before the runner,
                // woken by `track`, looks again.
                match result {
                    Ok(tcp) => {
                        paths.answered(ip, began.elapsed());
                        super::net::no_delay(&tcp);
                        track.syn_ended(ip);
                        track.set_connected(ip);
                        return Ok(tcp);
                    }
                    Err(e) => {
                        if e.kind() == std::io::ErrorKind::ConnectionRefused {
                            paths.answered(ip, began.elapsed());
                        }
                        track.syn_ended(ip);
                        failures.push((ip, e));
                        // RFC 8305: a failed attempt lets the next one start now.
                        early = Some(last_start + MIN_SPACING);
                    }
                }
            }
            _ = tokio::time::sleep_until(next_at), if more => {
                last_start = start(&mut racing, order[next]);
                next += 1;
                early = None;
            }
            Ok(()) = changed.changed(), if more => {
                if let Some(at) = follow_evidence(&mut order, next, last_start, paths) {
                    early = Some(early.map_or(at, |e| e.min(at)));
                }
            }
            _ = tokio::time::sleep_until(deadline) => {
                if refused(&failures).is_some() {
                    return Err(give_up(&failures));
                }
                return Err(((
                    ProbeOutcome::TimedOut { stage: Stage::Connect },
                    no_answer(&order[..next], step, &failures),
                ), None));
            }
        }
    }
    Err(give_up(&failures))
}

/// Another probe reached one of our untried addresses in `rtt`: it goes
/// next, as soon as our last attempt has taken twice that without an answer
/// (at least `SIBLING_WAIT`). When that is.
fn follow_evidence(
    order: &mut Vec<IpAddr>,
    next: usize,
    last_start: Instant,
    paths: &Paths,
) -> Option<Instant> {
    let (rtt, i) = order[next..]
        .iter()
        .enumerate()
        .filter_map(|(i, ip)| paths.rtt(*ip).map(|r| (r, i)))
        .min()?;
    let ip = order.remove(next + i);
    order.insert(next, ip);
    Some(last_start + (rtt * 2).max(SIBLING_WAIT))
}

/// One connection attempt: when it began, and how it ended.
async fn attempt(ip: IpAddr, port: u16) -> (IpAddr, Instant, std::io::Result<TcpStream>) {
    let began = Instant::now();
    let result = TcpStream::connect(SocketAddr::new(ip, port)).await;
    (ip, began, result)
}

/// Every address failed before the deadline: a refusal is the host's own
/// answer and says most; otherwise the first error.
fn give_up(failures: &[(IpAddr, std::io::Error)]) -> RaceFailure {
    if let Some(ip) = refused(failures) {
        return (
            (ProbeOutcome::Refused, Note::Refused { address: ip }.into()),
            Some(ip),
        );
    }
    let detail = failures
        .iter()
        .map(|(ip, e)| format!("{ip}: {e}"))
        .collect::<Vec<_>>()
        .join("; ");
    (
        (
            ProbeOutcome::NetworkError {
                stage: Stage::Connect,
            },
            Detail::System(detail),
        ),
        None,
    )
}

fn refused(failures: &[(IpAddr, std::io::Error)]) -> Option<IpAddr> {
    failures
        .iter()
        .find(|(_, e)| e.kind() == std::io::ErrorKind::ConnectionRefused)
        .map(|(ip, _)| *ip)
}

fn no_answer(tried: &[IpAddr], step: Duration, failures: &[(IpAddr, std::io::Error)]) -> Detail {
    let addresses: Vec<IpAddr> = tried
        .iter()
        .filter(|ip| !failures.iter().any(|(f, _)| f == *ip))
        .copied()
        .collect();
    Note::NoAnswer {
        addresses,
        within_ms: step.as_millis() as u64,
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_delay_follows_the_slowest_measured_round_trip() {
        let paths = Paths::default();
        assert_eq!(paths.attempt_delay(), ATTEMPT_DELAY);
        paths.answered("192.0.2.1".parse().unwrap(), Duration::from_millis(70));
        assert_eq!(paths.attempt_delay(), Duration::from_millis(140));
        paths.answered("192.0.2.2".parse().unwrap(), Duration::from_micros(50));
        assert_eq!(paths.attempt_delay(), Duration::from_millis(140));
        let fast = Paths::default();
        fast.answered("::1".parse().unwrap(), Duration::from_micros(50));
        assert_eq!(fast.attempt_delay(), MIN_ATTEMPT_DELAY);
        let slow = Paths::default();
        slow.answered("::1".parse().unwrap(), Duration::from_secs(1));
        assert_eq!(slow.attempt_delay(), ATTEMPT_DELAY);
    }

    #[tokio::test]
    async fn a_refusing_first_address_hands_over_to_the_next_at_once() {
        // Loopback has all of 127/8: nothing listens on the first address.
        let listener = tokio::net::TcpListener::bind("127.0.0.2:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (first, second): (IpAddr, IpAddr) =
            ("127.0.0.1".parse().unwrap(), "127.0.0.2".parse().unwrap());
        let paths = Paths::default();
        let track = Track::new(std::sync::Arc::new(Notify::new()));
        let tcp = connect(
            &[first, second],
            port,
            Duration::from_secs(5),
            &paths,
            &track,
            Lead::Best,
        )
        .await
        .unwrap();
        assert_eq!(tcp.peer_addr().unwrap().ip(), second);
        assert_eq!(track.connected(), Some(second));
        // Both answered (a refusal is an answer), so both have a round trip.
        assert!(paths.rtt(first).is_some() && paths.rtt(second).is_some());
        assert!(track.syns().is_empty());
        // Refused everywhere: the host's own answer, with the address.
        let closed = connect(
            &[first],
            port,
            Duration::from_secs(5),
            &paths,
            &track,
            Lead::Best,
        )
        .await
        .unwrap_err();
        assert_eq!(closed.0.0, ProbeOutcome::Refused);
        assert_eq!(closed.1, Some(first));
    }

    #[test]
    fn addresses_known_to_answer_go_first() {
        let paths = Paths::default();
        let a: Vec<IpAddr> = ["2001:db8::1", "192.0.2.1", "2001:db8::2", "192.0.2.2"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(paths.order(&a, Lead::Best), a);
        assert_eq!(paths.order(&a, Lead::Second), vec![a[1], a[2], a[3], a[0]]);
        paths.answered(a[3], Duration::from_millis(5));
        paths.answered(a[1], Duration::from_millis(9));
        // Within IPv4 the known go first, fastest first; IPv6, not known
        // either way, keeps its place ahead.
        assert_eq!(paths.order(&a, Lead::Best), vec![a[0], a[3], a[2], a[1]]);
        // The scout leads with IPv4's best.
        assert_eq!(paths.order(&a, Lead::Second), vec![a[3], a[2], a[1], a[0]]);
        // The address a probe used goes first, whatever else is known.
        assert_eq!(
            paths.order(&a, Lead::This(a[2])),
            vec![a[2], a[0], a[3], a[1]]
        );
        // An IPv6 address known to answer goes ahead of the other IPv6 one.
        paths.answered(a[2], Duration::from_millis(30));
        assert_eq!(paths.order(&a, Lead::Best), vec![a[2], a[3], a[0], a[1]]);
    }
}
