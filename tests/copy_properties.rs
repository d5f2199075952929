//! Property tests of the copy model (SPEC §2–3): copies partition a document's events,
//! handovers are the copies opened by a handover, the period report agrees with the copies
//! themselves and with the flow graph (WIP at `to` = WIP at `from` + received − finished, per
//! unit), and roll-up never changes a total.

use lienthong::analysis::copies::CopyBuilder;
use lienthong::analysis::{CopyState, ReportBy, ReportOptions};
use lienthong::generator::{GeneratedLog, GeneratorOptions, Structure};
use lienthong::ingest::{EventRecord, Targets, TimeValue, UnitRecord};
use lienthong::model::Level;
use lienthong::{Query, Tracker, TrackerOptions};
use proptest::prelude::*;
use std::collections::HashMap;

const H: i64 = 3_600_000;
const T: i64 = 1_772_413_200_000;
const ACTIONS: [&str; 9] =
    ["sent", "arrived", "accepted", "processing", "completed", "rejected", "recalled", "recall-accepted", "note"];

/// (doc, unit, action, hour, targets, due hour on the send)
type Event = (usize, usize, usize, i64, Vec<usize>, Option<i64>);

/// A random log whose sends name zero, one or several targets, over units of which some were
/// merged into others.
#[derive(Debug, Clone)]
struct Log {
    units: usize,
    /// (unit, successor) merges.
    merged: Vec<(usize, usize)>,
    events: Vec<Event>,
    doc_due: Vec<Option<i64>>,
}

fn log_strategy() -> impl Strategy<Value = Log> {
    (3usize..9, 1usize..8).prop_flat_map(|(nu, nd)| {
        let ev = (
            0..nd,
            0..nu,
            0usize..ACTIONS.len(),
            0i64..80,
            proptest::collection::vec(0..nu, 0..4),
            proptest::option::of(0i64..90),
        );
        (
            Just(nu),
            proptest::collection::vec((0..nu, 0..nu), 0..2),
            proptest::collection::vec(ev, 0..70),
            proptest::collection::vec(proptest::option::of(0i64..90), nd),
        )
            .prop_map(|(units, merged, events, doc_due)| Log {
                units,
                merged: merged.into_iter().filter(|(a, b)| a < b).collect(),
                events,
                doc_due,
            })
    })
}

fn load(log: &Log) -> Tracker {
    let mut t = setup(log);
    add_range(&mut t, log, 0..log.events.len());
    t
}

/// A tracker with the log's units and documents, no event yet.
fn setup(log: &Log) -> Tracker {
    let mut t = Tracker::new(TrackerOptions::default());
    let ids: Vec<String> = (0..log.units).map(|i| format!("U{i}")).collect();
    let levels = ["province", "district", "commune"];
    let succ: HashMap<usize, usize> = log.merged.iter().copied().collect();
    let r = t.add_units(ids.iter().enumerate().map(|(i, id)| UnitRecord {
        id,
        level: Some(levels[i % 3]),
        parent: (i > 0).then(|| ids[0].as_str()),
        successor: succ.get(&i).map(|&s| ids[s].as_str()),
        ..Default::default()
    }));
    assert!(r.rejected.is_empty());
    let doc_ids: Vec<String> = (0..log.doc_due.len()).map(|d| format!("d{d}")).collect();
    t.add_documents(doc_ids.iter().zip(&log.doc_due).map(|(id, due)| lienthong::ingest::DocumentRecord {
        id,
        due: due.map(|h| TimeValue::Millis(T + h * H)),
        ..Default::default()
    }));
    t
}

/// Loads the log's events `range`.
fn add_range(t: &mut Tracker, log: &Log, range: std::ops::Range<usize>) {
    let ids: Vec<String> = (0..log.units).map(|i| format!("U{i}")).collect();
    let doc_ids: Vec<String> = (0..log.doc_due.len()).map(|d| format!("d{d}")).collect();
    let targets: Vec<Vec<&str>> = log.events.iter().map(|e| e.4.iter().map(|&u| ids[u].as_str()).collect()).collect();
    let recs: Vec<EventRecord<'_>> = log
        .events
        .iter()
        .zip(&targets)
        .enumerate()
        .skip(range.start)
        .take(range.len())
        .map(|(i, (e, to))| {
            let action = ACTIONS[e.2];
            let sends = matches!(action, "sent" | "recalled");
            EventRecord {
                to: if sends { Targets::Many(to) } else { Targets::None },
                due: if action == "sent" { e.5.map(|h| TimeValue::Millis(T + h * H)) } else { None },
                // Unique times: no ties, so the order of loading cannot matter.
                ..EventRecord::new(&doc_ids[e.0], &ids[e.1], action, TimeValue::Millis(T + e.3 * H + i as i64))
            }
        })
        .collect();
    assert_eq!(t.add_events(recs).accepted, range.len());
}

