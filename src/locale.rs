//! Language of the texts the library writes (reasons, labels).

use serde::{Deserialize, Serialize};

/// Language of generated text. Vietnamese by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Locale {
    /// Parses `vi`, `vi-VN`, `en`, `en-US`, …
    pub fn parse(text: &str) -> Option<Locale> {
        let t = text.trim().to_ascii_lowercase();
        if t == "vi" || t.starts_with("vi-") || t.starts_with("vi_") {
            Some(Locale::Vi)
        } else if t == "en" || t.starts_with("en-") || t.starts_with("en_") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Picks the text for this locale.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::Vi => vi,
            Locale::En => en,
        }
    }
}
