//! Criterion benchmarks of ingestion and of each analysis on generated provinces of 10k, 100k
//! and 1M events (default share of fan-out directives, 0.3), and on a fan-out-heavy province of
//! 1M events (0.9); of working-time arithmetic; of the generator itself; of the flow map of a
//! 300-unit province; of CSV import; and of the exports. Run:
//! `cargo bench --bench engine` (figures go to BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use lienthong::analysis::{Bucket, DfgCase, DfgKey, EgovBy, GroupBy, OverdueOptions, ReportOptions};
use lienthong::generator::{GeneratedLog, GeneratorOptions};
use lienthong::{Query, Tracker, TrackerOptions};
use std::hint::black_box;
use std::time::Duration;

/// (name, events, share of directives that fan out)
const LOGS: [(&str, usize, f64); 4] =
    [("10k", 10_000, 0.3), ("100k", 100_000, 0.3), ("1M", 1_000_000, 0.3), ("1M-fanout", 1_000_000, 0.9)];

fn log(events: usize, fan_out: f64) -> GeneratedLog {
    GeneratedLog::generate(&GeneratorOptions { seed: Some(7), events, fan_out, ..Default::default() })
}

fn loaded(log: &GeneratedLog) -> Tracker {
    let mut t = Tracker::new(TrackerOptions::default());
    log.load_into(&mut t);
    t
}

