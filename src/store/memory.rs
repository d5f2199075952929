//! How much memory a load may need, estimated before it starts, so that a load that would not
//! fit is refused with an error instead of failing half-way (SEMANTICS "Memory").
//!
//! A WebAssembly page has at most 4 GiB of memory and cannot recover from running out of it:
//! the binding checks every load against that ceiling with [`Footprint::load_estimate`] before
//! reading its input. A native program has no such ceiling; [`crate::TrackerOptions`]'s
//! `memory_limit` gives a tracker one of its own, checked the same way.

use super::Store;

/// Bytes a stored event takes in the columns: unit, action, to, actor, note (4 each), time (8)
/// and channel (1), without padding.
pub const EVENT_BYTES: u64 = 29;

/// Bytes an event takes while its call is loading: its validated row (32 with padding), its
/// document (4), its position in the call (4), its place in the sorted order (4), with an eighth
/// more for the batch's growth.
pub const BATCH_BYTES_PER_EVENT: u64 = 50;

/// Bytes per event the analyses may take at their peak beyond the store, in the worst shape of
/// log: one copy per event (every event at another unit), 120 B a copy in the shared table, plus
/// one analysis's own groups (at most 41 B an event, `processingTimes` by document). A generated
/// province peaks at 85 B an event (`cargo run --release --example peak`). A load keeps this
/// much free for the whole log after it, so that a page that could load a log can analyse it.
pub const ANALYSIS_BYTES_PER_EVENT: u64 = 168;

/// What a load's estimate needs to know of a tracker, taken before the input is read (reading
/// JS input may run JS code, which must not find the tracker borrowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footprint {
    /// Event slots in the columns (events and garbage left by moved documents).
    pub slots: u64,
    /// Slots the columns hold room for.
    pub capacity: u64,
    /// Documents.
    pub documents: u64,
    /// Events.
    pub events: u64,
    /// Bytes the store holds ([`super::MemoryReport::total_bytes`]).
    pub held: u64,
    /// The tracker's own limit (`memory_limit`), if any.
    pub limit: Option<u64>,
}

/// A load refused because it could need more memory than is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryError {
    /// Bytes the load could need at its peak (the estimate).
    pub need: u64,
    /// Bytes left under the limit.
    pub left: u64,
    /// The limit, in bytes.
    pub limit: u64,
    /// What the limit is: `"memoryLimit"` (the tracker's), `"WebAssembly memory"`, ….
    pub what: &'static str,
}

impl std::fmt::Display for MemoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mib = |b: u64| b.div_ceil(1 << 20);
        write!(
            f,
            "this load could need about {} MiB (with room to analyse the log after it), and only {} MiB are left \
             of the {} MiB of {}: nothing was loaded (load a shorter period, or use the native crate or command \
             line for logs this large)",
            mib(self.need),
            mib(self.left),
            mib(self.limit),
            self.what
        )
    }
}

impl std::error::Error for MemoryError {}

impl Footprint {
    /// Bytes a load of about `events` events, read from `input` bytes of text, may need at its
    /// peak beyond what the store holds now: the columns' growth (they double, and the old
    /// buffer of the largest column lives while it moves), the call's batch, the ids and texts
    /// it may add (at most its input, in an arena that may double), and the order used to
    /// compact the columns. An upper estimate: a load under it does not run out of memory.
    pub fn load_estimate(&self, events: u64, input: u64) -> u64 {
        let slots = self.slots.saturating_add(events);
        let columns = if slots > self.capacity {
            let grown = slots.max(self.capacity.saturating_mul(2));
            (grown - self.capacity).saturating_mul(EVENT_BYTES).saturating_add(self.capacity.saturating_mul(8))
        } else {
            0
        };
        columns
            .saturating_add(events.saturating_mul(BATCH_BYTES_PER_EVENT))
            .saturating_add(input.saturating_mul(2))
            .saturating_add(self.documents.saturating_mul(4))
    }

    /// Bytes the analyses may need at their peak for the events held now.
    pub fn analysis_estimate(&self) -> u64 {
        self.events.saturating_mul(ANALYSIS_BYTES_PER_EVENT)
    }

