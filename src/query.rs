//! The query filter every analysis takes, and its resolved form, [`Scope`].
//!
//! Semantics (also in `docs/SEMANTICS.md`):
//! - `from`/`to`: a window selects what happened in it (arrivals, completions, handovers,
//!   directly-follows pairs), but state is never forgotten: copies are built from every event
//!   before the window's end, so what was open at `from` is carried in.
//! - `asOf`: the moment of the report; events after it are not seen, open copies are measured
//!   up to it. Default: the latest event time, or `to` when the window ends earlier.
//! - `types`, `urgency`: select documents.
//! - `units` (each with its subtree) and `levels`: select the copies at those units. Graph arcs
//!   and handovers are kept when either end is in scope, so flows into and out of a district
//!   stay visible.
//! - `rollUp` (default true): a merged or renamed unit counts as its current successor.

use crate::analysis::copies::{CopyCache, CopyTable};
use crate::calendar::{DueRule, WorkingTime};
use crate::model::{DurationSpec, Instant, KnownAction, Level, Urgency};
use crate::store::{ActionId, DocIx, Store, TextId, UnitIx};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// The common filter of every analysis. `Default` selects everything, rolled up.
#[derive(Debug, Clone, PartialEq)]
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
    /// Count a merged or renamed unit as its current successor (following chains of
    /// successors). Default `true`; `false` shows the units as they were.
    pub roll_up: bool,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            from: None,
            to: None,
            levels: Vec::new(),
            units: Vec::new(),
            types: Vec::new(),
            urgency: Vec::new(),
            as_of: None,
            roll_up: true,
        }
    }
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
    /// First instant not seen (exclusive): the window's end or just after as-of, whichever
    /// comes first.
    pub end: Instant,
    /// The query's window end (exclusive), `i64::MAX` when it has none.
    pub to: Instant,
    /// The moment of the report.
    pub as_of: Instant,
    doc_ok: Vec<bool>,
    unit_ok: Vec<bool>,
    /// Roll-up: the unit each unit counts as (empty: itself).
    unit_map: Vec<UnitIx>,
    terminal: Vec<bool>,
    /// Deadline rules resolved to interned types, most specific first.
    rules: Vec<(Option<TextId>, Option<Urgency>, DurationSpec)>,
    /// Where the shared copies come from, if the tracker shares them; fetched on first use, so
    /// a query that needs no copies (a document DFG, a query check) builds none.
    copy_cache: Option<&'s CopyCache>,
    copies: std::cell::OnceCell<Arc<CopyTable>>,
    roll_up: bool,
    /// The log is complete: a copy with no later event is closed at its last one.
    assume_closed: bool,
    sent: ActionId,
    recalled: ActionId,
    recall_refused: ActionId,
}

