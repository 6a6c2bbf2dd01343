//! Why a file could not be written or read: typed, so the words can be made
//! where they are shown (`i18n`).

use std::path::PathBuf;

#[derive(Debug)]
pub enum WriteError {
    /// The file exists and overwriting was not allowed.
    Exists,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Exists => f.write_str("the file already exists"),
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

#[derive(Debug)]
pub enum ProfileError {
    /// The folder has no prefs.js: not a profile folder (or never started).
    NoPrefs(PathBuf),
    Unreadable(PathBuf, String),
}

#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("cannot read the certificate file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the certificate file {path} holds no PEM certificate")]
    Empty { path: String },
    #[error("the certificate file {path} is not valid PEM: {detail}")]
    Invalid { path: String, detail: String },
    #[error("TLS set-up failed: {0}")]
    Setup(String),
}

/// Why detection could not even start (nothing was sent anywhere), or,
/// `Internal`, why it ended without a result.
#[derive(Debug)]
pub enum SetupError {
    Tls(TrustError),
    /// The system's DNS settings cannot be used; the system's words.
    Dns(String),
    /// HTTPS cannot be set up; the library's words.
    Http(String),
    /// The run stopped on a bug (a panic in the detection task): the wizard
    /// says so and lets the user try again instead of waiting for ever.
    Internal,
}

impl From<TrustError> for SetupError {
    fn from(e: TrustError) -> SetupError {
        SetupError::Tls(e)
    }
}
