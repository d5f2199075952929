//! Processing times (SPEC §3): lead times of documents, sojourns of visits at units, transit
//! times of handovers, grouped and summarised with exact statistics.

use super::copies::{for_each_document, handover_selected, selected};
use super::stats::{for_each_group, lookup, pair_key, quantile_sorted, split_pair, stats_by_key, Stats};
use crate::model::{Level, Urgency};
use crate::query::Scope;
use crate::store::{DocIx, Id, Store, TextId, UnitIx};
use serde::Serialize;

/// How to group processing times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// Lead time of each document.
    Document,
    /// Lead time of each copy (a document at one unit): last − first event of the copy.
    Copy,
    /// Sojourn of visits, per unit.
    Unit,
    /// Sojourn of visits, per level of the unit.
    Level,
    /// Lead time of documents, per document type.
    Type,
    /// Lead time of documents, per urgency.
    Urgency,
    /// Transit time of handovers, per (from unit, to unit).
    Edge,
}

impl GroupBy {
    /// Parses `document`, `unit`, `level`, `type`, `urgency` or `edge`.
    pub fn parse(text: &str) -> Option<GroupBy> {
        Some(match text.trim() {
            "document" | "doc" => GroupBy::Document,
            "copy" => GroupBy::Copy,
            "unit" => GroupBy::Unit,
            "level" => GroupBy::Level,
            "type" => GroupBy::Type,
            "urgency" => GroupBy::Urgency,
            "edge" => GroupBy::Edge,
            _ => return None,
        })
    }
}

/// Waiting (first event → first `assigned`/`processing`) and handling (the rest) of the visits
/// that have such an event.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Split {
    /// Waiting, calendar time.
    pub waiting: Stats,
    /// Handling, calendar time.
    pub handling: Stats,
    /// Waiting, working time.
    pub waiting_working: Stats,
    /// Handling, working time.
    pub handling_working: Stats,
}

/// One group of processing times.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingGroup {
    /// Group key: document id, unit id, level, type, urgency, `from→to` for an edge, or
    /// `document@unit` for a copy (`#2`, `#3`, … added for a unit's later copies of the same
    /// document).
    pub key: String,
    /// A readable name: the unit's name, the document's number, … where there is one.
    pub label: Option<String>,
    /// Level of the unit (for `unit`), where known.
    pub level: Option<Level>,
    /// For `edge`: the sending unit id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// For `edge`: the receiving unit id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// For `copy`: the document id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// For `copy`: the unit id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Calendar time.
    pub calendar: Stats,
    /// Working time.
    pub working: Stats,
    /// Waiting/handling split, for `unit` and `level`, where visits have `assigned`/`processing`
    /// (boxed: most groupings have none, and a million per-document groups stay small).
    pub split: Option<Box<Split>>,
}

/// Processing times grouped one way.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingTimes {
    /// How the groups are made.
    pub by: GroupBy,
    /// All values together, calendar time.
    pub overall: Stats,
    /// All values together, working time.
    pub overall_working: Stats,
    /// The groups, by total time (descending), then key.
    pub groups: Vec<ProcessingGroup>,
}

const UNKNOWN: u64 = u64::MAX;
const UNKNOWN_LEVEL: u64 = 4;

/// The durations of a scope, keyed by group, before they are summarised.
struct Collected {
    /// (group key, calendar ms) of every value.
    cal: Vec<(u64, i64)>,
    /// (group key, working ms); empty under calendar time (then the calendar values apply).
    work: Vec<(u64, i64)>,
    wait: Vec<(u64, i64)>,
    handle: Vec<(u64, i64)>,
    wait_w: Vec<(u64, i64)>,
    handle_w: Vec<(u64, i64)>,
    /// For `copy`: (document, unit, nth copy of that unit in the document) per key.
    copy_keys: Vec<(DocIx, UnitIx, u32)>,
    /// Whether working time is calendar time.
    same: bool,
}

