//! Page 3: detection at work, live: sources, every candidate with its status,
//! a progress bar, the time, Cancel — and the approval question when the best
//! server needs one, before the password leaves the machine.

use super::worker::Live;
use super::{Action, WizardApp};
use crate::i18n::{self, ui::T};
use crate::probe::{ProbeOutcome, Stage};

/// A probe's outcome in plain words (also the Details table's).
pub(crate) fn status(app: &WizardApp, outcome: Option<&ProbeOutcome>) -> &'static str {
    match outcome {
        None => app.t(T::Connecting),
        Some(ProbeOutcome::Ready { .. } | ProbeOutcome::AuthNotOffered) => app.t(T::StatusOk),
        Some(ProbeOutcome::StarttlsNotOffered { .. }) => app.t(T::StatusUnencrypted),
        Some(ProbeOutcome::Refused) => app.t(T::StatusRefused),
        Some(
            ProbeOutcome::TimedOut {
                stage: Stage::Connect,
            }
            | ProbeOutcome::Abandoned {
                stage: Stage::Connect,
            },
        ) => app.t(T::StatusBlocked),
        Some(ProbeOutcome::TlsFailure { .. }) => app.t(T::StatusCertificate),
        Some(ProbeOutcome::DnsFailure) => app.t(T::StatusNotFound),
        Some(_) => app.t(T::StatusFailed),
    }
}

pub fn ui(app: &mut WizardApp, ui: &mut egui::Ui) -> Option<Action> {
    let Some(running) = &app.running else {
        return Some(Action::NothingToShow);
    };
    if let Some(result) = running.take_result() {
        app.running = None;
        return Some(super::result::finish(app, result));
    }
    let live = running.live.clone();
    let elapsed = running.started.elapsed().as_secs_f32();
    // Keep the clock and spinner moving without busy-looping.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(200));
    ui.heading(app.t(T::CheckingTitle));
    let answer = {
        let live = live.lock().expect("live state");
        progress(ui, &live, elapsed, app);
        let answer = question(app, ui, &live);
        sources(app, ui, &live);
        servers(app, ui, &live);
        answer
    };
    if let Some(yes) = answer
        && let Ok(mut live) = live.lock()
        && let Some((_, tx)) = live.question.take()
    {
        let _ = tx.send(yes);
    }
    None
}

/// The progress bar and the clock (Cancel is on the frame's bar).
fn progress(ui: &mut egui::Ui, live: &Live, elapsed: f32, app: &WizardApp) {
    let total = live.candidates.len().max(1);
    let done = live
        .candidates
        .values()
        .filter(|c| c.attempt.is_some())
        .count();
    let fraction = if live.logging_in {
        0.95
    } else {
        done as f32 / total as f32 * 0.9
    };
    ui.add(egui::ProgressBar::new(fraction).show_percentage());
    ui.label(format!("{}: {elapsed:.1} s", app.t(T::Elapsed)));
}

/// The approval question, if one is open; the user's answer when given.
fn question(app: &WizardApp, ui: &mut egui::Ui, live: &Live) -> Option<bool> {
    let (request, _) = live.question.as_ref()?;
    let mut answer = None;
    ui.add_space(8.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.strong(app.t(T::ApprovalTitle));
        ui.label(i18n::approval_explanation(app.lang, request));
        ui.horizontal(|ui| {
            if ui.button(app.t(T::ApprovalYes)).clicked() {
                answer = Some(true);
            }
            if ui.button(app.t(T::ApprovalNo)).clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}

/// Where the server names come from, and how each source fared.
fn sources(app: &WizardApp, ui: &mut egui::Ui, live: &Live) {
    ui.add_space(8.0);
    ui.strong(app.t(T::Sources));
    for s in &live.sources {
        let line = format!(
            "• {}: {}",
            i18n::source_name(app.lang, &s.source),
            i18n::source_status(app.lang, &s.status)
        );
        // The technical reason, for support staff, on hover.
        match &s.status {
            crate::model::SourceStatus::Failed { detail } => {
                ui.label(line).on_hover_text(detail);
            }
            _ => {
                ui.label(line);
            }
        }
    }
}

/// Every server tried, with its security and how it answered.
fn servers(app: &WizardApp, ui: &mut egui::Ui, live: &Live) {
    ui.add_space(8.0);
    ui.strong(app.t(T::Servers));
    egui::Grid::new("candidates").striped(true).show(ui, |ui| {
        for c in live.candidates.values() {
            let s = &c.server;
            ui.label(i18n::server_label(s.service, &s.host, s.port));
            ui.label(i18n::security_name(app.lang, s.security));
            ui.label(status(app, c.attempt.as_ref().map(|a| &a.outcome)));
            ui.end_row();
        }
    });
}
