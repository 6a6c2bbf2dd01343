//! Thunderbird profiles: where they are (profiles.ini in the OS's Thunderbird
//! folder) and what their prefs.js already holds, so that the user.js export
//! adds its account to the user's accounts instead of replacing them.

pub use crate::model::ProfileError;

use std::path::{Path, PathBuf};

/// prefs.js files bigger than this are not read (real ones are tens of KiB).
const MAX_PREFS_BYTES: u64 = 16 * 1024 * 1024;

/// One profile listed in profiles.ini.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub dir: PathBuf,
    /// Thunderbird starts with this one.
    pub default: bool,
}

/// The folders Thunderbird keeps profiles.ini in, on this OS.
pub fn usual_dirs() -> Vec<PathBuf> {
    let Some(base) = directories::BaseDirs::new() else {
        return Vec::new();
    };
    if cfg!(windows) {
        vec![base.config_dir().join("Thunderbird")]
    } else if cfg!(target_os = "macos") {
        vec![base.home_dir().join("Library/Thunderbird")]
    } else {
        vec![
            base.home_dir().join(".thunderbird"),
            // Thunderbird 128+ may follow XDG, and the Snap and Flatpak builds
            // keep their own.
            base.config_dir().join("thunderbird"),
            base.home_dir().join("snap/thunderbird/common/.thunderbird"),
            base.home_dir()
                .join(".var/app/org.mozilla.Thunderbird/.thunderbird"),
        ]
    }
}

/// Every profile listed in the profiles.ini of `dirs` whose folder holds a
/// prefs.js (none when Thunderbird was never run).
pub fn find(dirs: &[PathBuf]) -> Vec<Profile> {
    let mut out = Vec::new();
    for root in dirs {
        if let Ok(text) = std::fs::read_to_string(root.join("profiles.ini")) {
            for p in parse_profiles_ini(&text, root) {
                if p.dir.join("prefs.js").is_file() && !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// The `[ProfileN]` sections of a profiles.ini (paths made absolute), and
/// which one an `[Install…]` section names as its default.
pub fn parse_profiles_ini(text: &str, root: &Path) -> Vec<Profile> {
    let mut sections: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push((name.to_string(), Vec::new()));
        } else if let Some((k, v)) = line.split_once('=')
            && let Some((_, entries)) = sections.last_mut()
        {
            entries.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let get = |entries: &[(String, String)], key: &str| {
        entries
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.clone())
    };
    let install_default: Vec<String> = sections
        .iter()
        .filter(|(name, _)| name.starts_with("Install"))
        .filter_map(|(_, e)| get(e, "Default"))
        .collect();
    sections
        .iter()
        .filter(|(name, _)| name.starts_with("Profile"))
        .filter_map(|(_, e)| {
            let path = get(e, "Path")?;
            let relative = get(e, "IsRelative").is_none_or(|v| v == "1");
            let dir = if relative {
                root.join(&path)
            } else {
                PathBuf::from(&path)
            };
            let default = install_default.contains(&path)
                || (install_default.is_empty() && get(e, "Default").as_deref() == Some("1"));
            Some(Profile {
                name: get(e, "Name").unwrap_or_else(|| path.clone()),
                dir,
                default,
            })
        })
        .collect()
}

/// What the export needs to know of a profile's prefs.js.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfilePrefs {
    /// `mail.accountmanager.accounts`, in order.
    pub accounts: Vec<String>,
    pub default_account: Option<String>,
    /// `mail.smtpservers`, in order.
    pub smtp_servers: Vec<String>,
    pub default_smtp: Option<String>,
    /// Account id → the address of its first identity.
    pub account_emails: std::collections::HashMap<String, String>,
}

/// Read the account and SMTP server lists from `dir/prefs.js`.
pub fn read(dir: &Path) -> Result<ProfilePrefs, ProfileError> {
    let path = dir.join("prefs.js");
    let meta = std::fs::metadata(&path).map_err(|_| ProfileError::NoPrefs(dir.to_path_buf()))?;
    if !meta.is_file() {
        return Err(ProfileError::NoPrefs(dir.to_path_buf()));
    }
    if meta.len() > MAX_PREFS_BYTES {
        return Err(ProfileError::Unreadable(path, "larger than 16 MiB".into()));
    }
    let bytes =
        std::fs::read(&path).map_err(|e| ProfileError::Unreadable(path.clone(), e.to_string()))?;
    Ok(parse_prefs(&String::from_utf8_lossy(&bytes)))
}

/// The string prefs of a prefs.js or user.js: `user_pref("key", "value");`
/// lines, each side a JavaScript string literal as Thunderbird writes it
/// (which JSON reads). Other lines and non-string values are skipped.
pub fn string_prefs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("user_pref(") else {
            continue;
        };
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<String>();
        let Some(Ok(key)) = values.next() else {
            continue;
        };
        let after_key = &rest[values.byte_offset()..];
        let Some(value_text) = after_key.trim_start().strip_prefix(',') else {
            continue;
        };
        let mut value = serde_json::Deserializer::from_str(value_text).into_iter::<String>();
        if let Some(Ok(v)) = value.next() {
            out.push((key, v));
        }
    }
    out
}

