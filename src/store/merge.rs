//! The store's ordering invariant: each document's events are sorted by time, ties in the order
//! they reached the store, and `Events::doc_start` delimits each document's events. Ingestion
//! validates records into a [`Batch`]; only this module puts events into the columns.

use super::events::{EventRow, RunIndex};
use super::{DocIx, Store};

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
    /// Index of document `id`, creating an undeclared document (with an empty event range)
    /// when new.
    pub(crate) fn document_or_create(&mut self, id: &str) -> (DocIx, bool) {
        let (d, created) = self.documents.find_or_create(id);
        if created {
            let end = *self.events.doc_start.last().unwrap_or(&0);
            self.events.doc_start.push(end);
        }
        (d, created)
    }

    /// Merges a batch into the sorted columns: exact duplicates of events already stored (or
    /// earlier in the batch) are skipped and their input positions added to `duplicates`.
    /// Returns the number of events stored. Only the documents the batch touches, and those
    /// after them, are rewritten.
    pub(crate) fn merge_batch(&mut self, b: &Batch, duplicates: &mut Vec<usize>) -> usize {
        let n = b.rows.len();
        if n == 0 {
            return 0;
        }
        let ndocs = self.documents.len();
        let accepted = match self.append_in_order(b, duplicates) {
            Some(accepted) => accepted,
            None => self.merge_sorted(b, duplicates, ndocs),
        };
        let times = b.rows.iter().map(|r| r.at);
        if let (Some(lo), Some(hi)) = (times.clone().min(), times.max()) {
            self.latest_at = Some(self.latest_at.map_or(hi, |l| l.max(hi)));
            self.earliest_at = Some(self.earliest_at.map_or(lo, |e| e.min(lo)));
        }
        accepted
    }

    /// The general case: sort the batch by (document, time, input order) and merge it into the
    /// events of the documents it touches and those after them.
    fn merge_sorted(&mut self, b: &Batch, duplicates: &mut Vec<usize>, ndocs: usize) -> usize {
        let n = b.rows.len();
        // Counting sort by document (stable, so input order holds within a document).
        let mut starts = vec![0u32; ndocs + 1];
        for &d in &b.doc {
            starts[d.index() + 1] += 1;
        }
        for i in 0..ndocs {
            starts[i + 1] += starts[i];
        }
        let first_doc = b.doc.iter().copied().min().map_or(0, DocIx::index);
        let mut fill = starts.clone();
        let mut perm = vec![0u32; n];
        for (i, &d) in b.doc.iter().enumerate() {
            perm[fill[d.index()] as usize] = i as u32;
            fill[d.index()] += 1;
        }
        for d in first_doc..ndocs {
            let group = &mut perm[starts[d] as usize..starts[d + 1] as usize];
            if group.windows(2).any(|w| b.rows[w[0] as usize].at > b.rows[w[1] as usize].at) {
                group.sort_by_key(|&i| b.rows[i as usize].at); // stable: ties keep input order
            }
        }

        // Documents before `first_doc` are untouched: keep their events in place and rebuild
        // only the tail.
        let ev = &mut self.events;
        let keep = ev.doc_start[first_doc] as usize;
        let old = ev.split_tail(keep);
        ev.reserve(n + old.len());
        let mut accepted = 0usize;
        let mut run = RunIndex::default();
        for d in first_doc..ndocs {
            let old_range = (ev.doc_start[d] as usize - keep)..(ev.doc_start[d + 1] as usize - keep);
            ev.doc_start[d] = ev.len() as u32;
            let group = &perm[starts[d] as usize..starts[d + 1] as usize];
            if group.is_empty() {
                ev.extend_range(&old, old_range);
                continue;
            }
            let doc_begin = ev.len();
            run.clear();
            let (mut i, mut j) = (old_range.start, 0);
            while i < old_range.end || j < group.len() {
                // Old events first on ties: they reached the tracker earlier.
                if j == group.len() || (i < old_range.end && old.at[i] <= b.rows[group[j] as usize].at) {
                    ev.push(old.row(i));
                    i += 1;
                    continue;
                }
                let k = group[j] as usize;
                j += 1;
                if ev.is_duplicate(doc_begin, &b.rows[k], &mut run) {
                    duplicates.push(b.index[k] as usize);
                } else {
                    ev.push(b.rows[k]);
                    accepted += 1;
                }
            }
        }
        ev.doc_start[ndocs] = ev.len() as u32;
        crate::analysis::order::sort_by(duplicates, Ord::cmp);
        accepted
    }

    /// The common bulk case: the batch lists documents in ascending index order, each one's
    /// events in time order, and no earlier call left events for those documents. Then the
    /// batch is the new tail as it is: no sorting. Returns the events accepted, or `None`
    /// (having changed nothing) when the batch is not of that shape.
    fn append_in_order(&mut self, b: &Batch, duplicates: &mut Vec<usize>) -> Option<usize> {
        let ev = &mut self.events;
        let first_doc = b.doc[0].index();
        if ev.doc_start[first_doc] as usize != ev.len() {
            return None;
        }
        let n = b.rows.len();
        if (1..n).any(|i| b.doc[i] < b.doc[i - 1] || (b.doc[i] == b.doc[i - 1] && b.rows[i].at < b.rows[i - 1].at)) {
            return None;
        }
        let mut accepted = 0;
        let mut run = RunIndex::default();
        ev.reserve(n);
        let ndocs = self.documents.len();
        let mut i = 0;
        for d in first_doc..ndocs {
            ev.doc_start[d] = ev.len() as u32;
            let doc_begin = ev.len();
            run.clear();
            while i < n && b.doc[i].index() == d {
                if ev.is_duplicate(doc_begin, &b.rows[i], &mut run) {
                    duplicates.push(b.index[i] as usize);
                } else {
                    ev.push(b.rows[i]);
                    accepted += 1;
                }
                i += 1;
            }
        }
        ev.doc_start[ndocs] = ev.len() as u32;
        Some(accepted)
    }
}
