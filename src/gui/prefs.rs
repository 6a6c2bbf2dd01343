//! What the wizard remembers between runs: language and window size, in the OS
//! config folder. Never the password, never the address.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Prefs {
    /// "ja" or "en".
    pub lang: Option<String>,
    pub window: Option<[f32; 2]>,
}

impl Prefs {
    pub fn path() -> Option<PathBuf> {
        directories::ProjectDirs::from("jp", "mailsetup", "mailsetup")
            .map(|d| d.config_dir().join("prefs.json"))
    }

    pub fn load(path: Option<&PathBuf>) -> Prefs {
        path.and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: Option<&PathBuf>) {
        let Some(path) = path else { return };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(text) = serde_json::to_string_pretty(self) {
            let _ = crate::export::write_atomically(path, text.as_bytes(), false, true);
        }
    }

    pub fn language(&self) -> Option<Lang> {
        self.lang.as_deref().and_then(Lang::parse)
    }
}
