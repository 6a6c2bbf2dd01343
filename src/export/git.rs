//! git send-email settings (a [sendemail] block for ~/.gitconfig).

use super::ExportError;
use super::text::quoted;
use crate::account::Password;
use crate::settings::{AccountSettings, AuthMethod, Security};

pub fn render(a: &AccountSettings, password: Option<&Password>) -> Result<Vec<u8>, ExportError> {
    let o = &a.outgoing;
    let from = a.from_line();
    let mut lines = vec![
        "# Written by mailsetup from settings it proved to work.".to_string(),
        "[sendemail]".into(),
        format!("\tsmtpServer = {}", o.host),
        format!("\tsmtpServerPort = {}", o.port),
    ];
    match o.security {
        Security::ImplicitTls => lines.push("\tsmtpEncryption = ssl".into()),
        Security::StartTls => lines.push("\tsmtpEncryption = tls".into()),
        Security::None => {}
    }
    let auth = match o.auth {
        // Proven with CRAM-MD5; PLAIN and LOGIN (over TLS) are the fallback
        // for a git whose Perl lacks Digest::HMAC.
        AuthMethod::CramMd5 => "CRAM-MD5 PLAIN LOGIN",
        AuthMethod::Plain => "PLAIN",
        AuthMethod::Login => "LOGIN",
        AuthMethod::None => "none",
    };
    lines.push(format!("\tsmtpAuth = {auth}"));
    if o.auth != AuthMethod::None {
        lines.push(format!("\tsmtpUser = {}", quoted("username", &o.username)?));
    }
    if let Some(p) = password {
        lines.push(format!("\tsmtpPass = {}", quoted("password", p.expose())?));
    }
    lines.push(format!("\tfrom = {}", quoted("name", &from)?));
    Ok((lines.join("\n") + "\n").into_bytes())
}
