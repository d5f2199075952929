//! The event table: columns sorted by (document, time, input order).

use crate::model::Instant;
use std::ops::Range;

/// Events, column by column, sorted by (document, time, input order).
///
/// The document of an event is not stored per event: `doc_start[d]..doc_start[d + 1]` is the
/// range of document `d`'s events. That and 4-byte ids keep a stored event at 28 bytes.
#[derive(Debug, Clone, Default)]
pub struct Events {
    /// Unit index where the event happened.
    pub unit: Vec<u32>,
    /// Action id (see [`super::Store::actions`]).
    pub action: Vec<u32>,
    /// Time, epoch ms.
    pub at: Vec<Instant>,
    /// Target unit index of a send, or `NONE`.
    pub to: Vec<u32>,
    /// Actor (text table id), or `NONE`.
    pub actor: Vec<u32>,
    /// Note (text table id), or `NONE`.
    pub note: Vec<u32>,
    /// Offsets: document `d` owns events `doc_start[d]..doc_start[d + 1]`. Length = documents + 1.
    pub doc_start: Vec<u32>,
}

impl Events {
    /// Number of events.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The events of document `d`.
    pub fn of_doc(&self, d: u32) -> Range<usize> {
        let d = d as usize;
        if d + 1 >= self.doc_start.len() {
            let end = self.len();
            return end..end;
        }
        self.doc_start[d] as usize..self.doc_start[d + 1] as usize
    }

    /// Bytes held by the columns (capacity, not length, so growth slack counts too).
    pub fn heap_bytes(&self) -> usize {
        self.unit.capacity() * 4
            + self.action.capacity() * 4
            + self.at.capacity() * 8
            + self.to.capacity() * 4
            + self.actor.capacity() * 4
            + self.note.capacity() * 4
            + self.doc_start.capacity() * 4
    }
}
