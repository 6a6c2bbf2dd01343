//! Outlook profile file (.prf, Outlook 2002–2016 classic): an INI file imported
//! with `outlook.exe /importprf`. The mapping blocks follow the Office
//! Customization Tool's default PRF; the property ids of the account block are
//! not all confirmed by Microsoft's documentation (the guide says so).

use super::ExportError;
use super::text::one_line;
use super::{Format, FormatSpec, Group, Note};
use crate::model::{Client, PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "prf",
    label: Words::same("Outlook 2003–2016 (.prf)"),
    summary: Words {
        ja: "ダブルクリックすると、Outlook の新しいプロファイルに設定が入ります。",
        en: "Double-click it to load the settings into a new Outlook profile.",
    },
    group: Group::Computer,
    file_use: None,
    file_name: "mail.prf",
    needs_incoming: true,
    password: PasswordSupport::Never,
    guide: Some(Client::Outlook2003),
    note: Note::Semicolon,
    render: |i| render(i.account),
});

/// SMTPSecureConnection (Outlook 2007+): 0 none, 1 SSL (implicit), 2 TLS (STARTTLS).
fn secure(s: Security) -> u8 {
    match s {
        Security::ImplicitTls => 1,
        Security::StartTls => 2,
        Security::None => 0,
    }
}

pub fn render(a: &AccountSettings) -> Result<Vec<u8>, ExportError> {
    let inc = a.incoming.as_ref().expect("checked by export::render");
    let o = &a.outgoing;
    let (p, block, kind) = match inc.protocol {
        Service::Pop3 => ("POP3", "I_Mail", "POP3"),
        _ => ("IMAP", "IMAP_I_Mail", "IMAP"),
    };
    let v = |field: &'static str, s: &str| one_line(field, s).map(str::to_string);
    let auth = o.auth != AuthMethod::None;
    let lines = [
        ";Written by mailsetup from settings it proved to work.".to_string(),
        "[General]".into(),
        "Custom=1".into(),
        "ProfileName=mailsetup".into(),
        // A profile of its own that does not become the default: the user's
        // current profile and its accounts stay exactly as they are.
        "DefaultProfile=No".into(),
        "OverwriteProfile=Append".into(),
        "ModifyDefaultProfileIfPresent=FALSE".into(),
        "BackupProfile=No".into(),
        "".into(),
        "[Service List]".into(),
        "Service1=Unicode Personal Folders".into(),
        "".into(),
        "[Internet Account List]".into(),
        format!("Account1={block}"),
        "".into(),
        "[Account1]".into(),
        "UniqueService=No".into(),
        format!("AccountName={}", v("email", &a.email)?),
        format!("DisplayName={}", v("name", &a.name)?),
        format!("EmailAddress={}", v("email", &a.email)?),
        format!("{p}Server={}", v("incoming host", &inc.host)?),
        format!("{p}UserName={}", v("incoming username", &inc.username)?),
        format!("{p}Port={}", inc.port),
        format!("{p}UseSSL={}", u8::from(inc.security != Security::None)),
        format!("{p}UseSPA=0"),
        format!("SMTPServer={}", v("outgoing host", &o.host)?),
        format!("SMTPPort={}", o.port),
        format!("SMTPSecureConnection={}", secure(o.security)),
        format!("SMTPUseSSL={}", u8::from(o.security != Security::None)),
        format!("SMTPUseAuth={}", u8::from(auth)),
        format!("SMTPAuthMethod={}", u8::from(auth)),
        format!("SMTPUserName={}", v("outgoing username", &o.username)?),
        "SMTPUseSPA=0".into(),
        "".into(),
        format!("[{block}]"),
        format!("AccountType={kind}"),
        "AccountName=PT_UNICODE,0x0002".into(),
        "DisplayName=PT_UNICODE,0x000B".into(),
        "EmailAddress=PT_UNICODE,0x000C".into(),
        format!("{p}Server=PT_UNICODE,0x0100"),
        format!("{p}UserName=PT_UNICODE,0x0101"),
        format!("{p}Port=PT_LONG,0x0104"),
        format!("{p}UseSSL=PT_BOOLEAN,0x0105"),
        format!("{p}UseSPA=PT_BOOLEAN,0x0108"),
        "SMTPServer=PT_UNICODE,0x0200".into(),
        "SMTPPort=PT_LONG,0x0201".into(),
        "SMTPUseSSL=PT_BOOLEAN,0x0202".into(),
        "SMTPUseAuth=PT_BOOLEAN,0x0203".into(),
        "SMTPUserName=PT_UNICODE,0x0204".into(),
        "SMTPUseSPA=PT_BOOLEAN,0x0207".into(),
        "SMTPAuthMethod=PT_LONG,0x0208".into(),
        "SMTPSecureConnection=PT_LONG,0x020A".into(),
    ];
    Ok((lines.join("\r\n") + "\r\n").into_bytes())
}
