//! Exports: the proven settings in the formats of the mail clients our users
//! have. One file per format, all from the same `AccountSettings`; adding a client
//! is one file and one line in `Format`.

mod aerc;
mod autodiscover;
mod git;
mod himalaya;
mod iaf;
mod json;
mod mobileconfig;
mod msmtp;
mod neomutt;
mod oeaccount;
mod prf;
mod qr;
mod sheet;
mod text;
mod thunderbird_autoconfig;
pub mod thunderbird_profile;
mod thunderbird_userjs;
mod untested;
mod write;

pub use iaf::{decode_password as iaf_decode_password, encode_password as iaf_encode_password};
pub use qr::{modules as qr_modules, payload as qr_payload};
pub use write::{WriteError, write_atomically};

use crate::account::Password;
use crate::i18n::Lang;
use crate::settings::AccountSettings;

/// Every export target, by the name the CLI uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    ThunderbirdAutoconfig,
    ThunderbirdUserJs,
    Iaf,
    OeAccount,
    Prf,
    Autodiscover,
    MobileConfig,
    Msmtp,
    NeoMutt,
    Git,
    Himalaya,
    Aerc,
    Qr,
    Json,
    Sheet,
}

/// Whether a format can hold the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordSupport {
    /// The format has a place for it (only written when asked).
    Optional,
    /// The client keeps passwords elsewhere; the file never holds one.
    Never,
}

impl Format {
    pub const ALL: [Format; 15] = [
        Format::ThunderbirdAutoconfig,
        Format::ThunderbirdUserJs,
        Format::Iaf,
        Format::OeAccount,
        Format::Prf,
        Format::Autodiscover,
        Format::MobileConfig,
        Format::Msmtp,
        Format::NeoMutt,
        Format::Git,
        Format::Himalaya,
        Format::Aerc,
        Format::Qr,
        Format::Json,
        Format::Sheet,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::ThunderbirdAutoconfig => "thunderbird-autoconfig",
            Format::ThunderbirdUserJs => "thunderbird-userjs",
            Format::Iaf => "iaf",
            Format::OeAccount => "oeaccount",
            Format::Prf => "prf",
            Format::Autodiscover => "autodiscover",
            Format::MobileConfig => "mobileconfig",
            Format::Msmtp => "msmtp",
            Format::NeoMutt => "neomutt",
            Format::Git => "git",
            Format::Himalaya => "himalaya",
            Format::Aerc => "aerc",
            Format::Qr => "qr",
            Format::Json => "json",
            Format::Sheet => "sheet",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// A sensible file name for the save dialog.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::ThunderbirdAutoconfig => "config-v1.1.xml",
            Format::ThunderbirdUserJs => "user.js",
            Format::Iaf => "mail.iaf",
            Format::OeAccount => "mail.oeaccount",
            Format::Prf => "mail.prf",
            Format::Autodiscover => "autodiscover.xml",
            Format::MobileConfig => "mail.mobileconfig",
            Format::Msmtp => "msmtprc",
            Format::NeoMutt => "muttrc",
            Format::Git => "gitconfig",
            Format::Himalaya => "config.toml",
            Format::Aerc => "accounts.conf",
            Format::Qr => "mail-qr.png",
            Format::Json => "mailsetup.json",
            Format::Sheet => "mail-settings.html",
        }
    }

    /// The client cannot be set up without an incoming server.
    pub fn needs_incoming(self) -> bool {
        matches!(
            self,
            Format::ThunderbirdAutoconfig
                | Format::ThunderbirdUserJs
                | Format::Iaf
                | Format::OeAccount
                | Format::Prf
                | Format::MobileConfig
                | Format::Qr
        )
    }

    pub fn password_support(self) -> PasswordSupport {
        match self {
            Format::Iaf
            | Format::MobileConfig
            | Format::Msmtp
            | Format::NeoMutt
            | Format::Git
            | Format::Himalaya
            | Format::Aerc
            | Format::Qr => PasswordSupport::Optional,
            _ => PasswordSupport::Never,
        }
    }
}

/// Why an export could not be made. Never a half-written or broken file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The client needs an incoming server and none was proven.
    NeedsIncoming(Format),
    /// The format has no place for a password.
    NoPasswordSupport(Format),
    /// A value cannot be written safely in this format (line breaks in an INI
    /// file, characters the Japanese Windows code page lacks…).
    Unrepresentable { field: &'static str, reason: String },
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
    profile: Option<&thunderbird_profile::ProfilePrefs>,
) -> Result<Vec<u8>, ExportError> {
    if format.needs_incoming() && account.incoming.is_none() {
        return Err(ExportError::NeedsIncoming(format));
    }
    if password.is_some() && format.password_support() == PasswordSupport::Never {
        return Err(ExportError::NoPasswordSupport(format));
    }
    let bytes = match format {
        Format::ThunderbirdAutoconfig => thunderbird_autoconfig::render(account),
        Format::ThunderbirdUserJs => thunderbird_userjs::render(account, profile),
        Format::Iaf => iaf::render(account, password),
        Format::OeAccount => oeaccount::render(account),
        Format::Prf => prf::render(account),
        Format::Autodiscover => autodiscover::render(account),
        Format::MobileConfig => mobileconfig::render(account, password),
        Format::Msmtp => msmtp::render(account, password),
        Format::NeoMutt => neomutt::render(account, password),
        Format::Git => git::render(account, password),
        Format::Himalaya => himalaya::render(account, password),
        Format::Aerc => aerc::render(account, password),
        Format::Qr => qr::render(account, password),
        Format::Json => json::render(account),
        Format::Sheet => sheet::render(account, lang),
    }?;
    Ok(if account.verified {
        bytes
    } else {
        untested::mark(format, bytes, lang)
    })
}
