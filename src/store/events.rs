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

/// One stored event's fields (its document is implied by its position).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRow {
    /// Unit index.
    pub unit: u32,
    /// Action id.
    pub action: u32,
    /// Time, epoch ms.
    pub at: Instant,
    /// Target unit index, or `NONE`.
    pub to: u32,
    /// Actor (text id), or `NONE`.
    pub actor: u32,
    /// Note (text id), or `NONE`.
    pub note: u32,
}

impl Events {
    /// The fields of event `i`.
    #[inline]
    pub fn row(&self, i: usize) -> EventRow {
        EventRow {
            unit: self.unit[i],
            action: self.action[i],
            at: self.at[i],
            to: self.to[i],
            actor: self.actor[i],
            note: self.note[i],
        }
    }

    /// Appends one event (offsets are the caller's business).
    #[inline]
    pub(crate) fn push(&mut self, r: EventRow) {
        self.unit.push(r.unit);
        self.action.push(r.action);
        self.at.push(r.at);
        self.to.push(r.to);
        self.actor.push(r.actor);
        self.note.push(r.note);
    }

    /// Appends events `range` of `src`, column by column.
    pub(crate) fn extend_range(&mut self, src: &Events, range: Range<usize>) {
        self.unit.extend_from_slice(&src.unit[range.clone()]);
        self.action.extend_from_slice(&src.action[range.clone()]);
        self.at.extend_from_slice(&src.at[range.clone()]);
        self.to.extend_from_slice(&src.to[range.clone()]);
        self.actor.extend_from_slice(&src.actor[range.clone()]);
        self.note.extend_from_slice(&src.note[range]);
    }

    /// Removes and returns the events from position `at` on (columns only, no offsets).
    pub(crate) fn split_tail(&mut self, at: usize) -> Events {
        Events {
            unit: self.unit.split_off(at),
            action: self.action.split_off(at),
            at: self.at.split_off(at),
            to: self.to.split_off(at),
            actor: self.actor.split_off(at),
            note: self.note.split_off(at),
            doc_start: Vec::new(),
        }
    }

    /// Reserves room for `n` more events.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.unit.reserve(n);
        self.action.reserve(n);
        self.at.reserve(n);
        self.to.reserve(n);
        self.actor.reserve(n);
        self.note.reserve(n);
    }

    /// Whether an event equal to `row` lies among the events written since `begin` with the
    /// same time. Events are time-sorted, so only the last few need a look.
    pub(crate) fn ends_with_equal(&self, begin: usize, row: &EventRow) -> bool {
        let mut p = self.len();
        while p > begin && self.at[p - 1] == row.at {
            p -= 1;
            if self.row(p) == *row {
                return true;
            }
        }
        false
    }

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
