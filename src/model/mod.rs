//! The plain data every layer shares: the server and where its name came
//! from, the attempt and its typed outcome, the finding as a code with its
//! parameters, progress events, the proven settings, the detection result and
//! its exit status, and the language a person reads.
//!
//! It imports nothing above it (only `account`, the user's own input): every
//! other module imports down into it, so data flows one way.

mod about;
mod approval;
mod attempt;
mod branding;
mod client;
mod errors;
mod finding;
mod format;
mod lang;
mod preset;
mod progress;
mod result;
mod server;
mod settings;
mod source;

pub use about::About;
pub use approval::ApprovalRequest;
pub use attempt::{Attempt, Detail, Note, ProbeOutcome, Stage, TlsProblem};
pub use branding::{Branding, Localized, Support};
pub use client::Client;
pub use errors::{ProfileError, SetupError, TrustError, WriteError};
pub use finding::{Finding, FindingKind, Tone};
pub use format::{ExportError, Group, Os, PasswordSupport, Unwritable, Words};
pub use lang::Lang;
pub use preset::{MAX_PRESET_BYTES, PresetError, Problem, ProblemKind, Severity};
pub use progress::{Event, Progress};
pub use result::{DetectionResult, ExitStatus};
pub use server::{AuthMethod, Security, Server, ServerHint, Service, Source, sane_host};
pub use settings::{
    AccountSettings, IncomingSettings, OutgoingSettings, ServerSettings, SettingsError,
    SettingsField, TestMessage,
};
pub use source::{SourceReport, SourceStatus, WebTrouble};
