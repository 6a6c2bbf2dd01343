//! Source 3b: the copy of Thunderbird's ISP database compiled into the program
//! (`assets/ispdb/`, MPL-2.0; see its PROVENANCE.md). Used when the online
//! database cannot be reached — offline knowledge of the big providers; when
//! the online one answers, it wins. Shipped inside the program, so as
//! trustworthy as the online one over HTTPS.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use super::autoconfig_xml;
use crate::account::EmailAddress;
use crate::model::{ServerHint, Source};

/// The snapshot's date (the commit of thunderbird/autoconfig it was taken at).
pub const SNAPSHOT_DATE: &str = "2026-03-12";

static BUNDLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ispdb.deflate"));

struct Index {
    docs: Vec<(String, String)>,
    /// Every `<domain>` of every document, lower case → document.
    by_domain: HashMap<String, usize>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut raw = Vec::new();
        // The bundle is made by build.rs from our own files: it decompresses.
        let _ = flate2::read::DeflateDecoder::new(BUNDLE).read_to_end(&mut raw);
        let mut parts = raw.split(|b| *b == 0);
        let mut docs = Vec::new();
        while let (Some(name), Some(doc)) = (parts.next(), parts.next()) {
            if name.is_empty() {
                break;
            }
            docs.push((
                String::from_utf8_lossy(name).into_owned(),
                String::from_utf8_lossy(doc).into_owned(),
            ));
        }
        let mut by_domain = HashMap::new();
        for (i, (_, doc)) in docs.iter().enumerate() {
            let Ok(parsed) = roxmltree::Document::parse(doc) else {
                continue;
            };
            for d in parsed.descendants().filter(|n| n.has_tag_name("domain")) {
                if let Some(t) = d.text() {
                    by_domain.entry(t.trim().to_ascii_lowercase()).or_insert(i);
                }
            }
        }
        Index { docs, by_domain }
    })
}

/// How many provider files the program carries.
pub fn len() -> usize {
    index().docs.len()
}

/// The provider file for `domain`, if the bundled database has one.
pub fn document(domain: &str) -> Option<&'static str> {
    let idx = index();
    idx.by_domain
        .get(&domain.trim_end_matches('.').to_ascii_lowercase())
        .map(|i| idx.docs[*i].1.as_str())
}

/// The servers the bundled database names for the user's domain.
pub fn hints(email: &EmailAddress) -> Vec<ServerHint> {
    let Some(doc) = document(email.domain()) else {
        return Vec::new();
    };
    match autoconfig_xml::parse_str(doc, email) {
        Ok(config) => super::hints_from_xml(
            &config,
            Source::IspdbBundled,
            super::trust::source_vouches(
                &Source::IspdbBundled,
                super::trust::Channel::Local,
                false,
            ),
        ),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_snapshot_is_inside_and_found_by_domain() {
        assert!(len() >= 163, "{}", len());
        let email = EmailAddress::parse("taro@biglobe.ne.jp").unwrap();
        let hints = hints(&email);
        assert!(
            hints
                .iter()
                .any(|h| h.host.ends_with("biglobe.ne.jp") && h.source == Source::IspdbBundled),
            "{hints:?}"
        );
        assert!(hints.iter().all(|h| h.vouched));
        assert!(document("no-such-provider.example").is_none());
        // Any of a provider's domains leads to its file.
        assert_eq!(document("BIGLOBE.NE.JP."), document("biglobe.ne.jp"));
    }

    #[test]
    fn the_source_is_named_with_its_date() {
        for lang in [crate::i18n::Lang::Ja, crate::i18n::Lang::En] {
            let name = crate::i18n::source_name(lang, &Source::IspdbBundled);
            assert!(name.contains(SNAPSHOT_DATE), "{name}");
        }
    }
}
