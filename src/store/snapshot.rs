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
use super::ids::{DocIx, Id, TextId, UnitIx};
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

/// A column of a table of `rows` rows, refused when its length is not that.
fn rows<T>(part: &'static str, column: Vec<T>, rows: usize) -> Result<Vec<T>> {
    if column.len() != rows {
        return bad(part, format!("{} entries for {rows} rows", column.len()));
    }
    Ok(column)
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
    /// tracker sets its own). The same reading as a [`Restore`] given every byte at once.
    pub fn from_bytes(bytes: &[u8]) -> Result<Store> {
        let mut r = Restore::new();
        let used = r.advance(bytes, Some(bytes.len()))?;
        r.finish(&bytes[used..])
    }
}

/// How a part of a saved store is laid out: enough to know its length from its first bytes.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// [`MAGIC`].
    Header,
    /// `Writer::u8s`: a count, then that many bytes.
    Bytes,
    /// `Writer::narrow`: a count, a width, then the numbers.
    Narrow,
    /// `Writer::instants`: a base time, then narrow numbers.
    Instants,
    /// `Writer::strings`: narrow lengths, then a count and the text.
    Strings,
}

/// The parts of a saved store in the order [`Store::to_bytes`] writes them.
const PARTS: [(&str, Shape); 35] = [
    ("header", Shape::Header),
    ("units.ids", Shape::Strings),
    ("units.name", Shape::Narrow),
    ("units.level", Shape::Bytes),
    ("units.parent", Shape::Narrow),
    ("units.validFrom", Shape::Instants),
    ("units.validTo", Shape::Instants),
    ("units.successor", Shape::Narrow),
    ("units.declared", Shape::Bytes),
    ("documents.ids", Shape::Strings),
    ("documents.number", Shape::Narrow),
    ("documents.type", Shape::Narrow),
    ("documents.urgency", Shape::Bytes),
    ("documents.due", Shape::Instants),
    ("documents.issuer", Shape::Narrow),
    ("documents.subject", Shape::Narrow),
    ("documents.declared", Shape::Bytes),
    ("documents.signed", Shape::Bytes),
    ("documents.format", Shape::Bytes),
    ("documents.attributes", Shape::Narrow),
    ("actions", Shape::Strings),
    ("texts", Shape::Strings),
    ("events.channelNames", Shape::Strings),
    ("events.sends.targets", Shape::Narrow),
    ("events.sends.start", Shape::Narrow),
    ("events.sends.due", Shape::Instants),
    ("events.counts", Shape::Narrow),
    ("events.unit", Shape::Narrow),
    ("events.action", Shape::Narrow),
    ("events.at", Shape::Instants),
    ("events.to", Shape::Narrow),
    ("events.actor", Shape::Narrow),
    ("events.note", Shape::Narrow),
    ("events.channel", Shape::Bytes),
    ("store.span", Shape::Instants),
];

impl Shape {
    /// The bytes taken by the part that `b` starts with, once `b` holds enough of it to tell.
    /// A part whose width is impossible is as long as its header: reading it says why. No sum
    /// can overflow (a forged count makes a length of `usize::MAX` at most, never a wrap).
    fn len(self, b: &[u8]) -> Option<usize> {
        let count = |i: usize| {
            let c = b.get(i..i.checked_add(4)?)?;
            Some(u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
        };
        // The end of narrow numbers starting at `i`, and whether their width is possible.
        let narrow = |i: usize| -> Option<(usize, bool)> {
            let (n, width) = (count(i)?, *b.get(i + 4)? as usize);
            let head = i + 5;
            Some(if (1..=8).contains(&width) {
                (head.saturating_add(n.saturating_mul(width)), true)
            } else {
                (head, false)
            })
        };
        match self {
            Shape::Header => Some(MAGIC.len()),
            Shape::Bytes => Some(count(0)?.saturating_add(4)),
            Shape::Narrow => narrow(0).map(|n| n.0),
            Shape::Instants => narrow(8).map(|n| n.0),
            Shape::Strings => match narrow(0)? {
                (lens, true) => Some(count(lens)?.saturating_add(lens.saturating_add(4))),
                (head, false) => Some(head),
            },
        }
    }
}

/// A saved store read part by part as its bytes come (a page restoring while it downloads):
/// [`Restore::advance`] reads every part it is given whole, [`Restore::finish`] checks what
/// needs the whole store and gives it. [`Store::from_bytes`] is the same reading given every
/// byte at once; [`Restorer`] keeps the bytes not read yet between calls.
#[derive(Debug)]
pub struct Restore {
    /// The next part to read (index into `PARTS`).
    next: usize,
    s: Store,
    attributes: Vec<u32>,
    /// Events the documents' counts announce.
    events: usize,
}

impl Default for Restore {
    fn default() -> Self {
        Restore::new()
    }
}

impl Restore {
    /// Nothing read yet.
    pub fn new() -> Restore {
        Restore { next: 0, s: Store::new(), attributes: Vec::new(), events: 0 }
    }

