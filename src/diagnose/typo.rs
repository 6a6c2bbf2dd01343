//! "Did you mean gmail.com?" for domains that do not exist.

/// Domains our users most often mean; Japanese carriers and ISPs first.
const KNOWN: &[&str] = &[
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "au.com",
    "softbank.ne.jp",
    "i.softbank.jp",
    "ymobile.ne.jp",
    "gmail.com",
    "googlemail.com",
    "yahoo.co.jp",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "outlook.com",
    "outlook.jp",
    "hotmail.com",
    "hotmail.co.jp",
    "live.jp",
    "nifty.com",
    "biglobe.ne.jp",
    "ocn.ne.jp",
    "so-net.ne.jp",
    "plala.or.jp",
    "dion.ne.jp",
    "asahi-net.or.jp",
    "jcom.home.ne.jp",
    "zoho.com",
    "aol.com",
    "gmx.com",
    "proton.me",
];

/// The known domain closest to `domain`, if it is a plausible slip (at most two
/// edits, transpositions counting as one).
pub fn suggest(domain: &str) -> Option<String> {
    let domain = domain.to_ascii_lowercase();
    if KNOWN.contains(&domain.as_str()) {
        return None;
    }
    KNOWN
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&domain, k), *k))
        .filter(|(d, _)| *d > 0 && *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_slips() {
        assert_eq!(suggest("gmial.com").as_deref(), Some("gmail.com"));
        assert_eq!(suggest("docomo.ne.pj").as_deref(), Some("docomo.ne.jp"));
        assert_eq!(suggest("yahoo.co.pj").as_deref(), Some("yahoo.co.jp"));
        assert_eq!(suggest("gmail.com"), None);
        assert_eq!(suggest("example-company.co.jp"), None);
    }
}
