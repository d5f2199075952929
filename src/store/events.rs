//! The event table: columns sorted by (document, time, input order).

use super::ids::{ActionId, DocIx, Id, TextId, UnitIx};
use crate::model::Instant;
use std::ops::Range;

/// Where a `sent` event goes: nowhere, one unit, or an entry of [`Sends`] (several units, or a
/// deadline given with the send). Stored in 4 bytes so that an event stays at 28.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Target(UnitIx);

const SENDS_FLAG: u32 = 1 << 31;

impl Target {
    /// No target.
    pub const NONE: Target = Target(UnitIx::NONE);

    /// One unit, no deadline.
    #[inline]
    pub fn unit(u: UnitIx) -> Target {
        debug_assert!(u.raw() < SENDS_FLAG);
        Target(u)
    }

    /// Entry `i` of the [`Sends`] table (flagged in the high bit).
    #[inline]
    pub(crate) fn send(i: u32) -> Target {
        Target(UnitIx::from_raw(SENDS_FLAG | i))
    }

    /// Whether there is no target.
    #[inline]
    pub fn is_none(self) -> bool {
        self.0.is_none()
    }

    /// The entry of the [`Sends`] table, if the target is one.
    #[inline]
    pub fn send_index(self) -> Option<usize> {
        let raw = self.0.raw();
        (!self.is_none() && raw & SENDS_FLAG != 0).then_some((raw & !SENDS_FLAG) as usize)
    }

    /// The stored 4 bytes (a saved store, `store::snapshot`).
    pub(crate) fn raw(self) -> u32 {
        self.0.raw()
    }
}

/// Sends with several targets or a deadline of their own: `targets[start[i]..start[i + 1]]`
/// are the units of entry `i`, `due[i]` its deadline. Entries are only appended, so an event
/// keeps its entry when events move.
#[derive(Debug, Clone)]
pub struct Sends {
    /// Target units of all entries, one after the other.
    pub targets: Vec<UnitIx>,
    /// Offsets into `targets`; length = entries + 1.
    pub start: Vec<u32>,
    /// Deadline given with the send, if any.
    pub due: Vec<Option<Instant>>,
}

impl Default for Sends {
    fn default() -> Self {
        Sends { targets: Vec::new(), start: vec![0], due: Vec::new() }
    }
}

impl Sends {
    /// Adds an entry; returns its target.
    pub(crate) fn push(&mut self, targets: &[UnitIx], due: Option<Instant>) -> Target {
        let i = self.due.len() as u32;
        self.targets.extend_from_slice(targets);
        self.start.push(self.targets.len() as u32);
        self.due.push(due);
        Target::send(i)
    }

    /// The units of `t` (borrowed from the event column, or from this table).
    #[inline]
    pub fn units<'a>(&'a self, t: &'a Target) -> &'a [UnitIx] {
        match t.send_index() {
            Some(i) => &self.targets[self.start[i] as usize..self.start[i + 1] as usize],
            None if t.is_none() => &[],
            None => std::slice::from_ref(&t.0),
        }
    }

    /// The deadline given with `t`, if any.
    #[inline]
    pub fn due(&self, t: Target) -> Option<Instant> {
        t.send_index().and_then(|i| self.due[i])
    }

    /// Bytes held (capacity).
    pub fn heap_bytes(&self) -> usize {
        self.targets.capacity() * 4 + self.start.capacity() * 4 + self.due.capacity() * 16
    }
}

