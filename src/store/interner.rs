//! String interning: each distinct string is stored once and named by a typed `u32` id.

use foldhash::fast::RandomState;
use std::hash::BuildHasher;

use super::ids::{Id, TextId};
use std::marker::PhantomData;

/// A table of distinct strings with typed `u32` ids (`I`), in insertion order.
///
/// The text lives in one arena. The hash table is one `u64` a slot: 32 bits of the string's
/// hash above its id, probed linearly from the slot that the hash's top bits name, at most 3/4
/// full. So a lookup reads one cache line of the table (and the string when the hash matches),
/// a string costs its bytes plus 14 to 25 bytes, and growing reads only the table, in order,
/// writing the new one almost in order too (the top bits of the hashes keep their order):
/// hashing the strings again from the arena at each doubling, or a table whose growth visits
/// memory at random, made loading millions of distinct ids slower than linear.
#[derive(Clone)]
pub struct Interner<I: Id = TextId> {
    /// `hash << 32 | id`, or [`EMPTY`]; a power of two long (or empty).
    slots: Vec<u64>,
    arena: String,
    ends: Vec<u32>,
    hasher: RandomState,
    id: PhantomData<I>,
}

/// A free slot: no id is `u32::MAX` (that is every index's "none").
const EMPTY: u64 = u64::MAX;

impl<I: Id> Default for Interner<I> {
    fn default() -> Self {
        Interner {
            slots: Vec::new(),
            arena: String::new(),
            ends: Vec::new(),
            hasher: RandomState::default(),
            id: PhantomData,
        }
    }
}

impl<I: Id> std::fmt::Debug for Interner<I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interner").field("len", &self.len()).finish()
    }
}

impl<I: Id> Interner<I> {
    #[inline]
    fn text(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.arena[start..self.ends[i] as usize]
    }

    /// The hash of `s` as the table stores it (32 bits).
    #[inline]
    fn hash(&self, s: &str) -> u32 {
        self.hasher.hash_one(s) as u32
    }

    /// The first slot to probe for hash `h`: its top bits (the table is never empty here).
    #[inline]
    fn home(&self, h: u32) -> usize {
        (u64::from(h) << self.slots.len().trailing_zeros() >> 32) as usize
    }

    /// The id of `s` (hash `h`), or the free slot where it would go (`Err`). The table must
    /// have a free slot.
    #[inline]
    fn probe(&self, s: &str, h: u32) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        loop {
            let slot = self.slots[i];
            if slot == EMPTY {
                return Err(i);
            }
            if (slot >> 32) as u32 == h && crate::model::text::same(self.text(slot as u32).as_bytes(), s.as_bytes()) {
                return Ok(slot as u32);
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `s`, adding it when new.
    #[inline]
    pub fn intern(&mut self, s: &str) -> I {
        self.find_or_insert(s).0
    }

    /// The id of `s` and whether it was added now.
    #[inline]
    pub fn find_or_insert(&mut self, s: &str) -> (I, bool) {
        self.reserve(1);
        let h = self.hash(s);
        match self.probe(s, h) {
            Ok(id) => (I::from_raw(id), false),
            Err(free) => {
                let id = self.ends.len() as u32;
                self.slots[free] = u64::from(h) << 32 | u64::from(id);
                self.arena.push_str(s);
                self.ends.push(self.arena.len() as u32);
                (I::from_raw(id), true)
            }
        }
    }

    /// The id of `s`, if present.
    #[inline]
    pub fn get(&self, s: &str) -> Option<I> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(s, self.hash(s)).ok().map(I::from_raw)
    }

    /// The slot where a lookup of `s` starts, for [`Interner::touch`].
    #[inline]
    pub fn slot_of(&self, s: &str) -> usize {
        if self.slots.is_empty() {
            0
        } else {
            self.home(self.hash(s))
        }
    }

    /// Reads slots (from [`Interner::slot_of`]), so that their cache lines are on their way
    /// when their strings are interned a little later: a bulk load finds the slots of a block
    /// of strings, reads them in one short loop, then interns the strings, and the cache
    /// misses of the block overlap instead of following one another. Only a hint: the result
    /// means nothing.
    #[inline]
    pub fn touch(&self, slots: &[usize]) -> u64 {
        slots.iter().fold(0, |a, &i| a ^ self.slots.get(i).copied().unwrap_or(0))
    }

    /// Makes room for `additional` more strings without growing the table.
    pub fn reserve(&mut self, additional: usize) {
        self.ends.reserve(additional);
        let need = self.ends.len() + additional;
        if need * 4 <= self.slots.len() * 3 {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; (need * 4 / 3 + 1).next_power_of_two().max(8)]);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|&s| s != EMPTY) {
            let mut i = self.home((slot >> 32) as u32);
            while self.slots[i] != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    /// The string of `id`. Panics on an id this interner did not hand out.
    #[inline]
    pub fn resolve(&self, id: I) -> &str {
        self.text(id.raw())
    }

    /// The string of `id`, or `None` for the typed none (`u32::MAX`).
    pub fn resolve_opt(&self, id: I) -> Option<&str> {
        if id.raw() == u32::MAX {
            None
        } else {
            Some(self.resolve(id))
        }
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Heap bytes held (capacity).
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity() + self.ends.capacity() * 4 + self.slots.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_once_in_order() {
        let mut i: Interner = Interner::default();
        let id = |n: usize| TextId::from_index(n);
        assert_eq!(i.intern("Sở Tài chính"), id(0));
        assert_eq!(i.intern(""), id(1));
        assert_eq!(i.intern("xã"), id(2));
        assert_eq!(i.intern("Sở Tài chính"), id(0));
        assert_eq!((i.resolve(id(0)), i.resolve(id(1)), i.resolve(id(2))), ("Sở Tài chính", "", "xã"));
        assert_eq!(i.get("xã"), Some(id(2)));
        assert_eq!(i.get("huyện"), None);
        assert_eq!(i.len(), 3);
    }

    #[test]
    fn finds_every_string_across_growth_and_reserves() {
        let mut i: Interner<u32> = Interner::default();
        assert_eq!((i.get("a"), i.touch(&[i.slot_of("a")])), (None, 0));
        for n in 0..50_000u32 {
            if n == 20_000 {
                i.reserve(25_000);
            }
            assert_eq!(i.find_or_insert(&format!("s{n}")), (n, true));
            assert_eq!(i.find_or_insert(&format!("s{}", n / 2)), (n / 2, false));
        }
        // At most 3/4 full, whatever the order of growth.
        assert!(i.slots.len() * 3 >= i.len() * 4 && i.slots.len().is_power_of_two());
        for n in (0..50_000u32).step_by(7) {
            assert_eq!((i.get(&format!("s{n}")), i.resolve(n)), (Some(n), format!("s{n}").as_str()));
        }
        assert_eq!(i.get("s50000"), None);
    }
}
