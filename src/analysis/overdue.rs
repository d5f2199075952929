//! Overdue and late copies (SPEC §3): the deadline states of the copies units received.
//!
//! A copy finished (closed or handed on) after its due time is **late**. An open copy is
//! **overdue** when as-of is past its due time, and **due soon** when its due time falls within
//! `due_soon_within` (working time) of as-of. Copies without a due time are counted apart. In a
//! chain only the last visit carries the document's deadline, so a chain is judged once. One
//! entry per copy, with the document `id` and the copy's `unit`.

use super::copies::{for_each_document, selected, slowest_on_path, slowest_on_paths, CopyState};
use crate::calendar::Span;
use crate::model::{DurationSpec, Instant, Level, Urgency};
use crate::query::Scope;
use crate::store::{DocIx, UnitIx};
use serde::Serialize;

/// Options of the overdue analysis (the moment is the query's `as_of`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OverdueOptions {
    /// Window for "due soon", in working time. Default 2 days.
    pub due_soon_within: DurationSpec,
    /// Treat every document as closed at its last event (historical logs).
    pub assume_closed: bool,
    /// At most this many entries in each list, the first of its order (a page showing the most
    /// overdue of a province's ten thousand); the lists' full lengths are then in
    /// [`OverdueReport::totals`]. `None`: whole lists.
    pub limit: Option<usize>,
}

impl Default for OverdueOptions {
    fn default() -> Self {
        OverdueOptions { due_soon_within: DurationSpec { days: 2, ms: 0 }, assume_closed: false, limit: None }
    }
}

/// One late, overdue or due-soon copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverdueEntry {
    /// Document id.
    pub id: String,
    /// The unit of the copy (where it was sent, or first seen).
    pub unit: String,
    /// Name of that unit.
    pub unit_name: Option<String>,
    /// Level of that unit.
    pub unit_level: Option<Level>,
    /// Số/ký hiệu.
    pub number: Option<String>,
    /// Type.
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    /// Urgency.
    pub urgency: Urgency,
    /// Subject.
    pub subject: Option<String>,
    /// Due time.
    pub due: Instant,
    /// Unit holding it now (open documents not in transit).
    pub holder: Option<String>,
    /// Name of the holder.
    pub holder_name: Option<String>,
    /// Level of the holder.
    pub holder_level: Option<Level>,
    /// Unit it was sent to and has not reached yet.
    pub in_transit_to: Option<String>,
    /// When it closed (late documents).
    pub closed_at: Option<Instant>,
    /// How late: closing (or as-of) minus due. For due-soon documents, zero.
    pub lateness: Span,
    /// Whole working days late (trễ N ngày làm việc): the working days whose office hours
    /// passed while it was late. 0 for due-soon copies, and for a copy finished after hours
    /// before any office hour passed.
    pub lateness_working_days: i64,
    /// Time left until due (due-soon documents), else zero.
    pub remaining: Span,
    /// The unit that spent the most time on the way to this copy (its sojourns on the path from
    /// the root copy, added up per unit).
    pub slowest_unit: Option<String>,
    /// Time that unit spent on it, calendar.
    pub slowest_unit_ms: i64,
}

/// Counts per unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitOverdue {
    /// Unit id.
    pub unit: String,
    /// Unit name.
    pub name: Option<String>,
    /// Level.
    pub level: Option<Level>,
    /// Overdue documents it holds.
    pub overdue: u64,
    /// Due-soon documents it holds.
    pub due_soon: u64,
    /// Late documents on which it spent the most time.
    pub late: u64,
}

/// Counts per level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelOverdue {
    /// Level (`unknown` when the unit has none).
    pub level: String,
    /// Overdue documents held at this level.
    pub overdue: u64,
    /// Due-soon documents held at this level.
    pub due_soon: u64,
    /// Late documents whose slowest unit is at this level.
    pub late: u64,
}

/// The overdue report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverdueReport {
    /// The moment of the report.
    pub as_of: Instant,
    /// Closed after their due time, latest first.
    pub late: Vec<OverdueEntry>,
    /// Open and past due, most overdue first.
    pub overdue: Vec<OverdueEntry>,
    /// Open and due within the window, soonest first.
    pub due_soon: Vec<OverdueEntry>,
    /// Copies finished on time in the window.
    pub on_time: u64,
    /// Open copies within their deadline, not due soon.
    pub open_in_time: u64,
    /// Copies without a due time.
    pub without_due: u64,
    /// Overdue copies held by no unit (on their way).
    pub in_transit: u64,
    /// Counts by unit (units with at least one count), most overdue first.
    pub by_unit: Vec<UnitOverdue>,
    /// Counts by level, top to bottom, then `unknown`.
    pub by_level: Vec<LevelOverdue>,
    /// With a `limit`: the full lengths of the three lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totals: Option<OverdueTotals>,
}

