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

/// RFC 2047 encoded words (UTF-8, base64), each at most 75 characters, folded.
fn encode_words(text: &str) -> String {
    if text.is_ascii() && !text.contains(['"', '\\', '\r', '\n']) && !text.contains("=?") {
        return text.to_string();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        // 39 bytes of UTF-8 become 52 base64 characters, 64 with the wrapper:
        // short enough for "Subject: " on the same 78-character line.
        if chunk.len() + c.len_utf8() > 39 {
            words.push(format!("=?UTF-8?B?{}?=", B64.encode(&chunk)));
            chunk.clear();
        }
        if !c.is_control() {
            chunk.push(c);
        }
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", B64.encode(&chunk)));
    }
    words.join("\r\n ")
}

/// RFC 5322 date-time in UTC.
fn date_now() -> String {
    httpdate::fmt_http_date(SystemTime::now()).replace(" GMT", " +0000")
}

pub fn build(
    account: &Account,
    settings: &OutgoingSettings,
    lang: Lang,
) -> Result<TestMail, String> {
    let address = account.email.to_wire();
    let from = if account.name.is_empty() {
        format!("<{address}>")
    } else {
        format!("{} <{address}>", encode_words(&account.name))
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
         From: {from}\r\n\
         To: {from}\r\n\
         Subject: {subject}\r\n\
         Message-ID: {message_id}\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=UTF-8\r\n\
         Content-Transfer-Encoding: base64\r\n\
         User-Agent: mailsetup/{version}\r\n\
         \r\n\
         {encoded_body}\r\n",
        date = date_now(),
        subject = encode_words(i18n::text(lang, Text::TestSubject)),
        version = env!("CARGO_PKG_VERSION"),
    );
    Ok(TestMail {
        bytes: text.into_bytes(),
        message_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{EmailAddress, Password};
    use crate::settings::{AuthMethod, Security};

    fn decode_words(s: &str) -> String {
        s.split_whitespace()
            .map(|w| {
                let inner = w.trim_start_matches("=?UTF-8?B?").trim_end_matches("?=");
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
            host: "smtp.docomo.ne.jp".into(),
            port: 587,
            security: Security::StartTls,
            auth: AuthMethod::Plain,
            username: "taro.@docomo.ne.jp".into(),
        };
        let mail = build(&account, &settings, Lang::Ja).unwrap();
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

    #[test]
    fn header_injection_is_impossible() {
        assert_eq!(encode_words("Taro"), "Taro");
        let evil = encode_words("Taro\r\nBcc: victim@example.com");
        assert!(!evil.contains('\n') || evil.lines().skip(1).all(|l| l.starts_with(' ')));
        assert!(!evil.contains("Bcc:"));
    }
}
