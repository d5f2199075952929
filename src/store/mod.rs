//! The columnar store: interned strings, integer ids, events sorted by (document, time, input order).
//!
//! Nothing here is one object per event: units, documents and events are each a set of parallel
//! columns. Ingestion ([`crate::ingest`]) validates records and merges them in; the analyses read
//! the columns directly.

pub mod documents;
pub mod events;
pub mod ids;
pub mod interner;
pub mod memory;
mod merge;
pub mod snapshot;
pub mod units;

pub use documents::Documents;
pub use events::{Events, Sends, Target};
pub use ids::{ActionId, CopyIx, DocIx, Id, TextId, UnitIx};
pub use interner::Interner;
pub use memory::{Footprint, MemoryError};
pub(crate) use merge::Batch;
pub use units::Units;

use crate::model::{Instant, KnownAction};
use serde::Serialize;

/// All data of a tracker.
#[derive(Debug, Clone)]
pub struct Store {
    /// Units.
    pub units: Units,
    /// Documents.
    pub documents: Documents,
    /// Events.
    pub events: Events,
    /// Action strings; the known actions hold ids `0..10` in [`KnownAction::ALL`] order.
    pub actions: Interner<ActionId>,
    /// Other text: names, types, numbers, subjects, actors, notes, attribute keys and values.
    pub texts: Interner,
    /// Latest event time, if any event.
    pub latest_at: Option<Instant>,
    /// Earliest event time, if any event.
    pub earliest_at: Option<Instant>,
    /// Time of day (ms after local midnight) that a deadline written as a date alone means:
    /// the end of the last office hour. Default 17:00.
    pub date_only_due_ms: i64,
}

impl Default for Store {
    fn default() -> Self {
        Store::new()
    }
}

/// Bytes held by a store, to check the memory budget per event.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemoryReport {
    /// Number of events.
    pub events: usize,
    /// Bytes of the event columns.
    pub event_bytes: usize,
    /// Bytes of the unit and document tables and interned strings.
    pub table_bytes: usize,
    /// Everything.
    pub total_bytes: usize,
    /// `total_bytes / events`.
    pub bytes_per_event: f64,
}

impl Store {
    /// An empty store.
    pub fn new() -> Store {
        let mut actions = Interner::default();
        for a in KnownAction::ALL {
            actions.intern(a.as_str());
        }
        Store {
            units: Units::default(),
            documents: Documents::default(),
            events: Events::default(),
            actions,
            texts: Interner::default(),
            latest_at: None,
            earliest_at: None,
            date_only_due_ms: crate::calendar::OFFICE_END_MS,
        }
    }

    /// The action id of a known action.
    pub fn known_action_id(a: KnownAction) -> ActionId {
        // `new` interns them in `KnownAction::ALL` order, which is the declaration order.
        ActionId::from_index(a as usize)
    }

    /// The known action of an action id, if it is one.
    pub fn known_action(id: ActionId) -> Option<KnownAction> {
        KnownAction::ALL.get(id.index()).copied()
    }

    /// Bytes held, per part and per event.
    pub fn memory(&self) -> MemoryReport {
        let event_bytes = self.events.heap_bytes();
        let u = &self.units;
        let d = &self.documents;
        let table_bytes = u.ids.heap_bytes()
            + u.len() * (4 + 2 + 4 + 16 + 16 + 4 + 1)
            + d.ids.heap_bytes()
            + d.len() * (4 * 4 + 1 + 16 + 1)
            + d.attributes.capacity() * 12
            + (d.attribute_prev.capacity() + d.attribute_last.capacity()) * 4
            + d.attribute_index.capacity() * 17
            + self.actions.heap_bytes()
            + self.texts.heap_bytes();
        let total = event_bytes + table_bytes;
        let n = self.events.len();
        MemoryReport {
            events: n,
            event_bytes,
            table_bytes,
            total_bytes: total,
            bytes_per_event: if n == 0 { 0.0 } else { total as f64 / n as f64 },
        }
    }
}
