//! Copies (SPEC §2): a document at one unit, from the moment it is sent there (or first seen
//! there) until that unit finishes with it. Every analysis walks a document's copies.
//!
//! A document whose events name a `to` fans out: a `sent` opens a copy at each target, events
//! belong to the open copy of their unit, a terminal action closes it, a copy whose last event is
//! a `sent` has handed the document on. A document none of whose events names a `to` is a
//! **chain**: each visit (a run of events at one unit) is a copy, and only the last visit carries
//! the document's deadline. In both models a copy is one visit, so "visit" and "copy" are the
//! same thing in the analyses. Choices the spec leaves open are in `docs/SEMANTICS.md`.
//!
//! # Complexity
//! One pass over the document's events; per-unit slots are reset through a list of the units
//! touched, so a document costs O(events + targets), whatever the number of units.

use crate::model::{Instant, KnownAction};
use crate::query::Scope;
use crate::store::{ActionId, CopyIx, DocIx, Store, UnitIx};
use std::ops::Range;

/// Where a copy stands at as-of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyState {
    /// The unit holds it: open, work in progress.
    Held,
    /// Sent to the unit, which has not recorded any event of it yet.
    InTransit,
    /// A chain's last visit ended with a `sent` naming no target: open, held by nobody.
    SentAway,
    /// Its last event is a `sent`: the unit handed the document on (closed).
    HandedOn,
    /// Closed by a terminal action of its unit.
    Closed,
}

/// One copy of a document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Copy {
    /// The unit (rolled up to its current successor when the query asks for it).
    pub unit: UnitIx,
    /// The copy it came from (among the document's copies), or [`CopyIx::NONE`] for a root.
    pub parent: CopyIx,
    /// The sending unit (rolled up like `unit`), or [`UnitIx::NONE`] for a root copy.
    pub from_unit: UnitIx,
    /// Start of the handover that brought it: the `sent`, or in a chain the last event of the
    /// previous visit.
    pub handover_at: Instant,
    /// When the copy opened: the `sent` to it, or its first event.
    pub opened_at: Instant,
    /// Its first event (any event of the copy), if it has one.
    pub first_at: Option<Instant>,
    /// First event recorded at its own unit: the end of the transit.
    pub arrived_at: Option<Instant>,
    /// Its last event (the opening instant when it has none).
    pub last_at: Instant,
    /// First `assigned`/`processing` event, if any.
    pub handle_at: Option<Instant>,
    /// Number of its events.
    pub events: u32,
    /// State at as-of.
    pub state: CopyState,
    /// Deadline: the `due` of the `sent` that opened it, else the document's, else the one the
    /// tracker's `dueRules` derive (chains: the last visit only).
    pub due: Option<Instant>,
    /// Whether its deadline state counts (false for a chain's visits before the last one, which
    /// hand the document on without a deadline of their own).
    pub judged: bool,
    /// A root copy whose first event is a `sent`, or (documents that fan out) a root copy at the
    /// document's declared issuer: the issuer's own outgoing document (văn bản đi), not work it
    /// received.
    pub outgoing: bool,
    last_own_sent: bool,
    /// The event that opened it, counted from the start of the document's history: the `sent`
    /// (a chain: the previous visit's last event), or its own first event for a root copy.
    pub opened_by: u32,
    /// Its first event at its own unit (the arrival), counted like `opened_by`; `u32::MAX` while
    /// in transit.
    pub arrived_by: u32,
}

impl Copy {
    /// Whether it is still open at as-of.
    #[inline]
    pub fn is_open(&self) -> bool {
        matches!(self.state, CopyState::Held | CopyState::InTransit | CopyState::SentAway)
    }

    /// When it closed (its last event), if it is closed.
    #[inline]
    pub fn closed_at(&self) -> Option<Instant> {
        (!self.is_open()).then_some(self.last_at)
    }

    /// The instant its sojourn ends: its last event, or as-of while the unit holds it.
    #[inline]
    pub fn end(&self, as_of: Instant) -> Instant {
        if self.state == CopyState::Held {
            as_of.max(self.last_at)
        } else {
            self.last_at
        }
    }

    /// Sojourn: last − first event, or as-of − first event while held. `None` before the unit
    /// recorded anything.
    #[inline]
    pub fn sojourn_ms(&self, as_of: Instant) -> Option<i64> {
        self.arrived_at?;
        self.first_at.map(|f| self.end(as_of) - f)
    }

