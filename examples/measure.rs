//! One-shot figures for BENCHMARKS.md: store bytes per event and wall time of one load and one
//! run of every analysis, on a generated province.
//! Run: `cargo run --release --example measure -- 1000000 [FAN_OUT]` (share of directives that
//! fan out, default 0.3).

use lienthong::analysis::{Bucket, DfgKey, GroupBy, OverdueOptions, ReportOptions};
use lienthong::generator::{GeneratedLog, GeneratorOptions};
use lienthong::{Query, Tracker, TrackerOptions};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let t0 = Instant::now();
    let fan_out: f64 = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(0.3);
    let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(7), events: n, fan_out, ..Default::default() });
    println!("generated {} events, {} documents in {:?}", log.event_count(), log.document_count(), t0.elapsed());
    let mut t = Tracker::new(TrackerOptions::default());
    let t0 = Instant::now();
    t.add_units(log.unit_records());
    t.add_documents(log.document_records());
    let tables = t0.elapsed();
    let t1 = Instant::now();
    let report = t.add_events(log.event_records());
    println!(
        "ingested {} units + {} documents in {:?}, {} events in {:?}",
        log.unit_count(),
        log.document_count(),
        tables,
        report.accepted,
        t1.elapsed()
    );
    let m = t.memory();
    println!(
        "store: {} events, {} B event columns, {} B tables, {:.1} B/event",
        m.events, m.event_bytes, m.table_bytes, m.bytes_per_event
    );
    // A live portal appends: 1000 new events of the oldest documents (the worst case: every
    // later document's events move), then 1000 events of new documents (the best case).
    let recent: Vec<_> = log.event_records().take(1000).collect();
    let shifted: Vec<_> = recent
        .iter()
        .map(|e| lienthong::ingest::EventRecord {
            at: lienthong::ingest::TimeValue::Millis(match e.at {
                lienthong::ingest::TimeValue::Millis(ms) => ms + 1,
                _ => 0,
            }),
            action: "ghi chú",
            ..*e
        })
        .collect();
    let t0 = Instant::now();
    let r = t.add_events(shifted.iter().copied());
    println!("append {} events to the oldest documents in {:?}", r.accepted, t0.elapsed());
    let fresh: Vec<String> = (0..1000).map(|i| format!("new-{i}")).collect();
    let t0 = Instant::now();
    let r = t.add_events(fresh.iter().zip(&recent).map(|(d, e)| lienthong::ingest::EventRecord { doc: d, ..*e }));
    println!("append {} events of new documents in {:?}", r.accepted, t0.elapsed());
    let q = Query::default();
    let all = Instant::now();
    macro_rules! time {
        ($name:expr, $e:expr) => {{
            let t0 = Instant::now();
            let r = $e;
            println!("{:<24} {:>9.1} ms", $name, t0.elapsed().as_secs_f64() * 1e3);
            r
        }};
    }
    time!("summary", t.summary(&q).unwrap());
    time!("directly_follows(unit)", t.directly_follows(DfgKey::Unit, &q).unwrap());
    time!("flow", t.flow(&q).unwrap());
    time!("processing_times(unit)", t.processing_times(GroupBy::Unit, &q).unwrap());
    time!("bottlenecks(10)", t.bottlenecks(10, &q).unwrap());
    time!("overdue", t.overdue(&OverdueOptions::default(), &q).unwrap());
    time!("timeline(week)", t.timeline(Bucket::Week, &q).unwrap());
    time!("report(unit)", t.report(&ReportOptions::default(), &q).unwrap());
    println!("{:<24} {:>9.1} ms", "all analyses", all.elapsed().as_secs_f64() * 1e3);
}