/// Events, column by column; each document's events are one range of the columns, sorted by
/// (time, input order).
///
/// The document of an event is not stored per event: `doc_begin[d]..doc_end[d]` is the range of
/// document `d`'s events ([`Events::of_doc`]). That and 4-byte ids keep a stored event at 28
/// bytes. Ranges usually follow document order, but a document that gains events after others
/// were stored behind it is moved to the end of the columns (its old slots become garbage, until
/// [`super::Store::merge_batch`] compacts): a live update costs the size of its document, not
/// of the store.
#[derive(Debug, Clone, Default)]
pub struct Events {
    /// Unit where the event happened.
    pub unit: Vec<UnitIx>,
    /// Action (see [`super::Store::actions`]).
    pub action: Vec<ActionId>,
    /// Time, epoch ms.
    pub at: Vec<Instant>,
    /// Target of a send ([`Target::NONE`] for other events).
    pub to: Vec<Target>,
    /// Actor, or [`TextId::NONE`].
    pub actor: Vec<TextId>,
    /// Note, or [`TextId::NONE`].
    pub note: Vec<TextId>,
    /// Channel of a handover: 0 none, else an index + 1 into [`Events::channel_names`]
    /// (`axis` 1, `province` 2, `paper` 3, then other names in order of appearance).
    pub channel: Vec<u8>,
    /// Document `d` owns slots `doc_begin[d]..doc_end[d]`. Length = documents.
    pub(crate) doc_begin: Vec<u32>,
    /// See `doc_begin`.
    pub(crate) doc_end: Vec<u32>,
    /// Slots no document owns any more (left behind by a moved document).
    pub(crate) garbage: usize,
    /// Sends to several units, or with a deadline: the side table behind [`Target`].
    pub sends: Sends,
    /// Channel names beyond the known ones (`axis`, `province`, `paper` are ids 1–3): id 4 is
    /// `channel_names[0]`, and so on, at most 255 ids in all.
    pub channel_names: Vec<String>,
}

/// One stored event's fields (its document is implied by its position).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRow {
    /// Unit.
    pub unit: UnitIx,
    /// Action.
    pub action: ActionId,
    /// Time, epoch ms.
    pub at: Instant,
    /// Target.
    pub to: Target,
    /// Actor, or [`TextId::NONE`].
    pub actor: TextId,
    /// Note, or [`TextId::NONE`].
    pub note: TextId,
    /// Channel id (see [`Events::channel`]).
    pub channel: u8,
}

impl Events {
    /// The name of channel id `c` (`None` for 0, no channel).
    pub fn channel_name(&self, c: u8) -> Option<&str> {
        match c {
            0 => None,
            1..=3 => Some(crate::model::egov::KNOWN_CHANNELS[c as usize - 1]),
            _ => self.channel_names.get(c as usize - 4).map(String::as_str),
        }
    }

    /// The id of channel `text` (known names in English or Vietnamese, else the text trimmed),
    /// adding it when new; `None` when 255 ids are taken.
    pub(crate) fn channel_id(&mut self, text: &str) -> Option<u8> {
        if let Some(c) = crate::model::egov::known_channel(text) {
            return Some(c);
        }
        let t = text.trim();
        if let Some(i) = self.channel_names.iter().position(|n| n == t) {
            return Some(i as u8 + 4);
        }
        if self.channel_names.len() >= 252 {
            return None;
        }
        self.channel_names.push(t.to_string());
        Some(self.channel_names.len() as u8 + 3)
    }

    /// The fields of event `i`.
    #[inline]
    pub fn row(&self, i: usize) -> EventRow {
        EventRow {
            unit: self.unit[i],
            action: self.action[i],
            at: self.at[i],
            to: self.to[i],
            actor: self.actor[i],
            note: self.note[i],
            channel: self.channel[i],
        }
    }

    /// Appends one event (offsets are the caller's business).
    #[inline]
    pub(crate) fn push(&mut self, r: EventRow) {
        self.unit.push(r.unit);
        self.action.push(r.action);
        self.at.push(r.at);
        self.to.push(r.to);
        self.actor.push(r.actor);
        self.note.push(r.note);
        self.channel.push(r.channel);
    }

