//! Deadline rules (`dueRules`): a copy without a deadline of its own gets one from its
//! document's type and urgency, N working days or hours after its first event.

use crate::model::{DurationSpec, Urgency};

/// One rule: documents of `doc_type` (any type when `None`) and `urgency` (any when `None`)
/// are due `within` working time of the copy's first event.
#[derive(Debug, Clone, PartialEq)]
pub struct DueRule {
    /// Document type it applies to (`công văn`, …), or every type.
    pub doc_type: Option<String>,
    /// Urgency it applies to, or every urgency.
    pub urgency: Option<Urgency>,
    /// Working time allowed.
    pub within: DurationSpec,
}

impl DueRule {
    /// How specific the rule is: type and urgency (3) before type (2) before urgency (1) before
    /// a catch-all (0). The most specific matching rule applies; among equals, the first given.
    pub fn specificity(&self) -> u8 {
        2 * u8::from(self.doc_type.is_some()) + u8::from(self.urgency.is_some())
    }
}
