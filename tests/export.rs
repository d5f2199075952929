//! Exports (`lienthong::export`): the whole log as CSV read back through the staging rows every
//! importer shares (what the command line's CSV reader does) gives the same store and the same
//! analyses; the XES is well-formed, with one trace per document and one event per event; ids
//! and texts with commas, quotes, line breaks and markup survive both.

use lienthong::analysis::{Bucket, DfgCase, DfgKey, EgovBy, GroupBy, OverdueOptions, ReportBy, ReportOptions};
use lienthong::export::{self, table};
use lienthong::generator::{GeneratedLog, GeneratorOptions, Problem, Structure};
use lienthong::ingest::staging::{Key, Staging};
use lienthong::ingest::{DocumentRecord, EventRecord, IngestReport, Targets, TimeValue, UnitRecord};
use lienthong::model::TimeZone;
use lienthong::store::{DocIx, UnitIx};
use lienthong::{Query, Tracker, TrackerOptions};
use serde_json::Value;

/// Reads an events CSV as the command line does: header names mapped to keys, rows staged.
fn read_log_csv(t: &mut Tracker, text: &str) -> IngestReport {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let keys: Vec<Option<Key>> = r.headers().unwrap().iter().map(|h| Key::parse(h.trim())).collect();
    let mut staging = Staging::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        staging.begin_row(rec.position().unwrap().line() as u32);
        for (f, k) in rec.iter().zip(&keys) {
            if let Some(k) = k {
                staging.set(*k, f).unwrap();
            }
        }
        staging.end_row();
        if staging.is_full() {
            staging.load(t);
        }
    }
    staging.finish(t)
}

/// Reads the units CSV of [`export::csv::units_csv`].
fn read_units_csv(t: &mut Tracker, text: &str) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>().join(","), export::csv::UNITS_HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    fn get(r: &csv::StringRecord, i: usize) -> Option<&str> {
        r.get(i).filter(|s| !s.is_empty())
    }
    let report = t.add_units(rows.iter().map(|r| UnitRecord {
        id: get(r, 0).unwrap(),
        name: get(r, 1),
        level: get(r, 2),
        parent: get(r, 3),
        valid_from: get(r, 4).map(TimeValue::Text),
        valid_to: get(r, 5).map(TimeValue::Text),
        successor: get(r, 6),
    }));
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
}

/// Every analysis of `t` under `q`, as JSON values.
fn analyses(t: &Tracker, q: &Query) -> Vec<(String, Value)> {
    let v = |x: &dyn erased::Ser| x.json();
    let mut out: Vec<(String, Value)> = vec![
        ("summary".into(), v(&t.summary(q).unwrap())),
        ("flow".into(), v(&t.flow(q).unwrap())),
        ("bottlenecks".into(), v(&t.bottlenecks(10, q).unwrap())),
        ("overdue".into(), v(&t.overdue(&OverdueOptions::default(), q).unwrap())),
        ("timeline".into(), v(&t.timeline(Bucket::Week, q).unwrap())),
        ("egov".into(), v(&t.egov(EgovBy::Level, q).unwrap())),
    ];
    for key in [DfgKey::Unit, DfgKey::Action, DfgKey::Level] {
        for case in [DfgCase::Document, DfgCase::Copy] {
            out.push((format!("dfg {key:?} {case:?}"), v(&t.directly_follows_with(key, case, true, q).unwrap())));
        }
    }
    for by in [GroupBy::Document, GroupBy::Unit, GroupBy::Edge, GroupBy::Type, GroupBy::Urgency] {
        out.push((format!("processingTimes {by:?}"), v(&t.processing_times(by, q).unwrap())));
    }
    if q.from.is_some() {
        for by in [ReportBy::Unit, ReportBy::Level] {
            let o = ReportOptions { by, ..Default::default() };
            out.push((format!("report {by:?}"), v(&t.report(&o, q).unwrap())));
        }
    }
    out
}

/// `serde_json::to_value` through a trait object, so one list holds every result type.
mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}

