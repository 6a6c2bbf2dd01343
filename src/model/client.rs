//! The mail programs our step-by-step guides cover.

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
