//! Loading events: validate, intern, sort by (document, time, input order), skip exact
//! duplicates, and merge into the sorted columns.

use super::{read_time, EventRecord, IngestReport};
use crate::model::TimeZone;
use crate::store::{Store, NONE};

/// Validated events of one call, in input order, before sorting.
#[derive(Default)]
struct Batch {
    doc: Vec<u32>,
    unit: Vec<u32>,
    action: Vec<u32>,
    at: Vec<i64>,
    to: Vec<u32>,
    actor: Vec<u32>,
    note: Vec<u32>,
    index: Vec<u32>,
}

impl Store {
    /// Index of document `id`, creating an undeclared document when new.
    pub(crate) fn document_or_create(&mut self, id: &str) -> (u32, bool) {
        let (d, created) = self.documents.find_or_create(id);
        if created {
            let end = *self.events.doc_start.last().unwrap_or(&0);
            self.events.doc_start.push(end);
        }
        (d, created)
    }

    /// Loads events. Records may come in any order; each document's events end up sorted by
    /// time, ties in input order. Exact duplicates of events already loaded (or earlier in the
    /// same call) are skipped and listed in the report.
    ///
    /// Only the documents the call touches, and those created after them, are rewritten; the
    /// columns of older documents stay where they are.
    pub fn add_events<'a, I>(&mut self, records: I, zone: TimeZone) -> IngestReport
    where
        I: IntoIterator<Item = EventRecord<'a>>,
    {
        let mut report = IngestReport::default();
        let records = records.into_iter();
        let mut b = Batch::default();
        let cap = records.size_hint().0;
        for col in [&mut b.doc, &mut b.unit, &mut b.action, &mut b.to, &mut b.actor, &mut b.note, &mut b.index] {
            col.reserve(cap);
        }
        b.at.reserve(cap);
        // Exports list a document's events together: skip the hash lookups for a repeated id.
        let mut last_doc: (&str, u32) = ("", NONE);
        let mut last_unit: (&str, u32) = ("", NONE);
        let mut last_actor: (&str, u32) = ("", NONE);
        for (index, r) in records.enumerate() {
            if r.doc.trim().is_empty() {
                report.reject(index, "doc", "missing document id");
                continue;
            }
            if r.unit.trim().is_empty() {
                report.reject(index, "unit", "missing unit id");
                continue;
            }
            if r.action.trim().is_empty() {
                report.reject(index, "action", "missing action");
                continue;
            }
            let at = match read_time(r.at, zone) {
                Ok(at) => at,
                Err(e) => {
                    let shown = match r.at {
                        super::TimeValue::Text(t) => format!("{t:?}"),
                        super::TimeValue::Float(f) => f.to_string(),
                        super::TimeValue::Millis(m) => m.to_string(),
                    };
                    report.reject(index, "at", format!("{e} (got {shown})"));
                    continue;
                }
            };
            let doc = if last_doc.1 != NONE && last_doc.0 == r.doc {
                last_doc.1
            } else {
                let (d, created) = self.document_or_create(r.doc);
                if created {
                    report.created_documents.push(r.doc.to_string());
                }
                last_doc = (r.doc, d);
                d
            };
            let unit = if last_unit.1 != NONE && last_unit.0 == r.unit {
                last_unit.1
            } else {
                let u = self.unit_or_create(r.unit, &mut report);
                last_unit = (r.unit, u);
                u
            };
            let to = match r.to {
                Some(t) if !t.trim().is_empty() => self.unit_or_create(t, &mut report),
                _ => NONE,
            };
            b.doc.push(doc);
            b.unit.push(unit);
            b.action.push(self.actions.intern(r.action));
            b.at.push(at);
            b.to.push(to);
            let actor = match r.actor {
                Some(a) if !a.is_empty() => {
                    if last_actor.1 == NONE || last_actor.0 != a {
                        last_actor = (a, self.texts.intern(a));
                    }
                    last_actor.1
                }
                _ => NONE,
            };
            b.actor.push(actor);
            b.note.push(r.note.filter(|s| !s.is_empty()).map_or(NONE, |s| self.texts.intern(s)));
            b.index.push(index as u32);
        }
        self.merge_batch(&b, &mut report);
        report
    }