    /// Transit time of the handover that brought it, once it arrived.
    #[inline]
    pub fn transit_ms(&self) -> Option<i64> {
        if self.from_unit.is_none() {
            return None;
        }
        self.arrived_at.map(|a| a - self.handover_at)
    }

    /// Whether it was open at instant `t`: opened before, not closed before.
    #[inline]
    pub fn open_at(&self, t: Instant) -> bool {
        self.opened_at < t && self.closed_at().is_none_or(|c| c >= t)
    }

    /// Work the unit received (not its own outgoing document).
    #[inline]
    pub fn received(&self) -> bool {
        !self.outgoing
    }

    /// Whether its deadline state counts and it has a deadline.
    #[inline]
    pub fn judged_due(&self) -> Option<Instant> {
        if self.judged {
            self.due
        } else {
            None
        }
    }
}

/// A document's state at as-of, from its copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocState {
    /// Its first event.
    pub first_at: Instant,
    /// Its last event up to as-of.
    pub last_at: Instant,
    /// Whether every copy is closed.
    pub closed: bool,
    /// Open, and no copy is held: everything open is on its way.
    pub in_transit: bool,
    /// Whether none of its events names a `to`.
    pub chain: bool,
}

impl DocState {
    /// Lead time end: the last event, or as-of while open.
    pub fn lead_end(&self, as_of: Instant) -> Instant {
        if self.closed {
            self.last_at
        } else {
            as_of.max(self.last_at)
        }
    }
}

/// Builds the copies of one document after another, reusing its buffers.
pub struct CopyBuilder {
    copies: Vec<Copy>,
    /// For each event of the document's history, the copy it belongs to.
    event_copy: Vec<CopyIx>,
    open_of_unit: Vec<CopyIx>,
    latest_of_unit: Vec<CopyIx>,
    touched: Vec<UnitIx>,
    state: Option<DocState>,
    track_events: bool,
}

impl CopyBuilder {
    /// A builder for the units of `store`.
    pub fn new(store: &Store) -> CopyBuilder {
        let n = store.units.len();
        CopyBuilder {
            copies: Vec::new(),
            event_copy: Vec::new(),
            open_of_unit: vec![CopyIx::NONE; n],
            latest_of_unit: vec![CopyIx::NONE; n],
            touched: Vec::new(),
            state: None,
            track_events: false,
        }
    }

    /// A builder that also records which copy each event belongs to ([`Self::event_copies`]).
    pub fn with_event_owners(store: &Store) -> CopyBuilder {
        CopyBuilder { track_events: true, ..CopyBuilder::new(store) }
    }

    /// The copies built last.
    pub fn copies(&self) -> &[Copy] {
        &self.copies
    }

    /// For each event of the last document's history (in order), its copy; empty unless the
    /// builder was made by [`Self::with_event_owners`].
    pub fn event_copies(&self) -> &[CopyIx] {
        &self.event_copy
    }

    /// The state of the last document built.
    pub fn state(&self) -> Option<DocState> {
        self.state
    }

    /// Builds the copies of document `d`, whose events up to the scope's end are `history`.
    pub fn build(&mut self, scope: &Scope<'_>, d: DocIx, history: Range<usize>) -> &[Copy] {
        self.copies.clear();
        self.event_copy.clear();
        self.state = None;
        if history.is_empty() {
            return &self.copies;
        }
        let ev = &scope.store.events;
        let chain = ev.to[history.clone()].iter().all(|t| t.is_none());
        if chain {
            self.build_chain(scope, d, history.clone());
        } else {
            self.build_copies(scope, d, history.clone());
        }
        if scope.assumes_closed() {
            self.close_complete(scope, d, history.end, chain);
        }
        let closed = self.copies.iter().all(|c| !c.is_open());
        self.state = Some(DocState {
            first_at: ev.at[history.start],
            last_at: ev.at[history.end - 1],
            closed,
            in_transit: !closed && !self.copies.iter().any(|c| c.state == CopyState::Held),
            chain,
        });
        &self.copies
    }

