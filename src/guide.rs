//! Step-by-step guides for the mail clients our users have, filled with the
//! proven values. The words live in `i18n::guide`.

pub use crate::i18n::guide::Values;
use crate::i18n::{self, Lang};
use crate::model::AccountSettings;
pub use crate::model::Client;

/// A guide: its title and its steps in order (the last one sums up the values).
pub struct Guide {
    pub title: String,
    pub steps: Vec<String>,
}

/// The guide for `client`, filled with `settings` (placeholders without them).
pub fn guide(client: Client, lang: Lang, settings: Option<&AccountSettings>) -> Guide {
    let v = Values::from_settings(settings, lang);
    let (title, mut steps) = i18n::guide::steps(lang, client, &v);
    steps.push(i18n::guide::summary(lang, &v));
    Guide { title, steps }
}

/// The guide as numbered steps (plain text).
pub fn render(client: Client, lang: Lang, settings: Option<&AccountSettings>) -> String {
    let Guide { title, steps } = guide(client, lang, settings);
    let mut out = format!("{title}\n\n");
    for (n, s) in steps.iter().enumerate() {
        out.push_str(&format!("{}. {s}\n", n + 1));
    }
    out
}