/// Collects the durations of the scope grouped by `by`. `split`: also the waiting and handling
/// parts (a spread draws only the whole duration: two fewer calendar sums a copy without them).
fn collect(scope: &Scope<'_>, by: GroupBy, split: bool) -> Collected {
    let store = scope.store;
    let docs = &store.documents;
    let units = &store.units;
    let clock = scope.clock;
    let as_of = scope.as_of;
    // Under calendar time, working figures are the calendar ones: copy instead of recomputing.
    let same = clock.is_calendar_time();
    // A spread of working time reads only the working values.
    let keep_cal = split || same;
    let mut cal: Vec<(u64, i64)> = Vec::new();
    let mut work: Vec<(u64, i64)> = Vec::new();
    let mut wait: Vec<(u64, i64)> = Vec::new();
    let mut handle: Vec<(u64, i64)> = Vec::new();
    let mut wait_w: Vec<(u64, i64)> = Vec::new();
    let mut handle_w: Vec<(u64, i64)> = Vec::new();
    // For `copy`: (document, unit, nth copy of that unit in the document) per key.
    let mut copy_keys: Vec<(DocIx, UnitIx, u32)> = Vec::new();
    // Copies seen so far per unit in the current document (reset through `touched`): linear even
    // for a document sent to thousands of units.
    let mut seen = vec![0u32; if by == GroupBy::Copy { units.len() } else { 0 }];
    let mut touched: Vec<UnitIx> = Vec::new();
    for_each_document(scope, false, &mut |d, _, copies, state, _| match by {
        GroupBy::Document | GroupBy::Type | GroupBy::Urgency => {
            if !copies.iter().any(|c| selected(scope, c)) {
                return;
            }
            let key = match by {
                GroupBy::Document => d.index() as u64,
                GroupBy::Type => docs.doc_type[d.index()].get().map_or(UNKNOWN, |t| t.raw() as u64),
                _ => docs.urgency[d.index()] as u64,
            };
            let end = state.lead_end(as_of);
            if keep_cal {
                cal.push((key, end - state.first_at));
            }
            if !same {
                work.push((key, clock.working_ms_between(state.first_at, end)));
            }
        }
        GroupBy::Unit | GroupBy::Level | GroupBy::Copy => {
            for c in copies {
                let nth = if by == GroupBy::Copy {
                    let n = &mut seen[c.unit.index()];
                    if *n == 0 {
                        touched.push(c.unit);
                    }
                    *n += 1;
                    *n - 1
                } else {
                    0
                };
                if !selected(scope, c) {
                    continue;
                }
                let (Some(first), Some(_)) = (c.first_at, c.arrived_at) else { continue };
                let key = match by {
                    GroupBy::Unit => c.unit.index() as u64,
                    GroupBy::Level => units.level[c.unit.index()].map_or(UNKNOWN_LEVEL, |l| l.index() as u64),
                    _ => {
                        copy_keys.push((d, c.unit, nth));
                        (copy_keys.len() - 1) as u64
                    }
                };
                let end = c.end(as_of);
                if keep_cal {
                    cal.push((key, end - first));
                }
                if !same {
                    work.push((key, clock.working_ms_between(first, end)));
                }
                if let (Some(h), false, true) = (c.handle_at, by == GroupBy::Copy, split) {
                    wait.push((key, h - first));
                    handle.push((key, end - h));
                    if !same {
                        wait_w.push((key, clock.working_ms_between(first, h)));
                        handle_w.push((key, clock.working_ms_between(h, end)));
                    }
                }
            }
            for u in touched.drain(..) {
                seen[u.index()] = 0;
            }
        }
        GroupBy::Edge => {
            for c in copies {
                let Some(ms) = c.transit_ms() else { continue };
                if !handover_selected(scope, c) {
                    continue;
                }
                let key = pair_key(c.from_unit, c.unit, units.len());
                if keep_cal {
                    cal.push((key, ms));
                }
                if !same {
                    work.push((key, clock.working_ms_between(c.handover_at, c.handover_at + ms)));
                }
            }
        }
    });
    Collected { cal, work, wait, handle, wait_w, handle_w, copy_keys, same }
}

/// Computes processing times of the scope grouped by `by`.
pub fn processing_times(scope: &Scope<'_>, by: GroupBy) -> ProcessingTimes {
    let store = scope.store;
    let Collected { cal, work, wait, handle, wait_w, handle_w, copy_keys, same } = collect(scope, by, true);
    let mut all: Vec<i64> = cal.iter().map(|p| p.1).collect();
    let overall = Stats::of(&mut all);
    let overall_working = if same {
        overall
    } else {
        all.clear();
        all.extend(work.iter().map(|p| p.1));
        Stats::of(&mut all)
    };
    drop(all);

    let (wait, handle) = (stats_by_key(&wait), stats_by_key(&handle));
    let calendar = stats_by_key(&cal);
    let (working, wait_w, handle_w) = if same {
        (calendar.clone(), wait.clone(), handle.clone())
    } else {
        (stats_by_key(&work), stats_by_key(&wait_w), stats_by_key(&handle_w))
    };
    let mut groups: Vec<ProcessingGroup> = calendar
        .into_iter()
        .map(|(key, calendar)| {
            let mut g = ProcessingGroup {
                key: String::new(),
                label: None,
                level: None,
                from: None,
                to: None,
                document: None,
                unit: None,
                calendar,
                working: lookup(&working, key).unwrap_or_default(),
                split: lookup(&wait, key).map(|waiting| {
                    Box::new(Split {
                        waiting,
                        handling: lookup(&handle, key).unwrap_or_default(),
                        waiting_working: lookup(&wait_w, key).unwrap_or_default(),
                        handling_working: lookup(&handle_w, key).unwrap_or_default(),
                    })
                }),
            };
            describe(store, by, key, &copy_keys, &mut g);
            g
        })
        .collect();
    super::order::sort_by(&mut groups, |a, b| {
        b.calendar.sum_ms.cmp(&a.calendar.sum_ms).then_with(|| a.key.cmp(&b.key))
    });
    ProcessingTimes { by, overall, overall_working, groups }
}

