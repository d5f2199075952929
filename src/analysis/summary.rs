//! Summary (SPEC §3): counts of units, documents, copies, events, open, closed, late, overdue,
//! and lead-time statistics.

use super::copies::{for_each_document, selected, CopyState};
use super::stats::Stats;
use crate::model::Instant;
use crate::query::Scope;
use crate::store::{DocIx, UnitIx};
use serde::Serialize;

/// The summary of a scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Units in scope (all units without a unit/level filter).
    pub units: u64,
    /// Units in scope with no level (only known from events).
    pub units_without_level: u64,
    /// Documents with a copy in scope that was active in the window.
    pub documents: u64,
    /// Documents known but without any event in the store (not filtered).
    pub documents_without_events: u64,
    /// Events in the window (at in-scope units).
    pub events: u64,
    /// Documents still open at as-of (some copy in scope open).
    pub open: u64,
    /// Documents closed.
    pub closed: u64,
    /// Documents with a copy in scope finished after its deadline.
    pub late: u64,
    /// Documents with a copy in scope open and past its deadline at as-of.
    pub overdue: u64,
    /// Open documents of which nothing open is held: every open copy is on its way.
    pub in_transit: u64,
    /// Received copies in scope active in the window (the issuer's outgoing copies not counted).
    pub copies: u64,
    /// Of those, open at as-of (held or in transit).
    pub copies_open: u64,
    /// Of those, on their way: sent and not yet arrived (or, in a chain, sent with no target).
    pub copies_in_transit: u64,
    /// Of those, finished after their deadline.
    pub copies_late: u64,
    /// Of those, open and past their deadline at as-of.
    pub copies_overdue: u64,
    /// Lead time (last − first event; as-of − first event while open), calendar.
    pub lead_time: Stats,
    /// Lead time, working time.
    pub lead_time_working: Stats,
    /// The moment of the report.
    pub as_of: Instant,
    /// First event time of the documents counted.
    pub first_event: Option<Instant>,
    /// Last event time of the documents counted.
    pub last_event: Option<Instant>,
}

/// Summarises the scope.
pub fn summary(scope: &Scope<'_>) -> Summary {
    let store = scope.store;
    let ev = &store.events;
    let as_of = scope.as_of;
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
        copies: 0,
        copies_open: 0,
        copies_in_transit: 0,
        copies_late: 0,
        copies_overdue: 0,
        lead_time: Stats::default(),
        lead_time_working: Stats::default(),
        as_of,
        first_event: None,
        last_event: None,
    };
    for u in UnitIx::all(store.units.len()) {
        if scope.unit_in_scope(u) && scope.unit_key(u) == u {
            s.units += 1;
            s.units_without_level += store.units.level[u.index()].is_none() as u64;
        }
    }
    s.documents_without_events = DocIx::all(store.documents.len()).filter(|&d| ev.of_doc(d).is_empty()).count() as u64;
    let mut lead = Vec::new();
    let mut lead_w = Vec::new();
    for_each_document(scope, false, &mut |_, history, copies, state, _| {
        if !copies.iter().any(|c| selected(scope, c)) {
            return;
        }
        s.documents += 1;
        let window = scope.window(history);
        s.events += if scope.unit_filtered() {
            window.filter(|&i| scope.event_in_scope(i)).count() as u64
        } else {
            window.len() as u64
        };
        let (mut late, mut overdue, mut open) = (false, false, false);
        for c in copies.iter().filter(|c| selected(scope, c) && c.received()) {
            s.copies += 1;
            let due = c.judged_due();
            if c.is_open() {
                s.copies_open += 1;
                open = true;
                s.copies_in_transit += matches!(c.state, CopyState::InTransit | CopyState::SentAway) as u64;
                if due.is_some_and(|due| as_of > due) {
                    s.copies_overdue += 1;
                    overdue = true;
                }
            } else if due.is_some_and(|due| c.last_at > due) && scope.in_window(c.last_at) {
                s.copies_late += 1;
                late = true;
            }
        }
        // Without a unit scope a document's state is its own; with one, that of its copies there.
        let open = if scope.unit_filtered() { open } else { !state.closed };
        s.first_event = Some(s.first_event.map_or(state.first_at, |f: i64| f.min(state.first_at)));
        s.last_event = Some(s.last_event.map_or(state.last_at, |l: i64| l.max(state.last_at)));
        if open {
            s.open += 1;
            s.in_transit += state.in_transit as u64;
        } else {
            s.closed += 1;
        }
        s.late += late as u64;
        s.overdue += overdue as u64;
        let end = state.lead_end(as_of);
        lead.push(end - state.first_at);
        if !scope.clock.is_calendar_time() {
            lead_w.push(scope.clock.working_ms_between(state.first_at, end));
        }
    });
    s.lead_time = Stats::of(&mut lead);
    s.lead_time_working = if scope.clock.is_calendar_time() { s.lead_time } else { Stats::of(&mut lead_w) };
    s
}
