//! Event actions and their edXML status codes.

/// The actions that carry meaning (SPEC §2). Any other string is accepted as an action too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KnownAction {
    /// The unit dispatches the document (to `to`).
    Sent,
    /// 01 Đã đến: reached the unit's system, not yet handled by the clerk.
    Arrived,
    /// 02 Từ chối: the unit refused to receive it.
    Rejected,
    /// 03 Đã tiếp nhận: registered by the clerk.
    Accepted,
    /// 04 Phân công: a leader assigned it for handling.
    Assigned,
    /// 05 Đang xử lý: being handled.
    Processing,
    /// 06 Hoàn thành: handling finished.
    Completed,
    /// 13 Lấy lại: the sender asks to take it back.
    Recalled,
    /// 15: recall agreed.
    RecallAccepted,
    /// 16: recall refused.
    RecallRefused,
}

impl KnownAction {
    /// Every known action.
    pub const ALL: [KnownAction; 10] = [
        KnownAction::Sent,
        KnownAction::Arrived,
        KnownAction::Rejected,
        KnownAction::Accepted,
        KnownAction::Assigned,
        KnownAction::Processing,
        KnownAction::Completed,
        KnownAction::Recalled,
        KnownAction::RecallAccepted,
        KnownAction::RecallRefused,
    ];

    /// The action string used in event logs.
    pub fn as_str(self) -> &'static str {
        match self {
            KnownAction::Sent => "sent",
            KnownAction::Arrived => "arrived",
            KnownAction::Rejected => "rejected",
            KnownAction::Accepted => "accepted",
            KnownAction::Assigned => "assigned",
            KnownAction::Processing => "processing",
            KnownAction::Completed => "completed",
            KnownAction::Recalled => "recalled",
            KnownAction::RecallAccepted => "recall-accepted",
            KnownAction::RecallRefused => "recall-refused",
        }
    }

    /// The action for an action string, if it is a known one.
    pub fn parse(text: &str) -> Option<KnownAction> {
        KnownAction::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// The edXML status code (`"01"` … `"16"`), where the action has one.
    pub fn edxml_code(self) -> Option<&'static str> {
        Some(match self {
            KnownAction::Sent => return None,
            KnownAction::Arrived => "01",
            KnownAction::Rejected => "02",
            KnownAction::Accepted => "03",
            KnownAction::Assigned => "04",
            KnownAction::Processing => "05",
            KnownAction::Completed => "06",
            KnownAction::Recalled => "13",
            KnownAction::RecallAccepted => "15",
            KnownAction::RecallRefused => "16",
        })
    }

    /// The known action for an edXML status code.
    pub fn from_edxml_code(code: &str) -> Option<KnownAction> {
        KnownAction::ALL.into_iter().find(|a| a.edxml_code() == Some(code.trim()))
    }

    /// Whether the action marks the start of handling (splits waiting from handling time).
    pub fn starts_handling(self) -> bool {
        matches!(self, KnownAction::Assigned | KnownAction::Processing)
    }
}

/// The default terminal actions: a document whose last event is one of them is closed.
pub const DEFAULT_TERMINAL_ACTIONS: [&str; 3] = ["completed", "rejected", "recall-accepted"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for a in KnownAction::ALL {
            assert_eq!(KnownAction::parse(a.as_str()), Some(a));
            if let Some(code) = a.edxml_code() {
                assert_eq!(KnownAction::from_edxml_code(code), Some(a));
            }
        }
        assert_eq!(KnownAction::from_edxml_code("06"), Some(KnownAction::Completed));
        assert_eq!(KnownAction::parse("archived"), None);
        // The store's action ids rely on the declaration order being the order of `ALL`.
        assert!(KnownAction::ALL.iter().enumerate().all(|(i, a)| *a as usize == i));
    }
}
