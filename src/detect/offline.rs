//! Offline with the ISP's preset: its settings are offered for export, marked
//! untested everywhere; they will work once the computer is online.

use crate::account::Account;
use crate::discover::{self, autoconfig_xml::XmlConfig};
use crate::model::{IncomingSettings, OutgoingSettings};
use crate::probe;

/// Offline, the preset's settings offered for export. A preset found beside
/// the program could be planted: no one can be asked now, so only servers in
/// the user's own domain (by name, not by address) are offered from it.
pub(super) fn offer(
    preset: &XmlConfig,
    vouched: bool,
    account: &Account,
) -> Option<(OutgoingSettings, Option<IncomingSettings>)> {
    let acceptable =
        |host: &str| vouched || (account.email.domain_covers(host) && !probe::is_address(host));
    discover::preset::untested_settings(preset, &account.login)
        .filter(|(o, _)| acceptable(&o.host))
        .map(|(o, i)| (o, i.filter(|i| acceptable(&i.host))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_a_planted_preset_offers_only_the_users_own_servers() {
        let email = crate::account::EmailAddress::parse("taro@example.jp").unwrap();
        let account = Account::new(
            email.clone(),
            None,
            None,
            crate::account::Password::new("x"),
        );
        let xml = |out: &str, inc: &str| {
            format!(
                r#"<clientConfig version="1.1"><emailProvider id="x"><domain>example.jp</domain>
  <outgoingServer type="smtp"><hostname>{out}</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer>
  <incomingServer type="imap"><hostname>{inc}</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
</emailProvider></clientConfig>"#
            )
        };
        let parse = |x: String| discover::autoconfig_xml::parse_str(&x, &email).unwrap();
        let own = parse(xml("smtp.example.jp", "imap.example.jp"));
        let outside = parse(xml("smtp.attacker.example", "imap.example.jp"));
        let address = parse(xml("203.0.113.5", "imap.attacker.example"));
        assert!(offer(&own, false, &account).is_some());
        assert!(offer(&outside, false, &account).is_none());
        assert!(offer(&address, false, &account).is_none());
        // Handed over by support staff: offered as written.
        assert!(offer(&outside, true, &account).is_some());
        let (_, inc) = offer(
            &parse(xml("smtp.example.jp", "imap.attacker.example")),
            false,
            &account,
        )
        .unwrap();
        assert!(inc.is_none(), "the outside incoming server is left out");
    }
}