    /// Reads the parts that `bytes` holds whole (`bytes` starts where the last call stopped)
    /// and returns how many bytes they took. `left`: the bytes of the store not read yet, from
    /// the start of `bytes`, when known (a count of events they cannot hold is refused before
    /// the events come).
    pub fn advance(&mut self, bytes: &[u8], left: Option<usize>) -> Result<usize> {
        let mut used = 0;
        while let Some(&(part, shape)) = PARTS.get(self.next) {
            let rest = &bytes[used..];
            let Some(len) = shape.len(rest).filter(|&len| len <= rest.len()) else { break };
            let mut r = Reader { rest: &rest[..len] };
            self.read(part, &mut r, left.map(|l| l.saturating_sub(used + len)))?;
            if !r.rest.is_empty() {
                return bad(part, "bytes left after it");
            }
            used += len;
            self.next += 1;
        }
        Ok(used)
    }

    /// The store, once every byte was given: `rest` is what [`Restore::advance`] left unread
    /// (a part cut short: the error names it).
    pub fn finish(mut self, rest: &[u8]) -> Result<Store> {
        if let Some(&(part, _)) = PARTS.get(self.next) {
            // The part that `rest` does not hold whole: reading it says what is missing.
            self.read(part, &mut Reader { rest }, Some(rest.len()))?;
            return bad(part, "the file ends early");
        }
        if !rest.is_empty() {
            return bad("store.span", "the file does not end after the span of its events");
        }
        Ok(self.s)
    }

