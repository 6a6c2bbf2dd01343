//! About and licences, reached from Welcome: the version, the program's
//! licence, the Japanese font's licence, the ISP database's notice and every
//! crate the program is built from (assets/THIRD-PARTY.txt).

use super::{Action, WizardApp};
use crate::i18n::ui::T;

const IPA_LICENSE: &str = include_str!("../../assets/fonts/LICENSE-IPA-Font.txt");
const THIRD_PARTY: &str = include_str!("../../assets/THIRD-PARTY.txt");

pub fn ui(app: &mut WizardApp, ui: &mut egui::Ui) -> Option<Action> {
    ui.heading(app.t(T::AboutTitle));
    ui.add_space(8.0);
    ui.label(format!("mailsetup {}", env!("CARGO_PKG_VERSION")));
    ui.add_space(4.0);
    ui.label(app.t(T::AboutLicence));
    ui.add_space(4.0);
    ui.label(app.t(T::AboutFont));
    ui.add_space(4.0);
    ui.label(crate::i18n::ui::about_ispdb(
        app.lang,
        crate::discover::ispdb_bundled::SNAPSHOT_DATE,
    ));
    ui.add_space(8.0);
    egui::CollapsingHeader::new(app.t(T::AboutFontLicence))
        .id_salt("font-licence")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("font-licence-text")
                .max_height(200.0)
                .show(ui, |ui| ui.label(IPA_LICENSE));
        });
    egui::CollapsingHeader::new(app.t(T::AboutThirdParty))
        .id_salt("third-party")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("third-party-text")
                .max_height(240.0)
                .show(ui, |ui| ui.label(THIRD_PARTY));
        });
    ui.add_space(12.0);
    None
}
