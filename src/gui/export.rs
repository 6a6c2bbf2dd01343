//! Page 5: pick the mail program, where to save (a native dialog or typed), and
//! whether the password goes in (off by default). Written atomically; an
//! existing file is replaced only after asking.

use std::path::{Path, PathBuf};

use super::{Action, WizardApp};
use crate::export::{self, Format, Group, Os, PasswordSupport};
use crate::i18n::{self, ui::T};
use crate::settings::AccountSettings;

pub struct ExportForm {
    pub format: Format,
    pub dir: PathBuf,
    pub path: String,
    /// The user typed or chose a path; a new format no longer renames it.
    pub path_chosen: bool,
    pub include_password: bool,
    pub confirm_replace: bool,
    /// Save was pressed while the replace question was open: bring it into
    /// sight once (it sits below the list of programs).
    pub reveal_question: bool,
    pub error: Option<String>,
    /// Thunderbird's profiles on this computer, looked up when user.js is
    /// first picked; the chosen one's accounts are kept.
    pub tb_profiles: Option<Vec<export::thunderbird_profile::Profile>>,
    pub tb_profile: Option<usize>,
}

impl ExportForm {
    /// Start from `format` (the ISP's choice), its file name following.
    pub fn choose(&mut self, format: Format) {
        self.format = format;
        self.path = self.dir.join(format.file_name()).display().to_string();
    }

    /// Start from the mail program most likely used on `os`.
    pub fn new(dir: &Path, os: Os) -> ExportForm {
        let format = export::first_for(os);
        ExportForm {
            format,
            dir: dir.to_path_buf(),
            path: dir.join(format.file_name()).display().to_string(),
            path_chosen: false,
            include_password: false,
            confirm_replace: false,
            reveal_question: false,
            error: None,
            tb_profiles: None,
            tb_profile: None,
        }
    }
}

pub fn ui(app: &mut WizardApp, ui: &mut egui::Ui) -> Option<Action> {
    let Some(settings) = app.result.as_ref().and_then(AccountSettings::from_result) else {
        return Some(Action::NothingToShow);
    };
    ui.heading(app.t(T::ExportTitle));
    ui.add_space(8.0);
    let f = format_choice(app, ui);
    if f == Format::THUNDERBIRD_USERJS {
        profile_choice(app, ui);
    }
    let missing_incoming = f.needs_incoming() && settings.incoming.is_none();
    if missing_incoming {
        ui.colored_label(ui.visuals().warn_fg_color, app.t(T::NeedsIncoming));
    }
    path_choice(app, ui, f);
    if f.password_support() == PasswordSupport::Optional {
        let include = app.t(T::IncludePassword);
        ui.checkbox(&mut app.export.include_password, include);
        if app.export.include_password {
            ui.colored_label(ui.visuals().warn_fg_color, app.t(T::PasswordWarning));
        }
    }
    if let Some(e) = &app.export.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    let path = PathBuf::from(app.export.path.trim());
    ui.add_space(12.0);
    if replace_question(app, ui, &path) {
        return write(app, &settings, &path);
    }
    None
}

/// Save can be taken: the file can be made for this account, and there is a
/// name to save it under.
pub fn can_save(app: &WizardApp) -> bool {
    let Some(settings) = app.result.as_ref().and_then(AccountSettings::from_result) else {
        return false;
    };
    let f = app.export.format;
    let missing_incoming = f.needs_incoming() && settings.incoming.is_none();
    !missing_incoming && !app.export.path.trim().is_empty()
}

/// Save (the primary action): write the file, unless it exists and the user
/// has not said to replace it yet (the page asks).
pub fn save(app: &mut WizardApp) -> Option<Action> {
    let settings = app.result.as_ref().and_then(AccountSettings::from_result)?;
    let path = PathBuf::from(app.export.path.trim());
    if !can_save(app) {
        return None;
    }
    if path.exists() && !app.export.confirm_replace {
        app.export.reveal_question = true;
        return None;
    }
    write(app, &settings, &path)
}

/// The mail program to write for, from the list grouped as people think of
/// them (the most likely program on this computer first; the advanced ones
/// folded away unless chosen); a new choice resets what belonged to the old
/// one (the file name, a password that cannot go in, the replace answer).
fn format_choice(app: &mut WizardApp, ui: &mut egui::Ui) -> Format {
    let lang = app.lang;
    let before = app.export.format;
    let mut chosen = before;
    for (group, formats) in export::listing(app.cfg.os) {
        let advanced_chosen = chosen.group() == Group::Advanced;
        let list = |ui: &mut egui::Ui| {
            for f in formats {
                choice(ui, &mut chosen, f, lang);
            }
        };
        match group {
            Group::Advanced => {
                let header = egui::CollapsingHeader::new(app.t(T::ExportAdvanced))
                    .id_salt("advanced-formats");
                // Kept open while one of its programs is chosen (the ISP's
                // default can be one).
                let header = if advanced_chosen {
                    header.open(Some(true))
                } else {
                    header
                };
                header.show(ui, list);
            }
            Group::Computer | Group::Phone => {
                let key = if group == Group::Computer {
                    T::ExportComputer
                } else {
                    T::ExportPhone
                };
                ui.label(egui::RichText::new(app.t(key)).strong());
                list(ui);
            }
        }
        ui.add_space(6.0);
    }
    app.export.format = chosen;
    let f = chosen;
    if f != before {
        app.export.confirm_replace = false;
        app.export.error = None;
        if f.password_support() == PasswordSupport::Never {
            app.export.include_password = false;
        }
        if !app.export.path_chosen {
            app.export.path = app.export.dir.join(f.file_name()).display().to_string();
        }
    }
    f
}

