//! mailsetup's own settings file: what `--from` reads back. Never a password.

use super::ExportError;
use crate::settings::AccountSettings;

pub fn render(a: &AccountSettings) -> Result<Vec<u8>, ExportError> {
    let mut text = serde_json::to_string_pretty(a).expect("settings serialize");
    text.push('\n');
    Ok(text.into_bytes())
}
