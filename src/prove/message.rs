//! The one test message: from the user to the user, with a proper Date and
//! Message-ID, a localized subject, and a body naming the settings found.
//!
//! Built by hand rather than with lettre's builder: lettre re-parses the From
//! header and rejects legacy Japanese mobile addresses (`"taro."@docomo.ne.jp`),
//! which are valid when quoted (RFC 5322 §3.4.1).

use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

use crate::account::Account;
use crate::i18n::{self, Lang, Text};
use crate::settings::OutgoingSettings;

pub struct TestMail {
    pub bytes: Vec<u8>,
    pub message_id: String,
}

/// Writes `text` as a header value after a field name of `offset` characters:
/// a bare phrase when it is only letters and digits, else a quoted string
/// (RFC 5322: `"Yamada, Taro"` stays one name), else RFC 2047 encoded words,
/// folded at 78 characters. Control characters become spaces first: no value
/// can start a new header line.
fn header_value(text: &str, offset: usize, phrase: bool) -> String {
    use email_encoding::headers::{quoted_string, rfc2047, writer::EmailWriter};
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = String::new();
    {
        let mut w = EmailWriter::new(&mut out, offset, 0, false);
        let written = if phrase {
            quoted_string::encode(&clean, &mut w)
        } else {
            rfc2047::encode(&clean, &mut w)
        };
        // Writing into a String cannot fail.
        debug_assert!(written.is_ok());
    }
    out
}

/// RFC 5322 date-time in UTC.
fn subject(lang: Lang) -> String {
    let text = i18n::text(lang, Text::TestSubject);
    if text.is_ascii() {
        text.to_string()
    } else {
        header_value(text, "Subject: ".len(), false)
    }
}

fn date_now() -> String {
    httpdate::fmt_http_date(SystemTime::now()).replace(" GMT", " +0000")
}

pub fn build(account: &Account, settings: &OutgoingSettings, lang: Lang) -> TestMail {
    let address = account.email.to_wire();
    let name = account.name.trim();
    let mailbox = |field: &str| {
        if name.is_empty() {
            format!("{field}: <{address}>")
        } else {
            let name = header_value(name, field.len() + 2, true);
            format!("{field}: {name} <{address}>")
        }
    };
    let message_id = format!("<{}@{}>", uuid::Uuid::new_v4(), account.email.domain());
    let body = format!(
        "{}\n\n{}\n\n{}\n",
        i18n::text(lang, Text::TestBodyIntro),
        i18n::settings_lines(
            lang,
            &settings.host,
            settings.port,
            settings.security,
            settings.auth,
            &settings.username
        ),
        i18n::text(lang, Text::TestBodyOutro)
    )
    .replace('\n', "\r\n");
    let encoded_body = B64
        .encode(body.as_bytes())
        .as_bytes()
        .chunks(76)
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n");
    let text = format!(
        "Date: {date}\r\n\
         {from}\r\n\
         {to}\r\n\
         Subject: {subject}\r\n\
         Message-ID: {message_id}\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=UTF-8\r\n\
         Content-Transfer-Encoding: base64\r\n\
         User-Agent: mailsetup/{version}\r\n\
         \r\n\
         {encoded_body}\r\n",
        date = date_now(),
        from = mailbox("From"),
        to = mailbox("To"),
        subject = subject(lang),
        version = env!("CARGO_PKG_VERSION"),
    );
    TestMail {
        bytes: text.into_bytes(),
        message_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{EmailAddress, Password};
    use crate::settings::{AuthMethod, Security};

    fn decode_words(s: &str) -> String {
        s.split_whitespace()
            .map(|w| {
                let inner = w
                    .strip_prefix("=?utf-8?b?")
                    .expect("an encoded word")
                    .trim_end_matches("?=");
                String::from_utf8(B64.decode(inner).unwrap()).unwrap()
            })
            .collect()
    }

    #[test]
    fn legacy_address_is_quoted_and_headers_are_complete() {
        let account = Account::new(
            EmailAddress::parse("taro.@docomo.ne.jp").unwrap(),
            Some("山田 太郎".into()),
            None,
            Password::new("x"),
        );
        let settings = OutgoingSettings {
            protocol: crate::model::Service::Submission,
            host: "smtp.docomo.ne.jp".into(),
            port: 587,
            security: Security::StartTls,
            auth: AuthMethod::Plain,
            username: "taro.@docomo.ne.jp".into(),
        };
        let mail = build(&account, &settings, Lang::Ja);
        let text = String::from_utf8(mail.bytes).unwrap();
        assert!(text.contains("<\"taro.\"@docomo.ne.jp>"), "{text}");
        assert!(text.contains("\r\nDate: ") || text.starts_with("Date: "));
        assert!(text.contains(&format!("Message-ID: {}", mail.message_id)));
        // Every header line is short and ASCII, as RFC 5322 wants.
        let head = text.split("\r\n\r\n").next().unwrap();
        assert!(head.is_ascii());
        assert!(head.lines().all(|l| l.len() <= 78), "{head}");
        let subject: String = head
            .split("\r\nSubject: ")
            .nth(1)
            .unwrap()
            .split("\r\nMessage-ID")
            .next()
            .unwrap()
            .to_string();
        assert_eq!(
            decode_words(&subject),
            i18n::text(Lang::Ja, Text::TestSubject)
        );
        let body = text.split("\r\n\r\n").nth(1).unwrap().replace("\r\n", "");
        let body = String::from_utf8(B64.decode(body).unwrap()).unwrap();
        assert!(body.contains("smtp.docomo.ne.jp"));
        assert!(body.contains("587"));
    }

    fn head_of(name: &str) -> String {
        let account = Account::new(
            EmailAddress::parse("taro@example.jp").unwrap(),
            Some(name.into()),
            None,
            Password::new("x"),
        );
        let settings = OutgoingSettings {
            protocol: crate::model::Service::Submission,
            host: "smtp.example.jp".into(),
            port: 587,
            security: Security::StartTls,
            auth: AuthMethod::Plain,
            username: "taro".into(),
        };
        let text = String::from_utf8(build(&account, &settings, Lang::En).bytes).unwrap();
        text.split("\r\n\r\n").next().unwrap().to_string()
    }

    /// Quoted or encoded, never raw (tests/hostile_values.rs reads them back
    /// with Python's mail parser).
    #[test]
    fn names_with_specials_are_never_raw() {
        for name in ["Yamada, Taro", "a\"b\\c <evil@x>; @", "Taro (boss)"] {
            let head = head_of(name);
            let from = head.lines().find(|l| l.starts_with("From: ")).unwrap();
            assert!(!from.contains(name), "{from}");
            assert!(from.ends_with(" <taro@example.jp>"), "{from}");
        }
        assert!(head_of("Taro").contains("\r\nFrom: Taro <taro@example.jp>\r\n"));
    }

    #[test]
    fn header_injection_is_impossible() {
        let head = head_of("Taro\r\nBcc: victim@example.com");
        assert!(
            head.lines().all(|l| !l.starts_with("Bcc")),
            "a name made a header: {head}"
        );
        assert!(head.is_ascii());
    }
}
