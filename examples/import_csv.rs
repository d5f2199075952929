//! Times the CSV import, then the four analyses of the PM4Py comparison (BENCHMARKS.md, "CSV
//! import"), natively: `cargo run --release --example import_csv -- EVENTS.csv [ROUNDS]`.
//! Under `perf record` or `valgrind --tool=callgrind` the process does nothing else.

use lienthong::analysis::{DfgKey, GroupBy};
use lienthong::ingest::csv::import_csv;
use lienthong::{Query, Tracker};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: import_csv EVENTS.csv [ROUNDS]");
    let rounds: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let bytes = std::fs::read(&path).expect("read the file");
    for _ in 0..rounds {
        let mut t = Tracker::default();
        let t0 = Instant::now();
        let report = import_csv(&mut t, &bytes, None).expect("import");
        let import = t0.elapsed();
        let t1 = Instant::now();
        let q = Query::default();
        t.directly_follows(DfgKey::Unit, &q).expect("dfg");
        t.directly_follows(DfgKey::Action, &q).expect("dfg");
        t.processing_times(GroupBy::Unit, &q).expect("processing times");
        let late = t.summary(&q).expect("summary").late;
        println!(
            "{} events in {:?} ({} rejected); the four analyses in {:?} ({late} late)",
            report.accepted,
            import,
            report.rejected.len(),
            t1.elapsed()
        );
    }
}
