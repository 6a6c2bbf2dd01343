//! E-mail address parsing for people, not for RFC lawyers: accepts what real users
//! have (including legacy Japanese mobile addresses such as `taro.@docomo.ne.jp`),
//! converts internationalized domains to punycode, and says exactly what to fix.

use std::fmt;

/// Why an address was not accepted. Each variant maps to one sentence in `i18n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressError {
    Empty,
    NoAt,
    TooManyAt,
    EmptyLocalPart,
    EmptyDomain,
    /// Spaces, control characters or characters no mail server accepts.
    BadCharacterInLocalPart(char),
    NonAsciiLocalPart,
    BadDomain(String),
    DomainWithoutDot(String),
    TooLong,
}

/// A parsed, checked address. `domain_ascii` is what DNS and SMTP see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress {
    local: String,
    domain_unicode: String,
    domain_ascii: String,
}

/// Characters allowed in an unquoted RFC 5322 dot-atom, apart from letters and digits.
const ATEXT_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, AddressError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(AddressError::Empty);
        }
        // Users paste addresses with full-width @ from Japanese IMEs.
        let normalized = input.replace('＠', "@");
        let at_count = normalized.matches('@').count();
        if at_count == 0 {
            return Err(AddressError::NoAt);
        }
        if at_count > 1 {
            return Err(AddressError::TooManyAt);
        }
        let (local, domain) = normalized.split_once('@').expect("one @ checked above");
        if local.is_empty() {
            return Err(AddressError::EmptyLocalPart);
        }
        if domain.is_empty() {
            return Err(AddressError::EmptyDomain);
        }
        if local.len() > 64 || normalized.len() > 254 {
            return Err(AddressError::TooLong);
        }
        if !local.is_ascii() {
            return Err(AddressError::NonAsciiLocalPart);
        }
        if let Some(c) = local
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || ATEXT_SPECIALS.contains(*c) || *c == '.'))
        {
            return Err(AddressError::BadCharacterInLocalPart(c));
        }
        let domain_unicode = domain.trim_end_matches('.').to_lowercase();
        let domain_ascii = idna::domain_to_ascii(&domain_unicode)
            .map_err(|_| AddressError::BadDomain(domain_unicode.clone()))?;
        if domain_ascii.is_empty()
            || domain_ascii.len() > 253
            || domain_ascii
                .split('.')
                .any(|l| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-'))
            || !domain_ascii
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        {
            return Err(AddressError::BadDomain(domain_unicode));
        }
        if !domain_ascii.contains('.') {
            return Err(AddressError::DomainWithoutDot(domain_unicode));
        }
        Ok(EmailAddress {
            local: local.to_string(),
            domain_unicode,
            domain_ascii,
        })
    }

    pub fn local_part(&self) -> &str {
        &self.local
    }

    /// The domain as DNS and SMTP need it (punycode).
    pub fn domain(&self) -> &str {
        &self.domain_ascii
    }

    /// The domain as the user typed it (may be Unicode), for display.
    pub fn domain_display(&self) -> &str {
        &self.domain_unicode
    }

    /// Whether the local part is a valid dot-atom. Legacy Japanese mobile
    /// addresses (`taro.`, `ta..ro`) are not, and must be quoted on the wire.
    pub fn local_is_dot_atom(&self) -> bool {
        !self.local.starts_with('.') && !self.local.ends_with('.') && !self.local.contains("..")
    }

    /// The local part as it must appear in SMTP paths and headers (RFC 5321 §4.1.2):
    /// quoted when it is not a dot-atom.
    pub fn local_for_wire(&self) -> String {
        if self.local_is_dot_atom() {
            self.local.clone()
        } else {
            let escaped = self.local.replace('\\', "\\\\").replace('"', "\\\"");
            format!("\"{escaped}\"")
        }
    }

    /// `local@punycode-domain`, quoted where needed: what goes into MAIL FROM / RCPT TO.
    pub fn to_wire(&self) -> String {
        format!("{}@{}", self.local_for_wire(), self.domain_ascii)
    }

    /// Is `host` the user's domain or inside it?
    pub fn domain_covers(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        host == self.domain_ascii || host.ends_with(&format!(".{}", self.domain_ascii))
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain_unicode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_address() {
        let a = EmailAddress::parse(" Taro@Example.NE.JP ").unwrap();
        assert_eq!(a.local_part(), "Taro");
        assert_eq!(a.domain(), "example.ne.jp");
        assert_eq!(a.to_wire(), "Taro@example.ne.jp");
    }

    #[test]
    fn legacy_japanese_mobile_addresses_are_accepted_and_quoted() {
        let a = EmailAddress::parse("taro.@docomo.ne.jp").unwrap();
        assert_eq!(a.to_wire(), "\"taro.\"@docomo.ne.jp");
        let b = EmailAddress::parse("ta..ro@ezweb.ne.jp").unwrap();
        assert_eq!(b.to_wire(), "\"ta..ro\"@ezweb.ne.jp");
        let c = EmailAddress::parse(".taro@ezweb.ne.jp").unwrap();
        assert!(!c.local_is_dot_atom());
    }

    #[test]
    fn idn_domain_becomes_punycode() {
        let a = EmailAddress::parse("info@例え.jp").unwrap();
        assert_eq!(a.domain(), "xn--r8jz45g.jp");
        assert_eq!(a.domain_display(), "例え.jp");
    }

    #[test]
    fn full_width_at_is_accepted() {
        let a = EmailAddress::parse("taro＠example.jp").unwrap();
        assert_eq!(a.domain(), "example.jp");
    }

    #[test]
    fn clear_errors() {
        assert_eq!(EmailAddress::parse(""), Err(AddressError::Empty));
        assert_eq!(
            EmailAddress::parse("taro.example.jp"),
            Err(AddressError::NoAt)
        );
        assert_eq!(
            EmailAddress::parse("a@b@c.jp"),
            Err(AddressError::TooManyAt)
        );
        assert_eq!(
            EmailAddress::parse("@c.jp"),
            Err(AddressError::EmptyLocalPart)
        );
        assert_eq!(EmailAddress::parse("a@"), Err(AddressError::EmptyDomain));
        assert_eq!(
            EmailAddress::parse("ta ro@c.jp"),
            Err(AddressError::BadCharacterInLocalPart(' '))
        );
        assert_eq!(
            EmailAddress::parse("taro@localhost"),
            Err(AddressError::DomainWithoutDot("localhost".into()))
        );
        assert!(matches!(
            EmailAddress::parse("taro@exa_mple.jp"),
            Err(AddressError::BadDomain(_))
        ));
        assert_eq!(
            EmailAddress::parse("たろう@example.jp"),
            Err(AddressError::NonAsciiLocalPart)
        );
    }

    #[test]
    fn domain_cover() {
        let a = EmailAddress::parse("taro@example.ne.jp").unwrap();
        assert!(a.domain_covers("smtp.example.ne.jp"));
        assert!(a.domain_covers("example.ne.jp."));
        assert!(!a.domain_covers("badexample.ne.jp"));
        assert!(!a.domain_covers("mail.hoster.jp"));
    }
}
