//! The document table, column by column.

use super::ids::{DocIx, TextId, UnitIx};
use super::interner::Interner;
use crate::model::text::normalize_id;
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
    /// Each document's attributes, for upserts: a list from the document's last attribute
    /// (`attribute_last`, as long as the highest document with attributes; `u32::MAX`: none)
    /// through the one before (`attribute_prev`, beside `attributes`).
    pub(crate) attribute_last: Vec<u32>,
    pub(crate) attribute_prev: Vec<u32>,
    /// The attributes lying more than [`Documents::SHORT`] deep in their document's list: a
    /// document with many attributes is upserted in constant time too.
    /// Keyed by [`attribute_key`]: the map type of the events' duplicate index (one hash map
    /// compiled for both); the keys are our own ids, not text from the input.
    pub(crate) attribute_index: hashbrown::HashMap<u64, u32, foldhash::fast::FixedState>,
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

    /// Index of the document with id `id`, compared trimmed and composed to NFC
    /// ([`crate::model::text::normalize_id`]).
    pub fn find(&self, id: &str) -> Option<DocIx> {
        self.ids.get(&normalize_id(id))
    }

    /// Id of document `d`.
    pub fn id(&self, d: DocIx) -> &str {
        self.ids.resolve(d)
    }

    /// Makes room for `additional` more documents.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.ids.reserve(additional);
        self.number.reserve(additional);
        self.doc_type.reserve(additional);
        self.urgency.reserve(additional);
        self.due.reserve(additional);
        self.issuer.reserve(additional);
        self.subject.reserve(additional);
        self.declared.reserve(additional);
        self.signed.reserve(additional);
        self.format.reserve(additional);
    }

    /// How deep a document's attribute list is searched before the index.
    const SHORT: usize = 8;

    /// Sets attribute `key` of document `d` to `value`. Most documents have a few attributes:
    /// those are found by walking the document's list, not by hashing (at millions of documents,
    /// a hash table of every attribute cost a cache miss per document).
    pub(crate) fn set_attribute(&mut self, d: DocIx, key: TextId, value: TextId) {
        const NONE: u32 = u32::MAX;
        let di = d.index();
        if self.attribute_last.len() <= di {
            self.attribute_last.resize(di + 1, NONE);
        }
        // Walk the first SHORT attributes of the list (newest first).
        let (mut i, mut last_seen, mut seen) = (self.attribute_last[di], NONE, 0);
        while i != NONE && seen < Self::SHORT {
            let a = &mut self.attributes[i as usize];
            if a.1 == key {
                a.2 = value;
                return;
            }
            (last_seen, seen) = (i, seen + 1);
            i = self.attribute_prev[i as usize];
        }
        // Deeper ones are in the index.
        if i != NONE {
            if let Some(&j) = self.attribute_index.get(&attribute_key(d, key)) {
                self.attributes[j as usize].2 = value;
                return;
            }
        }
        // A new attribute heads the list: the one at depth SHORT - 1 moves deeper, into the index.
        if seen == Self::SHORT {
            let a = self.attributes[last_seen as usize];
            self.attribute_index.insert(attribute_key(a.0, a.1), last_seen);
        }
        self.attribute_prev.push(self.attribute_last[di]);
        self.attribute_last[di] = self.attributes.len() as u32;
        self.attributes.push((d, key, value));
    }

    /// Index of `id`, creating an undeclared document when new. Returns `(index, created)`.
    pub fn find_or_create(&mut self, id: &str) -> (DocIx, bool) {
        let (d, created) = self.ids.find_or_insert(&normalize_id(id));
        if !created {
            return (d, false);
        }
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

/// The key of attribute `key` of document `d` in `Documents::attribute_index`.
fn attribute_key(d: DocIx, key: TextId) -> u64 {
    use super::ids::Id;
    (u64::from(d.raw()) << 32) | u64::from(key.raw())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn attributes_upsert_like_a_map_however_many_a_document_has() {
        let mut docs = Documents::default();
        let mut model = BTreeMap::new();
        let mut seed = 7u64;
        for d in 0..3 {
            docs.find_or_create(&format!("d{d}"));
        }
        for step in 0..20_000u32 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            // Document 0 gets up to 60 keys, the others up to 3.
            let d = (seed >> 33) as usize % 3;
            let k = (seed >> 40) as u32 % if d == 0 { 60 } else { 3 };
            let (d, k, v) = (DocIx::from_index(d), TextId::from_index(k as usize), TextId::from_index(step as usize));
            docs.set_attribute(d, k, v);
            model.insert((d, k), v);
        }
        let mut got: Vec<_> = docs.attributes.iter().map(|&(d, k, v)| ((d, k), v)).collect();
        got.sort();
        assert_eq!(got, model.into_iter().collect::<Vec<_>>());
        // Only the long list is indexed, and only past its first attributes.
        assert_eq!(docs.attribute_index.len(), 60 - Documents::SHORT);
    }
}
