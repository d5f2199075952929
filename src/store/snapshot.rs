//! A store saved as bytes and restored without the loaders: what a portal caches (IndexedDB)
//! or serves (written by `lienthong save`) so that a page shows a million events without
//! reading and sorting them again.
//!
//! The format is ours and versioned by its first 8 bytes: the tables' columns one after the
//! other, each a `u32` count then its values, little-endian; strings as one UTF-8 arena and
//! the end of each; events in document order with no garbage (a document's count, not its
//! range). Nothing in it is trusted: every id, range, order and enum is checked, so that bytes
//! from anywhere restore a store the analyses can rely on, or an error naming the part at fault.

use super::events::Target;
use super::ids::{ActionId, DocIx, Id, TextId, UnitIx};
use super::{Interner, Store};
use crate::model::egov::known_channel;
use crate::model::text::normalize_id;
use crate::model::time::{EARLIEST_INSTANT, LATEST_INSTANT};
use crate::model::{DocFormat, Instant, Level, Urgency};

/// The first bytes of a saved store (the last one is the version).
pub const MAGIC: &[u8; 8] = b"LTSTORE\x01";

/// A saved store that cannot be restored: which part, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotError {
    /// The part of the saved store at fault (`events.at`, `documents.ids`, …).
    pub part: &'static str,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "saved store, {}: {}", self.part, self.message)
    }
}

impl std::error::Error for SnapshotError {}

type Result<T> = std::result::Result<T, SnapshotError>;

fn bad<T>(part: &'static str, message: impl Into<String>) -> Result<T> {
    Err(SnapshotError { part, message: message.into() })
}

struct Writer(Vec<u8>);

impl Writer {
    fn count(&mut self, n: usize) {
        // A store holds fewer than 2^32 of anything (its ids are u32).
        self.0.extend_from_slice(&(n as u32).to_le_bytes());
    }

    fn u8s(&mut self, v: impl ExactSizeIterator<Item = u8>) {
        self.count(v.len());
        self.0.extend(v);
    }

    /// Numbers in as few bytes each as the largest needs (1 to 8): the count, that width,
    /// then each number's low bytes. Ids are mostly below 256, times within a year of the
    /// earliest: an event takes about 11 bytes instead of the store's 29.
    fn narrow(&mut self, v: impl ExactSizeIterator<Item = u64> + Clone) {
        let max = v.clone().max().unwrap_or(0);
        let width = (64 - max.leading_zeros()).div_ceil(8).max(1) as usize;
        self.count(v.len());
        self.0.push(width as u8);
        for x in v {
            self.0.extend_from_slice(&x.to_le_bytes()[..width]);
        }
    }

    fn u32s(&mut self, v: impl ExactSizeIterator<Item = u32> + Clone) {
        self.narrow(v.map(u64::from));
    }

    /// Ids, none as 0 and id `i` as `i + 1`.
    fn ids<I: Id>(&mut self, v: &[I]) {
        self.narrow(v.iter().map(|i| u64::from(i.raw().wrapping_add(1))));
    }

    /// Times after the earliest of them (written first), none as 0.
    fn instants(&mut self, v: impl ExactSizeIterator<Item = Option<Instant>> + Clone) {
        let base = v.clone().flatten().min().unwrap_or(0);
        self.0.extend_from_slice(&base.to_le_bytes());
        self.narrow(v.map(|t| t.map_or(0, |t| (t - base) as u64 + 1)));
    }

