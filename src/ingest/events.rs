//! Loading events: validate, intern, sort by (document, time, input order), skip exact
//! duplicates, and merge into the sorted columns.

use super::{read_due, read_time, EventRecord, IngestReport, Targets};
use crate::model::Instant;
use crate::model::TimeZone;
use crate::store::events::{EventRow, Target};
use crate::store::{DocIx, Store, TextId, UnitIx};

/// Validated events of one call, in input order, before sorting.
#[derive(Default)]
struct Batch {
    doc: Vec<DocIx>,
    rows: Vec<EventRow>,
    index: Vec<u32>,
}

impl Store {
    /// Index of document `id`, creating an undeclared document when new.
    pub(crate) fn document_or_create(&mut self, id: &str) -> (DocIx, bool) {
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
        b.doc.reserve(cap);
        b.rows.reserve(cap);
        b.index.reserve(cap);
        // Exports list a document's events together: skip the hash lookups for a repeated id.
        let mut last_doc: (&str, DocIx) = ("", DocIx::NONE);
        let mut last_unit: (&str, UnitIx) = ("", UnitIx::NONE);
        let mut last_actor: (&str, TextId) = ("", TextId::NONE);
        let mut targets: Vec<UnitIx> = Vec::new();
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
            let doc = if !last_doc.1.is_none() && last_doc.0 == r.doc {
                last_doc.1
            } else {
                let (d, created) = self.document_or_create(r.doc);
                if created {
                    report.created_documents.push(r.doc.to_string());
                }
                last_doc = (r.doc, d);
                d
            };
            let unit = if !last_unit.1.is_none() && last_unit.0 == r.unit {
                last_unit.1
            } else {
                let u = self.unit_or_create(r.unit, &mut report);
                last_unit = (r.unit, u);
                u
            };
            let due = match r.due {
                None => None,
                Some(super::TimeValue::Text(t)) if t.trim().is_empty() => None,
                Some(v) => match read_due(v, zone) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        report.reject(index, "due", e.to_string());
                        continue;
                    }
                },
            };
            let to = self.target(r.to, due, &mut targets, &mut report);
            self.check_validity(unit, at, index, zone, &mut report);
            let actor = match r.actor {
                Some(a) if !a.is_empty() => {
                    if last_actor.1.is_none() || last_actor.0 != a {
                        last_actor = (a, self.texts.intern(a));
                    }
                    last_actor.1
                }
                _ => TextId::NONE,
            };
            let action = self.actions.intern(r.action);
            let note = r.note.filter(|s| !s.is_empty()).map_or(TextId::NONE, |s| self.texts.intern(s));
            b.doc.push(doc);
            b.rows.push(EventRow { unit, action, at, to, actor, note });
            b.index.push(index as u32);
        }
        self.merge_batch(&b, &mut report);
        report
    }

    /// The stored target of a send: its units (blank ids skipped, repeats once), with `due`.
    fn target(
        &mut self,
        to: Targets<'_>,
        due: Option<Instant>,
        buf: &mut Vec<UnitIx>,
        report: &mut IngestReport,
    ) -> Target {
        buf.clear();
        for id in to.non_blank() {
            let u = self.unit_or_create(id, report);
            // A unit named twice gets one copy. Lists are short; a long one is deduplicated
            // by sorting instead of the quadratic scan.
            if buf.len() > 64 || !buf.contains(&u) {
                buf.push(u);
            }
        }
        if buf.len() > 64 {
            buf.sort_unstable();
            buf.dedup();
        }
        match (buf.as_slice(), due) {
            ([], None) => Target::NONE,
            ([u], None) => Target::unit(*u),
            (units, due) => self.events.sends.push(units, due),
        }
    }

    /// Warns about an event at a unit outside its validity (after a merger, before creation):
    /// the event is kept, and roll-up counts it at the successor.
    fn check_validity(&self, unit: UnitIx, at: Instant, index: usize, zone: TimeZone, report: &mut IngestReport) {
        let u = unit.index();
        let (from, to) = (self.units.valid_from[u], self.units.valid_to[u]);
        if let Some(v) = to.filter(|&v| at >= v) {
            report.warn(
                index,
                "unit",
                format!(
                    "unit {:?} ceased to exist on {} (validTo); the event is kept",
                    self.units.id(unit),
                    crate::model::time::format_instant(v, zone)
                ),
            );
        } else if let Some(v) = from.filter(|&v| at < v) {
            report.warn(
                index,
                "unit",
                format!(
                    "unit {:?} exists only from {} (validFrom); the event is kept",
                    self.units.id(unit),
                    crate::model::time::format_instant(v, zone)
                ),
            );
        }
    }

    /// Index of unit `id`, creating an undeclared unit and noting it in `report` when new.
    pub(crate) fn unit_or_create(&mut self, id: &str, report: &mut IngestReport) -> UnitIx {
        let (u, created) = self.units.find_or_create(id);
        if created {
            report.created_units.push(id.to_string());
        }
        u
    }

    fn merge_batch(&mut self, b: &Batch, report: &mut IngestReport) {
        let n = b.rows.len();
        if n == 0 {
            return;
        }
        let ndocs = self.documents.len();
        if !self.append_in_order(b, report) {
            self.merge_sorted(b, report, ndocs);
        }
        let times = b.rows.iter().map(|r| r.at);
        if let (Some(lo), Some(hi)) = (times.clone().min(), times.max()) {
            self.latest_at = Some(self.latest_at.map_or(hi, |l| l.max(hi)));
            self.earliest_at = Some(self.earliest_at.map_or(lo, |e| e.min(lo)));
        }
    }

    /// The general case: sort the batch by (document, time, input order) and merge it into the
    /// events of the documents it touches and those after them.
    fn merge_sorted(&mut self, b: &Batch, report: &mut IngestReport, ndocs: usize) {
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
        for d in first_doc..ndocs {
            let old_range = (ev.doc_start[d] as usize - keep)..(ev.doc_start[d + 1] as usize - keep);
            ev.doc_start[d] = ev.len() as u32;
            let group = &perm[starts[d] as usize..starts[d + 1] as usize];
            if group.is_empty() {
                ev.extend_range(&old, old_range);
                continue;
            }
            let doc_begin = ev.len();
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
                if ev.ends_with_equal(doc_begin, &b.rows[k]) {
                    report.duplicates.push(b.index[k] as usize);
                } else {
                    ev.push(b.rows[k]);
                    accepted += 1;
                }
            }
        }
        ev.doc_start[ndocs] = ev.len() as u32;
        report.accepted += accepted;
        report.duplicates.sort_unstable();
    }

    /// The common bulk case: the batch lists documents in ascending index order, each one's
    /// events in time order, and no earlier call left events for those documents. Then the
    /// batch is the new tail as it is: no sorting. Returns `false` (having changed nothing)
    /// when the batch is not of that shape.
    fn append_in_order(&mut self, b: &Batch, report: &mut IngestReport) -> bool {
        let ev = &mut self.events;
        let first_doc = b.doc[0].index();
        if ev.doc_start[first_doc] as usize != ev.len() {
            return false;
        }
        let n = b.rows.len();
        if (1..n).any(|i| b.doc[i] < b.doc[i - 1] || (b.doc[i] == b.doc[i - 1] && b.rows[i].at < b.rows[i - 1].at)) {
            return false;
        }
        ev.reserve(n);
        let ndocs = self.documents.len();
        let mut i = 0;
        for d in first_doc..ndocs {
            ev.doc_start[d] = ev.len() as u32;
            let doc_begin = ev.len();
            while i < n && b.doc[i].index() == d {
                if ev.ends_with_equal(doc_begin, &b.rows[i]) {
                    report.duplicates.push(b.index[i] as usize);
                } else {
                    ev.push(b.rows[i]);
                    report.accepted += 1;
                }
                i += 1;
            }
        }
        ev.doc_start[ndocs] = ev.len() as u32;
        true
    }
}
