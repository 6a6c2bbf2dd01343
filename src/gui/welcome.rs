//! Page 1: what the program will do, the language, the ISP's preset if any.

use super::{Action, WizardApp};
use crate::i18n::ui::T;

pub fn ui(app: &mut WizardApp, ui: &mut egui::Ui) -> Option<Action> {
    ui.heading(app.t(T::WelcomeTitle));
    ui.add_space(8.0);
    ui.label(app.t(T::WelcomeBody));
    if let Some(preset) = &app.cfg.preset {
        // The ISP's own name in the chosen language, else the preset's.
        let branded = app.cfg.branding().and_then(|b| b.name.get(app.lang));
        let name = &branded
            .map(str::to_string)
            .unwrap_or_else(|| preset.name.clone());
        ui.add_space(12.0);
        // The provider's card: its logo large enough to recognise, its name
        // and its own welcome line.
        super::frame::panel(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(logo) = &app.logo {
                    let alt = if name.is_empty() {
                        app.t(T::IspLogo)
                    } else {
                        name
                    };
                    ui.add(
                        egui::Image::new(logo)
                            .max_height(80.0)
                            .max_width(240.0)
                            .alt_text(alt),
                    );
                    ui.add_space(8.0);
                }
                ui.vertical(|ui| {
                    let title = if name.trim().is_empty() {
                        // The file names no provider: say that it is
                        // there all the same.
                        app.t(T::PresetLoaded).to_string()
                    } else {
                        crate::i18n::ui::preset_from(app.lang, name)
                    };
                    ui.label(egui::RichText::new(title).size(19.0).strong());
                    if let Some(line) = app.cfg.branding().and_then(|b| b.welcome.get(app.lang)) {
                        ui.label(line);
                    }
                });
            });
        });
        if app.cfg.preset_beside_program {
            // Anyone could have put it there: say what it names, and that the
            // password goes to no outside server without asking.
            ui.add_space(4.0);
            ui.weak(crate::i18n::preset_beside_program(app.lang, &preset.hosts));
        }
    }
    if let Some(e) = &app.cfg.preset_problem {
        ui.add_space(8.0);
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} {}",
                crate::i18n::preset_error(app.lang, e),
                app.t(T::PresetIgnored)
            ),
        );
    }
    ui.add_space(24.0);
    ui.link(app.t(T::About))
        .clicked()
        .then_some(Action::ShowAbout)
}