fn generated() -> Tracker {
    let options = GeneratorOptions {
        seed: Some(8),
        events: 20_000,
        structure: Structure::Reform,
        fan_out: 0.3,
        problems: vec![
            Problem::SlowUnit { unit: None, factor: 5.0 },
            Problem::FlakyEdge { from: None, to: None, probability: 0.3, delay_hours: 48.0 },
            Problem::PaperUnit { unit: None },
        ],
        ..Default::default()
    };
    let mut t = Tracker::default();
    let r = GeneratedLog::generate(&options).load_into(&mut t);
    assert!(r.rejected.is_empty());
    t
}

/// The store's content in words: every event with its document, unit, action, time, targets,
/// send deadline, actor, note and channel; every document's fields.
fn content(t: &Tracker) -> (Vec<String>, Vec<String>) {
    let s = t.store();
    let (ev, docs) = (&s.events, &s.documents);
    let text = |id| s.texts.resolve_opt(id).map(str::to_string);
    let mut events = Vec::new();
    let mut documents = Vec::new();
    for d in DocIx::all(docs.len()) {
        let range = ev.of_doc(d);
        if range.is_empty() {
            continue;
        }
        let i = d.index();
        documents.push(format!(
            "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            docs.id(d),
            docs.due[i],
            text(docs.doc_type[i]),
            docs.urgency[i],
            text(docs.number[i]),
            text(docs.subject[i]),
            docs.issuer[i].get().map(|u| s.units.id(u)),
            docs.signed[i],
            docs.format[i],
        ));
        for e in range {
            let r = ev.row(e);
            let to: Vec<&str> = ev.sends.units(&r.to).iter().map(|&u| s.units.id(u)).collect();
            events.push(format!(
                "{} {} {} {} {:?} {:?} {:?} {:?} {:?}",
                docs.id(d),
                s.units.id(r.unit),
                s.actions.resolve(r.action),
                r.at,
                to,
                ev.sends.due(r.to),
                text(r.actor),
                text(r.note),
                ev.channel_name(r.channel),
            ));
        }
    }
    (events, documents)
}

fn assert_same_analyses(a: &Tracker, b: &Tracker, queries: &[Query]) {
    for q in queries {
        for ((name, x), (_, y)) in analyses(a, q).into_iter().zip(analyses(b, q)) {
            assert!(x == y, "{name} differs under {q:?}:\n{x}\n{y}");
        }
    }
}

#[test]
fn csv_round_trip_gives_the_same_store_and_analyses() {
    let a = generated();
    let csv = export::csv::log_csv(&a);
    assert!(csv.starts_with(&format!("{}\n", export::csv::LOG_HEADER)));
    assert_eq!(csv.lines().count(), a.store().events.len() + 1);
    let mut b = Tracker::default();
    read_units_csv(&mut b, &export::csv::units_csv(&a));
    let r = read_log_csv(&mut b, &csv);
    assert!(r.rejected.is_empty() && r.duplicates.is_empty(), "{:?}", &r.rejected[..r.rejected.len().min(3)]);
    assert_eq!(r.accepted, a.store().events.len());
    assert_eq!(content(&a), content(&b));
    // The units table: the same units, names, levels, parents, validity and successors.
    assert_eq!(export::csv::units_csv(&a), export::csv::units_csv(&b));
    let zone = TimeZone::VIETNAM;
    let day = |d: &str| lienthong::model::parse_instant(d, zone).unwrap();
    let latest = a.store().latest_at.unwrap();
    let some_unit = a.store().units.id(UnitIx::from_index(3)).to_string();
    let queries = [
        Query::default(),
        Query { from: Some(latest - 60 * 86_400_000), to: Some(latest - 20 * 86_400_000), ..Default::default() },
        Query { as_of: Some(latest - 30 * 86_400_000), roll_up: false, ..Default::default() },
        Query { units: vec![some_unit], ..Default::default() },
        Query { from: Some(day("2025-02-01")), to: Some(day("2025-03-01")), ..Default::default() },
    ];
    assert_same_analyses(&a, &b, &queries);
    // And the export of the copy is the export of the original.
    assert_eq!(export::csv::log_csv(&b), csv);
}

