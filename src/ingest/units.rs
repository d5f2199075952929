//! Loading units: upsert by id, validate level, validity and parent links.

use super::{read_time, time_message, IngestReport, UnitRecord};
use crate::model::text::normalize_id;
use crate::model::{Level, TimeZone};
use crate::store::{Store, UnitIx};

impl Store {
    /// Loads units. A unit already known (declared, or created by an event) is updated with
    /// the fields the record gives. A parent or successor not yet known is created without a
    /// level and noted in the report. A parent link that would make a cycle is rejected.
    pub fn add_units<'a, I>(&mut self, records: I, zone: TimeZone) -> IngestReport
    where
        I: IntoIterator<Item = UnitRecord<'a>>,
    {
        let mut report = IngestReport::default();
        for (index, r) in records.into_iter().enumerate() {
            self.add_unit(index, r, zone, &mut report);
        }
        report
    }

    /// Loads record `index` of a call (see [`Store::add_units`]), reporting into `report`.
    pub(crate) fn add_unit(&mut self, index: usize, r: UnitRecord<'_>, zone: TimeZone, report: &mut IngestReport) {
        if r.id.trim().is_empty() {
            report.reject(index, "id", "missing unit id");
            return;
        }
        let level = match r.level.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(t) => match Level::parse(t) {
                Some(l) => Some(l),
                None => {
                    report.reject(
                        index,
                        "level",
                        format!("unknown level {t:?}: expected central, province, district or commune"),
                    );
                    return;
                }
            },
        };
        let mut times = [None, None];
        let mut bad = false;
        for (slot, (field, value)) in [("validFrom", r.valid_from), ("validTo", r.valid_to)].into_iter().enumerate() {
            if let Some(v) = value {
                match read_time(v, zone) {
                    Ok(t) => times[slot] = Some(t),
                    Err(e) => {
                        report.reject(index, field, time_message(e, v));
                        bad = true;
                        break;
                    }
                }
            }
        }
        if bad {
            return;
        }
        if let (Some(a), Some(b)) = (times[0], times[1]) {
            if b < a {
                report.reject(index, "validTo", "validTo is before validFrom");
                return;
            }
        }
        let parent_id = r.parent.filter(|p| !p.trim().is_empty());
        if parent_id.is_some_and(|p| normalize_id(p) == normalize_id(r.id)) {
            report.reject(index, "parent", "a unit cannot be its own parent");
            return;
        }
        // A cycle needs both ends known: check before creating anything.
        if let (Some(p), Some(u)) = (parent_id.and_then(|p| self.units.find(p)), self.units.find(r.id)) {
            if self.units.would_cycle(u, p) {
                report.reject(
                    index,
                    "parent",
                    format!(
                        "parent {:?} lies under {:?}: that would make a cycle",
                        parent_id.unwrap_or_default(),
                        r.id
                    ),
                );
                return;
            }
        }
        // A merger into a unit that was merged (on and on) into this one would be a cycle: roll-up
        // would follow it without end.
        let successor_id = r.successor.filter(|s| !s.trim().is_empty());
        if let (Some(s), Some(u)) = (successor_id.and_then(|s| self.units.find(s)), self.units.find(r.id)) {
            if s != u && self.units.leads_to(s, u) {
                report.reject(
                    index,
                    "successor",
                    format!(
                        "successor {:?} was itself merged into {:?}: that would make a cycle",
                        successor_id.unwrap_or_default(),
                        r.id
                    ),
                );
                return;
            }
        }
        let (u, _) = self.units.find_or_create(r.id);
        let ui = u.index();
        if let Some(p) = parent_id {
            let p = self.unit_or_create(p, report);
            self.units.set_parent(u, p);
        }
        if let Some(s) = successor_id {
            let s = self.unit_or_create(s, report);
            self.units.successor[ui] = if s == u { UnitIx::NONE } else { s };
        }
        if let Some(name) = r.name {
            // Names as ids are: trimmed and composed, so two spellings show as one name.
            self.units.name[ui] = self.texts.intern(&normalize_id(name));
        }
        if level.is_some() {
            self.units.level[ui] = level;
        }
        if times[0].is_some() {
            self.units.valid_from[ui] = times[0];
        }
        if times[1].is_some() {
            self.units.valid_to[ui] = times[1];
        }
        self.units.declared[ui] = true;
        report.accepted += 1;
    }
}
