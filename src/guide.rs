//! Step-by-step guides for the mail clients our users have, filled with the
//! proven values. The words live in `i18n::guide`.

pub use crate::i18n::guide::Values;
use crate::i18n::{self, Lang};
use crate::model::AccountSettings;
pub use crate::model::Client;

/// The guide as numbered steps (plain text).
pub fn render(client: Client, lang: Lang, settings: Option<&AccountSettings>) -> String {
    let v = Values::from_settings(settings, lang);
    let (title, mut steps) = i18n::guide::steps(lang, client, &v);
    steps.push(i18n::guide::summary(lang, &v));
    let mut out = format!("{title}\n\n");
    for (n, s) in steps.iter().enumerate() {
        out.push_str(&format!("{}. {s}\n", n + 1));
    }
    out
}
