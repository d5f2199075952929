//! E-government fields: whether a document is electronic or on paper, digitally signed, and the
//! channel a handover went through (the national interconnection axis, the province's own
//! network, paper).

use serde::Serialize;

/// The form of a document (văn bản điện tử or văn bản giấy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    /// An electronic document.
    Electronic,
    /// A paper document.
    Paper,
}

impl DocFormat {
    /// Reads `electronic`/`paper`, or the Vietnamese `điện tử`/`giấy` (any case).
    pub fn parse(text: &str) -> Option<DocFormat> {
        match crate::model::text::fold_case(text.trim()).as_ref() {
            "electronic" | "điện tử" | "dien tu" | "văn bản điện tử" => Some(DocFormat::Electronic),
            "paper" | "giấy" | "giay" | "văn bản giấy" => Some(DocFormat::Paper),
            _ => None,
        }
    }
}

/// The channels every store knows, with their ids (0 is "no channel").
pub const KNOWN_CHANNELS: [&str; 3] = ["axis", "province", "paper"];

/// Id of the `axis` channel (trục liên thông văn bản quốc gia).
pub const CHANNEL_AXIS: u8 = 1;
/// Id of the `province` channel (the province's own document network).
pub const CHANNEL_PROVINCE: u8 = 2;
/// Id of the `paper` channel.
pub const CHANNEL_PAPER: u8 = 3;

/// The known channel a text names (`axis`, `province`, `paper`, or Vietnamese `trục`, `tỉnh`,
/// `giấy`), as its id.
pub fn known_channel(text: &str) -> Option<u8> {
    match crate::model::text::fold_case(text.trim()).as_ref() {
        "axis" | "trục" | "truc" | "trục liên thông" | "trục quốc gia" => Some(CHANNEL_AXIS),
        "province" | "tỉnh" | "tinh" => Some(CHANNEL_PROVINCE),
        "paper" | "giấy" | "giay" => Some(CHANNEL_PAPER),
        _ => None,
    }
}
