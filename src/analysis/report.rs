//! The period report (SPEC §3, báo cáo tình hình giải quyết văn bản): per unit or level, the
//! copies it had to handle in `[from, to)` and what became of them.
//!
//! A copy is carried over (tồn kỳ trước) when it opened before `from` and was still open then,
//! received (tiếp nhận trong kỳ) when it opened at the unit in the period (by a `sent` to it, or
//! its first event). Of those to handle, each is either finished in the period — early (before
//! the due day), on time (on the due day), late, or without a deadline — or open at the end —
//! within its deadline, due soon, overdue, or without a deadline. The counts add up:
//! `carriedOver + received = toHandle = done… + open…`. Only received copies count: the
//! issuer's own outgoing copies are not work it received.

use super::copies::for_each_document;
use super::stats::{for_each_group, Stats};
use crate::model::{DurationSpec, Instant, Level, TimeZone, DAY_MS};
use crate::query::Scope;
use crate::store::UnitIx;
use serde::Serialize;

/// How the report's rows are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportBy {
    /// One row per unit.
    Unit,
    /// One row per level.
    Level,
}

impl ReportBy {
    /// Parses `unit` or `level`.
    pub fn parse(text: &str) -> Option<ReportBy> {
        match text.trim() {
            "unit" => Some(ReportBy::Unit),
            "level" => Some(ReportBy::Level),
            _ => None,
        }
    }
}

/// Options of the period report (the period is the query's `from` and `to`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportOptions {
    /// Rows per unit or per level.
    pub by: ReportBy,
    /// Window for "due soon" at the end of the period, working time. Default 2 days.
    pub due_soon_within: DurationSpec,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { by: ReportBy::Unit, due_soon_within: DurationSpec { days: 2, ms: 0 } }
    }
}

/// One row of the report (or the total).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ReportRow {
    /// Unit id, or level (`central` … `commune`, `unknown`); `total` for the total row.
    pub key: String,
    /// Unit name, or the level's Vietnamese name.
    pub name: Option<String>,
    /// Level of the unit, or the row's level.
    pub level: Option<Level>,
    /// Open at `from` (tồn kỳ trước).
    pub carried_over: u64,
    /// Opened at the unit in the period (tiếp nhận trong kỳ).
    pub received: u64,
    /// `carriedOver + received` (cần xử lý).
    pub to_handle: u64,
    /// Finished in the period before the due day (trước hạn).
    pub done_early: u64,
    /// Finished in the period on the due day, in time (đúng hạn).
    pub done_on_time: u64,
    /// Finished in the period after the due time (trễ hạn).
    pub done_late: u64,
    /// Finished in the period, no deadline.
    pub done_no_due: u64,
    /// Open at the end, within the deadline and not due soon (chưa đến hạn).
    pub open_within_due: u64,
    /// Open at the end, due soon (sắp đến hạn).
    pub open_due_soon: u64,
    /// Open at the end and past due (quá hạn).
    pub open_overdue: u64,
    /// Open at the end, no deadline.
    pub open_no_due: u64,
    /// `1 − lateRate`; 0 when no copy to handle has a deadline.
    pub on_time_rate: f64,
    /// `(doneLate + openOverdue) / copies to handle that have a deadline`; 0 when none has.
    pub late_rate: f64,
    /// Median handling time (first event → finish) of the copies finished in the period, working
    /// time.
    pub median_working_ms: f64,
    /// The same in calendar time.
    pub median_ms: f64,
    /// Number of copies behind the medians.
    pub finished: u64,
}

impl ReportRow {
    /// The headers of [`Self::counts`], as in the JS API.
    pub const COUNT_COLUMNS: [&'static str; 11] = [
        "carriedOver",
        "received",
        "toHandle",
        "doneEarly",
        "doneOnTime",
        "doneLate",
        "doneNoDue",
        "openWithinDue",
        "openDueSoon",
        "openOverdue",
        "openNoDue",
    ];

    /// The eleven counts in the report's column order (tables, CSV).
    pub fn counts(&self) -> [u64; 11] {
        [
            self.carried_over,
            self.received,
            self.to_handle,
            self.done_early,
            self.done_on_time,
            self.done_late,
            self.done_no_due,
            self.open_within_due,
            self.open_due_soon,
            self.open_overdue,
            self.open_no_due,
        ]
    }

    fn add(&mut self, o: &ReportRow) {
        self.carried_over += o.carried_over;
        self.received += o.received;
        self.to_handle += o.to_handle;
        self.done_early += o.done_early;
        self.done_on_time += o.done_on_time;
        self.done_late += o.done_late;
        self.done_no_due += o.done_no_due;
        self.open_within_due += o.open_within_due;
        self.open_due_soon += o.open_due_soon;
        self.open_overdue += o.open_overdue;
        self.open_no_due += o.open_no_due;
    }

    fn rates(&mut self) {
        let with_due = self.to_handle - self.done_no_due - self.open_no_due;
        if with_due == 0 {
            self.late_rate = 0.0;
            self.on_time_rate = 0.0;
        } else {
            self.late_rate = (self.done_late + self.open_overdue) as f64 / with_due as f64;
            self.on_time_rate = 1.0 - self.late_rate;
        }
    }
}

