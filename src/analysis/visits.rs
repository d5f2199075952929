//! Walking one document's events: its state (open, closed, held, in transit) and its visits.
//!
//! A **visit** is a maximal run of consecutive events of one document at the same unit.

use crate::model::KnownAction;
use crate::query::Scope;
use crate::store::{Store, NONE};
use std::ops::Range;

/// Where a document stands at the end of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocState {
    /// Time of its first event in the window.
    pub first_at: i64,
    /// Time of its last event in the window.
    pub last_at: i64,
    /// Whether its last event is terminal.
    pub closed: bool,
    /// The unit holding it (the unit of its last event), or `NONE` when closed or in transit.
    pub holder: u32,
    /// When the last event is `sent`: the target unit (`NONE` if the send named none).
    pub in_transit_to: u32,
    /// Whether its last event is `sent`: it has left its last unit and not yet arrived.
    pub in_transit: bool,
}

impl DocState {
    /// The state of the document whose window events are `range`.
    pub fn of(scope: &Scope<'_>, range: Range<usize>) -> DocState {
        let ev = &scope.store.events;
        let last = range.end - 1;
        let action = ev.action[last];
        let closed = scope.is_terminal(action);
        let in_transit = !closed && scope.is_sent(action);
        DocState {
            first_at: ev.at[range.start],
            last_at: ev.at[last],
            closed,
            holder: if closed || in_transit { NONE } else { ev.unit[last] },
            in_transit_to: if in_transit { ev.to[last].single_unit().unwrap_or(NONE) } else { NONE },
            in_transit,
        }
    }

    /// Whether the document is still open.
    pub fn open(&self) -> bool {
        !self.closed
    }

    /// Lead time: last − first event, or as-of − first event while open.
    pub fn lead_ms(&self, as_of: i64) -> i64 {
        self.lead_end(as_of) - self.first_at
    }

    /// The instant that ends the lead time.
    pub fn lead_end(&self, as_of: i64) -> i64 {
        if self.closed {
            self.last_at
        } else {
            as_of.max(self.last_at)
        }
    }
}

/// One visit of a document to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    /// The unit.
    pub unit: u32,
    /// Index of its first event.
    pub first: usize,
    /// Index of its last event.
    pub last: usize,
    /// Time of its first event.
    pub first_at: i64,
    /// Time of its last event.
    pub last_at: i64,
    /// Time of its first `assigned`/`processing` event, if any.
    pub handle_at: Option<i64>,
    /// Whether the document is still open at this unit (the last visit of an open document
    /// that is not in transit).
    pub open: bool,
    /// The unit of the previous visit (`NONE` for the first visit): the visit and its
    /// predecessor make a handover.
    pub from_unit: u32,
    /// Time of the last event of the previous visit (the handover's start).
    pub left_at: i64,
}

impl Visit {
    /// The instant the sojourn ends: the last event, or as-of while open.
    pub fn end(&self, as_of: i64) -> i64 {
        if self.open {
            as_of.max(self.last_at)
        } else {
            self.last_at
        }
    }

    /// Sojourn: last − first event, or as-of − first event while the document is open here.
    pub fn sojourn_ms(&self, as_of: i64) -> i64 {
        self.end(as_of) - self.first_at
    }

    /// Waiting part (first event → first `assigned`/`processing`), where the visit has one.
    pub fn waiting_ms(&self) -> Option<i64> {
        self.handle_at.map(|h| h - self.first_at)
    }

    /// The handover that brought the document here, if the scope keeps it (either end in
    /// scope): `(from unit, transit ms)`. Transit runs from the last event at the previous unit
    /// to the first event here.
    #[inline]
    pub fn handover(&self, scope: &Scope<'_>) -> Option<(u32, i64)> {
        (self.from_unit != NONE && (scope.unit_in_scope(self.from_unit) || scope.unit_in_scope(self.unit)))
            .then(|| (self.from_unit, self.first_at - self.left_at))
    }
}

/// Iterator over the visits of one document.
pub struct Visits<'a> {
    store: &'a Store,
    pos: usize,
    end: usize,
    last_open: bool,
    prev: (u32, i64),
}

impl<'a> Visits<'a> {
    /// The visits of the document whose window events are `range` and whose state is `state`.
    pub fn new(scope: &Scope<'a>, range: Range<usize>, state: &DocState) -> Visits<'a> {
        Visits {
            store: scope.store,
            pos: range.start,
            end: range.end,
            last_open: state.holder != NONE,
            prev: (NONE, 0),
        }
    }
}

impl Iterator for Visits<'_> {
    type Item = Visit;

    #[inline]
    fn next(&mut self) -> Option<Visit> {
        if self.pos >= self.end {
            return None;
        }
        let ev = &self.store.events;
        let start = self.pos;
        let unit = ev.unit[start];
        let mut handle_at = None;
        let mut j = start;
        while j < self.end && ev.unit[j] == unit {
            let a = ev.action[j];
            if handle_at.is_none() && Store::known_action(a).is_some_and(KnownAction::starts_handling) {
                handle_at = Some(ev.at[j]);
            }
            j += 1;
        }
        self.pos = j;
        let (from_unit, left_at) = self.prev;
        self.prev = (unit, ev.at[j - 1]);
        Some(Visit {
            unit,
            first: start,
            last: j - 1,
            first_at: ev.at[start],
            last_at: ev.at[j - 1],
            handle_at,
            open: j == self.end && self.last_open,
            from_unit,
            left_at,
        })
    }
}
