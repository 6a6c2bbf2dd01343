//! The ISP's branding and support contacts inside a preset, in mailsetup's own
//! XML namespace so that Thunderbird still reads the file (it ignores elements
//! it does not know):
//!
//! ```xml
//! <emailProvider id="example.ne.jp" xmlns:ms="urn:mailsetup:preset:1">
//!   ...
//!   <ms:branding>
//!     <ms:name xml:lang="ja">エグザンプル・ネット</ms:name>
//!     <ms:name xml:lang="en">Example Net</ms:name>
//!     <ms:logo>mailsetup-preset.png</ms:logo>
//!     <ms:welcome xml:lang="ja">…</ms:welcome>
//!     <ms:support>
//!       <ms:name xml:lang="ja">エグザンプル・サポートセンター</ms:name>
//!       <ms:phone>0120-000-000</ms:phone>
//!       <ms:hours xml:lang="ja">平日 9時〜18時</ms:hours>
//!       <ms:url>https://support.example.ne.jp/</ms:url>
//!       <ms:email>support@example.ne.jp</ms:email>
//!     </ms:support>
//!     <ms:defaultExport>thunderbird-autoconfig</ms:defaultExport>
//!   </ms:branding>
//! </emailProvider>
//! ```
//!
//! Each text may be given per language (`xml:lang="ja"` / `"en"`, or none for
//! both); the other language is used when one is missing. `preset check`
//! validates all of it.

#[cfg(test)]
use crate::model::Lang;
pub use crate::model::{Branding, Localized, Support};

pub const NAMESPACE: &str = "urn:mailsetup:preset:1";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// Longest text kept from the branding (a line on Welcome, not an essay).
const MAX_TEXT: usize = 300;

fn ours<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|n| n.tag_name().namespace() == Some(NAMESPACE) && n.tag_name().name() == name)
        .collect()
}

/// Text without control characters, bounded.
fn clean(node: roxmltree::Node) -> Option<String> {
    let t: String = node
        .text()?
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_TEXT)
        .collect();
    (!t.is_empty()).then_some(t)
}

fn localized(node: roxmltree::Node, name: &str) -> Localized {
    let mut l = Localized::default();
    for n in ours(node, name) {
        let Some(text) = clean(n) else { continue };
        match n
            .attribute((XML_NS, "lang"))
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some(lang) if lang.starts_with("ja") => l.ja = l.ja.or(Some(text)),
            Some(lang) if lang.starts_with("en") => l.en = l.en.or(Some(text)),
            None => {
                l.ja = l.ja.or(Some(text.clone()));
                l.en = l.en.or(Some(text));
            }
            Some(_) => {}
        }
    }
    l
}

fn single(node: roxmltree::Node, name: &str) -> Option<String> {
    ours(node, name).into_iter().find_map(clean)
}

/// A logo reference is a plain file name: no folder, no way out of the preset's.
pub fn logo_name_ok(name: &str) -> bool {
    !name.is_empty()
        && !name.contains(['/', '\\', ':'])
        && name != "."
        && name != ".."
        && !name.starts_with('.')
}

/// The branding of the first provider that has one.
pub fn read(doc: &roxmltree::Document) -> Option<Branding> {
    let root = doc.root_element();
    let branding = root
        .children()
        .filter(|n| n.has_tag_name("emailProvider"))
        .flat_map(|p| ours(p, "branding"))
        .next()?;
    let support = ours(branding, "support")
        .into_iter()
        .next()
        .map(|s| Support {
            name: localized(s, "name"),
            phone: single(s, "phone"),
            hours: localized(s, "hours"),
            url: single(s, "url").filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            email: single(s, "email")
                .filter(|e| e.contains('@') && !e.contains(char::is_whitespace)),
        });
    Some(Branding {
        name: localized(branding, "name"),
        logo: single(branding, "logo").filter(|l| logo_name_ok(l)),
        welcome: localized(branding, "welcome"),
        support: support.filter(|s| !s.is_empty()),
        default_export: single(branding, "defaultExport"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_contacts_and_falls_back_between_languages() {
        let xml = r#"<clientConfig version="1.1"><emailProvider id="x" xmlns:ms="urn:mailsetup:preset:1">
  <domain>x.jp</domain>
  <ms:branding>
    <ms:name xml:lang="ja">エグザンプル・ネット</ms:name>
    <ms:name xml:lang="en">Example Net</ms:name>
    <ms:logo>../../etc/passwd</ms:logo>
    <ms:welcome>ようこそ</ms:welcome>
    <ms:support>
      <ms:phone>0120-000-000</ms:phone>
      <ms:hours xml:lang="ja">平日 9時〜18時</ms:hours>
      <ms:url>javascript:alert(1)</ms:url>
      <ms:email>support@x.jp</ms:email>
    </ms:support>
  </ms:branding></emailProvider></clientConfig>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        let b = read(&doc).unwrap();
        assert_eq!(b.name.get(Lang::Ja), Some("エグザンプル・ネット"));
        assert_eq!(b.name.get(Lang::En), Some("Example Net"));
        assert_eq!(b.welcome.get(Lang::En), Some("ようこそ"));
        assert_eq!(b.logo, None, "a path is not a logo file name");
        let s = b.support.unwrap();
        assert_eq!(s.phone.as_deref(), Some("0120-000-000"));
        assert_eq!(s.hours.get(Lang::En), Some("平日 9時〜18時"));
        assert_eq!(s.url, None, "only web addresses");
        assert_eq!(s.email.as_deref(), Some("support@x.jp"));
    }

    #[test]
    fn the_support_line_reads_as_one_sentence() {
        let s = Support {
            name: Localized {
                ja: Some("○○サポートセンター".into()),
                en: None,
            },
            phone: Some("0120-000-000".into()),
            hours: Localized {
                ja: Some("平日 9時〜18時".into()),
                en: Some("weekdays 9-18".into()),
            },
            url: None,
            email: Some("help@x.jp".into()),
        };
        assert_eq!(
            crate::i18n::support_line(Lang::Ja, &s),
            "ご不明な点は ○○サポートセンター 0120-000-000（平日 9時〜18時）へお問い合わせください。 help@x.jp\nパスワードは、サポート担当者を含め誰にも教えないでください。"
        );
        assert_eq!(
            crate::i18n::support_line(Lang::En, &s),
            "Questions? Call ○○サポートセンター on 0120-000-000 (weekdays 9-18). help@x.jp\nNever tell anyone your password, not even support staff."
        );
    }
}