/// Per unit, from the copies themselves: (carried over, received, finished, open at the end).
fn brute_force(t: &Tracker, q: &Query, from: i64) -> HashMap<String, [u64; 4]> {
    let scope = t.scope(q).unwrap();
    let mut b = CopyBuilder::with_event_owners(t.store());
    let mut out: HashMap<String, [u64; 4]> = HashMap::new();
    for (d, r) in scope.documents() {
        for c in b.build(&scope, d, r) {
            if !c.received() {
                continue;
            }
            let carried = c.open_at(from);
            let received = c.opened_at >= from;
            if !carried && !received {
                continue;
            }
            let e = out.entry(t.store().units.id(c.unit).to_string()).or_default();
            e[0] += carried as u64;
            e[1] += received as u64;
            e[2] += c.closed_at().is_some() as u64;
            e[3] += c.is_open() as u64;
        }
    }
    out
}

fn check_report_and_flow(t: &Tracker, from: i64, to: i64) -> Result<(), TestCaseError> {
    let q = Query { from: Some(from), to: Some(to), ..Default::default() };
    let expected = brute_force(t, &q, from);
    let report = t.report(&ReportOptions::default(), &q).unwrap();
    let flow = t.flow(&q).unwrap();
    let mut seen = 0;
    for row in &report.rows {
        let open = row.open_within_due + row.open_due_soon + row.open_overdue + row.open_no_due;
        let done = row.done_early + row.done_on_time + row.done_late + row.done_no_due;
        prop_assert_eq!(row.to_handle, row.carried_over + row.received);
        prop_assert_eq!(row.to_handle, done + open);
        // WIP at `to` = WIP at `from` + received − finished.
        prop_assert_eq!(open, row.carried_over + row.received - done);
        let e = expected.get(&row.key).copied().unwrap_or_default();
        prop_assert_eq!([row.carried_over, row.received, done, open], e, "unit {}", row.key);
        prop_assert!((0.0..=1.0).contains(&row.late_rate) && (0.0..=1.0).contains(&row.on_time_rate));
        // The flow graph sees the same open copies: held (WIP) or on their way (incoming).
        if let Some(n) = flow.node(&row.key) {
            let node = &flow.graph[n];
            prop_assert!(node.wip + node.incoming <= open);
        }
        seen += 1;
    }
    prop_assert_eq!(seen, expected.values().filter(|e| e[0] + e[1] > 0).count());
    let by_level = t.report(&ReportOptions { by: ReportBy::Level, ..Default::default() }, &q).unwrap();
    prop_assert_eq!(by_level.total.clone(), report.total.clone());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn copies_partition_events_and_handovers_are_copies_opened_by_a_send(log in log_strategy()) {
        let t = load(&log);
        let q = Query::default();
        let scope = t.scope(&q).unwrap();
        let mut b = CopyBuilder::with_event_owners(t.store());
        let mut opened_by_handover = 0u64;
        for (d, r) in scope.documents() {
            let n = r.len();
            let copies = b.build(&scope, d, r).to_vec();
            prop_assert_eq!(b.event_copies().len(), n);
            prop_assert_eq!(copies.iter().map(|c| c.events as usize).sum::<usize>(), n);
            let state = b.state().unwrap();
            for c in &copies {
                if !c.parent.is_none() {
                    opened_by_handover += 1;
                    prop_assert!(!c.from_unit.is_none());
                    if !state.chain {
                        prop_assert_eq!(c.opened_at, c.handover_at, "opened by its send");
                    }
                }
                prop_assert!(c.opened_at <= c.last_at);
                if c.state == CopyState::InTransit {
                    prop_assert!(c.arrived_at.is_none());
                }
            }
            prop_assert_eq!(state.closed, copies.iter().all(|c| !c.is_open()));
        }
        prop_assert_eq!(t.flow(&q).unwrap().handovers, opened_by_handover);
    }

    #[test]
    fn period_report_agrees_with_copies_and_flow(log in log_strategy(), a in 0i64..80, len in 1i64..80) {
        let t = load(&log);
        check_report_and_flow(&t, T + a * H, T + (a + len) * H)?;
    }

    #[test]
    fn roll_up_never_changes_totals(log in log_strategy()) {
        let t = load(&log);
        let on = Query::default();
        let off = Query { roll_up: false, ..Default::default() };
        let (s1, s2) = (t.summary(&on).unwrap(), t.summary(&off).unwrap());
        prop_assert_eq!(
            (s1.documents, s1.events, s1.copies, s1.copies_open, s1.copies_overdue, s1.open, s1.overdue),
            (s2.documents, s2.events, s2.copies, s2.copies_open, s2.copies_overdue, s2.open, s2.overdue)
        );
        prop_assert_eq!(t.flow(&on).unwrap().handovers, t.flow(&off).unwrap().handovers);
        let (r1, r2) = (t.report(&ReportOptions::default(), &on).unwrap(), t.report(&ReportOptions::default(), &off).unwrap());
        prop_assert_eq!(r1.total, r2.total);
        let dfg = |q: &Query| t.directly_follows(lienthong::analysis::DfgKey::Action, q).unwrap();
        prop_assert_eq!(dfg(&on), dfg(&off));
        // Merged units disappear from the rolled-up figures.
        for &(m, _) in &log.merged {
            let id = format!("U{m}");
            prop_assert!(r1.rows.iter().all(|r| r.key != id));
            prop_assert!(t.flow(&on).unwrap().node(&id).is_none());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn generated_provinces_report_and_flow_agree(seed in any::<u64>(), structure in 0usize..3, cut in 0.2f64..0.9) {
        let structure = [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform][structure];
        let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(seed), events: 3_000, structure, ..Default::default() });
        let mut t = Tracker::new(TrackerOptions::default());
        prop_assert!(log.load_into(&mut t).rejected.is_empty());
        let s = t.summary(&Query::default()).unwrap();
        let (first, last) = (s.first_event.unwrap(), s.as_of);
        let from = first + ((last - first) as f64 * cut) as i64;
        check_report_and_flow(&t, from, last + 1)?;
        // No commune → commune handovers (a commune handing over to the commune it merged into
        // is a self-loop once rolled up).
        let f = t.flow(&Query::default()).unwrap();
        for e in f.graph.edge_indices() {
            let (a, b) = f.graph.edge_endpoints(e).unwrap();
            if a == b {
                continue;
            }
            let (la, lb) = (f.graph[a].level, f.graph[b].level);
            prop_assert!(!(la == Some(Level::Commune) && lb == Some(Level::Commune)), "{} → {}", f.graph[a].id, f.graph[b].id);
        }
    }
}

