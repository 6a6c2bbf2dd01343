//! Who the user is: address, display name, login and password.

mod address;
mod password;

pub use address::{AddressError, EmailAddress};
pub use password::Password;

/// Everything the user typed. The login defaults to the full address; trying the
/// local part alone is a separate, user-approved step, never an automatic retry.
#[derive(Debug)]
pub struct Account {
    pub email: EmailAddress,
    pub name: String,
    pub login: String,
    /// The user typed a login; otherwise a source's user name may replace the default.
    pub login_given: bool,
    pub password: Password,
}

impl Account {
    pub fn new(
        email: EmailAddress,
        name: Option<String>,
        login: Option<String>,
        password: Password,
    ) -> Self {
        let login = login
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
        let login_given = login.is_some();
        let login = login.unwrap_or_else(|| email.to_string());
        let name = name.map(|n| n.trim().to_string()).unwrap_or_default();
        Account {
            email,
            name,
            login,
            login_given,
            password,
        }
    }
}
