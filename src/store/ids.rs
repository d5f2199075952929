//! Typed row indexes: a unit, a document, a text, an action and a copy are different things,
//! each a `u32` with its own type and its own typed "none", so the compiler keeps them apart.

/// What every typed index offers; [`super::Interner`] hands them out.
pub trait Id: Copy + Eq {
    /// The index from a raw `u32` (the interner's row number).
    fn from_raw(raw: u32) -> Self;
    /// The raw `u32`.
    fn raw(self) -> u32;
}

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(transparent)]
        pub struct $name(u32);

        impl $name {
            /// No row: the typed "none" of a column.
            pub const NONE: $name = $name(u32::MAX);

            /// The index of row `i`.
            #[inline]
            pub fn from_index(i: usize) -> $name {
                debug_assert!(i < u32::MAX as usize);
                $name(i as u32)
            }

            /// The row number, for indexing a column.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// Whether this is [`Self::NONE`].
            #[inline]
            pub fn is_none(self) -> bool {
                self.0 == u32::MAX
            }

            /// `Some(self)` unless this is [`Self::NONE`].
            #[inline]
            pub fn get(self) -> Option<$name> {
                (!self.is_none()).then_some(self)
            }

            /// Every index below `n`.
            pub fn all(n: usize) -> impl Iterator<Item = $name> + Clone {
                (0..n as u32).map($name)
            }
        }

        impl Id for $name {
            #[inline]
            fn from_raw(raw: u32) -> $name {
                $name(raw)
            }
            #[inline]
            fn raw(self) -> u32 {
                self.0
            }
        }
    };
}

index_type!(
    /// A unit: row of [`super::Units`].
    UnitIx
);
index_type!(
    /// A document: row of [`super::Documents`].
    DocIx
);
index_type!(
    /// An interned text (name, type, number, actor, note, attribute): id in `Store::texts`.
    TextId
);
index_type!(
    /// An action: id in `Store::actions` (the known actions first, in `KnownAction::ALL` order).
    ActionId
);
index_type!(
    /// A copy among the copies of one document.
    CopyIx
);

/// A plain `u32` key (a level slot, say) is its own raw value.
impl Id for u32 {
    #[inline]
    fn from_raw(raw: u32) -> u32 {
        raw
    }
    #[inline]
    fn raw(self) -> u32 {
        self
    }
}
