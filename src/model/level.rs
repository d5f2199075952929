//! The four levels of Vietnamese government.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A level of government, ordered from the top (`Central`) to the bottom (`Commune`).
///
/// Since 1 July 2025 districts no longer exist, so a dataset may hold three levels, or four
/// before that date and three after it. Nothing in the crate assumes a commune has a district
/// above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Trung ương: ministries, the Government Office.
    Central = 0,
    /// Tỉnh: provincial People's Committee and its departments.
    Province = 1,
    /// Huyện: district (abolished from 1 July 2025).
    District = 2,
    /// Xã: commune, ward, township.
    Commune = 3,
}

impl Level {
    /// All levels, top to bottom.
    pub const ALL: [Level; 4] = [Level::Central, Level::Province, Level::District, Level::Commune];

    /// Index 0..4, top to bottom; used for the level matrix.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The level at `index` (0..4).
    pub fn from_index(index: usize) -> Option<Level> {
        Level::ALL.get(index).copied()
    }

    /// The English identifier used in the API (`central`, `province`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Central => "central",
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }

    /// The Vietnamese name (`trung ương`, `tỉnh`, `huyện`, `xã`).
    pub fn name_vi(self) -> &'static str {
        match self {
            Level::Central => "trung ương",
            Level::Province => "tỉnh",
            Level::District => "huyện",
            Level::Commune => "xã",
        }
    }

    /// Parses the API identifier, also accepting Vietnamese names (with or without diacritics).
    pub fn parse(text: &str) -> Option<Level> {
        if let Some(l) = Level::ALL.into_iter().find(|l| l.as_str() == text) {
            return Some(l);
        }
        let t = crate::model::text::fold_case(text.trim());
        Some(match t.as_ref() {
            "central" | "trung ương" | "trung uong" | "tw" => Level::Central,
            "province" | "tỉnh" | "tinh" => Level::Province,
            "district" | "huyện" | "huyen" => Level::District,
            "commune" | "xã" | "xa" | "ward" | "phường" | "phuong" => Level::Commune,
            _ => return None,
        })
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Direction of a handover between two units, judged by their levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From a higher level to a lower one (directives).
    Down,
    /// From a lower level to a higher one (reports).
    Up,
    /// Between two units of the same level (coordination).
    Same,
    /// One of the units has no known level.
    Unknown,
}

impl Direction {
    /// Direction of a handover from a unit at `from` to a unit at `to`.
    pub fn between(from: Option<Level>, to: Option<Level>) -> Direction {
        match (from, to) {
            (Some(a), Some(b)) if a < b => Direction::Down,
            (Some(a), Some(b)) if a > b => Direction::Up,
            (Some(_), Some(_)) => Direction::Same,
            _ => Direction::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_top_down_and_direction_follows() {
        assert!(Level::Central < Level::Commune);
        assert_eq!(Direction::between(Some(Level::Province), Some(Level::Commune)), Direction::Down);
        assert_eq!(Direction::between(Some(Level::Commune), Some(Level::Central)), Direction::Up);
        assert_eq!(Direction::between(Some(Level::District), Some(Level::District)), Direction::Same);
        assert_eq!(Direction::between(None, Some(Level::District)), Direction::Unknown);
        assert_eq!(Level::parse("Xã"), Some(Level::Commune));
        assert_eq!(Level::parse("huyen"), Some(Level::District));
        assert_eq!(Level::parse("county"), None);
    }
}
