//! The unit table, column by column.

use super::ids::{TextId, UnitIx};
use super::interner::Interner;
use crate::model::text::normalize_id;
use crate::model::{Instant, Level};

/// Units (cơ quan, đơn vị), one row each, indexed by a [`UnitIx`].
#[derive(Debug, Clone, Default)]
pub struct Units {
    /// Unit ids, interned: row `i` has id `ids.resolve(i)`.
    pub ids: Interner<UnitIx>,
    /// Display name (an interned string in the store's text table), or [`TextId::NONE`].
    pub name: Vec<TextId>,
    /// Level; `None` for a unit only known from events.
    pub level: Vec<Option<Level>>,
    /// Parent unit, or [`UnitIx::NONE`].
    pub parent: Vec<UnitIx>,
    /// Validity start, if known.
    pub valid_from: Vec<Option<Instant>>,
    /// Validity end, if known.
    pub valid_to: Vec<Option<Instant>>,
    /// Successor unit, or [`UnitIx::NONE`].
    pub successor: Vec<UnitIx>,
    /// Whether the unit was declared (`addUnits`) rather than created by an event.
    pub declared: Vec<bool>,
    /// Number of units whose parent it is (kept by [`Units::set_parent`]).
    children: Vec<u32>,
}

impl Units {
    /// Number of units.
    pub fn len(&self) -> usize {
        self.level.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.level.is_empty()
    }

    /// Index of the unit with id `id`, compared trimmed and composed to NFC
    /// ([`crate::model::text::normalize_id`]).
    pub fn find(&self, id: &str) -> Option<UnitIx> {
        self.ids.get(&normalize_id(id))
    }

    /// Id of unit `u`.
    pub fn id(&self, u: UnitIx) -> &str {
        self.ids.resolve(u)
    }

    /// Index of `id`, creating an undeclared unit (no level) when new. Returns `(index, created)`.
    pub fn find_or_create(&mut self, id: &str) -> (UnitIx, bool) {
        let (u, created) = self.ids.find_or_insert(&normalize_id(id));
        if !created {
            return (u, false);
        }
        self.name.push(TextId::NONE);
        self.level.push(None);
        self.parent.push(UnitIx::NONE);
        self.valid_from.push(None);
        self.valid_to.push(None);
        self.successor.push(UnitIx::NONE);
        self.declared.push(false);
        self.children.push(0);
        (u, true)
    }

    /// Counts no children: a table filled column by column (`store::snapshot`), before its
    /// parents are set one by one.
    pub(crate) fn reset_children(&mut self) {
        self.children = vec![0; self.len()];
    }

    /// Sets the parent of `u`.
    pub(crate) fn set_parent(&mut self, u: UnitIx, parent: UnitIx) {
        let old = std::mem::replace(&mut self.parent[u.index()], parent);
        if let Some(o) = old.get() {
            self.children[o.index()] -= 1;
        }
        if let Some(p) = parent.get() {
            self.children[p.index()] += 1;
        }
    }

    /// Whether making `parent` the parent of `u` would make a cycle. O(1) when the link is
    /// already there (a re-sent unit) or `u` has no children (units declared top-down, or known
    /// only from events); otherwise a walk up from `parent`.
    pub fn would_cycle(&self, u: UnitIx, parent: UnitIx) -> bool {
        if self.parent[u.index()] == parent || self.children[u.index()] == 0 {
            return parent == u;
        }
        self.is_within(parent, u)
    }

    /// Whether `ancestor` is `u` or above it in the parent chain.
    pub fn is_within(&self, u: UnitIx, ancestor: UnitIx) -> bool {
        let mut cur = u;
        // Parent chains are acyclic (ingestion refuses cycles); the bound is a second guard.
        for _ in 0..=self.len() {
            if cur == ancestor {
                return true;
            }
            if cur.is_none() {
                return false;
            }
            cur = self.parent[cur.index()];
        }
        false
    }

    /// For every unit, whether it lies in the subtree of one of `roots`.
    pub fn subtree_mask(&self, roots: &[UnitIx]) -> Vec<bool> {
        // 0 = unknown, 1 = in, 2 = out; memoised walk up the parent chain.
        let mut state = vec![0u8; self.len()];
        for &r in roots {
            state[r.index()] = 1;
        }
        let mut path: Vec<UnitIx> = Vec::new();
        for start in UnitIx::all(self.len()) {
            let mut cur = start;
            path.clear();
            let verdict = loop {
                if cur.is_none() {
                    break 2;
                }
                match state[cur.index()] {
                    0 => {
                        path.push(cur);
                        if path.len() > self.len() {
                            break 2;
                        }
                        cur = self.parent[cur.index()];
                    }
                    s => break s,
                }
            };
            for &p in &path {
                state[p.index()] = verdict;
            }
        }
        state.into_iter().map(|s| s == 1).collect()
    }

    /// Whether following `successor` links from `from` reaches `to`.
    pub fn leads_to(&self, from: UnitIx, to: UnitIx) -> bool {
        let mut cur = from;
        // Successor chains are acyclic (ingestion and restoring refuse cycles); the bound is a
        // second guard.
        for _ in 0..=self.len() {
            if cur == to {
                return true;
            }
            match self.successor.get(cur.index()) {
                Some(&next) if !next.is_none() => cur = next,
                _ => return false,
            }
        }
        false
    }

    /// The unit that stands for `u` today: follows `successor` links to the end.
    pub fn current(&self, u: UnitIx) -> UnitIx {
        let mut cur = u;
        for _ in 0..self.len() {
            let next = self.successor[cur.index()];
            if next.is_none() || next == cur {
                break;
            }
            cur = next;
        }
        cur
    }
}
