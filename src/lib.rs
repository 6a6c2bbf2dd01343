//! mailsetup: finds, proves and explains a working outgoing-mail setup.
//!
//! Data flow: [`account`] → [`discover`] → [`probe`] → [`prove`] → [`diagnose`]
//! → [`settings`] → [`export`]; [`detect`] runs the pipeline. The core modules
//! know nothing of any screen: the wizard ([`gui`]) and the CLI sit on top.

pub mod account;
pub mod detect;
pub mod diagnose;
pub mod discover;
pub mod dns;
mod error_chain;
pub mod export;
pub mod gui;
pub mod guide;
pub mod i18n;
pub mod model;
pub mod probe;
pub mod progress;
pub mod prove;
pub mod sasl;
pub mod settings;
pub mod tls;
