//! Urgency of a document (độ khẩn).

use serde::{Deserialize, Serialize};

/// Urgency of a document, from Decree 30/2020/NĐ-CP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// Thường.
    #[default]
    Normal = 0,
    /// Khẩn.
    Urgent = 1,
    /// Thượng khẩn.
    VeryUrgent = 2,
    /// Hỏa tốc.
    Flash = 3,
}

impl Urgency {
    /// All urgencies, least to most urgent.
    pub const ALL: [Urgency; 4] = [Urgency::Normal, Urgency::Urgent, Urgency::VeryUrgent, Urgency::Flash];

    /// The API identifier (`normal`, `urgent`, `very-urgent`, `flash`).
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Normal => "normal",
            Urgency::Urgent => "urgent",
            Urgency::VeryUrgent => "very-urgent",
            Urgency::Flash => "flash",
        }
    }

    /// Parses the API identifier or the Vietnamese name (with or without diacritics).
    pub fn parse(text: &str) -> Option<Urgency> {
        if let Some(u) = Urgency::ALL.into_iter().find(|u| u.as_str() == text) {
            return Some(u);
        }
        let t = crate::model::text::fold_case(text.trim());
        Some(match t.as_ref() {
            "" | "normal" | "thường" | "thuong" => Urgency::Normal,
            "urgent" | "khẩn" | "khan" => Urgency::Urgent,
            "very-urgent" | "very urgent" | "thượng khẩn" | "thuong khan" => Urgency::VeryUrgent,
            "flash" | "hỏa tốc" | "hoả tốc" | "hoa toc" => Urgency::Flash,
            _ => return None,
        })
    }
}