    /// `assume_closed`: the log is complete, so an open copy that has no event after the scope's
    /// end closes at its last event (`history_end`: the first event of the document not
    /// seen). A copy's later events are those of its unit (a handover from it is a `sent`
    /// there, its arrival an event there); a chain moves on without an event at the unit it
    /// leaves, so its last visit closes only when the document has no later event at all.
    fn close_complete(&mut self, scope: &Scope<'_>, d: DocIx, history_end: usize, chain: bool) {
        let later = history_end..scope.store.events.of_doc(d).end;
        if chain && !later.is_empty() {
            return;
        }
        let mut units: Vec<UnitIx> = scope.store.events.unit[later].iter().map(|&u| scope.unit_key(u)).collect();
        super::order::sort_by(&mut units, Ord::cmp);
        units.dedup();
        for c in self.copies.iter_mut().filter(|c| c.is_open()) {
            if units.binary_search(&c.unit).is_err() {
                c.state = CopyState::Closed;
            }
        }
    }

    fn new_copy(
        &mut self,
        unit: UnitIx,
        parent: CopyIx,
        from_unit: UnitIx,
        at: Instant,
        due: Option<Instant>,
    ) -> CopyIx {
        self.copies.push(Copy {
            unit,
            parent,
            from_unit,
            handover_at: at,
            opened_at: at,
            first_at: None,
            arrived_at: None,
            last_at: at,
            handle_at: None,
            events: 0,
            state: CopyState::InTransit,
            due,
            judged: true,
            outgoing: false,
            last_own_sent: false,
            opened_by: u32::MAX,
            arrived_by: u32::MAX,
        });
        CopyIx::from_index(self.copies.len() - 1)
    }

    /// Adds event `i` to copy `c`; `own` when it happened at the copy's unit.
    #[inline]
    fn attach(&mut self, c: CopyIx, i: usize, at: Instant, action: ActionId, own: bool, scope: &Scope<'_>) {
        let copy = &mut self.copies[c.index()];
        copy.events += 1;
        copy.first_at.get_or_insert(at);
        copy.last_at = copy.last_at.max(at);
        if own {
            if copy.arrived_at.is_none() {
                copy.arrived_by = i as u32;
            }
            copy.arrived_at.get_or_insert(at);
            copy.last_own_sent = scope.is_sent(action);
            if copy.handle_at.is_none() && Store::known_action(action).is_some_and(KnownAction::starts_handling) {
                copy.handle_at = Some(at);
            }
        }
        if self.track_events {
            debug_assert_eq!(self.event_copy.len(), i);
            self.event_copy.push(c);
        }
    }

    fn build_copies(&mut self, scope: &Scope<'_>, d: DocIx, history: Range<usize>) {
        let store = scope.store;
        let ev = &store.events;
        let doc_due = scope.due(d);
        let issuer = store.documents.issuer[d.index()];
        let base = history.start;
        for i in history {
            let (u, a, at) = (ev.unit[i], ev.action[i], ev.at[i]);
            let to = &ev.to[i];
            let targets = ev.sends.units(to);
            if !targets.is_empty() && scope.concerns_target(a) {
                let c = self.latest_of_unit[targets[0].index()];
                if !c.is_none() {
                    self.attach(c, i - base, at, a, false, scope);
                    continue;
                }
            }
            let mut c = self.open_of_unit[u.index()];
            if c.is_none() {
                c = self.new_copy(scope.unit_key(u), CopyIx::NONE, UnitIx::NONE, at, doc_due);
                self.copies[c.index()].opened_by = (i - base) as u32;
                // The issuer's own document (drafted there, or first seen being sent) is văn bản đi.
                self.copies[c.index()].outgoing = scope.is_sent(a) || u == issuer;
                self.slot(u, c);
            }
            self.attach(c, i - base, at, a, true, scope);
            if scope.is_terminal(a) {
                self.copies[c.index()].state = CopyState::Closed;
                self.open_of_unit[u.index()] = CopyIx::NONE;
            } else if scope.is_sent(a) {
                let due = ev.sends.due(*to).or(doc_due);
                for &t in targets {
                    if t == u {
                        continue;
                    }
                    let held = self.open_of_unit[t.index()];
                    // A unit that holds an open copy gets no second one; a copy whose last
                    // event so far is a `sent` has handed the document on and holds nothing.
                    if !held.is_none() && !self.copies[held.index()].last_own_sent {
                        continue;
                    }
                    let n = self.new_copy(scope.unit_key(t), c, scope.unit_key(u), at, due);
                    self.copies[n.index()].opened_by = (i - base) as u32;
                    self.slot(t, n);
                }
            }
        }
        if scope.has_due_rules() {
            // dueRules: a copy without a deadline of its own is due N working days or hours
            // after its first event (after the `sent` that opened it while still in transit).
            for copy in self.copies.iter_mut().filter(|c| c.due.is_none()) {
                copy.due = scope.rule_due(d, copy.arrived_at.unwrap_or(copy.opened_at));
            }
        }
        for copy in &mut self.copies {
            copy.state = if copy.state == CopyState::Closed {
                CopyState::Closed
            } else if copy.arrived_at.is_none() {
                CopyState::InTransit
            } else if copy.last_own_sent {
                CopyState::HandedOn
            } else {
                CopyState::Held
            };
        }
        for &u in &self.touched {
            self.open_of_unit[u.index()] = CopyIx::NONE;
            self.latest_of_unit[u.index()] = CopyIx::NONE;
        }
        self.touched.clear();
    }

