//! The document table, column by column.

use super::interner::{Interner, NONE};
use crate::model::{Instant, Urgency};

/// Documents (văn bản), one row each, indexed by a `u32` document index.
#[derive(Debug, Clone, Default)]
pub struct Documents {
    /// Document ids, interned: row `i` has id `ids.resolve(i)`.
    pub ids: Interner,
    /// Số/ký hiệu (text table id) or [`NONE`].
    pub number: Vec<u32>,
    /// Type (text table id) or [`NONE`].
    pub doc_type: Vec<u32>,
    /// Urgency.
    pub urgency: Vec<Urgency>,
    /// Due time, if any.
    pub due: Vec<Option<Instant>>,
    /// Issuing unit index or [`NONE`].
    pub issuer: Vec<u32>,
    /// Subject (text table id) or [`NONE`].
    pub subject: Vec<u32>,
    /// Whether declared (`addDocuments`) rather than created by an event.
    pub declared: Vec<bool>,
    /// Free attributes: `(document, key, value)`, text table ids.
    pub attributes: Vec<(u32, u32, u32)>,
    /// Position in `attributes` of each `(document, key)`, for upserts.
    pub(crate) attribute_index: hashbrown::HashMap<(u32, u32), u32, foldhash::fast::RandomState>,
}

impl Documents {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.urgency.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.urgency.is_empty()
    }

    /// Index of the document with id `id`.
    pub fn find(&self, id: &str) -> Option<u32> {
        self.ids.get(id)
    }

    /// Id of document `d`.
    pub fn id(&self, d: u32) -> &str {
        self.ids.resolve(d)
    }

    /// Index of `id`, creating an undeclared document when new. Returns `(index, created)`.
    pub fn find_or_create(&mut self, id: &str) -> (u32, bool) {
        if let Some(d) = self.ids.get(id) {
            return (d, false);
        }
        let d = self.ids.intern(id);
        self.number.push(NONE);
        self.doc_type.push(NONE);
        self.urgency.push(Urgency::Normal);
        self.due.push(None);
        self.issuer.push(NONE);
        self.subject.push(NONE);
        self.declared.push(false);
        (d, true)
    }
}
