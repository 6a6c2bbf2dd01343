//! himalaya configuration (config.toml), written with the toml crate so every
//! value is quoted correctly.

use toml::{Table, Value};

use super::ExportError;
use super::text::one_line;
use super::{Format, FormatSpec, Group, Note};
use crate::account::Password;
use crate::model::Unwritable;
use crate::model::{PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "himalaya",
    label: Words::same("himalaya"),
    summary: Words {
        ja: "コマンドラインのメールソフト himalaya の設定（config.toml）です。",
        en: "Settings for the command-line mail program himalaya (config.toml).",
    },
    group: Group::Advanced,
    file_use: Some(Words {
        ja: "himalaya の設定です。~/.config/himalaya/config.toml として置きます。",
        en: "Settings for himalaya: put them in ~/.config/himalaya/config.toml.",
    }),
    file_name: "config.toml",
    needs_incoming: false,
    password: PasswordSupport::Optional,
    guide: None,
    note: Note::Hash,
    render: |i| render(i.account, i.password),
});

fn s(field: &'static str, v: &str) -> Result<Value, ExportError> {
    Ok(Value::String(one_line(field, v)?.to_string()))
}

pub fn render(a: &AccountSettings, password: Option<&Password>) -> Result<Vec<u8>, ExportError> {
    let o = &a.outgoing;
    let mut account = Table::new();
    account.insert("default".into(), Value::Boolean(true));
    account.insert("email".into(), s("email", &a.email)?);
    account.insert("display-name".into(), s("name", &a.name)?);
    let mut smtp = Table::new();
    let scheme = if o.security == Security::ImplicitTls {
        "smtps"
    } else {
        "smtp"
    };
    smtp.insert(
        "server".into(),
        Value::String(format!("{scheme}://{}:{}", o.host, o.port)),
    );
    smtp.insert(
        "starttls".into(),
        Value::Boolean(o.security == Security::StartTls),
    );
    if o.auth != AuthMethod::None {
        let mut plain = Table::new();
        plain.insert("username".into(), s("username", &o.username)?);
        if let Some(p) = password {
            let mut pw = Table::new();
            pw.insert("raw".into(), s("password", p.expose())?);
            plain.insert("password".into(), Value::Table(pw));
        }
        let mut sasl = Table::new();
        sasl.insert("plain".into(), Value::Table(plain));
        smtp.insert("sasl".into(), Value::Table(sasl));
    }
    account.insert("smtp".into(), Value::Table(smtp));
    if let Some(i) = &a.incoming
        && i.protocol == Service::Imap
    {
        let mut imap = Table::new();
        let scheme = if i.security == Security::ImplicitTls {
            "imaps"
        } else {
            "imap"
        };
        imap.insert(
            "server".into(),
            Value::String(format!("{scheme}://{}:{}", i.host, i.port)),
        );
        imap.insert(
            "starttls".into(),
            Value::Boolean(i.security == Security::StartTls),
        );
        let mut plain = Table::new();
        plain.insert("username".into(), s("username", &i.username)?);
        let mut sasl = Table::new();
        sasl.insert("plain".into(), Value::Table(plain));
        imap.insert("sasl".into(), Value::Table(sasl));
        account.insert("imap".into(), Value::Table(imap));
    }
    let mut accounts = Table::new();
    accounts.insert("mailsetup".into(), Value::Table(account));
    let mut root = Table::new();
    root.insert("accounts".into(), Value::Table(accounts));
    let text = toml::to_string(&root).map_err(|e| ExportError::Unrepresentable {
        field: "config",
        reason: Unwritable::Refused(e.to_string()),
    })?;
    Ok(format!("# Written by mailsetup from settings it proved to work.\n{text}").into_bytes())
}