pub fn parse_prefs(text: &str) -> ProfilePrefs {
    let mut p = ProfilePrefs::default();
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    let all: std::collections::HashMap<String, String> = string_prefs(text).into_iter().collect();
    for (k, v) in &all {
        let v = v.as_str();
        match k.as_str() {
            "mail.accountmanager.accounts" => p.accounts = list(v),
            "mail.accountmanager.defaultaccount" => p.default_account = Some(v.to_string()),
            "mail.smtpservers" => p.smtp_servers = list(v),
            "mail.smtp.defaultserver" => p.default_smtp = Some(v.to_string()),
            _ => {}
        }
    }
    for account in &p.accounts {
        let email = all
            .get(&format!("mail.account.{account}.identities"))
            .and_then(|ids| ids.split(',').next())
            .and_then(|id| all.get(&format!("mail.identity.{}.useremail", id.trim())));
        if let Some(e) = email {
            p.account_emails.insert(account.clone(), e.clone());
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_thunderbird_prefs() {
        let text = r#"// Mozilla User Preferences
user_pref("mail.accountmanager.accounts", "account1,account2");
user_pref("mail.accountmanager.defaultaccount", "account1");
user_pref("mail.smtpservers", "smtp1");
user_pref("mail.identity.id1.fullName", "Taro \"T\" Yamada");
user_pref("mail.server.server1.port", 993);
"#;
        let p = parse_prefs(text);
        assert_eq!(p.accounts, ["account1", "account2"]);
        assert_eq!(p.default_account.as_deref(), Some("account1"));
        assert_eq!(p.smtp_servers, ["smtp1"]);
        assert_eq!(p.default_smtp, None);
        let all = string_prefs(text);
        assert!(all.contains(&(
            "mail.identity.id1.fullName".into(),
            "Taro \"T\" Yamada".into()
        )));
    }

    #[test]
    fn reads_profiles_ini() {
        let ini = "[Install4F96D1932A9F858E]\nDefault=Profiles/abcd.default-release\nLocked=1\n\n\
                   [Profile1]\nName=default\nIsRelative=1\nPath=Profiles/wxyz.default\n\n\
                   [Profile0]\nName=default-release\nIsRelative=1\nPath=Profiles/abcd.default-release\n\n\
                   [Profile2]\nName=work\nIsRelative=0\nPath=/data/tb/work\n\n[General]\nStartWithLastProfile=1\n";
        let root = Path::new("/home/taro/.thunderbird");
        let p = parse_profiles_ini(ini, root);
        assert_eq!(p.len(), 3);
        assert_eq!(p[1].name, "default-release");
        assert_eq!(p[1].dir, root.join("Profiles/abcd.default-release"));
        assert!(p[1].default && !p[0].default && !p[2].default);
        assert_eq!(p[2].dir, PathBuf::from("/data/tb/work"));
    }
}