    fn strings<'a>(&mut self, v: impl ExactSizeIterator<Item = &'a str> + Clone) {
        self.u32s(v.clone().map(|s| s.len() as u32));
        let all: usize = v.clone().map(str::len).sum();
        self.count(all);
        for s in v {
            self.0.extend_from_slice(s.as_bytes());
        }
    }

    fn interner<I: Id>(&mut self, t: &Interner<I>) {
        self.strings((0..t.len()).map(|i| t.resolve(I::from_raw(i as u32))));
    }
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A count of items of `size` bytes, refused when the bytes left cannot hold them (a short
    /// or forged file never makes a large allocation).
    fn count(&mut self, size: usize, part: &'static str) -> Result<usize> {
        let Some((head, rest)) = self.rest.split_first_chunk::<4>() else {
            return bad(part, "the file ends early");
        };
        let n = u32::from_le_bytes(*head) as usize;
        if n.saturating_mul(size) > rest.len() {
            return bad(part, format!("{n} entries announced, the file ends before them"));
        }
        self.rest = rest;
        Ok(n)
    }

    fn bytes(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        head
    }

    fn u8s(&mut self, part: &'static str) -> Result<&'a [u8]> {
        let n = self.count(1, part)?;
        Ok(self.bytes(n))
    }

    /// Numbers written by `Writer::narrow`, each mapped by `f` (`None`: out of range).
    fn narrow<T>(&mut self, part: &'static str, mut f: impl FnMut(u64) -> Option<T>) -> Result<Vec<T>> {
        let n = self.count(1, part)?;
        let Some((&width, rest)) = self.rest.split_first() else { return bad(part, "the file ends early") };
        let width = width as usize;
        if !(1..=8).contains(&width) || n.saturating_mul(width) > rest.len() {
            return bad(part, format!("{n} numbers of {width} bytes announced, the file cannot hold them"));
        }
        self.rest = rest;
        let mut out = Vec::with_capacity(n);
        // In pieces, each one call: V8 runs a long call in its baseline code to the end, but
        // optimises a function called again and again (a first restore of 1M events in Node:
        // 105–172 → 95–118 ms).
        for piece in self.bytes(n * width).chunks(width << 14) {
            if let Some(v) = decode(piece, width, &mut f, &mut out) {
                return bad(part, format!("value {v} out of range"));
            }
        }
        Ok(out)
    }

    fn u32s(&mut self, part: &'static str) -> Result<Vec<u32>> {
        self.narrow(part, |v| u32::try_from(v).ok())
    }

    /// Ids below `len` (and below `u32::MAX`, the none), or also none when `none` is allowed.
    fn ids<I: Id>(&mut self, part: &'static str, len: usize, none: bool) -> Result<Vec<I>> {
        let len = len.min(u32::MAX as usize);
        self.narrow(part, |v| match v {
            0 => none.then(|| I::from_raw(u32::MAX)),
            v if v <= len as u64 => Some(I::from_raw((v - 1) as u32)),
            _ => None,
        })
    }

    /// Times within the accepted years, or none.
    fn instants(&mut self, part: &'static str) -> Result<Vec<Option<Instant>>> {
        let base = self.base(part)?;
        self.narrow(part, |v| match v {
            0 => Some(None),
            v => time(base, v).map(Some),
        })
    }

    /// Times within the accepted years, none of them missing (the events' column, read without
    /// a column of options on the way).
    fn times(&mut self, part: &'static str) -> Result<Vec<Instant>> {
        let base = self.base(part)?;
        self.narrow(part, |v| time(base, v))
    }

    fn base(&mut self, part: &'static str) -> Result<Instant> {
        let Some((base, rest)) = self.rest.split_first_chunk::<8>() else { return bad(part, "the file ends early") };
        self.rest = rest;
        Ok(i64::from_le_bytes(*base))
    }

    /// Small enums stored as their index (`+ 1` when optional, 0 being none).
    fn enums<T: Copy>(&mut self, part: &'static str, all: &[T]) -> Result<Vec<T>> {
        let v = self.u8s(part)?;
        v.iter()
            .map(|&b| all.get(b as usize).copied().map_or_else(|| bad(part, format!("value {b} unknown")), Ok))
            .collect()
    }

    fn strings(&mut self, part: &'static str) -> Result<Vec<&'a str>> {
        let lens = self.u32s(part)?;
        let n = self.count(1, part)?;
        let Ok(arena) = std::str::from_utf8(self.bytes(n)) else { return bad(part, "text that is not UTF-8") };
        let mut start = 0usize;
        let mut out = Vec::with_capacity(lens.len());
        for &len in &lens {
            let end = start.saturating_add(len as usize);
            if end > arena.len() || !arena.is_char_boundary(end) {
                return bad(part, "the lengths of its strings do not fit its text");
            }
            out.push(&arena[start..end]);
            start = end;
        }
        if start != arena.len() {
            return bad(part, "text left after its last string");
        }
        Ok(out)
    }

    /// Strings interned in order into `t` (which may hold some already, in the same order):
    /// each must get the id of its position, so no string is there twice.
    fn interner<I: Id>(&mut self, part: &'static str, t: &mut Interner<I>) -> Result<()> {
        let strings = self.strings(part)?;
        if strings.len() < t.len() {
            return bad(part, "fewer strings than an empty store holds");
        }
        t.reserve(strings.len() - t.len());
        for (i, s) in strings.into_iter().enumerate() {
            if t.intern(s).raw() as usize != i {
                return bad(part, format!("string {s:?} is there twice, or is not where a new store has it"));
            }
        }
        Ok(())
    }
}

/// Ids as the loaders keep them (trimmed, composed to NFC, not blank): another could never be
/// found by id, and a later load would make a second unit or document of it.
fn check_ids<I: Id>(part: &'static str, ids: &Interner<I>) -> Result<()> {
    match (0..ids.len()).map(|i| ids.resolve(I::from_raw(i as u32))).find(|id| id.is_empty() || normalize_id(id) != *id)
    {
        Some(id) => bad(part, format!("id {id:?} is blank, or not trimmed and composed (NFC) as loaded ids are")),
        None => Ok(()),
    }
}

/// A unit on a cycle of `links` (each unit's parent, or successor, or none), if any: one walk
/// a unit, each unit visited once (a check per link would cost the depth of the tree each).
fn in_cycle(links: &[UnitIx]) -> Option<usize> {
    // 0: not seen; 1: on the current walk; 2: known to end without a cycle.
    let mut state = vec![0u8; links.len()];
    let mut path = Vec::new();
    for start in 0..links.len() {
        let mut u = start;
        while state[u] == 0 {
            state[u] = 1;
            path.push(u);
            match links[u].get() {
                Some(next) => u = next.index(),
                None => break,
            }
        }
        if state[u] == 1 && !links[u].is_none() {
            return Some(u);
        }
        for &p in &path {
            state[p] = 2;
        }
        path.clear();
    }
    None
}

/// Numbers of `width` bytes each, mapped by `f` into `out`; the first out of range, if any.
/// The usual widths are read as fixed-size arrays (a byte copy of a varying length per number
/// is a call to memcpy in WebAssembly).
#[inline(never)]
fn decode<T>(bytes: &[u8], width: usize, f: &mut impl FnMut(u64) -> Option<T>, out: &mut Vec<T>) -> Option<u64> {
    let mut push = |v: u64| match f(v) {
        Some(x) => {
            out.push(x);
            Ok(())
        }
        None => Err(v),
    };
    let r = match width {
        1 => bytes.iter().try_for_each(|&b| push(u64::from(b))),
        2 => bytes.chunks_exact(2).try_for_each(|c| push(u64::from(u16::from_le_bytes([c[0], c[1]])))),
        4 => bytes.chunks_exact(4).try_for_each(|c| push(u64::from(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))),
        _ => bytes.chunks_exact(width).try_for_each(|c| push(c.iter().rev().fold(0u64, |v, &b| v << 8 | u64::from(b)))),
    };
    r.err()
}

/// Time `v` of a column after `base` (`v` is the time after it plus one; 0, none, is no time
/// here), if within the accepted years.
fn time(base: Instant, v: u64) -> Option<Instant> {
    i64::try_from(v)
        .ok()
        .and_then(|v| base.checked_add(v - 1))
        .filter(|t| v != 0 && (EARLIEST_INSTANT..=LATEST_INSTANT).contains(t))
}

/// Each column as long as its table (`rows`).
fn check_lens(columns: &[(&'static str, usize)], rows: usize) -> Result<()> {
    match columns.iter().find(|c| c.1 != rows) {
        Some(&(part, len)) => bad(part, format!("{len} entries for {rows} rows")),
        None => Ok(()),
    }
}

const OPT_LEVELS: [Option<Level>; 5] =
    [None, Some(Level::Central), Some(Level::Province), Some(Level::District), Some(Level::Commune)];
const OPT_BOOLS: [Option<bool>; 3] = [None, Some(false), Some(true)];
const OPT_FORMATS: [Option<DocFormat>; 3] = [None, Some(DocFormat::Electronic), Some(DocFormat::Paper)];
const BOOLS: [bool; 2] = [false, true];

fn index_of<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter().position(|x| x == v).unwrap_or(0) as u8
}

impl Store {
    /// The store as bytes ([`MAGIC`] first), for [`Store::from_bytes`]. Events are written in
    /// document order without the slots left behind by moved documents.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(64 + self.events.len() * 29));
        w.0.extend_from_slice(MAGIC);
        let (u, d, e) = (&self.units, &self.documents, &self.events);
        w.interner(&u.ids);
        w.ids(&u.name);
        w.u8s(u.level.iter().map(|l| index_of(&OPT_LEVELS, l)));
        w.ids(&u.parent);
        w.instants(u.valid_from.iter().copied());
        w.instants(u.valid_to.iter().copied());
        w.ids(&u.successor);
        w.u8s(u.declared.iter().map(|&b| b as u8));
        w.interner(&d.ids);
        w.ids(&d.number);
        w.ids(&d.doc_type);
        w.u8s(d.urgency.iter().map(|u| index_of(&Urgency::ALL, u)));
        w.instants(d.due.iter().copied());
        w.ids(&d.issuer);
        w.ids(&d.subject);
        w.u8s(d.declared.iter().map(|&b| b as u8));
        w.u8s(d.signed.iter().map(|s| index_of(&OPT_BOOLS, s)));
        w.u8s(d.format.iter().map(|f| index_of(&OPT_FORMATS, f)));
        w.u32s(
            d.attributes.iter().flat_map(|&(doc, k, v)| [doc.raw(), k.raw(), v.raw()]).collect::<Vec<_>>().into_iter(),
        );
        w.interner(&self.actions);
        w.interner(&self.texts);
        w.strings(e.channel_names.iter().map(String::as_str));
        w.ids(&e.sends.targets);
        w.u32s(e.sends.start.iter().copied());
        w.instants(e.sends.due.iter().copied());
        let ranges = || DocIx::all(d.len()).map(|doc| e.of_doc(doc));
        w.u32s(ranges().map(|r| r.len() as u32).collect::<Vec<_>>().into_iter());
        let order = || ranges().flatten();
        let n = e.len();
        let column = |f: &dyn Fn(usize) -> u32| order().map(f).collect::<Vec<u32>>();
        w.ids(&column(&|i| e.unit[i].raw()));
        w.ids(&column(&|i| e.action[i].raw()));
        w.instants(order().map(|i| Some(e.at[i])).collect::<Vec<_>>().into_iter());
        // A target: none 0, unit `u` as `u + 1`, send `i` after the units (`units + 1 + i`).
        let nu = u.len() as u32;
        w.u32s(
            column(&|i| {
                let t = e.to[i];
                match t.send_index() {
                    Some(s) => nu + 1 + s as u32,
                    None => t.raw().wrapping_add(1),
                }
            })
            .into_iter(),
        );
        w.ids(&column(&|i| e.actor[i].raw()));
        w.ids(&column(&|i| e.note[i].raw()));
        w.u8s(order().map(|i| e.channel[i]).collect::<Vec<_>>().into_iter());
        debug_assert_eq!(order().count(), n);
        w.instants([self.earliest_at, self.latest_at].into_iter());
        w.0
    }

    /// Restores a store written by [`Store::to_bytes`], checking everything in it: ids in
    /// range, no id string twice, each document's events in time order, parents without
    /// cycles, sends that name their units. The store's `date_only_due_ms` is the default (a
    /// tracker sets its own).
    pub fn from_bytes(bytes: &[u8]) -> Result<Store> {
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            return bad("header", "not a store saved by lienthong (or saved by another version of the format)");
        };
        let mut r = Reader { rest };
        let mut s = Store::new();
        r.interner("units.ids", &mut s.units.ids)?;
        let nu = s.units.ids.len();
        // Text ids are checked once the text table is read, below.
        let name: Vec<TextId> = r.ids("units.name", usize::MAX, true)?;
        let level = r.enums("units.level", &OPT_LEVELS)?;
        let parent: Vec<UnitIx> = r.ids("units.parent", nu, true)?;
        let valid_from = r.instants("units.validFrom")?;
        let valid_to = r.instants("units.validTo")?;
        let successor: Vec<UnitIx> = r.ids("units.successor", nu, true)?;
        let declared = r.enums("units.declared", &BOOLS)?;
        check_lens(
            &[
                ("units.name", name.len()),
                ("units.level", level.len()),
                ("units.parent", parent.len()),
                ("units.validFrom", valid_from.len()),
                ("units.validTo", valid_to.len()),
                ("units.successor", successor.len()),
                ("units.declared", declared.len()),
            ],
            nu,
        )?;
        r.interner("documents.ids", &mut s.documents.ids)?;
        let nd = s.documents.ids.len();
        let number: Vec<TextId> = r.ids("documents.number", usize::MAX, true)?;
        let doc_type: Vec<TextId> = r.ids("documents.type", usize::MAX, true)?;
        let urgency = r.enums("documents.urgency", &Urgency::ALL)?;
        let due = r.instants("documents.due")?;
        let issuer: Vec<UnitIx> = r.ids("documents.issuer", nu, true)?;
        let subject: Vec<TextId> = r.ids("documents.subject", usize::MAX, true)?;
        let doc_declared = r.enums("documents.declared", &BOOLS)?;
        let signed = r.enums("documents.signed", &OPT_BOOLS)?;
        let format = r.enums("documents.format", &OPT_FORMATS)?;
        check_lens(
            &[
                ("documents.number", number.len()),
                ("documents.type", doc_type.len()),
                ("documents.urgency", urgency.len()),
                ("documents.due", due.len()),
                ("documents.issuer", issuer.len()),
                ("documents.subject", subject.len()),
                ("documents.declared", doc_declared.len()),
                ("documents.signed", signed.len()),
                ("documents.format", format.len()),
            ],
            nd,
        )?;
        let attributes = r.u32s("documents.attributes")?;
        if attributes.len() % 3 != 0 {
            return bad("documents.attributes", "not a list of (document, key, value)");
        }
        r.interner("actions", &mut s.actions)?;
        r.interner("texts", &mut s.texts)?;
        let nt = s.texts.len();
        for (part, ids) in [
            ("units.name", &name),
            ("documents.number", &number),
            ("documents.type", &doc_type),
            ("documents.subject", &subject),
        ] {
            if let Some(t) = ids.iter().find(|t| !t.is_none() && t.index() >= nt) {
                return bad(part, format!("text id {} out of range (there are {nt})", t.raw()));
            }
        }
        let channel_names = r.strings("events.channelNames")?;
        if channel_names.len() > 252 {
            return bad("events.channelNames", "more than 252 channel names");
        }
        let targets: Vec<UnitIx> = r.ids("events.sends.targets", nu, false)?;
        let start = r.u32s("events.sends.start")?;
        let send_due = r.instants("events.sends.due")?;
        if start.len() != send_due.len() + 1
            || start.first() != Some(&0)
            || start.windows(2).any(|w| w[0] > w[1])
            || start.last().map(|&l| l as usize) != Some(targets.len())
        {
            return bad("events.sends", "the sends' offsets do not cover their units in order");
        }
        let counts = r.u32s("events.counts")?;
        check_lens(&[("events.counts", counts.len())], nd)?;
        // At least 7 bytes an event follow (the event columns), so a forged count stops here.
        let n = counts.iter().map(|&c| u64::from(c)).sum::<u64>();
        if n > (r.rest.len() / 7) as u64 || n > u64::from(u32::MAX) {
            return bad("events.counts", format!("{n} events announced, the file cannot hold them"));
        }
        let n = n as usize;
        let unit: Vec<UnitIx> = r.ids("events.unit", nu, false)?;
        let action: Vec<ActionId> = r.ids("events.action", s.actions.len(), false)?;
        let at = r.times("events.at")?;
        let sends = send_due.len() as u64;
        let to = r.narrow("events.to", |v| match v {
            0 => Some(Target::NONE),
            v if v <= nu as u64 => Some(Target::unit(UnitIx::from_raw((v - 1) as u32))),
            v if v - nu as u64 - 1 < sends => Some(Target::send((v - nu as u64 - 1) as u32)),
            _ => None,
        })?;
        let actor: Vec<TextId> = r.ids("events.actor", nt, true)?;
        let note: Vec<TextId> = r.ids("events.note", nt, true)?;
        let channel = r.u8s("events.channel")?;
        check_lens(
            &[
                ("events.unit", unit.len()),
                ("events.action", action.len()),
                ("events.at", at.len()),
                ("events.to", to.len()),
                ("events.actor", actor.len()),
                ("events.note", note.len()),
                ("events.channel", channel.len()),
            ],
            n,
        )?;
        if let Some(c) = channel.iter().find(|&&c| c as usize > 3 + channel_names.len()) {
            return bad("events.channel", format!("channel id {c} names no channel"));
        }
        let span = r.instants("store.span")?;
        if span.len() != 2 || !r.rest.is_empty() {
            return bad("store.span", "the file does not end after the span of its events");
        }
        let mut begin = 0u32;
        for &c in &counts {
            let end = begin + c;
            if at[begin as usize..end as usize].windows(2).any(|w| w[0] > w[1]) {
                return bad(
                    "events.at",
                    format!(
                        "the events of document {:?} are not in time order",
                        s.documents.ids.resolve(DocIx::from_raw(s.events.doc_begin.len() as u32))
                    ),
                );
            }
            s.events.doc_begin.push(begin);
            s.events.doc_end.push(end);
            begin = end;
        }
        // The span is the events' (an analysis's default as-of and report start).
        let ranges = s.events.doc_begin.iter().zip(&s.events.doc_end).filter(|(b, e)| b < e);
        let earliest = ranges.clone().map(|(&b, _)| at[b as usize]).min();
        let latest = ranges.map(|(_, &e)| at[e as usize - 1]).max();
        if (span[0], span[1]) != (earliest, latest) {
            return bad("store.span", "the span written is not the events' first and last time");
        }
        if start.windows(2).any(|w| w[0] == w[1]) {
            return bad("events.sends", "a send to no unit");
        }
        for (i, c) in channel_names.iter().enumerate() {
            if c.trim() != *c || c.is_empty() || known_channel(c).is_some() || channel_names[..i].contains(c) {
                return bad("events.channelNames", format!("channel name {c:?} is blank, known or given twice"));
            }
        }
        check_ids("units.ids", &s.units.ids)?;
        check_ids("documents.ids", &s.documents.ids)?;

        let u = &mut s.units;
        (u.name, u.level, u.valid_from, u.valid_to, u.successor, u.declared) =
            (name, level, valid_from, valid_to, successor, declared);
        for (part, links, what) in
            [("units.parent", &parent, "its own ancestor"), ("units.successor", &u.successor, "its own successor")]
        {
            if let Some(c) = in_cycle(links) {
                return bad(part, format!("unit {:?} is {what}", u.id(UnitIx::from_index(c))));
            }
        }
        u.parent = vec![UnitIx::NONE; nu];
        u.reset_children();
        for (i, p) in parent.into_iter().enumerate() {
            u.set_parent(UnitIx::from_index(i), p);
        }
        let d = &mut s.documents;
        (d.number, d.doc_type, d.urgency, d.due, d.issuer, d.subject, d.declared, d.signed, d.format) =
            (number, doc_type, urgency, due, issuer, subject, doc_declared, signed, format);
        for a in attributes.chunks_exact(3) {
            let (doc, k, v) = (DocIx::from_raw(a[0]), TextId::from_raw(a[1]), TextId::from_raw(a[2]));
            if doc.index() >= nd || k.index() >= nt || v.index() >= nt {
                return bad("documents.attributes", "an id out of range");
            }
            let before = d.attributes.len();
            d.set_attribute(doc, k, v);
            if d.attributes.len() == before {
                return bad("documents.attributes", "a document's key given twice");
            }
        }
        let e = &mut s.events;
        (e.unit, e.action, e.at, e.to, e.actor, e.note, e.channel) =
            (unit, action, at, to, actor, note, channel.to_vec());
        e.channel_names = channel_names.into_iter().map(str::to_string).collect();
        (e.sends.targets, e.sends.start, e.sends.due) = (targets, start, send_due);
        (s.earliest_at, s.latest_at) = (span[0], span[1]);
        Ok(s)
    }
}
