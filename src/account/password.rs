//! A password that never leaves the process by accident: no `Display`, no serde,
//! and a `Debug` that prints only a placeholder. Memory is wiped on drop.

use zeroize::Zeroizing;

pub struct Password(Zeroizing<String>);

impl Password {
    pub fn new(secret: impl Into<String>) -> Self {
        Password(Zeroizing::new(secret.into()))
    }

    /// The secret itself, for the one place that must put it on the wire (AUTH).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<hidden>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let p = Password::new("hunter2-秘密");
        let shown = format!("{p:?}");
        assert!(!shown.contains("hunter2"));
        assert!(!shown.contains("秘密"));
        assert_eq!(p.expose(), "hunter2-秘密");
    }
}
