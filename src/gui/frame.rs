//! The frame around every page, the same everywhere: the title and the
//! language at the top with the steps below them, the page in a centred
//! column of readable width, and at the bottom Back on the left and the one
//! primary action, in the accent colour, on the right. Enter is the primary
//! action and Esc is Back on every page.

use super::{Page, WizardApp};
use crate::i18n::ui::T;

/// Readable width of the page column (about 70 Japanese characters of body text).
const COLUMN: f32 = 680.0;

/// Text sizes and the theme: light unless the system says it is dark (egui
/// would otherwise fall back to dark where it cannot tell).
pub fn apply_look(ctx: &egui::Context) {
    ctx.options_mut(|o| {
        o.theme_preference = egui::ThemePreference::System;
        o.fallback_theme = egui::Theme::Light;
    });
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily::Proportional, FontId, TextStyle};
        style.text_styles = [
            (TextStyle::Heading, FontId::new(24.0, Proportional)),
            (TextStyle::Body, FontId::new(16.0, Proportional)),
            (TextStyle::Button, FontId::new(16.0, Proportional)),
            (TextStyle::Small, FontId::new(13.0, Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(14.0, egui::FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.button_padding = egui::vec2(12.0, 6.0);
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.interact_size.y = 30.0;
        // A focus ring that shows where Tab went.
        style.visuals.widgets.hovered.bg_stroke.width = 1.5;
        style.visuals.selection.stroke.width = 2.0;
        // Links in the accent colour: egui's light-theme blue is too pale
        // for small text on the light page.
        style.visuals.hyperlink_color = accent(&style.visuals).0;
        // Secondary text (what a program's file does, a step still ahead)
        // readable at AA contrast: egui fades it to under 3 : 1, and its dark
        // theme's body text is dim too.
        // Fields, boxes and buttons with an edge one can see (WCAG's 3 : 1
        // for the parts of a control): egui draws them borderless, and an
        // empty white field on the light page all but disappears.
        let visuals = &mut style.visuals;
        if visuals.dark_mode {
            visuals.widgets.noninteractive.fg_stroke.color = egui::Color32::from_gray(200);
            visuals.weak_text_color = Some(egui::Color32::from_gray(150));
            visuals.widgets.inactive.bg_stroke =
                egui::Stroke::new(1.0, egui::Color32::from_gray(120));
        } else {
            visuals.weak_text_color = Some(egui::Color32::from_gray(105));
            visuals.widgets.inactive.bg_stroke =
                egui::Stroke::new(1.0, egui::Color32::from_gray(140));
        }
    });
}

/// The wizard's steps as the user sees them; Welcome and About come before.
const STEPS: [(Page, T); 5] = [
    (Page::Account, T::StepAccount),
    (Page::Checking, T::StepCheck),
    (Page::Result, T::StepResult),
    (Page::Export, T::StepProgram),
    (Page::Done, T::StepDone),
];

/// "Account → Check → Result → Mail program → Done", the current one marked;
/// on Welcome and About, before the first step, all of them ahead (what the
/// wizard will do).
pub fn steps(app: &WizardApp, ui: &mut egui::Ui) {
    // None before the first step: every step is still ahead.
    let current = STEPS.iter().position(|(p, _)| *p == app.page());
    ui.horizontal_wrapped(|ui| {
        for (i, (_, key)) in STEPS.iter().enumerate() {
            if i > 0 {
                ui.weak("→");
            }
            let text = format!("{}. {}", i + 1, app.t(*key));
            if current == Some(i) {
                ui.label(egui::RichText::new(text).strong().underline());
            } else if current.is_some_and(|c| i < c) {
                ui.label(text);
            } else {
                ui.weak(text);
            }
        }
    });
}

/// The page itself, in a centred column of readable width.
pub fn column<R>(ui: &mut egui::Ui, content: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let width = ui.available_width().min(COLUMN);
    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_max_width(width);
            content(ui)
        })
        .inner
    })
    .inner
}

/// What the bottom bar offers on a page.
pub struct Nav {
    /// Back (Cancel while checking); Esc does the same.
    pub back: Option<T>,
    /// The one primary action, and whether it can be taken now; Enter takes it.
    pub primary: Option<(T, bool)>,
}

/// The bottom bar's height: room for the primary button and a margin.
pub const BAR_HEIGHT: f32 = 52.0;