    /// Index of unit `id`, creating an undeclared unit and noting it in `report` when new.
    pub(crate) fn unit_or_create(&mut self, id: &str, report: &mut IngestReport) -> u32 {
        let (u, created) = self.units.find_or_create(id);
        if created {
            report.created_units.push(id.to_string());
        }
        u
    }

    fn merge_batch(&mut self, b: &Batch, report: &mut IngestReport) {
        let n = b.at.len();
        if n == 0 {
            return;
        }
        let ndocs = self.documents.len();
        if self.append_in_order(b, report) {
            return;
        }
        // Counting sort by document (stable, so input order holds within a document).
        let mut starts = vec![0u32; ndocs + 1];
        for &d in &b.doc {
            starts[d as usize + 1] += 1;
        }
        for i in 0..ndocs {
            starts[i + 1] += starts[i];
        }
        let first_doc = b.doc.iter().copied().min().unwrap_or(0) as usize;
        let mut fill = starts.clone();
        let mut perm = vec![0u32; n];
        for (i, &d) in b.doc.iter().enumerate() {
            perm[fill[d as usize] as usize] = i as u32;
            fill[d as usize] += 1;
        }
        for d in first_doc..ndocs {
            let group = &mut perm[starts[d] as usize..starts[d + 1] as usize];
            if group.windows(2).any(|w| b.at[w[0] as usize] > b.at[w[1] as usize]) {
                group.sort_by_key(|&i| b.at[i as usize]); // stable: ties keep input order
            }
        }

        // Documents before `first_doc` are untouched: keep their events in place and rebuild
        // only the tail.
        let ev = &mut self.events;
        let keep = ev.doc_start[first_doc] as usize;
        let old_unit = ev.unit.split_off(keep);
        let old_action = ev.action.split_off(keep);
        let old_at = ev.at.split_off(keep);
        let old_to = ev.to.split_off(keep);
        let old_actor = ev.actor.split_off(keep);
        let old_note = ev.note.split_off(keep);
        let extra = n + old_at.len();
        ev.unit.reserve(extra);
        ev.action.reserve(extra);
        ev.at.reserve(extra);
        ev.to.reserve(extra);
        ev.actor.reserve(extra);
        ev.note.reserve(extra);

        let mut accepted = 0usize;
        for d in first_doc..ndocs {
            let old_range = (ev.doc_start[d] as usize - keep)..(ev.doc_start[d + 1] as usize - keep);
            ev.doc_start[d] = ev.at.len() as u32;
            let group = &perm[starts[d] as usize..starts[d + 1] as usize];
            if group.is_empty() {
                let r = old_range;
                ev.unit.extend_from_slice(&old_unit[r.clone()]);
                ev.action.extend_from_slice(&old_action[r.clone()]);
                ev.at.extend_from_slice(&old_at[r.clone()]);
                ev.to.extend_from_slice(&old_to[r.clone()]);
                ev.actor.extend_from_slice(&old_actor[r.clone()]);
                ev.note.extend_from_slice(&old_note[r]);
                continue;
            }
            let doc_begin = ev.at.len();
            let mut i = old_range.start;
            let mut j = 0;
            while i < old_range.end || j < group.len() {
                let take_old = j == group.len() || (i < old_range.end && old_at[i] <= b.at[group[j] as usize]);
                if take_old {
                    ev.unit.push(old_unit[i]);
                    ev.action.push(old_action[i]);
                    ev.at.push(old_at[i]);
                    ev.to.push(old_to[i]);
                    ev.actor.push(old_actor[i]);
                    ev.note.push(old_note[i]);
                    i += 1;
                    continue;
                }
                let k = group[j] as usize;
                j += 1;
                // Every earlier event with the same time is already out (old ones first on
                // ties), so an exact duplicate can only be among the last few written.
                let mut dup = false;
                let mut p = ev.at.len();
                while p > doc_begin && ev.at[p - 1] == b.at[k] {
                    p -= 1;
                    if ev.unit[p] == b.unit[k]
                        && ev.action[p] == b.action[k]
                        && ev.to[p] == b.to[k]
                        && ev.actor[p] == b.actor[k]
                        && ev.note[p] == b.note[k]
                    {
                        dup = true;
                        break;
                    }
                }
                if dup {
                    report.duplicates.push(b.index[k] as usize);
                    continue;
                }
                ev.unit.push(b.unit[k]);
                ev.action.push(b.action[k]);
                ev.at.push(b.at[k]);
                ev.to.push(b.to[k]);
                ev.actor.push(b.actor[k]);
                ev.note.push(b.note[k]);
                accepted += 1;
            }
        }
        ev.doc_start[ndocs] = ev.at.len() as u32;
        report.accepted += accepted;
        report.duplicates.sort_unstable();
        self.note_times(&b.at);
    }

