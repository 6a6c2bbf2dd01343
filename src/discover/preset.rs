//! Source 1: the ISP's preset file (Thunderbird autoconfig XML), e.g. from the
//! CD that support staff hand out. Loaded before discovery so a broken file is
//! reported as bad input, not silently skipped.

use std::path::{Path, PathBuf};

use super::autoconfig_xml::{self, XmlConfig};
use super::branding::Branding;
use crate::account::EmailAddress;
pub use crate::model::PresetError;
use crate::model::{ServerHint, Source};

/// The preset an ISP puts beside the program (e.g. on its CD): found without
/// any command-line argument, so a double-click is all a user does.
pub const BESIDE_PROGRAM: &str = "mailsetup-preset.xml";

/// `BESIDE_PROGRAM` in the folder that holds `program`, if it is there.
pub fn beside(program: &Path) -> Option<PathBuf> {
    let path = program.parent()?.join(BESIDE_PROGRAM);
    path.is_file().then_some(path)
}

/// The ISP's logo for a preset: the file its branding names (in the preset's
/// folder), else the preset's name with `.png` (`mailsetup-preset.png` beside
/// `mailsetup-preset.xml`), if it is there.
pub fn logo_path(preset: &Path, branding: Option<&Branding>) -> Option<PathBuf> {
    let named = branding
        .and_then(|b| b.logo.as_deref())
        .map(|name| preset.with_file_name(name));
    let path = named.unwrap_or_else(|| preset.with_extension("png"));
    path.is_file().then_some(path)
}

/// Read a preset through the same validator as `mailsetup preset check`
/// (so UTF-8, UTF-16 and Shift_JIS files all work), then its servers.
pub fn load(path: &Path, email: &EmailAddress) -> Result<XmlConfig, PresetError> {
    read(path, email).map(|(config, _)| config)
}

/// The checked preset's servers for `email`, and its text (decoded).
fn read(path: &Path, email: &EmailAddress) -> Result<(XmlConfig, String), PresetError> {
    let shown = path.display().to_string();
    let report = super::preset_check::check_file(path).map_err(|source| PresetError::Read {
        path: shown.clone(),
        source,
    })?;
    if let Some(problem) = report.first_error() {
        return Err(PresetError::Invalid {
            path: shown,
            problem: problem.clone(),
        });
    }
    let text = report.text.unwrap_or_default();
    let config = autoconfig_xml::parse_str(&text, email).map_err(|_| PresetError::NoOutgoing {
        path: shown.clone(),
    })?;
    if config.outgoing.is_empty() {
        return Err(PresetError::NoOutgoing { path: shown });
    }
    Ok((config, text))
}

/// What the wizard shows of a preset before the user's address is known,
/// from one read of the file: the provider's name, the servers it fixes and
/// its branding. (Detection reads it again with the address, for the
/// placeholders.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetInfo {
    pub path: PathBuf,
    /// `<displayName>`; may be empty.
    pub name: String,
    /// The server names it fixes (see `fixed_hosts`).
    pub hosts: Vec<String>,
    pub branding: Option<Branding>,
}

pub fn info(path: &Path) -> Result<PresetInfo, PresetError> {
    let probe = EmailAddress::parse(PROBE_ADDRESS).expect("a valid address");
    let (config, text) = read(path, &probe)?;
    let branding = roxmltree::Document::parse(&text)
        .ok()
        .and_then(|doc| super::branding::read(&doc));
    Ok(PresetInfo {
        path: path.to_path_buf(),
        name: config.display_name.clone().unwrap_or_default(),
        hosts: fixed_hosts(&config),
        branding,
    })
}

/// The settings a preset names, as they would be used — for when they cannot
/// be tested (offline): the first outgoing and incoming server, `plain`
/// upgraded to STARTTLS as probing would, the preset's user name or `login`.
pub fn untested_settings(
    config: &XmlConfig,
    login: &str,
) -> Option<(
    crate::settings::OutgoingSettings,
    Option<crate::settings::IncomingSettings>,
)> {
    use crate::settings::{AuthMethod, IncomingSettings, OutgoingSettings};
    let o = config.outgoing.first()?;
    let outgoing = OutgoingSettings {
        protocol: crate::model::Service::Submission,
        host: o.host.clone(),
        port: o.port,
        security: o.security.encrypted(),
        auth: o.auth.unwrap_or(AuthMethod::Plain),
        username: o.username.clone().unwrap_or_else(|| login.to_string()),
    };
    let incoming = config.incoming.first().map(|i| IncomingSettings {
        protocol: i.service,
        host: i.host.clone(),
        port: i.port,
        security: i.security.encrypted(),
        auth: i.auth.unwrap_or(AuthMethod::Plain),
        username: i.username.clone().unwrap_or_else(|| login.to_string()),
    });
    Some((outgoing, incoming))
}

/// The address a preset is read with before the user's is known (the wizard's
/// Welcome page): hosts made from `%EMAILDOMAIN%` then end in its domain.
pub const PROBE_ADDRESS: &str = "user@example.invalid";

/// The server names a preset fixes (not made from the user's domain), sorted,
/// once each, for a preset read with `PROBE_ADDRESS`.
pub fn fixed_hosts(config: &XmlConfig) -> Vec<String> {
    let probe = PROBE_ADDRESS.split('@').nth(1).unwrap_or_default();
    let mut hosts: Vec<String> = config
        .outgoing
        .iter()
        .chain(&config.incoming)
        .map(|s| s.host.clone())
        .filter(|h| h != probe && !h.ends_with(&format!(".{probe}")))
        .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}

/// The preset's servers as hints. `vouched`: the preset was handed over on
/// purpose (`--preset`); one merely found beside the program could have been
/// planted (a Downloads folder), so its servers outside the user's own domain
/// need the user's approval like any source that cannot vouch for them.
pub fn hints(config: &XmlConfig, vouched: bool) -> Vec<ServerHint> {
    let vouched =
        super::trust::source_vouches(&Source::Preset, super::trust::Channel::Local, vouched);
    super::hints_from_xml(config, Source::Preset, vouched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preset_and_its_logo_are_found_beside_the_program() {
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("mailsetup.exe");
        assert_eq!(beside(&program), None);
        std::fs::write(dir.path().join(BESIDE_PROGRAM), "<x/>").unwrap();
        let preset = beside(&program).unwrap();
        assert_eq!(preset, dir.path().join("mailsetup-preset.xml"));
        assert_eq!(logo_path(&preset, None), None);
        std::fs::write(dir.path().join("mailsetup-preset.png"), b"png").unwrap();
        assert_eq!(
            logo_path(&preset, None),
            Some(dir.path().join("mailsetup-preset.png"))
        );
    }

    #[test]
    fn one_read_gives_the_name_the_fixed_servers_and_the_branding() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(BESIDE_PROGRAM);
        std::fs::write(
            &path,
            r#"<clientConfig version="1.1"><emailProvider id="x" xmlns:ms="urn:mailsetup:preset:1">
  <domain>x.jp</domain><displayName>X Net</displayName>
  <outgoingServer type="smtp"><hostname>smtp.hoster.example</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>
  <incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
  <ms:branding><ms:name>エックス</ms:name></ms:branding>
</emailProvider></clientConfig>"#,
        )
        .unwrap();
        let i = info(&path).unwrap();
        assert_eq!(i.name, "X Net");
        assert_eq!(
            i.hosts,
            ["smtp.hoster.example"],
            "the user's own domain is not listed"
        );
        assert_eq!(
            i.branding.unwrap().name.get(crate::i18n::Lang::En),
            Some("エックス")
        );
    }
}
