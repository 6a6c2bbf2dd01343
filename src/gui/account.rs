//! Page 2: name, address, password. Specific messages as you type; Next only
//! when the input is usable (the frame's bar: Enter = Next, Esc = Back).

use super::{Action, Field, WizardApp};
use crate::account::EmailAddress;
use crate::i18n::{self, ui::T};

pub fn ui(app: &mut WizardApp, ui: &mut egui::Ui) -> Option<Action> {
    ui.heading(app.t(T::AccountTitle));
    ui.add_space(8.0);
    // Why the user is back here (a refused password, a domain that does not
    // exist, a run that could not start): what to do on a card; anything
    // else under Details.
    if let Some(notice) = &app.form.notice {
        let (first, rest) = notice.cards(app.lang);
        for (tone, text) in first {
            super::frame::card(app, ui, tone, text);
        }
        if !rest.is_empty() {
            egui::CollapsingHeader::new(app.t(T::Details))
                .id_salt("notice-details")
                .show(ui, |ui| {
                    for (tone, text) in rest {
                        super::frame::card(app, ui, tone, text);
                    }
                });
        }
        ui.add_space(6.0);
    }
    let lang = app.lang;
    egui::Grid::new("account")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label(app.t(T::NameLabel));
            let name = ui
                .add(egui::TextEdit::singleline(&mut app.form.name).desired_width(320.0))
                .labelled_by(label.id);
            take_focus(app, Field::Name, &name);
            ui.end_row();

            let label = ui.label(app.t(T::AddressLabel));
            let address = ui
                .add(
                    egui::TextEdit::singleline(&mut app.form.address)
                        .hint_text("taro@example.ne.jp")
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            take_focus(app, Field::Address, &address);
            ui.end_row();

            let label = ui.label(app.t(T::PasswordLabel));
            let pw = ui
                .add(
                    egui::TextEdit::singleline(&mut *app.form.password)
                        .password(!app.form.show_password)
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            take_focus(app, Field::Password, &pw);
            ui.end_row();
            ui.label("");
            let show = app.t(T::ShowPassword);
            ui.checkbox(&mut app.form.show_password, show);
            ui.end_row();
        });

    // Inline validation: only once something was typed, and specific.
    let address_problem = match EmailAddress::parse(&app.form.address) {
        Ok(_) => None,
        Err(_) if app.form.address.trim().is_empty() => None,
        Err(e) => Some(i18n::address_error(lang, &e)),
    };
    if let Some(p) = &address_problem {
        ui.colored_label(ui.visuals().error_fg_color, p);
    } else if !app.form.address.trim().is_empty() && app.form.password.is_empty() {
        ui.label(app.t(T::PasswordMissing));
    }
    None
}

/// Put the cursor in `field` if it is the one to have it now.
fn take_focus(app: &mut WizardApp, field: Field, response: &egui::Response) {
    if app.form.focus == Some(field) {
        response.request_focus();
        app.form.focus = None;
    }
}