    /// Reads `part` (all of `r`) into the store, with the checks it allows once read.
    fn read(&mut self, part: &'static str, r: &mut Reader<'_>, left: Option<usize>) -> Result<()> {
        let s = &mut self.s;
        let (nu, nd, n, nt) = (s.units.ids.len(), s.documents.ids.len(), self.events, s.texts.len());
        match part {
            "header" => match r.rest.strip_prefix(MAGIC) {
                Some(rest) => r.rest = rest,
                None => {
                    return bad("header", "not a store saved by lienthong (or saved by another version of the format)")
                }
            },
            "units.ids" => {
                r.interner(part, &mut s.units.ids)?;
                check_ids(part, &s.units.ids)?;
            }
            // Text ids are checked once the text table is read ("texts").
            "units.name" => s.units.name = rows(part, r.ids(part, usize::MAX, true)?, nu)?,
            "units.level" => s.units.level = rows(part, r.enums(part, &OPT_LEVELS)?, nu)?,
            "units.parent" => {
                let parent: Vec<UnitIx> = rows(part, r.ids(part, nu, true)?, nu)?;
                if let Some(c) = in_cycle(&parent) {
                    return bad(part, format!("unit {:?} is its own ancestor", s.units.id(UnitIx::from_index(c))));
                }
                let u = &mut s.units;
                u.parent = vec![UnitIx::NONE; nu];
                u.reset_children();
                for (i, p) in parent.into_iter().enumerate() {
                    u.set_parent(UnitIx::from_index(i), p);
                }
            }
            "units.validFrom" => s.units.valid_from = rows(part, r.instants(part)?, nu)?,
            "units.validTo" => s.units.valid_to = rows(part, r.instants(part)?, nu)?,
            "units.successor" => {
                let successor = rows(part, r.ids(part, nu, true)?, nu)?;
                if let Some(c) = in_cycle(&successor) {
                    return bad(part, format!("unit {:?} is its own successor", s.units.id(UnitIx::from_index(c))));
                }
                s.units.successor = successor;
            }
            "units.declared" => s.units.declared = rows(part, r.enums(part, &BOOLS)?, nu)?,
            "documents.ids" => {
                r.interner(part, &mut s.documents.ids)?;
                check_ids(part, &s.documents.ids)?;
            }
            "documents.number" => s.documents.number = rows(part, r.ids(part, usize::MAX, true)?, nd)?,
            "documents.type" => s.documents.doc_type = rows(part, r.ids(part, usize::MAX, true)?, nd)?,
            "documents.urgency" => s.documents.urgency = rows(part, r.enums(part, &Urgency::ALL)?, nd)?,
            "documents.due" => s.documents.due = rows(part, r.instants(part)?, nd)?,
            "documents.issuer" => s.documents.issuer = rows(part, r.ids(part, nu, true)?, nd)?,
            "documents.subject" => s.documents.subject = rows(part, r.ids(part, usize::MAX, true)?, nd)?,
            "documents.declared" => s.documents.declared = rows(part, r.enums(part, &BOOLS)?, nd)?,
            "documents.signed" => s.documents.signed = rows(part, r.enums(part, &OPT_BOOLS)?, nd)?,
            "documents.format" => s.documents.format = rows(part, r.enums(part, &OPT_FORMATS)?, nd)?,
            "documents.attributes" => {
                self.attributes = r.u32s(part)?;
                if self.attributes.len() % 3 != 0 {
                    return bad(part, "not a list of (document, key, value)");
                }
            }
            "actions" => r.interner(part, &mut s.actions)?,
            "texts" => {
                r.interner(part, &mut s.texts)?;
                let nt = s.texts.len();
                let d = &mut s.documents;
                for (part, ids) in [
                    ("units.name", &s.units.name),
                    ("documents.number", &d.number),
                    ("documents.type", &d.doc_type),
                    ("documents.subject", &d.subject),
                ] {
                    if let Some(t) = ids.iter().find(|t| !t.is_none() && t.index() >= nt) {
                        return bad(part, format!("text id {} out of range (there are {nt})", t.raw()));
                    }
                }
                for a in std::mem::take(&mut self.attributes).chunks_exact(3) {
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
            }
            "events.channelNames" => {
                let names = r.strings(part)?;
                if names.len() > 252 {
                    return bad(part, "more than 252 channel names");
                }
                for (i, c) in names.iter().enumerate() {
                    if c.trim() != *c || c.is_empty() || known_channel(c).is_some() || names[..i].contains(c) {
                        return bad(part, format!("channel name {c:?} is blank, known or given twice"));
                    }
                }
                s.events.channel_names = names.into_iter().map(str::to_string).collect();
            }
            "events.sends.targets" => s.events.sends.targets = r.ids(part, nu, false)?,
            "events.sends.start" => s.events.sends.start = r.u32s(part)?,
            "events.sends.due" => {
                let sends = &mut s.events.sends;
                sends.due = r.instants(part)?;
                let start = &sends.start;
                if start.len() != sends.due.len() + 1
                    || start.first() != Some(&0)
                    || start.windows(2).any(|w| w[0] > w[1])
                    || start.last().map(|&l| l as usize) != Some(sends.targets.len())
                {
                    return bad("events.sends", "the sends' offsets do not cover their units in order");
                }
                if start.windows(2).any(|w| w[0] == w[1]) {
                    return bad("events.sends", "a send to no unit");
                }
            }
            "events.counts" => {
                let counts = rows(part, r.u32s(part)?, nd)?;
                // At least 7 bytes an event follow (the event columns): a forged count stops here.
                let n = counts.iter().map(|&c| u64::from(c)).sum::<u64>();
                if left.is_some_and(|left| n > (left / 7) as u64) || n > u64::from(u32::MAX) {
                    return bad(part, format!("{n} events announced, the file cannot hold them"));
                }
                self.events = n as usize;
                let e = &mut s.events;
                (e.doc_begin, e.doc_end) = (Vec::with_capacity(nd), Vec::with_capacity(nd));
                let mut begin = 0u32;
                for c in counts {
                    e.doc_begin.push(begin);
                    begin += c;
                    e.doc_end.push(begin);
                }
            }
            "events.unit" => s.events.unit = rows(part, r.ids(part, nu, false)?, n)?,
            "events.action" => s.events.action = rows(part, r.ids(part, s.actions.len(), false)?, n)?,
            "events.at" => {
                let at = rows(part, r.times(part)?, n)?;
                let e = &s.events;
                if let Some(d) = (0..nd).find(|&d| !at[e.doc_begin[d] as usize..e.doc_end[d] as usize].is_sorted()) {
                    let id = s.documents.ids.resolve(DocIx::from_index(d));
                    return bad(part, format!("the events of document {id:?} are not in time order"));
                }
                s.events.at = at;
            }
            "events.to" => {
                let sends = s.events.sends.due.len() as u64;
                let to = r.narrow(part, |v| match v {
                    0 => Some(Target::NONE),
                    v if v <= nu as u64 => Some(Target::unit(UnitIx::from_raw((v - 1) as u32))),
                    v if v - nu as u64 - 1 < sends => Some(Target::send((v - nu as u64 - 1) as u32)),
                    _ => None,
                })?;
                s.events.to = rows(part, to, n)?;
            }
            "events.actor" => s.events.actor = rows(part, r.ids(part, nt, true)?, n)?,
            "events.note" => s.events.note = rows(part, r.ids(part, nt, true)?, n)?,
            "events.channel" => {
                let channel = rows(part, r.u8s(part)?.to_vec(), n)?;
                let names = s.events.channel_names.len();
                if let Some(c) = channel.iter().find(|&&c| c as usize > 3 + names) {
                    return bad(part, format!("channel id {c} names no channel"));
                }
                s.events.channel = channel;
            }
            "store.span" => {
                let span = r.instants(part)?;
                // The span is the events' (an analysis's default as-of and report start).
                let e = &s.events;
                let ranges = e.doc_begin.iter().zip(&e.doc_end).filter(|(b, e)| b < e);
                let earliest = ranges.clone().map(|(&b, _)| e.at[b as usize]).min();
                let latest = ranges.map(|(_, &end)| e.at[end as usize - 1]).max();
                if span != [earliest, latest] {
                    return bad(part, "the span written is not the events' first and last time");
                }
                (s.earliest_at, s.latest_at) = (earliest, latest);
            }
            _ => return bad(part, "a part this version does not read"),
        }
        Ok(())
    }
}

/// A [`Restore`] that keeps the bytes it could not read yet: give it the saved store in
/// pieces of any size as they come ([`Restorer::push`]), then [`Restorer::finish`]. After an
/// error every later call gives that error again: nothing more is read.
#[derive(Debug, Default)]
pub struct Restorer {
    restore: Restore,
    /// Bytes given and not read yet (the start of a part).
    pending: Vec<u8>,
    /// Bytes of the whole store not read yet, when its length was announced.
    left: Option<usize>,
    /// The first error, once there was one.
    failed: Option<SnapshotError>,
}

/// The most a restorer reserves ahead for a part waiting for its bytes: a forged count never
/// reserves more (the part's bytes still grow the buffer as they come).
const RESERVE_AHEAD: usize = 64 << 20;

impl Restorer {
    /// A restorer for a saved store of `len` bytes when known (a `Content-Length`): a count
    /// of events the store cannot hold is refused early, and more bytes than announced too.
    pub fn new(len: Option<usize>) -> Restorer {
        Restorer { restore: Restore::new(), pending: Vec::new(), left: len, failed: None }
    }

