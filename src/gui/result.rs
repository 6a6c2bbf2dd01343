//! Page 4: the outcome in plain words first (findings, OP25B explained), the
//! details on request, and "Change settings" for power users. A refused
//! password sends the user back to the password field, nothing else retyped.

use std::sync::Arc;

use super::{Action, Field, Notice, WizardApp};
use crate::detect::Manual;
use crate::diagnose::ExitStatus;
use crate::i18n::{self, ui::T};
use crate::model::{FindingKind, SetupError, Tone};
use crate::settings::{AuthMethod, DetectionResult, Security, Service};

/// The power user's own servers, filled in from the last result.
pub struct ManualForm {
    pub host: String,
    pub port: String,
    pub security: Security,
    pub auth: Option<AuthMethod>,
    /// Empty: the incoming side is not tested.
    pub in_host: String,
    pub in_port: String,
    pub in_protocol: Service,
    pub in_security: Security,
}

impl Default for ManualForm {
    fn default() -> Self {
        ManualForm {
            host: String::new(),
            port: "587".into(),
            security: Security::StartTls,
            auth: None,
            in_host: String::new(),
            in_port: "993".into(),
            in_protocol: Service::Imap,
            in_security: Security::ImplicitTls,
        }
    }
}

impl ManualForm {
    /// Take over what a run proved, so "Change settings" starts from it; when
    /// nothing was proven, start from the best candidate tried, if the fields
    /// are still empty.
    fn fill_from(&mut self, r: &DetectionResult) {
        let best = |incoming: bool| {
            r.attempts
                .iter()
                .filter(|a| a.server.service.is_incoming() == incoming)
                .min_by_key(|a| a.rank)
        };
        if let Some(o) = &r.outgoing {
            self.host = o.host.clone();
            self.port = o.port.to_string();
            self.security = o.security;
        } else if let Some(a) = best(false).filter(|_| self.host.trim().is_empty()) {
            self.host = a.server.host.clone();
            self.port = a.server.port.to_string();
            // The form offers encrypted connections only.
            self.security = a.server.security.encrypted();
        }
        if let Some(i) = &r.incoming {
            self.in_host = i.host.clone();
            self.in_port = i.port.to_string();
            self.in_protocol = i.protocol;
            self.in_security = i.security;
        } else if let Some(a) = best(true).filter(|_| self.in_host.trim().is_empty()) {
            self.in_host = a.server.host.clone();
            self.in_port = a.server.port.to_string();
            self.in_protocol = a.server.service;
            self.in_security = a.server.security.encrypted();
        }
    }

    /// What to test, or `None` while a field is not usable yet.
    fn servers(&self) -> Option<Manual> {
        let port = |p: &str| p.trim().parse::<u16>().ok().filter(|p| *p > 0);
        let outgoing = Manual::server(
            Service::Submission,
            &crate::discover::sane_host(&self.host)?,
            port(&self.port)?,
            self.security,
        );
        let incoming = if self.in_host.trim().is_empty() {
            None
        } else {
            Some(Manual::server(
                self.in_protocol,
                &crate::discover::sane_host(&self.in_host)?,
                port(&self.in_port)?,
                self.in_security,
            ))
        };
        Some(Manual {
            outgoing,
            auth: self.auth,
            incoming,
        })
    }
}

/// After the security or the protocol changed: a standard port follows along;
/// a port the user typed stays.
fn follow_port(port: &mut String, before: (Service, Security), after: (Service, Security)) {
    let standard = |(service, security): (Service, Security)| {
        service
            .standard_ports()
            .iter()
            .find(|(_, s)| *s == security)
            .map(|(p, _)| p.to_string())
    };
    if before != after
        && (port.trim().is_empty() || standard(before).as_deref() == Some(port.trim()))
        && let Some(p) = standard(after)
    {
        *port = p;
    }
}

/// A run ended: show it, or go back to the field to correct when the run
/// says what the user typed is wrong (a refused login, a domain that does
/// not exist).
pub fn finish(app: &mut WizardApp, result: Result<DetectionResult, Arc<SetupError>>) -> Action {
    let no_domain = |r: &DetectionResult| {
        r.findings
            .iter()
            .any(|f| matches!(f.kind, FindingKind::DomainNotFound { .. }))
    };
    match result {
        Err(e) => {
            app.form.notice = Some(Notice::Setup(e));
            Action::CheckNeedsAccount
        }
        Ok(r) if r.exit_code == ExitStatus::AuthFailed => {
            app.form.notice = Some(Notice::WrongInput(r.findings));
            app.form.password.clear();
            app.form.focus = Some(Field::Password);
            Action::CheckNeedsAccount
        }
        Ok(r) if r.exit_code != ExitStatus::Proven && no_domain(&r) => {
            app.form.notice = Some(Notice::WrongInput(r.findings));
            app.form.focus = Some(Field::Address);
            Action::CheckNeedsAccount
        }
        Ok(r) => {
            app.manual.fill_from(&r);
            app.support = SupportState::default();
            app.result = Some(r);
            Action::CheckEnded
        }
    }
}

