//! What a server announces in its EHLO reply. lettre's `ServerInfo` silently drops
//! AUTH mechanisms it does not implement (CRAM-MD5, XOAUTH2), so we read the raw lines.

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Capabilities {
    pub starttls: bool,
    /// AUTH mechanisms, upper case, in the server's order.
    pub auth: Vec<String>,
    pub smtputf8: bool,
    pub size: Option<u64>,
}

impl Capabilities {
    /// `lines`: the EHLO reply's text lines; the first is the server's greeting name.
    pub fn parse<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut caps = Capabilities::default();
        for line in lines.into_iter().skip(1) {
            let upper = line.trim().to_ascii_uppercase();
            let mut words = upper.split([' ', '=']).filter(|w| !w.is_empty());
            match words.next() {
                Some("STARTTLS") => caps.starttls = true,
                Some("SMTPUTF8") => caps.smtputf8 = true,
                Some("SIZE") => caps.size = words.next().and_then(|n| n.parse().ok()),
                Some("AUTH") => {
                    for m in words {
                        if !caps.auth.iter().any(|a| a == m) {
                            caps.auth.push(m.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
        caps
    }

    pub fn offers(&self, mechanism: &str) -> bool {
        self.auth.iter().any(|m| m == mechanism)
    }

    /// Only token-based (OAuth) login is offered: a password will not work.
    pub fn oauth_only(&self) -> bool {
        !self.auth.is_empty()
            && self
                .auth
                .iter()
                .all(|m| m == "XOAUTH2" || m == "OAUTHBEARER")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_raw_ehlo() {
        let c = Capabilities::parse([
            "mail.example.jp",
            "PIPELINING",
            "SIZE 10240000",
            "auth plain LOGIN CRAM-MD5",
            "AUTH=PLAIN LOGIN",
            "STARTTLS",
        ]);
        assert!(c.starttls);
        assert_eq!(c.auth, vec!["PLAIN", "LOGIN", "CRAM-MD5"]);
        assert_eq!(c.size, Some(10240000));
        assert!(c.offers("CRAM-MD5"));
        assert!(!c.oauth_only());
        // The greeting line is not a capability.
        assert!(!Capabilities::parse(["STARTTLS"]).starttls);
    }

    #[test]
    fn oauth_only() {
        let c = Capabilities::parse(["x", "AUTH XOAUTH2 OAUTHBEARER"]);
        assert!(c.oauth_only());
    }
}