/// The period report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodReport {
    /// Period start (inclusive).
    pub from: Instant,
    /// Period end (exclusive).
    pub to: Instant,
    /// The moment the open copies are judged at: `to`, or the last event when the data ends
    /// earlier (or the query's `asOf`).
    pub as_of: Instant,
    /// How the rows are made.
    pub by: ReportBy,
    /// Rows with at least one copy to handle: units top level first, then by id; or levels top
    /// to bottom, then `unknown`.
    pub rows: Vec<ReportRow>,
    /// All rows together.
    pub total: ReportRow,
}

/// Computes the period report of the scope. The period is `[scope.from, scope.end)`; without a
/// `from` it starts at the first event.
///
/// # Complexity
/// One pass over the documents' copies, then a sort of the handling times per row.
pub fn report(scope: &Scope<'_>, options: &ReportOptions, zone: TimeZone) -> PeriodReport {
    let store = scope.store;
    let units = &store.units;
    let as_of = scope.as_of;
    let from = if scope.has_from() { scope.from } else { store.earliest_at.unwrap_or(as_of) };
    // The period as asked, even when the data ends before it.
    let to = if scope.to == i64::MAX { as_of.saturating_add(1) } else { scope.to };
    let soon_limit = scope.clock.add_working(as_of, options.due_soon_within);
    let day = |t: Instant| (t + zone.offset_ms()).div_euclid(DAY_MS);
    let rows_n = match options.by {
        ReportBy::Unit => units.len(),
        ReportBy::Level => 5,
    };
    let mut rows = vec![ReportRow::default(); rows_n];
    // (row, calendar ms, working ms) of the copies finished in the period.
    let mut handled: Vec<(u32, i64, i64)> = Vec::new();
    for_each_document(scope, false, &mut |_, _, copies, _, _| {
        for c in copies {
            if !c.received() || !scope.unit_in_scope(c.unit) {
                continue;
            }
            let closed = c.closed_at();
            let carried = c.opened_at < from && closed.is_none_or(|t| t >= from);
            let received = c.opened_at >= from && c.opened_at < to;
            if !carried && !received {
                continue;
            }
            let row = match options.by {
                ReportBy::Unit => c.unit.index(),
                ReportBy::Level => units.level[c.unit.index()].map_or(4, Level::index),
            };
            let r = &mut rows[row];
            r.carried_over += carried as u64;
            r.received += received as u64;
            r.to_handle += 1;
            let due = c.judged_due();
            match closed {
                Some(t) => {
                    match due {
                        None => r.done_no_due += 1,
                        Some(due) if t > due => r.done_late += 1,
                        Some(due) if day(t) < day(due) => r.done_early += 1,
                        Some(_) => r.done_on_time += 1,
                    }
                    if let Some(first) = c.first_at {
                        let working = scope.clock.working_ms_between(first, t);
                        handled.push((row as u32, t - first, working));
                    }
                }
                None => match due {
                    None => r.open_no_due += 1,
                    Some(due) if as_of > due => r.open_overdue += 1,
                    Some(due) if due <= soon_limit => r.open_due_soon += 1,
                    Some(_) => r.open_within_due += 1,
                },
            }
        }
    });

    // Medians per row and overall.
    let mut total = ReportRow { key: "total".to_string(), ..ReportRow::default() };
    let mut cal: Vec<i64> = handled.iter().map(|h| h.1).collect();
    let mut work: Vec<i64> = handled.iter().map(|h| h.2).collect();
    total.median_ms = Stats::of(&mut cal).median_ms;
    total.median_working_ms = Stats::of(&mut work).median_ms;
    total.finished = handled.len() as u64;
    // Per row, through the grouping the other analyses use (no sort of its own in the wasm).
    let mut pairs: Vec<(u64, i64)> = handled.iter().map(|h| (u64::from(h.0), h.1)).collect();
    for_each_group(&pairs, |row, values| {
        let r = &mut rows[row as usize];
        r.median_ms = Stats::of_sorted(values).median_ms;
        r.finished = values.len() as u64;
    });
    pairs.clear();
    pairs.extend(handled.iter().map(|h| (u64::from(h.0), h.2)));
    for_each_group(&pairs, |row, values| rows[row as usize].median_working_ms = Stats::of_sorted(values).median_ms);

    let mut out = Vec::new();
    for (i, mut r) in rows.into_iter().enumerate() {
        if r.to_handle == 0 {
            continue;
        }
        match options.by {
            ReportBy::Unit => {
                r.key = units.id(UnitIx::from_index(i)).to_string();
                r.name = store.texts.resolve_opt(units.name[i]).map(str::to_string);
                r.level = units.level[i];
            }
            ReportBy::Level => {
                r.level = Level::from_index(i);
                r.key = r.level.map_or("unknown", Level::as_str).to_string();
                r.name = r.level.map(|l| l.name_vi().to_string());
            }
        }
        r.rates();
        total.add(&r);
        out.push(r);
    }
    if options.by == ReportBy::Unit {
        super::order::sort_by(&mut out, |a, b| {
            let l = |r: &ReportRow| r.level.map_or(4, Level::index);
            l(a).cmp(&l(b)).then_with(|| a.key.cmp(&b.key))
        });
    }
    total.rates();
    PeriodReport { from, to, as_of, by: options.by, rows: out, total }
}
