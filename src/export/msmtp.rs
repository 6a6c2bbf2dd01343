//! msmtp configuration (~/.msmtprc). msmtp refuses a file holding a password
//! unless it is 0600, which is how we write such files.

use super::ExportError;
use super::text::msmtp_arg;
use super::{Format, FormatSpec, Group, Note};
use crate::account::Password;
use crate::model::{PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "msmtp",
    label: Words::same("msmtp"),
    summary: Words {
        ja: "コマンドラインの送信プログラム msmtp の設定（~/.msmtprc）です。",
        en: "Settings for the command-line sender msmtp (~/.msmtprc).",
    },
    group: Group::Advanced,
    file_use: Some(Words {
        ja: "msmtp の設定です。~/.msmtprc として置くか、msmtp --file=ファイル名 で指定します。",
        en: "Settings for msmtp: put them in ~/.msmtprc, or name the file with msmtp --file=FILE.",
    }),
    file_name: "msmtprc",
    needs_incoming: false,
    password: PasswordSupport::Optional,
    guide: None,
    note: Note::Hash,
    render: |i| render(i.account, i.password),
});

pub fn render(a: &AccountSettings, password: Option<&Password>) -> Result<Vec<u8>, ExportError> {
    let o = &a.outgoing;
    let (tls, starttls) = match o.security {
        Security::ImplicitTls => ("on", "off"),
        Security::StartTls => ("on", "on"),
        Security::None => ("off", "off"),
    };
    let auth = match o.auth {
        AuthMethod::Plain => "plain",
        AuthMethod::Login => "login",
        AuthMethod::CramMd5 => "cram-md5",
        AuthMethod::None => "off",
    };
    let mut lines = vec![
        "# Written by mailsetup from settings it proved to work.".to_string(),
        "account mailsetup".into(),
        format!("host {}", o.host),
        format!("port {}", o.port),
        format!("tls {tls}"),
        format!("tls_starttls {starttls}"),
        format!("auth {auth}"),
        format!("user {}", msmtp_arg("username", &o.username)?),
        format!("from {}", msmtp_arg("email", &a.email)?),
    ];
    if let Some(p) = password {
        lines.push(format!("password {}", msmtp_arg("password", p.expose())?));
    }
    lines.push("account default : mailsetup".into());
    Ok((lines.join("\n") + "\n").into_bytes())
}