#[test]
fn round_trip_keeps_milliseconds_zones_and_tricky_text() {
    let zone = TimeZone { offset_minutes: -(3 * 60 + 30) };
    let mut a = Tracker::new(TrackerOptions { time_zone: zone, ..Default::default() });
    let units = [("U,1", "Sở \"A\", tỉnh"), ("U\"2", "line\nbreak"), ("<script>alert(1)</script>", " padded ")];
    a.add_units(units.iter().map(|&(id, name)| UnitRecord { id, name: Some(name), ..Default::default() }));
    a.add_documents([DocumentRecord {
        id: "d,\"1\"\n<b>",
        number: Some("12/UBND-VP"),
        doc_type: Some("công văn"),
        urgency: Some("flash"),
        due: Some(TimeValue::Millis(1_772_500_000_123)),
        issuer: Some("U,1"),
        subject: Some("Trích yếu, có \"ngoặc\"\r\nvà <xuống dòng> & ký tự"),
        attributes: Vec::new(),
        signed: Some(false),
        format: Some("paper"),
    }]);
    static TO: [&str; 2] = ["U\"2", "<script>alert(1)</script>"];
    let ev = |u, a, ms| EventRecord::new("d,\"1\"\n<b>", u, a, TimeValue::Millis(ms));
    let r = a.add_events([
        EventRecord {
            to: Targets::Many(&TO),
            due: Some(TimeValue::Millis(1_772_400_000_999)),
            actor: Some("văn thư, \"A\""),
            note: Some("ghi chú\nhai dòng"),
            channel: Some("trục, liên thông"),
            ..ev("U,1", "sent", 1_772_300_000_001)
        },
        ev("U\"2", "arrived", 1_772_300_000_002),
        ev("<script>alert(1)</script>", "xử lý, \"riêng\"", 1_772_300_000_003),
        EventRecord::new("chain", "U,1", "sent", TimeValue::Millis(1_772_300_000_000)),
        EventRecord::new("chain", "U\"2", "completed", TimeValue::Millis(1_772_300_001_000)),
    ]);
    assert_eq!(r.accepted, 5);
    let csv = export::csv::log_csv(&a);
    // Offsets are the tracker's zone; milliseconds are kept.
    assert!(csv.contains("2026-02-28T14:03:20.001-03:30"), "{csv}");
    let mut b = Tracker::new(TrackerOptions { time_zone: zone, ..Default::default() });
    read_units_csv(&mut b, &export::csv::units_csv(&a));
    let r = read_log_csv(&mut b, &csv);
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    assert_eq!(content(&a), content(&b));
    assert_same_analyses(&a, &b, &[Query::default()]);

    // XES: the same text comes back from the XML, markup escaped.
    let xes = export::xes::log_xes(&a);
    assert!(!xes.contains("<script>") && !xes.contains("<b>"), "{xes}");
    let parsed = parse_xes(&xes);
    assert_eq!(parsed.len(), 2);
    let (id, attrs, events) = &parsed[0];
    assert_eq!(id, "d,\"1\"\n<b>");
    assert!(attrs.contains(&("subject".into(), "Trích yếu, có \"ngoặc\"\r\nvà <xuống dòng> & ký tự".into())));
    assert!(attrs.contains(&("deadline".into(), "2026-03-02T21:36:40.123-03:30".into())));
    assert!(attrs.contains(&("signed".into(), "false".into())));
    assert_eq!(events.len(), 3);
    let get = |e: &Vec<(String, String)>, k: &str| e.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    assert_eq!(get(&events[0], "lienthong:to").as_deref(), Some("U\"2;<script>alert(1)</script>"));
    assert_eq!(get(&events[0], "org:resource").as_deref(), Some("văn thư, \"A\""));
    assert_eq!(get(&events[0], "lienthong:note").as_deref(), Some("ghi chú\nhai dòng"));
    assert_eq!(get(&events[0], "deadline").as_deref(), Some("2026-03-01T17:50:00.999-03:30"));
    assert_eq!(get(&events[2], "org:group").as_deref(), Some("<script>alert(1)</script>"));
    assert_eq!(get(&events[2], "concept:name").as_deref(), Some("xử lý, \"riêng\""));
}

