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
        if chosen.server.vouched
            || self.approve_untrusted
            || self.approved.contains(&chosen.server.host)
        {
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
