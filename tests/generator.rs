//! Tests of the deterministic generator (SPEC §7).

use lienthong::generator::{in_office_hours, GeneratedLog, GeneratorOptions, Problem, Structure, REFORM_DATE};
use lienthong::ingest::TimeValue;
use lienthong::model::Level;
use lienthong::{Tracker, TrackerOptions};
use std::collections::{HashMap, HashSet};

fn opts(seed: u64, events: usize) -> GeneratorOptions {
    GeneratorOptions { seed: Some(seed), events, ..GeneratorOptions::default() }
}

fn csv(log: &GeneratedLog) -> Vec<u8> {
    let mut out = Vec::new();
    log.write_csv(&mut out).unwrap();
    out
}

fn millis(v: TimeValue<'_>) -> i64 {
    match v {
        TimeValue::Millis(ms) => ms,
        other => panic!("expected millis, got {other:?}"),
    }
}

#[test]
fn same_seed_same_log_and_different_seeds_differ() {
    let mut o = opts(42, 5_000);
    o.problems = vec![
        Problem::SlowUnit { unit: None, factor: 3.0 },
        Problem::FlakyEdge { from: None, to: None, probability: 0.3, delay_hours: 6.0 },
    ];
    let a = GeneratedLog::generate(&o);
    let b = GeneratedLog::generate(&o);
    assert_eq!(a.seed, 42);
    assert_eq!(csv(&a), csv(&b));
    assert_eq!(a.truth, b.truth);
    assert!(a.document_records().eq(b.document_records()));
    let c = GeneratedLog::generate(&GeneratorOptions { seed: Some(43), ..o.clone() });
    assert_ne!(csv(&a), csv(&c));
}

#[test]
fn random_seed_is_reported_and_reproduces() {
    let a = GeneratedLog::generate(&GeneratorOptions { seed: None, events: 300, ..GeneratorOptions::default() });
    let b = GeneratedLog::generate(&opts(a.seed, 300));
    assert_eq!(csv(&a), csv(&b));
}

#[test]
fn event_count_is_within_ten_percent() {
    for target in [100usize, 1_000, 10_000, 200_000] {
        for seed in 0..if target <= 1_000 { 20 } else { 2 } {
            for structure in [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform] {
                let log = GeneratedLog::generate(&GeneratorOptions { structure, ..opts(seed, target) });
                let n = log.event_count();
                assert!(
                    (n as f64 - target as f64).abs() <= 0.1 * target as f64,
                    "target {target} seed {seed} {structure:?}: got {n}"
                );
                assert_eq!(log.event_records().len(), n);
            }
        }
    }
}

#[test]
fn tracker_accepts_everything() {
    for structure in [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform] {
        let log = GeneratedLog::generate(&GeneratorOptions {
            structure,
            problems: vec![
                Problem::SlowUnit { unit: None, factor: 4.0 },
                Problem::FlakyEdge { from: None, to: None, probability: 0.5, delay_hours: 8.0 },
            ],
            ..opts(7, 20_000)
        });
        let mut t = Tracker::new(TrackerOptions::default());
        let units = t.add_units(log.unit_records());
        assert!(units.rejected.is_empty(), "{:?}", units.rejected);
        assert!(units.created_units.is_empty(), "{:?}", units.created_units);
        assert_eq!(units.accepted, log.unit_count());
        let docs = t.add_documents(log.document_records());
        assert!(docs.rejected.is_empty() && docs.created_units.is_empty());
        assert_eq!(docs.accepted, log.document_count());
        let events = t.add_events(log.event_records());
        assert!(events.rejected.is_empty(), "{:?}", &events.rejected[..events.rejected.len().min(3)]);
        assert!(events.duplicates.is_empty());
        assert!(events.created_units.is_empty(), "{:?}", events.created_units);
        assert!(events.created_documents.is_empty());
        assert_eq!(events.accepted, log.event_count());
        assert_eq!(t.store().events.len(), log.event_count());

        let mut again = Tracker::new(TrackerOptions::default());
        let merged = log.load_into(&mut again);
        assert!(merged.rejected.is_empty() && merged.duplicates.is_empty() && merged.created_units.is_empty());
        assert_eq!(merged.accepted, log.unit_count() + log.document_count() + log.event_count());
    }
}