    /// Reads what `bytes`, with the bytes kept from before, holds whole.
    pub fn push(&mut self, bytes: &[u8]) -> Result<()> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let r = self.read(bytes);
        if let Err(e) = &r {
            self.failed = Some(e.clone());
            self.pending = Vec::new();
        }
        r
    }

    fn read(&mut self, bytes: &[u8]) -> Result<()> {
        if let Some(left) = self.left {
            // Named as `from_bytes` names bytes after the end.
            if self.pending.len() + bytes.len() > left {
                return bad("store.span", "more bytes than the length announced");
            }
        }
        // Read straight from `bytes` when nothing is kept: no copy of the parts it holds whole.
        let (used, from_pending) = if self.pending.is_empty() {
            (self.restore.advance(bytes, self.left)?, false)
        } else {
            self.pending.extend_from_slice(bytes);
            (self.restore.advance(&self.pending, self.left)?, true)
        };
        self.left = self.left.map(|l| l - used);
        if from_pending {
            self.pending.drain(..used);
        }
        // Room for the whole waiting part at once: a column of megabytes would otherwise grow
        // by doublings, each a copy into fresh memory. A part longer than the length announced
        // is refused now (it could never be whole).
        let tail = if from_pending { &self.pending[..] } else { &bytes[used..] };
        if let (Some(left), Some(&(part, shape))) = (self.left, PARTS.get(self.restore.next)) {
            match shape.len(tail) {
                Some(need) if need > left => return bad(part, "the file ends early (its length announced is shorter)"),
                Some(need) => {
                    let ahead = need.saturating_sub(tail.len()).min(RESERVE_AHEAD);
                    // Only a hint: without the room the bytes grow the buffer as they come.
                    // (`pending` is the tail, or empty and about to take it.)
                    let _ = self.pending.try_reserve_exact((tail.len() + ahead).saturating_sub(self.pending.len()));
                }
                None => {}
            }
        }
        if !from_pending {
            self.pending.extend_from_slice(&bytes[used..]);
        }
        Ok(())
    }

