//! A Thunderbird `user.js`. Thunderbird applies user.js at every start, and its
//! `mail.accountmanager.accounts` and `mail.smtpservers` replace whole lists.
//! Given the profile's prefs.js, the lists are the user's own plus ours and the
//! user's default account stays the default; without it, the file says plainly
//! that it replaces the lists (and the wizard and CLI say so before saving).

use super::ExportError;
use super::text::one_line;
use super::thunderbird_profile::ProfilePrefs;
use super::{Format, FormatSpec, Group, Note};
use crate::model::{Client, PasswordSupport, Words};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

/// This format, as the registry (`export::Format::ALL`) lists it.
pub const FORMAT: Format = Format(&FormatSpec {
    name: "thunderbird-userjs",
    label: Words {
        ja: "Thunderbird（user.js、上級者向け）",
        en: "Thunderbird (user.js, advanced)",
    },
    summary: Words {
        ja: "Thunderbird のプロファイルフォルダーに置くと、次の起動でアカウントができます。",
        en: "Put in Thunderbird's profile folder, it adds the account at the next start.",
    },
    group: Group::Advanced,
    file_use: Some(Words {
        ja: "Thunderbird を閉じてから、このファイルを user.js としてプロファイルフォルダー（［ヘルプ］→［トラブルシューティング情報］→［プロファイルフォルダー］）に置き、Thunderbird を起動します。アカウントが表示されたら user.js は削除してください（残すと起動のたびに適用されます）。下の手順の config-v1.1.xml の代わりです。",
        en: "Close Thunderbird, put this file as user.js in its profile folder (Help → Troubleshooting Information → Profile Folder), and start Thunderbird again. Once the account shows, delete user.js (Thunderbird applies it at every start). It replaces the config-v1.1.xml of the steps below.",
    }),
    file_name: "user.js",
    needs_incoming: true,
    password: PasswordSupport::Never,
    guide: Some(Client::Thunderbird),
    note: Note::Slashes,
    render: |i| render(i.account, i.profile),
});

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

/// The ids this account gets: `account_mailsetup`, `smtp_mailsetup`, … — or,
/// when the profile already has a mailsetup account for another address,
/// `account_mailsetup2` and so on; the same address keeps its ids (exporting
/// again updates it).
struct Ids {
    account: String,
    server: String,
    smtp: String,
    identity: String,
}

fn ids(profile: &ProfilePrefs, email: &str) -> Ids {
    for n in 1.. {
        let sfx = if n == 1 { String::new() } else { n.to_string() };
        let account = format!("account_mailsetup{sfx}");
        let taken = profile.accounts.contains(&account);
        let same = profile
            .account_emails
            .get(&account)
            .is_some_and(|e| e.eq_ignore_ascii_case(email));
        let smtp = format!("smtp_mailsetup{sfx}");
        if (!taken && !profile.smtp_servers.contains(&smtp)) || same {
            return Ids {
                account,
                server: format!("server_mailsetup{sfx}"),
                smtp,
                identity: format!("id_mailsetup{sfx}"),
            };
        }
    }
    unreachable!("some suffix is free")
}

/// `existing` plus `ours` (once), comma-separated as Thunderbird writes it.
fn joined(existing: &[String], ours: &str) -> String {
    let mut ids: Vec<&str> = existing
        .iter()
        .map(String::as_str)
        .filter(|id| *id != ours)
        .collect();
    ids.push(ours);
    ids.join(",")
}

pub fn render(a: &AccountSettings, profile: Option<&ProfilePrefs>) -> Result<Vec<u8>, ExportError> {
    let inc = a.incoming.as_ref().expect("checked by export::render");
    let o = &a.outgoing;
    let kind = if inc.protocol == Service::Pop3 {
        "pop3"
    } else {
        "imap"
    };
    let mut lines = vec![
        "// Written by mailsetup. Thunderbird applies user.js at every start: once it".to_string(),
        "// has started with this file and shows the account, delete user.js.".to_string(),
    ];
    match profile {
        Some(p) => lines.push(format!(
            "// Made for a profile with {} account(s): they are kept, this one is added.",
            p.accounts.len()
        )),
        None => lines.extend([
            "// CAUTION: made without your profile, so this file REPLACES Thunderbird's"
                .to_string(),
            "// account list and outgoing server list with this account alone. If you".to_string(),
            "// already have accounts, export again with your profile chosen.".to_string(),
        ]),
    }
    let none = ProfilePrefs::default();
    let existing = profile.unwrap_or(&none);
    let id = ids(existing, &a.email);
    let mut pref = |k: &str, v: String| lines.push(format!("user_pref(\"{k}\", {v});"));
    pref(
        "mail.smtpservers",
        js("id", &joined(&existing.smtp_servers, &id.smtp))?,
    );
    if existing.smtp_servers.is_empty() {
        pref("mail.smtp.defaultserver", js("id", &id.smtp)?);
    }
    let s = format!("mail.smtpserver.{}", id.smtp);
    pref(&format!("{s}.hostname"), js("host", &o.host)?);
    pref(&format!("{s}.port"), o.port.to_string());
    pref(&format!("{s}.username"), js("username", &o.username)?);
    pref(&format!("{s}.description"), js("host", &o.host)?);
    pref(&format!("{s}.type"), js("type", "smtp")?);
    pref(&format!("{s}.try_ssl"), socket(o.security).to_string());
    pref(&format!("{s}.authMethod"), auth(o.auth).to_string());
    let v = format!("mail.server.{}", id.server);
    pref(&format!("{v}.type"), js("type", kind)?);
    pref(&format!("{v}.hostname"), js("host", &inc.host)?);
    pref(&format!("{v}.port"), inc.port.to_string());
    pref(&format!("{v}.userName"), js("username", &inc.username)?);
    pref(&format!("{v}.socketType"), socket(inc.security).to_string());
    pref(&format!("{v}.authMethod"), auth(inc.auth).to_string());
    pref(&format!("{v}.name"), js("email", &a.email)?);
    let i = format!("mail.identity.{}", id.identity);
    pref(&format!("{i}.useremail"), js("email", &a.email)?);
    pref(&format!("{i}.fullName"), js("name", &a.name)?);
    pref(&format!("{i}.smtpServer"), js("id", &id.smtp)?);
    pref(&format!("{i}.valid"), "true".into());
    let ac = format!("mail.account.{}", id.account);
    pref(&format!("{ac}.server"), js("id", &id.server)?);
    pref(&format!("{ac}.identities"), js("id", &id.identity)?);
    pref(
        "mail.accountmanager.accounts",
        js("id", &joined(&existing.accounts, &id.account))?,
    );
    // The user's default account stays the default.
    if existing.accounts.is_empty() {
        pref("mail.accountmanager.defaultaccount", js("id", &id.account)?);
    }
    Ok((lines.join("\n") + "\n").into_bytes())
}
