//! "Change settings": the servers the user typed in, tested exactly as given
//! instead of what discovery finds. The user vouches for them.

use crate::discover::Discovery;
use crate::model::{AuthMethod, Security, Server, ServerHint, Service, Source};

/// "Change settings": the servers the user typed in, tested instead of detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manual {
    pub outgoing: Server,
    /// The login the user chose; `None`: the best the server offers.
    pub auth: Option<AuthMethod>,
    /// `None`: the incoming side is not tested. Its login is the best the
    /// server offers.
    pub incoming: Option<Server>,
}

impl Manual {
    /// A server the user typed in: tried exactly as given, and vouched for by
    /// them.
    pub fn server(service: Service, host: &str, port: u16, security: Security) -> Server {
        Server {
            service,
            host: host.to_string(),
            port,
            security,
            source: Source::Manual,
            vouched: true,
            username: None,
        }
    }

    fn servers(&self) -> impl Iterator<Item = &Server> {
        std::iter::once(&self.outgoing).chain(&self.incoming)
    }
}

/// "Change settings": the user's own servers instead of discovery.
pub(super) fn discovery(m: &Manual) -> Discovery {
    let hints = m
        .servers()
        .map(|s| ServerHint {
            service: s.service,
            host: s.host.clone(),
            endpoint: Some((s.port, s.security)),
            source: s.source.clone(),
            vouched: s.vouched,
            username: s.username.clone(),
        })
        .collect();
    Discovery {
        hints,
        ..Default::default()
    }
}

/// The endpoints to probe: the outgoing server, and the incoming one when it
/// was given and `incoming` is asked for.
pub(super) fn endpoints(m: &Manual, incoming: bool) -> (Vec<Server>, Vec<Server>) {
    let inc = if incoming {
        m.incoming.iter().cloned().collect()
    } else {
        Vec::new()
    };
    (vec![m.outgoing.clone()], inc)
}
