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
    // Mail programs on a computer (the Export page lists the most likely one
    // on the user's system first, see `listing`)…
    thunderbird_autoconfig,
    autodiscover,
    prf,
    oeaccount,
    iaf,
    // …on phones…
    mobileconfig,
    qr,
    // …on paper…
    sheet,
    // …and for advanced users.
    thunderbird_userjs,
    msmtp,
    neomutt,
    git,
    himalaya,
    aerc,
    json,
];

mod text;
pub mod thunderbird_profile;
mod untested;
mod write;

pub use crate::model::{ExportError, Group, Os, PasswordSupport, Unwritable, Words};
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
    /// One line under the name on the Export page: what the file does and
    /// where it goes.
    pub summary: Words,
    /// The Export page's group it is listed in (see `listing`).
    pub group: Group,
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

    pub fn summary(self, lang: Lang) -> &'static str {
        self.0.summary.get(lang)
    }

    pub fn group(self) -> Group {
        self.0.group
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

/// The programs people most likely use on each system, most likely first:
/// they lead the Computer group (a Mac's Mail is set up by the same file as an
/// iPhone's, so there it moves up from Phone).
fn most_likely(os: Os) -> &'static [&'static str] {
    match os {
        // Outlook (the current one, then the .prf of the older ones), Windows
        // Mail, Thunderbird.
        Os::Windows => &["autodiscover", "prf", "oeaccount", "thunderbird-autoconfig"],
        Os::MacOs => &["mobileconfig", "thunderbird-autoconfig"],
        Os::Linux => &["thunderbird-autoconfig"],
    }
}

/// Every format, grouped as the Export page lists them on `os`: Computer
/// (the most likely programs first), Phone, Advanced; each format once.
pub fn listing(os: Os) -> Vec<(Group, Vec<Format>)> {
    let first: Vec<Format> = most_likely(os).iter().map(|n| Format::named(n)).collect();
    let rest = |group: Group| -> Vec<Format> {
        Format::ALL
            .iter()
            .copied()
            .filter(|f| f.group() == group && !first.contains(f))
            .collect()
    };
    let mut computer = first.clone();
    computer.extend(rest(Group::Computer));
    [
        (Group::Computer, computer),
        (Group::Phone, rest(Group::Phone)),
        (Group::Advanced, rest(Group::Advanced)),
    ]
    .into_iter()
    .filter(|(_, formats)| !formats.is_empty())
    .collect()
}

/// The format the Export page starts from on `os`, unless the ISP chose one.
pub fn first_for(os: Os) -> Format {
    Format::named(most_likely(os)[0])
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

    #[test]
    fn every_format_has_a_one_line_summary_in_both_languages() {
        for &f in Format::ALL {
            for lang in [Lang::Ja, Lang::En] {
                let s = f.summary(lang);
                assert!(!s.is_empty() && !s.contains('\n'), "{f:?}");
                // One line at the page's width, not a guide.
                assert!(s.chars().count() <= 90, "{f:?} {lang:?}: {s}");
            }
        }
    }

    fn names(os: Os) -> Vec<(Group, Vec<&'static str>)> {
        listing(os)
            .into_iter()
            .map(|(g, fs)| (g, fs.into_iter().map(Format::name).collect()))
            .collect()
    }

    #[test]
    fn each_system_lists_every_format_once_most_likely_first() {
        for os in [Os::Windows, Os::MacOs, Os::Linux] {
            let mut all: Vec<&str> = names(os).into_iter().flat_map(|(_, n)| n).collect();
            assert_eq!(all.len(), Format::ALL.len(), "{os:?}");
            all.sort();
            all.dedup();
            assert_eq!(all.len(), Format::ALL.len(), "{os:?}: listed twice");
            let groups: Vec<Group> = names(os).into_iter().map(|(g, _)| g).collect();
            assert_eq!(groups, [Group::Computer, Group::Phone, Group::Advanced]);
            assert_eq!(listing(os)[0].1[0], first_for(os));
        }
        let windows = names(Os::Windows);
        // Outlook, Windows Mail, Thunderbird.
        assert_eq!(
            windows[0].1[..4],
            ["autodiscover", "prf", "oeaccount", "thunderbird-autoconfig"]
        );
        assert!(windows[1].1.contains(&"mobileconfig"));
        // A Mac's Mail first; the Phone group keeps the QR code.
        let mac = names(Os::MacOs);
        assert_eq!(mac[0].1[0], "mobileconfig");
        assert_eq!(mac[1].1, ["qr"]);
        assert_eq!(names(Os::Linux)[0].1[0], "thunderbird-autoconfig");
        // The printed sheet ends the Computer group; the programs run from a
        // terminal and the hand-edited user.js are for advanced users.
        assert_eq!(windows[0].1.last(), Some(&"sheet"));
        for n in [
            "msmtp",
            "neomutt",
            "git",
            "himalaya",
            "aerc",
            "json",
            "thunderbird-userjs",
        ] {
            assert!(windows[2].1.contains(&n), "{n}");
        }
    }
}
