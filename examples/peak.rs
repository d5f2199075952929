//! Peak memory of each analysis beyond the store, per event, on a generated province: what a
//! page must keep free after a load for the dashboard to run (the WebAssembly binding keeps
//! that much headroom, `store::memory::ANALYSIS_BYTES_PER_EVENT`).
//! Run: `cargo run --release --example peak -- 2000000`.

use lienthong::analysis::{Bucket, DfgKey, GroupBy, OverdueOptions, ReportOptions};
use lienthong::generator::{GeneratedLog, GeneratorOptions};
use lienthong::{Query, Tracker, TrackerOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

struct Peak;

// SAFETY: every call goes to `System` unchanged; only the counters are added.
unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            PEAK.fetch_max(LIVE.fetch_add(l.size(), Relaxed) + l.size(), Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, n) };
        if !q.is_null() {
            // Both buffers exist during a move: count the new one before freeing the old.
            PEAK.fetch_max(LIVE.fetch_add(n, Relaxed) + n, Relaxed);
            LIVE.fetch_sub(l.size(), Relaxed);
        }
        q
    }
}

#[global_allocator]
static A: Peak = Peak;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2_000_000);
    let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(7), events: n, ..Default::default() });
    let mut t = Tracker::new(TrackerOptions::default());
    t.add_units(log.unit_records());
    t.add_documents(log.document_records());
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let r = t.add_events(log.event_records());
    let events = r.accepted as f64;
    let held = LIVE.load(Relaxed);
    println!(
        "{} events: store {:.1} B/event held, load peak {:.1} B/event beyond the store before it",
        r.accepted,
        (held - base) as f64 / events,
        (PEAK.load(Relaxed) - base) as f64 / events
    );
    let q = Query::default();
    let run = |name: &str, f: &mut dyn FnMut(&Tracker)| {
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        f(&t);
        println!("{name:>22}: peak {:6.1} B/event beyond what was held", (PEAK.load(Relaxed) - before) as f64 / events);
    };
    run("summary (cold copies)", &mut |t| {
        std::hint::black_box(t.summary(&q).unwrap());
    });
    run("summary", &mut |t| {
        std::hint::black_box(t.summary(&q).unwrap());
    });
    run("directly_follows", &mut |t| {
        std::hint::black_box(t.directly_follows(DfgKey::Unit, &q).unwrap());
    });
    run("processing_times unit", &mut |t| {
        std::hint::black_box(t.processing_times(GroupBy::Unit, &q).unwrap());
    });
    run("processing_times doc", &mut |t| {
        std::hint::black_box(t.processing_times(GroupBy::Document, &q).unwrap());
    });
    run("bottlenecks", &mut |t| {
        std::hint::black_box(t.bottlenecks(10, &q).unwrap());
    });
    run("overdue", &mut |t| {
        std::hint::black_box(t.overdue(&OverdueOptions::default(), &q).unwrap());
    });
    run("flow", &mut |t| {
        std::hint::black_box(t.flow(&q).unwrap());
    });
    run("timeline", &mut |t| {
        std::hint::black_box(t.timeline(Bucket::Day, &q).unwrap());
    });
    run("report", &mut |t| {
        std::hint::black_box(t.report(&ReportOptions::default(), &q).unwrap());
    });
    let held2 = LIVE.load(Relaxed);
    println!("held after the analyses (store + shared copies): {:.1} B/event", (held2 - base) as f64 / events);
}
