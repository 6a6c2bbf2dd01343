//! Live progress: see `model::progress`.

pub use crate::model::{Event, Progress};
