//! The proven settings: see `model` (kept as a path for the library's users).

pub use crate::model::{
    AccountSettings, AuthMethod, DetectionResult, IncomingSettings, OutgoingSettings, Security,
    Service, SettingsError, SettingsField, TestMessage,
};
