//! NeoMutt settings (a muttrc fragment): sending, and the mailbox when an
//! incoming server was proven.

use super::ExportError;
use super::text::{muttrc_literal, url_user};
use super::{Format, FormatSpec, Group, Note};
use crate::account::Password;
use crate::model::{PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "neomutt",
    label: Words::same("NeoMutt"),
    summary: Words {
        ja: "端末のメールソフト NeoMutt の設定です（~/.neomuttrc から読み込みます）。",
        en: "Settings for the terminal mail program NeoMutt (read from ~/.neomuttrc).",
    },
    group: Group::Advanced,
    file_use: Some(Words {
        ja: "NeoMutt の設定です。~/.neomuttrc に source ファイル名 の 1 行を加えて読み込みます。",
        en: "Settings for NeoMutt: load them with a line source FILE in ~/.neomuttrc.",
    }),
    file_name: "muttrc",
    needs_incoming: false,
    password: PasswordSupport::Optional,
    guide: None,
    note: Note::Hash,
    render: |i| render(i.account, i.password),
});

pub fn render(a: &AccountSettings, password: Option<&Password>) -> Result<Vec<u8>, ExportError> {
    let o = &a.outgoing;
    let scheme = if o.security == Security::ImplicitTls {
        "smtps"
    } else {
        "smtp"
    };
    let url = format!(
        "{scheme}://{}@{}:{}/",
        url_user(&o.username),
        o.host,
        o.port
    );
    let authenticators = match o.auth {
        AuthMethod::CramMd5 => "cram-md5:plain:login",
        AuthMethod::Login => "login",
        _ => "plain:login",
    };
    let mut lines = vec![
        "# Written by mailsetup from settings it proved to work.".to_string(),
        format!("set from = {}", muttrc_literal("email", &a.email)?),
        format!("set real_name = {}", muttrc_literal("name", &a.name)?),
        format!("set smtp_url = {}", muttrc_literal("url", &url)?),
        format!("set smtp_authenticators = '{authenticators}'"),
        format!(
            "set ssl_force_tls = {}",
            if o.security == Security::None {
                "no"
            } else {
                "yes"
            }
        ),
    ];
    if let Some(p) = password {
        lines.push(format!(
            "set smtp_pass = {}",
            muttrc_literal("password", p.expose())?
        ));
    }
    if let Some(i) = &a.incoming {
        let tls = i.security == Security::ImplicitTls;
        let user = url_user(&i.username);
        match i.protocol {
            Service::Pop3 => {
                let scheme = if tls { "pops" } else { "pop" };
                let url = format!("{scheme}://{user}@{}:{}/", i.host, i.port);
                lines.push(format!("set pop_host = {}", muttrc_literal("url", &url)?));
            }
            _ => {
                let scheme = if tls { "imaps" } else { "imap" };
                let url = format!("{scheme}://{user}@{}:{}/", i.host, i.port);
                lines.push(format!("set folder = {}", muttrc_literal("url", &url)?));
                lines.push("set spool_file = '+INBOX'".into());
            }
        }
        if let Some(p) = password {
            let key = if i.protocol == Service::Pop3 {
                "pop_pass"
            } else {
                "imap_pass"
            };
            lines.push(format!(
                "set {key} = {}",
                muttrc_literal("password", p.expose())?
            ));
        }
    }
    Ok((lines.join("\n") + "\n").into_bytes())
}