#[test]
fn documents_are_well_formed() {
    for structure in [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform] {
        let log = GeneratedLog::generate(&GeneratorOptions { structure, ..opts(3, 30_000) });
        let levels: HashMap<&str, Level> =
            log.unit_records().map(|u| (u.id, Level::parse(u.level.unwrap()).unwrap())).collect();
        let validity: HashMap<&str, (Option<i64>, Option<i64>)> =
            log.unit_records().map(|u| (u.id, (u.valid_from.map(millis), u.valid_to.map(millis)))).collect();
        let docs: Vec<_> = log.document_records().collect();
        let ids: HashSet<&str> = docs.iter().map(|d| d.id).collect();
        assert_eq!(ids.len(), docs.len());
        for d in &docs {
            assert!(d.number.unwrap().contains('/'));
            assert!(millis(d.due.unwrap()) > 0);
            assert!(levels.contains_key(d.issuer.unwrap()));
        }
        let mut prev: Option<(&str, i64)> = None;
        let mut seen_docs: Vec<&str> = Vec::new();
        let mut sends = 0;
        for e in log.event_records() {
            let at = millis(e.at);
            assert!(in_office_hours(at), "{e:?}");
            match prev {
                Some((doc, t)) if doc == e.doc => assert!(t <= at, "time goes back in {doc}"),
                _ => {
                    assert!(!seen_docs.contains(&e.doc) || seen_docs.last() == Some(&e.doc));
                    seen_docs.push(e.doc);
                }
            }
            prev = Some((e.doc, at));
            if e.action == "sent" {
                sends += 1;
                let to = e.to.ids().next().expect("sent without to");
                assert!(levels.contains_key(to) && to != e.unit);
            }
            let level = levels[e.unit];
            match structure {
                Structure::ThreeLevel => assert_ne!(level, Level::District),
                Structure::Reform if level == Level::District => assert!(at < REFORM_DATE, "{e:?}"),
                _ => {}
            }
            let (from, to) = validity[e.unit];
            assert!(from.is_none_or(|f| at >= f) && to.is_none_or(|t| at < t), "{e:?} outside validity");
        }
        assert_eq!(seen_docs.len(), log.document_count());
        assert!(sends > 0);
        let unit_levels: HashSet<Level> = levels.values().copied().collect();
        match structure {
            Structure::ThreeLevel => assert!(!unit_levels.contains(&Level::District)),
            _ => assert_eq!(unit_levels.len(), 4),
        }
        // Open documents exist, and some are overdue.
        assert!(log.truth.open_documents > 0 && log.truth.open_documents < log.document_count() / 4);
        assert!(log.truth.overdue_documents > 0);
        assert_eq!(log.truth.documents, log.document_count());
    }
}

#[test]
fn reform_units_are_dissolved_and_merged() {
    let log = GeneratedLog::generate(&GeneratorOptions { structure: Structure::Reform, ..opts(5, 20_000) });
    let units: Vec<_> = log.unit_records().collect();
    let by_id: HashMap<&str, _> = units.iter().map(|u| (u.id, u)).collect();
    let mut events_after_by_level = HashMap::new();
    for e in log.event_records() {
        if millis(e.at) >= REFORM_DATE {
            *events_after_by_level.entry(by_id[e.unit].level.unwrap()).or_insert(0) += 1;
        }
    }
    assert!(events_after_by_level.get("commune").copied().unwrap_or(0) > 0);
    assert!(!events_after_by_level.contains_key("district"));
    for u in &units {
        match u.level.unwrap() {
            "district" => {
                assert_eq!(u.valid_to.map(millis), Some(REFORM_DATE));
            }
            "commune" if u.valid_to.is_some() => {
                let s = by_id[u.successor.expect("old commune has a successor")];
                assert_eq!(s.valid_from.map(millis), Some(REFORM_DATE));
                assert_eq!(by_id[u.parent.unwrap()].level, Some("district"));
            }
            "commune" => assert_eq!(by_id[u.parent.unwrap()].level, Some("province")),
            _ => {}
        }
    }
}

/// Mean visit sojourn per unit (first to last event of a run of events at the unit).
fn mean_sojourn(log: &GeneratedLog) -> HashMap<String, f64> {
    let mut sum: HashMap<String, (f64, usize)> = HashMap::new();
    let mut run: Option<(&str, &str, i64, i64)> = None;
    let close = |r: Option<(&str, &str, i64, i64)>, sum: &mut HashMap<String, (f64, usize)>| {
        if let Some((_, unit, a, b)) = r {
            let s = sum.entry(unit.to_string()).or_default();
            s.0 += (b - a) as f64;
            s.1 += 1;
        }
    };
    for e in log.event_records() {
        let at = millis(e.at);
        match run {
            Some((doc, unit, a, _)) if doc == e.doc && unit == e.unit => run = Some((doc, unit, a, at)),
            _ => {
                close(run, &mut sum);
                run = Some((e.doc, e.unit, at, at));
            }
        }
    }
    close(run, &mut sum);
    sum.into_iter().filter(|(_, (_, n))| *n >= 30).map(|(u, (s, n))| (u, s / n as f64)).collect()
}