/// A parsed XES log: per trace, its `concept:name`, its attributes and its events' attributes.
type ParsedXes = Vec<(String, Vec<(String, String)>, Vec<Vec<(String, String)>>)>;

/// Parses XES with quick-xml (an independent reader), checking its structure on the way.
fn parse_xes(text: &str) -> ParsedXes {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(text);
    let mut traces: ParsedXes = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    loop {
        let e = r.read_event().expect("well-formed XML");
        let (start, empty) = match &e {
            Event::Start(s) => (Some(s.clone()), false),
            Event::Empty(s) => (Some(s.clone()), true),
            _ => (None, false),
        };
        if let Some(s) = start {
            let name = String::from_utf8(s.name().as_ref().to_vec()).unwrap();
            if !empty {
                match name.as_str() {
                    "trace" => traces.push((String::new(), Vec::new(), Vec::new())),
                    "event" => traces.last_mut().expect("event in a trace").2.push(Vec::new()),
                    _ => {}
                }
                stack.push(name.clone());
            }
            let attr = |k: &[u8]| {
                s.attributes()
                    .map(Result::unwrap)
                    .find(|a| a.key.as_ref() == k)
                    .map(|a| a.normalized_value(quick_xml::XmlVersion::Explicit1_0).unwrap().into_owned())
            };
            if let (Some(key), Some(value)) = (attr(b"key"), attr(b"value")) {
                match stack.last().map(String::as_str) {
                    Some("event") => traces.last_mut().unwrap().2.last_mut().unwrap().push((key, value)),
                    Some("trace") => {
                        let t = traces.last_mut().unwrap();
                        if key == "concept:name" {
                            t.0 = value.clone();
                        }
                        t.1.push((key, value));
                    }
                    _ => {}
                }
            }
            continue;
        }
        match e {
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements {stack:?}");
    traces
}

#[test]
fn xes_has_a_trace_per_document_and_an_event_per_event() {
    let a = generated();
    let xes = export::xes::log_xes(&a);
    assert!(xes.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\""));
    let traces = parse_xes(&xes);
    let s = a.store();
    let with_events = DocIx::all(s.documents.len()).filter(|&d| !s.events.of_doc(d).is_empty()).count();
    assert_eq!(traces.len(), with_events);
    assert_eq!(traces.iter().map(|t| t.2.len()).sum::<usize>(), s.events.len());
    // The first trace's events are the first document's, in order, with their units and times.
    let d0 = DocIx::from_index(0);
    assert_eq!(traces[0].0, s.documents.id(d0));
    for (k, e) in s.events.of_doc(d0).enumerate() {
        let ev = &traces[0].2[k];
        let get = |key: &str| ev.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap();
        assert_eq!(get("concept:name"), s.actions.resolve(s.events.action[e]));
        assert_eq!(get("org:group"), s.units.id(s.events.unit[e]));
        assert_eq!(lienthong::model::parse_instant(get("time:timestamp"), TimeZone::VIETNAM), Ok(s.events.at[e]));
    }
}

#[test]
fn analysis_tables_have_a_row_per_entry() {
    let a = generated();
    let q = Query::default();
    let csv = |x| table::result_csv(x);
    let rows = |text: &str| {
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        let rows: Vec<Vec<String>> = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
        assert!(rows.iter().all(|r| r.len() == header.len()));
        (header, rows)
    };
    let s = a.summary(&q).unwrap();
    let (h, r) = rows(&csv(table::Analysis::Summary(&s)));
    assert_eq!(r.len(), 1);
    let col = |h: &[String], name: &str| h.iter().position(|c| c == name).unwrap_or_else(|| panic!("{name} in {h:?}"));
    assert_eq!(r[0][col(&h, "documents")], s.documents.to_string());
    assert_eq!(r[0][col(&h, "leadTime.medianMs")], s.lead_time.median_ms.to_string());

    let arcs = a.directly_follows(DfgKey::Unit, &q).unwrap();
    let (h, r) = rows(&csv(table::Analysis::DirectlyFollows(&arcs)));
    assert_eq!(h[..4], ["from", "to", "count", "meanMs"]);
    assert_eq!(r.len(), arcs.len());

    let f = a.flow(&q).unwrap();
    let (h, r) = rows(&csv(table::Analysis::Flow(&f, true)));
    assert_eq!(r.len(), f.graph.edge_count());
    assert!(h.contains(&"transit.medianMs".to_string()) && h.contains(&"transitWorking.p90Ms".to_string()), "{h:?}");
    let (_, r) = rows(&csv(table::Analysis::Flow(&f, false)));
    assert_eq!(r.len(), f.graph.node_count());

    let p = a.processing_times(GroupBy::Unit, &q).unwrap();
    let (h, r) = rows(&csv(table::Analysis::ProcessingTimes(&p)));
    assert_eq!(r.len(), p.groups.len());
    assert!(h.contains(&"split.waiting.medianMs".to_string()), "{h:?}");

    let b = a.bottlenecks(5, &q).unwrap();
    assert_eq!(rows(&csv(table::Analysis::Bottlenecks(&b, false))).1.len(), b.units.len());
    assert_eq!(rows(&csv(table::Analysis::Bottlenecks(&b, true))).1.len(), b.edges.len());

    let o = a.overdue(&OverdueOptions::default(), &q).unwrap();
    let (h, r) = rows(&csv(table::Analysis::Overdue(&o)));
    assert_eq!(h[..3], ["state", "id", "unit"]);
    assert_eq!(r.len(), o.late.len() + o.overdue.len() + o.due_soon.len());
    assert_eq!(r.iter().filter(|x| x[0] == "overdue").count(), o.overdue.len());

    let latest = a.store().latest_at.unwrap();
    let period = Query { from: Some(latest - 30 * 86_400_000), to: Some(latest), ..Default::default() };
    let rep = a.report(&ReportOptions::default(), &period).unwrap();
    let (h, r) = rows(&csv(table::Analysis::Report(&rep)));
    assert_eq!(r.len(), rep.rows.len() + 1);
    assert_eq!(r.last().unwrap()[col(&h, "key")], "total");
    assert_eq!(h[..4], ["key", "name", "level", "carriedOver"]);

    let tl = a.timeline(Bucket::Month, &q).unwrap();
    let (h, r) = rows(&csv(table::Analysis::Timeline(&tl)));
    assert_eq!((h.len(), r.len()), (6, tl.len()));

    let e = a.egov(EgovBy::Unit, &q).unwrap();
    let (h, r) = rows(&csv(table::Analysis::Egov(&e)));
    assert_eq!(r.len(), e.rows.len() + 1);
    assert!(h.contains(&"handovers.axis".to_string()) && h.contains(&"paperSenders".to_string()), "{h:?}");
    // A list of objects is one cell: `unit:name:count` items joined by `;`.
    let senders = col(&h, "paperSenders");
    let total = r.last().unwrap();
    let expected: Vec<String> = e
        .total
        .paper_senders
        .iter()
        .map(|p| format!("{}:{}:{}", p.unit, p.name.as_deref().unwrap_or(""), p.count))
        .collect();
    assert_eq!(total[senders], expected.join(";"));
    assert!(!expected.is_empty());
    // Every table has a name the command line and JS take.
    for t in table::Table::ALL {
        assert_eq!(table::Table::parse(t.as_str()), Some(t));
    }
}