    /// Reserves room for `n` more events.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.unit.reserve(n);
        self.action.reserve(n);
        self.at.reserve(n);
        self.to.reserve(n);
        self.actor.reserve(n);
        self.note.reserve(n);
        self.channel.reserve(n);
    }

    /// Whether an event equal to `row` lies among the events written since `begin` with the
    /// same time. Events are time-sorted, so only the run of events at `row`'s time needs a
    /// look. Targets compare by their units and deadline, not by their entry in [`Sends`].
    ///
    /// `run` remembers that run between calls, so that many events at one time cost O(1) each:
    /// a run longer than [`RunIndex::SCAN`] is indexed by a hash of its events' fields. The
    /// caller clears `run` when it moves to another document.
    pub(crate) fn is_duplicate(&self, begin: usize, row: &EventRow, run: &mut RunIndex) -> bool {
        let len = self.slots();
        let continues = len == run.start || self.at[len - 1] == row.at;
        if !(run.active && run.at == row.at && run.start >= begin && run.indexed <= len && continues) {
            let mut p = len;
            while p > begin && self.at[p - 1] == row.at {
                p -= 1;
            }
            run.reset(row.at, p);
        }
        if len - run.start <= RunIndex::SCAN {
            return (run.start..len).rev().any(|p| self.same_event(p, row));
        }
        while run.indexed < len {
            let h = self.event_hash(&self.row(run.indexed));
            let prev = run.head.insert(h, run.indexed as u32).unwrap_or(u32::MAX);
            run.next.push(prev);
            run.indexed += 1;
        }
        let mut p = run.head.get(&self.event_hash(row)).copied().unwrap_or(u32::MAX);
        while p != u32::MAX {
            if self.same_event(p as usize, row) {
                return true;
            }
            p = run.next[p as usize - run.start];
        }
        false
    }

    /// Whether stored event `p` and `row` are the same event.
    fn same_event(&self, p: usize, row: &EventRow) -> bool {
        let old = self.row(p);
        old == *row
            || (EventRow { to: row.to, ..old } == *row
                && self.sends.units(&old.to) == self.sends.units(&row.to)
                && self.sends.due(old.to) == self.sends.due(row.to))
    }

    /// A hash of what [`Events::same_event`] compares (targets by their units and deadline).
    fn event_hash(&self, r: &EventRow) -> u64 {
        use std::hash::BuildHasher;
        let key = (r.unit, r.action, r.at, r.actor, r.note, r.channel, self.sends.units(&r.to), self.sends.due(r.to));
        foldhash::fast::FixedState::default().hash_one(key)
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.at.len() - self.garbage
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Length of the columns: the events and the garbage slots among them.
    pub(crate) fn slots(&self) -> usize {
        self.at.len()
    }

    /// The events of document `d`: positions in the columns, in time order.
    #[inline]
    pub fn of_doc(&self, d: DocIx) -> Range<usize> {
        match (self.doc_begin.get(d.index()), self.doc_end.get(d.index())) {
            (Some(&b), Some(&e)) => b as usize..e as usize,
            _ => 0..0,
        }
    }

    /// Bytes held by the columns (capacity, not length, so growth slack counts too).
    pub fn heap_bytes(&self) -> usize {
        self.unit.capacity() * 4
            + self.action.capacity() * 4
            + self.at.capacity() * 8
            + self.to.capacity() * 4
            + self.actor.capacity() * 4
            + self.note.capacity() * 4
            + self.channel.capacity()
            + (self.doc_begin.capacity() + self.doc_end.capacity()) * 4
            + self.sends.heap_bytes()
    }
}

/// The run of events at one time of one document, as [`Events::is_duplicate`] walks it.
#[derive(Debug, Default)]
pub(crate) struct RunIndex {
    active: bool,
    at: Instant,
    /// First position of the run.
    start: usize,
    /// Positions `start..indexed` are in `head`/`next`.
    indexed: usize,
    /// Hash of an event's fields → its latest position in the run.
    head: hashbrown::HashMap<u64, u32, foldhash::fast::FixedState>,
    /// Per indexed position (from `start`): the previous position with the same hash, or
    /// `u32::MAX`.
    next: Vec<u32>,
}

impl RunIndex {
    /// Runs up to this length are scanned rather than indexed.
    pub(crate) const SCAN: usize = 16;

    /// Forgets the run (the caller moves to another document).
    pub(crate) fn clear(&mut self) {
        self.active = false;
    }

    fn reset(&mut self, at: Instant, start: usize) {
        self.active = true;
        self.at = at;
        self.start = start;
        self.indexed = start;
        if !self.head.is_empty() {
            if self.head.capacity() > 4096 {
                self.head = Default::default();
                self.next = Vec::new();
            } else {
                self.head.clear();
                self.next.clear();
            }
        }
    }
}
