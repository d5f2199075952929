//! Property tests over random logs: no event lost or counted twice, graph counts add up,
//! filters commute with aggregation, load order does not matter, working ≤ calendar time.

use lienthong::analysis::{Bucket, DfgCase, DfgKey, GroupBy};
use lienthong::ingest::{EventRecord, Targets, TimeValue, UnitRecord};
use lienthong::model::Level;
use lienthong::{Query, Tracker, TrackerOptions};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};

const H: i64 = 3_600_000;
const T: i64 = 1_772_413_200_000;
const ACTIONS: [&str; 8] =
    ["sent", "arrived", "accepted", "assigned", "processing", "completed", "rejected", "ghi chú"];
const TYPES: [&str; 3] = ["công văn", "báo cáo", "quyết định"];
const URGENCY: [&str; 3] = ["normal", "urgent", "flash"];

#[derive(Debug, Clone)]
struct Log {
    units: Vec<(String, Level, Option<usize>)>,
    docs: Vec<(String, usize, usize, Option<i64>)>,
    events: Vec<(usize, usize, usize, i64, Option<usize>)>,
}

fn log_strategy() -> impl Strategy<Value = Log> {
    (2usize..8, 1usize..10).prop_flat_map(|(nu, nd)| {
        let units = proptest::collection::vec((0usize..4, any::<prop::sample::Index>()), nu);
        let docs = proptest::collection::vec((0usize..3, 0usize..3, proptest::option::of(0i64..60)), nd);
        let events = proptest::collection::vec((0..nd, 0..nu, 0usize..8, 0i64..60, proptest::option::of(0..nu)), 0..80);
        (units, docs, events).prop_map(|(units, docs, events)| Log {
            units: units
                .into_iter()
                .enumerate()
                .map(|(i, (l, p))| {
                    // parents only point to earlier units: no cycles
                    let parent = if i == 0 { None } else { Some(p.index(i)) };
                    (format!("U{i}"), Level::from_index(l).unwrap(), parent)
                })
                .collect(),
            docs: docs.into_iter().enumerate().map(|(i, (t, u, due))| (format!("d{i}"), t, u, due)).collect(),
            // Times unique per event (hour + index ms): no ties, so load order cannot matter.
            events: events
                .into_iter()
                .enumerate()
                .map(|(i, (d, u, a, h, to))| (d, u, a, T + h * H + i as i64, to))
                .collect(),
        })
    })
}

fn records(log: &Log) -> Vec<EventRecord<'_>> {
    log.events
        .iter()
        .map(|&(d, u, a, at, to)| EventRecord {
            doc: &log.docs[d].0,
            unit: &log.units[u].0,
            action: ACTIONS[a],
            at: TimeValue::Millis(at),
            to: if ACTIONS[a] == "sent" { to.map(|t| log.units[t].0.as_str()).into() } else { Targets::None },
            due: None,
            actor: None,
            note: None,
            channel: None,
        })
        .collect()
}

fn load(log: &Log, order: &[usize]) -> Tracker {
    let mut t = Tracker::new(TrackerOptions::default());
    let levels: Vec<&str> = log.units.iter().map(|u| u.1.as_str()).collect();
    let r = t.add_units(log.units.iter().enumerate().map(|(i, (id, _, p))| UnitRecord {
        id,
        level: Some(levels[i]),
        parent: p.map(|p| log.units[p].0.as_str()),
        ..Default::default()
    }));
    assert!(r.rejected.is_empty());
    let r = t.add_documents(log.docs.iter().map(|(id, ty, urg, due)| lienthong::ingest::DocumentRecord {
        id,
        doc_type: Some(TYPES[*ty]),
        urgency: Some(URGENCY[*urg]),
        due: due.map(|h| TimeValue::Millis(T + h * H)),
        ..Default::default()
    }));
    assert!(r.rejected.is_empty());
    let recs = records(log);
    // `order` splits the events into consecutive batches loaded in the given order.
    let n = recs.len();
    let mut cuts: Vec<usize> = order.iter().map(|&c| if n == 0 { 0 } else { c % (n + 1) }).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(n);
    let mut accepted = 0;
    for w in bounds.windows(2).rev() {
        accepted += t.add_events(recs[w[0]..w[1]].iter().copied()).accepted;
    }
    assert_eq!(accepted, n);
    t
}