    /// Makes `c` the open and the latest copy at raw unit `u`.
    #[inline]
    fn slot(&mut self, u: UnitIx, c: CopyIx) {
        if self.latest_of_unit[u.index()].is_none() {
            self.touched.push(u);
        }
        self.open_of_unit[u.index()] = c;
        self.latest_of_unit[u.index()] = c;
    }

    fn build_chain(&mut self, scope: &Scope<'_>, d: DocIx, history: Range<usize>) {
        let ev = &scope.store.events;
        let base = history.start;
        let mut i = history.start;
        while i < history.end {
            let u = ev.unit[i];
            let (parent, from_unit, handover_at) = match self.copies.last() {
                Some(p) => (CopyIx::from_index(self.copies.len() - 1), p.unit, p.last_at),
                None => (CopyIx::NONE, UnitIx::NONE, ev.at[i]),
            };
            let c = self.new_copy(scope.unit_key(u), parent, from_unit, ev.at[i], None);
            let copy = &mut self.copies[c.index()];
            copy.opened_by = (if parent.is_none() { i } else { i - 1 } - base) as u32;
            copy.handover_at = handover_at;
            copy.outgoing = parent.is_none() && scope.is_sent(ev.action[i]);
            copy.judged = false;
            while i < history.end && ev.unit[i] == u {
                self.attach(c, i - base, ev.at[i], ev.action[i], true, scope);
                i += 1;
            }
            let last = ev.action[i - 1];
            let at_end = i == history.end;
            self.copies[c.index()].state = if scope.is_terminal(last) {
                CopyState::Closed
            } else if !at_end {
                CopyState::HandedOn
            } else if scope.is_sent(last) {
                CopyState::SentAway
            } else {
                CopyState::Held
            };
        }
        // The chain's deadline belongs to the document as a whole: its last visit carries it.
        // Under dueRules, its clock starts at the document's first event.
        let start = self.copies.first().map(|c| c.opened_at);
        if let Some(last) = self.copies.last_mut() {
            last.judged = true;
            last.due = scope.due(d).or_else(|| start.and_then(|t| scope.rule_due(d, t)));
        }
    }
}

/// The units on the way to copy `c`: `c`'s unit, its parent's, and so on up to the root.
pub fn ancestry(copies: &[Copy], c: usize) -> impl Iterator<Item = &Copy> + '_ {
    let mut next = CopyIx::from_index(c);
    std::iter::from_fn(move || {
        if next.is_none() {
            return None;
        }
        let copy = &copies[next.index()];
        next = copy.parent;
        Some(copy)
    })
}

/// The unit that spent the most time on the way to copy `c` (its sojourns on the path from the
/// root copy added up per unit), with that time. Used to attribute lateness.
pub fn slowest_on_path(
    copies: &[Copy],
    c: usize,
    as_of: Instant,
    buf: &mut Vec<(UnitIx, i64)>,
) -> Option<(UnitIx, i64)> {
    buf.clear();
    let path_end = buf.len();
    buf.extend(ancestry(copies, c).map(|copy| (copy.unit, copy.sojourn_ms(as_of).unwrap_or(0))));
    // Root first, each unit once with its time added up.
    buf[path_end..].reverse();
    let mut n = 0;
    for k in 0..buf.len() {
        let (u, t) = buf[k];
        match buf[..n].iter_mut().find(|p| p.0 == u) {
            Some(p) => p.1 += t,
            None => {
                buf[n] = (u, t);
                n += 1;
            }
        }
    }
    buf.truncate(n);
    // Ties go to the unit that held it last.
    buf.iter().copied().max_by_key(|p| p.1)
}

