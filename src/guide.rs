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

#[cfg(test)]
mod tests {
    use super::*;

    /// Thunderbird's isp file is named after the domain: the guide names it
    /// when the address is known, and says what to use when it is not.
    #[test]
    fn the_thunderbird_guide_names_the_file_after_the_domain() {
        let settings = AccountSettings::from_json(
            r#"{"email": "taro@example.ne.jp",
                "outgoing": {"host": "smtp.example.ne.jp", "port": 587,
                             "security": "starttls", "auth": "plain",
                             "username": "taro"}}"#,
        )
        .unwrap();
        for (lang, named, unnamed) in [
            (Lang::Ja, "「example.ne.jp.xml」", "「ドメイン名.xml」"),
            (Lang::En, "(example.ne.jp.xml;", "(<domain>.xml;"),
        ] {
            let first = &guide(Client::Thunderbird, lang, Some(&settings)).steps[0];
            assert!(first.contains(named), "{first}");
            let first = &guide(Client::Thunderbird, lang, None).steps[0];
            assert!(first.contains(unnamed), "{first}");
        }
    }
}
