//! Directly-follows graph (DFG): frequency and performance, as PM4Py defines them.
//!
//! For every pair of consecutive events of a document, an arc from the first event's key to the
//! second's (self-loops included), with the number of pairs and statistics of the time between
//! the two events. PM4Py computes the same figures with pandas; `scripts/pm4py_crosscheck.py`
//! compares both on a generated log. One difference: pandas gives NaN as the standard deviation
//! of a single value, this crate gives 0.

use super::copies::for_each_document;
use super::stats::{for_each_group, pair_key, split_pair, Stats};
use crate::model::Level;
use crate::query::Scope;
use crate::store::{ActionId, Id, UnitIx};
use serde::Serialize;

/// What an arc connects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DfgKey {
    /// The unit of the event.
    Unit,
    /// The action of the event.
    Action,
    /// The level of the event's unit (`unknown` for a unit without a level).
    Level,
}

impl DfgKey {
    /// Parses `unit`, `action` or `level`.
    pub fn parse(text: &str) -> Option<DfgKey> {
        match text.trim() {
            "unit" => Some(DfgKey::Unit),
            "action" | "activity" => Some(DfgKey::Action),
            "level" => Some(DfgKey::Level),
            _ => None,
        }
    }
}

/// What a case is: the pairs of consecutive events are taken within each case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DfgCase {
    /// The document: all its events in time order (PM4Py's view of a case).
    #[default]
    Document,
    /// The copy: the events of a document at one unit (and, for a recall, the sender's
    /// events about it), in time order.
    Copy,
}

impl DfgCase {
    /// Parses `document` or `copy`.
    pub fn parse(text: &str) -> Option<DfgCase> {
        match text.trim() {
            "document" | "doc" => Some(DfgCase::Document),
            "copy" => Some(DfgCase::Copy),
            _ => None,
        }
    }
}

/// One arc of the directly-follows graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DfgArc {
    /// Key of the first event.
    pub from: String,
    /// Key of the second event.
    pub to: String,
    /// Number of directly-follows pairs.
    pub count: u64,
    /// Mean time between the two events.
    pub mean_ms: f64,
    /// Median time.
    pub median_ms: f64,
    /// Shortest time.
    pub min_ms: i64,
    /// Longest time.
    pub max_ms: i64,
    /// Total time.
    pub sum_ms: i64,
    /// Sample standard deviation (n − 1), 0 for a single pair.
    pub stdev_ms: f64,
    /// The same times in working time, when asked for (`working`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working: Option<DfgWorking>,
}

/// An arc's times in working time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DfgWorking {
    /// Mean working time between the two events.
    pub mean_ms: f64,
    /// Median working time.
    pub median_ms: f64,
    /// Total working time.
    pub sum_ms: i64,
}

const UNKNOWN_LEVEL: u32 = 4;

/// The directly-follows graph of the scope, arcs sorted by count (descending), then keys.
///
/// Pairs are taken among the events in the window. With a unit/level filter, an arc is kept
/// when either event is at an in-scope unit. Units are rolled up when the query asks for it.
///
/// With `working`, each arc also has its times in the tracker's working time (PM4Py's
/// figures are calendar time; working time is this library's addition).
///
/// # Complexity
/// O(events in the window) to collect the pairs, then a counting sort by arc.
pub fn directly_follows(scope: &Scope<'_>, key: DfgKey, case: DfgCase, working: bool) -> Vec<DfgArc> {
    let store = scope.store;
    let ev = &store.events;
    let key_of = |i: usize| -> u32 {
        let unit = scope.unit_key(ev.unit[i]);
        match key {
            DfgKey::Unit => unit.raw(),
            DfgKey::Action => ev.action[i].raw(),
            DfgKey::Level => store.units.level[unit.index()].map_or(UNKNOWN_LEVEL, |l| l.index() as u32),
        }
    };
    let nk = match key {
        DfgKey::Unit => store.units.len(),
        DfgKey::Action => store.actions.len(),
        DfgKey::Level => UNKNOWN_LEVEL as usize + 1,
    };
    let mut pairs: Vec<(u64, i64)> = Vec::new();
    let mut pairs_w: Vec<(u64, i64)> = Vec::new();
    let mut push = |i: usize, j: usize| {
        if scope.unit_filtered() && !scope.event_in_scope(i) && !scope.event_in_scope(j) {
            return;
        }
        let k = pair_key(key_of(i), key_of(j), nk);
        pairs.push((k, ev.at[j] - ev.at[i]));
        if working {
            pairs_w.push((k, scope.clock.working_ms_between(ev.at[i], ev.at[j])));
        }
    };
    match case {
        DfgCase::Document => {
            for (_, history) in scope.documents() {
                let r = scope.window(history);
                for i in r.start..r.end.saturating_sub(1) {
                    push(i, i + 1);
                }
            }
        }
        DfgCase::Copy => {
            let mut last_of_copy: Vec<usize> = Vec::new();
            for_each_document(scope, true, &mut |_, history, copies, _, b| {
                last_of_copy.clear();
                last_of_copy.resize(copies.len(), usize::MAX);
                let window = scope.window(history.clone());
                for i in window {
                    let c = b.event_copies()[i - history.start].index();
                    if last_of_copy[c] != usize::MAX {
                        push(last_of_copy[c], i);
                    }
                    last_of_copy[c] = i;
                }
            });
        }
    }
    let label = |k: u32| -> String {
        match key {
            DfgKey::Unit => store.units.id(UnitIx::from_raw(k)).to_string(),
            DfgKey::Action => store.actions.resolve(ActionId::from_raw(k)).to_string(),
            DfgKey::Level => Level::from_index(k as usize).map_or("unknown", Level::as_str).to_string(),
        }
    };
    // Working times grouped apart, in the same (ascending) arc order as the calendar ones.
    let mut working_stats = Vec::new();
    for_each_group(&pairs_w, |_, values| {
        let s = Stats::of_sorted(values);
        working_stats.push(DfgWorking { mean_ms: s.mean_ms, median_ms: s.median_ms, sum_ms: s.sum_ms });
    });
    drop(pairs_w);
    let mut working_stats = working_stats.into_iter();
    let mut arcs = Vec::new();
    for_each_group(&pairs, |arc, values| {
        let s = Stats::of_sorted(values);
        let (from, to) = split_pair(arc, nk);
        arcs.push(DfgArc {
            from: label(from),
            to: label(to),
            count: s.count,
            mean_ms: s.mean_ms,
            median_ms: s.median_ms,
            min_ms: s.min_ms,
            max_ms: s.max_ms,
            sum_ms: s.sum_ms,
            stdev_ms: s.stdev_ms,
            working: working_stats.next(),
        });
    });
    super::order::sort_by(&mut arcs, |a, b| {
        b.count.cmp(&a.count).then_with(|| a.from.cmp(&b.from)).then_with(|| a.to.cmp(&b.to))
    });
    arcs
}
