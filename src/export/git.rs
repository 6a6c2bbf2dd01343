//! git send-email settings (a [sendemail] block for ~/.gitconfig).

use super::ExportError;
use super::text::quoted;
use super::{Format, FormatSpec, Group, Note};
use crate::account::Password;
use crate::model::{PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "git",
    label: Words::same("git send-email"),
    summary: Words {
        ja: "パッチをメールで送る git send-email の設定です（git config で読み込みます）。",
        en: "Settings for git send-email, which mails patches (loaded with git config).",
    },
    group: Group::Advanced,
    file_use: Some(Words {
        ja: "git send-email の設定です。git config --global include.path ファイル名 で読み込みます。",
        en: "Settings for git send-email: load them with git config --global include.path FILE.",
    }),
    file_name: "gitconfig",
    needs_incoming: false,
    password: PasswordSupport::Optional,
    guide: None,
    note: Note::Hash,
    render: |i| render(i.account, i.password),
});

pub fn render(a: &AccountSettings, password: Option<&Password>) -> Result<Vec<u8>, ExportError> {
    let o = &a.outgoing;
    let from = a.from_line();
    let mut lines = vec![
        "# Written by mailsetup from settings it proved to work.".to_string(),
        "[sendemail]".into(),
        format!("\tsmtpServer = {}", o.host),
        format!("\tsmtpServerPort = {}", o.port),
    ];
    match o.security {
        Security::ImplicitTls => lines.push("\tsmtpEncryption = ssl".into()),
        Security::StartTls => lines.push("\tsmtpEncryption = tls".into()),
        Security::None => {}
    }
    let auth = match o.auth {
        // Proven with CRAM-MD5; PLAIN and LOGIN (over TLS) are the fallback
        // for a git whose Perl lacks Digest::HMAC.
        AuthMethod::CramMd5 => "CRAM-MD5 PLAIN LOGIN",
        AuthMethod::Plain => "PLAIN",
        AuthMethod::Login => "LOGIN",
        AuthMethod::None => "none",
    };
    lines.push(format!("\tsmtpAuth = {auth}"));
    if o.auth != AuthMethod::None {
        lines.push(format!("\tsmtpUser = {}", quoted("username", &o.username)?));
    }
    if let Some(p) = password {
        lines.push(format!("\tsmtpPass = {}", quoted("password", p.expose())?));
    }
    lines.push(format!("\tfrom = {}", quoted("name", &from)?));
    Ok((lines.join("\n") + "\n").into_bytes())
}
