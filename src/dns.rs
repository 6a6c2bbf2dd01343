//! DNS through hickory-resolver with the system configuration, every lookup bounded
//! by an outer timeout (the resolver's own timeouts are not always honoured).

use std::net::IpAddr;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::proto::rr::{RData, RecordType};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnsError {
    /// NXDOMAIN: the name does not exist.
    NoSuchName,
    /// The name exists but has no record of that type.
    NoRecords,
    TimedOut,
    /// No DNS server could be reached at all (no route, none configured,
    /// refused): the computer is most likely offline.
    Unreachable(String),
    Failed(String),
}

impl std::fmt::Display for DnsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DnsError::NoSuchName => f.write_str("no such domain (NXDOMAIN)"),
            DnsError::NoRecords => f.write_str("no records of that type"),
            DnsError::TimedOut => f.write_str("DNS lookup timed out"),
            DnsError::Unreachable(e) => write!(f, "no DNS server could be reached: {e}"),
            DnsError::Failed(e) => write!(f, "DNS lookup failed: {e}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SrvRecord {
    pub priority: u16,
    pub weight: u16,
    pub port: u16,
    pub target: String,
}

#[derive(Clone)]
pub struct Dns {
    resolver: TokioResolver,
    timeout: Duration,
}

/// How long the second address family may take after the first answered
/// (RFC 8305's resolution delay).
pub const RESOLUTION_DELAY: Duration = Duration::from_millis(50);

/// IPv6 and IPv4 addresses alternating, IPv6 first (RFC 8305 section 4).
pub fn interleave(v6: Vec<IpAddr>, v4: Vec<IpAddr>) -> Vec<IpAddr> {
    let mut out = Vec::with_capacity(v6.len() + v4.len());
    let (mut a, mut b) = (v6.into_iter(), v4.into_iter());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return out,
            (x, y) => out.extend(x.into_iter().chain(y)),
        }
    }
}

/// Of two failures, the one that says more about the name.
fn worse(a: DnsError, b: DnsError) -> DnsError {
    let weight = |e: &DnsError| match e {
        DnsError::NoSuchName => 0,
        DnsError::Unreachable(_) => 1,
        DnsError::TimedOut => 2,
        DnsError::Failed(_) => 3,
        DnsError::NoRecords => 4,
    };
    if weight(&b) < weight(&a) { b } else { a }
}

fn fqdn(name: &str) -> String {
    if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    }
}

fn classify(e: hickory_resolver::net::NetError) -> DnsError {
    if e.is_nx_domain() {
        DnsError::NoSuchName
    } else if e.is_no_records_found() {
        DnsError::NoRecords
    } else if unreachable(&e) {
        DnsError::Unreachable(e.to_string())
    } else {
        DnsError::Failed(e.to_string())
    }
}

/// The resolver could not talk to any server: none configured or reachable.
fn unreachable(e: &hickory_resolver::net::NetError) -> bool {
    use hickory_resolver::net::NetError;
    use std::io::ErrorKind::*;
    match e {
        NetError::NoConnections => true,
        NetError::Io(io) => matches!(
            io.kind(),
            NetworkUnreachable
                | HostUnreachable
                | NetworkDown
                | ConnectionRefused
                | AddrNotAvailable
        ),
        _ => false,
    }
}

impl Dns {
    /// The system's resolver (resolv.conf / the Windows registry).
    pub fn system(timeout: Duration) -> Result<Self, DnsError> {
        let mut builder =
            TokioResolver::builder_tokio().map_err(|e| DnsError::Failed(e.to_string()))?;
        let opts = builder.options_mut();
        opts.timeout = timeout.min(Duration::from_secs(5));
        opts.attempts = 2;
        let resolver = builder
            .build()
            .map_err(|e| DnsError::Failed(e.to_string()))?;
        Ok(Dns { resolver, timeout })
    }

