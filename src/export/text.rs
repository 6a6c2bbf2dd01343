//! Escaping and checks shared by the text formats.

use super::ExportError;
use crate::model::Unwritable;

/// Line-based formats cannot hold line breaks or other control characters.
pub fn one_line<'a>(field: &'static str, value: &'a str) -> Result<&'a str, ExportError> {
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(ExportError::Unrepresentable {
            field,
            reason: Unwritable::ControlCharacter(c),
        });
    }
    Ok(value)
}

/// A double-quoted string with backslash escapes (git config).
pub fn quoted(field: &'static str, value: &str) -> Result<String, ExportError> {
    let v = one_line(field, value)?;
    Ok(format!(
        "\"{}\"",
        v.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

/// An msmtp argument: msmtp takes the rest of the line and strips one pair of
/// surrounding double quotes, with no escapes inside (`"a\\b"` would log in as
/// `a\\b`, measured), so the value goes between quotes as it is.
pub fn msmtp_arg(field: &'static str, value: &str) -> Result<String, ExportError> {
    Ok(format!("\"{}\"", one_line(field, value)?))
}

/// A muttrc value NeoMutt reads literally. Inside double quotes muttrc runs
/// `` `commands` `` and expands `$VARIABLES`; inside single quotes it does
/// neither. A `'` ends the quote, is added escaped outside it, and the quote is
/// reopened (`'it'\''s'`), which muttrc joins into one value.
pub fn muttrc_literal(field: &'static str, value: &str) -> Result<String, ExportError> {
    let v = one_line(field, value)?;
    Ok(format!("'{}'", v.replace('\'', r"'\''")))
}

/// XML/HTML text and attribute escaping.
pub fn xml(value: &str) -> String {
    quick_xml::escape::escape(value).into_owned()
}

/// XML cannot carry most control characters at all.
pub fn xml_text(field: &'static str, value: &str) -> Result<String, ExportError> {
    Ok(xml(one_line(field, value)?))
}

/// Percent-encoding for the user part of a URL (`user%40domain`).
pub fn url_user(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(quoted("x", r#"a"b\c"#).unwrap(), r#""a\"b\\c""#);
        assert!(quoted("x", "a\nb").is_err());
        assert_eq!(msmtp_arg("x", r#"a"b\c"#).unwrap(), r#""a"b\c""#);
        assert_eq!(muttrc_literal("x", "a'b`c`$D").unwrap(), r"'a'\''b`c`$D'");
        assert!(muttrc_literal("x", "a\rb").is_err());
        assert_eq!(xml("<&>\"'"), "&lt;&amp;&gt;&quot;&apos;");
        assert_eq!(url_user("taro@example.jp"), "taro%40example.jp");
        assert_eq!(url_user("a b/c"), "a%20b%2Fc");
    }
}
