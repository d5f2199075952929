//! The store's ordering invariant: each document's events are one range of the columns
//! (`Events::of_doc`), sorted by time, ties in the order they reached the store. Ingestion
//! validates records into a [`Batch`]; only this module puts events into the columns.

use super::events::{EventRow, Events, RunIndex};
use super::{DocIx, Store};
use crate::model::Instant;

/// Validated events of one call, in input order, before sorting.
#[derive(Default)]
pub(crate) struct Batch {
    /// Document of each event.
    pub doc: Vec<DocIx>,
    /// The event's fields.
    pub rows: Vec<EventRow>,
    /// Position of the record in the call's input (for duplicates).
    pub index: Vec<u32>,
}

impl Store {
    /// Index of document `id`, creating an undeclared document (with no events) when new.
    pub(crate) fn document_or_create(&mut self, id: &str) -> (DocIx, bool) {
        let (d, created) = self.documents.find_or_create(id);
        if created {
            let end = self.events.slots() as u32;
            self.events.doc_begin.push(end);
            self.events.doc_end.push(end);
        }
        (d, created)
    }

    /// Merges a batch into the columns: exact duplicates of events already stored (or earlier
    /// in the batch) are skipped and their input positions added to `duplicates`. Returns the
    /// number of events stored.
    ///
    /// Only the documents the batch touches are written: a document whose events end the
    /// columns (a new one, or the last one written) grows in place; any other moves to the end,
    /// merged with its new events, and leaves its old slots as garbage. When the garbage passes
    /// half the events, the columns are compacted in document order. So a call costs its batch
    /// plus the documents it touches (amortized), whatever the store holds; a bulk load in
    /// document order is one pass, with no sort and no garbage.
    pub(crate) fn merge_batch(&mut self, b: &Batch, duplicates: &mut Vec<usize>) -> usize {
        let n = b.rows.len();
        if n == 0 {
            return 0;
        }
        let order = batch_order(b, self.documents.len());
        let at = |k: usize| order.as_ref().map_or(k, |o| o[k] as usize);
        let ev = &mut self.events;
        ev.reserve(n);
        let mut accepted = 0;
        let mut run = RunIndex::default();
        let mut g = 0;
        while g < n {
            let d = b.doc[at(g)];
            let mut h = g + 1;
            while h < n && b.doc[at(h)] == d {
                h += 1;
            }
            accepted += ev.merge_doc(d, (g..h).map(at), b, &mut run, duplicates);
            g = h;
        }
        if ev.garbage > 0 && ev.garbage * 2 > ev.len() {
            ev.compact();
        }
        if order.is_some() {
            crate::analysis::order::sort_by(duplicates, Ord::cmp);
        }
        let times = b.rows.iter().map(|r| r.at);
        if let (Some(lo), Some(hi)) = (times.clone().min(), times.max()) {
            self.latest_at = Some(self.latest_at.map_or(hi, |l| l.max(hi)));
            self.earliest_at = Some(self.earliest_at.map_or(lo, |e| e.min(lo)));
        }
        accepted
    }
}

/// The batch's positions by (document, time, input order), or `None` when the batch is in that
/// order already (a bulk load). A counting sort by document when the batch is large beside the
/// number of documents, else a comparison sort of the batch alone (a live update of a few
/// events costs no pass over every document).
fn batch_order(b: &Batch, ndocs: usize) -> Option<Vec<u32>> {
    let n = b.rows.len();
    let key = |i: usize| (b.doc[i], b.rows[i].at);
    if (1..n).all(|i| key(i - 1) <= key(i)) {
        return None;
    }
    let mut perm: Vec<u32>;
    if n.saturating_mul(8) < ndocs {
        perm = (0..n as u32).collect();
        crate::analysis::order::sort_indices(&mut perm, &|a, c| key(a).cmp(&key(c)));
        return Some(perm);
    }
    // Counting sort by document (stable, so input order holds within a document).
    let mut starts = vec![0u32; ndocs + 1];
    for &d in &b.doc {
        starts[d.index() + 1] += 1;
    }
    for i in 0..ndocs {
        starts[i + 1] += starts[i];
    }
    let mut fill = starts.clone();
    perm = vec![0u32; n];
    for (i, &d) in b.doc.iter().enumerate() {
        perm[fill[d.index()] as usize] = i as u32;
        fill[d.index()] += 1;
    }
    for d in 0..ndocs {
        let group = &mut perm[starts[d] as usize..starts[d + 1] as usize];
        if group.windows(2).any(|w| b.rows[w[0] as usize].at > b.rows[w[1] as usize].at) {
            // Stable: ties keep input order. Through the shared index sort (one sort compiled
            // into the wasm for every list of positions): a document's group is short.
            crate::analysis::order::sort_indices(group, &|x, y| b.rows[x].at.cmp(&b.rows[y].at));
        }
    }
    Some(perm)
}