    /// The store, once every byte was given.
    pub fn finish(self) -> Result<Store> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        if self.left.is_some_and(|l| l != self.pending.len()) {
            let part = PARTS.get(self.restore.next).map_or("store.span", |p| p.0);
            return bad(part, "the file ends early (fewer bytes than the length announced)");
        }
        self.restore.finish(&self.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generated province's store (units with parents, sends to several units, channels).
    fn store() -> Store {
        use crate::generator::{GeneratedLog, GeneratorOptions};
        let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(5), events: 2_000, ..Default::default() });
        let mut t = crate::Tracker::new(crate::TrackerOptions::default());
        log.load_into(&mut t);
        let mut s = t.store().clone();
        let (k, v) = (s.texts.intern("số ký hiệu"), s.texts.intern("12/UBND"));
        s.documents.set_attribute(DocIx::from_index(0), k, v);
        s
    }

    /// The part and message `from_bytes` refuses `bytes` with, checked to be the same read in
    /// pieces of 3 bytes with the length announced.
    fn refusal(bytes: &[u8]) -> (&'static str, String) {
        let e = Store::from_bytes(bytes).expect_err("refused");
        let mut r = Restorer::new(Some(bytes.len()));
        let pieces = bytes.chunks(3).try_for_each(|c| r.push(c)).and_then(|()| r.finish().map(drop));
        assert_eq!(pieces.err().map(|p| p.part), Some(e.part), "{e}");
        (e.part, e.message)
    }

    /// Each check of the reading, on a store made wrong in one way (not on bytes changed at
    /// random, where another check may catch the change first): the part named and why.
    #[test]
    fn each_check_refuses_what_it_is_for() {
        let base = store();
        assert!(base.events.sends.start.len() > 2, "the province has sends to several units");
        assert!(Store::from_bytes(&base.to_bytes()).is_ok());
        type Change = Box<dyn Fn(&mut Store)>;
        let nu = base.units.len() as u32;
        let cases: Vec<(&str, &str, Change)> = vec![
            (
                "units.level",
                "entries for",
                Box::new(|s| {
                    s.units.level.pop();
                }),
            ),
            ("documents.due", "entries for", Box::new(|s| s.documents.due.push(None))),
            (
                "documents.ids",
                "not trimmed",
                Box::new(|s| {
                    s.documents.ids.intern(" d");
                }),
            ),
            ("units.name", "text id", Box::new(|s| s.units.name[0] = TextId::from_index(s.texts.len() + 3))),
            ("documents.subject", "text id", Box::new(|s| s.documents.subject[1] = TextId::from_index(s.texts.len()))),
            (
                "documents.attributes",
                "out of range",
                Box::new(|s| {
                    let (_, k, v) = s.documents.attributes[0];
                    s.documents.attributes.push((DocIx::from_index(s.documents.len()), k, v));
                }),
            ),
            (
                "documents.attributes",
                "given twice",
                Box::new(|s| {
                    let a = s.documents.attributes[0];
                    s.documents.attributes.push(a);
                }),
            ),
            ("events.channelNames", "known", Box::new(|s| s.events.channel_names.push("axis".into()))),
            (
                "events.channelNames",
                "given twice",
                Box::new(|s| s.events.channel_names.extend(["X".into(), "X".into()])),
            ),
            ("events.channelNames", "blank", Box::new(|s| s.events.channel_names.push(" ".into()))),
            (
                "events.channelNames",
                "252",
                Box::new(|s| s.events.channel_names.extend((0..253).map(|i| format!("c{i}")))),
            ),
            (
                "events.sends",
                "a send to no unit",
                Box::new(|s| {
                    s.events.sends.start.insert(1, 0);
                    s.events.sends.due.insert(0, None);
                }),
            ),
            ("events.sends", "offsets", Box::new(|s| s.events.sends.start.swap(1, 2))),
            (
                "events.to",
                "out of range",
                Box::new(move |s| s.events.to[0] = Target::unit(UnitIx::from_raw(nu + 10_000))),
            ),
            ("events.channel", "names no channel", Box::new(|s| s.events.channel[0] = 200)),
            ("events.at", "time order", Box::new(|s| s.events.at.swap(0, 1))),
            ("units.parent", "its own ancestor", Box::new(|s| s.units.parent[0] = UnitIx::from_index(0))),
            ("units.successor", "its own successor", Box::new(|s| s.units.successor[1] = UnitIx::from_index(1))),
        ];
        for (part, why, change) in cases {
            let mut s = base.clone();
            change(&mut s);
            let (p, message) = refusal(&s.to_bytes());
            assert_eq!((p, message.contains(why)), (part, true), "{part}: {message}");
        }
    }