/// One program: its name to pick, and under it what the file does and where
/// it goes.
fn choice(ui: &mut egui::Ui, chosen: &mut Format, f: Format, lang: crate::model::Lang) {
    ui.vertical(|ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        ui.radio_value(chosen, f, f.label(lang));
        ui.horizontal(|ui| {
            // In line with the name, past the radio button.
            let spacing = ui.spacing();
            ui.add_space(spacing.icon_width + spacing.icon_spacing);
            ui.add(egui::Label::new(egui::RichText::new(f.summary(lang)).weak()).wrap());
        });
    });
    ui.add_space(4.0);
}

/// Where to save: typed, or chosen in the system's dialog.
fn path_choice(app: &mut WizardApp, ui: &mut egui::Ui, f: Format) {
    ui.horizontal(|ui| {
        let l = ui.label(app.t(T::SaveAs));
        if ui
            .add(egui::TextEdit::singleline(&mut app.export.path).desired_width(380.0))
            .labelled_by(l.id)
            .changed()
        {
            app.export.path_chosen = true;
            app.export.confirm_replace = false;
        }
        if ui.button(app.t(T::Choose)).clicked()
            && let Some(p) = rfd::FileDialog::new()
                .set_directory(&app.export.dir)
                .set_file_name(f.file_name())
                .save_file()
        {
            app.export.path = p.display().to_string();
            app.export.path_chosen = true;
            // The system dialog already asked about replacing.
            app.export.confirm_replace = p.exists();
        }
    });
}

/// An existing file: replace it, or keep it and save under a free name
/// beside it; `true` when the user said replace.
fn replace_question(app: &mut WizardApp, ui: &mut egui::Ui, path: &Path) -> bool {
    if !path.exists() || app.export.confirm_replace {
        return false;
    }
    let mut replace = false;
    let asked = ui.label(app.t(T::ReplaceQuestion));
    ui.horizontal(|ui| {
        if ui.button(app.t(T::Replace)).clicked() {
            app.export.confirm_replace = true;
            replace = true;
        }
        if ui.button(app.t(T::Keep)).clicked() {
            app.export.path = free_name(path).display().to_string();
            app.export.path_chosen = true;
        }
    });
    if std::mem::take(&mut app.export.reveal_question) {
        asked.scroll_to_me(Some(egui::Align::Center));
    }
    replace
}

/// `name (2).ext`, `name (3).ext`… beside `path`: the first that is free.
fn free_name(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..)
        .map(|n| path.with_file_name(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.to_path_buf())
}

/// Which Thunderbird profile's accounts the user.js keeps (the one Thunderbird
/// starts with is preselected), and what the file does either way.
fn profile_choice(app: &mut WizardApp, ui: &mut egui::Ui) {
    let lang = app.lang;
    let dirs = app
        .cfg
        .thunderbird_dirs
        .clone()
        .unwrap_or_else(export::thunderbird_profile::usual_dirs);
    let profiles = app.export.tb_profiles.get_or_insert_with(|| {
        let found = export::thunderbird_profile::find(&dirs);
        app.export.tb_profile = found
            .iter()
            .position(|p| p.default)
            .or(if found.len() == 1 { Some(0) } else { None });
        found
    });
    let name_of = |i: Option<usize>| match i {
        Some(i) => profiles[i].name.clone(),
        None => i18n::ui::t(lang, T::TbNoProfile).to_string(),
    };
    let mut chosen = app.export.tb_profile;
    ui.horizontal(|ui| {
        let l = ui.label(i18n::ui::t(lang, T::TbProfile));
        egui::ComboBox::from_id_salt("tb-profile")
            .selected_text(name_of(chosen))
            .width(300.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, name_of(None));
                for (i, p) in profiles.iter().enumerate() {
                    ui.selectable_value(&mut chosen, Some(i), name_of(Some(i)))
                        .on_hover_text(p.dir.display().to_string());
                }
            })
            .response
            .labelled_by(l.id);
    });
    app.export.tb_profile = chosen;
    if chosen.is_some() {
        ui.label(i18n::ui::t(lang, T::TbProfileKept));
    } else {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            i18n::ui::t(lang, T::TbProfileReplaces),
        );
    }
}

/// Render and save; `Action::Saved` when the file is written.
fn write(app: &mut WizardApp, settings: &AccountSettings, path: &Path) -> Option<Action> {
    let password = app
        .export
        .include_password
        .then(|| crate::account::Password::new(app.form.password.as_str()));
    let f = app.export.format;
    let profile = match app.export.tb_profile.zip(app.export.tb_profiles.as_ref()) {
        Some((i, profiles)) if f == Format::THUNDERBIRD_USERJS => {
            match export::thunderbird_profile::read(&profiles[i].dir) {
                Ok(p) => Some(p),
                Err(e) => {
                    app.export.error = Some(i18n::profile_error(app.lang, &e));
                    return None;
                }
            }
        }
        _ => None,
    };
    let bytes = match export::render_for(f, settings, password.as_ref(), app.lang, profile.as_ref())
    {
        Ok(b) => b,
        Err(e) => {
            app.export.error = Some(i18n::export_error(app.lang, &e));
            return None;
        }
    };
    let shown = path.display().to_string();
    match export::write_atomically(path, &bytes, password.is_some(), app.export.confirm_replace) {
        Ok(()) => {
            app.export.error = None;
            app.export.confirm_replace = false;
            app.done = super::done::DoneState::after(f, path.to_path_buf(), settings);
            Some(Action::Saved)
        }
        Err(e) => {
            app.export.error = Some(i18n::write_error(app.lang, &shown, &e));
            None
        }
    }
}