impl Events {
    /// Writes the batch's events `group` (positions in `b`, in time order) into document `d`:
    /// in place when `d` ends the columns and its new events all come after its old ones, else
    /// merged with its old events at the end of the columns. Returns the events accepted.
    fn merge_doc(
        &mut self,
        d: DocIx,
        mut group: impl Iterator<Item = usize>,
        b: &Batch,
        run: &mut RunIndex,
        duplicates: &mut Vec<usize>,
    ) -> usize {
        let di = d.index();
        let (old_begin, old_end) = (self.doc_begin[di] as usize, self.doc_end[di] as usize);
        let tail = self.slots();
        let mut next = group.next();
        let first_at = next.map_or(Instant::MIN, |k| b.rows[k].at);
        let in_place = old_begin == old_end || (old_end == tail && self.at[old_end - 1] <= first_at);
        let begin = if in_place && old_begin != old_end { old_begin } else { tail };
        let mut accepted = 0;
        run.clear();
        // Old events (when moving) and new ones, merged: old first on ties (they came earlier).
        let mut i = if in_place { old_end } else { old_begin };
        while let Some(k) = next {
            while i < old_end && self.at[i] <= b.rows[k].at {
                let r = self.row(i);
                self.push(r);
                i += 1;
            }
            if self.is_duplicate(begin, &b.rows[k], run) {
                duplicates.push(b.index[k] as usize);
            } else {
                self.push(b.rows[k]);
                accepted += 1;
            }
            next = group.next();
        }
        while i < old_end {
            let r = self.row(i);
            self.push(r);
            i += 1;
        }
        if !in_place {
            self.garbage += old_end - old_begin;
        }
        self.doc_begin[di] = begin as u32;
        self.doc_end[di] = self.slots() as u32;
        accepted
    }

    /// Removes the garbage slots, in place: documents are taken in the order their events lie in
    /// the columns, and each range moves down to where the previous one ends (never past its own
    /// start), so compacting needs no second copy of the columns, only an order of documents.
    fn compact(&mut self) {
        let begin = &self.doc_begin;
        let mut order: Vec<u32> = (0..begin.len() as u32).collect();
        crate::analysis::order::sort_indices(&mut order, &|a, b| begin[a].cmp(&begin[b]));
        let mut w = 0usize;
        for &d in &order {
            let d = d as usize;
            let (b, e) = (self.doc_begin[d] as usize, self.doc_end[d] as usize);
            if b != w {
                self.unit.copy_within(b..e, w);
                self.action.copy_within(b..e, w);
                self.at.copy_within(b..e, w);
                self.to.copy_within(b..e, w);
                self.actor.copy_within(b..e, w);
                self.note.copy_within(b..e, w);
                self.channel.copy_within(b..e, w);
            }
            self.doc_begin[d] = w as u32;
            w += e - b;
            self.doc_end[d] = w as u32;
        }
        self.unit.truncate(w);
        self.action.truncate(w);
        self.at.truncate(w);
        self.to.truncate(w);
        self.actor.truncate(w);
        self.note.truncate(w);
        self.channel.truncate(w);
        self.garbage = 0;
    }
}