    /// Bytes a load needs free: its own peak ([`Footprint::load_estimate`]), or what the store
    /// keeps of it plus the analyses' peak over the whole log after it, whichever is more.
    pub fn need(&self, events: u64, input: u64) -> u64 {
        let load = self.load_estimate(events, input);
        let kept = self.load_estimate(events, 0).saturating_sub(events.saturating_mul(BATCH_BYTES_PER_EVENT));
        let after = Footprint { events: self.events.saturating_add(events), ..*self };
        load.max(kept.saturating_add(input.saturating_mul(2)).saturating_add(after.analysis_estimate()))
    }

    /// The need of a load ([`Footprint::need`]), checked against the tracker's own limit.
    pub fn check(&self, events: u64, input: u64) -> Result<u64, MemoryError> {
        let need = self.need(events, input);
        match self.limit {
            Some(limit) if self.held.saturating_add(need) > limit => Err(MemoryError {
                need,
                left: limit.saturating_sub(self.held),
                limit,
                what: "the tracker's memoryLimit",
            }),
            _ => Ok(need),
        }
    }

    /// About how many more events one load could add within `left` bytes (the inverse of
    /// [`Footprint::need`] without text: a columns load).
    pub fn events_within(&self, left: u64) -> u64 {
        let (mut lo, mut hi) = (0u64, left / BATCH_BYTES_PER_EVENT + 1);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if self.need(mid, 0) <= left {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }
}

impl Store {
    /// The store's [`Footprint`], under the tracker's `limit`.
    pub fn footprint(&self, limit: Option<u64>) -> Footprint {
        Footprint {
            slots: self.events.slots() as u64,
            capacity: self.events.at.capacity() as u64,
            documents: self.documents.len() as u64,
            events: self.events.len() as u64,
            held: self.memory().total_bytes as u64,
            limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: Footprint = Footprint { slots: 0, capacity: 0, documents: 0, events: 0, held: 0, limit: None };

    #[test]
    fn estimate_grows_with_the_load_and_the_columns() {
        // 1M events into an empty store: columns 29 MB, batch 50 MB.
        assert_eq!(EMPTY.load_estimate(1_000_000, 0), 79_000_000);
        // Room already there: only the batch and the text.
        let roomy =
            Footprint { slots: 10, capacity: 2_000_000, documents: 5, events: 10, held: 60_000_000, limit: None };
        assert_eq!(roomy.load_estimate(1_000, 100), 50_000 + 200 + 20);
        // Columns full: they double, and the old `at` column lives while it moves.
        let full = Footprint { slots: 1_000_000, capacity: 1_000_000, events: 1_000_000, ..EMPTY };
        assert_eq!(full.load_estimate(1, 0), 1_000_000 * 29 + 8_000_000 + 50);
    }

    #[test]
    fn a_load_keeps_room_for_the_analyses_of_the_whole_log() {
        // 1M events: the store keeps 29 MB of columns, the analyses may take 168 MB more.
        assert_eq!(EMPTY.need(1_000_000, 0), 29_000_000 + 168_000_000);
        // A load into a store of 1M events with room: its batch, or the analyses of 1.001M.
        let roomy = Footprint { slots: 1_000_000, capacity: 2_000_000, events: 1_000_000, ..EMPTY };
        assert_eq!(roomy.need(1_000, 0), 1_001_000 * 168);
        // The inverse: what fits in a budget, exactly.
        let left = EMPTY.need(1_000_000, 0);
        assert_eq!(EMPTY.events_within(left), 1_000_000);
        assert_eq!(EMPTY.events_within(left - 1), 999_999);
        // The largest log an empty page holds and analyses, at about 200 B an event.
        let most = EMPTY.events_within((1 << 32) - (32 << 20));
        assert!((21_000_000..22_000_000).contains(&most), "{most}");
    }

    #[test]
    fn the_limit_refuses_what_would_not_fit() {
        let f = Footprint { held: 1 << 20, limit: Some(64 << 20), ..EMPTY };
        assert!(f.check(100_000, 0).is_ok());
        let e = f.check(1_000_000, 0).unwrap_err();
        assert_eq!((e.need, e.left, e.limit), (197_000_000, 63 << 20, 64 << 20));
        assert!(
            e.to_string().contains(
                "about 188 MiB (with room to analyse the log after it), and only 63 MiB are left of the 64 MiB"
            ),
            "{e}"
        );
    }
}
