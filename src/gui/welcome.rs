//! Page 1: what the program will do, the language, the ISP's preset if any.

use super::{Page, WizardApp};
use crate::i18n::ui::T;

pub fn ui(app: &mut WizardApp, ui: &mut egui::Ui) {
    ui.heading(app.t(T::WelcomeTitle));
    ui.add_space(8.0);
    ui.label(app.t(T::WelcomeBody));
    if let Some((name, _)) = &app.cfg.preset {
        ui.add_space(8.0);
        ui.label(format!("{} {name}", app.t(T::PresetFrom)));
    }
    ui.add_space(16.0);
    if ui.button(app.t(T::Start)).clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        app.page = Page::Account;
        app.form.focus_password = false;
        app.form.focus_first = true;
    }
}
