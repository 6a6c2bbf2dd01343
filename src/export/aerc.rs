//! aerc accounts.conf (0.15 and later). aerc wants this file 0600.

use super::ExportError;
use super::text::{one_line, url_user};
use super::{Format, FormatSpec, Group, Note};
use crate::account::Password;
use crate::model::{PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "aerc",
    label: Words::same("aerc"),
    summary: Words {
        ja: "端末のメールソフト aerc の設定（accounts.conf）です。",
        en: "Settings for the terminal mail program aerc (accounts.conf).",
    },
    group: Group::Advanced,
    file_use: Some(Words {
        ja: "aerc の設定です。~/.config/aerc/accounts.conf に加えます。",
        en: "Settings for aerc: add them to ~/.config/aerc/accounts.conf.",
    }),
    file_name: "accounts.conf",
    needs_incoming: false,
    password: PasswordSupport::Optional,
    guide: None,
    note: Note::Hash,
    render: |i| render(i.account, i.password),
});

pub fn render(a: &AccountSettings, password: Option<&Password>) -> Result<Vec<u8>, ExportError> {
    let o = &a.outgoing;
    let secret = |p: Option<&Password>| p.map(|p| format!(":{}", url_user(p.expose())));
    let scheme = match o.security {
        Security::ImplicitTls => "smtps",
        Security::StartTls => "smtp",
        Security::None => "smtp+insecure",
    };
    let mech = match o.auth {
        AuthMethod::Plain => "+plain",
        AuthMethod::Login => "+login",
        // aerc has no CRAM-MD5; servers offering it over TLS offer PLAIN too.
        AuthMethod::CramMd5 => "+plain",
        AuthMethod::None => "+none",
    };
    let scheme = if o.security == Security::None {
        scheme.to_string()
    } else {
        format!("{scheme}{mech}")
    };
    let from = a.from_line();
    let mut lines = vec![
        "# Written by mailsetup from settings it proved to work.".to_string(),
        "[mailsetup]".into(),
        format!(
            "outgoing = {scheme}://{}{}@{}:{}",
            url_user(&o.username),
            secret(password).unwrap_or_default(),
            o.host,
            o.port
        ),
        format!("from = {}", one_line("name", &from)?),
    ];
    if let Some(i) = &a.incoming
        && i.protocol == Service::Imap
    {
        let scheme = match i.security {
            Security::ImplicitTls => "imaps",
            Security::StartTls => "imap",
            Security::None => "imap+insecure",
        };
        lines.push(format!(
            "source = {scheme}://{}{}@{}:{}",
            url_user(&i.username),
            secret(password).unwrap_or_default(),
            i.host,
            i.port
        ));
        lines.push("copy-to = Sent".into());
    }
    Ok((lines.join("\n") + "\n").into_bytes())
}