/// Copies counted straight from the copy builder: (all, roots, with an event at their unit,
/// opened by a handover and not arrived yet). Also checks that each document's copies
/// partition its events.
fn copy_counts(t: &Tracker, q: &Query) -> (u64, u64, u64, u64) {
    use lienthong::analysis::copies::CopyBuilder;
    let scope = t.scope(q).unwrap();
    let mut b = CopyBuilder::with_event_owners(t.store());
    let (mut all, mut roots, mut arrived, mut waiting) = (0, 0, 0, 0);
    for (d, r) in scope.documents() {
        let copies = b.build(&scope, d, r.clone()).to_vec();
        let owners = b.event_copies();
        assert_eq!(owners.len(), r.len(), "every event belongs to a copy");
        let mut per_copy = vec![0u32; copies.len()];
        for &c in owners {
            per_copy[c.index()] += 1;
        }
        assert_eq!(per_copy, copies.iter().map(|c| c.events).collect::<Vec<_>>(), "copies partition the events");
        all += copies.len() as u64;
        roots += copies.iter().filter(|c| c.parent.is_none()).count() as u64;
        arrived += copies.iter().filter(|c| c.arrived_at.is_some()).count() as u64;
        waiting += copies.iter().filter(|c| c.arrived_at.is_none()).count() as u64;
    }
    (all, roots, arrived, waiting)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_event_lost_or_counted_twice(log in log_strategy(), cuts in proptest::collection::vec(0usize..100, 0..4)) {
        let t = load(&log, &cuts);
        let q = Query::default();
        let s = t.summary(&q).unwrap();
        let docs_with_events: HashSet<usize> = log.events.iter().map(|e| e.0).collect();
        prop_assert_eq!(s.events as usize, log.events.len());
        prop_assert_eq!(s.documents as usize, docs_with_events.len());
        prop_assert_eq!(s.open + s.closed, s.documents);
        let arcs = t.directly_follows(DfgKey::Unit, &q).unwrap();
        prop_assert_eq!(arcs.iter().map(|a| a.count).sum::<u64>() as usize, log.events.len() - docs_with_events.len());
        for key in [DfgKey::Action, DfgKey::Level] {
            let n: u64 = t.directly_follows(key, &q).unwrap().iter().map(|a| a.count).sum();
            prop_assert_eq!(n as usize, log.events.len() - docs_with_events.len());
        }
        // Each document's events are sorted by time.
        let ev = &t.store().events;
        for d in lienthong::store::DocIx::all(t.store().documents.len()) {
            let r = ev.of_doc(d);
            prop_assert!(ev.at[r].windows(2).all(|w| w[0] <= w[1]));
        }
        // Copies partition the events; pairs within copies = events − copies with events.
        let (copies, _, _, _) = copy_counts(&t, &q);
        let with_events = {
            let scope = t.scope(&q).unwrap();
            let mut b = lienthong::analysis::copies::CopyBuilder::with_event_owners(t.store());
            scope.documents().map(|(d, r)| b.build(&scope, d, r).iter().filter(|c| c.events > 0).count() as u64).sum::<u64>()
        };
        prop_assert!(with_events <= copies);
        let pairs: u64 = t.directly_follows_by(DfgKey::Unit, DfgCase::Copy, &q).unwrap().iter().map(|a| a.count).sum();
        prop_assert_eq!(pairs, log.events.len() as u64 - with_events);
        // Timeline adds up, in received copies.
        let tl = t.timeline(Bucket::Day, &q).unwrap();
        prop_assert_eq!(tl.iter().map(|p| p.arrivals).sum::<u64>(), s.copies);
        prop_assert_eq!(tl.iter().map(|p| p.completions).sum::<u64>(), s.copies - s.copies_open);
        if let Some(last) = tl.last() {
            prop_assert_eq!(last.backlog, s.copies_open);
            prop_assert_eq!(last.overdue, s.copies_overdue);
        }
    }

    /// Live updates: every event in a call of its own, in a shuffled order, so that most calls
    /// append to a document that others were stored after (it moves to the end of the columns,
    /// garbage builds up and is compacted). Each document ends with the same events, in the
    /// same order, as one load gives.
    #[test]
    fn one_event_per_call_in_any_order(log in log_strategy(), seed in any::<u64>()) {
        let whole = load(&log, &[]);
        let mut t = load(&Log { events: Vec::new(), ..log.clone() }, &[]);
        let recs = records(&log);
        let mut order: Vec<usize> = (0..recs.len()).collect();
        let mut x = seed | 1;
        for i in (1..order.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            order.swap(i, (x % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            prop_assert_eq!(t.add_events([recs[i]]).accepted, 1);
        }
        let rows = |t: &Tracker| -> Vec<Vec<(i64, u32, u32)>> {
            let ev = &t.store().events;
            lienthong::store::DocIx::all(t.store().documents.len())
                .map(|d| ev.of_doc(d).map(|i| (ev.at[i], ev.unit[i].index() as u32, ev.action[i].index() as u32)).collect())
                .collect()
        };
        prop_assert_eq!(rows(&t), rows(&whole));
        prop_assert_eq!(t.store().events.len(), log.events.len());
        let q = Query::default();
        prop_assert_eq!(whole.summary(&q).unwrap(), t.summary(&q).unwrap());
        prop_assert_eq!(whole.directly_follows(DfgKey::Unit, &q).unwrap(), t.directly_follows(DfgKey::Unit, &q).unwrap());
        // Sending them all again adds nothing: duplicates are found in moved documents too.
        let again = t.add_events(recs.iter().copied());
        prop_assert_eq!((again.accepted, again.duplicates.len()), (0, recs.len()));
    }

    #[test]
    fn load_order_does_not_matter(log in log_strategy(), cuts in proptest::collection::vec(0usize..100, 1..4)) {
        let whole = load(&log, &[]);
        let split = load(&log, &cuts);
        let q = Query::default();
        prop_assert_eq!(whole.summary(&q).unwrap(), split.summary(&q).unwrap());
        prop_assert_eq!(whole.directly_follows(DfgKey::Unit, &q).unwrap(), split.directly_follows(DfgKey::Unit, &q).unwrap());
        prop_assert_eq!(
            whole.processing_times(GroupBy::Unit, &q).unwrap(),
            split.processing_times(GroupBy::Unit, &q).unwrap()
        );
        prop_assert_eq!(whole.bottlenecks(5, &q).unwrap(), split.bottlenecks(5, &q).unwrap());
    }

    #[test]
    fn handover_counts_add_up(log in log_strategy()) {
        let t = load(&log, &[]);
        let q = Query::default();
        let f = t.flow(&q).unwrap();
        let edge_sum: u64 = f.graph.edge_weights().map(|e| e.count).sum();
        prop_assert_eq!(edge_sum, f.handovers);
        prop_assert_eq!(f.level_matrix.iter().flatten().sum::<u64>(), f.handovers);
        prop_assert_eq!(f.directions.iter().map(|d| d.count).sum::<u64>(), f.handovers);
        let waiting: u64 = f.graph.edge_weights().map(|e| e.in_transit).sum();
        prop_assert_eq!(t.processing_times(GroupBy::Edge, &q).unwrap().overall.count, f.handovers - waiting);
        // Each copy is a root or the end of a handover; a visit is a copy its unit acted on.
        let (copies, roots, arrived, not_arrived) = copy_counts(&t, &q);
        prop_assert_eq!(copies, roots + f.handovers);
        prop_assert_eq!(not_arrived, waiting);
        let visits: u64 = f.graph.node_weights().map(|n| n.visits).sum();
        prop_assert_eq!(visits, arrived);
        prop_assert_eq!(t.processing_times(GroupBy::Unit, &q).unwrap().overall.count, visits);
        prop_assert_eq!(t.processing_times(GroupBy::Copy, &q).unwrap().overall.count, visits);
        for e in f.graph.edge_indices() {
            let (a, b) = f.graph.edge_endpoints(e).unwrap();
            prop_assert!(a != b, "handovers join different units");
        }
        // Waiting + handling = sojourn of the visits that split.
        for g in t.processing_times(GroupBy::Unit, &q).unwrap().groups {
            prop_assert!(g.working.sum_ms <= g.calendar.sum_ms);
            if let Some(s) = g.split.as_deref() {
                prop_assert!(s.waiting.sum_ms + s.handling.sum_ms <= g.calendar.sum_ms);
                prop_assert!(s.waiting.min_ms >= 0 && s.handling.min_ms >= 0);
            }
        }
    }

    #[test]
    fn filters_commute_with_aggregation(log in log_strategy()) {
        let t = load(&log, &[]);
        let all = Query::default();
        let s = t.summary(&all).unwrap();
        // Documents partition by type and by urgency.
        let by_type: u64 = TYPES.iter().map(|ty| t.summary(&Query { types: vec![ty.to_string()], ..Default::default() }).unwrap().documents).sum();
        prop_assert_eq!(by_type, s.documents);
        let urgencies = [lienthong::model::Urgency::Normal, lienthong::model::Urgency::Urgent, lienthong::model::Urgency::Flash];
        let mut arcs: BTreeMap<(String, String), u64> = BTreeMap::new();
        for u in urgencies {
            let q = Query { urgency: vec![u], ..Default::default() };
            for a in t.directly_follows(DfgKey::Unit, &q).unwrap() {
                *arcs.entry((a.from, a.to)).or_default() += a.count;
            }
        }
        let whole: BTreeMap<(String, String), u64> =
            t.directly_follows(DfgKey::Unit, &all).unwrap().into_iter().map(|a| ((a.from, a.to), a.count)).collect();
        prop_assert_eq!(arcs, whole);
        // Unit figures under a level filter are the unfiltered figures of that level's units.
        let unfiltered = t.processing_times(GroupBy::Unit, &all).unwrap();
        for level in Level::ALL {
            let q = Query { levels: vec![level], ..Default::default() };
            let filtered = t.processing_times(GroupBy::Unit, &q).unwrap();
            let expected: Vec<_> = unfiltered.groups.iter().filter(|g| g.level == Some(level)).cloned().collect();
            prop_assert_eq!(filtered.groups, expected);
        }
        // Overdue lists partition by urgency too.
        let o = t.overdue(&Default::default(), &all).unwrap();
        let n: usize = urgencies.iter().map(|&u| t.overdue(&Default::default(), &Query { urgency: vec![u], ..Default::default() }).unwrap().overdue.len()).sum();
        prop_assert_eq!(n, o.overdue.len());
        prop_assert_eq!(o.overdue.len() as u64, s.copies_overdue);
        prop_assert_eq!(o.late.len() as u64, s.copies_late);
        // A document is overdue (late) when one of its copies is.
        let docs = |v: &[lienthong::analysis::OverdueEntry]| v.iter().map(|e| e.id.clone()).collect::<HashSet<_>>().len() as u64;
        prop_assert_eq!(docs(&o.overdue), s.overdue);
        prop_assert_eq!(docs(&o.late), s.late);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// No text, however malformed, makes the time or duration readers panic; what they accept
    /// stays within the supported range.
    #[test]
    fn time_readers_never_panic(text in "\\PC{0,40}", digits in "[0-9:/T +-.Zzdhmsw]{0,30}") {
        for t in [text.as_str(), digits.as_str()] {
            if let Ok(at) = lienthong::model::parse_instant(t, lienthong::model::TimeZone::VIETNAM) {
                prop_assert!(at.abs() <= lienthong::model::time::MAX_INSTANT + 14 * 3_600_000);
            }
            let _ = lienthong::model::DurationSpec::parse(t);
            let _ = lienthong::model::Level::parse(t);
            let _ = lienthong::model::Urgency::parse(t);
        }
    }

}

proptest! {
    // Each case builds timelines of up to 20 000 buckets: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Events at extreme instants of the accepted range (years 1900–2199) load and every
    /// analysis answers without panicking.
    #[test]
    fn extreme_instants(ms in proptest::collection::vec(lienthong::model::time::EARLIEST_INSTANT..=lienthong::model::time::LATEST_INSTANT, 1..6)) {
        let mut t = Tracker::new(TrackerOptions::default());
        let recs: Vec<EventRecord<'_>> = ms.iter().enumerate().map(|(i, &m)| EventRecord {
            doc: if i % 2 == 0 { "a" } else { "b" }, unit: "U", action: ACTIONS[i % 8], at: TimeValue::Millis(m),
            to: Targets::None, due: None, actor: None, note: None, channel: None,
        }).collect();
        prop_assert_eq!(t.add_events(recs).accepted, ms.len());
        let q = Query::default();
        t.summary(&q).unwrap();
        t.flow(&q).unwrap();
        t.bottlenecks(3, &q).unwrap();
        t.overdue(&Default::default(), &q).unwrap();
        for b in [Bucket::Day, Bucket::Week, Bucket::Month] {
            prop_assert!(t.timeline(b, &q).unwrap().len() as i64 <= lienthong::analysis::timeline::MAX_BUCKETS);
        }
    }
}

proptest! {
    // Each case generates a province: fewer, larger cases.
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The same invariants on provinces from the generator, any seed, size and structure.
    #[test]
    fn invariants_on_generated_provinces(seed in any::<u64>(), events in 100usize..4000, structure in 0usize..3) {
        use lienthong::generator::{GeneratedLog, GeneratorOptions, Structure};
        let structure = [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform][structure];
        let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(seed), events, structure, ..Default::default() });
        let mut t = Tracker::new(TrackerOptions::default());
        let r = log.load_into(&mut t);
        prop_assert!(r.rejected.is_empty() && r.duplicates.is_empty());
        let q = Query::default();
        let s = t.summary(&q).unwrap();
        prop_assert_eq!(s.events as usize, log.event_count());
        prop_assert_eq!(s.open + s.closed, s.documents);
        let arcs: u64 = t.directly_follows(DfgKey::Unit, &q).unwrap().iter().map(|a| a.count).sum();
        prop_assert_eq!(arcs, s.events - s.documents);
        let f = t.flow(&q).unwrap();
        prop_assert_eq!(f.graph.edge_weights().map(|e| e.count).sum::<u64>(), f.handovers);
        prop_assert_eq!(f.level_matrix.iter().flatten().sum::<u64>(), f.handovers);
        let (copies, roots, arrived, not_arrived) = copy_counts(&t, &q);
        prop_assert_eq!(copies, roots + f.handovers);
        prop_assert_eq!(f.graph.node_weights().map(|n| n.visits).sum::<u64>(), arrived);
        prop_assert_eq!(f.graph.node_weights().map(|n| n.incoming).sum::<u64>(), not_arrived);
        // Held + on their way = open, in received copies.
        prop_assert_eq!(f.graph.node_weights().map(|n| n.wip).sum::<u64>() + s.copies_in_transit, s.copies_open);
        // Document counts partition by urgency; unit figures split by level.
        let urgencies = lienthong::model::Urgency::ALL;
        let by_urgency: u64 = urgencies.iter().map(|&u| t.summary(&Query { urgency: vec![u], ..Default::default() }).unwrap().documents).sum();
        prop_assert_eq!(by_urgency, s.documents);
        let visits: u64 = Level::ALL
            .iter()
            .map(|&l| t.processing_times(GroupBy::Unit, &Query { levels: vec![l], ..Default::default() }).unwrap().overall.count)
            .sum();
        prop_assert_eq!(visits, arrived);
        if matches!(structure, Structure::ThreeLevel) {
            prop_assert_eq!(f.level_matrix[2].iter().sum::<u64>() + f.level_matrix.iter().map(|r| r[2]).sum::<u64>(), 0);
        }
    }
}
