//! String interning: each distinct string is stored once and named by a typed `u32` id.

use foldhash::fast::RandomState;
use hashbrown::hash_table::Entry;
use hashbrown::HashTable;
use std::hash::BuildHasher;

use super::ids::{Id, TextId};
use std::marker::PhantomData;

/// A table of distinct strings with typed `u32` ids (`I`), in insertion order.
///
/// The text lives in one arena; the hash table holds each id with 32 bits of its string's hash,
/// so a string costs its bytes plus about 13 bytes. Keeping the hash makes growing the table
/// read only the table: recomputing every hash from the arena visited the strings in random
/// order, and made loading millions of distinct ids slower than linear.
#[derive(Clone)]
pub struct Interner<I: Id = TextId> {
    table: HashTable<(u32, u32)>,
    arena: String,
    ends: Vec<u32>,
    hasher: RandomState,
    id: PhantomData<I>,
}

impl<I: Id> Default for Interner<I> {
    fn default() -> Self {
        Interner {
            table: HashTable::new(),
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
    fn text<'a>(arena: &'a str, ends: &[u32], id: u32) -> &'a str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        &arena[start..ends[i] as usize]
    }

    /// The hash of `s` as the table stores it (32 bits), and as it probes with.
    #[inline]
    fn hash(&self, s: &str) -> (u32, u64) {
        let h = self.hasher.hash_one(s) as u32;
        (h, spread(h))
    }

    /// The id of `s`, adding it when new.
    #[inline]
    pub fn intern(&mut self, s: &str) -> I {
        self.find_or_insert(s).0
    }

    /// The id of `s` and whether it was added now.
    #[inline]
    pub fn find_or_insert(&mut self, s: &str) -> (I, bool) {
        let (h, hash) = self.hash(s);
        let (arena, ends) = (&self.arena, &self.ends);
        let entry = self.table.entry(
            hash,
            |&(id, k)| k == h && crate::model::text::same(Self::text(arena, ends, id).as_bytes(), s.as_bytes()),
            |&(_, k)| spread(k),
        );
        match entry {
            Entry::Occupied(e) => (I::from_raw(e.get().0), false),
            Entry::Vacant(e) => {
                let id = self.ends.len() as u32;
                e.insert((id, h));
                self.arena.push_str(s);
                self.ends.push(self.arena.len() as u32);
                (I::from_raw(id), true)
            }
        }
    }

    /// The id of `s`, if present.
    #[inline]
    pub fn get(&self, s: &str) -> Option<I> {
        let (h, hash) = self.hash(s);
        self.table
            .find(hash, |&(id, k)| {
                k == h && crate::model::text::same(Self::text(&self.arena, &self.ends, id).as_bytes(), s.as_bytes())
            })
            .map(|&(id, _)| I::from_raw(id))
    }

    /// Makes room for `additional` more strings without growing the table.
    pub fn reserve(&mut self, additional: usize) {
        self.table.reserve(additional, |&(_, k)| spread(k));
        self.ends.reserve(additional);
    }

    /// The string of `id`. Panics on an id this interner did not hand out.
    #[inline]
    pub fn resolve(&self, id: I) -> &str {
        Self::text(&self.arena, &self.ends, id.raw())
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
        self.arena.capacity() + self.ends.capacity() * 4 + self.table.capacity() * (8 + 1)
    }
}

/// A 32-bit hash as the table's 64-bit one: the table takes its bucket from the low bits and
/// its 7-bit tag from the top ones, so both halves carry the hash.
#[inline]
fn spread(h: u32) -> u64 {
    (u64::from(h) << 32) | u64::from(h)
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
}
