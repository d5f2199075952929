//! XES import, natively: a generated log of about 557k events (the size of the real log of
//! SPEC §8) written as XES, read by `lienthong::ingest::xes::import_xes` (plain and `.xes.gz`,
//! into an empty tracker), and the same bytes read by rust4pm's `process_mining` crate
//! (`import_xes_slice`, into its `EventLog`) in the same run. Run:
//! `cargo bench --bench xes` (figures go to BENCHMARKS.md).

#[path = "../tests/support/xes_writer.rs"]
mod xes_writer;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use flate2::write::GzEncoder;
use lienthong::generator::{GeneratedLog, GeneratorOptions};
use lienthong::ingest::xes::import_xes;
use lienthong::{Tracker, TrackerOptions};
use process_mining::core::event_data::case_centric::xes as pm;
use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

fn xes_import(c: &mut Criterion) {
    let events = std::env::var("XES_EVENTS").ok().and_then(|e| e.parse().ok()).unwrap_or(557_000);
    let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(7), events, ..Default::default() });
    let mut xes = Vec::new();
    xes_writer::write_xes(&log, &mut xes).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&xes).unwrap();
    let gz = gz.finish().unwrap();
    eprintln!(
        "xes: {} events, {} traces, {:.1} MB of XES, {:.1} MB gzip",
        log.event_count(),
        log.document_count(),
        xes.len() as f64 / 1e6,
        gz.len() as f64 / 1e6
    );

    let mut g = c.benchmark_group("xes");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Bytes(xes.len() as u64));
    g.bench_function("lienthong_plain", |b| {
        b.iter_batched(
            || Tracker::new(TrackerOptions::default()),
            |mut t| {
                let r = import_xes(&mut t, &xes, None).unwrap();
                assert_eq!(r.accepted, log.event_count());
                t
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("lienthong_gzip", |b| {
        b.iter_batched(
            || Tracker::new(TrackerOptions::default()),
            |mut t| {
                import_xes(&mut t, &gz, None).unwrap();
                t
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("process_mining_plain", |b| {
        b.iter(|| black_box(pm::import_xes_slice(&xes, false, pm::XESImportOptions::default()).unwrap()))
    });
    g.bench_function("process_mining_gzip", |b| {
        b.iter(|| pm::import_xes_slice(&gz, true, pm::XESImportOptions::default()).unwrap())
    });
    g.finish();
}

criterion_group!(benches, xes_import);
criterion_main!(benches);