/// [`slowest_on_path`] of every copy of a document at once, in O(C × U) for C copies and U
/// distinct units on a path: one walk down the tree of copies keeps each unit's time on the
/// current path (a long chain of copies through a few units made the per-copy walks quadratic).
/// Gives exactly what [`slowest_on_path`] gives, ties included (the unit that appeared last on
/// the path).
pub fn slowest_on_paths(copies: &[Copy], as_of: Instant) -> Vec<Option<(UnitIx, i64)>> {
    let n = copies.len();
    // Children of each copy (a parent always comes before its children).
    let mut start = vec![0u32; n + 2];
    for c in copies {
        if let Some(p) = c.parent.get() {
            start[p.index() + 2] += 1;
        }
    }
    for i in 2..n + 2 {
        start[i] += start[i - 1];
    }
    let mut children = vec![0u32; start[n + 1] as usize];
    for (k, c) in copies.iter().enumerate() {
        if let Some(p) = c.parent.get() {
            let slot = &mut start[p.index() + 1];
            children[*slot as usize] = k as u32;
            *slot += 1;
        }
    }
    // children of k: children[start[k]..start[k + 1]]
    let mut out = vec![None; n];
    // The units on the current path: (unit, time, depth of its first copy on the path, copies
    // on it). A path holds few distinct units, so a list, searched and ranked by a scan (no
    // hash map or heap type of its own in the wasm); the slowest is the largest (time, depth,
    // unit).
    let mut on_path: Vec<(UnitIx, i64, u32, u32)> = Vec::new();
    let find = |on_path: &[(UnitIx, i64, u32, u32)], u: UnitIx| on_path.iter().position(|e| e.0 == u);
    // (copy, depth, entered)
    let mut stack: Vec<(u32, u32, bool)> = Vec::new();
    for root in (0..n).rev().filter(|&k| copies[k].parent.is_none()) {
        stack.push((root as u32, 0, false));
    }
    while let Some((k, depth, entered)) = stack.pop() {
        let c = &copies[k as usize];
        let t = c.sojourn_ms(as_of).unwrap_or(0);
        if !entered {
            let i = find(&on_path, c.unit).unwrap_or_else(|| {
                on_path.push((c.unit, 0, depth, 0));
                on_path.len() - 1
            });
            let e = &mut on_path[i];
            e.1 += t;
            e.3 += 1;
            let mut top: Option<(i64, u32, UnitIx)> = None;
            for e in &on_path {
                if top.is_none_or(|top| (e.1, e.2, e.0) > top) {
                    top = Some((e.1, e.2, e.0));
                }
            }
            out[k as usize] = top.map(|(t, _, u)| (u, t));
            stack.push((k, depth, true));
            let kids = &children[start[k as usize] as usize..start[k as usize + 1] as usize];
            stack.extend(kids.iter().rev().map(|&ch| (ch, depth + 1, false)));
        } else {
            let i = find(&on_path, c.unit).expect("entered");
            let e = &mut on_path[i];
            e.1 -= t;
            e.3 -= 1;
            if e.3 == 0 {
                on_path.swap_remove(i);
            }
        }
    }
    out
}

/// Whether copy `c` was active in the window: opened before its end and not closed before its
/// start. A copy held since before `from` is active; one closed before it is not.
#[inline]
pub fn active(scope: &Scope<'_>, c: &Copy) -> bool {
    c.opened_at < scope.end && c.closed_at().is_none_or(|t| t >= scope.from)
}

/// Whether copy `c` counts in the scope: at an in-scope unit and active in the window.
#[inline]
pub fn selected(scope: &Scope<'_>, c: &Copy) -> bool {
    scope.unit_in_scope(c.unit) && active(scope, c)
}

/// What [`for_each_document`] calls for each document: `(document, history, copies, state,
/// builder)`.
pub type DocumentVisitor<'f> = dyn FnMut(DocIx, Range<usize>, &[Copy], &DocState, &CopyBuilder) + 'f;

