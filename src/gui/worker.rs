//! Detection on a background task: the window keeps drawing while the network
//! works. Progress events land in shared state and wake the UI; the approval
//! question waits here, off the UI thread, for the user's answer.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use crate::account::Account;
use crate::detect::{self, ApprovalRequest, Approver, Options, SetupError};
use crate::discover::SourceReport;
use crate::probe::{Attempt, Server};
use crate::progress::{Event, Progress};
use crate::settings::{DetectionResult, Service};

/// One candidate's live status line.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub server: Server,
    /// `None` while still trying.
    pub attempt: Option<Attempt>,
    /// When its answer came.
    pub done_at: Option<Instant>,
}

#[derive(Default)]
pub struct Live {
    pub sources: Vec<SourceReport>,
    pub candidates: BTreeMap<(Service, String, u16), Candidate>,
    pub logging_in: bool,
    /// When the servers were known and probing began (discovery is over).
    pub probing_since: Option<Instant>,
    /// When the login to the outgoing server began.
    pub login_since: Option<Instant>,
    /// When the test message began to go out.
    pub sending_since: Option<Instant>,
    pub result: Option<Result<DetectionResult, Arc<SetupError>>>,
    pub question: Option<(ApprovalRequest, mpsc::Sender<bool>)>,
}

impl Live {
    fn apply(&mut self, ev: Event) {
        match ev {
            Event::SourceDone(r) => self.sources.push(r),
            Event::ProbeStarted(s) => {
                self.probing_since.get_or_insert_with(Instant::now);
                self.candidate(&s);
            }
            Event::ProbeDone(a) => {
                let server = a.server.clone();
                let c = self.candidate(&server);
                c.attempt = Some(a);
                c.done_at = Some(Instant::now());
            }
            Event::Authenticating(_) => {
                self.logging_in = true;
                self.login_since.get_or_insert_with(Instant::now);
            }
            Event::Sending(_) => {
                self.logging_in = true;
                self.sending_since.get_or_insert_with(Instant::now);
            }
        }
    }

    /// The line for `server` (one per service, host and port).
    fn candidate(&mut self, server: &Server) -> &mut Candidate {
        self.candidates
            .entry((server.service, server.host.clone(), server.port))
            .or_insert_with(|| Candidate {
                server: server.clone(),
                attempt: None,
                done_at: None,
            })
    }
}

/// Asks through the window and waits (on a runtime thread) for the answer.
struct WindowApprover {
    live: Arc<Mutex<Live>>,
    ctx: egui::Context,
}

impl Approver for WindowApprover {
    fn approve(&self, request: &ApprovalRequest) -> Option<bool> {
        let (tx, rx) = mpsc::channel();
        self.live.lock().ok()?.question = Some((request.clone(), tx));
        self.ctx.request_repaint();
        // A closed channel means the run was cancelled: nobody to ask.
        rx.recv().ok()
    }
}

pub struct Running {
    pub live: Arc<Mutex<Live>>,
    pub started: Instant,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    pub fn start(
        runtime: &tokio::runtime::Runtime,
        account: Account,
        opts: Options,
        ctx: egui::Context,
    ) -> Running {
        let live = Arc::new(Mutex::new(Live::default()));
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let (l, c) = (live.clone(), ctx.clone());
        runtime.spawn(async move {
            while let Some(ev) = rx.recv().await {
                if let Ok(mut live) = l.lock() {
                    live.apply(ev);
                }
                c.request_repaint();
            }
        });
        let (l, c) = (live.clone(), ctx);
        let task = runtime.spawn(async move {
            let approver = WindowApprover {
                live: l.clone(),
                ctx: c.clone(),
            };
            let progress = Progress::new(tx);
            let r = detect::detect(&account, &opts, &approver, &progress).await;
            if let Ok(mut live) = l.lock() {
                live.result = Some(r.map_err(Arc::new));
            }
            c.request_repaint();
        });
        Running {
            live,
            started: Instant::now(),
            task,
        }
    }

    /// Stop at once: the task is dropped and any open question withdrawn.
    pub fn cancel(self) {
        self.task.abort();
        if let Ok(mut live) = self.live.lock() {
            live.question = None;
        }
    }

    /// The run's result once it has ended. A run whose task ended without
    /// one stopped on a bug (a panic): that is said, rather than leaving the
    /// Checking page waiting for ever.
    pub fn take_result(&self) -> Option<Result<DetectionResult, Arc<SetupError>>> {
        let finished = self.task.is_finished();
        let result = match self.live.lock() {
            Ok(mut live) => live.result.take(),
            Err(_) => None,
        };
        match result {
            Some(r) => Some(r),
            None if finished => Some(Err(Arc::new(SetupError::Internal))),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_that_stops_on_a_bug_says_so() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let running = Running {
            live: Arc::new(Mutex::new(Live::default())),
            started: Instant::now(),
            task: runtime.spawn(async { panic!("a bug in detection") }),
        };
        assert!(running.take_result().is_none(), "not run yet");
        // The panic is the task's own: it ends the task, not the program.
        while !running.task.is_finished() {
            runtime.block_on(tokio::task::yield_now());
        }
        assert!(matches!(
            running.take_result(),
            Some(Err(e)) if matches!(*e, SetupError::Internal)
        ));
    }
}