    /// Byte-level faults a store cannot be made to have: a count of events the file cannot
    /// hold, and a width no number has.
    #[test]
    fn forged_counts_and_widths_are_refused_by_part() {
        let bytes = store().to_bytes();
        // The offset of each part, walked as the reader walks them.
        let mut at = Vec::new();
        let mut pos = 0;
        for (name, shape) in PARTS {
            at.push((name, pos));
            pos += shape.len(&bytes[pos..]).unwrap();
        }
        assert_eq!(pos, bytes.len());
        let offset = |name: &str| at.iter().find(|p| p.0 == name).unwrap().1;
        // Every document's count made the largest its width holds.
        let mut b = bytes.clone();
        let counts = offset("events.counts");
        b[counts + 5..offset("events.unit")].fill(0xff);
        assert_eq!(refusal(&b).0, "events.counts");
        // An impossible width, in numbers and in a string table's lengths.
        for part in ["events.unit", "texts"] {
            let mut b = bytes.clone();
            b[offset(part) + 4] = 9;
            let (p, message) = refusal(&b);
            assert_eq!(p, part, "{message}");
            // Refused as soon as the header is in, not at the end.
            let mut r = Restorer::new(None);
            assert_eq!(r.push(&b[..offset(part) + 5]).err().map(|e| e.part), Some(part));
        }
    }

    /// A restorer that refused goes on refusing, however its bytes go on (what it read is
    /// dropped), and a count forged beyond the announced length reserves nothing.
    #[test]
    fn a_restorer_stops_at_its_first_error() {
        let mut s = store();
        let a = s.documents.attributes[0];
        s.documents.attributes.push(a);
        let bytes = s.to_bytes();
        let good = store().to_bytes();
        let mut r = Restorer::new(None);
        let e = r.push(&bytes).err().unwrap();
        assert_eq!(e.part, "documents.attributes");
        // The rest of a good store after the fault: still the same error.
        assert_eq!(r.push(&good[good.len() / 2..]).err(), Some(e.clone()));
        assert_eq!(r.finish().err(), Some(e));

        // After the units' ids, a store of 10 GB announced whose next part says 4 Gi numbers
        // of 2 bytes (it would fit): nothing reserved beyond the cap, and the restorer waits.
        let units_name = PARTS[..2].iter().fold(0, |pos, (_, shape)| pos + shape.len(&good[pos..]).unwrap());
        let mut forged = good[..units_name].to_vec();
        forged.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 2]);
        let mut r = Restorer::new(Some(10_000_000_000u64.min(usize::MAX as u64) as usize));
        r.push(&forged).unwrap();
        assert!(r.pending.capacity() <= RESERVE_AHEAD + forged.len(), "{}", r.pending.capacity());
        // Announced short of that part: refused at once, naming it.
        let mut r = Restorer::new(Some(forged.len() + 100));
        assert_eq!(r.push(&forged).err().map(|e| e.part), Some("units.name"));
    }
}
