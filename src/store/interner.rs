//! String interning: each distinct string is stored once and named by a typed `u32` id.

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

use super::ids::{Id, TextId};
use std::marker::PhantomData;

/// A table of distinct strings with typed `u32` ids (`I`), in insertion order.
///
/// The text lives in one arena; the hash table holds only ids, so a string costs its bytes plus
/// about 9 bytes.
#[derive(Clone)]
pub struct Interner<I: Id = TextId> {
    table: HashTable<u32>,
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

    /// The id of `s`, adding it when new.
    #[inline]
    pub fn intern(&mut self, s: &str) -> I {
        let hash = self.hasher.hash_one(s);
        let (arena, ends) = (&self.arena, &self.ends);
        if let Some(&id) = self.table.find(hash, |&id| Self::text(arena, ends, id) == s) {
            return I::from_raw(id);
        }
        let id = self.ends.len() as u32;
        self.arena.push_str(s);
        self.ends.push(self.arena.len() as u32);
        let (arena, ends, hasher) = (&self.arena, &self.ends, &self.hasher);
        self.table.insert_unique(hash, id, |&id| hasher.hash_one(Self::text(arena, ends, id)));
        I::from_raw(id)
    }

    /// The id of `s`, if present.
    #[inline]
    pub fn get(&self, s: &str) -> Option<I> {
        let hash = self.hasher.hash_one(s);
        self.table.find(hash, |&id| Self::text(&self.arena, &self.ends, id) == s).map(|&id| I::from_raw(id))
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
        self.arena.capacity() + self.ends.capacity() * 4 + self.table.capacity() * (4 + 1)
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
}
