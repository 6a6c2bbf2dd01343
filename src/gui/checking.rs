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
    let started = running.started;
    // Keep the clock and spinner moving without busy-looping.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(200));
    ui.heading(app.t(T::CheckingTitle));
    ui.add_space(4.0);
    let answer = {
        let live = live.lock().expect("live state");
        checklist(app, ui, &live, started);
        let answer = question(app, ui, &live);
        ui.add_space(8.0);
        egui::CollapsingHeader::new(app.t(T::ShowDetails))
            .id_salt("checking-details")
            .show(ui, |ui| {
                sources(app, ui, &live);
                servers(app, ui, &live);
            });
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

/// Where a line of the checklist stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Waiting,
    Working,
    /// Done, and when.
    Done(std::time::Instant),
    NotFound,
}

/// The run in five plain steps, each with its mark, its word and its time.
fn checklist(app: &WizardApp, ui: &mut egui::Ui, live: &Live, started: std::time::Instant) {
    let side = |incoming: bool| {
        live.candidates
            .values()
            .filter(move |c| c.server.service.is_incoming() == incoming)
    };
    let all_done =
        |incoming: bool| side(incoming).count() > 0 && side(incoming).all(|c| c.attempt.is_some());
    let last_answer = |incoming: bool| side(incoming).filter_map(|c| c.done_at).max();
    let usable = |incoming: bool| {
        side(incoming).any(|c| c.attempt.as_ref().is_some_and(|a| a.outcome.usable(true)))
    };
    let find = match live.probing_since {
        Some(t) => Mark::Done(t),
        None => Mark::Working,
    };
    let secure = match (live.probing_since, live.login_since) {
        (None, _) => Mark::Waiting,
        (_, Some(t)) => Mark::Done(t),
        _ if all_done(false) && !usable(false) => Mark::NotFound,
        _ => Mark::Working,
    };
    let password = if live.login_since.is_some() {
        Mark::Working
    } else {
        Mark::Waiting
    };
    let message = if live.sending_since.is_some() {
        Mark::Working
    } else {
        Mark::Waiting
    };
    let incoming = match live.probing_since {
        None => Mark::Waiting,
        Some(_) if side(true).count() == 0 => Mark::Waiting,
        Some(_) if all_done(true) && !usable(true) => Mark::NotFound,
        Some(_) => match (all_done(true), last_answer(true)) {
            (true, Some(t)) => Mark::Done(t),
            _ => Mark::Working,
        },
    };
    egui::Grid::new("checklist")
        .num_columns(3)
        .spacing([10.0, 10.0])
        .show(ui, |ui| {
            for (key, mark) in [
                (T::CheckFind, find),
                (T::CheckSecure, secure),
                (T::CheckPassword, password),
                (T::CheckMessage, message),
                (T::CheckIncoming, incoming),
            ] {
                mark_icon(app, ui, mark);
                ui.label(app.t(key));
                let word = match mark {
                    Mark::Waiting => app.t(T::MarkWaiting).to_string(),
                    Mark::Working => app.t(T::MarkWorking).to_string(),
                    Mark::Done(t) => i18n::ui::done_after(
                        app.lang,
                        t.saturating_duration_since(started).as_secs_f32(),
                    ),
                    Mark::NotFound => app.t(T::MarkNotFound).to_string(),
                };
                ui.weak(word);
                ui.end_row();
            }
        });
}

/// A spinner while working; a drawn check, cross or empty ring otherwise
/// (always next to a word: the mark is never the only sign).
fn mark_icon(app: &WizardApp, ui: &mut egui::Ui, mark: Mark) {
    let (drawn, name) = match mark {
        Mark::Working => {
            ui.add(egui::Spinner::new().size(18.0)).widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::accesskit::Role::ProgressIndicator,
                    true,
                    app.t(T::IconWorking),
                )
            });
            return;
        }
        Mark::Done(_) => (super::frame::Drawn::Check, T::IconOk),
        Mark::NotFound => (super::frame::Drawn::Cross, T::IconProblem),
        Mark::Waiting => (super::frame::Drawn::Ring, T::IconNotYet),
    };
    super::frame::mark(ui, drawn, 20.0, app.t(name));
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

/// Every real server tried, with its security and how it answered; the
/// common names guessed that do not exist fold into one line.
fn servers(app: &WizardApp, ui: &mut egui::Ui, live: &Live) {
    ui.add_space(8.0);
    ui.strong(app.t(T::Servers));
    let missing_guess = |c: &super::worker::Candidate| {
        c.server.source == crate::model::Source::Guess
            && matches!(
                c.attempt.as_ref().map(|a| &a.outcome),
                Some(ProbeOutcome::DnsFailure)
            )
    };
    let folded: std::collections::BTreeSet<&str> = live
        .candidates
        .values()
        .filter(|c| missing_guess(c))
        .map(|c| c.server.host.as_str())
        .collect();
    egui::Grid::new("candidates").striped(true).show(ui, |ui| {
        for c in live.candidates.values().filter(|c| !missing_guess(c)) {
            let s = &c.server;
            ui.label(i18n::server_label(s.service, &s.host, s.port));
            ui.label(i18n::security_name(app.lang, s.security));
            ui.label(status(app, c.attempt.as_ref().map(|a| &a.outcome)));
            ui.end_row();
        }
    });
    if !folded.is_empty() {
        ui.weak(i18n::ui::guesses_missing(app.lang, folded.len()));
    }
}
