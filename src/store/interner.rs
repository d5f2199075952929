//! String interning: each distinct string is stored once and named by a `u32`.

use foldhash::fast::RandomState;
use std::collections::HashMap;

/// Id of an interned string.
pub type Sym = u32;

/// "No value" in a `u32` column (no `to`, no actor, no parent, …).
pub const NONE: u32 = u32::MAX;

/// A table of distinct strings with `u32` ids, in insertion order.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    index: HashMap<Box<str>, u32, RandomState>,
    strings: Vec<Box<str>>,
}

impl Interner {
    /// The id of `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.into());
        self.index.insert(s.into(), id);
        id
    }

    /// The id of `s`, if present.
    pub fn get(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }

    /// The string of `id`. Panics on an id this interner did not hand out.
    pub fn resolve(&self, id: u32) -> &str {
        &self.strings[id as usize]
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
        self.strings.len()
    }

    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Approximate heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        let text: usize = self.strings.iter().map(|s| s.len()).sum();
        // Each string is held twice (vector and map key), plus box headers and map slots.
        2 * text + self.strings.capacity() * 16 + self.index.capacity() * (16 + 4 + 1)
    }
}
