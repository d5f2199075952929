//! A small hand-built log whose figures are computed by hand in `tests/hand_computed.rs`.
#![allow(dead_code)]

use lienthong::ingest::{DocumentRecord, EventRecord, TimeValue, UnitRecord};
use lienthong::{Tracker, TrackerOptions};

/// 2026-03-02T08:00+07:00, a Monday.
pub const T: i64 = 1_772_413_200_000;
pub const H: i64 = 3_600_000;

pub fn unit<'a>(id: &'a str, name: &'a str, level: &'a str, parent: Option<&'a str>) -> UnitRecord<'a> {
    UnitRecord { id, name: Some(name), level: Some(level), parent, ..Default::default() }
}

pub fn doc<'a>(id: &'a str, ty: &'a str, urgency: &'a str, due_h: Option<i64>) -> DocumentRecord<'a> {
    DocumentRecord {
        id,
        doc_type: Some(ty),
        urgency: Some(urgency),
        due: due_h.map(|h| TimeValue::Millis(T + h * H)),
        ..Default::default()
    }
}

pub fn ev<'a>(doc: &'a str, unit: &'a str, action: &'a str, hours: i64, to: Option<&'a str>) -> EventRecord<'a> {
    EventRecord { to: to.into(), ..EventRecord::new(doc, unit, action, TimeValue::Millis(T + hours * H)) }
}

/// Units: C (central), P (province), S (department under P), D (district under P),
/// X (commune under D), Y (commune directly under P, as after the 2025 reform).
pub fn units() -> Vec<UnitRecord<'static>> {
    vec![
        unit("C", "Bộ Nội vụ", "central", None),
        unit("P", "UBND tỉnh", "province", None),
        unit("S", "Sở Tài chính", "province", Some("P")),
        unit("D", "UBND huyện", "district", Some("P")),
        unit("X", "UBND xã X", "commune", Some("D")),
        unit("Y", "UBND xã Y", "commune", Some("P")),
    ]
}

pub fn documents() -> Vec<DocumentRecord<'static>> {
    vec![
        doc("d1", "công văn", "urgent", Some(48)),
        doc("d2", "báo cáo", "normal", Some(24)),
        doc("d3", "công văn", "normal", Some(20)),
        doc("d4", "tờ trình", "flash", Some(42)),
        doc("d5", "giấy mời", "normal", None),
    ]
}

/// 32 events, hours after `T`.
pub fn events() -> Vec<EventRecord<'static>> {
    vec![
        // d1: directive down C → P → D → X, closed on time.
        ev("d1", "C", "sent", 0, Some("P")),
        ev("d1", "P", "arrived", 1, None),
        ev("d1", "P", "accepted", 2, None),
        ev("d1", "P", "assigned", 4, None),
        ev("d1", "P", "processing", 5, None),
        ev("d1", "P", "sent", 6, Some("D")),
        ev("d1", "D", "arrived", 6, None),
        ev("d1", "D", "accepted", 8, None),
        ev("d1", "D", "sent", 10, Some("X")),
        ev("d1", "X", "arrived", 14, None),
        ev("d1", "X", "completed", 30, None),
        // d2: report up X → D, returned to X, back to D; closed late.
        ev("d2", "X", "arrived", 0, None),
        ev("d2", "X", "processing", 2, None),
        ev("d2", "X", "sent", 3, Some("D")),
        ev("d2", "D", "arrived", 3, None),
        ev("d2", "D", "sent", 4, Some("X")),
        ev("d2", "X", "arrived", 4, None),
        ev("d2", "X", "sent", 5, Some("D")),
        ev("d2", "D", "arrived", 6, None),
        ev("d2", "D", "completed", 40, None),
        // d3: open at S, overdue. Two events at the same time (kept in input order).
        ev("d3", "P", "arrived", 10, None),
        ev("d3", "P", "accepted", 10, None),
        ev("d3", "P", "sent", 12, Some("S")),
        ev("d3", "S", "arrived", 13, None),
        ev("d3", "S", "assigned", 20, None),
        // d4: open, in transit to P, due soon.
        ev("d4", "Y", "arrived", 20, None),
        ev("d4", "Y", "processing", 21, None),
        ev("d4", "Y", "sent", 22, Some("P")),
        // d5: action self-loop processing → processing, no due time.
        ev("d5", "S", "arrived", 1, None),
        ev("d5", "S", "processing", 2, None),
        ev("d5", "S", "processing", 3, None),
        ev("d5", "S", "completed", 4, None),
    ]
}

pub fn tracker() -> Tracker {
    let mut t = Tracker::new(TrackerOptions::default());
    assert_eq!(t.add_units(units()).accepted, 6);
    assert_eq!(t.add_documents(documents()).accepted, 5);
    let r = t.add_events(events());
    assert_eq!((r.accepted, r.rejected.len(), r.duplicates.len()), (32, 0, 0));
    t
}
