//! `assume_closed` (tracker option; JS `assumeClosed`, CLI `--assume-closed`) on a small
//! hand-built historical log, every figure derived by hand in the comments
//! (`docs/SEMANTICS.md`, "Copies and chains").
//!
//! `T` is Monday 2026-03-02T08:00+07:00; times are whole hours after `T`. Units: P (province),
//! A and B (communes under P). No event is a terminal action except B's `completed`.
//! - d1, due 10: P sent 0 → [A, B]; A arrived 1, A processing 2 (A's last event); B arrived 3,
//!   B completed 5.
//! - d2, a chain (no `to`), due 7: A arrived 0, A processing 4, P arrived 6, P processing 8.
//! - d3, due 21: P sent 20 → A; A never records anything.
//!
//! Latest event 20, the default as-of.

use lienthong::analysis::{GroupBy, OverdueOptions};
use lienthong::ingest::{DocumentRecord, EventRecord, Targets, TimeValue, UnitRecord};
use lienthong::{Query, Tracker, TrackerOptions};

const T: i64 = 1_772_413_200_000;
const H: i64 = 3_600_000;

fn at(h: i64) -> i64 {
    T + h * H
}

static AB: [&str; 2] = ["A", "B"];

fn tracker(assume_closed: bool) -> Tracker {
    let mut t = Tracker::new(TrackerOptions { assume_closed, ..Default::default() });
    let unit = |id, level, parent| UnitRecord { id, level: Some(level), parent, ..Default::default() };
    t.add_units([unit("P", "province", None), unit("A", "commune", Some("P")), unit("B", "commune", Some("P"))]);
    let doc = |id, h| DocumentRecord { id, due: Some(TimeValue::Millis(at(h))), ..Default::default() };
    t.add_documents([doc("d1", 10), doc("d2", 7), doc("d3", 21)]);
    let ev = |d, u, a, h| EventRecord::new(d, u, a, TimeValue::Millis(at(h)));
    let r = t.add_events([
        EventRecord { to: Targets::Many(&AB), ..ev("d1", "P", "sent", 0) },
        ev("d1", "A", "arrived", 1),
        ev("d1", "A", "processing", 2),
        ev("d1", "B", "arrived", 3),
        ev("d1", "B", "completed", 5),
        ev("d2", "A", "arrived", 0),
        ev("d2", "A", "processing", 4),
        ev("d2", "P", "arrived", 6),
        ev("d2", "P", "processing", 8),
        EventRecord { to: Targets::One("A"), ..ev("d3", "P", "sent", 20) },
    ]);
    assert_eq!(r.accepted, 10);
    t
}

/// Lead times of the documents, in hours, by document id.
fn lead_hours(t: &Tracker, q: &Query) -> Vec<(String, f64)> {
    let p = t.processing_times(GroupBy::Document, q).unwrap();
    let mut v: Vec<(String, f64)> =
        p.groups.iter().map(|g| (g.key.clone(), g.calendar.max_ms as f64 / H as f64)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn without_it_the_end_of_the_log_is_open() {
    let t = tracker(false);
    let s = t.summary(&Query::default()).unwrap();
    // d1: A holds its copy (due 10, as-of 20: overdue); d2: P holds the chain (due 7: overdue);
    // d3: in transit to A (due 21: not yet). Nothing closed; lead times run to as-of (20).
    assert_eq!((s.documents, s.open, s.closed, s.late, s.overdue, s.in_transit), (3, 3, 0, 0, 2, 1));
    assert_eq!(lead_hours(&t, &Query::default()), [("d1".into(), 20.0), ("d2".into(), 20.0), ("d3".into(), 0.0)]);
}

#[test]
fn closes_every_copy_at_its_last_event() {
    let t = tracker(true);
    let s = t.summary(&Query::default()).unwrap();
    // d1: A's copy closes at 2 (on time, due 10), B's completed at 5: d1 closed, lead 5 h.
    // d2: P's visit closes at 8, after its due 7: late by 1 h; lead 8 h.
    // d3: A's copy, never arrived, closes at its last event, the `sent` at 20 (due 21: on
    // time); lead 0.
    assert_eq!((s.documents, s.open, s.closed, s.late, s.overdue, s.in_transit), (3, 0, 3, 1, 0, 0));
    assert_eq!((s.copies_open, s.copies_late, s.copies_overdue), (0, 1, 0));
    assert_eq!(lead_hours(&t, &Query::default()), [("d1".into(), 5.0), ("d2".into(), 8.0), ("d3".into(), 0.0)]);
    assert_eq!((s.lead_time.median_ms, s.lead_time.max_ms), (5.0 * H as f64, 8 * H));
    let o = t.overdue(&OverdueOptions::default(), &Query::default()).unwrap();
    assert!(o.overdue.is_empty() && o.due_soon.is_empty());
    let late: Vec<(&str, &str, i64)> =
        o.late.iter().map(|e| (e.id.as_str(), e.unit.as_str(), e.lateness.calendar_ms)).collect();
    assert_eq!(late, [("d2", "P", H)]);
    // A unit's backlog at the end of the log is empty.
    let f = t.flow(&Query::default()).unwrap();
    assert!(f.graph.node_weights().all(|n| n.wip == 0), "{:?}", f.graph.node_weights().collect::<Vec<_>>());
}

#[test]
fn a_copy_with_later_events_stays_open_at_an_earlier_as_of() {
    let t = tracker(true);
    // As of 4: d1's events up to 4 are P sent 0, A arrived 1, A processing 2, B arrived 3.
    // A records nothing later: its copy closes at 2. B completes at 5, after as-of: B still
    // holds it. d2 (a chain) moves on to P at 6, after as-of: A holds it, open. d3 is not
    // seen yet.
    let q = Query { as_of: Some(at(4)), ..Default::default() };
    let s = t.summary(&q).unwrap();
    assert_eq!((s.documents, s.open, s.closed, s.copies_open), (2, 2, 0, 2));
    assert_eq!(lead_hours(&t, &q), [("d1".into(), 4.0), ("d2".into(), 4.0)]);
    // Without it, A's copy of d1 is open as well.
    assert_eq!(tracker(false).summary(&q).unwrap().copies_open, 3);
}

#[test]
fn terminal_actions_of_a_process_mining_log() {
    // A log whose last activities are not the edXML ones: `terminal_actions` names them.
    let mut t = Tracker::new(TrackerOptions { terminal_actions: vec!["Close case".into()], ..Default::default() });
    let ev = |a, h| EventRecord::new("c1", "U", a, TimeValue::Millis(at(h)));
    t.add_events([
        ev("Register", 0),
        ev("Close case", 3),
        EventRecord::new("c2", "U", "Register", TimeValue::Millis(at(5))),
    ]);
    let s = t.summary(&Query::default()).unwrap();
    assert_eq!((s.closed, s.open), (1, 1));
}
