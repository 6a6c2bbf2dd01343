//! Outlook Express 6 account file (.iaf): a 12-byte header, then records of
//! (u32 field id, u32 length, bytes), strings in the ANSI code page (CP932 on
//! Japanese Windows). Layout and password obfuscation as documented by
//! Win32::Outlook::IAF and the field ids of imnact.h.

use encoding_rs::SHIFT_JIS;

use super::ExportError;
use super::{Format, FormatSpec, Group, Note};
use crate::account::Password;
use crate::model::Unwritable;
use crate::model::{Client, PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "iaf",
    label: Words::same("Outlook Express 6 (.iaf)"),
    summary: Words {
        ja: "Outlook Express 6 の［アカウント］→［インポート］で読み込むファイルです。",
        en: "A file to load with Accounts → Import in Outlook Express 6.",
    },
    group: Group::Computer,
    file_use: None,
    file_name: "mail.iaf",
    needs_incoming: true,
    password: PasswordSupport::Optional,
    guide: Some(Client::OutlookExpress6),
    note: Note::None,
    render: |i| render(i.account, i.password),
});

const HEADER: [u8; 12] = [0x66, 0x4D, 0x41, 0x49, 0, 0, 0x05, 0, 0x01, 0, 0, 0];

pub const ACCOUNT_NAME: u32 = 305464304;
pub const CONNECTION_TYPE: u32 = 305726441;
pub const POP3_SERVER: u32 = 331613168;
pub const POP3_USER_NAME: u32 = 331678704;
pub const POP3_PORT: u32 = 331940841;
pub const POP3_SECURE: u32 = 332006389;
pub const IMAP_SERVER: u32 = 311952368;
pub const IMAP_PORT: u32 = 312280041;
pub const IMAP_SECURE: u32 = 312345589;
pub const SMTP_SERVER: u32 = 338166768;
pub const SMTP_USER_NAME: u32 = 338232304;
pub const SMTP_PASSWORD: u32 = 338297846;
pub const SMTP_AUTH_METHOD: u32 = 338428905;
pub const SMTP_PORT: u32 = 338494441;
pub const SMTP_SECURE: u32 = 338559989;
pub const SMTP_DISPLAY_NAME: u32 = 338691056;
pub const SMTP_EMAIL: u32 = 338822128;
pub const SMTP_PASSWORD_PROMPT: u32 = 339215349;

const PASSWORD_KEY: [u8; 4] = [0x75, 0x18, 0x15, 0x14];

/// `01 01`, u32 length (with NUL), then the NUL-terminated plaintext XORed in
/// 4-byte blocks: the first key block is fixed, each next one is the previous
/// plaintext block; a final partial block uses the last bytes of its key block.
pub fn encode_password(plain: &[u8]) -> Vec<u8> {
    let mut data = plain.to_vec();
    data.push(0);
    let mut out = vec![0x01, 0x01];
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    let mut key = PASSWORD_KEY;
    for chunk in data.chunks(4) {
        let r = chunk.len();
        for (i, b) in chunk.iter().enumerate() {
            out.push(b ^ key[4 - r + i]);
        }
        if r == 4 {
            key.copy_from_slice(chunk);
        }
    }
    out
}

/// The inverse of `encode_password`, without the trailing NUL.
pub fn decode_password(enc: &[u8]) -> Option<Vec<u8>> {
    if enc.len() < 6 || enc[0] != 1 || enc[1] != 1 {
        return None;
    }
    let n = u32::from_le_bytes(enc[2..6].try_into().ok()?) as usize;
    let body = enc.get(6..6 + n)?;
    let mut key = PASSWORD_KEY;
    let mut out = Vec::with_capacity(n);
    for chunk in body.chunks(4) {
        let r = chunk.len();
        let plain: Vec<u8> = chunk
            .iter()
            .enumerate()
            .map(|(i, b)| b ^ key[4 - r + i])
            .collect();
        if r == 4 {
            key.copy_from_slice(&plain);
        }
        out.extend(plain);
    }
    if out.pop() != Some(0) {
        return None;
    }
    Some(out)
}

fn record(out: &mut Vec<u8>, id: u32, data: &[u8]) {
    out.extend_from_slice(&id.to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
}

fn string(out: &mut Vec<u8>, id: u32, field: &'static str, value: &str) -> Result<(), ExportError> {
    super::text::one_line(field, value)?;
    let (bytes, _, unmappable) = SHIFT_JIS.encode(value);
    if unmappable {
        return Err(ExportError::Unrepresentable {
            field,
            reason: Unwritable::NotInCp932,
        });
    }
    let mut data = bytes.into_owned();
    data.push(0);
    record(out, id, &data);
    Ok(())
}

fn dword(out: &mut Vec<u8>, id: u32, v: u32) {
    record(out, id, &v.to_le_bytes());
}

pub fn render(a: &AccountSettings, password: Option<&Password>) -> Result<Vec<u8>, ExportError> {
    let inc = a.incoming.as_ref().expect("checked by export::render");
    let o = &a.outgoing;
    let mut out = HEADER.to_vec();
    string(&mut out, ACCOUNT_NAME, "email", &a.email)?;
    // 3: connect the way Internet Explorer is set up to.
    dword(&mut out, CONNECTION_TYPE, 3);
    let secure = |s: Security| u32::from(s != Security::None);
    match inc.protocol {
        Service::Pop3 => {
            string(&mut out, POP3_SERVER, "incoming host", &inc.host)?;
            string(&mut out, POP3_USER_NAME, "incoming username", &inc.username)?;
            dword(&mut out, POP3_PORT, inc.port.into());
            dword(&mut out, POP3_SECURE, secure(inc.security));
        }
        _ => {
            string(&mut out, IMAP_SERVER, "incoming host", &inc.host)?;
            dword(&mut out, IMAP_PORT, inc.port.into());
            dword(&mut out, IMAP_SECURE, secure(inc.security));
        }
    }
    string(&mut out, SMTP_SERVER, "outgoing host", &o.host)?;
    string(&mut out, SMTP_USER_NAME, "outgoing username", &o.username)?;
    // 3: log on with the SMTP user name and password; 0: no authentication.
    dword(
        &mut out,
        SMTP_AUTH_METHOD,
        if o.auth == AuthMethod::None { 0 } else { 3 },
    );
    dword(&mut out, SMTP_PORT, o.port.into());
    dword(&mut out, SMTP_SECURE, secure(o.security));
    string(&mut out, SMTP_DISPLAY_NAME, "name", &a.name)?;
    string(&mut out, SMTP_EMAIL, "email", &a.email)?;
    if let Some(p) = password {
        let (bytes, _, unmappable) = SHIFT_JIS.encode(p.expose());
        if unmappable {
            return Err(ExportError::Unrepresentable {
                field: "password",
                reason: Unwritable::NotInCp932,
            });
        }
        record(&mut out, SMTP_PASSWORD, &encode_password(&bytes));
    }
    dword(&mut out, SMTP_PASSWORD_PROMPT, 0);
    Ok(out)
}
