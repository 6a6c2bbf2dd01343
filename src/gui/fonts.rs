//! Japanese must render with Japanese glyph shapes everywhere: a system CJK
//! fallback may pick a Chinese face for kanji, so a Japanese font ships inside
//! the program (assets/fonts, a subset of IPAex Gothic under the IPA Font
//! License) and comes right after egui's Latin font, ahead of any system font.

use egui::{FontData, FontDefinitions, FontFamily};

pub const JP_FONT: &[u8] = include_bytes!("../../assets/fonts/mailsetup-jp-gothic.ttf");

pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "mailsetup-jp".into(),
        std::sync::Arc::new(FontData::from_static(JP_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        let at = 1.min(list.len());
        list.insert(at, "mailsetup-jp".into());
    }
    ctx.set_fonts(fonts);
}
