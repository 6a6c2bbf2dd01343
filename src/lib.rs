//! mailsetup: finds, proves and explains a working outgoing-mail setup.
//!
//! Data flow: [`account`] → [`discover`] → [`probe`] → [`prove`] → [`diagnose`]
//! → [`settings`]; [`detect`] runs the pipeline. The library knows nothing of any
//! screen: the CLI (`cli`) and the wizard sit on top of it.

pub mod account;
pub mod detect;
pub mod diagnose;
pub mod discover;
pub mod dns;
pub mod export;
pub mod guide;
pub mod i18n;
pub mod probe;
pub mod progress;
pub mod prove;
pub mod sasl;
pub mod settings;
pub mod tls;
