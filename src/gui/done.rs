//! Page 6: where the file is, a button to open its folder, and the
//! step-by-step guide for the mail program, filled with the proven values.

use std::path::PathBuf;

use super::{Action, WizardApp};
use crate::export::Format;
use crate::guide::{self, Client};
use crate::i18n::ui::T;
use crate::settings::AccountSettings;

#[derive(Default)]
pub struct DoneState {
    pub path: Option<PathBuf>,
    pub format: Option<Format>,
    /// The guide shown: the exported client's, or one the user picked.
    pub client: Option<Client>,
    /// The QR code's modules, made once when a QR code was exported.
    pub qr: Option<(usize, Vec<bool>)>,
}

/// The QR code drawn on screen, for the phone to scan right away.
fn draw_qr(ui: &mut egui::Ui, n: usize, dark: &[bool]) {
    let module = 5.0;
    let quiet = 4.0 * module;
    let side = n as f32 * module + 2.0 * quiet;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    for y in 0..n {
        for x in 0..n {
            if dark[y * n + x] {
                let min =
                    rect.min + egui::vec2(quiet + x as f32 * module, quiet + y as f32 * module);
                painter.rect_filled(
                    egui::Rect::from_min_size(min, egui::vec2(module, module)),
                    0.0,
                    egui::Color32::BLACK,
                );
            }
        }
    }
}

impl DoneState {
    /// The guide that fits what was exported; none for a file no guide covers
    /// (its use is then said in a sentence, and any guide can still be picked).
    pub fn after(format: Format, path: PathBuf, settings: &AccountSettings) -> DoneState {
        let client = format.guide();
        DoneState {
            path: Some(path),
            format: Some(format),
            client,
            qr: (format == Format::QR)
                .then(|| crate::export::qr_modules(settings, None))
                .flatten(),
        }
    }
}

fn open_folder(path: &std::path::Path) {
    let dir = path.parent().unwrap_or(path);
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program).arg(dir).spawn();
}

pub fn ui(app: &mut WizardApp, ui: &mut egui::Ui) -> Option<Action> {
    ui.heading(app.t(T::DoneTitle));
    ui.add_space(8.0);
    if let Some(path) = app.done.path.clone() {
        ui.label(app.t(T::SavedAt));
        ui.monospace(path.display().to_string());
        if ui.button(app.t(T::OpenFolder)).clicked() {
            open_folder(&path);
        }
    }
    if let Some((n, dark)) = &app.done.qr {
        ui.add_space(8.0);
        draw_qr(ui, *n, dark);
    }
    let settings = app.result.as_ref().and_then(AccountSettings::from_result);
    if settings.as_ref().is_some_and(|s| !s.verified) {
        // Made from the preset while offline: say so where it cannot be missed.
        ui.add_space(8.0);
        ui.colored_label(
            ui.visuals().warn_fg_color,
            crate::i18n::untested_note(app.lang),
        );
    }
    ui.add_space(8.0);
    let lang = app.lang;
    if let Some(use_it) = app.done.format.and_then(|f| f.file_use(lang)) {
        ui.strong(app.t(T::HowToUse));
        ui.label(use_it);
        ui.add_space(8.0);
    }
    let mut client = app.done.client;
    ui.horizontal(|ui| {
        let l = ui.strong(app.t(T::Guide));
        let name = |c| crate::i18n::guide::client_name(lang, c);
        let shown = client.map_or(app.t(T::OtherGuide), name);
        egui::ComboBox::from_id_salt("client")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for c in Client::ALL {
                    ui.selectable_value(&mut client, Some(c), name(c));
                }
            })
            .response
            .labelled_by(l.id);
    });
    app.done.client = client;
    if let Some(client) = client {
        // The steps, numbered (the title would only repeat the program
        // chosen just above).
        let steps = guide::guide(client, lang, settings.as_ref()).steps;
        ui.add_space(4.0);
        for (n, step) in steps.iter().enumerate() {
            ui.label(format!("{}. {step}", n + 1));
        }
    }
    ui.add_space(12.0);
    None
}
