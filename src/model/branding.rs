//! The ISP's branding and support contacts from its preset (parsed by
//! `discover::branding`).

use super::Lang;

/// A text in Japanese and/or English.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized {
    pub ja: Option<String>,
    pub en: Option<String>,
}

impl Localized {
    /// In `lang`, else in the other language.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let (first, second) = match lang {
            Lang::Ja => (&self.ja, &self.en),
            Lang::En => (&self.en, &self.ja),
        };
        first.as_deref().or(second.as_deref())
    }

    pub fn is_empty(&self) -> bool {
        self.ja.is_none() && self.en.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Support {
    pub name: Localized,
    pub phone: Option<String>,
    pub hours: Localized,
    pub url: Option<String>,
    pub email: Option<String>,
}

impl Support {
    pub fn is_empty(&self) -> bool {
        self.name.is_empty()
            && self.phone.is_none()
            && self.hours.is_empty()
            && self.url.is_none()
            && self.email.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Branding {
    pub name: Localized,
    /// A file name beside the preset (never a path).
    pub logo: Option<String>,
    pub welcome: Localized,
    pub support: Option<Support>,
    /// A format name of `mailsetup export` (checked by `preset check`).
    pub default_export: Option<String>,
}
