//! Loading events: validate, intern, and hand the batch to the store, which keeps its events
//! sorted by (document, time, input order) and skips exact duplicates (`store::merge`).

use super::{read_optional_due, read_time, time_message, EventRecord, IngestReport, Targets, TimeValue};
use crate::model::Instant;
use crate::model::TimeZone;
use crate::store::events::{EventRow, Target};
use crate::store::{Batch, DocIx, Store, TextId, UnitIx};

impl Store {
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
                    report.reject(index, "at", time_message(e, r.at));
                    continue;
                }
            };
            let channel = match r.channel.map(str::trim).filter(|c| !c.is_empty()) {
                None => 0,
                Some(c) => match self.events.channel_id(c) {
                    Some(id) => id,
                    None => {
                        report.reject(index, "channel", "too many distinct channels (at most 255)");
                        continue;
                    }
                },
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
            let due = match read_optional_due(r.due, zone, self.date_only_due_ms) {
                Ok(due) => due,
                Err(e) => {
                    report.reject(index, "due", time_message(e, r.due.unwrap_or(TimeValue::Text(""))));
                    continue;
                }
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
            b.rows.push(EventRow { unit, action, at, to, actor, note, channel });
            b.index.push(index as u32);
        }
        report.accepted += self.merge_batch(&b, &mut report.duplicates);
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
            // A deadline with nobody to give it to is no target: a `sent` without `to` stays a
            // chain's event (importers fill `due` on every row from a document-level field).
            ([], _) => Target::NONE,
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
}