pub fn ui(app: &mut WizardApp, ui: &mut egui::Ui) -> Option<Action> {
    let Some(r) = app.result.clone() else {
        return Some(Action::NothingToShow);
    };
    let ok = r.exit_code == ExitStatus::Proven;
    let (heading, tone) = match (ok, r.incoming.is_some()) {
        (true, true) => (T::ResultOk, Tone::Works),
        // Say no more than was proven: receiving still needs a look.
        (true, false) => (T::ResultSendingOnly, Tone::Works),
        // Offline with the ISP's preset: its settings, not tested.
        (false, _) if r.outgoing.is_some() => (T::ResultUntested, Tone::Note),
        (false, _) => (T::ResultFail, Tone::Problem),
    };
    // A large mark and one sentence: the answer at a glance.
    ui.horizontal(|ui| {
        let (drawn, name) = super::frame::tone_mark(tone);
        super::frame::mark(ui, drawn, 40.0, app.t(name));
        ui.heading(app.t(heading));
    });
    ui.add_space(8.0);
    // Each finding on its own card, marked by what it means: what works,
    // then what needs doing (each says what to do), then what is only worth
    // knowing (port 25 blocked is normal: an "i", never a cross).
    let mut findings: Vec<_> = r.findings.iter().collect();
    findings.sort_by_key(|f| f.kind.tone());
    for f in findings {
        super::frame::card(app, ui, f.kind.tone(), i18n::finding(app.lang, &f.kind));
    }
    ui.add_space(4.0);
    // Not everything worked: the ISP's support desk, in plain words.
    if heading != T::ResultOk
        && let Some(s) = app.cfg.branding().and_then(|b| b.support.as_ref())
    {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(i18n::support_line(app.lang, s)).strong());
        ui.add_space(4.0);
    }
    if heading != T::ResultOk {
        support(app, ui, &r);
    }
    egui::CollapsingHeader::new(app.t(T::Details))
        .id_salt("details")
        .show(ui, |ui| details(app, ui, &r));
    let retested = egui::CollapsingHeader::new(app.t(T::ChangeSettings))
        .id_salt("manual")
        .show(ui, |ui| manual(app, ui))
        .body_returned
        .flatten();
    // Try again is the bar's primary action when there is nothing to take
    // on to the mail program; here it is a second choice.
    ui.add_space(12.0);
    let again = if exportable(app) && ui.button(app.t(T::TryAgain)).clicked() {
        app.start(ui.ctx(), None)
    } else {
        None
    };
    retested.or(again)
}

/// What became of the support report on this page.
#[derive(Debug, Clone, Default)]
pub enum SupportState {
    #[default]
    Untouched,
    Copied,
    Saved(std::path::PathBuf),
    /// Where, and why (put into words when shown).
    NotSaved(std::path::PathBuf, Arc<crate::model::WriteError>),
}

/// "Information for support": the report (never the password) to copy or save,
/// made in the language of the moment.
fn support(app: &mut WizardApp, ui: &mut egui::Ui, r: &DetectionResult) {
    super::frame::panel(ui, |ui| {
        ui.strong(app.t(T::SupportTitle));
        ui.label(app.t(T::SupportBody));
        let report =
            || i18n::report::support_report(app.lang, r, &crate::model::About::this_computer());
        let mut state = None;
        ui.horizontal(|ui| {
            if ui.button(app.t(T::CopyReport)).clicked() {
                ui.ctx().copy_text(report());
                state = Some(SupportState::Copied);
            }
            if ui.button(app.t(T::SaveReport)).clicked()
                && let Some(p) = rfd::FileDialog::new()
                    .set_directory(&app.export.dir)
                    .set_file_name(REPORT_FILE)
                    .save_file()
            {
                state = Some(save_report(&p, &report()));
            }
        });
        if let Some(s) = state {
            app.support = s;
        }
        match &app.support {
            SupportState::Untouched => {}
            SupportState::Copied => {
                ui.label(app.t(T::ReportCopied));
            }
            SupportState::Saved(p) => {
                ui.label(format!("{} {}", app.t(T::ReportSaved), p.display()));
            }
            SupportState::NotSaved(p, e) => {
                let shown = p.display().to_string();
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!(
                        "{} {}",
                        app.t(T::ReportNotSaved),
                        i18n::write_error(app.lang, &shown, e)
                    ),
                );
            }
        }
    });
}

