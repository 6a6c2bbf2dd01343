//! A Thunderbird `user.js` block. Thunderbird re-applies user.js at every start,
//! and `mail.accountmanager.accounts` replaces the whole list: the comments say
//! so, and the guide recommends the autoconfig file instead.

use super::ExportError;
use super::text::one_line;
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// Socket type: 0 plain, 2 STARTTLS, 3 SSL/TLS.
pub(super) fn socket(s: Security) -> u8 {
    match s {
        Security::ImplicitTls => 3,
        Security::StartTls => 2,
        Security::None => 0,
    }
}

fn auth(a: AuthMethod) -> u8 {
    match a {
        AuthMethod::Plain | AuthMethod::Login => 3,
        AuthMethod::CramMd5 => 4,
        AuthMethod::None => 1,
    }
}

/// A JavaScript string literal (JSON strings are valid JS).
fn js(field: &'static str, v: &str) -> Result<String, ExportError> {
    Ok(serde_json::to_string(one_line(field, v)?).expect("strings serialize"))
}

pub fn render(a: &AccountSettings) -> Result<Vec<u8>, ExportError> {
    let inc = a.incoming.as_ref().expect("checked by export::render");
    let o = &a.outgoing;
    let kind = if inc.protocol == Service::Pop3 {
        "pop3"
    } else {
        "imap"
    };
    let mut lines = vec![
        "// Written by mailsetup. Thunderbird reads user.js at every start.".to_string(),
        "// CAUTION: mail.accountmanager.accounts replaces the whole account list; if".to_string(),
        "// you already have accounts, add their ids (e.g. account1,account2) in front."
            .to_string(),
    ];
    let mut pref = |k: &str, v: String| lines.push(format!("user_pref(\"{k}\", {v});"));
    pref("mail.smtpservers", js("id", "smtp_mailsetup")?);
    pref("mail.smtp.defaultserver", js("id", "smtp_mailsetup")?);
    let s = "mail.smtpserver.smtp_mailsetup";
    pref(&format!("{s}.hostname"), js("host", &o.host)?);
    pref(&format!("{s}.port"), o.port.to_string());
    pref(&format!("{s}.username"), js("username", &o.username)?);
    pref(&format!("{s}.description"), js("host", &o.host)?);
    pref(&format!("{s}.type"), js("type", "smtp")?);
    pref(&format!("{s}.try_ssl"), socket(o.security).to_string());
    pref(&format!("{s}.authMethod"), auth(o.auth).to_string());
    let v = "mail.server.server_mailsetup";
    pref(&format!("{v}.type"), js("type", kind)?);
    pref(&format!("{v}.hostname"), js("host", &inc.host)?);
    pref(&format!("{v}.port"), inc.port.to_string());
    pref(&format!("{v}.userName"), js("username", &inc.username)?);
    pref(&format!("{v}.socketType"), socket(inc.security).to_string());
    pref(&format!("{v}.authMethod"), auth(inc.auth).to_string());
    pref(&format!("{v}.name"), js("email", &a.email)?);
    let i = "mail.identity.id_mailsetup";
    pref(&format!("{i}.useremail"), js("email", &a.email)?);
    pref(&format!("{i}.fullName"), js("name", &a.name)?);
    pref(&format!("{i}.smtpServer"), js("id", "smtp_mailsetup")?);
    pref(&format!("{i}.valid"), "true".into());
    let ac = "mail.account.account_mailsetup";
    pref(&format!("{ac}.server"), js("id", "server_mailsetup")?);
    pref(&format!("{ac}.identities"), js("id", "id_mailsetup")?);
    pref(
        "mail.accountmanager.accounts",
        js("id", "account_mailsetup")?,
    );
    pref(
        "mail.accountmanager.defaultaccount",
        js("id", "account_mailsetup")?,
    );
    Ok((lines.join("\n") + "\n").into_bytes())
}
