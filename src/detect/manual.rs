//! "Change settings": the servers the user typed in, tested exactly as given
//! instead of what discovery finds. The user vouches for them.

use crate::discover::Discovery;
use crate::model::{AuthMethod, Endpoint, Security, ServerHint, Service, Source};

/// "Change settings": the servers the user typed in, tested instead of detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manual {
    pub outgoing: ManualServer,
    /// `None`: the incoming side is not tested.
    pub incoming: Option<ManualIncoming>,
}

/// The outgoing server the user typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualServer {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// `None`: the best the server offers.
    pub auth: Option<AuthMethod>,
}

/// The incoming server the user typed in; the login is the best it offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualIncoming {
    /// `Service::Imap` or `Service::Pop3`.
    pub protocol: Service,
    pub host: String,
    pub port: u16,
    pub security: Security,
}

/// "Change settings": the user's own servers instead of discovery.
pub(super) fn discovery(m: &Manual) -> Discovery {
    let hint = |service: Service, host: &str, port: u16, security: Security| ServerHint {
        service,
        host: host.to_string(),
        endpoint: Some((port, security)),
        source: Source::Manual,
        vouched: true,
        username: None,
    };
    let o = &m.outgoing;
    let mut hints = vec![hint(Service::Submission, &o.host, o.port, o.security)];
    hints.extend(
        m.incoming
            .iter()
            .map(|i| hint(i.protocol, &i.host, i.port, i.security)),
    );
    Discovery {
        hints,
        ..Default::default()
    }
}

/// A server the user typed in: tried exactly as given, and vouched for by them.
fn endpoint(service: Service, host: &str, port: u16, security: Security) -> Endpoint {
    Endpoint {
        service,
        host: host.to_string(),
        port,
        security,
        source: Source::Manual,
        vouched: true,
        username: None,
    }
}

/// The endpoints to probe: the outgoing server, and the incoming one when it
/// was given and `incoming` is asked for.
pub(super) fn endpoints(m: &Manual, incoming: bool) -> (Vec<Endpoint>, Vec<Endpoint>) {
    let o = &m.outgoing;
    let out = vec![endpoint(Service::Submission, &o.host, o.port, o.security)];
    let inc = if incoming {
        m.incoming
            .iter()
            .map(|i| endpoint(i.protocol, &i.host, i.port, i.security))
            .collect()
    } else {
        Vec::new()
    };
    (out, inc)
}