/// The name the save dialog offers.
pub const REPORT_FILE: &str = "mailsetup-report.txt";

/// Write the report where the user chose (the system dialog already asked
/// about replacing a file).
pub fn save_report(path: &std::path::Path, text: &str) -> SupportState {
    match crate::export::write_atomically(path, text.as_bytes(), false, true) {
        Ok(()) => SupportState::Saved(path.to_path_buf()),
        Err(e) => SupportState::NotSaved(path.to_path_buf(), Arc::new(e)),
    }
}

/// There are settings to take on to the mail program: sending was proven,
/// or (offline) the ISP's preset offers its own, marked untested.
pub fn exportable(app: &WizardApp) -> bool {
    app.result.as_ref().is_some_and(|r| r.outgoing.is_some())
}

fn details(app: &WizardApp, ui: &mut egui::Ui, r: &DetectionResult) {
    for f in r.findings.iter().filter(|f| f.detail.is_some()) {
        ui.monospace(format!(
            "{}: {}",
            f.code(),
            f.detail
                .as_ref()
                .map(|d| i18n::detail(app.lang, d))
                .unwrap_or_default()
        ));
    }
    egui::Grid::new("attempts").striped(true).show(ui, |ui| {
        for h in [
            T::ColServer,
            T::ColSecurity,
            T::ColSource,
            T::ColOutcome,
            T::ColTime,
            T::ColDetail,
        ] {
            ui.strong(app.t(h));
        }
        ui.end_row();
        for a in &r.attempts {
            // The address it reached, for support staff, on hover.
            let server = ui.label(i18n::server_label(
                a.server.service,
                &a.server.host,
                a.server.port,
            ));
            if let Some(ip) = a.address {
                server.on_hover_text(ip.to_string());
            }
            ui.label(i18n::security_name(app.lang, a.server.security));
            ui.label(i18n::source_name(app.lang, &a.server.source));
            // Plain words, with the engine's code for support staff on hover.
            ui.label(super::checking::status(app, Some(&a.outcome)))
                .on_hover_text(a.outcome.code());
            ui.label(format!("{} ms", a.elapsed_ms));
            ui.label(i18n::detail(app.lang, &a.detail));
            ui.end_row();
        }
    });
}

fn manual(app: &mut WizardApp, ui: &mut egui::Ui) -> Option<Action> {
    let lang = app.lang;
    let m = &mut app.manual;
    egui::Grid::new("manual-grid")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            manual_outgoing(ui, m, lang);
            ui.separator();
            ui.separator();
            ui.end_row();
            manual_incoming(ui, m, lang);
        });
    ui.small(i18n::ui::t(lang, T::InOptional));
    let servers = m.servers();
    if ui
        .add_enabled(
            servers.is_some(),
            egui::Button::new(i18n::ui::t(lang, T::TestAgain)),
        )
        .clicked()
        && let Some(servers) = servers
    {
        return app.start(ui.ctx(), Some(servers));
    }
    None
}

/// The encrypted choices offered when the user types a server in.
const SECURE: [Security; 2] = [Security::ImplicitTls, Security::StartTls];

/// The outgoing server's rows of the "Change settings" grid.
fn manual_outgoing(ui: &mut egui::Ui, m: &mut ManualForm, lang: i18n::Lang) {
    let t = |k| i18n::ui::t(lang, k);
    let l = ui.label(t(T::Host));
    ui.text_edit_singleline(&mut m.host).labelled_by(l.id);
    ui.end_row();
    let l = ui.label(t(T::Security));
    let before = m.security;
    egui::ComboBox::from_id_salt("security")
        .selected_text(i18n::security_name(lang, m.security))
        .show_ui(ui, |ui| {
            for s in SECURE {
                ui.selectable_value(&mut m.security, s, i18n::security_name(lang, s));
            }
        })
        .response
        .labelled_by(l.id);
    follow_port(
        &mut m.port,
        (Service::Submission, before),
        (Service::Submission, m.security),
    );
    ui.end_row();
    let l = ui.label(t(T::Port));
    ui.text_edit_singleline(&mut m.port).labelled_by(l.id);
    ui.end_row();
    let l = ui.label(t(T::Auth));
    let shown = match m.auth {
        Some(a) => i18n::auth_name(lang, a),
        None => t(T::AuthBest),
    };
    egui::ComboBox::from_id_salt("auth")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut m.auth, None, t(T::AuthBest));
            for a in AuthMethod::PREFERENCE {
                ui.selectable_value(&mut m.auth, Some(a), i18n::auth_name(lang, a));
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
}

