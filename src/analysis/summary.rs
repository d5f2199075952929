//! Summary (SPEC §3): counts of units, documents, events, open, closed, late, overdue, and
//! lead-time statistics.

use super::stats::Stats;
use super::visits::DocState;
use crate::model::Instant;
use crate::query::Scope;
use serde::Serialize;

/// The summary of a scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Units in scope (all units without a unit/level filter).
    pub units: u64,
    /// Units in scope with no level (only known from events).
    pub units_without_level: u64,
    /// Documents with at least one event in the window (and in scope).
    pub documents: u64,
    /// Documents known but without any event in the store (not filtered).
    pub documents_without_events: u64,
    /// Events in the window (at in-scope units).
    pub events: u64,
    /// Documents still open at as-of.
    pub open: u64,
    /// Documents closed.
    pub closed: u64,
    /// Closed after their due time.
    pub late: u64,
    /// Open and past their due time at as-of.
    pub overdue: u64,
    /// Open documents in transit between units.
    pub in_transit: u64,
    /// Lead time (last − first event; as-of − first event while open), calendar.
    pub lead_time: Stats,
    /// Lead time, working time.
    pub lead_time_working: Stats,
    /// The moment of the report.
    pub as_of: Instant,
    /// First event time in the window.
    pub first_event: Option<Instant>,
    /// Last event time in the window.
    pub last_event: Option<Instant>,
}

/// Summarises the scope.
pub fn summary(scope: &Scope<'_>) -> Summary {
    let store = scope.store;
    let ev = &store.events;
    let mut s = Summary {
        units: 0,
        units_without_level: 0,
        documents: 0,
        documents_without_events: 0,
        events: 0,
        open: 0,
        closed: 0,
        late: 0,
        overdue: 0,
        in_transit: 0,
        lead_time: Stats::default(),
        lead_time_working: Stats::default(),
        as_of: scope.as_of,
        first_event: None,
        last_event: None,
    };
    for u in 0..store.units.len() {
        if scope.unit_in_scope(u as u32) {
            s.units += 1;
            s.units_without_level += store.units.level[u].is_none() as u64;
        }
    }
    s.documents_without_events = (0..store.documents.len() as u32).filter(|&d| ev.of_doc(d).is_empty()).count() as u64;
    let mut lead = Vec::new();
    let mut lead_w = Vec::new();
    for (d, r) in scope.documents() {
        let in_scope = if scope.unit_filtered() {
            ev.unit[r.clone()].iter().filter(|&&u| scope.unit_in_scope(u)).count() as u64
        } else {
            r.len() as u64
        };
        if in_scope == 0 {
            continue;
        }
        s.events += in_scope;
        s.documents += 1;
        let state = DocState::of(scope, r);
        s.first_event = Some(s.first_event.map_or(state.first_at, |f: i64| f.min(state.first_at)));
        s.last_event = Some(s.last_event.map_or(state.last_at, |l: i64| l.max(state.last_at)));
        let due = scope.due(d);
        if state.closed {
            s.closed += 1;
            s.late += due.is_some_and(|due| state.last_at > due) as u64;
        } else {
            s.open += 1;
            s.overdue += due.is_some_and(|due| scope.as_of > due) as u64;
            s.in_transit += state.in_transit as u64;
        }
        let end = state.lead_end(scope.as_of);
        lead.push(end - state.first_at);
        if !scope.clock.is_calendar_time() {
            lead_w.push(scope.clock.working_ms_between(state.first_at, end));
        }
    }
    s.lead_time = Stats::of(&mut lead);
    s.lead_time_working = if scope.clock.is_calendar_time() { s.lead_time } else { Stats::of(&mut lead_w) };
    s
}
