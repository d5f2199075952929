//! Per-record cost of loading document records, as `benches/engine.rs` `documents` loads them
//! (every field given, id and number unique per record, subject one of 50 000, one attribute),
//! with a cheap record source: the ids and numbers are slices of two strings written before the
//! clock starts, so the time is the loader's (the record's one-pair attribute `Vec` is still
//! allocated and freed per record, as every caller of `add_documents` does).
//! Prints the load's wall time and the thread's CPU time (`/proc/thread-self/schedstat`), best
//! of the runs, and per record.
//! Run: `cargo run --release --example documents -- 1000000 [RUNS] [FIELDS]`; FIELDS is a comma
//! list of the fields given beside the id (default every one:
//! `number,type,urgency,due,issuer,subject,attributes,signed,format`; `none`: the id alone).
//! FIELDS `json`: every field, as the JSON text that `addDocuments` and `addDocumentsJson` read
//! (`ingest::json::load_documents`), written before the clock starts.

use lienthong::ingest::{DocumentRecord, TimeValue};
use lienthong::{Tracker, TrackerOptions};
use std::time::{Duration, Instant};

const T: i64 = 1_772_413_200_000;
const TYPES: [&str; 4] = ["công văn", "quyết định", "tờ trình", "báo cáo"];
const URGENCY: [&str; 4] = ["normal", "urgent", "very-urgent", "thượng khẩn"];
const ATTRIBUTES: [(&str, &str); 1] = [("flow", "inbound")];

/// Strings `0..n` of `f`, written one after the other in one string, and where each ends.
fn arena(n: usize, f: impl Fn(usize, &mut String)) -> (String, Vec<u32>) {
    let (mut text, mut ends) = (String::new(), Vec::with_capacity(n));
    for i in 0..n {
        f(i, &mut text);
        ends.push(text.len() as u32);
    }
    (text, ends)
}

fn slice(a: &(String, Vec<u32>), i: usize) -> &str {
    let start = if i == 0 { 0 } else { a.1[i - 1] as usize };
    &a.0[start..a.1[i] as usize]
}

/// CPU time of this thread so far.
fn cpu() -> Duration {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(s.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0))
}

fn main() {
    use std::fmt::Write;
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    let fields =
        args.next().unwrap_or_else(|| "number,type,urgency,due,issuer,subject,attributes,signed,format".into());
    let every = "number,type,urgency,due,issuer,subject,attributes,signed,format";
    let given: Vec<&str> = if fields == "json" { every } else { &fields }.split(',').collect();
    let has = |f: &str| given.contains(&f);
    let [number, doc_type, urgency, due, issuer, subject, attributes, signed, format] =
        ["number", "type", "urgency", "due", "issuer", "subject", "attributes", "signed", "format"].map(has);
    let ids = arena(n, |i, s| write!(s, "d{i}").unwrap());
    let numbers = arena(n, |i, s| write!(s, "{}/UBND-VP", i + 1).unwrap());
    let subjects = arena(50_000, |i, s| write!(s, "V/v triển khai kế hoạch số {i}").unwrap());
    let units: Vec<String> = (0..77).map(|i| format!("000.00.{i:02}.H41")).collect();
    let records = || {
        (0..n).map(|i| DocumentRecord {
            id: slice(&ids, i),
            number: number.then(|| slice(&numbers, i)),
            doc_type: doc_type.then_some(TYPES[i % 4]),
            urgency: urgency.then_some(URGENCY[i % 4]),
            due: due.then_some(TimeValue::Millis(T + (i as i64 % 1000) * 3_600_000)),
            issuer: issuer.then_some(units[i % 77].as_str()),
            subject: subject.then(|| slice(&subjects, i % 50_000)),
            attributes: if attributes { ATTRIBUTES.to_vec() } else { Vec::new() },
            signed: signed.then_some(i % 3 != 0),
            format: format.then_some(if i % 5 == 0 { "paper" } else { "electronic" }),
        })
    };
    let json = (fields == "json").then(|| {
        let mut text = String::from("[");
        for (i, r) in records().enumerate() {
            let Some(TimeValue::Millis(due)) = r.due else { unreachable!() };
            write!(
                text,
                r#"{}{{"id":"{}","number":"{}","type":"{}","urgency":"{}","due":{due},"issuer":"{}","subject":"{}","attributes":{{"flow":"inbound"}},"signed":{},"format":"{}"}}"#,
                if i == 0 { "" } else { "," },
                r.id,
                r.number.unwrap(),
                r.doc_type.unwrap(),
                r.urgency.unwrap(),
                r.issuer.unwrap(),
                r.subject.unwrap(),
                r.signed.unwrap(),
                r.format.unwrap()
            )
            .unwrap();
        }
        text + "]"
    });
    let (mut wall, mut on_cpu) = (Duration::MAX, Duration::MAX);
    for _ in 0..runs {
        let mut t = Tracker::new(TrackerOptions::default());
        let (w0, c0) = (Instant::now(), cpu());
        let accepted = match &json {
            Some(text) => lienthong::ingest::json::load_documents(&mut t, text).unwrap().accepted,
            None => t.add_documents(records()).accepted,
        };
        let (w, c) = (w0.elapsed(), cpu() - c0);
        assert_eq!(accepted, n);
        (wall, on_cpu) = (wall.min(w), on_cpu.min(c));
        drop(t);
    }
    let per = |d: Duration| d.as_nanos() as f64 / n as f64 / 1000.0;
    println!(
        "{n} records ({fields}): wall {:.1} ms ({:.3} µs each), CPU {:.1} ms ({:.3} µs each), best of {runs}",
        wall.as_secs_f64() * 1e3,
        per(wall),
        on_cpu.as_secs_f64() * 1e3,
        per(on_cpu)
    );
}
