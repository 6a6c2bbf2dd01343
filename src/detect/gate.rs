//! The approval gate: the password goes only to a server some source vouches
//! for, or that the user approved (asked at most once per host in a run).

use std::collections::HashSet;

use super::Approver;
use crate::discover;
use crate::model::{ApprovalRequest, Attempt};

/// The approval rule, asked at most once per host in a run.
pub(super) struct Gate<'a> {
    approver: &'a dyn Approver,
    approve_untrusted: bool,
    approved: HashSet<String>,
}

pub(super) enum Approval {
    /// Vouched for, or approved earlier in this run.
    Granted,
    /// The user said yes just now (the server may have hung up meanwhile).
    GrantedAfterAsking,
    Needed,
    Declined,
}

impl<'a> Gate<'a> {
    pub(super) fn new(approver: &'a dyn Approver, approve_untrusted: bool) -> Self {
        Gate {
            approver,
            approve_untrusted,
            approved: HashSet::new(),
        }
    }

    pub(super) fn check(&mut self, chosen: &Attempt) -> Approval {
        if !crate::discover::trust::must_ask(
            chosen.server.vouched,
            self.approve_untrusted,
            self.approved.contains(&chosen.server.host),
        ) {
            return Approval::Granted;
        }
        let request = ApprovalRequest {
            service: chosen.server.service,
            host: chosen.server.host.clone(),
            source: chosen.server.source.clone(),
            owner: discover::registrable_domain(&chosen.server.host)
                .unwrap_or_else(|| chosen.server.host.clone()),
            found_via: chosen.found_via.clone(),
        };
        // The question may wait on a person: do not hold a runtime thread.
        match tokio::task::block_in_place(|| self.approver.approve(&request)) {
            None => Approval::Needed,
            Some(false) => Approval::Declined,
            Some(true) => {
                self.approved.insert(chosen.server.host.clone());
                Approval::GrantedAfterAsking
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Detail, ProbeOutcome, Security, Server, Service, Source};
    use std::sync::Mutex;

    /// Answers from a script, and counts the questions.
    struct Scripted {
        answers: Mutex<Vec<Option<bool>>>,
        asked: Mutex<Vec<String>>,
    }

    impl Approver for Scripted {
        fn approve(&self, request: &ApprovalRequest) -> Option<bool> {
            self.asked.lock().unwrap().push(request.host.clone());
            self.answers.lock().unwrap().remove(0)
        }
    }

    fn scripted(answers: &[Option<bool>]) -> Scripted {
        Scripted {
            answers: Mutex::new(answers.to_vec()),
            asked: Mutex::new(Vec::new()),
        }
    }

    fn chosen(host: &str, vouched: bool) -> Attempt {
        let server = Server {
            service: Service::Submission,
            host: host.into(),
            port: 587,
            security: Security::StartTls,
            source: Source::Srv,
            vouched,
            username: None,
        };
        let ready = ProbeOutcome::Ready {
            mechanisms: vec!["PLAIN".into()],
        };
        Attempt::new(&server, 0, ready, Detail::None, None, Default::default())
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_vouched_server_is_never_asked_about() {
        let who = scripted(&[]);
        let mut gate = Gate::new(&who, false);
        assert!(matches!(
            gate.check(&chosen("smtp.example.jp", true)),
            Approval::Granted
        ));
        assert!(who.asked.lock().unwrap().is_empty());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_outside_server_is_asked_about_once_per_run() {
        let who = scripted(&[Some(true)]);
        let mut gate = Gate::new(&who, false);
        let outside = chosen("smtp.elsewhere.test", false);
        assert!(matches!(gate.check(&outside), Approval::GrantedAfterAsking));
        // The incoming side on the same host: not asked again.
        assert!(matches!(gate.check(&outside), Approval::Granted));
        assert_eq!(*who.asked.lock().unwrap(), ["smtp.elsewhere.test"]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_and_nobody_to_ask_keep_the_password_home() {
        let who = scripted(&[Some(false), None]);
        let mut gate = Gate::new(&who, false);
        assert!(matches!(
            gate.check(&chosen("a.elsewhere.test", false)),
            Approval::Declined
        ));
        assert!(matches!(
            gate.check(&chosen("b.elsewhere.test", false)),
            Approval::Needed
        ));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn approve_untrusted_asks_no_one() {
        let who = scripted(&[]);
        let mut gate = Gate::new(&who, true);
        assert!(matches!(
            gate.check(&chosen("smtp.elsewhere.test", false)),
            Approval::Granted
        ));
        assert!(who.asked.lock().unwrap().is_empty());
    }
}
