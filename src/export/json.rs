//! mailsetup's own settings file: what `--from` reads back. Never a password.

use super::ExportError;
use super::{Format, FormatSpec, Group, Note};
use crate::model::{PasswordSupport, Words};
use crate::settings::AccountSettings;

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "json",
    label: Words {
        ja: "mailsetup の設定ファイル（JSON）",
        en: "mailsetup settings file (JSON)",
    },
    summary: Words {
        ja: "確かめた設定を書いた JSON ファイルです。サポート窓口や自動処理向けです。",
        en: "The proven settings as JSON, for support staff and scripts.",
    },
    group: Group::Advanced,
    file_use: Some(Words {
        ja: "確かめた設定を JSON で書いたものです。サポート窓口や自動処理にお使いください。",
        en: "The proven settings as JSON, for support staff and scripts.",
    }),
    file_name: "mailsetup.json",
    needs_incoming: false,
    password: PasswordSupport::Never,
    guide: None,
    note: Note::None,
    render: |i| render(i.account),
});

pub fn render(a: &AccountSettings) -> Result<Vec<u8>, ExportError> {
    let mut text = serde_json::to_string_pretty(a).expect("settings serialize");
    text.push('\n');
    Ok(text.into_bytes())
}
