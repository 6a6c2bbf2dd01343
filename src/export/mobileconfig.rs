//! Apple configuration profile (.mobileconfig) with one mail payload, for Apple
//! Mail, iPhone and iPad. Unsigned. The identifiers are derived from the address,
//! so importing a new profile for the same account updates it in place.

use plist::{Dictionary, Value};

use super::ExportError;
use super::text::one_line;
use super::{Format, FormatSpec, Group, Note};
use crate::account::Password;
use crate::model::Unwritable;
use crate::model::{Client, PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "mobileconfig",
    label: Words {
        ja: "iPhone／iPad／Mac のメール",
        en: "iPhone / iPad / Mac Mail",
    },
    summary: Words {
        ja: "iPhone・iPad・Mac で開いてインストールすると、アカウントが追加されます。",
        en: "Open and install it on the iPhone, iPad or Mac: the account is added.",
    },
    group: Group::Phone,
    file_use: None,
    file_name: "mail.mobileconfig",
    needs_incoming: true,
    password: PasswordSupport::Optional,
    guide: Some(Client::Iphone),
    note: Note::XmlComment,
    render: |i| render(i.account, i.password),
});

fn auth(a: AuthMethod) -> &'static str {
    match a {
        AuthMethod::Plain | AuthMethod::Login => "EmailAuthPassword",
        AuthMethod::CramMd5 => "EmailAuthCRAMMD5",
        AuthMethod::None => "EmailAuthNone",
    }
}

/// A stable UUID for this account and purpose (UUID v5 in a fixed namespace).
fn stable_uuid(email: &str, purpose: &str) -> String {
    const NS: uuid::Uuid = uuid::Uuid::from_u128(0x6d61_696c_7365_7475_7000_0000_0000_0001);
    uuid::Uuid::new_v5(
        &NS,
        format!("{purpose}:{}", email.to_lowercase()).as_bytes(),
    )
    .to_string()
    .to_uppercase()
}

pub fn render(a: &AccountSettings, password: Option<&Password>) -> Result<Vec<u8>, ExportError> {
    let inc = a.incoming.as_ref().expect("checked by export::render");
    let o = &a.outgoing;
    let s = |field: &'static str, v: &str| -> Result<Value, ExportError> {
        Ok(Value::String(one_line(field, v)?.to_string()))
    };
    let id = stable_uuid(&a.email, "account");
    let mut mail = Dictionary::new();
    mail.insert("PayloadType".into(), "com.apple.mail.managed".into());
    mail.insert("PayloadVersion".into(), 1.into());
    mail.insert(
        "PayloadIdentifier".into(),
        format!("jp.mailsetup.mail.{id}").into(),
    );
    mail.insert("PayloadUUID".into(), stable_uuid(&a.email, "mail").into());
    mail.insert("PayloadDisplayName".into(), s("email", &a.email)?);
    let kind = if inc.protocol == Service::Pop3 {
        "EmailTypePOP"
    } else {
        "EmailTypeIMAP"
    };
    mail.insert("EmailAccountType".into(), kind.into());
    mail.insert("EmailAccountDescription".into(), s("email", &a.email)?);
    mail.insert("EmailAccountName".into(), s("name", &a.name)?);
    mail.insert("EmailAddress".into(), s("email", &a.email)?);
    mail.insert("IncomingMailServerHostName".into(), s("host", &inc.host)?);
    mail.insert(
        "IncomingMailServerPortNumber".into(),
        u64::from(inc.port).into(),
    );
    mail.insert(
        "IncomingMailServerUseSSL".into(),
        (inc.security != Security::None).into(),
    );
    mail.insert(
        "IncomingMailServerUsername".into(),
        s("username", &inc.username)?,
    );
    mail.insert(
        "IncomingMailServerAuthentication".into(),
        auth(inc.auth).into(),
    );
    mail.insert("OutgoingMailServerHostName".into(), s("host", &o.host)?);
    mail.insert(
        "OutgoingMailServerPortNumber".into(),
        u64::from(o.port).into(),
    );
    mail.insert(
        "OutgoingMailServerUseSSL".into(),
        (o.security != Security::None).into(),
    );
    mail.insert(
        "OutgoingMailServerUsername".into(),
        s("username", &o.username)?,
    );
    mail.insert(
        "OutgoingMailServerAuthentication".into(),
        auth(o.auth).into(),
    );
    if let Some(p) = password {
        mail.insert("IncomingPassword".into(), p.expose().into());
        mail.insert("OutgoingPasswordSameAsIncomingPassword".into(), true.into());
    }
    let mut top = Dictionary::new();
    top.insert("PayloadType".into(), "Configuration".into());
    top.insert("PayloadVersion".into(), 1.into());
    top.insert(
        "PayloadIdentifier".into(),
        format!("jp.mailsetup.{id}").into(),
    );
    top.insert("PayloadUUID".into(), id.into());
    top.insert(
        "PayloadDisplayName".into(),
        format!("Mail: {}", a.email).into(),
    );
    top.insert("PayloadOrganization".into(), "mailsetup".into());
    top.insert("PayloadScope".into(), "User".into());
    top.insert(
        "PayloadContent".into(),
        Value::Array(vec![Value::Dictionary(mail)]),
    );
    let mut out = Vec::new();
    Value::Dictionary(top)
        .to_writer_xml(&mut out)
        .map_err(|e| ExportError::Unrepresentable {
            field: "profile",
            reason: Unwritable::Refused(e.to_string()),
        })?;
    Ok(out)
}
