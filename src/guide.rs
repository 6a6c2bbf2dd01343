//! Step-by-step guides for the mail clients our users have, filled with the
//! proven values. The words live in `i18n::guide`.

use crate::i18n::{self, Lang};
use crate::settings::{AccountSettings, AuthMethod, Security, Service};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    OutlookExpress6,
    Outlook2000,
    Outlook2003,
    Outlook,
    Thunderbird,
    AppleMail,
    Iphone,
    AndroidGmail,
}

impl Client {
    pub const ALL: [Client; 8] = [
        Client::OutlookExpress6,
        Client::Outlook2000,
        Client::Outlook2003,
        Client::Outlook,
        Client::Thunderbird,
        Client::AppleMail,
        Client::Iphone,
        Client::AndroidGmail,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Client::OutlookExpress6 => "outlook-express",
            Client::Outlook2000 => "outlook-2000",
            Client::Outlook2003 => "outlook-2003",
            Client::Outlook => "outlook",
            Client::Thunderbird => "thunderbird",
            Client::AppleMail => "apple-mail",
            Client::Iphone => "iphone",
            Client::AndroidGmail => "android-gmail",
        }
    }

    pub fn parse(name: &str) -> Option<Client> {
        Client::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The values a guide shows: the proven ones, or placeholders.
#[derive(Debug, Clone)]
pub struct Values {
    pub email: String,
    pub out_host: String,
    pub out_port: String,
    pub out_security: Option<Security>,
    pub out_auth: Option<AuthMethod>,
    pub out_user: String,
    pub in_protocol: Option<Service>,
    pub in_host: String,
    pub in_port: String,
    pub in_security: Option<Security>,
    pub in_user: String,
}

impl Values {
    pub fn from_settings(a: Option<&AccountSettings>, lang: Lang) -> Values {
        let ph = |k| i18n::guide::placeholder(lang, k).to_string();
        use i18n::guide::Placeholder as P;
        let inc = a.and_then(|a| a.incoming.as_ref());
        Values {
            email: a.map(|a| a.email.clone()).unwrap_or_else(|| ph(P::Email)),
            out_host: a
                .map(|a| a.outgoing.host.clone())
                .unwrap_or_else(|| ph(P::OutHost)),
            out_port: a
                .map(|a| a.outgoing.port.to_string())
                .unwrap_or_else(|| "587".into()),
            out_security: a.map(|a| a.outgoing.security),
            out_auth: a.map(|a| a.outgoing.auth),
            out_user: a
                .map(|a| a.outgoing.username.clone())
                .unwrap_or_else(|| ph(P::User)),
            in_protocol: inc.map(|i| i.protocol),
            in_host: inc.map(|i| i.host.clone()).unwrap_or_else(|| ph(P::InHost)),
            in_port: inc
                .map(|i| i.port.to_string())
                .unwrap_or_else(|| ph(P::InPort)),
            in_security: inc.map(|i| i.security),
            in_user: inc
                .map(|i| i.username.clone())
                .unwrap_or_else(|| ph(P::User)),
        }
    }
}

/// The guide as numbered steps (plain text).
pub fn render(client: Client, lang: Lang, settings: Option<&AccountSettings>) -> String {
    let v = Values::from_settings(settings, lang);
    let (title, mut steps) = i18n::guide::steps(lang, client, &v);
    steps.push(i18n::guide::summary(lang, &v));
    let mut out = format!("{title}\n\n");
    for (n, s) in steps.iter().enumerate() {
        out.push_str(&format!("{}. {s}\n", n + 1));
    }
    out
}
