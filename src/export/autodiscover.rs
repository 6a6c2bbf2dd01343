//! Outlook Autodiscover (POX) response, for Outlook 2007 and later. SSL and SPA
//! default to on, so both are always written out.

use super::ExportError;
use super::text::xml_text;
use super::{Format, FormatSpec, Group, Note};
use crate::model::{Client, PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "autodiscover",
    label: Words {
        ja: "Outlook（Microsoft 365／2016 以降）",
        en: "Outlook (Microsoft 365 / 2016 and later)",
    },
    summary: Words {
        ja: "Outlook に入れる値を手順でお見せします。保存する XML は管理者が配布に使うものです。",
        en: "Shows, step by step, what to type into Outlook; the saved XML is for administrators.",
    },
    group: Group::Computer,
    file_use: None,
    file_name: "autodiscover.xml",
    needs_incoming: false,
    password: PasswordSupport::Never,
    guide: Some(Client::Outlook),
    note: Note::XmlComment,
    render: |i| render(i.account),
});

fn protocol(
    kind: &str,
    host: &str,
    port: u16,
    security: Security,
    auth: AuthMethod,
    user: &str,
) -> Result<String, ExportError> {
    let (ssl, enc) = match security {
        Security::ImplicitTls => ("on", "SSL"),
        Security::StartTls => ("on", "TLS"),
        Security::None => ("off", "None"),
    };
    let auth_required = if auth == AuthMethod::None {
        "off"
    } else {
        "on"
    };
    Ok(format!(
        "      <Protocol>\n        <Type>{kind}</Type>\n        <Server>{}</Server>\n        \
         <Port>{port}</Port>\n        <LoginName>{}</LoginName>\n        <SSL>{ssl}</SSL>\n        \
         <Encryption>{enc}</Encryption>\n        <SPA>off</SPA>\n        \
         <AuthRequired>{auth_required}</AuthRequired>\n      </Protocol>\n",
        xml_text("host", host)?,
        xml_text("username", user)?,
    ))
}

pub fn render(a: &AccountSettings) -> Result<Vec<u8>, ExportError> {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">\n");
    x.push_str("  <Response xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">\n");
    x.push_str(
        "    <Account>\n      <AccountType>email</AccountType>\n      <Action>settings</Action>\n",
    );
    if let Some(i) = &a.incoming {
        let kind = if i.protocol == Service::Pop3 {
            "POP3"
        } else {
            "IMAP"
        };
        x.push_str(&protocol(
            kind,
            &i.host,
            i.port,
            i.security,
            i.auth,
            &i.username,
        )?);
    }
    let o = &a.outgoing;
    x.push_str(&protocol(
        "SMTP",
        &o.host,
        o.port,
        o.security,
        o.auth,
        &o.username,
    )?);
    x.push_str("    </Account>\n  </Response>\n</Autodiscover>\n");
    Ok(x.into_bytes())
}
