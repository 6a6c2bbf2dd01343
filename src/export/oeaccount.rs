//! Windows Mail / Windows Live Mail account file (.oeaccount): UTF-16 XML,
//! DWORDs in hex without 0x. It cannot carry a password (BINARY must be 0).

use super::ExportError;
use super::text::xml_text;
use super::{Format, FormatSpec, Group, Note};
use crate::model::{PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "oeaccount",
    label: Words {
        ja: "Windows メール／Windows Live メール",
        en: "Windows Mail / Windows Live Mail",
    },
    summary: Words {
        ja: "Windows メールの［アカウントのインポート］で読み込むファイルです。",
        en: "A file to load with Import account in Windows Mail.",
    },
    group: Group::Computer,
    file_use: Some(Words {
        ja: "Windows メールまたは Windows Live メールの「アカウントのインポート」で、保存したファイルを選びます。パスワードはその後で入力します。",
        en: "In Windows Mail or Windows Live Mail, import an account and choose the saved file. Type the password there afterwards.",
    }),
    file_name: "mail.oeaccount",
    needs_incoming: true,
    password: PasswordSupport::Never,
    guide: None,
    note: Note::None,
    render: |i| render(i.account),
});

fn sz(out: &mut String, name: &str, field: &'static str, v: &str) -> Result<(), ExportError> {
    // An empty SZ is written as 0.
    let v = if v.is_empty() {
        "0".to_string()
    } else {
        xml_text(field, v)?
    };
    out.push_str(&format!("  <{name} type=\"SZ\">{v}</{name}>\n"));
    Ok(())
}

fn dword(out: &mut String, name: &str, v: u32) {
    out.push_str(&format!("  <{name} type=\"DWORD\">{v:08x}</{name}>\n"));
}

pub fn render(a: &AccountSettings) -> Result<Vec<u8>, ExportError> {
    let inc = a.incoming.as_ref().expect("checked by export::render");
    let o = &a.outgoing;
    let secure = |s: Security| u32::from(s != Security::None);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-16\" ?>\n<MessageAccount>\n");
    sz(&mut x, "Account_Name", "email", &a.email)?;
    dword(&mut x, "Connection_Type", 3);
    let p = if inc.protocol == Service::Pop3 {
        "POP3"
    } else {
        "IMAP"
    };
    sz(&mut x, &format!("{p}_Server"), "incoming host", &inc.host)?;
    sz(
        &mut x,
        &format!("{p}_User_Name"),
        "incoming username",
        &inc.username,
    )?;
    dword(&mut x, &format!("{p}_Port"), inc.port.into());
    dword(
        &mut x,
        &format!("{p}_Secure_Connection"),
        secure(inc.security),
    );
    // Never SPA (1): a normal password login.
    dword(&mut x, &format!("{p}_Use_Sicily"), 0);
    sz(&mut x, "SMTP_Server", "outgoing host", &o.host)?;
    sz(&mut x, "SMTP_User_Name", "outgoing username", &o.username)?;
    // 3: the SMTP server's own user name and password; 0: no authentication.
    dword(
        &mut x,
        "SMTP_Use_Sicily",
        if o.auth == AuthMethod::None { 0 } else { 3 },
    );
    dword(&mut x, "SMTP_Port", o.port.into());
    dword(&mut x, "SMTP_Secure_Connection", secure(o.security));
    sz(&mut x, "SMTP_Display_Name", "name", &a.name)?;
    sz(&mut x, "SMTP_Email_Address", "email", &a.email)?;
    dword(&mut x, "SMTP_Prompt_for_Password", 0);
    x.push_str("</MessageAccount>\n");
    let mut out = vec![0xFF, 0xFE];
    for unit in x.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    Ok(out)
}