    async fn bounded<T>(
        &self,
        fut: impl Future<Output = Result<T, hickory_resolver::net::NetError>>,
    ) -> Result<T, DnsError> {
        match tokio::time::timeout(self.timeout, fut).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(classify(e)),
            Err(_) => Err(DnsError::TimedOut),
        }
    }

    /// Every address of `host`, in the order to try them (RFC 8305): A and AAAA
    /// are asked at once; when A answers first, AAAA gets [`RESOLUTION_DELAY`]
    /// more (unless A had nothing); the A answer is always waited for, since
    /// IPv4 is what works where IPv6 is broken; then IPv6 and IPv4 addresses
    /// are interleaved, IPv6 first.
    pub async fn ips(&self, host: &str) -> Result<Vec<IpAddr>, DnsError> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(vec![ip]);
        }
        let name = fqdn(host);
        let v6 = self.family(&name, RecordType::AAAA);
        let v4 = self.family(&name, RecordType::A);
        tokio::pin!(v6, v4);
        let (v6, v4) = tokio::select! {
            r6 = &mut v6 => (r6, v4.await),
            r4 = &mut v4 => {
                let r6 = self.other_family(&r4, v6).await;
                (r6, r4)
            }
        };
        match (v6, v4) {
            (Ok(a), Ok(b)) if !(a.is_empty() && b.is_empty()) => Ok(interleave(a, b)),
            (Ok(a), Err(_)) | (Err(_), Ok(a)) if !a.is_empty() => Ok(a),
            (Ok(_), Ok(_)) => Err(DnsError::NoRecords),
            (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
            (Err(a), Err(b)) => Err(worse(a, b)),
        }
    }

    /// The addresses of one family; "no records" is an empty list.
    async fn family(&self, name: &str, kind: RecordType) -> Result<Vec<IpAddr>, DnsError> {
        match self.bounded(self.resolver.lookup(name, kind)).await {
            Ok(lookup) => Ok(lookup
                .answers()
                .iter()
                .filter_map(|r| match &r.data {
                    RData::A(a) => Some(IpAddr::V4(a.0)),
                    RData::AAAA(a) => Some(IpAddr::V6(a.0)),
                    _ => None,
                })
                .collect()),
            Err(DnsError::NoRecords) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// AAAA after A answered: waited for fully when A had nothing, else for
    /// at most the resolution delay.
    async fn other_family(
        &self,
        first: &Result<Vec<IpAddr>, DnsError>,
        other: impl Future<Output = Result<Vec<IpAddr>, DnsError>>,
    ) -> Result<Vec<IpAddr>, DnsError> {
        if first.as_ref().is_ok_and(|a| !a.is_empty()) {
            tokio::time::timeout(RESOLUTION_DELAY, other)
                .await
                .unwrap_or(Ok(Vec::new()))
        } else {
            other.await
        }
    }

    /// MX hosts, most preferred first.
    pub async fn mx(&self, domain: &str) -> Result<Vec<(u16, String)>, DnsError> {
        let lookup = self.bounded(self.resolver.mx_lookup(fqdn(domain))).await?;
        let mut out: Vec<(u16, String)> = lookup
            .answers()
            .iter()
            .filter_map(|r| match &r.data {
                RData::MX(mx) => Some((
                    mx.preference,
                    mx.exchange
                        .to_ascii()
                        .trim_end_matches('.')
                        .to_ascii_lowercase(),
                )),
                _ => None,
            })
            .collect();
        out.sort();
        Ok(out)
    }

    /// SRV records, best first (lowest priority, then highest weight). A target of
    /// "." means "service not offered" (RFC 2782) and is dropped.
    pub async fn srv(&self, name: &str) -> Result<Vec<SrvRecord>, DnsError> {
        let lookup = self.bounded(self.resolver.srv_lookup(fqdn(name))).await?;
        let mut out: Vec<SrvRecord> = lookup
            .answers()
            .iter()
            .filter_map(|r| match &r.data {
                RData::SRV(s) => Some(SrvRecord {
                    priority: s.priority,
                    weight: s.weight,
                    port: s.port,
                    target: s
                        .target
                        .to_ascii()
                        .trim_end_matches('.')
                        .to_ascii_lowercase(),
                }),
                _ => None,
            })
            .filter(|s| !s.target.is_empty() && s.port != 0)
            .collect();
        out.sort_by_key(|s| (s.priority, std::cmp::Reverse(s.weight)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_alternate_ipv6_first() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(
            interleave(
                vec![ip("2001:db8::1"), ip("2001:db8::2")],
                vec![ip("192.0.2.1"), ip("192.0.2.2"), ip("192.0.2.3")]
            ),
            vec![
                ip("2001:db8::1"),
                ip("192.0.2.1"),
                ip("2001:db8::2"),
                ip("192.0.2.2"),
                ip("192.0.2.3")
            ]
        );
        assert_eq!(
            interleave(vec![], vec![ip("192.0.2.1")]),
            vec![ip("192.0.2.1")]
        );
    }

    #[test]
    fn a_missing_name_outweighs_a_missing_record_type() {
        assert_eq!(
            worse(DnsError::NoRecords, DnsError::NoSuchName),
            DnsError::NoSuchName
        );
        assert_eq!(
            worse(DnsError::TimedOut, DnsError::NoRecords),
            DnsError::TimedOut
        );
    }
}
