//! The query filter every analysis takes, and its resolved form, [`Scope`].
//!
//! Semantics (also in `docs/SEMANTICS.md`):
//! - `from`/`to`: only events with `from <= at < to` are seen.
//! - `asOf`: the moment of the report; events after it are not seen, open documents and visits
//!   are measured up to it. Default: the latest event time in the window.
//! - `types`, `urgency`: select documents.
//! - `units` (each with its subtree) and `levels`: select *where* to look. Unit figures (visits,
//!   sojourn, WIP) are kept for in-scope units only; graph arcs and handovers are kept when either
//!   end is in scope, so flows into and out of a district stay visible; document figures (lead
//!   time, overdue, summary) are kept for documents with at least one event in scope.

use crate::calendar::WorkingTime;
use crate::model::{Instant, KnownAction, Level, Urgency};
use crate::store::{Store, NONE};
use std::fmt;
use std::ops::Range;

/// The common filter of every analysis. `Default` selects everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// Window start (inclusive).
    pub from: Option<Instant>,
    /// Window end (exclusive).
    pub to: Option<Instant>,
    /// Levels to look at; empty = all.
    pub levels: Vec<Level>,
    /// Unit ids to look at, each with its subtree; empty = all.
    pub units: Vec<String>,
    /// Document types; empty = all.
    pub types: Vec<String>,
    /// Urgencies; empty = all.
    pub urgency: Vec<Urgency>,
    /// Moment of the report; default: the latest event time in the window.
    pub as_of: Option<Instant>,
}

/// A query that cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// `units` names a unit the tracker does not know.
    UnknownUnit(String),
    /// `to` is not after `from`.
    EmptyWindow,
    /// An option is malformed (`field`, message).
    BadOption(String, String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::UnknownUnit(u) => write!(f, "unknown unit {u:?} in query.units"),
            QueryError::EmptyWindow => f.write_str("query.to must be after query.from"),
            QueryError::BadOption(field, msg) => write!(f, "{field}: {msg}"),
        }
    }
}

impl std::error::Error for QueryError {}

/// A query resolved against a store: masks and bounds ready for the analyses' hot loops.
pub struct Scope<'s> {
    /// The store.
    pub store: &'s Store,
    /// Working-time clock.
    pub clock: &'s dyn WorkingTime,
    /// First instant seen.
    pub from: Instant,
    /// First instant not seen (exclusive).
    pub end: Instant,
    /// The moment of the report.
    pub as_of: Instant,
    doc_ok: Vec<bool>,
    unit_ok: Vec<bool>,
    terminal: Vec<bool>,
    sent: u32,
}

impl<'s> Scope<'s> {
    /// Resolves `query` against `store`. `terminal` lists the action strings that close a document.
    pub fn new(
        store: &'s Store,
        query: &Query,
        terminal: &[String],
        clock: &'s dyn WorkingTime,
    ) -> Result<Scope<'s>, QueryError> {
        let from = query.from.unwrap_or(i64::MIN);
        let to = query.to.unwrap_or(i64::MAX);
        if to <= from {
            return Err(QueryError::EmptyWindow);
        }
        let latest = store.latest_at.unwrap_or(0);
        let as_of = query.as_of.unwrap_or_else(|| if to == i64::MAX { latest } else { latest.min(to) });
        let end = to.min(as_of.saturating_add(1));

        let doc_ok = if query.types.is_empty() && query.urgency.is_empty() {
            Vec::new()
        } else {
            let type_ids: Vec<u32> = query.types.iter().filter_map(|t| store.texts.get(t)).collect();
            let docs = &store.documents;
            (0..docs.len())
                .map(|d| {
                    (query.types.is_empty() || type_ids.contains(&docs.doc_type[d]))
                        && (query.urgency.is_empty() || query.urgency.contains(&docs.urgency[d]))
                })
                .collect()
        };

        let unit_ok = if query.units.is_empty() && query.levels.is_empty() {
            Vec::new()
        } else {
            let mut roots = Vec::with_capacity(query.units.len());
            for id in &query.units {
                roots.push(store.units.find(id).ok_or_else(|| QueryError::UnknownUnit(id.clone()))?);
            }
            let mut mask =
                if roots.is_empty() { vec![true; store.units.len()] } else { store.units.subtree_mask(&roots) };
            if !query.levels.is_empty() {
                for (u, ok) in mask.iter_mut().enumerate() {
                    *ok &= store.units.level[u].is_some_and(|l| query.levels.contains(&l));
                }
            }
            mask
        };

        let mut term = vec![false; store.actions.len()];
        for t in terminal {
            if let Some(a) = store.actions.get(t) {
                term[a as usize] = true;
            }
        }
        Ok(Scope {
            store,
            clock,
            from,
            end,
            as_of,
            doc_ok,
            unit_ok,
            terminal: term,
            sent: Store::known_action_id(KnownAction::Sent),
        })
    }

    /// Whether document `d` passes the type/urgency filter.
    #[inline]
    pub fn doc_selected(&self, d: u32) -> bool {
        self.doc_ok.is_empty() || self.doc_ok[d as usize]
    }

    /// Whether the query restricts units or levels at all.
    #[inline]
    pub fn unit_filtered(&self) -> bool {
        !self.unit_ok.is_empty()
    }

    /// Whether unit `u` is in scope (always true without a unit/level filter).
    #[inline]
    pub fn unit_in_scope(&self, u: u32) -> bool {
        self.unit_ok.is_empty() || (u != NONE && self.unit_ok[u as usize])
    }

    /// The due time of document `d`, if it has one.
    #[inline]
    pub fn due(&self, d: u32) -> Option<Instant> {
        self.store.documents.due[d as usize]
    }

    /// Whether `action` closes a document.
    #[inline]
    pub fn is_terminal(&self, action: u32) -> bool {
        self.terminal.get(action as usize).copied().unwrap_or(false)
    }

    /// Whether `action` is `sent`.
    #[inline]
    pub fn is_sent(&self, action: u32) -> bool {
        action == self.sent
    }

    /// The events of document `d` inside the window (a sub-range, since they are time-sorted).
    #[inline]
    pub fn events(&self, d: u32) -> Range<usize> {
        let r = self.store.events.of_doc(d);
        let at = &self.store.events.at[r.clone()];
        let lo = if self.from == i64::MIN { 0 } else { at.partition_point(|&t| t < self.from) };
        let hi = if self.end == i64::MAX { at.len() } else { at.partition_point(|&t| t < self.end) };
        r.start + lo..r.start + hi.max(lo)
    }

    /// Whether some event in `range` happened at an in-scope unit.
    #[inline]
    pub fn touches_scope(&self, range: Range<usize>) -> bool {
        !self.unit_filtered() || self.store.events.unit[range].iter().any(|&u| self.unit_in_scope(u))
    }

    /// Selected documents with at least one event in the window, with their event ranges.
    pub fn documents(&self) -> impl Iterator<Item = (u32, Range<usize>)> + '_ {
        (0..self.store.documents.len() as u32).filter_map(move |d| {
            if !self.doc_selected(d) {
                return None;
            }
            let r = self.events(d);
            if r.is_empty() {
                None
            } else {
                Some((d, r))
            }
        })
    }
}
