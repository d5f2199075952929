//! String interning: each distinct string is stored once and named by a `u32`.

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Id of an interned string.
pub type Sym = u32;

/// "No value" in a `u32` column (no `to`, no actor, no parent, …).
pub const NONE: u32 = u32::MAX;

/// A table of distinct strings with `u32` ids, in insertion order.
///
/// The text lives in one arena; the hash table holds only ids, so a string costs its bytes plus
/// about 9 bytes.
#[derive(Clone, Default)]
pub struct Interner {
    table: HashTable<u32>,
    arena: String,
    ends: Vec<u32>,
    hasher: RandomState,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interner").field("len", &self.len()).finish()
    }
}

impl Interner {
    #[inline]
    fn text<'a>(arena: &'a str, ends: &[u32], id: u32) -> &'a str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        &arena[start..ends[i] as usize]
    }

    /// The id of `s`, adding it when new.
    #[inline]
    pub fn intern(&mut self, s: &str) -> u32 {
        let hash = self.hasher.hash_one(s);
        let (arena, ends) = (&self.arena, &self.ends);
        if let Some(&id) = self.table.find(hash, |&id| Self::text(arena, ends, id) == s) {
            return id;
        }
        let id = self.ends.len() as u32;
        self.arena.push_str(s);
        self.ends.push(self.arena.len() as u32);
        let (arena, ends, hasher) = (&self.arena, &self.ends, &self.hasher);
        self.table.insert_unique(hash, id, |&id| hasher.hash_one(Self::text(arena, ends, id)));
        id
    }

    /// The id of `s`, if present.
    #[inline]
    pub fn get(&self, s: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(s);
        self.table.find(hash, |&id| Self::text(&self.arena, &self.ends, id) == s).copied()
    }

    /// The string of `id`. Panics on an id this interner did not hand out.
    #[inline]
    pub fn resolve(&self, id: u32) -> &str {
        Self::text(&self.arena, &self.ends, id)
    }

    /// The string of `id`, or `None` for [`NONE`].
    pub fn resolve_opt(&self, id: u32) -> Option<&str> {
        if id == NONE {
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
        let mut i = Interner::default();
        assert_eq!(i.intern("Sở Tài chính"), 0);
        assert_eq!(i.intern(""), 1);
        assert_eq!(i.intern("xã"), 2);
        assert_eq!(i.intern("Sở Tài chính"), 0);
        assert_eq!((i.resolve(0), i.resolve(1), i.resolve(2)), ("Sở Tài chính", "", "xã"));
        assert_eq!(i.get("xã"), Some(2));
        assert_eq!(i.get("huyện"), None);
        assert_eq!(i.len(), 3);
    }
}
