//! The document table, column by column.

use super::ids::{DocIx, TextId, UnitIx};
use super::interner::Interner;
use crate::model::{DocFormat, Instant, Urgency};

/// Documents (văn bản), one row each, indexed by a [`DocIx`].
#[derive(Debug, Clone, Default)]
pub struct Documents {
    /// Document ids, interned: row `i` has id `ids.resolve(i)`.
    pub ids: Interner<DocIx>,
    /// Số/ký hiệu, or [`TextId::NONE`].
    pub number: Vec<TextId>,
    /// Type, or [`TextId::NONE`].
    pub doc_type: Vec<TextId>,
    /// Urgency.
    pub urgency: Vec<Urgency>,
    /// Due time, if any.
    pub due: Vec<Option<Instant>>,
    /// Issuing unit, or [`UnitIx::NONE`].
    pub issuer: Vec<UnitIx>,
    /// Subject, or [`TextId::NONE`].
    pub subject: Vec<TextId>,
    /// Whether declared (`addDocuments`) rather than created by an event.
    pub declared: Vec<bool>,
    /// Digitally signed (ký số), when known.
    pub signed: Vec<Option<bool>>,
    /// Electronic or paper, when known.
    pub format: Vec<Option<DocFormat>>,
    /// Free attributes: `(document, key, value)`.
    pub attributes: Vec<(DocIx, TextId, TextId)>,
    /// Position in `attributes` of each `(document, key)`, for upserts.
    pub(crate) attribute_index: hashbrown::HashMap<(DocIx, TextId), u32, foldhash::fast::RandomState>,
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
    pub fn find(&self, id: &str) -> Option<DocIx> {
        self.ids.get(id)
    }

    /// Id of document `d`.
    pub fn id(&self, d: DocIx) -> &str {
        self.ids.resolve(d)
    }

    /// Index of `id`, creating an undeclared document when new. Returns `(index, created)`.
    pub fn find_or_create(&mut self, id: &str) -> (DocIx, bool) {
        if let Some(d) = self.ids.get(id) {
            return (d, false);
        }
        let d = self.ids.intern(id);
        self.number.push(TextId::NONE);
        self.signed.push(None);
        self.format.push(None);
        self.doc_type.push(TextId::NONE);
        self.urgency.push(Urgency::Normal);
        self.due.push(None);
        self.issuer.push(UnitIx::NONE);
        self.subject.push(TextId::NONE);
        self.declared.push(false);
        (d, true)
    }
}