/// The incoming server's rows of the "Change settings" grid.
fn manual_incoming(ui: &mut egui::Ui, m: &mut ManualForm, lang: i18n::Lang) {
    let t = |k| i18n::ui::t(lang, k);
    let l = ui.label(t(T::InHost));
    ui.text_edit_singleline(&mut m.in_host).labelled_by(l.id);
    ui.end_row();
    let l = ui.label(t(T::InProtocol));
    let before = (m.in_protocol, m.in_security);
    egui::ComboBox::from_id_salt("in-protocol")
        .selected_text(i18n::protocol_name(m.in_protocol))
        .show_ui(ui, |ui| {
            for p in [Service::Imap, Service::Pop3] {
                ui.selectable_value(&mut m.in_protocol, p, i18n::protocol_name(p));
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
    let l = ui.label(t(T::InSecurity));
    egui::ComboBox::from_id_salt("in-security")
        .selected_text(i18n::security_name(lang, m.in_security))
        .show_ui(ui, |ui| {
            for s in SECURE {
                ui.selectable_value(&mut m.in_security, s, i18n::security_name(lang, s));
            }
        })
        .response
        .labelled_by(l.id);
    follow_port(&mut m.in_port, before, (m.in_protocol, m.in_security));
    ui.end_row();
    let l = ui.label(t(T::InPort));
    ui.text_edit_singleline(&mut m.in_port).labelled_by(l.id);
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_standard_port_follows_the_security_and_a_typed_one_stays() {
        let mut port = "587".to_string();
        let smtp = Service::Submission;
        follow_port(
            &mut port,
            (smtp, Security::StartTls),
            (smtp, Security::ImplicitTls),
        );
        assert_eq!(port, "465");
        let mut port = "2525".to_string();
        follow_port(
            &mut port,
            (smtp, Security::StartTls),
            (smtp, Security::ImplicitTls),
        );
        assert_eq!(port, "2525");
        let mut port = "993".to_string();
        let imaps = (Service::Imap, Security::ImplicitTls);
        follow_port(&mut port, imaps, (Service::Pop3, Security::ImplicitTls));
        assert_eq!(port, "995");
        follow_port(
            &mut port,
            (Service::Pop3, Security::ImplicitTls),
            (Service::Pop3, Security::StartTls),
        );
        assert_eq!(port, "110");
    }

    fn attempt(service: Service, host: &str, port: u16, rank: usize) -> crate::probe::Attempt {
        crate::probe::Attempt {
            server: crate::model::Server {
                service,
                host: host.into(),
                port,
                security: Security::None,
                source: crate::discover::Source::Guess,
                vouched: false,
                username: None,
            },
            outcome: crate::probe::ProbeOutcome::Refused,
            detail: crate::model::Detail::None,
            address: None,
            elapsed_ms: 1,
            found_via: None,
            rank,
        }
    }

    #[test]
    fn after_a_failed_run_the_form_starts_from_the_best_candidate() {
        let r = DetectionResult {
            email: "a@example.jp".into(),
            name: String::new(),
            outgoing: None,
            incoming: None,
            test_message: None,
            verified: false,
            sources: Vec::new(),
            attempts: vec![
                attempt(Service::Submission, "smtp2.example.jp", 25, 3),
                attempt(Service::Submission, "smtp.example.jp", 587, 0),
                attempt(Service::Pop3, "pop.example.jp", 110, 1),
            ],
            findings: Vec::new(),
            exit_code: ExitStatus::Unreachable,
        };
        let mut m = ManualForm::default();
        m.fill_from(&r);
        assert_eq!(
            (m.host.as_str(), m.port.as_str()),
            ("smtp.example.jp", "587")
        );
        assert_eq!(
            m.security,
            Security::StartTls,
            "never a cleartext suggestion"
        );
        assert_eq!(
            (m.in_host.as_str(), m.in_protocol),
            ("pop.example.jp", Service::Pop3)
        );
        // What the user typed is not replaced by a failed run's candidate.
        m.host = "mine.example.jp".into();
        m.fill_from(&r);
        assert_eq!(m.host, "mine.example.jp");
    }

    #[test]
    fn the_incoming_side_is_optional_but_must_be_usable_when_given() {
        let mut m = ManualForm {
            host: "smtp.example.jp".into(),
            ..ManualForm::default()
        };
        let s = m.servers().unwrap();
        assert_eq!(s.outgoing.port, 587);
        assert!(s.incoming.is_none());
        m.in_host = "imap.example.jp".into();
        assert_eq!(m.servers().unwrap().incoming.unwrap().port, 993);
        m.in_port = "99999".into();
        assert!(m.servers().is_none());
        m.in_port = "995".into();
        m.in_host = "bad host".into();
        assert!(m.servers().is_none());
    }
}
