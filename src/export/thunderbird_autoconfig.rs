//! Thunderbird's autoconfig file (config-v1.1.xml): the safest way to hand
//! Thunderbird a whole account (install it as `<install dir>/isp/<domain>.xml`).

use super::ExportError;
use super::text::xml_text;
use super::{Format, FormatSpec, Group, Note};
use crate::model::{Client, PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "thunderbird-autoconfig",
    label: Words {
        ja: "Thunderbird（設定ファイル）",
        en: "Thunderbird (settings file)",
    },
    summary: Words {
        ja: "Thunderbird が読む設定ファイルです。Thunderbird の isp フォルダーに置きます。",
        en: "A settings file Thunderbird reads: it goes in Thunderbird's isp folder.",
    },
    group: Group::Computer,
    file_use: None,
    file_name: "config-v1.1.xml",
    needs_incoming: true,
    password: PasswordSupport::Never,
    guide: Some(Client::Thunderbird),
    note: Note::XmlComment,
    render: |i| render(i.account),
});

pub fn socket_type(s: Security) -> &'static str {
    match s {
        Security::ImplicitTls => "SSL",
        Security::StartTls => "STARTTLS",
        Security::None => "plain",
    }
}

pub fn authentication(a: AuthMethod) -> &'static str {
    match a {
        AuthMethod::Plain | AuthMethod::Login => "password-cleartext",
        AuthMethod::CramMd5 => "password-encrypted",
        AuthMethod::None => "none",
    }
}

fn server(
    tag: &str,
    kind: &str,
    host: &str,
    port: u16,
    security: Security,
    auth: AuthMethod,
    user: &str,
) -> Result<String, ExportError> {
    Ok(format!(
        "    <{tag} type=\"{kind}\">\n      <hostname>{}</hostname>\n      <port>{port}</port>\n      \
         <socketType>{}</socketType>\n      <authentication>{}</authentication>\n      \
         <username>{}</username>\n    </{tag}>\n",
        xml_text("host", host)?,
        socket_type(security),
        authentication(auth),
        xml_text("username", user)?,
    ))
}

pub fn render(a: &AccountSettings) -> Result<Vec<u8>, ExportError> {
    let domain = a.domain();
    let inc = a.incoming.as_ref().expect("checked by export::render");
    let kind = if inc.protocol == Service::Pop3 {
        "pop3"
    } else {
        "imap"
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<!-- Written by mailsetup from settings it proved to work. -->\n");
    out.push_str("<clientConfig version=\"1.1\">\n");
    out.push_str(&format!(
        "  <emailProvider id=\"{d}\">\n    <domain>{d}</domain>\n    <displayName>{d}</displayName>\n",
        d = xml_text("domain", &domain)?
    ));
    out.push_str(&server(
        "incomingServer",
        kind,
        &inc.host,
        inc.port,
        inc.security,
        inc.auth,
        &inc.username,
    )?);
    let o = &a.outgoing;
    out.push_str(&server(
        "outgoingServer",
        "smtp",
        &o.host,
        o.port,
        o.security,
        o.auth,
        &o.username,
    )?);
    out.push_str("  </emailProvider>\n</clientConfig>\n");
    Ok(out.into_bytes())
}
