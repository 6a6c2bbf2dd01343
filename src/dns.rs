//! DNS through hickory-resolver with the system configuration, every lookup bounded
//! by an outer timeout (the resolver's own timeouts are not always honoured).

use std::net::IpAddr;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::proto::rr::RData;

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

    pub async fn ips(&self, host: &str) -> Result<Vec<IpAddr>, DnsError> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(vec![ip]);
        }
        let lookup = self.bounded(self.resolver.lookup_ip(fqdn(host))).await?;
        let ips: Vec<IpAddr> = lookup.iter().collect();
        if ips.is_empty() {
            Err(DnsError::NoRecords)
        } else {
            Ok(ips)
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
