//! Exports: the proven settings in the formats of the mail clients our users
//! have. One file per format, all from the same `AccountSettings`.
//!
//! Adding a format is one new file here that declares `pub const FORMAT:
//! Format` (its name, its words, what it needs and how it renders) and its name
//! in the `formats!` list below: the CLI's `--format` list, the wizard's list,
//! the guide shown after saving and the labels all come from it.

/// The registry: every format, in the order the CLI and the wizard list them.
/// Each name is a file in this folder declaring `pub const FORMAT: Format`;
/// the list makes it a module and puts it in `Format::ALL`.
macro_rules! formats {
    ($($file:ident),* $(,)?) => {
        $(mod $file;)*

        impl Format {
            /// Every format (see `formats!`).
            pub const ALL: &'static [Format] = &[$($file::FORMAT),*];
        }
    };
}

formats![
    thunderbird_autoconfig,
    thunderbird_userjs,
    iaf,
    oeaccount,
    prf,
    autodiscover,
    mobileconfig,
    msmtp,
    neomutt,
    git,
    himalaya,
    aerc,
    qr,
    json,
    sheet,
];

mod text;
pub mod thunderbird_profile;
mod untested;
mod write;

pub use crate::model::{ExportError, PasswordSupport, Unwritable, Words};
pub use iaf::{decode_password as iaf_decode_password, encode_password as iaf_encode_password};
pub use qr::{modules as qr_modules, payload as qr_payload};
pub use write::{WriteError, write_atomically};

use crate::account::Password;
use crate::model::{AccountSettings, Client, Lang};
pub use thunderbird_profile::ProfilePrefs;

/// What a format renders from.
pub struct Input<'a> {
    pub account: &'a AccountSettings,
    /// Only when the user asked for it to be included.
    pub password: Option<&'a Password>,
    pub lang: Lang,
    /// The Thunderbird profile whose prefs.js was read (user.js keeps its
    /// accounts); other formats ignore it.
    pub profile: Option<&'a ProfilePrefs>,
}

/// Where a file has room for the line saying its settings are untested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// `# …` (INI-like and TOML files).
    Hash,
    /// `// …` (JavaScript).
    Slashes,
    /// `; …` (Windows .prf files: CRLF, after any byte-order mark).
    Semicolon,
    /// `<!-- … -->` after the XML declaration.
    XmlComment,
    /// A framed line at the top of an HTML page.
    HtmlBanner,
    /// No room: binary files, UTF-16 files, JSON (which says `"verified": false`).
    None,
}

/// Everything the program knows of one format; declared in the format's file.
pub struct FormatSpec {
    /// The name `--format` takes.
    pub name: &'static str,
    /// What people call it.
    pub label: Words,
    /// How the saved file is used, for files no step-by-step guide covers or
    /// where the guide assumes another file.
    pub file_use: Option<Words>,
    /// A sensible file name for the save dialog.
    pub file_name: &'static str,
    /// The client cannot be set up without an incoming server.
    pub needs_incoming: bool,
    pub password: PasswordSupport,
    /// The step-by-step guide shown after saving.
    pub guide: Option<Client>,
    pub note: Note,
    pub render: fn(&Input) -> Result<Vec<u8>, ExportError>,
}

/// One export format (a handle to its `FormatSpec`).
#[derive(Clone, Copy)]
pub struct Format(pub &'static FormatSpec);

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Format {}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name)
    }
}

impl Format {
    /// The formats the program treats specially: the wizard's default, the
    /// one that reads a Thunderbird profile, the one shown as a picture.
    pub const THUNDERBIRD_AUTOCONFIG: Format = thunderbird_autoconfig::FORMAT;
    pub const THUNDERBIRD_USERJS: Format = thunderbird_userjs::FORMAT;
    pub const QR: Format = qr::FORMAT;

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The format called `name`, which must be one of `Format::ALL`.
    ///
    /// # Panics
    /// When no format has that name (a typo in a test or a constant).
    pub fn named(name: &str) -> Format {
        Format::parse(name).unwrap_or_else(|| panic!("no export format is called {name}"))
    }

    pub fn name(self) -> &'static str {
        self.0.name
    }

    pub fn label(self, lang: Lang) -> &'static str {
        self.0.label.get(lang)
    }

    pub fn file_use(self, lang: Lang) -> Option<&'static str> {
        self.0.file_use.map(|w| w.get(lang))
    }

    pub fn file_name(self) -> &'static str {
        self.0.file_name
    }

    pub fn needs_incoming(self) -> bool {
        self.0.needs_incoming
    }

    pub fn password_support(self) -> PasswordSupport {
        self.0.password
    }

    pub fn guide(self) -> Option<Client> {
        self.0.guide
    }
}

/// Render `format` for `account`; the password only when given (the user asked).
pub fn render(
    format: Format,
    account: &AccountSettings,
    password: Option<&Password>,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    render_for(format, account, password, lang, None)
}

/// As `render`, for the Thunderbird profile whose prefs.js was read: the
/// user.js then keeps the profile's accounts (other formats ignore it).
pub fn render_for(
    format: Format,
    account: &AccountSettings,
    password: Option<&Password>,
    lang: Lang,
    profile: Option<&ProfilePrefs>,
) -> Result<Vec<u8>, ExportError> {
    let words = format.0.label;
    if format.needs_incoming() && account.incoming.is_none() {
        return Err(ExportError::NeedsIncoming { format: words });
    }
    if password.is_some() && format.password_support() == PasswordSupport::Never {
        return Err(ExportError::NoPasswordSupport { format: words });
    }
    let bytes = (format.0.render)(&Input {
        account,
        password,
        lang,
        profile,
    })?;
    Ok(if account.verified {
        bytes
    } else {
        untested::mark(format.0.note, bytes, lang)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_names_each_format_once_and_finds_it_again() {
        let mut names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Format::ALL.len(), "two formats share a name");
        for &f in Format::ALL {
            assert_eq!(Format::parse(f.name()), Some(f));
        }
        assert_eq!(Format::parse("outlook-98"), None);
    }

    #[test]
    fn every_format_says_in_both_languages_what_it_is_and_how_it_is_used() {
        for &f in Format::ALL {
            for lang in [Lang::Ja, Lang::En] {
                assert!(!f.label(lang).is_empty(), "{f:?}");
                // A file no guide covers says how it is used.
                if f.guide().is_none() {
                    assert!(f.file_use(lang).is_some_and(|u| !u.is_empty()), "{f:?}");
                }
            }
            assert!(!f.file_name().is_empty() && !f.file_name().contains('/'));
        }
    }
}
