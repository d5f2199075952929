//! Tests of the deterministic generator (SPEC §7).

use lienthong::calendar::office::{local_day, local_instant};
use lienthong::calendar::vietnam::Schedule;
use lienthong::calendar::{VietnamCalendar, WorkingTime};
use lienthong::generator::{
    in_office_hours, is_working_day, GeneratedLog, GeneratorOptions, Problem, Structure, REFORM_DATE,
};
use lienthong::ingest::TimeValue;
use lienthong::model::time::days_from_civil;
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
        // Fan-out directives hold about half the events of a default log in a tenth of its
        // documents, so a log holds fewer documents per event than chain logs did: 80k events
        // give the edge the traffic that 50k gave then.
        ..opts(11, 80_000)
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
    let log = GeneratedLog::generate(&opts(9, 5_000));
    let text = String::from_utf8(csv(&log)).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("doc,unit,action,at,to,actor,due,channel"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), log.event_count());
    let (mut lists, mut dues) = (0, 0);
    for (row, e) in rows.iter().zip(log.event_records()) {
        let f: Vec<&str> = row.split(',').collect();
        assert_eq!(f.len(), 8);
        assert_eq!(f[7], e.channel.unwrap_or(""));
        assert_eq!((f[0], f[1], f[2]), (e.doc, e.unit, e.action));
        assert!(f[3].ends_with("+07:00"));
        let parsed = lienthong::model::parse_instant(f[3], lienthong::model::TimeZone::VIETNAM).unwrap();
        assert_eq!(parsed, millis(e.at));
        assert_eq!(f[4], e.to.ids().collect::<Vec<_>>().join(";"));
        lists += (e.to.count() > 1) as usize;
        match e.due {
            Some(due) => {
                dues += 1;
                assert_eq!(e.action, "sent");
                let parsed = lienthong::model::parse_instant(f[6], lienthong::model::TimeZone::VIETNAM).unwrap();
                assert_eq!(parsed, millis(due));
            }
            None => assert_eq!(f[6], ""),
        }
    }
    assert!(lists > 0 && dues > 0, "{lists} lists, {dues} dues");
}

