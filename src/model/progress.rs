//! Live progress, as typed events. The CLI prints them; the wizard draws them.

use tokio::sync::mpsc::UnboundedSender;

use super::{Attempt, Server, SourceReport};

#[derive(Debug, Clone)]
pub enum Event {
    SourceDone(SourceReport),
    ProbeStarted(Server),
    ProbeDone(Attempt),
    /// Logging in to the chosen server.
    Authenticating(Server),
    /// Sending the test message.
    Sending(Server),
}

#[derive(Clone, Default)]
pub struct Progress(Option<UnboundedSender<Event>>);

impl Progress {
    pub fn new(tx: UnboundedSender<Event>) -> Self {
        Progress(Some(tx))
    }

    pub fn none() -> Self {
        Progress(None)
    }

    pub fn emit(&self, event: Event) {
        if let Some(tx) = &self.0 {
            let _ = tx.send(event);
        }
    }
}
