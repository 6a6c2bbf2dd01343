//! Page 4: the outcome in plain words first (findings, OP25B explained), the
//! details on request, and "Change settings" for power users. A refused
//! password sends the user back to the password field, nothing else retyped.

use super::{Page, WizardApp};
use crate::detect::ManualServer;
use crate::diagnose::ExitStatus;
use crate::i18n::{self, ui::T};
use crate::settings::{AuthMethod, DetectionResult, IncomingSettings, Security};

/// The power user's own server.
#[derive(Default)]
pub struct ManualForm {
    pub host: String,
    pub port: String,
    pub security: Option<Security>,
    pub auth: Option<AuthMethod>,
    /// A manual test covers sending only: keep the incoming server found before.
    pub keep_incoming: Option<IncomingSettings>,
}

/// A run ended: show it, or go back to the password on a refused login.
pub fn finish(app: &mut WizardApp, result: Result<DetectionResult, String>) {
    match result {
        Err(e) => {
            app.form.notice = Some(e);
            app.page = Page::Account;
        }
        Ok(mut r) => {
            if r.exit_code == ExitStatus::AuthFailed as i32 {
                let msg = r
                    .findings
                    .iter()
                    .map(|f| f.message.clone())
                    .collect::<Vec<_>>();
                app.form.notice = Some(msg.join("\n"));
                app.form.password.clear();
                app.form.focus_password = true;
                app.page = Page::Account;
                return;
            }
            if r.incoming.is_none() {
                r.incoming = app.manual.keep_incoming.take();
            }
            if let Some(o) = &r.outgoing {
                app.manual.host = o.host.clone();
                app.manual.port = o.port.to_string();
                app.manual.security = Some(o.security);
            }
            app.result = Some(r);
            app.page = Page::Result;
        }
    }
}

pub fn ui(app: &mut WizardApp, ui: &mut egui::Ui) {
    let Some(r) = app.result.clone() else {
        app.page = Page::Account;
        return;
    };
    let ok = r.exit_code == ExitStatus::Proven as i32;
    ui.heading(app.t(if ok { T::ResultOk } else { T::ResultFail }));
    ui.add_space(8.0);
    for f in &r.findings {
        ui.label(&f.message);
        ui.add_space(4.0);
    }
    egui::CollapsingHeader::new(app.t(T::Details))
        .id_salt("details")
        .show(ui, |ui| details(app, ui, &r));
    egui::CollapsingHeader::new(app.t(T::ChangeSettings))
        .id_salt("manual")
        .show(ui, |ui| manual(app, ui));
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui.button(app.t(T::Back)).clicked() {
            app.page = Page::Account;
        }
        if ui.button(app.t(T::TryAgain)).clicked() {
            app.start(ui.ctx(), None);
        }
        if ok && ui.button(app.t(T::ToExport)).clicked() {
            app.page = Page::Export;
        }
    });
}

fn details(app: &WizardApp, ui: &mut egui::Ui, r: &DetectionResult) {
    for f in r.findings.iter().filter(|f| f.detail.is_some()) {
        ui.monospace(format!(
            "{}: {}",
            f.code,
            f.detail.as_deref().unwrap_or_default()
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
            ui.label(format!(
                "{} {}:{}",
                i18n::protocol_name(a.service),
                a.host,
                a.port
            ));
            ui.label(a.security.code());
            ui.label(a.source.code());
            ui.label(a.outcome.code());
            ui.label(format!("{} ms", a.elapsed_ms));
            ui.label(&a.detail);
            ui.end_row();
        }
    });
}

fn manual(app: &mut WizardApp, ui: &mut egui::Ui) {
    let lang = app.lang;
    egui::Grid::new("manual-grid")
        .num_columns(2)
        .show(ui, |ui| {
            let l = ui.label(app.t(T::Host));
            ui.text_edit_singleline(&mut app.manual.host)
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(app.t(T::Port));
            ui.text_edit_singleline(&mut app.manual.port)
                .labelled_by(l.id);
            ui.end_row();
            ui.label(app.t(T::Security));
            let current = app.manual.security.unwrap_or(Security::StartTls);
            egui::ComboBox::from_id_salt("security")
                .selected_text(i18n::security_name(lang, current))
                .show_ui(ui, |ui| {
                    for s in [Security::ImplicitTls, Security::StartTls] {
                        ui.selectable_value(
                            &mut app.manual.security,
                            Some(s),
                            i18n::security_name(lang, s),
                        );
                    }
                });
            ui.end_row();
            ui.label(app.t(T::Auth));
            let shown = match app.manual.auth {
                Some(a) => i18n::auth_name(lang, a),
                None => app.t(T::AuthBest),
            };
            egui::ComboBox::from_id_salt("auth")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut app.manual.auth,
                        None,
                        crate::i18n::ui::t(lang, T::AuthBest),
                    );
                    for a in [AuthMethod::CramMd5, AuthMethod::Plain, AuthMethod::Login] {
                        ui.selectable_value(
                            &mut app.manual.auth,
                            Some(a),
                            i18n::auth_name(lang, a),
                        );
                    }
                });
            ui.end_row();
        });
    let host = crate::discover::sane_host(&app.manual.host);
    let port = app
        .manual
        .port
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|p| *p > 0);
    let ready = host.is_some() && port.is_some();
    if ui
        .add_enabled(ready, egui::Button::new(app.t(T::TestAgain)))
        .clicked()
        && let (Some(host), Some(port)) = (host, port)
    {
        let m = ManualServer {
            host,
            port,
            security: app.manual.security.unwrap_or(Security::StartTls),
            auth: app.manual.auth,
        };
        app.start(ui.ctx(), Some(m));
    }
}