#[test]
fn injected_problems_are_real_and_named() {
    let log = GeneratedLog::generate(&GeneratorOptions {
        problems: vec![
            Problem::SlowUnit { unit: None, factor: 4.0 },
            Problem::FlakyEdge { from: None, to: None, probability: 0.4, delay_hours: 10.0 },
        ],
        ..opts(11, 50_000)
    });
    let t = &log.truth;
    assert_eq!(t.slow_units.len(), 1);
    assert_eq!(t.flaky_edges.len(), 1);
    let slow = &t.slow_units[0];
    assert_eq!(log.unit_level(slow), Some(Level::Province));
    assert!(t.slow_unit_events[0] > log.event_count() / 50, "{t:?}");
    // The slow unit has the longest mean visit among units with traffic.
    let sojourn = mean_sojourn(&log);
    let (worst, _) = sojourn.iter().max_by(|a, b| a.1.total_cmp(b.1)).unwrap();
    assert_eq!(worst, slow);
    // The flaky edge carries traffic, some arrivals on it were delayed, and its transit is slow.
    let (from, to) = &t.flaky_edges[0];
    assert!(log.unit_level(from).is_some() && log.unit_level(to).is_some());
    assert!(t.flaky_sends[0] >= 100, "{t:?}");
    assert!(t.flaky_delayed[0] > t.flaky_sends[0] / 5, "{t:?}");
    let mut transit: HashMap<(String, String), (i64, usize)> = HashMap::new();
    let mut last_sent: Option<(String, String, String, i64)> = None;
    for e in log.event_records() {
        if e.action == "sent" {
            last_sent =
                Some((e.doc.to_string(), e.unit.to_string(), e.to.ids().next().unwrap().to_string(), millis(e.at)));
        } else if e.action == "arrived" {
            if let Some((doc, a, b, at)) = last_sent.take() {
                if doc == e.doc && b == e.unit {
                    let s = transit.entry((a, b)).or_default();
                    s.0 += millis(e.at) - at;
                    s.1 += 1;
                }
            }
        }
    }
    let mean = |k: &(String, String)| transit[k].0 as f64 / transit[k].1 as f64;
    let flaky_key = (from.clone(), to.clone());
    for k in transit.keys().filter(|k| transit[*k].1 >= 30 && **k != flaky_key) {
        assert!(mean(&flaky_key) > 5.0 * mean(k), "{k:?}");
    }
}

#[test]
fn named_problems_are_used_and_unknown_ones_skipped() {
    let log = GeneratedLog::generate(&GeneratorOptions {
        problems: vec![
            Problem::SlowUnit { unit: Some("000.00.02.H41".into()), factor: 3.0 },
            Problem::SlowUnit { unit: Some("no-such-unit".into()), factor: 3.0 },
            Problem::FlakyEdge {
                from: Some("000.00.00.H41".into()),
                to: Some("000.00.01.H41".into()),
                probability: 1.0,
                delay_hours: 4.0,
            },
        ],
        ..opts(2, 5_000)
    });
    assert_eq!(log.truth.slow_units, vec!["000.00.02.H41".to_string()]);
    assert_eq!(log.truth.flaky_edges, vec![("000.00.00.H41".to_string(), "000.00.01.H41".to_string())]);
    assert!(log.truth.flaky_sends[0] > 0);
}

#[test]
fn csv_has_header_and_offsets() {
    let log = GeneratedLog::generate(&opts(9, 500));
    let text = String::from_utf8(csv(&log)).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("doc,unit,action,at,to,actor"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), log.event_count());
    for (row, e) in rows.iter().zip(log.event_records()) {
        let f: Vec<&str> = row.split(',').collect();
        assert_eq!(f.len(), 6);
        assert_eq!((f[0], f[1], f[2]), (e.doc, e.unit, e.action));
        assert!(f[3].ends_with("+07:00"));
        let parsed = lienthong::model::parse_instant(f[3], lienthong::model::TimeZone::VIETNAM).unwrap();
        assert_eq!(parsed, millis(e.at));
        assert_eq!(f[4], e.to.ids().collect::<Vec<_>>().join(";"));
    }
}

#[test]
fn open_share_is_respected() {
    for (share, events) in [(0.1, 20_000), (0.25, 5_000), (0.0, 5_000)] {
        let log = GeneratedLog::generate(&GeneratorOptions { open_share: share, ..opts(4, events) });
        let terminal = ["completed", "rejected", "recall-accepted"];
        let mut last: HashMap<&str, (&str, i64)> = HashMap::new();
        for e in log.event_records() {
            last.insert(e.doc, (e.action, millis(e.at)));
        }
        let open = last.values().filter(|(a, _)| !terminal.contains(a)).count();
        assert_eq!(open, log.truth.open_documents);
        let got = open as f64 / log.document_count() as f64;
        assert!((got - share).abs() <= 0.02, "share {share}: got {got}");
        if share == 0.0 {
            assert_eq!(last.values().map(|v| v.1).max(), Some(log.truth.as_of));
        }
        assert!(last.values().all(|v| v.1 <= log.truth.as_of));
        if share > 0.0 {
            assert!(log.truth.overdue_documents > 0);
        }
    }
}