#[test]
fn open_share_is_respected() {
    for (share, events) in [(0.1, 20_000), (0.25, 5_000), (0.0, 5_000)] {
        let log = GeneratedLog::generate(&GeneratorOptions { open_share: share, ..opts(4, events) });
        let mut last: HashMap<&str, (&str, i64)> = HashMap::new();
        for e in log.event_records() {
            last.insert(e.doc, (e.action, millis(e.at)));
        }
        // Open by the copy rules: a document is open while one of its copies is.
        let copies = recount_copies(&log);
        let open = copies.open_docs.len();
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

/// Copies recounted from the events by the rules of SPEC §2 (a `sent` opens a copy at each
/// target that holds none; an event at a unit without an open copy opens a root copy; a copy
/// closes at its terminal action or its own `sent`; `recalled` at the sender is no visit).
struct Copies {
    open_docs: HashSet<String>,
    open_copies: usize,
    overdue_copies: usize,
    /// (doc, target) of copies opened by a `sent` that never saw an event of the target.
    in_transit: Vec<(String, String)>,
}

fn recount_copies(log: &GeneratedLog) -> Copies {
    let doc_due: HashMap<&str, i64> = log.document_records().map(|d| (d.id, millis(d.due.unwrap()))).collect();
    let terminal = ["completed", "rejected", "recall-accepted"];
    let mut out = Copies { open_docs: HashSet::new(), open_copies: 0, overdue_copies: 0, in_transit: Vec::new() };
    // (unit, due, open, seen an event)
    let mut copies: Vec<(&str, i64, bool, bool)> = Vec::new();
    let mut doc: Option<&str> = None;
    let finish = |doc: &str, copies: &mut Vec<(&str, i64, bool, bool)>, out: &mut Copies| {
        for &(unit, due, open, seen) in copies.iter() {
            if open {
                out.open_docs.insert(doc.to_string());
                out.open_copies += 1;
                if due < log.truth.as_of {
                    out.overdue_copies += 1;
                }
                if !seen {
                    out.in_transit.push((doc.to_string(), unit.to_string()));
                }
            }
        }
        copies.clear();
    };
    for e in log.event_records() {
        if doc != Some(e.doc) {
            if let Some(d) = doc {
                finish(d, &mut copies, &mut out);
            }
            doc = Some(e.doc);
        }
        if e.action == "recalled" {
            continue;
        }
        let k = match copies.iter().position(|c| c.0 == e.unit && c.2) {
            Some(k) => k,
            None => {
                copies.push((e.unit, doc_due[e.doc], true, true));
                copies.len() - 1
            }
        };
        copies[k].3 = true;
        if terminal.contains(&e.action) || e.action == "sent" {
            copies[k].2 = false;
        }
        if e.action == "sent" {
            for t in e.to.ids() {
                if !copies.iter().any(|c| c.0 == t && c.2) {
                    copies.push((t, e.due.map_or(doc_due[e.doc], millis), true, false));
                }
            }
        }
    }
    if let Some(d) = doc {
        finish(d, &mut copies, &mut out);
    }
    out
}

fn levels_of(log: &GeneratedLog) -> HashMap<String, Level> {
    log.unit_records().map(|u| (u.id.to_string(), Level::parse(u.level.unwrap()).unwrap())).collect()
}

#[test]
fn fan_outs_name_every_district_or_commune_and_every_target_acts() {
    for structure in [Structure::FourLevel, Structure::ThreeLevel] {
        let log = GeneratedLog::generate(&GeneratorOptions { structure, fan_out: 0.5, ..opts(21, 30_000) });
        let levels = levels_of(&log);
        let lower = if structure == Structure::FourLevel { Level::District } else { Level::Commune };
        let all_lower: HashSet<&str> = levels.iter().filter(|(_, l)| **l == lower).map(|(id, _)| id.as_str()).collect();
        let all_departments: HashSet<&str> = levels
            .iter()
            .filter(|(id, l)| **l == Level::Province && log.unit_records().any(|u| u.id == *id && u.parent.is_some()))
            .map(|(id, _)| id.as_str())
            .collect();
        let events: Vec<_> = log.event_records().collect();
        let (mut to_all_lower, mut from_central_to_departments, mut from_district) = (0, 0, 0);
        let (mut targets, mut missing) = (0, 0);
        let copies = recount_copies(&log);
        for (i, e) in events.iter().enumerate() {
            if e.action != "sent" {
                continue;
            }
            let to: HashSet<&str> = e.to.ids().collect();
            assert_eq!(to.len(), e.to.count(), "a list names a unit twice: {e:?}");
            if to == all_lower {
                to_all_lower += 1;
                assert!(matches!(levels[e.unit], Level::Province));
            }
            if to.len() >= 2 && levels[e.unit] == Level::Central {
                assert!(to.is_subset(&all_departments), "{e:?}");
                from_central_to_departments += 1;
            }
            if to.len() >= 2 && levels[e.unit] == Level::District {
                from_district += 1;
                assert!(to.iter().all(|t| levels[*t] == Level::Commune));
            }
            // Every target has an event of its own later in the document, unless the
            // document was cut while the copy was in transit (then the document is open).
            for t in e.to.ids() {
                targets += 1;
                let later = events[i + 1..].iter().take_while(|x| x.doc == e.doc).any(|x| x.unit == t);
                if !later {
                    missing += 1;
                    assert!(copies.open_docs.contains(e.doc), "{t} never acts on closed {}", e.doc);
                    assert!(copies.in_transit.iter().any(|(d, u)| d == e.doc && u == t));
                }
            }
        }
        assert!(to_all_lower >= 10, "{structure:?}: {to_all_lower} sends to every {lower:?}");
        assert!(from_central_to_departments >= 10, "{structure:?}: {from_central_to_departments}");
        if structure == Structure::FourLevel {
            assert!(from_district >= 10, "districts forward to their communes: {from_district}");
        }
        assert!(missing * 50 < targets, "{missing} of {targets} targets never act");
        assert!(log.truth.fan_out_documents >= 50, "{:?}", log.truth.fan_out_documents);
    }
}

#[test]
fn handovers_and_copies_in_the_truth_match_a_recount() {
    for structure in [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform] {
        for fan_out in [0.0, 0.3, 0.9] {
            let log = GeneratedLog::generate(&GeneratorOptions {
                structure,
                fan_out,
                problems: vec![Problem::FlakyEdge { from: None, to: None, probability: 0.3, delay_hours: 8.0 }],
                ..opts(31, 20_000)
            });
            let mut pairs: HashMap<(String, String), usize> = HashMap::new();
            let (mut opened, mut recalls) = (0, 0);
            let mut fan_docs: HashSet<&str> = HashSet::new();
            let mut flaky = 0;
            let (from, to) = &log.truth.flaky_edges[0];
            for e in log.event_records() {
                if e.action == "sent" {
                    for t in e.to.ids() {
                        *pairs.entry((e.unit.to_string(), t.to_string())).or_default() += 1;
                        opened += 1;
                        flaky += (e.unit == from && t == to) as usize;
                    }
                    if e.to.count() >= 2 {
                        fan_docs.insert(e.doc);
                    }
                }
                recalls += (e.action == "recalled") as usize;
            }
            let mut pairs: Vec<(String, String, usize)> = pairs.into_iter().map(|((a, b), n)| (a, b, n)).collect();
            pairs.sort();
            let t = &log.truth;
            assert_eq!(t.handovers, pairs, "{structure:?} {fan_out}");
            assert_eq!(t.copies_opened_by_sent, opened);
            assert_eq!(t.fan_out_documents, fan_docs.len());
            assert_eq!(t.recalls, recalls);
            assert_eq!(t.flaky_sends, vec![flaky]);
            let copies = recount_copies(&log);
            assert_eq!(t.open_documents, copies.open_docs.len(), "{structure:?} {fan_out}");
            assert_eq!(t.open_copies, copies.open_copies, "{structure:?} {fan_out}");
            assert_eq!(t.overdue_copies, copies.overdue_copies, "{structure:?} {fan_out}");
            assert!(t.overdue_copies > 0 && t.open_copies >= t.open_documents);
            if fan_out > 0.0 {
                assert!(t.fan_out_documents > 0 && t.copies_opened_by_sent > t.handovers.len());
            }
        }
    }
}

#[test]
fn no_unit_sends_to_itself_and_no_commune_to_another() {
    for structure in [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform] {
        let log = GeneratedLog::generate(&GeneratorOptions { structure, fan_out: 0.6, ..opts(41, 30_000) });
        let levels = levels_of(&log);
        let successor: HashMap<&str, &str> = log.unit_records().filter_map(|u| Some((u.id, u.successor?))).collect();
        let mut handed_over = 0;
        for e in log.event_records() {
            if e.action != "sent" {
                continue;
            }
            for t in e.to.ids() {
                assert_ne!(t, e.unit, "{e:?}");
                if levels[e.unit] == Level::Commune && levels[t] == Level::Commune {
                    // Only an abolished commune handing its copy to its successor.
                    assert_eq!(successor.get(e.unit), Some(&t), "{e:?}");
                    handed_over += 1;
                }
            }
        }
        assert!(structure == Structure::Reform || handed_over == 0);
    }
}

#[test]
fn recalls_name_one_target_that_received_the_document() {
    let log = GeneratedLog::generate(&GeneratorOptions { fan_out: 0.6, ..opts(51, 60_000) });
    let events: Vec<_> = log.event_records().collect();
    let (mut recalls, mut of_fan_out) = (0, 0);
    for (i, e) in events.iter().enumerate() {
        if e.action != "recalled" {
            continue;
        }
        recalls += 1;
        assert_eq!(e.to.count(), 1, "{e:?}");
        let target = e.to.id(0);
        let before: Vec<_> = events[..i].iter().rev().take_while(|x| x.doc == e.doc).collect();
        let sent = before
            .iter()
            .find(|x| x.action == "sent" && x.unit == e.unit && x.to.ids().any(|t| t == target))
            .unwrap_or_else(|| panic!("recall of a target never sent to: {e:?}"));
        of_fan_out += (sent.to.count() > 1) as usize;
        assert!(before.iter().any(|x| x.unit == target && x.action == "arrived"), "{e:?}");
        let answer = events[i + 1..]
            .iter()
            .take_while(|x| x.doc == e.doc)
            .find(|x| x.unit == target && x.action.starts_with("recall-"));
        assert!(answer.is_some() || log.truth.open_documents > 0, "{e:?}");
    }
    assert_eq!(recalls, log.truth.recalls);
    assert!(of_fan_out >= 3 && of_fan_out < recalls, "{of_fan_out} of {recalls} recalls from a list");
}

#[test]
fn no_fan_out_gives_single_target_logs() {
    for structure in [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform] {
        let log = GeneratedLog::generate(&GeneratorOptions { structure, fan_out: 0.0, ..opts(61, 20_000) });
        let mut sends = 0;
        for e in log.event_records() {
            assert!(e.due.is_none());
            if e.action == "sent" {
                sends += 1;
                assert_eq!(e.to.count(), 1, "{e:?}");
                assert!(matches!(e.to, lienthong::ingest::Targets::One(_)));
            }
        }
        assert!(sends > 1_000);
        assert_eq!(log.truth.fan_out_documents, 0);
        assert_eq!(log.truth.copies_opened_by_sent, sends);
    }
}

#[test]
fn event_count_is_met_with_many_fan_outs() {
    for target in [1_000usize, 10_000, 200_000] {
        for structure in [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform] {
            for seed in 0..3 {
                let log = GeneratedLog::generate(&GeneratorOptions { structure, fan_out: 0.9, ..opts(seed, target) });
                let n = log.event_count();
                assert!(
                    (n as f64 - target as f64).abs() <= 0.1 * target as f64,
                    "target {target} seed {seed} {structure:?}: got {n}"
                );
                if target >= 10_000 {
                    assert!(log.truth.fan_out_documents * 10 > log.document_count() / 10, "{structure:?}");
                }
            }
        }
    }
}

#[test]
fn reform_fan_outs_follow_the_cut_over() {
    // Several seeds: a fan-out whose sending falls in the last office minutes before the
    // cut-over is rare (one in a few logs of this size).
    for seed in 0..32 {
        fan_outs_follow_the_cut_over(seed);
    }
}

fn fan_outs_follow_the_cut_over(seed: u64) {
    let log =
        GeneratedLog::generate(&GeneratorOptions { structure: Structure::Reform, fan_out: 0.5, ..opts(seed, 40_000) });
    let units: HashMap<&str, _> = log.unit_records().map(|u| (u.id, u)).collect();
    let new_communes: HashSet<&str> =
        units.values().filter(|u| u.valid_from.map(millis) == Some(REFORM_DATE)).map(|u| u.id).collect();
    assert!(!new_communes.is_empty());
    let (mut before, mut after) = (0, 0);
    for e in log.event_records() {
        let at = millis(e.at);
        let u = &units[e.unit];
        assert!(u.valid_to.is_none_or(|v| at < millis(v)), "seed {seed}: {e:?} after validTo");
        assert!(u.valid_from.is_none_or(|v| at >= millis(v)), "seed {seed}: {e:?} before validFrom");
        if e.action != "sent" || e.to.count() < 2 {
            continue;
        }
        let lower: Vec<&str> = e.to.ids().filter(|t| units[t].level != Some("province")).collect();
        if lower.is_empty() {
            continue;
        }
        if at >= REFORM_DATE {
            after += 1;
            assert!(lower.iter().all(|t| new_communes.contains(t)), "seed {seed}: {e:?}");
            assert_eq!(lower.len(), new_communes.len(), "a fan-out after the cut-over names every new commune");
        } else {
            before += 1;
            assert!(lower.iter().all(|t| !new_communes.contains(t)), "seed {seed}: {e:?}");
        }
    }
    assert!(before >= 10 && after >= 10, "seed {seed}: {before} fan-outs down before the cut-over, {after} after");
}

/// Local (UTC+7) day number and milliseconds after local midnight of an instant.
fn local(at: i64) -> (i64, i64) {
    (local_day(at), (at + 7 * 3_600_000).rem_euclid(86_400_000))
}

/// Every event in office hours on a working day of the library's calendar, every due at the end
/// of office hours on a working day, on logs of every structure, a few seeds and two spans (the
/// default one, across Tết 2025 and, for the reform, Giỗ Tổ and 30/4–2/5; and one across the
/// new year and Tết 2026).
#[test]
fn events_and_dues_follow_the_real_calendar() {
    let cal = VietnamCalendar::shared();
    let close = WorkingTime::office_end_ms(&*cal);
    for start in [GeneratorOptions::default().start, local_instant(2025, 12, 15, 7 * 3_600_000 + 30 * 60_000)] {
        for structure in [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform] {
            for seed in 0..3 {
                let log = GeneratedLog::generate(&GeneratorOptions { structure, start, ..opts(seed, 4_000) });
                let ctx = format!("start {start} {structure:?} seed {seed}");
                for e in log.event_records() {
                    let at = millis(e.at);
                    assert!(cal.is_working_day(local_day(at)), "{ctx}: {e:?} on a day off");
                    assert!(cal.in_office_hours(at) && in_office_hours(at), "{ctx}: {e:?} out of office hours");
                    if let Some(due) = e.due {
                        let (day, ms) = local(millis(due));
                        assert!(cal.is_working_day(day) && ms == close, "{ctx}: due of {e:?}");
                    }
                }
                for d in log.document_records() {
                    let (day, ms) = local(millis(d.due.unwrap()));
                    assert!(is_working_day(day) && ms == close, "{ctx}: due of {d:?}");
                }
            }
        }
    }
}

/// A log over January–February 2026: nothing happens during Tết Bính Ngọ (14–22 Feb 2026, the
/// announced days off 16–20 Feb with the weekends), work goes on on the make-up Saturday 10 Jan,
/// and deadlines skip Tết: every document's due is its type's and urgency's working days after
/// its first event on the real calendar, and some that a weekdays-only count would put inside
/// Tết land after it.
#[test]
fn a_log_across_tet_2026_skips_it() {
    let cal = VietnamCalendar::shared();
    let close = WorkingTime::office_end_ms(&*cal);
    let tet_off: Vec<i64> = (14..=22).map(|d| days_from_civil(2026, 2, d)).collect();
    let official = Schedule::official(2026).unwrap();
    for d in 16..=20 {
        assert!(official.days_off.contains(&(2026, 2, d)));
    }
    assert!(official.working_days.contains(&(2026, 1, 10)));
    let start = local_instant(2026, 1, 5, 7 * 3_600_000 + 30 * 60_000);
    let log = GeneratedLog::generate(&GeneratorOptions { start, days: 60, ..opts(2026, 30_000) });
    // Days off: none of Tết, nor 1–2 Jan (before the start anyway); the make-up Saturday is used.
    let mut per_day: HashMap<i64, usize> = HashMap::new();
    let mut first_event: HashMap<&str, i64> = HashMap::new();
    let mut sent_dues = 0;
    for e in log.event_records() {
        let at = millis(e.at);
        let (day, _) = local(at);
        *per_day.entry(day).or_default() += 1;
        first_event.entry(e.doc).or_insert(at);
        assert!(!tet_off.contains(&day), "{e:?} during Tết");
        assert!(cal.is_working_day(day) && in_office_hours(at), "{e:?}");
        if let Some(due) = e.due {
            sent_dues += 1;
            let (due_day, ms) = local(millis(due));
            assert!(cal.is_working_day(due_day) && ms == close && !tet_off.contains(&due_day), "due of {e:?}");
            assert!(due_day > day, "due of {e:?} not after its send");
        }
    }
    assert!(sent_dues > 0, "no `sent` with a due");
    assert!(per_day.get(&days_from_civil(2026, 1, 10)).copied().unwrap_or(0) > 0, "nothing on the make-up Saturday");
    assert!(per_day.get(&days_from_civil(2026, 2, 13)).copied().unwrap_or(0) > 0, "nothing just before Tết");
    assert!(per_day.get(&days_from_civil(2026, 2, 23)).copied().unwrap_or(0) > 0, "nothing just after Tết");
    let saturdays_and_sundays = per_day.keys().filter(|&&d| (d + 3).rem_euclid(7) >= 5).count();
    assert_eq!(saturdays_and_sundays, 1, "weekend days with events: only 10 Jan");

    // Working days to handle by type at normal urgency (Decree 30/2020 types, as generated),
    // capped by urgency.
    let type_days = |ty: &str| match ty {
        "giấy mời" => 3,
        "công điện" => 2,
        "tờ trình" => 5,
        "báo cáo" | "thông báo" => 7,
        "kế hoạch" | "hướng dẫn" => 15,
        _ => 10,
    };
    // The n-th Monday–Friday after a day, ignoring holidays.
    let weekdays_after = |day: i64, n: u32| {
        let (mut d, mut left) = (day, n);
        while left > 0 {
            d += 1;
            if (d + 3).rem_euclid(7) < 5 {
                left -= 1;
            }
        }
        d
    };
    let mut moved_past_tet = 0;
    for d in log.document_records() {
        let n = match d.urgency.unwrap() {
            "normal" => type_days(d.doc_type.unwrap()),
            "urgent" => type_days(d.doc_type.unwrap()).min(3),
            "very-urgent" => type_days(d.doc_type.unwrap()).min(2),
            "flash" => 1,
            other => panic!("urgency {other}"),
        };
        let created = first_event[d.id];
        let due = millis(d.due.unwrap());
        let (due_day, ms) = local(due);
        assert_eq!(due, cal.due_after_working_days(created, n), "{d:?}");
        assert!(cal.is_working_day(due_day) && ms == close && !tet_off.contains(&due_day), "{d:?}");
        // Exactly n working days after the first event's day, counted one by one.
        let working = (local_day(created) + 1..=due_day).filter(|&x| cal.is_working_day(x)).count();
        assert_eq!(working, n as usize, "{d:?}");
        let naive = weekdays_after(local_day(created), n);
        if tet_off.contains(&naive) {
            assert!(due_day > tet_off[tet_off.len() - 1], "{d:?}");
            moved_past_tet += 1;
        }
    }
    assert!(moved_past_tet > 0, "no due would have fallen in Tết");
}

/// The e-government figures of a generated log, counted from its records: (documents,
/// electronic, signed, paper documents signed) and handovers per channel (targets of `sent`
/// events), with per sender the paper handovers and all handovers.
struct Egov {
    documents: usize,
    electronic: usize,
    signed: usize,
    paper_signed: usize,
    handovers: HashMap<String, usize>,
    paper_sends: HashMap<String, usize>,
    sends: HashMap<String, usize>,
}

fn egov_counts(log: &GeneratedLog) -> Egov {
    let mut g = Egov {
        documents: 0,
        electronic: 0,
        signed: 0,
        paper_signed: 0,
        handovers: HashMap::new(),
        paper_sends: HashMap::new(),
        sends: HashMap::new(),
    };
    for d in log.document_records() {
        g.documents += 1;
        let format = d.format.expect("every generated document has a format");
        let signed = d.signed.expect("every generated document says whether it is signed");
        assert!(format == "electronic" || format == "paper", "{format}");
        g.electronic += (format == "electronic") as usize;
        g.signed += signed as usize;
        g.paper_signed += (format == "paper" && signed) as usize;
    }
    for e in log.event_records() {
        if e.action == "sent" {
            let ch = e.channel.expect("a generated sent has a channel");
            *g.handovers.entry(ch.to_string()).or_default() += e.to.count();
            *g.sends.entry(e.unit.to_string()).or_default() += 1;
            if ch == "paper" {
                *g.paper_sends.entry(e.unit.to_string()).or_default() += 1;
            }
        }
    }
    g
}

#[test]
fn egov_fields_are_deterministic_and_only_on_handovers() {
    let o = GeneratorOptions { problems: vec![Problem::PaperUnit { unit: None }], ..opts(21, 8_000) };
    let (a, b) = (GeneratedLog::generate(&o), GeneratedLog::generate(&o));
    let docs =
        |l: &GeneratedLog| l.document_records().map(|d| (d.signed, d.format.map(String::from))).collect::<Vec<_>>();
    let chans = |l: &GeneratedLog| l.event_records().map(|e| e.channel.map(String::from)).collect::<Vec<_>>();
    assert_eq!(docs(&a), docs(&b));
    assert_eq!(chans(&a), chans(&b));
    assert_eq!(a.truth, b.truth);
    assert_eq!(csv(&a), csv(&b));
    let c = GeneratedLog::generate(&GeneratorOptions { seed: Some(22), ..o.clone() });
    assert_ne!(docs(&a), docs(&c));
    // A channel on every `sent` and `arrived`, on nothing else; an arrival's is its send's.
    let mut sent_channel: HashMap<(String, String), Vec<&str>> = HashMap::new();
    for e in a.event_records() {
        match e.action {
            "sent" => {
                let ch = e.channel.unwrap();
                assert!(["axis", "province", "paper"].contains(&ch), "{ch}");
                for t in e.to.ids() {
                    sent_channel.entry((e.doc.to_string(), t.to_string())).or_default().push(ch);
                }
            }
            "arrived" => {
                let ch = e.channel.expect("an arrival has a channel");
                let sends = &sent_channel[&(e.doc.to_string(), e.unit.to_string())];
                assert!(sends.contains(&ch), "{} at {}: {ch} not in {sends:?}", e.doc, e.unit);
            }
            other => assert_eq!(e.channel, None, "{other}"),
        }
    }
}

#[test]
fn egov_mix_is_realistic_and_axis_carries_central_traffic() {
    for (seed, structure) in [(31, Structure::FourLevel), (32, Structure::ThreeLevel), (33, Structure::Reform)] {
        let log = GeneratedLog::generate(&GeneratorOptions { structure, ..opts(seed, 20_000) });
        let g = egov_counts(&log);
        let electronic = g.electronic as f64 / g.documents as f64;
        let signed = g.signed as f64 / g.electronic as f64;
        let total: usize = g.handovers.values().sum();
        let share = |ch: &str| *g.handovers.get(ch).unwrap_or(&0) as f64 / total as f64;
        eprintln!(
            "seed {seed} {structure:?}: electronic {electronic:.3}, signed {signed:.3} of electronic, handovers \
             axis {:.3} province {:.3} paper {:.3}",
            share("axis"),
            share("province"),
            share("paper")
        );
        assert!((0.8..=0.98).contains(&electronic), "electronic share {electronic}");
        assert!((0.8..=0.97).contains(&signed), "signed share {signed}");
        assert_eq!(g.paper_signed, 0, "a paper document is never signed");
        assert!((0.02..=0.25).contains(&share("axis")), "axis share {}", share("axis"));
        assert!((0.6..=0.95).contains(&share("province")), "province share {}", share("province"));
        assert!((0.02..=0.2).contains(&share("paper")), "paper share {}", share("paper"));
        // Handovers with central units go over the axis (unless the document is on paper);
        // handovers within the province never do.
        let levels = levels_of(&log);
        let paper_docs: HashSet<&str> =
            log.document_records().filter(|d| d.format == Some("paper")).map(|d| d.id).collect();
        for e in log.event_records().filter(|e| e.action == "sent") {
            let central = levels[e.unit] == Level::Central || e.to.ids().any(|t| levels[t] == Level::Central);
            let ch = e.channel.unwrap();
            if paper_docs.contains(e.doc) {
                assert_eq!(ch, "paper");
            } else if central {
                assert_eq!(ch, "axis", "{} {} -> {:?}", e.doc, e.unit, e.to.ids().collect::<Vec<_>>());
            } else {
                assert_eq!(ch, "province", "{} {} -> {:?}", e.doc, e.unit, e.to.ids().collect::<Vec<_>>());
            }
        }
        // Communes issue more on paper than the province's departments, and some of them much
        // of their work.
        let mut issued: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut by_level: HashMap<Level, (usize, usize)> = HashMap::new();
        for d in log.document_records() {
            let paper = (d.format == Some("paper")) as usize;
            let e = issued.entry(d.issuer.unwrap()).or_default();
            e.0 += 1;
            e.1 += paper;
            let e = by_level.entry(levels[d.issuer.unwrap()]).or_default();
            e.0 += 1;
            e.1 += paper;
        }
        let share = |l: Level| by_level[&l].1 as f64 / by_level[&l].0 as f64;
        assert!(share(Level::Commune) > 1.5 * share(Level::Province), "{by_level:?}");
        let paper_communes = issued
            .iter()
            .filter(|(u, (n, p))| levels[**u] == Level::Commune && *n >= 5 && *p as f64 / *n as f64 >= 0.4)
            .count();
        assert!(paper_communes >= 1, "seed {seed}: no commune mostly on paper");
    }
}

#[test]
fn paper_unit_sends_on_paper_and_is_named() {
    for (seed, structure) in [(41, Structure::FourLevel), (42, Structure::ThreeLevel), (43, Structure::Reform)] {
        let log = GeneratedLog::generate(&GeneratorOptions {
            structure,
            problems: vec![Problem::PaperUnit { unit: None }],
            ..opts(seed, 20_000)
        });
        assert_eq!(log.truth.paper_units.len(), 1);
        let unit = &log.truth.paper_units[0];
        let g = egov_counts(&log);
        let sends = g.sends[unit.as_str()];
        assert!(sends >= 20, "seed {seed} {structure:?}: {unit} sends only {sends}");
        assert_eq!(g.paper_sends[unit.as_str()], sends, "every send of {unit} is on paper");
        assert_eq!(log.truth.paper_unit_sends, vec![sends]);
        let most = g.paper_sends.iter().max_by_key(|(u, n)| (**n, std::cmp::Reverse(u.as_str()))).unwrap();
        assert_eq!(most.0, unit, "seed {seed} {structure:?}: most paper sends at {most:?}, not {unit}");
        // Its own documents are (nearly) all paper and unsigned.
        let own: Vec<_> = log.document_records().filter(|d| d.issuer == Some(unit.as_str())).collect();
        let paper = own.iter().filter(|d| d.format == Some("paper") && d.signed == Some(false)).count();
        assert!(paper as f64 >= 0.9 * own.len() as f64, "{paper} of {} on paper", own.len());
    }
    // Named: that unit; unknown: skipped.
    let log = GeneratedLog::generate(&GeneratorOptions {
        problems: vec![
            Problem::PaperUnit { unit: Some("000.00.02.H41".into()) },
            Problem::PaperUnit { unit: Some("no-such-unit".into()) },
        ],
        ..opts(44, 5_000)
    });
    assert_eq!(log.truth.paper_units, vec!["000.00.02.H41".to_string()]);
}

#[test]
fn egov_truth_counts_match_the_records() {
    for (seed, fan_out, problems) in [
        (51, 0.3, vec![Problem::PaperUnit { unit: None }]),
        (52, 0.0, vec![]),
        (53, 0.8, vec![Problem::PaperUnit { unit: None }, Problem::SlowUnit { unit: None, factor: 3.0 }]),
    ] {
        let log = GeneratedLog::generate(&GeneratorOptions { fan_out, problems, ..opts(seed, 12_000) });
        let g = egov_counts(&log);
        let t = &log.truth;
        let h = |ch: &str| *g.handovers.get(ch).unwrap_or(&0);
        assert_eq!(t.documents, g.documents);
        assert_eq!(t.electronic_documents, g.electronic);
        assert_eq!(t.signed_documents, g.signed);
        assert_eq!(t.axis_handovers, h("axis"));
        assert_eq!(t.province_handovers, h("province"));
        assert_eq!(t.paper_handovers, h("paper"));
        assert_eq!(t.axis_handovers + t.province_handovers + t.paper_handovers, t.copies_opened_by_sent);
        let json = serde_json::to_value(t).unwrap();
        assert_eq!(json["paperUnits"], serde_json::json!(t.paper_units));
        assert_eq!(json["electronicDocuments"], serde_json::json!(g.electronic));
        assert_eq!(json["paperHandovers"], serde_json::json!(h("paper")));
    }
}

/// Every column of the store, ids as text, and the id tables in their order: two stores with
/// the same dump hold the same data under the same ids.
fn store_dump(t: &Tracker) -> Vec<String> {
    use lienthong::store::{ActionId, DocIx, Id, TextId, UnitIx};
    let s = t.store();
    let e = &s.events;
    let mut out = Vec::new();
    out.extend((0..s.units.len()).map(|u| format!("unit {}", s.units.id(UnitIx::from_index(u)))));
    out.extend((0..s.actions.len()).map(|a| format!("action {}", s.actions.resolve(ActionId::from_raw(a as u32)))));
    out.extend((0..s.texts.len()).map(|x| format!("text {}", s.texts.resolve(TextId::from_raw(x as u32)))));
    for d in 0..s.documents.len() {
        let doc = DocIx::from_index(d);
        for i in e.of_doc(doc) {
            let targets: Vec<&str> = e.sends.units(&e.to[i]).iter().map(|&u| s.units.id(u)).collect();
            out.push(format!(
                "{} {} {:?} {} {targets:?} {:?} {:?} {:?} {:?}",
                s.documents.id(doc),
                s.units.id(e.unit[i]),
                e.action[i],
                e.at[i],
                e.sends.due(e.to[i]),
                e.actor[i],
                e.note[i],
                e.channel[i],
            ));
        }
    }
    out
}

#[test]
fn load_into_gives_the_store_and_report_of_the_records() {
    // Fan-outs, recalls, a reform (units valid from/to: warnings), every problem kind; into an
    // empty tracker and into one that already holds another province (ids shifted, some shared).
    for (seed, structure) in [(3, Structure::FourLevel), (5, Structure::Reform), (8, Structure::ThreeLevel)] {
        let mut o = opts(seed, 30_000);
        o.structure = structure;
        o.problems = vec![
            Problem::SlowUnit { unit: None, factor: 3.0 },
            Problem::FlakyEdge { from: None, to: None, probability: 0.3, delay_hours: 6.0 },
        ];
        let log = GeneratedLog::generate(&o);
        let other = GeneratedLog::generate(&opts(seed + 100, 2_000));
        for preload in [false, true] {
            let fresh = || {
                let mut t = Tracker::new(TrackerOptions::default());
                if preload {
                    other.load_into(&mut t);
                }
                t
            };
            let mut fast = fresh();
            let fast_report = log.load_into(&mut fast);
            let mut slow = fresh();
            let mut slow_report = slow.add_units(log.unit_records());
            slow_report.merge(slow.add_documents(log.document_records()));
            slow_report.merge(slow.add_events(log.event_records()));
            assert_eq!(format!("{fast_report:?}"), format!("{slow_report:?}"), "seed {seed} preload {preload}");
            assert!(fast_report.accepted > 25_000);
            assert_eq!(store_dump(&fast), store_dump(&slow), "seed {seed} preload {preload}");
        }
    }
}
