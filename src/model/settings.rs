//! The proven settings: what the exports and `--from` consume.

use serde::{Deserialize, Serialize};

use super::{AuthMethod, Security, Service, sane_host};

/// A proven server as the exports write it: one type for both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerSettings {
    /// `smtp` for the outgoing server (not written: it is always SMTP),
    /// `imap` or `pop3` for the incoming one.
    #[serde(default = "submission", skip_serializing_if = "is_submission")]
    pub protocol: Service,
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// `plain` covers every "normal password" login (SASL PLAIN, IMAP LOGIN,
    /// POP3 USER/PASS); `cram-md5` is the "encrypted password" one.
    pub auth: AuthMethod,
    pub username: String,
}

fn submission() -> Service {
    Service::Submission
}

fn is_submission(s: &Service) -> bool {
    *s == Service::Submission
}

/// The outgoing server that was proven to work.
pub type OutgoingSettings = ServerSettings;

/// The incoming server (IMAP or POP3) whose login was proven.
pub type IncomingSettings = ServerSettings;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestMessage {
    pub sent: bool,
    pub message_id: Option<String>,
}

/// A whole account as the exports need it: the proven outgoing server and, where
/// one was proven, the incoming server. This is what `export --format json`
/// writes and what `--from` reads back (a `detect --json` document works too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    pub email: String,
    /// The name recipients see.
    #[serde(default)]
    pub name: String,
    pub outgoing: OutgoingSettings,
    #[serde(default)]
    pub incoming: Option<IncomingSettings>,
    /// `false`: not proven — the provider's preset, taken while offline. The
    /// exports say so where their format allows a comment.
    #[serde(default = "proven")]
    pub verified: bool,
}

fn proven() -> bool {
    true
}

/// Why a settings file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    NotJson(String),
    /// A detection result without a proven outgoing server.
    NotProven,
    BadEmail(String),
    BadHost(String),
    BadPort,
    /// The outgoing server is not SMTP, or the incoming one not IMAP or POP3.
    WrongProtocol,
    /// A name or user name with a line break or NUL, which would let it start a
    /// new key or header in the files and messages made from it.
    LineBreak(SettingsField),
}

/// The free-text fields of a settings file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsField {
    Name,
    OutgoingUser,
    IncomingUser,
}

impl AccountSettings {
    /// Read our own JSON (or `detect --json` output) and check every value that
    /// will end up in a file or on the wire.
    pub fn from_json(text: &str) -> Result<AccountSettings, SettingsError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| SettingsError::NotJson(e.to_string()))?;
        if value.get("outgoing").is_some_and(|o| o.is_null()) {
            return Err(SettingsError::NotProven);
        }
        let s: AccountSettings =
            serde_json::from_value(value).map_err(|e| SettingsError::NotJson(e.to_string()))?;
        s.validate()?;
        Ok(s)
    }

    pub fn validate(&self) -> Result<(), SettingsError> {
        crate::account::EmailAddress::parse(&self.email)
            .map_err(|_| SettingsError::BadEmail(self.email.clone()))?;
        let mut texts = vec![
            (SettingsField::Name, &self.name),
            (SettingsField::OutgoingUser, &self.outgoing.username),
        ];
        if let Some(i) = &self.incoming {
            texts.push((SettingsField::IncomingUser, &i.username));
        }
        for (field, text) in texts {
            if text.contains(['\r', '\n', '\0']) {
                return Err(SettingsError::LineBreak(field));
            }
        }
        let incoming_ok = self
            .incoming
            .as_ref()
            .is_none_or(|i| i.protocol.is_incoming());
        if self.outgoing.protocol != Service::Submission || !incoming_ok {
            return Err(SettingsError::WrongProtocol);
        }
        let mut hosts = vec![(&self.outgoing.host, self.outgoing.port)];
        if let Some(i) = &self.incoming {
            hosts.push((&i.host, i.port));
        }
        for (host, port) in hosts {
            if sane_host(host).as_deref() != Some(host.as_str()) {
                return Err(SettingsError::BadHost(host.clone()));
            }
            if port == 0 {
                return Err(SettingsError::BadPort);
            }
        }
        Ok(())
    }

    /// "Name <address>", or the bare address when there is no name.
    pub fn from_line(&self) -> String {
        if self.name.is_empty() {
            self.email.clone()
        } else {
            format!("{} <{}>", self.name, self.email)
        }
    }

    /// The part after the @, as DNS knows it.
    pub fn domain(&self) -> String {
        crate::account::EmailAddress::parse(&self.email)
            .map(|e| e.domain().to_string())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(name: &str, user: &str) -> String {
        serde_json::json!({
            "email": "taro@example.jp",
            "name": name,
            "outgoing": {"host": "smtp.example.jp", "port": 587, "security": "starttls",
                         "auth": "plain", "username": user},
        })
        .to_string()
    }

    #[test]
    fn each_side_must_be_its_own_kind_of_server() {
        let mut doc: serde_json::Value = serde_json::from_str(&json("Taro", "taro")).unwrap();
        let ok = AccountSettings::from_json(&doc.to_string()).unwrap();
        assert_eq!(
            ok.outgoing.protocol,
            Service::Submission,
            "written without it"
        );
        assert!(!serde_json::to_string(&ok).unwrap().contains("protocol"));
        doc["outgoing"]["protocol"] = "imap".into();
        assert_eq!(
            AccountSettings::from_json(&doc.to_string()),
            Err(SettingsError::WrongProtocol)
        );
        doc["outgoing"]["protocol"] = "smtp".into();
        doc["incoming"] = serde_json::json!({"protocol": "smtp", "host": "mail.example.jp",
            "port": 993, "security": "implicit-tls", "auth": "plain", "username": "taro"});
        assert_eq!(
            AccountSettings::from_json(&doc.to_string()),
            Err(SettingsError::WrongProtocol)
        );
        doc["incoming"]["protocol"] = "pop3".into();
        assert!(AccountSettings::from_json(&doc.to_string()).is_ok());
    }

    #[test]
    fn line_breaks_and_nul_in_names_are_refused() {
        assert!(AccountSettings::from_json(&json("Yamada, \"Taro\" `x` $Y", "t'a;#%")).is_ok());
        for bad in ["a\nb", "a\rb", "a\0b"] {
            assert_eq!(
                AccountSettings::from_json(&json(bad, "taro")),
                Err(SettingsError::LineBreak(SettingsField::Name))
            );
            assert_eq!(
                AccountSettings::from_json(&json("Taro", bad)),
                Err(SettingsError::LineBreak(SettingsField::OutgoingUser))
            );
        }
    }
}