    fn note_times(&mut self, at: &[i64]) {
        if let (Some(&lo), Some(&hi)) = (at.iter().min(), at.iter().max()) {
            self.latest_at = Some(self.latest_at.map_or(hi, |l| l.max(hi)));
            self.earliest_at = Some(self.earliest_at.map_or(lo, |e| e.min(lo)));
        }
    }

    /// The common bulk case: the batch lists documents in ascending index order, each one's
    /// events in time order, and no earlier call left events for those documents. Then the
    /// batch columns are the new tail as they are: copy them, no sorting. Returns `false`
    /// (having changed nothing) when the batch is not of that shape.
    fn append_in_order(&mut self, b: &Batch, report: &mut IngestReport) -> bool {
        let ev = &mut self.events;
        let first_doc = b.doc[0] as usize;
        if ev.doc_start[first_doc] as usize != ev.at.len() {
            return false;
        }
        let n = b.at.len();
        let mut dup = Vec::new();
        for i in 1..n {
            let (d0, d1) = (b.doc[i - 1], b.doc[i]);
            if d1 < d0 || (d1 == d0 && b.at[i] < b.at[i - 1]) {
                return false;
            }
            // An exact duplicate has the same document and time as an earlier batch event.
            let mut p = i;
            while p > 0 && b.doc[p - 1] == d1 && b.at[p - 1] == b.at[i] {
                p -= 1;
                if !dup.contains(&p)
                    && b.unit[p] == b.unit[i]
                    && b.action[p] == b.action[i]
                    && b.to[p] == b.to[i]
                    && b.actor[p] == b.actor[i]
                    && b.note[p] == b.note[i]
                {
                    dup.push(i);
                    break;
                }
            }
        }
        let base = ev.at.len();
        if dup.is_empty() {
            ev.unit.extend_from_slice(&b.unit);
            ev.action.extend_from_slice(&b.action);
            ev.at.extend_from_slice(&b.at);
            ev.to.extend_from_slice(&b.to);
            ev.actor.extend_from_slice(&b.actor);
            ev.note.extend_from_slice(&b.note);
        } else {
            let mut skip = dup.iter().copied().peekable();
            for i in 0..n {
                if skip.peek() == Some(&i) {
                    skip.next();
                    continue;
                }
                ev.unit.push(b.unit[i]);
                ev.action.push(b.action[i]);
                ev.at.push(b.at[i]);
                ev.to.push(b.to[i]);
                ev.actor.push(b.actor[i]);
                ev.note.push(b.note[i]);
            }
        }
        // Offsets: walk the kept events' documents.
        let ndocs = self.documents.len();
        let mut pos = base as u32;
        let mut i = 0;
        let mut skip = dup.iter().copied().peekable();
        for d in first_doc..ndocs {
            ev.doc_start[d] = pos;
            while i < n && b.doc[i] as usize == d {
                if skip.peek() == Some(&i) {
                    skip.next();
                } else {
                    pos += 1;
                }
                i += 1;
            }
        }
        ev.doc_start[ndocs] = pos;
        report.accepted += n - dup.len();
        report.duplicates.extend(dup.iter().map(|&i| b.index[i] as usize));
        self.note_times(&b.at);
        true
    }
}