/// The full lengths of the lists of an [`OverdueReport`] cut at a `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverdueTotals {
    /// Late copies.
    pub late: usize,
    /// Overdue copies.
    pub overdue: usize,
    /// Due-soon copies.
    pub due_soon: usize,
}

/// An entry found, before it is written out: only the first `limit` of each list are, after
/// sorting.
#[derive(Clone, Copy)]
struct Found {
    d: DocIx,
    unit: UnitIx,
    holder: UnitIx,
    in_transit_to: UnitIx,
    due: Instant,
    closed_at: Option<Instant>,
    lateness: Span,
    lateness_working_days: i64,
    remaining: Span,
    slowest: Option<(UnitIx, i64)>,
}

enum Kind {
    Late,
    Overdue,
    DueSoon,
}

/// Computes the overdue report of the scope.
pub fn overdue(scope: &Scope<'_>, options: &OverdueOptions) -> OverdueReport {
    let store = scope.store;
    let docs = &store.documents;
    let units = &store.units;
    let clock = scope.clock;
    let as_of = scope.as_of;
    let soon_limit = clock.add_working(as_of, options.due_soon_within);
    let mut report = OverdueReport {
        as_of,
        late: Vec::new(),
        overdue: Vec::new(),
        due_soon: Vec::new(),
        on_time: 0,
        open_in_time: 0,
        without_due: 0,
        in_transit: 0,
        by_unit: Vec::new(),
        by_level: Vec::new(),
        totals: None,
    };
    let (mut late, mut overdue, mut due_soon) = (Vec::new(), Vec::new(), Vec::new());
    let mut per_unit = vec![[0u64; 3]; units.len()];
    let mut path: Vec<(UnitIx, i64)> = Vec::new();
    let unit_id = |u: UnitIx| u.get().map(|u| units.id(u).to_string());
    let unit_name =
        |u: UnitIx| u.get().and_then(|u| store.texts.resolve_opt(units.name[u.index()])).map(str::to_string);
    let unit_level = |u: UnitIx| u.get().and_then(|u| units.level[u.index()]);
    for_each_document(scope, false, &mut |d, _, copies, _, _| {
        // Long documents: every copy's slowest unit in one walk, when first needed.
        let mut slowest_all: Option<Vec<Option<(UnitIx, i64)>>> = None;
        for (k, c) in copies.iter().enumerate() {
            if !selected(scope, c) || !c.received() || !c.judged {
                continue;
            }
            let Some(due) = c.due else {
                report.without_due += 1;
                continue;
            };
            let mut state = c.state;
            if options.assume_closed && c.is_open() {
                state = CopyState::Closed;
            }
            let open = matches!(state, CopyState::Held | CopyState::InTransit | CopyState::SentAway);
            let kind = if !open {
                if !scope.in_window(c.last_at) {
                    continue;
                } else if c.last_at > due {
                    Kind::Late
                } else {
                    report.on_time += 1;
                    continue;
                }
            } else if as_of > due {
                Kind::Overdue
            } else if due <= soon_limit {
                Kind::DueSoon
            } else {
                report.open_in_time += 1;
                continue;
            };
            let slowest = if copies.len() > 32 {
                slowest_all.get_or_insert_with(|| slowest_on_paths(copies, as_of))[k]
            } else {
                slowest_on_path(copies, k, as_of, &mut path)
            };
            let holder = if state == CopyState::Held { c.unit } else { UnitIx::NONE };
            let in_transit_to = if state == CopyState::InTransit { c.unit } else { UnitIx::NONE };
            let mut found = Found {
                d,
                unit: c.unit,
                holder,
                in_transit_to,
                due,
                closed_at: (!open).then_some(c.last_at),
                lateness: Span::default(),
                lateness_working_days: 0,
                remaining: Span::default(),
                slowest,
            };
            // Overdue and due-soon copies count at the unit that holds them or that they are on
            // their way to; late ones at the slowest unit on their way.
            let counted = holder.get().or(in_transit_to.get());
            match kind {
                Kind::Late => {
                    found.lateness = Span::between(clock, due, c.last_at);
                    found.lateness_working_days = clock.working_days_late(due, c.last_at);
                    if let Some((u, _)) = slowest {
                        per_unit[u.index()][2] += 1;
                    }
                    late.push(found);
                }
                Kind::Overdue => {
                    found.lateness = Span::between(clock, due, as_of);
                    found.lateness_working_days = clock.working_days_late(due, as_of);
                    if let Some(u) = counted {
                        per_unit[u.index()][0] += 1;
                    }
                    report.in_transit += holder.is_none() as u64;
                    overdue.push(found);
                }
                Kind::DueSoon => {
                    found.remaining = Span::between(clock, as_of, due);
                    if let Some(u) = counted {
                        per_unit[u.index()][1] += 1;
                    }
                    due_soon.push(found);
                }
            }
        }
    });
    let by_id =
        |a: &Found, b: &Found| docs.id(a.d).cmp(docs.id(b.d)).then_with(|| units.id(a.unit).cmp(units.id(b.unit)));
    // Most late first in working time (what deadlines count), then in calendar time.
    let most_late = |a: &Found, b: &Found| {
        (b.lateness.working_ms, b.lateness.calendar_ms).cmp(&(a.lateness.working_ms, a.lateness.calendar_ms))
    };
    super::order::sort_by(&mut late, |a, b| most_late(a, b).then_with(|| by_id(a, b)));
    super::order::sort_by(&mut overdue, |a, b| most_late(a, b).then_with(|| by_id(a, b)));
    super::order::sort_by(&mut due_soon, |a, b| a.due.cmp(&b.due).then_with(|| by_id(a, b)));
    if options.limit.is_some() {
        report.totals = Some(OverdueTotals { late: late.len(), overdue: overdue.len(), due_soon: due_soon.len() });
    }
    let limit = options.limit.unwrap_or(usize::MAX);
    let entry = |f: &Found| OverdueEntry {
        id: docs.id(f.d).to_string(),
        unit: units.id(f.unit).to_string(),
        unit_name: unit_name(f.unit),
        unit_level: unit_level(f.unit),
        number: store.texts.resolve_opt(docs.number[f.d.index()]).map(str::to_string),
        doc_type: store.texts.resolve_opt(docs.doc_type[f.d.index()]).map(str::to_string),
        urgency: docs.urgency[f.d.index()],
        subject: store.texts.resolve_opt(docs.subject[f.d.index()]).map(str::to_string),
        due: f.due,
        holder: unit_id(f.holder),
        holder_name: unit_name(f.holder),
        holder_level: unit_level(f.holder),
        in_transit_to: unit_id(f.in_transit_to),
        closed_at: f.closed_at,
        lateness: f.lateness,
        lateness_working_days: f.lateness_working_days,
        remaining: f.remaining,
        slowest_unit: f.slowest.and_then(|p| unit_id(p.0)),
        slowest_unit_ms: f.slowest.map_or(0, |p| p.1),
    };
    // One loop for the three lists (a collect chain per list would compile three times).
    let head = |list: &[Found]| -> Vec<OverdueEntry> {
        let mut out = Vec::with_capacity(list.len().min(limit));
        for f in list.iter().take(limit) {
            out.push(entry(f));
        }
        out
    };
    report.late = head(&late);
    report.overdue = head(&overdue);
    report.due_soon = head(&due_soon);

    let mut per_level = [[0u64; 3]; 5];
    for (u, counts) in per_unit.iter().enumerate() {
        if counts.iter().all(|&c| c == 0) {
            continue;
        }
        let level = units.level[u];
        let li = level.map_or(4, Level::index);
        for k in 0..3 {
            per_level[li][k] += counts[k];
        }
        report.by_unit.push(UnitOverdue {
            unit: units.id(UnitIx::from_index(u)).to_string(),
            name: store.texts.resolve_opt(units.name[u]).map(str::to_string),
            level,
            overdue: counts[0],
            due_soon: counts[1],
            late: counts[2],
        });
    }
    super::order::sort_by(&mut report.by_unit, |a, b| {
        (b.overdue, b.late, b.due_soon).cmp(&(a.overdue, a.late, a.due_soon)).then_with(|| a.unit.cmp(&b.unit))
    });
    for (i, c) in per_level.iter().enumerate() {
        report.by_level.push(LevelOverdue {
            level: Level::from_index(i).map_or("unknown", Level::as_str).to_string(),
            overdue: c[0],
            due_soon: c[1],
            late: c[2],
        });
    }
    report
}