/// Whether the handover that opened copy `c` counts in the scope: it has a sender, its `sent`
/// (chain: the previous visit's last event) lies in the window, and either end is in scope.
#[inline]
pub fn handover_selected(scope: &Scope<'_>, c: &Copy) -> bool {
    !c.from_unit.is_none()
        && scope.in_window(c.handover_at)
        && (scope.unit_in_scope(c.from_unit) || scope.unit_in_scope(c.unit))
}

/// Calls `f(document, history, copies, state, builder)` for every selected document that has
/// events before the window's end. `owners`: also record each event's copy.
pub fn for_each_document(scope: &Scope<'_>, owners: bool, f: &mut DocumentVisitor<'_>) {
    // A `dyn` callback: one copy of the walk in the wasm instead of one per analysis.
    let mut b = if owners { CopyBuilder::with_event_owners(scope.store) } else { CopyBuilder::new(scope.store) };
    if let (false, Some(table)) = (owners, scope.copy_table()) {
        for (d, r) in scope.documents() {
            let Some(state) = &table.states[d.index()] else { continue };
            f(d, r, table.copies_of(d), state, &b);
        }
        return;
    }
    for (d, r) in scope.documents() {
        b.build(scope, d, r.clone());
        let Some(state) = b.state() else { continue };
        f(d, r, b.copies(), &state, &b);
    }
}

/// The copies of every document, built once for a tracker's data, window end and roll-up, and
/// shared by the analyses of the queries that have them (a dashboard asks for the summary, the
/// flow, the bottlenecks, the overdue list … of one query in a row). About 120 bytes a copy.
///
/// Held in chunks of about 65 000 copies (8 MB), each a whole number of documents and
/// allocated at its full size (the first at a copy an event, for a small log; a log of wider
/// fan-outs grows it as a list grows): a table that grew in one piece would copy itself at each
/// doubling (in the first dashboard of a province, 30 MB moved and a third of the build), and on
/// wasm32 one allocation cannot pass 2 GiB (18M copies).
#[derive(Debug, Default)]
pub struct CopyTable {
    chunks: Vec<Vec<Copy>>,
    /// Index (over all chunks) of each chunk's first copy.
    chunk_start: Vec<u32>,
    /// `start[d]..start[d + 1]`: document `d`'s copies, indexes over all chunks.
    start: Vec<u32>,
    states: Vec<Option<DocState>>,
}

/// Copies a chunk of [`CopyTable`] takes before the next document opens a new one (a handful in
/// the unit tests, so that they cross chunks).
#[cfg(not(test))]
const CHUNK: usize = 1 << 16;
#[cfg(test)]
const CHUNK: usize = 16;

impl CopyTable {
    /// Builds the copies of every document of the store (type and unit filters apply later, at
    /// each visit), with the scope's end, roll-up, terminal actions, clock and deadline rules.
    pub fn build(scope: &Scope<'_>) -> CopyTable {
        let n = scope.store.documents.len();
        let mut table = CopyTable {
            // A small log takes about a copy an event: no 8 MB for it (wasm memory never shrinks).
            chunks: vec![Vec::with_capacity(CHUNK.min(scope.store.events.len() + 16))],
            chunk_start: vec![0],
            start: Vec::with_capacity(n + 1),
            states: Vec::with_capacity(n),
        };
        let mut b = CopyBuilder::new(scope.store);
        let mut total = 0u32;
        table.start.push(0);
        for d in DocIx::all(n) {
            let r = scope.history(d);
            table.states.push(if r.is_empty() {
                None
            } else {
                let copies = b.build(scope, d, r);
                let last = table.chunks.len() - 1;
                if !table.chunks[last].is_empty() && table.chunks[last].len() + copies.len() > CHUNK {
                    table.chunks[last].shrink_to_fit();
                    table.chunks.push(Vec::with_capacity(CHUNK.max(copies.len())));
                    table.chunk_start.push(total);
                }
                table.chunks.last_mut().expect("one chunk at least").extend_from_slice(copies);
                total += copies.len() as u32;
                b.state()
            });
            table.start.push(total);
        }
        if let Some(last) = table.chunks.last_mut() {
            last.shrink_to_fit();
        }
        table
    }