fn ingestion(c: &mut Criterion) {
    let mut g = c.benchmark_group("ingest");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    for (name, n, fan_out) in LOGS {
        let log = log(n, fan_out);
        g.throughput(Throughput::Elements(log.event_count() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), &log, |b, log| {
            b.iter_batched(
                || Tracker::new(TrackerOptions::default()),
                |mut t| {
                    log.load_into(&mut t);
                    t
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

/// The eight analyses of a dashboard, cold: the shared copies are dropped first.
fn all_eight(t: &mut Tracker, q: &Query, report: &ReportOptions) {
    t.forget_copies();
    black_box(t.summary(q).unwrap());
    black_box(t.directly_follows(DfgKey::Unit, q).unwrap());
    black_box(t.flow(q).unwrap());
    black_box(t.processing_times(GroupBy::Unit, q).unwrap());
    black_box(t.bottlenecks(10, q).unwrap());
    black_box(t.overdue(&OverdueOptions::default(), q).unwrap());
    black_box(t.timeline(Bucket::Week, q).unwrap());
    black_box(t.report(report, q).unwrap());
}

fn analyses(c: &mut Criterion) {
    let q = Query::default();
    let report = ReportOptions::default();
    for (name, n, fan_out) in LOGS {
        let log = log(n, fan_out);
        let t = loaded(&log);
        let mut g = c.benchmark_group(format!("analyses/{name}"));
        g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
        g.throughput(Throughput::Elements(log.event_count() as u64));
        g.bench_function("summary", |b| b.iter(|| black_box(t.summary(&q).unwrap())));
        g.bench_function("directly_follows_unit", |b| {
            b.iter(|| black_box(t.directly_follows(DfgKey::Unit, &q).unwrap()))
        });
        g.bench_function("flow", |b| b.iter(|| black_box(t.flow(&q).unwrap())));
        g.bench_function("processing_times_unit", |b| {
            b.iter(|| black_box(t.processing_times(GroupBy::Unit, &q).unwrap()))
        });
        g.bench_function("bottlenecks", |b| b.iter(|| black_box(t.bottlenecks(10, &q).unwrap())));
        g.bench_function("overdue", |b| b.iter(|| black_box(t.overdue(&OverdueOptions::default(), &q).unwrap())));
        g.bench_function("timeline_week", |b| b.iter(|| black_box(t.timeline(Bucket::Week, &q).unwrap())));
        g.bench_function("report_unit", |b| b.iter(|| black_box(t.report(&report, &q).unwrap())));
        g.bench_function("egov_unit", |b| b.iter(|| black_box(t.egov(EgovBy::Unit, &q).unwrap())));
        g.bench_function("directly_follows_copy", |b| {
            b.iter(|| black_box(t.directly_follows_by(DfgKey::Unit, DfgCase::Copy, &q).unwrap()))
        });
        // Cold: the copies are built once per iteration, as on a dashboard's first render
        // (the analyses above reuse the copies shared by the tracker across iterations).
        let mut t = t;
        g.bench_function("all_analyses", |b| b.iter(|| all_eight(&mut t, &q, &report)));
        if name == "1M" {
            // The same analyses in calendar time: what the working calendar costs.
            let mut t = Tracker::new(TrackerOptions {
                clock: std::sync::Arc::new(lienthong::calendar::ContinuousTime),
                ..TrackerOptions::default()
            });
            log.load_into(&mut t);
            g.bench_function("all_analyses_calendar_time", |b| b.iter(|| all_eight(&mut t, &q, &report)));
        }
        g.finish();
    }
}

/// Working-time arithmetic of the Vietnamese calendar: one `working_ms_between` and one
/// `add_working` per call, at instants spread over seven years (per-day tables, no minute loops).
fn calendar(c: &mut Criterion) {
    use lienthong::calendar::vietnam::VietnamCalendar;
    use lienthong::calendar::WorkingTime;
    use lienthong::model::{DurationSpec, DAY_MS, HOUR_MS};
    let cal = VietnamCalendar::new();
    let base = 1_577_844_000_000; // 2020-01-01T09:00+07:00
    let mut g = c.benchmark_group("calendar");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Elements(1_000_000));
    g.bench_function("1M_working_between_and_add", |b| {
        b.iter(|| {
            let mut sum = 0i64;
            for i in 0..1_000_000i64 {
                let a = base + i * 997_000;
                sum = sum.wrapping_add(cal.working_ms_between(a, a + 3 * DAY_MS));
                sum = sum.wrapping_add(cal.add_working(a, DurationSpec { days: 2, ms: HOUR_MS }));
            }
            black_box(sum)
        })
    });
    g.finish();
}

/// The generator itself: a default province (fan-out share 0.3) of 100k and 1M events, placed in
/// office hours on the working days of the Vietnamese calendar.
fn generation(c: &mut Criterion) {
    let mut g = c.benchmark_group("generate");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    for (name, n, fan_out) in [("100k", 100_000, 0.3), ("1M", 1_000_000, 0.3)] {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(name, |b| b.iter(|| black_box(log(n, fan_out))));
    }
    g.finish();
}

/// The exports of a default province of 1M events: the whole log as CSV and as XES into a
/// `String`, and the CSV read back through the staging rows (what the command line and the CSV
/// importer do). Throughput in bytes of text. Run: `cargo bench --bench engine -- export`.
fn exports(c: &mut Criterion) {
    use lienthong::export;
    use lienthong::ingest::staging::{Key, Staging};
    let t = loaded(&log(1_000_000, 0.3));
    let mut g = c.benchmark_group("export");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    let csv = export::csv::log_csv(&t);
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function("csv_1M", |b| b.iter(|| black_box(export::csv::log_csv(&t))));
    g.bench_function("csv_read_back_1M", |b| {
        b.iter(|| {
            let mut r = Tracker::new(TrackerOptions::default());
            let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
            let keys: Vec<Option<Key>> = reader.headers().unwrap().iter().map(Key::parse).collect();
            let mut staging = Staging::new();
            let mut rec = csv::StringRecord::new();
            while reader.read_record(&mut rec).unwrap() {
                staging.begin_row(0);
                for (f, k) in rec.iter().zip(&keys) {
                    if let Some(k) = k {
                        staging.set(*k, f).unwrap();
                    }
                }
                staging.end_row();
                if staging.is_full() {
                    staging.load(&mut r);
                }
            }
            black_box(staging.finish(&mut r));
            r
        })
    });
    let xes = export::xes::log_xes(&t);
    g.throughput(Throughput::Bytes(xes.len() as u64));
    g.bench_function("xes_1M", |b| b.iter(|| black_box(export::xes::log_xes(&t))));
    g.finish();
    eprintln!("export: 1M-event log: CSV {} bytes, XES {} bytes", csv.len(), xes.len());
}

/// The formerly quadratic corners of issue 10 (point 7), each at 100k (or 1M documents):
/// 100k events of one document at one timestamp (duplicate check per event); `overdue()` on one
/// document passed along 100k copies (slowest unit on each copy's path); `processingTimes` by
/// document at 1M documents; re-sending a chain of 100k units (cycle check per unit).
/// Run: `cargo bench --bench engine -- hardening`.
fn hardening(c: &mut Criterion) {
    use lienthong::ingest::{EventRecord, Targets, TimeValue, UnitRecord};
    const T: i64 = 1_772_413_200_000;
    let n = 100_000;
    let mut g = c.benchmark_group("hardening");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    let actors: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
    g.bench_function("same_time_100k_events", |b| {
        b.iter(|| {
            let mut t = Tracker::new(TrackerOptions::default());
            let r = t.add_events(actors.iter().map(|a| EventRecord {
                actor: Some(a),
                ..EventRecord::new("d", "U", "processing", TimeValue::Millis(T))
            }));
            assert_eq!(r.accepted, n);
            t
        })
    });
    let units = ["A", "B", "C"];
    let mut t = Tracker::new(TrackerOptions::default());
    let r = t.add_events((0..n).map(|i| EventRecord {
        to: Targets::One(units[(i + 1) % 3]),
        due: Some(TimeValue::Millis(T)),
        ..EventRecord::new("d", units[i % 3], "sent", TimeValue::Millis(T + i as i64 * 60_000))
    }));
    assert_eq!(r.accepted, n);
    let q = Query::default();
    g.bench_function("overdue_100k_copies_of_one_document", |b| {
        b.iter(|| black_box(t.overdue(&OverdueOptions::default(), &q).unwrap()))
    });
    let ids: Vec<String> = (0..10 * n).map(|i| format!("d{i}")).collect();
    let mut t = Tracker::new(TrackerOptions::default());
    t.add_events(ids.iter().flat_map(|d| {
        [
            EventRecord::new(d, "A", "arrived", TimeValue::Millis(T)),
            EventRecord::new(d, "A", "completed", TimeValue::Millis(T + 3_600_000)),
        ]
    }));
    g.bench_function("processing_times_by_document_1M_documents", |b| {
        b.iter(|| black_box(t.processing_times(GroupBy::Document, &q).unwrap()))
    });
    let uids: Vec<String> = (0..n).map(|i| format!("u{i}")).collect();
    let chain = || {
        uids.iter().enumerate().map(|(i, u)| UnitRecord {
            id: u,
            parent: (i > 0).then(|| uids[i - 1].as_str()),
            ..Default::default()
        })
    };
    let mut t = Tracker::new(TrackerOptions::default());
    t.add_units(chain());
    g.bench_function("resend_chain_of_100k_units", |b| b.iter(|| assert_eq!(t.add_units(chain()).accepted, n)));
    // Live updates to old documents of a 1M-event store (500k documents of 2 events): one event
    // per call, each to another old document, and 1 000 events in one call to 1 000 old documents
    // (the next 1 000 of the older half at each iteration).
    // Each iteration's events are new (later times), so every call stores and moves documents;
    // the garbage they leave is compacted as it passes half the store (amortized in the figure).
    let docs: Vec<String> = (0..5 * n).map(|i| format!("d{i}")).collect();
    let mut t = Tracker::new(TrackerOptions::default());
    t.add_events(docs.iter().flat_map(|d| {
        [
            EventRecord::new(d, "A", "arrived", TimeValue::Millis(T)),
            EventRecord::new(d, "A", "processing", TimeValue::Millis(T + 3_600_000)),
        ]
    }));
    let mut k = 0i64;
    g.bench_function("append_1_event_to_an_old_document_of_1M_events", |b| {
        b.iter(|| {
            k += 1;
            let d = &docs[(k as usize * 7919) % (docs.len() / 2)];
            assert_eq!(
                t.add_events([EventRecord::new(d, "B", "processing", TimeValue::Millis(T + 7_200_000 + k))]).accepted,
                1
            );
        })
    });
    g.bench_function("append_1k_events_to_old_documents_of_1M_events", |b| {
        b.iter(|| {
            k += 1;
            let first = (k as usize * 1000) % (docs.len() / 2 - 1000);
            let r = t.add_events(
                docs[first..first + 1000]
                    .iter()
                    .map(|d| EventRecord::new(d, "B", "processing", TimeValue::Millis(T + 7_200_000 + k))),
            );
            assert_eq!(r.accepted, 1000);
        })
    });
    g.finish();
}

/// The flow map of a 300-unit province (12 districts of 23 communes, 60k events): layout alone,
/// and layout plus SVG from the flow graph.
fn render(c: &mut Criterion) {
    use lienthong::render::{flow_layout, render_flow_svg, FlowMapOptions};
    let log = GeneratedLog::generate(&GeneratorOptions {
        seed: Some(9),
        events: 60_000,
        districts: 12,
        communes_per_district: 23,
        ..Default::default()
    });
    let t = loaded(&log);
    let flow = t.flow(&Query::default()).unwrap();
    let o = FlowMapOptions::default();
    let mut g = c.benchmark_group("render");
    g.sample_size(20);
    g.bench_function("flow_layout_300_units", |b| b.iter(|| black_box(flow_layout(&flow, &o))));
    g.bench_function("flow_svg_300_units", |b| b.iter(|| black_box(render_flow_svg(&flow, &o))));
    g.finish();
}

/// The four analyses of the PM4Py comparison (SPEC §8): directly-follows on unit and on
/// action, processing times by unit, late documents.
fn four_analyses(t: &mut Tracker, q: &Query) {
    t.forget_copies();
    black_box(t.directly_follows(DfgKey::Unit, q).unwrap());
    black_box(t.directly_follows(DfgKey::Action, q).unwrap());
    black_box(t.processing_times(GroupBy::Unit, q).unwrap());
    black_box(t.overdue(&OverdueOptions::default(), q).unwrap());
}

/// CSV import (`ingest::csv`) of a generated province of about 557k events, written as the
/// CLI's `generate` writes `events.csv`: the import alone (throughput in bytes), and the import
/// plus the four analyses of the PM4Py comparison. Run: `cargo bench --bench engine -- import`.
fn import(c: &mut Criterion) {
    use lienthong::ingest::csv::import_csv;
    let log = log(557_000, 0.3);
    let mut csv = Vec::new();
    log.write_csv(&mut csv).unwrap();
    let events = log.event_count();
    let mut g = c.benchmark_group("import");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function("csv_557k", |b| {
        b.iter(|| {
            let mut t = Tracker::new(TrackerOptions::default());
            assert_eq!(import_csv(&mut t, &csv, None).unwrap().accepted, events);
            t
        })
    });
    let q = Query::default();
    g.bench_function("csv_557k_and_four_analyses", |b| {
        b.iter(|| {
            let mut t = Tracker::new(TrackerOptions::default());
            import_csv(&mut t, &csv, None).unwrap();
            four_analyses(&mut t, &q);
            t
        })
    });
    g.finish();
}

/// edXML import: `docs` packages (each to 3 recipients, with 2 trace arrivals) and 5 status
/// messages per recipient copy, concatenated (about 14 KB and 18 events per document), read in
/// one piece and pushed in 64 KB chunks; and one package with a 64 MB attachment, pushed in
/// 64 KB chunks (the payload is dropped as it arrives). Run: `cargo bench --bench engine -- edxml`.
fn edxml(c: &mut Criterion) {
    use lienthong::ingest::edxml::{import_edxml, EdxmlImporter};
    use lienthong::ingest::import::Importer;
    let organ = |tag: &str, id: &str| {
        format!("<edXML:{tag}><edXML:OrganId>{id}</edXML:OrganId><edXML:OrganName>Đơn vị {id}</edXML:OrganName></edXML:{tag}>")
    };
    let header = |body: String| {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXML:edXMLHeader>\n{body}\n</edXML:edXMLHeader></edXML:edXMLEnvelope></edXML>\n")
    };
    let package = |d: usize| {
        let to: String = (0..3).map(|r| organ("To", &format!("000.{r:02}.20.H41"))).collect();
        let body = format!(
            "<edXML:MessageHeader>{}{to}<edXML:DocumentId>000.00.00.H41,2026/03/02,{d}/UBND-TH</edXML:DocumentId><edXML:Code><edXML:CodeNumber>{d}</edXML:CodeNumber><edXML:CodeNotation>UBND-TH</edXML:CodeNotation></edXML:Code><edXML:PromulgationInfo><edXML:PromulgationDate>2026/03/02</edXML:PromulgationDate></edXML:PromulgationInfo><edXML:DocumentType><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType><edXML:Subject>V/v văn bản số {d}</edXML:Subject><edXML:DueDate>2026/03/10</edXML:DueDate><edXML:OtherInfo><edXML:Priority>1</edXML:Priority></edXML:OtherInfo></edXML:MessageHeader>\n<edXML:TraceHeaderList><edXML:TraceHeader><edXML:OrganId>000.00.00.H41</edXML:OrganId><edXML:Timestamp>2026/03/02 08:00:00</edXML:Timestamp></edXML:TraceHeader><edXML:TraceHeader><edXML:OrganId>000.00.20.H41</edXML:OrganId><edXML:Timestamp>2026/03/02 08:05:00</edXML:Timestamp></edXML:TraceHeader><edXML:TraceHeader><edXML:OrganId>000.01.20.H41</edXML:OrganId><edXML:Timestamp>2026/03/02 08:06:00</edXML:Timestamp></edXML:TraceHeader></edXML:TraceHeaderList>",
            organ("From", "000.00.00.H41")
        );
        header(body)
    };
    let status = |d: usize, r: usize, code: &str, hour: usize| {
        header(format!(
            "<edXML:MessageHeader>{}<edXML:ResponseFor><edXML:OrganId>000.00.00.H41</edXML:OrganId><edXML:Code>{d}/UBND-TH</edXML:Code><edXML:DocumentId>000.00.00.H41,2026/03/02,{d}/UBND-TH</edXML:DocumentId></edXML:ResponseFor><edXML:StaffInfo><edXML:Staff>Văn thư</edXML:Staff></edXML:StaffInfo><edXML:StatusCode>{code}</edXML:StatusCode><edXML:Description>Trạng thái {code}</edXML:Description><edXML:Timestamp>2026/03/{:02} {:02}:00:00</edXML:Timestamp></edXML:MessageHeader>",
            organ("From", &format!("000.{r:02}.20.H41")),
            3 + hour / 8,
            8 + hour % 8
        ))
    };
    let log = |docs: usize| -> Vec<u8> {
        let mut out = String::new();
        for d in 0..docs {
            out += &package(d);
            for r in 0..3 {
                for (i, code) in ["01", "03", "04", "05", "06"].iter().enumerate() {
                    out += &status(d, r, code, i * 3 + r);
                }
            }
        }
        out.into_bytes()
    };
    let mut g = c.benchmark_group("edxml");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    for docs in [1_000, 10_000] {
        let input = log(docs);
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(BenchmarkId::new("one_piece", docs), &input, |b, input| {
            b.iter(|| {
                let mut t = Tracker::new(TrackerOptions::default());
                assert_eq!(import_edxml(&mut t, input).unwrap().accepted, docs * 18);
                t
            })
        });
        g.bench_with_input(BenchmarkId::new("chunks_64k", docs), &input, |b, input| {
            b.iter(|| {
                let mut t = Tracker::new(TrackerOptions::default());
                let mut imp = EdxmlImporter::new();
                input.chunks(1 << 16).for_each(|c| imp.push(&mut t, c).unwrap());
                assert_eq!(imp.finish(&mut t).unwrap().accepted, docs * 18);
                t
            })
        });
    }
    let line = "UEsDBBQACAgIAJWDV1sAAAAAAAAAAAAAAAAoAAAANzA5MWI0OGItOWU4OS00YjExLWJkYjgtNDI2\r\n";
    let payload = format!(
        "<AttachmentEncoded><Attachment><ContentTransferEncoded>{}</ContentTransferEncoded></Attachment></AttachmentEncoded>",
        line.repeat((64 << 20) / line.len())
    );
    // The attachment after the envelope, as the SDK writes it.
    let big = package(0).replace("</edXML:edXMLEnvelope></edXML>", &format!("</edXML:edXMLEnvelope>{payload}</edXML>"));
    let big = big.into_bytes();
    g.throughput(Throughput::Bytes(big.len() as u64));
    for (name, chunk) in [("attachment_64MB_one_piece", big.len()), ("attachment_64MB_chunks_64k", 1 << 16)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut t = Tracker::new(TrackerOptions::default());
                let mut imp = EdxmlImporter::new();
                big.chunks(chunk).for_each(|c| imp.push(&mut t, c).unwrap());
                assert_eq!(imp.finish(&mut t).unwrap().accepted, 3);
                t
            })
        });
    }
    g.finish();
}

/// Document records alone, at 100k, 1M and 10M: every field given (id and number unique per
/// document, subject one of 50 000, one attribute), as a portal's document export would. The
/// time per record should not grow with the count. The record source is cheap, so that the
/// time is the loader's: ids and numbers are slices of one string each, written before the
/// clock starts (the one-pair attribute `Vec` of each record is still allocated and freed, as
/// for every caller). Run: `cargo bench --bench engine -- documents`; the same loads one at a
/// time, with CPU time: `cargo run --release --example documents -- 1000000`.
fn documents(c: &mut Criterion) {
    use lienthong::ingest::{DocumentRecord, TimeValue};
    use std::fmt::Write;
    const T: i64 = 1_772_413_200_000;
    const TYPES: [&str; 4] = ["công văn", "quyết định", "tờ trình", "báo cáo"];
    const URGENCY: [&str; 4] = ["normal", "urgent", "very-urgent", "thượng khẩn"];
    // Strings `0..n` of `f` in one string, and where each ends.
    let arena = |n: usize, f: &dyn Fn(usize, &mut String)| {
        let (mut text, mut ends) = (String::new(), Vec::with_capacity(n));
        for i in 0..n {
            f(i, &mut text);
            ends.push(text.len());
        }
        (text, ends)
    };
    let slice = |a: &(String, Vec<usize>), i: usize| -> std::ops::Range<usize> {
        (if i == 0 { 0 } else { a.1[i - 1] })..a.1[i]
    };
    let mut g = c.benchmark_group("documents");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    let subjects = arena(50_000, &|i, s| write!(s, "V/v triển khai kế hoạch số {i}").unwrap());
    let units: Vec<String> = (0..77).map(|i| format!("000.00.{i:02}.H41")).collect();
    for (name, n) in [("100k", 100_000usize), ("1M", 1_000_000), ("10M", 10_000_000)] {
        let ids = arena(n, &|i, s| write!(s, "d{i}").unwrap());
        let numbers = arena(n, &|i, s| write!(s, "{}/UBND-VP", i + 1).unwrap());
        let records = || {
            (0..n).map(|i| DocumentRecord {
                id: &ids.0[slice(&ids, i)],
                number: Some(&numbers.0[slice(&numbers, i)]),
                doc_type: Some(TYPES[i % 4]),
                urgency: Some(URGENCY[i % 4]),
                due: Some(TimeValue::Millis(T + (i as i64 % 1000) * 3_600_000)),
                issuer: Some(&units[i % 77]),
                subject: Some(&subjects.0[slice(&subjects, i % 50_000)]),
                attributes: vec![("flow", "inbound")],
                signed: Some(i % 3 != 0),
                format: Some(if i % 5 == 0 { "paper" } else { "electronic" }),
            })
        };
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(name, |b| {
            b.iter_batched(
                || Tracker::new(TrackerOptions::default()),
                |mut t| {
                    assert_eq!(t.add_documents(records()).accepted, n);
                    t
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

/// The JSON text of `n` events as `tests/js/bench-node.mjs` makes it (documents of 8 events over
/// 200 units, times in epoch milliseconds with a fraction, a `to` on every fourth event).
fn bench_json(n: usize) -> String {
    const ACTIONS: [&str; 6] = ["arrived", "accepted", "assigned", "processing", "sent", "completed"];
    const H: f64 = 3_600_000.0;
    let t0 = 1_736_125_200_000.0;
    let mut seed: u32 = 42;
    let mut rnd = || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        f64::from(seed) / 4_294_967_296.0
    };
    let mut s = String::with_capacity(n * 80);
    s.push('[');
    for i in 0..n {
        let (d, k) = (i / 8, i % 8);
        let unit = (d * 7 + if k >= 4 { 13 } else { 0 }) % 200;
        let action = ACTIONS[if k == 3 {
            4
        } else if k == 7 {
            5
        } else {
            k % 4
        }];
        let at = t0 + d as f64 * 600_000.0 + k as f64 * H * (1.0 + rnd());
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(r#"{{"doc":"doc-{d}","unit":"U{unit}","action":"{action}","at":{at}"#));
        if k == 3 {
            s.push_str(&format!(r#","to":"U{}""#, (d * 7 + 13) % 200));
        }
        s.push('}');
    }
    s.push(']');
    s
}

/// `addEventsJson` natively: 1M events of JSON text (about 78 MB) read and loaded by
/// `ingest::json::load_events`; throughput in bytes. Run: `cargo bench --bench engine -- json`.
fn json(c: &mut Criterion) {
    let mut g = c.benchmark_group("json");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    let text = bench_json(1_000_000);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("load_events_1M", |b| {
        b.iter_batched(
            || Tracker::new(TrackerOptions::default()),
            |mut t| {
                assert_eq!(lienthong::ingest::json::load_events(&mut t, &text).unwrap().accepted, 1_000_000);
                t
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(
    benches, ingestion, analyses, calendar, generation, hardening, documents, json, render, import, exports, edxml
);
criterion_main!(benches);