/// The bottom bar; the action the user took with it (or with Enter or Esc).
pub fn bar(app: &WizardApp, ui: &mut egui::Ui, nav: &Nav) -> Option<Choice> {
    let (enter, esc) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::Enter),
            i.key_pressed(egui::Key::Escape),
        )
    });
    // Enter presses what has the keyboard focus (a button, link or choice
    // reached with Tab, shown by its focus ring; egui clicks it); in a text
    // field or with nothing focused it is the page's primary action.
    let enter = enter && focused_control(ui.ctx()).is_none();
    let mut chosen = None;
    ui.horizontal(|ui| {
        if let Some(back) = nav.back
            && ui.button(app.t(back)).clicked()
        {
            chosen = Some(Choice::Back);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some((label, enabled)) = nav.primary {
                let (fill, ink) = accent(ui.visuals());
                let text = egui::RichText::new(app.t(label)).strong().color(ink);
                let button = egui::Button::new(text)
                    .fill(fill)
                    .stroke(egui::Stroke::new(1.0, fill))
                    .min_size(egui::vec2(140.0, 34.0));
                if ui.add_enabled(enabled, button).clicked() {
                    chosen = Some(Choice::Primary);
                }
            }
        });
    });
    chosen.or_else(|| {
        if esc && nav.back.is_some() {
            Some(Choice::Back)
        } else if enter && nav.primary.is_some_and(|(_, enabled)| enabled) {
            Some(Choice::Primary)
        } else {
            None
        }
    })
}

/// The primary button's fill and text: a saturated blue with white text on
/// a light page, a light blue with black text on a dark one (the pairing of
/// Windows 11's default accent), so the one next action stands out and never
/// looks disabled. Both pairs have a contrast above 4.5 : 1.
pub fn accent(visuals: &egui::Visuals) -> (egui::Color32, egui::Color32) {
    if visuals.dark_mode {
        (
            egui::Color32::from_rgb(0x4c, 0xc2, 0xff),
            egui::Color32::BLACK,
        )
    } else {
        (
            egui::Color32::from_rgb(0x00, 0x5f, 0xb8),
            egui::Color32::WHITE,
        )
    }
}

/// A clear ring around the control that has the keyboard focus (reached with
/// Tab): egui marks a focused link or choice only faintly. Text fields show
/// their own; a mouse click focuses nothing else, so the ring follows the
/// keyboard only.
pub fn focus_ring(ctx: &egui::Context) {
    let Some(id) = focused_control(ctx) else {
        return;
    };
    // Where it is visible (a control scrolled away is cut to the view).
    let Some(rect) = ctx.read_response(id).map(|r| r.interact_rect) else {
        return;
    };
    if !rect.is_positive() {
        return;
    }
    let color = ctx.global_style().visuals.selection.stroke.color;
    ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("focus-ring"),
    ))
    .rect_stroke(
        rect.expand(2.0),
        4.0,
        egui::Stroke::new(2.0, color),
        egui::StrokeKind::Outside,
    );
}

/// The control (not a text field) that has the keyboard focus: only Tab
/// gives it one.
fn focused_control(ctx: &egui::Context) -> Option<egui::Id> {
    ctx.memory(|m| m.focused())
        .filter(|&id| egui::text_edit::TextEditState::load(ctx, id).is_none())
}

/// Which button of the bar was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Back,
    Primary,
}

/// The mark that says what a finding means, and its name for a screen
/// reader: works ✓, needs doing ✗, worth knowing "i".
pub fn tone_mark(tone: crate::model::Tone) -> (Drawn, T) {
    use crate::model::Tone;
    match tone {
        Tone::Works => (Drawn::Check, T::IconOk),
        Tone::Problem => (Drawn::Cross, T::IconProblem),
        Tone::Note => (Drawn::Info, T::IconNote),
    }
}

/// One finding or message on a card of the page's width: its mark, then its
/// words.
pub fn card(app: &WizardApp, ui: &mut egui::Ui, tone: crate::model::Tone, text: String) {
    let (drawn, name) = tone_mark(tone);
    panel(ui, |ui| {
        ui.horizontal_top(|ui| {
            mark(ui, drawn, 20.0, app.t(name));
            ui.add(egui::Label::new(text).wrap());
        });
    });
}