/// The spread of one group's durations in working time: the figures of a box plot (SPEC §6,
/// processing-time distribution).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Spread {
    /// Group key, as in [`ProcessingGroup::key`].
    pub key: String,
    /// A readable name, as in [`ProcessingGroup::label`].
    pub label: Option<String>,
    /// Level of the unit or of the group.
    pub level: Option<Level>,
    /// Number of values.
    pub count: u64,
    /// Smallest value.
    pub min_ms: i64,
    /// First quartile (linear interpolation between closest ranks, as the other quantiles).
    pub q1_ms: f64,
    /// Median.
    pub median_ms: f64,
    /// Third quartile.
    pub q3_ms: f64,
    /// 90th percentile.
    pub p90_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// Largest value.
    pub max_ms: i64,
    /// Arithmetic mean.
    pub mean_ms: f64,
}

/// The spread of working durations per group (see [`processing_spread`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingSpread {
    /// How the groups are made.
    pub by: GroupBy,
    /// The groups.
    pub groups: Vec<Spread>,
}

/// The spread of the working durations of the scope grouped by `by` (the values behind
/// [`processing_times`]' working statistics), for a box plot. Groups by level come top level
/// first (unknown last); other groups by working total, descending, then key.
///
/// # Complexity
/// That of [`processing_times`]: one pass over the copies, then a sort of the values.
pub fn processing_spread(scope: &Scope<'_>, by: GroupBy) -> ProcessingSpread {
    let Collected { cal, work, copy_keys, same, .. } = collect(scope, by, false);
    let values = if same { cal } else { work };
    let mut out: Vec<(i64, Spread)> = Vec::new();
    for_each_group(&values, |key, v| {
        let stats = Stats::of_sorted(v);
        let mut g = ProcessingGroup {
            key: String::new(),
            label: None,
            level: None,
            from: None,
            to: None,
            document: None,
            unit: None,
            calendar: Stats::default(),
            working: Stats::default(),
            split: None,
        };
        describe(scope.store, by, key, &copy_keys, &mut g);
        let spread = Spread {
            key: g.key,
            label: g.label,
            level: g.level,
            count: stats.count,
            min_ms: stats.min_ms,
            q1_ms: quantile_sorted(v, 0.25),
            median_ms: stats.median_ms,
            q3_ms: quantile_sorted(v, 0.75),
            p90_ms: stats.p90_ms,
            p95_ms: stats.p95_ms,
            max_ms: stats.max_ms,
            mean_ms: stats.mean_ms,
        };
        let rank = if by == GroupBy::Level { key as i64 } else { -stats.sum_ms };
        out.push((rank, spread));
    });
    super::order::sort_by(&mut out, |a, b| a.0.cmp(&b.0).then_with(|| a.1.key.cmp(&b.1.key)));
    ProcessingSpread { by, groups: out.into_iter().map(|(_, s)| s).collect() }
}

/// Fills the key, label and level (and the ids of an edge or copy) of group `key`.
fn describe(store: &Store, by: GroupBy, key: u64, copy_keys: &[(DocIx, UnitIx, u32)], g: &mut ProcessingGroup) {
    let (docs, units) = (&store.documents, &store.units);
    match by {
        GroupBy::Copy => {
            let (d, u, nth) = copy_keys[key as usize];
            let (doc, unit) = (docs.id(d), units.id(u));
            g.key = if nth == 0 { format!("{doc}@{unit}") } else { format!("{doc}@{unit}#{}", nth + 1) };
            g.label = store.texts.resolve_opt(units.name[u.index()]).map(str::to_string);
            g.level = units.level[u.index()];
            g.document = Some(doc.to_string());
            g.unit = Some(unit.to_string());
        }
        GroupBy::Document => {
            g.key = docs.id(DocIx::from_index(key as usize)).to_string();
            g.label = store.texts.resolve_opt(docs.number[key as usize]).map(str::to_string);
        }
        GroupBy::Type => {
            g.key = if key == UNKNOWN {
                String::new()
            } else {
                store.texts.resolve(TextId::from_index(key as usize)).to_string()
            };
        }
        GroupBy::Urgency => g.key = Urgency::ALL[key as usize].as_str().to_string(),
        GroupBy::Unit => {
            g.key = units.id(UnitIx::from_index(key as usize)).to_string();
            g.label = store.texts.resolve_opt(units.name[key as usize]).map(str::to_string);
            g.level = units.level[key as usize];
        }
        GroupBy::Level => {
            g.level = Level::from_index(key as usize);
            g.key = g.level.map_or("unknown", Level::as_str).to_string();
            g.label = g.level.map(|l| l.name_vi().to_string());
        }
        GroupBy::Edge => {
            let (a, b): (UnitIx, UnitIx) = split_pair(key, units.len());
            let (a, b) = (units.id(a), units.id(b));
            g.key = format!("{a}→{b}");
            g.from = Some(a.to_string());
            g.to = Some(b.to_string());
        }
    }
}