/// Every figure of one query, as JSON.
fn figures(t: &Tracker, q: &Query) -> serde_json::Value {
    use lienthong::analysis::{Bucket, DfgKey, GroupBy, OverdueOptions};
    serde_json::json!({
        "summary": serde_json::to_value(t.summary(q).unwrap()).unwrap(),
        "dfg": serde_json::to_value(t.directly_follows(DfgKey::Unit, q).unwrap()).unwrap(),
        "flow": serde_json::to_value(t.flow(q).unwrap()).unwrap(),
        "times": serde_json::to_value(t.processing_times(GroupBy::Unit, q).unwrap()).unwrap(),
        "bottlenecks": serde_json::to_value(t.bottlenecks(5, q).unwrap()).unwrap(),
        "overdue": serde_json::to_value(t.overdue(&OverdueOptions::default(), q).unwrap()).unwrap(),
        "timeline": serde_json::to_value(t.timeline(Bucket::Day, q).unwrap()).unwrap(),
        "report": serde_json::to_value(t.report(&ReportOptions::default(), q).unwrap()).unwrap(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The tracker shares one copy table between queries with the same window end and roll-up:
    /// queries asked in any order, and after more data is loaded, give what a fresh tracker gives.
    #[test]
    fn shared_copies_never_go_stale(log in log_strategy(), to_h in 1i64..60, split in 0usize..40) {
        let queries = [
            Query::default(),
            Query { to: Some(T + to_h * H), ..Default::default() },
            Query { roll_up: false, ..Default::default() },
            Query { from: Some(T + to_h * H / 2), to: Some(T + to_h * H), roll_up: false, ..Default::default() },
        ];
        // A fresh tracker per query: nothing shared.
        let fresh: Vec<serde_json::Value> = queries.iter().map(|q| figures(&load(&log), q)).collect();
        // One tracker, the queries in turn, twice.
        let t = load(&log);
        for _ in 0..2 {
            for (q, want) in queries.iter().zip(&fresh) {
                prop_assert_eq!(&figures(&t, q), want);
            }
        }
        // Half the events first, every query, then the rest: the same figures as all at once.
        let cut = split.min(log.events.len());
        let mut t = setup(&log);
        add_range(&mut t, &log, 0..cut);
        for q in &queries {
            figures(&t, q);
        }
        add_range(&mut t, &log, cut..log.events.len());
        for (q, want) in queries.iter().zip(&fresh) {
            prop_assert_eq!(&figures(&t, q), want);
        }
    }
}