/// A framed box the width of the page column: the look of every card (a
/// finding, the provider on Welcome, the support report).
pub fn panel<R>(ui: &mut egui::Ui, content: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            content(ui)
        })
        .inner
}

/// A mark drawn rather than typed (the bundled Japanese font has no check or
/// cross), always shown next to words that say the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawn {
    Check,
    Cross,
    Ring,
    /// A lower-case "i" in a blue disc: worth knowing, nothing wrong.
    Info,
}

/// Draw `drawn` in a `size` square.
/// `name` is what a screen reader says for it.
pub fn mark(ui: &mut egui::Ui, drawn: Drawn, size: f32, name: &str) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, name));
    let painter = ui.painter();
    let c = rect.center();
    let r = size * 0.45;
    let visuals = ui.visuals();
    let stroke = egui::Stroke::new(size * 0.11, egui::Color32::WHITE);
    let at = |x: f32, y: f32| c + egui::vec2(x * r, y * r);
    match drawn {
        Drawn::Check => {
            let green = if visuals.dark_mode {
                egui::Color32::from_rgb(80, 180, 100)
            } else {
                egui::Color32::from_rgb(30, 130, 60)
            };
            painter.circle_filled(c, r, green);
            painter.line_segment([at(-0.5, 0.0), at(-0.1, 0.4)], stroke);
            painter.line_segment([at(-0.1, 0.4), at(0.55, -0.4)], stroke);
        }
        Drawn::Cross => {
            painter.circle_filled(c, r, visuals.warn_fg_color);
            painter.line_segment([at(-0.45, -0.45), at(0.45, 0.45)], stroke);
            painter.line_segment([at(-0.45, 0.45), at(0.45, -0.45)], stroke);
        }
        Drawn::Info => {
            let blue = if visuals.dark_mode {
                egui::Color32::from_rgb(90, 150, 230)
            } else {
                egui::Color32::from_rgb(40, 100, 190)
            };
            painter.circle_filled(c, r, blue);
            painter.circle_filled(at(0.0, -0.45), size * 0.07, egui::Color32::WHITE);
            painter.line_segment([at(0.0, -0.15), at(0.0, 0.55)], stroke);
        }
        Drawn::Ring => {
            painter.circle_stroke(c, r * 0.9, visuals.widgets.noninteractive.fg_stroke);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::accent;

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance(c: egui::Color32) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    fn contrast(a: egui::Color32, b: egui::Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Body text and secondary text are readable on the page (4.5 : 1) in
    /// both themes, secondary text still looks secondary, and fields show
    /// their edge (3 : 1).
    #[test]
    fn text_is_readable_and_weak_text_still_looks_weak() {
        let ctx = egui::Context::default();
        super::apply_look(&ctx);
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let visuals = ctx.style_of(theme).visuals.clone();
            let page = visuals.panel_fill;
            let (body, weak) = (visuals.text_color(), visuals.weak_text_color());
            assert!(contrast(body, page) >= 4.5, "{theme:?} body {body:?}");
            assert!(contrast(weak, page) >= 4.5, "{theme:?} weak {weak:?}");
            assert!(
                contrast(body, page) > contrast(weak, page) + 1.0,
                "{theme:?}: weak text looks like body text"
            );
            assert!(
                contrast(visuals.hyperlink_color, page) >= 4.5,
                "{theme:?} links"
            );
            let edge = visuals.widgets.inactive.bg_stroke;
            assert!(edge.width >= 1.0, "{theme:?}: fields have no edge");
            assert!(contrast(edge.color, page) >= 3.0, "{theme:?} edge {edge:?}");
            assert!(
                contrast(edge.color, visuals.text_edit_bg_color()) >= 3.0,
                "{theme:?}: a field's edge against its inside"
            );
        }
    }

    /// The primary button's words are readable on it, and the accent, which
    /// is also the colour of links, is readable on the page (WCAG AA for
    /// text, 4.5 : 1), in both themes.
    #[test]
    fn the_primary_button_and_links_are_readable() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let (fill, ink) = accent(&visuals);
            assert!(contrast(fill, ink) >= 4.5, "{fill:?} / {ink:?}");
            assert!(
                contrast(fill, visuals.panel_fill) >= 4.5,
                "{fill:?} on {:?}",
                visuals.panel_fill
            );
        }
    }
}