    /// The copies of document `d`.
    pub fn copies_of(&self, d: DocIx) -> &[Copy] {
        let (b, e) = (self.start[d.index()], self.start[d.index() + 1]);
        if b == e {
            return &[];
        }
        let k = self.chunk_start.partition_point(|&s| s <= b) - 1;
        let base = self.chunk_start[k];
        &self.chunks[k][(b - base) as usize..(e - base) as usize]
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.capacity() * std::mem::size_of::<Copy>()).sum::<usize>()
            + (self.chunk_start.capacity() + self.start.capacity()) * 4
            + self.states.capacity() * std::mem::size_of::<Option<DocState>>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table in chunks gives every document the copies the builder gives it.
    #[test]
    fn table_in_chunks_holds_each_documents_copies() {
        use crate::generator::{GeneratedLog, GeneratorOptions};
        let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(3), events: 3_000, ..Default::default() });
        let mut t = crate::Tracker::new(crate::TrackerOptions::default());
        t.add_units(log.unit_records());
        t.add_documents(log.document_records());
        t.add_events(log.event_records());
        let scope = t.scope(&crate::Query::default()).unwrap();
        let table = CopyTable::build(&scope);
        assert!(table.chunks.len() > 20, "{} chunks", table.chunks.len());
        assert!(table.chunks.iter().all(|c| !c.is_empty()));
        let mut b = CopyBuilder::new(scope.store);
        for d in DocIx::all(t.store().documents.len()) {
            let r = scope.history(d);
            let want: &[Copy] = if r.is_empty() { &[] } else { b.build(&scope, d, r) };
            assert_eq!(table.copies_of(d), want, "document {}", d.index());
        }
    }

    /// Copies with random parents (always earlier), units among a few, and sojourns, some
    /// equal (ties) and some missing (in transit).
    fn forest(seed: u64, n: usize, units: u32) -> Vec<Copy> {
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut next = move |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        (0..n)
            .map(|k| {
                let parent =
                    if k == 0 || next(5) == 0 { CopyIx::NONE } else { CopyIx::from_index(next(k as u64) as usize) };
                let first = next(3) as i64 * 10;
                let arrived = next(8) != 0;
                Copy {
                    unit: UnitIx::from_index(next(units as u64) as usize),
                    parent,
                    from_unit: UnitIx::NONE,
                    handover_at: 0,
                    opened_at: 0,
                    first_at: Some(first),
                    arrived_at: arrived.then_some(first),
                    last_at: first + next(4) as i64 * 10,
                    handle_at: None,
                    events: 1,
                    state: if next(3) == 0 { CopyState::Held } else { CopyState::Closed },
                    due: None,
                    judged: true,
                    outgoing: false,
                    last_own_sent: false,
                    opened_by: 0,
                    arrived_by: 0,
                }
            })
            .collect()
    }

    #[test]
    fn slowest_on_paths_matches_the_per_copy_walk() {
        let mut buf = Vec::new();
        for seed in 0..300 {
            let n = 1 + (seed as usize * 7) % 60;
            let copies = forest(seed, n, 1 + seed as u32 % 6);
            let all = slowest_on_paths(&copies, 55);
            for (k, got) in all.into_iter().enumerate() {
                assert_eq!(got, slowest_on_path(&copies, k, 55, &mut buf), "seed {seed} copy {k}");
            }
        }
    }
}

/// A tracker's shared [`CopyTable`]: the one of the last (window end, roll-up) asked for, kept
/// until the data changes ([`CopyCache::clear`]).
#[derive(Debug, Default)]
pub struct CopyCache(std::sync::Mutex<Option<(Instant, bool, std::sync::Arc<CopyTable>)>>);

impl CopyCache {
    /// The table for the scope's window end and roll-up, built now if the cached one is for
    /// others.
    pub fn get(&self, scope: &Scope<'_>) -> std::sync::Arc<CopyTable> {
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match &*cache {
            Some((end, roll_up, table)) if *end == scope.end && *roll_up == scope.rolls_up() => table.clone(),
            _ => {
                // The old table goes first: holding both would add its size to the build's peak
                // (what `store::memory` keeps room for is one table at a time).
                *cache = None;
                let table = std::sync::Arc::new(CopyTable::build(scope));
                *cache = Some((scope.end, scope.rolls_up(), table.clone()));
                table
            }
        }
    }

    /// Bytes of the cached table, if any.
    pub fn bytes(&self) -> usize {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map_or(0, |(_, _, t)| t.bytes())
    }

    /// Drops the cached table.
    pub fn clear(&mut self) {
        *self.0.get_mut().unwrap_or_else(|e| e.into_inner()) = None;
    }
}
