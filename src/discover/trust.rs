//! Who may receive the password without a question: one place for the rules
//! (RFC 7817's reasoning — only a server the user's provider vouches for, over
//! a channel nobody on the way can change). Everything else needs the user's
//! approval first (`detect::gate`).

use crate::account::EmailAddress;
use crate::model::Source;

/// How a source's answer reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// HTTPS with a verified certificate.
    Https,
    /// Anything someone on the way could change: plain HTTP, DNS without
    /// DNSSEC.
    Open,
    /// Inside this program, or from the user (a preset given on purpose, the
    /// servers typed in).
    Local,
}

/// Does `source`, reached over `channel`, vouch for the servers it names?
/// `handed_over`: a preset given on purpose (`--preset`, support staff), as
/// against one found beside the program, which could have been planted.
pub fn source_vouches(source: &Source, channel: Channel, handed_over: bool) -> bool {
    match source {
        Source::Preset => handed_over,
        Source::AutoconfigHttps | Source::Ispdb => channel == Channel::Https,
        // Compiled into the program; typed in by the user.
        Source::IspdbBundled | Source::Manual => true,
        // Names made from the user's own domain (smtp.<domain>…).
        Source::Guess => true,
        Source::AutoconfigHttp | Source::Srv | Source::Mx | Source::CertificateName => false,
    }
}

/// May the password go to `host` without asking? When its source vouches for
/// it, or when it is the user's own domain or inside it (by name: an address
/// or a look-alike such as `example.jp.evil.test` is not).
pub fn may_receive_password(email: &EmailAddress, host: &str, source_vouches: bool) -> bool {
    source_vouches || email.domain_covers(host)
}

/// Must the user be asked before the password goes to this server?
pub fn must_ask(vouched: bool, approve_untrusted: bool, approved_in_this_run: bool) -> bool {
    !(vouched || approve_untrusted || approved_in_this_run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taro() -> EmailAddress {
        EmailAddress::parse("taro@example.jp").unwrap()
    }

    #[test]
    fn the_users_own_domain_and_its_subdomains_are_trusted_by_name() {
        let e = taro();
        for host in [
            "example.jp",
            "smtp.example.jp",
            "SMTP.Example.JP.",
            "a.b.example.jp",
        ] {
            assert!(may_receive_password(&e, host, false), "{host}");
        }
    }

    #[test]
    fn look_alikes_and_neighbours_are_not() {
        let e = taro();
        for host in [
            "example.jp.evil.test",
            "evil-example.jp",
            "badexample.jp",
            "examplejp.test",
            "example.jp-mail.test",
            "jp",
            "co.jp",
            "xn--example-9c.jp",
            "203.0.113.5",
            "",
        ] {
            assert!(!may_receive_password(&e, host, false), "{host}");
        }
    }

    #[test]
    fn an_international_domain_is_compared_in_punycode() {
        let e = EmailAddress::parse("taro@例え.jp").unwrap();
        assert!(may_receive_password(&e, "smtp.xn--r8jz45g.jp", false));
        assert!(!may_receive_password(
            &e,
            "smtp.xn--r8jz45g.jp.evil.test",
            false
        ));
    }

    #[test]
    fn each_source_vouches_only_over_a_channel_nobody_can_change() {
        use Channel::*;
        let cases = [
            (Source::Preset, Local, true, true),
            (Source::Preset, Local, false, false),
            (Source::AutoconfigHttps, Https, false, true),
            (Source::AutoconfigHttps, Open, false, false),
            (Source::AutoconfigHttp, Open, false, false),
            (Source::Ispdb, Https, false, true),
            (Source::Ispdb, Open, false, false),
            (Source::IspdbBundled, Local, false, true),
            (Source::Srv, Open, false, false),
            (Source::Mx, Open, false, false),
            (Source::Mx, Https, false, false),
            (Source::Guess, Open, false, true),
            (Source::CertificateName, Https, false, false),
            (Source::Manual, Local, false, true),
        ];
        for (source, channel, handed_over, vouches) in cases {
            assert_eq!(
                source_vouches(&source, channel, handed_over),
                vouches,
                "{source:?} over {channel:?}, handed over: {handed_over}"
            );
        }
    }

    #[test]
    fn an_outside_server_from_a_source_that_vouches_needs_no_question() {
        let e = taro();
        assert!(may_receive_password(&e, "smtp.provider-x.test", true));
        assert!(!may_receive_password(&e, "smtp.provider-x.test", false));
    }

    #[test]
    fn the_gate_asks_only_about_what_nothing_vouches_for() {
        assert!(must_ask(false, false, false));
        assert!(!must_ask(true, false, false), "vouched");
        assert!(!must_ask(false, true, false), "--approve-untrusted");
        assert!(
            !must_ask(false, false, true),
            "already approved in this run"
        );
    }
}
