//! Loading events: validate, intern, and hand the batch to the store, which keeps its events
//! sorted by (document, time, input order) and skips exact duplicates (`store::merge`).

use super::{read_optional_due, read_time, time_message, EventRecord, IngestReport, Targets, TimeValue};
use crate::model::text::{same, trim};
use crate::model::Instant;
use crate::model::TimeZone;
use crate::store::events::{EventRow, Target};
use crate::store::{ActionId, Batch, DocIx, Store, TextId, UnitIx};

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
        let records = records.into_iter();
        let mut loader = EventLoader::new(zone, records.size_hint().0);
        for (index, r) in records.enumerate() {
            loader.push(self, index, r);
        }
        loader.finish(self)
    }
}

/// One call's events on their way into the store, record by record: each is validated and
/// interned as it comes (nothing of it is kept but ids), and the batch is merged into the
/// columns by [`EventLoader::finish`]. The JSON and column readers push records as they read
/// them, so a call never holds all its records at once.
pub(crate) struct EventLoader {
    zone: TimeZone,
    batch: Batch,
    report: IngestReport,
    /// Exports list a document's events together: the hash lookups are skipped for an id
    /// repeated from the previous record.
    last_doc: DocIx,
    last_unit: UnitIx,
    last_actor: TextId,
    targets: Vec<UnitIx>,
}

impl EventLoader {
    /// A loader for about `capacity` records in `zone`.
    pub(crate) fn new(zone: TimeZone, capacity: usize) -> EventLoader {
        let mut loader = EventLoader {
            zone,
            batch: Batch::default(),
            report: IngestReport::default(),
            last_doc: DocIx::NONE,
            last_unit: UnitIx::NONE,
            last_actor: TextId::NONE,
            targets: Vec::new(),
        };
        loader.reserve(capacity);
        loader
    }

    /// Makes room for `additional` more records.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.batch.doc.reserve(additional);
        self.batch.rows.reserve(additional);
        self.batch.index.reserve(additional);
    }

    /// Rejects record `index` without reading it (a reader could not make a record of it).
    pub(crate) fn reject(&mut self, index: usize, field: &str, message: impl Into<String>) {
        self.report.reject(index, field, message);
    }

    /// Validates record `index` and adds it to the batch, or rejects it.
    pub(crate) fn push(&mut self, store: &mut Store, index: usize, r: EventRecord<'_>) {
        let (zone, report) = (self.zone, &mut self.report);
        if trim(r.doc).is_empty() {
            report.reject(index, "doc", "missing document id");
            return;
        }
        if trim(r.unit).is_empty() {
            report.reject(index, "unit", "missing unit id");
            return;
        }
        if trim(r.action).is_empty() {
            report.reject(index, "action", "missing action");
            return;
        }
        let at = match read_time(r.at, zone) {
            Ok(at) => at,
            Err(e) => {
                report.reject(index, "at", time_message(e, r.at));
                return;
            }
        };
        let channel = match r.channel.map(trim).filter(|c| !c.is_empty()) {
            None => 0,
            Some(c) => match store.events.channel_id(c) {
                Some(id) => id,
                None => {
                    report.reject(index, "channel", "too many distinct channels (at most 255)");
                    return;
                }
            },
        };
        let doc = if !self.last_doc.is_none() && same(store.documents.id(self.last_doc).as_bytes(), r.doc.as_bytes()) {
            self.last_doc
        } else {
            let (d, created) = store.document_or_create(r.doc);
            if created {
                report.created_documents.push(store.documents.id(d).to_string());
            }
            self.last_doc = d;
            d
        };
        let unit = if !self.last_unit.is_none() && same(store.units.id(self.last_unit).as_bytes(), r.unit.as_bytes()) {
            self.last_unit
        } else {
            self.last_unit = store.unit_or_create(r.unit, report);
            self.last_unit
        };
        let due = match read_optional_due(r.due, zone, store.date_only_due_ms) {
            Ok(due) => due,
            Err(e) => {
                report.reject(index, "due", time_message(e, r.due.unwrap_or(TimeValue::Text(""))));
                return;
            }
        };
        let to = store.target(r.to, due, &mut self.targets, report);
        store.check_validity(unit, at, index, zone, report);
        let actor = match r.actor {
            Some(a) if !a.is_empty() => {
                if self.last_actor.is_none() || !same(store.texts.resolve(self.last_actor).as_bytes(), a.as_bytes()) {
                    self.last_actor = store.texts.intern(a);
                }
                self.last_actor
            }
            _ => TextId::NONE,
        };
        let action = store.actions.intern(r.action);
        let note = r.note.filter(|s| !s.is_empty()).map_or(TextId::NONE, |s| store.texts.intern(s));
        self.batch.doc.push(doc);
        self.batch.rows.push(EventRow { unit, action, at, to, actor, note, channel });
        self.batch.index.push(index as u32);
    }

    /// Adds an event whose ids are already the store's (see [`ResolvedEvent`]): the row
    /// [`EventLoader::push`] makes of the same event as a record, without its lookups.
    pub(crate) fn push_resolved(&mut self, store: &mut Store, index: usize, e: &ResolvedEvent<'_>) {
        self.targets.clear();
        for &u in e.to {
            push_target(&mut self.targets, u);
        }
        let to = store.target_of(&mut self.targets, e.due);
        store.check_validity(e.unit, e.at, index, self.zone, &mut self.report);
        self.batch.doc.push(e.doc);
        let row = EventRow {
            unit: e.unit,
            action: e.action,
            at: e.at,
            to,
            actor: e.actor,
            note: TextId::NONE,
            channel: e.channel,
        };
        self.batch.rows.push(row);
        self.batch.index.push(index as u32);
    }

    /// The report so far (a caller that resolves ids itself notes created units and documents
    /// there, as `push` does).
    pub(crate) fn report_mut(&mut self) -> &mut IngestReport {
        &mut self.report
    }

    /// Merges the batch into the store's columns; the report of the whole call.
    pub(crate) fn finish(mut self, store: &mut Store) -> IngestReport {
        self.report.accepted += store.merge_batch(&self.batch, &mut self.report.duplicates);
        self.report
    }
}

/// An event whose document, units, action and actor are the store's ids already, its times
/// valid: the generator resolves each of its ids once (`GeneratedLog::load_into`) instead of
/// once per event.
pub(crate) struct ResolvedEvent<'a> {
    pub doc: DocIx,
    pub unit: UnitIx,
    pub action: ActionId,
    pub at: Instant,
    /// The units sent to (empty: none), in the order of the record's `to`.
    pub to: &'a [UnitIx],
    pub due: Option<Instant>,
    pub actor: TextId,
    pub channel: u8,
}

/// Adds a unit to a send's list: a unit named twice gets one copy. Lists are short; a long
/// one is deduplicated by sorting instead of the quadratic scan ([`Store::target_of`]).
fn push_target(buf: &mut Vec<UnitIx>, u: UnitIx) {
    if buf.len() > 64 || !buf.contains(&u) {
        buf.push(u);
    }
}

impl Store {
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
            push_target(buf, u);
        }
        self.target_of(buf, due)
    }

    /// The stored target of a send to the units of `buf` (made by `push_target`), with `due`.
    fn target_of(&mut self, buf: &mut Vec<UnitIx>, due: Option<Instant>) -> Target {
        if buf.len() > 64 {
            crate::analysis::order::sort_by(buf, Ord::cmp);
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
            report.created_units.push(self.units.id(u).to_string());
        }
        u
    }
}
