//! Source 1: the ISP's preset file (Thunderbird autoconfig XML), e.g. from the
//! CD that support staff hand out. Loaded before discovery so a broken file is
//! reported as bad input, not silently skipped.

use std::path::Path;

use super::autoconfig_xml::{self, XmlConfig};
use super::candidate::{ServerHint, Source};
use crate::account::EmailAddress;

#[derive(Debug, thiserror::Error)]
pub enum PresetError {
    #[error("cannot read the preset file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the preset file {path} is not usable: {detail}")]
    Invalid { path: String, detail: String },
    #[error("the preset file {path} names no outgoing (SMTP) server")]
    NoOutgoing { path: String },
}

pub fn load(path: &Path, email: &EmailAddress) -> Result<XmlConfig, PresetError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| PresetError::Read {
        path: shown.clone(),
        source,
    })?;
    if meta.len() > autoconfig_xml::MAX_XML_BYTES as u64 {
        return Err(PresetError::Invalid {
            path: shown,
            detail: autoconfig_xml::XmlError::TooLarge.to_string(),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| PresetError::Read {
        path: shown.clone(),
        source,
    })?;
    let config = autoconfig_xml::parse(&bytes, email).map_err(|e| PresetError::Invalid {
        path: shown.clone(),
        detail: e.to_string(),
    })?;
    if config.outgoing.is_empty() {
        return Err(PresetError::NoOutgoing { path: shown });
    }
    Ok(config)
}

pub fn hints(config: &XmlConfig) -> Vec<ServerHint> {
    super::hints_from_xml(config, Source::Preset, true)
}