impl<'s> Scope<'s> {
    /// Resolves `query` against `store`. `terminal` lists the action strings that close a document.
    pub fn new(
        store: &'s Store,
        query: &Query,
        terminal: &[String],
        clock: &'s dyn WorkingTime,
        due_rules: &[DueRule],
    ) -> Result<Scope<'s>, QueryError> {
        for (field, v) in [("query.from", query.from), ("query.to", query.to), ("query.asOf", query.as_of)] {
            if let Some(Err(e)) = v.map(crate::model::time::instant_from_i64) {
                return Err(QueryError::BadOption(field.into(), format!("{e} (got {})", v.unwrap_or_default())));
            }
        }
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
            let type_ids: Vec<TextId> = query.types.iter().filter_map(|t| store.texts.get(t)).collect();
            let docs = &store.documents;
            (0..docs.len())
                .map(|d| {
                    (query.types.is_empty() || type_ids.contains(&docs.doc_type[d]))
                        && (query.urgency.is_empty() || query.urgency.contains(&docs.urgency[d]))
                })
                .collect()
        };

        let units = &store.units;
        let unit_map: Vec<UnitIx> = if query.roll_up && units.successor.iter().any(|s| !s.is_none()) {
            UnitIx::all(units.len()).map(|u| units.current(u)).collect()
        } else {
            Vec::new()
        };
        let unit_ok = if query.units.is_empty() && query.levels.is_empty() {
            Vec::new()
        } else {
            let mut roots = Vec::with_capacity(query.units.len());
            for id in &query.units {
                let u = store.units.find(id).ok_or_else(|| QueryError::UnknownUnit(id.clone()))?;
                roots.push(if unit_map.is_empty() { u } else { unit_map[u.index()] });
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
                term[a.index()] = true;
            }
        }
        // A rule naming a type the store has never seen matches nothing.
        let mut ranked: Vec<&DueRule> = due_rules.iter().collect();
        crate::analysis::order::sort_by(&mut ranked, |a, b| b.specificity().cmp(&a.specificity()));
        let rules = ranked
            .into_iter()
            .filter_map(|r| match &r.doc_type {
                None => Some((None, r.urgency, r.within)),
                Some(t) => store.texts.get(t).map(|id| (Some(id), r.urgency, r.within)),
            })
            .collect();
        Ok(Scope {
            store,
            clock,
            rules,
            copy_cache: None,
            copies: std::cell::OnceCell::new(),
            roll_up: query.roll_up,
            assume_closed: false,
            from,
            end,
            to,
            as_of,
            doc_ok,
            unit_ok,
            unit_map,
            terminal: term,
            sent: Store::known_action_id(KnownAction::Sent),
            recalled: Store::known_action_id(KnownAction::Recalled),
            recall_refused: Store::known_action_id(KnownAction::RecallRefused),
        })
    }

    /// The unit that raw unit `u` counts as: itself, or its current successor under roll-up.
    #[inline]
    pub fn unit_key(&self, u: UnitIx) -> UnitIx {
        if self.unit_map.is_empty() || u.is_none() {
            u
        } else {
            self.unit_map[u.index()]
        }
    }

    /// Whether event `i` happened at an in-scope unit.
    #[inline]
    pub fn event_in_scope(&self, i: usize) -> bool {
        self.unit_in_scope(self.unit_key(self.store.events.unit[i]))
    }

    /// Whether `action`, recorded at a sender with a `to`, concerns the target's copy
    /// (`recalled`, `recall-refused`) rather than the sender's.
    #[inline]
    pub fn concerns_target(&self, action: ActionId) -> bool {
        action == self.recalled || action == self.recall_refused
    }

    /// Whether the window has a start.
    #[inline]
    pub fn has_from(&self) -> bool {
        self.from != i64::MIN
    }

    /// Whether instant `t` lies in the window `[from, end)`.
    #[inline]
    pub fn in_window(&self, t: Instant) -> bool {
        t >= self.from && t < self.end
    }

    /// Whether document `d` passes the type/urgency filter.
    #[inline]
    pub fn doc_selected(&self, d: DocIx) -> bool {
        self.doc_ok.is_empty() || self.doc_ok[d.index()]
    }

    /// Whether the query restricts units or levels at all.
    #[inline]
    pub fn unit_filtered(&self) -> bool {
        !self.unit_ok.is_empty()
    }

    /// Whether unit `u` (already rolled up, see [`Scope::unit_key`]) is in scope (always true
    /// without a unit/level filter).
    #[inline]
    pub fn unit_in_scope(&self, u: UnitIx) -> bool {
        self.unit_ok.is_empty() || (!u.is_none() && self.unit_ok[u.index()])
    }

    /// The shared copy table, when the scope has a cache ([`Scope::with_copy_cache`]): taken
    /// from the cache, or built into it, on the first call.
    pub fn copy_table(&self) -> Option<&CopyTable> {
        let cache = self.copy_cache?;
        Some(self.copies.get_or_init(|| cache.get(self)))
    }

    /// Shares copies through `cache` (one per store): the analyses read their copies from it
    /// instead of building them.
    pub fn with_copy_cache(mut self, cache: &'s CopyCache) -> Self {
        self.copy_cache = Some(cache);
        self
    }

    /// Treats the log as complete (the tracker's `assume_closed`, see
    /// [`crate::TrackerOptions::assume_closed`]).
    pub fn with_assume_closed(mut self, assume_closed: bool) -> Self {
        self.assume_closed = assume_closed;
        self
    }

    /// Whether the log is taken as complete: a copy with no event after the scope's end is
    /// closed at its last event.
    #[inline]
    pub fn assumes_closed(&self) -> bool {
        self.assume_closed
    }

    /// Whether merged units count as their successors.
    #[inline]
    pub fn rolls_up(&self) -> bool {
        self.roll_up
    }

    /// Whether any deadline rule is set.
    #[inline]
    pub fn has_due_rules(&self) -> bool {
        !self.rules.is_empty()
    }

    /// The deadline the most specific matching rule gives a copy of document `d` whose clock
    /// starts at `start`, if a rule matches.
    pub fn rule_due(&self, d: DocIx, start: Instant) -> Option<Instant> {
        let docs = &self.store.documents;
        let (t, u) = (docs.doc_type[d.index()], docs.urgency[d.index()]);
        self.rules
            .iter()
            .find(|(rt, ru, _)| rt.is_none_or(|rt| rt == t) && ru.is_none_or(|ru| ru == u))
            .map(|&(_, _, within)| self.clock.add_working(start, within))
    }

    /// The due time of document `d`, if it has one.
    #[inline]
    pub fn due(&self, d: DocIx) -> Option<Instant> {
        self.store.documents.due[d.index()]
    }

    /// Whether `action` closes a document.
    #[inline]
    pub fn is_terminal(&self, action: ActionId) -> bool {
        self.terminal.get(action.index()).copied().unwrap_or(false)
    }

    /// Whether `action` is `sent`.
    #[inline]
    pub fn is_sent(&self, action: ActionId) -> bool {
        action == self.sent
    }

    /// The events of document `d` before the window's end: its whole history as seen at
    /// as-of (a prefix, since they are time-sorted).
    #[inline]
    pub fn history(&self, d: DocIx) -> Range<usize> {
        let r = self.store.events.of_doc(d);
        let at = &self.store.events.at[r.clone()];
        let hi = if self.end == i64::MAX { at.len() } else { at.partition_point(|&t| t < self.end) };
        r.start..r.start + hi
    }

    /// The events of `history` inside the window (a sub-range).
    #[inline]
    pub fn window(&self, history: Range<usize>) -> Range<usize> {
        if !self.has_from() {
            return history;
        }
        let lo = self.store.events.at[history.clone()].partition_point(|&t| t < self.from);
        history.start + lo..history.end
    }

    /// Selected documents with at least one event before the window's end, with their
    /// histories.
    pub fn documents(&self) -> impl Iterator<Item = (DocIx, Range<usize>)> + '_ {
        DocIx::all(self.store.documents.len()).filter_map(move |d| {
            if !self.doc_selected(d) {
                return None;
            }
            let r = self.history(d);
            (!r.is_empty()).then_some((d, r))
        })
    }
}
