//! The 4 GiB ceiling of WebAssembly memory: how much the module holds, and the check every load
//! passes before it reads its input (issue 10, point 2; SEMANTICS "Memory").
//!
//! Running out of WebAssembly memory is not an error Rust can recover from: the allocation
//! aborts, the module traps, and a tracker borrowed at that moment is lost. So a load is
//! estimated first ([`crate::store::Footprint::load_estimate`]) and refused with
//! `OUT_OF_MEMORY` when it could pass the tracker's `memoryLimit` or the ceiling; then the room
//! is taken from the engine once, fallibly, which also shows that the browser grants it (a page
//! may get less than 4 GiB).

use super::error::{Code, Error, Result};
use crate::store::{Footprint, MemoryError};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Bytes a wasm32 module can address: 65 536 pages of 64 KiB.
pub const CEILING: u64 = 1 << 32;

/// Kept free beside an estimate: the JS glue's buffers, reports, the allocator's own slack.
const MARGIN: u64 = 32 << 20;

/// Bytes allocated and not yet freed, by every part of the module.
static LIVE: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting what is live (one add per allocation).
struct Counting;

// SAFETY: every call goes to `System` unchanged; only the counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            LIVE.fetch_add(new_size, Relaxed);
        }
        p
    }
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes the module holds now.
pub fn live() -> u64 {
    LIVE.load(Relaxed) as u64
}

/// Bytes of the module's linear memory (it grows and never shrinks).
pub fn memory_bytes() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) as u64 * 65_536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// Bytes a load may still take under the ceiling.
pub fn left() -> u64 {
    CEILING.saturating_sub(live().saturating_add(MARGIN))
}

/// Checks that a load of about `events` events read from `input` bytes fits, under the
/// tracker's limit (in `f`) and the ceiling, then takes the room from the engine once (freed at
/// once, it serves the load's own allocations: growing memory step by step costs a copy of it
/// per step in V8).
pub fn room(f: &Footprint, events: u64, input: u64) -> Result<()> {
    let need = f.check(events, input).map_err(out_of_memory)?;
    let left = left();
    if need > left {
        return Err(out_of_memory(MemoryError { need, left, limit: CEILING, what: "WebAssembly memory" }));
    }
    if need > 1 << 20 {
        // In pieces of 256 MiB, about the largest single block a load or an analysis asks for
        // (the time column of 32M events, a per-event array): one allocation cannot pass
        // isize::MAX (2 GiB on wasm32), and free space split between earlier blocks serves
        // them as well as space at the end.
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        let mut taken = 0u64;
        while taken < need {
            let size = (need - taken).min(256 << 20) as usize;
            let mut piece: Vec<u8> = Vec::new();
            if piece.try_reserve_exact(size).is_err() {
                return Err(out_of_memory(MemoryError {
                    need,
                    left: taken,
                    limit: CEILING,
                    what: "WebAssembly memory the engine could still give this page",
                }));
            }
            pieces.push(piece);
            taken += size as u64;
        }
        drop(std::hint::black_box(pieces));
    }
    Ok(())
}

/// Checks that an analysis needing about `need` bytes beyond what is held fits under the
/// ceiling (a load keeps that room, but several trackers share one module).
pub fn analysis_room(need: u64) -> Result<()> {
    let left = left();
    if need > left {
        return Err(Error::new(
            Code::OutOfMemory,
            None,
            format!(
                "this analysis could need about {} MiB and only {} MiB are left of the {} MiB of WebAssembly memory: \
                 free the trackers no longer needed (tracker.free()) or load a shorter period",
                need.div_ceil(1 << 20),
                left >> 20,
                CEILING >> 20
            ),
        ));
    }
    Ok(())
}

fn out_of_memory(e: MemoryError) -> Error {
    Error::new(Code::OutOfMemory, None, e.to_string())
}
