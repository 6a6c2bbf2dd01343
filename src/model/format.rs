//! What every export format shares: the words a format gives of itself, whether
//! it can hold a password, and why an export could not be made.

use super::Lang;

/// A short text a format gives of itself (its name, how its file is used), in
/// both languages. It lives in the format's own file, so that adding a format
/// is one file (see `export`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub ja: &'static str,
    pub en: &'static str,
}

impl Words {
    /// The same in both languages (a program's own name).
    pub const fn same(text: &'static str) -> Words {
        Words { ja: text, en: text }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

/// Whether a format can hold the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordSupport {
    /// The format has a place for it (only written when asked).
    Optional,
    /// The client keeps passwords elsewhere; the file never holds one.
    Never,
}

/// Where a format's program runs, as the Export page groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Mail programs on a Windows, Mac or Linux computer (and the printed sheet).
    Computer,
    /// Phones and tablets.
    Phone,
    /// Command-line and terminal programs, files for scripts, hand-edited
    /// profiles.
    Advanced,
}

/// The computer the wizard runs on, which decides the mail program most
/// likely wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Windows,
    MacOs,
    /// Linux and the other Unix-like systems.
    Linux,
}

impl Os {
    /// The system this program was built for.
    pub fn this() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::MacOs
        } else {
            Os::Linux
        }
    }
}

/// Why a value cannot be written safely in a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwritable {
    /// A control character (line break, NUL…) that would start a new line,
    /// key or header in the file.
    ControlCharacter(char),
    /// Characters the Japanese Windows code page (CP932) lacks.
    NotInCp932,
    /// The format's library refused it; its own words.
    Refused(String),
}

/// Why an export could not be made. Never a half-written or broken file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The client needs an incoming server and none was proven.
    NeedsIncoming { format: Words },
    /// The format has no place for a password.
    NoPasswordSupport { format: Words },
    /// A value cannot be written safely in this format.
    Unrepresentable {
        field: &'static str,
        reason: Unwritable,
    },
}
