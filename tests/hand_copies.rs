//! The copy model on a small hand-built log: a fan-out to three communes (one never finishes), a
//! sender-side recall, a chain, a report going up with its own due on the `sent`, a commune
//! merged into another, and a copy still in transit. Every figure is derived by hand from
//! `../shared/SPEC.md` §2–3 and `docs/SEMANTICS.md` in the comments, then asserted exactly.
//!
//! `T` is Monday 2026-03-02T08:00+07:00; times are whole hours after `T`. Local midnights:
//! Tue 00:00 = 16, Wed 00:00 = 40, Thu 00:00 = 64, Fri 00:00 = 88. A date-only due means 17:00
//! that day: "2026-03-03" = 33, "2026-03-04" = 57, "2026-03-05" = 81, "2026-03-06" = 105,
//! "2026-03-10" = 184 + 17 = 201.
//!
//! Working time is the Vietnamese calendar's (2–6 and 9–10 March 2026 are working days; office
//! hours 07:30–11:30 and 13:30–17:00, 7.5 h a day). Hour h after `T` is local time 08:00 + h,
//! on day k = ⌊(h + 8) / 24⌋ (Monday 0) at t = (h + 8) mod 24; the working hours from `T` to
//! it are W(h) = 7.5 k + g(t) − 0.5, where g(t) = clamp(t, 7.5, 11.5) − 7.5 + clamp(t, 13.5,
//! 17) − 13.5 is the working time of a day before t (and g(8) = 0.5).
//!
//! Units: BNV (central ministry); P (UBND tỉnh); S (Sở, under P); D (district, under P); X
//! (commune under D); A, B, C (communes directly under P); M (commune under P, merged into A:
//! `validTo` = 16, `successor` A).
//!
//! The log (31 events; index in the one `add_events` call in brackets):
//! - d1 "chỉ thị", issuer P, due "2026-03-04" (57): P processing 0 [0], P sent 1 → [A, B, C] [1];
//!   A arrived 2 [2], B arrived 3 [3], C arrived 4 [4], C accepted 5 [5], B processing 26 [6],
//!   A completed 56 [7] (on the due day, before 17:00), B completed 60 [8] (late); C never
//!   finishes.
//! - d2 "công văn", issuer S, no due: S sent 6 → [D, X] [9], D arrived 7 [10], X arrived 8 [11],
//!   S recalled 9 → X [12], X recall-accepted 10 [13], D accepted 12 [14] (D holds it).
//! - d3 "tờ trình", a chain (no `to` anywhere), due "2026-03-03" (33): X arrived 26 [15],
//!   X processing 27 [16], X sent 29 (no to) [17], D arrived 31 [18], D completed 47 [19].
//! - d4 "báo cáo", issuer X, document due 30 (as millis): X processing 25 [20], X sent 27 → P
//!   with due "2026-03-05" (81) [21], P arrived 28 [22], P processing 30 [23] (P holds it).
//! - d5 "kế hoạch", issuer P, no document due: P sent 2 → [A, M] with due "2026-03-10" (201)
//!   [24], M arrived 3 [25], A arrived 4 [26], M processing 5 [27], M processing 20 [28] (after
//!   M's validTo: warning), A completed 30 [29]. M still holds its copy.
//! - d6 "công điện", due "2026-03-06" (105): BNV sent 96 → P [30]; P never records anything.
//!
//! Latest event: 96, the default as-of.
//!
//! Copies (roll-up on: M counts as A). `opened` is the `sent` to it (or its first event),
//! sojourn = last − first event (as-of − first while held), transit = first own event − sent:
//! - d1: P root (issuer's outgoing, 0–1, handed on at 1, sojourn 1); A opened 1, 2–56 closed,
//!   due 57, sojourn 54, transit 1; B opened 1, 3–60 closed, sojourn 57, transit 2 (processing
//!   26: waiting 23, handling 34); C opened 1, 4–… held, sojourn 92, transit 3.
//! - d2: S root (outgoing: first event a `sent`), handed on at 6, sojourn 0; D opened 6, 7–12
//!   held, sojourn 89, transit 1, no due; X opened 6, events X arrived 8, S recalled 9 (belongs
//!   to X's copy), X recall-accepted 10: closed at 10, sojourn 2, transit 2, no due.
//! - d3 (chain): X visit 26–29 handed on, not judged, sojourn 3 (processing 27: waiting 1,
//!   handling 2); D visit opened 31 (its first event), 31–47 closed, judged, due 33 → 14 h late,
//!   sojourn 16, transit 29 → 31 = 2.
//! - d4: X root (declared issuer: outgoing) 25–27 handed on, sojourn 2 (waiting 0, handling 2);
//!   P opened 27, due 81 (the sent's due, not the document's 30), 28–… held, sojourn 68,
//!   transit 1 (processing 30: waiting 2, handling 66).
//! - d5: P root (outgoing) sent 2, sojourn 0; A opened 2, due 201, 4–30 closed, sojourn 26,
//!   transit 2; M (→ A) opened 2, due 201, 3–… held, sojourn 93, transit 1 (processing 5:
//!   waiting 2, handling 91).
//! - d6: BNV root (outgoing) sent 96, sojourn 0; P opened 96, due 105, in transit.

use lienthong::analysis::{
    Bucket, DfgArc, DfgCase, DfgKey, GroupBy, OverdueEntry, OverdueOptions, ReportBy, ReportOptions,
};
use lienthong::ingest::{DocumentRecord, EventRecord, Targets, TimeValue, UnitRecord};
use lienthong::model::{Direction, Level};
use lienthong::{Query, Tracker, TrackerOptions};

/// 2026-03-02T08:00+07:00, a Monday.
const T: i64 = 1_772_413_200_000;
const H: i64 = 3_600_000;

fn at(h: i64) -> i64 {
    T + h * H
}

fn hf(h: f64) -> f64 {
    h * H as f64
}

static ABC: [&str; 3] = ["A", "B", "C"];
static DX: [&str; 2] = ["D", "X"];
static AM: [&str; 2] = ["A", "M"];

fn unit<'a>(id: &'a str, name: &'a str, level: &'a str, parent: Option<&'a str>) -> UnitRecord<'a> {
    UnitRecord { id, name: Some(name), level: Some(level), parent, ..Default::default() }
}

fn units() -> Vec<UnitRecord<'static>> {
    vec![
        unit("BNV", "Bộ Nội vụ", "central", None),
        unit("P", "UBND tỉnh", "province", None),
        unit("S", "Sở Tài chính", "province", Some("P")),
        unit("D", "UBND huyện", "district", Some("P")),
        unit("X", "UBND xã X", "commune", Some("D")),
        unit("A", "UBND xã A", "commune", Some("P")),
        unit("B", "UBND xã B", "commune", Some("P")),
        unit("C", "UBND xã C", "commune", Some("P")),
        UnitRecord {
            valid_to: Some(TimeValue::Millis(at(16))),
            successor: Some("A"),
            ..unit("M", "UBND xã M (đã sáp nhập vào A)", "commune", Some("P"))
        },
    ]
}

fn doc<'a>(id: &'a str, ty: &'a str, due: Option<TimeValue<'a>>, issuer: Option<&'a str>) -> DocumentRecord<'a> {
    DocumentRecord { id, doc_type: Some(ty), urgency: Some("normal"), due, issuer, ..Default::default() }
}

fn documents() -> Vec<DocumentRecord<'static>> {
    vec![
        doc("d1", "chỉ thị", Some(TimeValue::Text("2026-03-04")), Some("P")),
        doc("d2", "công văn", None, Some("S")),
        doc("d3", "tờ trình", Some(TimeValue::Text("2026-03-03")), None),
        doc("d4", "báo cáo", Some(TimeValue::Millis(at(30))), Some("X")),
        doc("d5", "kế hoạch", None, Some("P")),
        doc("d6", "công điện", Some(TimeValue::Text("2026-03-06")), None),
    ]
}

fn ev<'a>(d: &'a str, u: &'a str, action: &'a str, h: i64) -> EventRecord<'a> {
    EventRecord::new(d, u, action, TimeValue::Millis(at(h)))
}

fn events() -> Vec<EventRecord<'static>> {
    vec![
        // d1: fan-out P → A, B, C.
        ev("d1", "P", "processing", 0),
        EventRecord { to: Targets::Many(&ABC), ..ev("d1", "P", "sent", 1) },
        ev("d1", "A", "arrived", 2),
        ev("d1", "B", "arrived", 3),
        ev("d1", "C", "arrived", 4),
        ev("d1", "C", "accepted", 5),
        ev("d1", "B", "processing", 26),
        ev("d1", "A", "completed", 56),
        ev("d1", "B", "completed", 60),
        // d2: S → D, X; S recalls X's copy.
        EventRecord { to: Targets::Many(&DX), ..ev("d2", "S", "sent", 6) },
        ev("d2", "D", "arrived", 7),
        ev("d2", "X", "arrived", 8),
        EventRecord { to: Targets::One("X"), ..ev("d2", "S", "recalled", 9) },
        ev("d2", "X", "recall-accepted", 10),
        ev("d2", "D", "accepted", 12),
        // d3: a chain X → D.
        ev("d3", "X", "arrived", 26),
        ev("d3", "X", "processing", 27),
        ev("d3", "X", "sent", 29),
        ev("d3", "D", "arrived", 31),
        ev("d3", "D", "completed", 47),
        // d4: a report X → P with its own due on the sent.
        ev("d4", "X", "processing", 25),
        EventRecord { to: Targets::One("P"), due: Some(TimeValue::Text("2026-03-05")), ..ev("d4", "X", "sent", 27) },
        ev("d4", "P", "arrived", 28),
        ev("d4", "P", "processing", 30),
        // d5: P → A and M (merged into A at 16).
        EventRecord { to: Targets::Many(&AM), due: Some(TimeValue::Text("2026-03-10")), ..ev("d5", "P", "sent", 2) },
        ev("d5", "M", "arrived", 3),
        ev("d5", "A", "arrived", 4),
        ev("d5", "M", "processing", 5),
        ev("d5", "M", "processing", 20),
        ev("d5", "A", "completed", 30),
        // d6: BNV → P, still in transit.
        EventRecord { to: Targets::One("P"), ..ev("d6", "BNV", "sent", 96) },
    ]
}

fn tracker() -> Tracker {
    let mut t = Tracker::new(TrackerOptions::default());
    let u = t.add_units(units());
    assert_eq!((u.accepted, u.rejected.len(), u.created_units.len()), (9, 0, 0));
    let d = t.add_documents(documents());
    assert_eq!((d.accepted, d.rejected.len()), (6, 0));
    t.add_events(events());
    t
}

fn no_rollup() -> Query {
    Query { roll_up: false, ..Default::default() }
}

#[test]
fn ingest_accepts_everything_and_warns_about_the_merged_unit() {
    let mut t = Tracker::new(TrackerOptions::default());
    assert_eq!(t.add_units(units()).accepted, 9);
    assert_eq!(t.add_documents(documents()).accepted, 6);
    let r = t.add_events(events());
    // 31 events, none rejected or duplicated, no unit or document created on the fly.
    assert_eq!((r.accepted, r.rejected.len(), r.duplicates.len()), (31, 0, 0));
    assert!(r.created_units.is_empty() && r.created_documents.is_empty());
    // M's validTo is 16: its events at 3 and 5 are fine, "M processing" at 20 (index 28) is after
    // it: kept, and listed once.
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert_eq!((r.warnings[0].index, r.warnings[0].field.as_str()), (28, "unit"));
    assert!(r.warnings[0].message.contains("\"M\""), "{}", r.warnings[0].message);
}

#[test]
fn summary_counts_documents_and_copies() {
    let s = tracker().summary(&Query::default()).unwrap();
    // 9 units declared; under roll-up M stands for A: 8.
    assert_eq!((s.units, s.documents, s.events, s.as_of), (8, 6, 31, at(96)));
    // Open: d1 (C holds), d2 (D holds), d4 (P holds), d5 (M's copy, held), d6 (in transit).
    // Closed: d3. Late: d1 (B 60 > 57), d3 (D 47 > 33). Overdue at 96: d1 (C, due 57), d4 (P,
    // due 81; the document's own due 30 is not the copy's). In transit: d6 (nothing held).
    assert_eq!((s.open, s.closed, s.late, s.overdue, s.in_transit), (5, 1, 2, 2, 1));
    // Received copies: d1 A, B, C; d2 D, X; d3 X, D; d4 P; d5 A, M; d6 P = 11 (the roots at P,
    // S, X, P, BNV are outgoing). Open: C, D(d2), P(d4), M, P(d6) = 5; in transit: P(d6) = 1;
    // late: B, D(d3) = 2; overdue: C, P(d4) = 2.
    assert_eq!((s.copies, s.copies_open, s.copies_in_transit, s.copies_late, s.copies_overdue), (11, 5, 1, 2, 2));
    // Lead times (as-of 96 while open): d1 96 − 0 = 96, d2 96 − 6 = 90, d3 47 − 26 = 21,
    // d4 96 − 25 = 71, d5 96 − 2 = 94, d6 96 − 96 = 0. Sum 372, sorted [0,21,71,90,94,96].
    assert_eq!((s.lead_time.count, s.lead_time.sum_ms), (6, 372 * H));
    assert_eq!((s.lead_time.min_ms, s.lead_time.max_ms), (0, 96 * H));
    assert_eq!(s.lead_time.median_ms, hf(80.5));
    assert_eq!(s.lead_time.mean_ms, hf(62.0));
    // Working: d1 W(96) − W(0) = 30 (Mon 8.5 − 0.5 … Fri 08:00: 7 + 7.5 × 3 + 0.5); d2 W(96) −
    // W(6) = 26 (Mon 14:00 → Fri 08:00: 3 + 22.5 + 0.5); d3 W(47) − W(26) = 5 (Tue 10:00 → Wed
    // 07:00: 1.5 + 3.5); d4 W(96) − W(25) = 21.5 (Tue 09:00 → Fri 08:00: 6 + 15 + 0.5); d5
    // W(96) − W(2) = 28 (Mon 10:00 → Fri 08:00: 5 + 22.5 + 0.5); d6 0. Sum 110.5, sorted
    // [0, 5, 21.5, 26, 28, 30], median 23.75.
    let w = s.lead_time_working;
    assert_eq!((w.count, w.sum_ms, w.min_ms, w.max_ms), (6, 1105 * H / 10, 0, 30 * H));
    assert_eq!(w.median_ms, hf(23.75));
    assert!((w.mean_ms - hf(110.5 / 6.0)).abs() < 1e-3);
    assert_eq!((s.first_event, s.last_event), (Some(at(0)), Some(at(96))));
}

#[test]
fn flow_edges_level_matrix_and_nodes() {
    let f = tracker().flow(&Query::default()).unwrap();
    // Handovers = copies opened by a sent (or the chain's second visit): d1 P→A 1 h, P→B 2 h,
    // P→C 3 h; d2 S→D 1 h, S→X 2 h; d3 X→D 2 h; d4 X→P 1 h; d5 P→A 2 h, P→M(=A) 1 h; d6 BNV→P
    // in transit. 10 handovers on 8 edges.
    assert_eq!(f.handovers, 10);
    assert_eq!(f.graph.edge_count(), 8);
    let pa = f.edge("P", "A").unwrap();
    // P→A transits [1, 1, 2]: sum 4, mean 4/3, median 1.
    assert_eq!((pa.count, pa.in_transit, pa.transit.count, pa.transit.sum_ms), (3, 0, 3, 4 * H));
    assert_eq!((pa.transit.min_ms, pa.transit.max_ms, pa.transit.median_ms), (H, 2 * H, hf(1.0)));
    assert!((pa.transit.mean_ms - hf(4.0 / 3.0)).abs() < 1e-6);
    let one = |from: &str, to: &str, transit_h: i64| {
        let e = f.edge(from, to).unwrap_or_else(|| panic!("{from}→{to}"));
        assert_eq!((e.count, e.in_transit, e.transit.count), (1, 0, 1), "{from}→{to}");
        assert_eq!((e.transit.sum_ms, e.transit.mean_ms), (transit_h * H, hf(transit_h as f64)), "{from}→{to}");
    };
    one("P", "B", 2);
    one("P", "C", 3);
    one("S", "D", 1);
    one("S", "X", 2);
    one("X", "D", 2);
    one("X", "P", 1);
    let bp = f.edge("BNV", "P").unwrap();
    assert_eq!((bp.count, bp.in_transit, bp.transit.count, bp.transit.sum_ms), (1, 1, 0, 0));
    // A directive sent to three communes is three province → commune handovers, never a
    // commune → commune one; M is counted as A, so there is no P→M edge under roll-up.
    for (a, b) in [("A", "B"), ("B", "C"), ("A", "C"), ("B", "A"), ("C", "B"), ("C", "A")] {
        assert!(f.edge(a, b).is_none(), "{a}→{b}");
    }
    assert!(f.node("M").is_none() && f.edge("P", "M").is_none());
    assert_eq!(
        (f.edge("P", "A").unwrap().direction, f.edge("X", "P").unwrap().direction),
        (Direction::Down, Direction::Up)
    );
    // Level matrix (central 0, province 1, district 2, commune 3): BNV→P [0][1] 1; P→A 3, P→B,
    // P→C, S→X [1][3] 6; S→D [1][2] 1; X→D [3][2] 1; X→P [3][1] 1.
    let m = f.level_matrix;
    assert_eq!((m[0][1], m[1][3], m[1][2], m[3][2], m[3][1]), (1, 6, 1, 1, 1));
    assert_eq!(m.iter().flatten().sum::<u64>(), 10);
    assert_eq!(m[3][3] + m[1][1] + m[2][2], 0);
    // Down: BNV→P, P→A×3, P→B, P→C, S→X, S→D = 8; up: X→D, X→P = 2; same level: 0.
    assert_eq!((f.direction(Direction::Down), f.direction(Direction::Up), f.direction(Direction::Same)), (8, 2, 0));
    let node = |id: &str| f.graph[f.node(id).unwrap()].clone();
    // Visits = copies with an event of their own unit: P d1, d4, d5 (d6 not arrived) = 3;
    // A d1, d5, M's d5 = 3; X d2, d3, d4 = 3; D d2, d3 = 2; C 1; BNV 1.
    // WIP (received, held): P d4 (overdue: 96 > 81); A: M's d5 (due 201, not overdue);
    // C d1 (overdue); D d2 (no due). Incoming: P d6.
    let p = node("P");
    assert_eq!((p.visits, p.wip, p.overdue, p.incoming), (3, 1, 1, 1));
    let a = node("A");
    assert_eq!((a.visits, a.wip, a.overdue, a.incoming), (3, 1, 0, 0));
    let c = node("C");
    assert_eq!((c.visits, c.wip, c.overdue, c.incoming), (1, 1, 1, 0));
    let d = node("D");
    assert_eq!((d.visits, d.wip, d.overdue), (2, 1, 0));
    let x = node("X");
    assert_eq!((x.visits, x.wip), (3, 0));
    assert_eq!((node("B").wip, node("BNV").visits, node("BNV").wip), (0, 1, 0));
    // Nodes: the 8 units that stand for themselves.
    assert_eq!(f.graph.node_count(), 8);
}

fn arc<'a>(arcs: &'a [DfgArc], from: &str, to: &str) -> &'a DfgArc {
    arcs.iter().find(|a| a.from == from && a.to == to).unwrap_or_else(|| panic!("{from}→{to} in {arcs:?}"))
}

#[test]
fn directly_follows_by_document_and_by_copy() {
    let t = tracker();
    let q = |ty: &str| Query { types: vec![ty.into()], ..Default::default() };
    // d1 as one case, events in time order: P 0, P 1, A 2, B 3, C 4, C 5, B 26, A 56, B 60.
    // Pairs: P→P 1, P→A 1, A→B 1, B→C 1, C→C 1, C→B 21, B→A 30, A→B 4 — 8 pairs, 7 arcs.
    let doc = t.directly_follows(DfgKey::Unit, &q("chỉ thị")).unwrap();
    let keys: Vec<(&str, &str, u64)> = doc.iter().map(|a| (a.from.as_str(), a.to.as_str(), a.count)).collect();
    assert_eq!(
        keys,
        [("A", "B", 2), ("B", "A", 1), ("B", "C", 1), ("C", "B", 1), ("C", "C", 1), ("P", "A", 1), ("P", "P", 1)]
    );
    let ab = arc(&doc, "A", "B");
    assert_eq!((ab.sum_ms, ab.min_ms, ab.max_ms, ab.mean_ms, ab.median_ms), (5 * H, H, 4 * H, hf(2.5), hf(2.5)));
    assert_eq!((arc(&doc, "C", "B").sum_ms, arc(&doc, "B", "A").sum_ms), (21 * H, 30 * H));
    // d1 by copy: P [0, 1] → P→P 1; A [2, 56] → A→A 54; B [3, 26, 60] → B→B 23, 34; C [4, 5] →
    // C→C 1. 9 events − 4 copies = 5 pairs; nothing between two communes.
    let copy = t.directly_follows_by(DfgKey::Unit, DfgCase::Copy, &q("chỉ thị")).unwrap();
    let keys: Vec<(&str, &str, u64)> = copy.iter().map(|a| (a.from.as_str(), a.to.as_str(), a.count)).collect();
    assert_eq!(keys, [("B", "B", 2), ("A", "A", 1), ("C", "C", 1), ("P", "P", 1)]);
    let bb = arc(&copy, "B", "B");
    assert_eq!((bb.sum_ms, bb.mean_ms, bb.min_ms, bb.max_ms), (57 * H, hf(28.5), 23 * H, 34 * H));
    assert_eq!((arc(&copy, "A", "A").sum_ms, arc(&copy, "P", "P").sum_ms), (54 * H, H));

    // d2 as one case: S 6, D 7, X 8, S 9 (recalled), X 10, D 12 → S→D 1, D→X 1, X→S 1, S→X 1,
    // X→D 2.
    let doc = t.directly_follows(DfgKey::Unit, &q("công văn")).unwrap();
    assert_eq!(doc.len(), 5);
    assert!(doc.iter().all(|a| a.count == 1));
    assert_eq!((arc(&doc, "S", "D").sum_ms, arc(&doc, "D", "X").sum_ms, arc(&doc, "X", "D").sum_ms), (H, H, 2 * H));
    // d2 by copy: S's copy has one event; D [7, 12] → D→D 5; X's copy holds S's recall: X 8,
    // S 9, X 10 → X→S 1, S→X 1. No S→D, D→X or X→D pair: they are different copies.
    let copy = t.directly_follows_by(DfgKey::Unit, DfgCase::Copy, &q("công văn")).unwrap();
    let keys: Vec<(&str, &str, i64)> = copy.iter().map(|a| (a.from.as_str(), a.to.as_str(), a.sum_ms)).collect();
    assert_eq!(keys, [("D", "D", 5 * H), ("S", "X", H), ("X", "S", H)]);

    // d3 (chain) as one case: X→X 1, 2; X→D 2; D→D 16. By copy (visits): the same without X→D.
    let doc = t.directly_follows(DfgKey::Unit, &q("tờ trình")).unwrap();
    assert_eq!((arc(&doc, "X", "X").count, arc(&doc, "X", "D").sum_ms, arc(&doc, "D", "D").sum_ms), (2, 2 * H, 16 * H));
    let copy = t.directly_follows_by(DfgKey::Unit, DfgCase::Copy, &q("tờ trình")).unwrap();
    assert_eq!(copy.len(), 2);
    assert_eq!((arc(&copy, "X", "X").sum_ms, arc(&copy, "D", "D").sum_ms), (3 * H, 16 * H));

    // Whole log: 31 events − 6 documents = 25 document pairs; by copy, 31 events − 15 copies
    // that have events (d6's copy at P has none) = 16 pairs.
    let all = t.directly_follows(DfgKey::Unit, &Query::default()).unwrap();
    assert_eq!(all.iter().map(|a| a.count).sum::<u64>(), 25);
    let all = t.directly_follows_by(DfgKey::Unit, DfgCase::Copy, &Query::default()).unwrap();
    assert_eq!(all.iter().map(|a| a.count).sum::<u64>(), 16);
    // Between two different units, only the recall inside X's copy of d2.
    let cross: Vec<(&str, &str)> =
        all.iter().filter(|a| a.from != a.to).map(|a| (a.from.as_str(), a.to.as_str())).collect();
    assert_eq!(cross, [("S", "X"), ("X", "S")]);
}

#[test]
fn processing_times_by_copy_and_by_unit() {
    let t = tracker();
    let p = t.processing_times(GroupBy::Copy, &Query::default()).unwrap();
    // Copies with an event of their own (d6's copy at P is still in transit), by total time,
    // then key. M's copy of d5 counts as A's second copy of d5: "d5@A#2".
    let rows: Vec<(&str, i64)> = p.groups.iter().map(|g| (g.key.as_str(), g.calendar.sum_ms / H)).collect();
    assert_eq!(
        rows,
        [
            ("d5@A#2", 93),
            ("d1@C", 92),
            ("d2@D", 89),
            ("d4@P", 68),
            ("d1@B", 57),
            ("d1@A", 54),
            ("d5@A", 26),
            ("d3@D", 16),
            ("d3@X", 3),
            ("d2@X", 2),
            ("d4@X", 2),
            ("d1@P", 1),
            ("d2@S", 0),
            ("d5@P", 0),
            ("d6@BNV", 0),
        ]
    );
    // 1 + 54 + 57 + 92 + 0 + 89 + 2 + 3 + 16 + 2 + 68 + 0 + 26 + 93 + 0 = 503.
    assert_eq!((p.overall.count, p.overall.sum_ms), (15, 503 * H));
    let g = p.groups.iter().find(|g| g.key == "d5@A#2").unwrap();
    assert_eq!((g.document.as_deref(), g.unit.as_deref(), g.level), (Some("d5"), Some("A"), Some(Level::Commune)));
    assert!(p.groups.iter().all(|g| g.split.is_none() && g.calendar.count == 1));

    let p = t.processing_times(GroupBy::Unit, &Query::default()).unwrap();
    // A: 54, 26, 93 (M's) = 173; D: 89, 16 = 105; C 92; P: 1, 68, 0 = 69; B 57; X: 2, 3, 2 = 7;
    // BNV 0; S 0.
    let rows: Vec<(&str, u64, i64)> =
        p.groups.iter().map(|g| (g.key.as_str(), g.calendar.count, g.calendar.sum_ms / H)).collect();
    assert_eq!(
        rows,
        [
            ("A", 3, 173),
            ("D", 2, 105),
            ("C", 1, 92),
            ("P", 3, 69),
            ("B", 1, 57),
            ("X", 3, 7),
            ("BNV", 1, 0),
            ("S", 1, 0)
        ]
    );
    let g = |k: &str| p.groups.iter().find(|g| g.key == k).unwrap();
    assert_eq!((g("A").calendar.median_ms, g("P").calendar.median_ms), (hf(54.0), hf(1.0)));
    // Split: A only M's copy (processing 5, first 3): waiting 2, handling 91.
    let a = g("A").split.as_deref().unwrap();
    assert_eq!((a.waiting.count, a.waiting.sum_ms, a.handling.sum_ms), (1, 2 * H, 91 * H));
    // P: d1 (processing at its first event 0: waiting 0, handling 1), d4 (waiting 2, handling
    // 66); d5 has no processing.
    let ps = g("P").split.as_deref().unwrap();
    assert_eq!((ps.waiting.count, ps.waiting.sum_ms, ps.handling.sum_ms), (2, 2 * H, 67 * H));
    // X: d3 (waiting 1, handling 2), d4 (0, 2); d2 none.
    let xs = g("X").split.as_deref().unwrap();
    assert_eq!((xs.waiting.count, xs.waiting.sum_ms, xs.handling.sum_ms), (2, H, 4 * H));
    let bs = g("B").split.as_deref().unwrap();
    assert_eq!((bs.waiting.sum_ms, bs.handling.sum_ms), (23 * H, 34 * H));
    assert!(g("C").split.is_none() && g("D").split.is_none());
    assert_eq!(g("D").calendar.median_ms, hf(52.5));
}

/// (document, unit, holder, in transit to, lateness) of overdue entries.
type Entry<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, i64);

fn entries(list: &[OverdueEntry]) -> Vec<Entry<'_>> {
    list.iter()
        .map(|e| {
            (e.id.as_str(), e.unit.as_str(), e.holder.as_deref(), e.in_transit_to.as_deref(), e.lateness.calendar_ms)
        })
        .collect()
}

/// Expected report row: key, [carriedOver, received, toHandle, doneEarly, doneOnTime, doneLate,
/// doneNoDue, openWithinDue, openDueSoon, openOverdue, openNoDue], lateRate, onTimeRate,
/// median hours, finished.
type ReportLine = (&'static str, [u64; 11], f64, f64, f64, u64);

#[test]
fn overdue_late_due_soon_and_counts() {
    let t = tracker();
    let o = t.overdue(&OverdueOptions::default(), &Query::default()).unwrap();
    assert_eq!(o.as_of, at(96));
    // Late: d3 at D closed 47, due 33 → 14 h; d1 at B closed 60, due 57 → 3 h. Latest first.
    let late: Vec<(&str, &str, i64, Option<i64>)> =
        o.late.iter().map(|e| (e.id.as_str(), e.unit.as_str(), e.lateness.calendar_ms, e.closed_at)).collect();
    assert_eq!(late, [("d3", "D", 14 * H, Some(at(47))), ("d1", "B", 3 * H, Some(at(60)))]);
    // Slowest on the way: d3 chain X 3, D 16 → D 16; d1 P 1, B 57 → B 57.
    assert_eq!((o.late[0].slowest_unit.as_deref(), o.late[0].slowest_unit_ms), (Some("D"), 16 * H));
    assert_eq!((o.late[1].slowest_unit.as_deref(), o.late[1].slowest_unit_ms), (Some("B"), 57 * H));
    assert!(o.late.iter().all(|e| e.holder.is_none() && e.in_transit_to.is_none()));
    // In working time both are late by nothing: d3 closed Wed 07:00, before office hours, after
    // a due of Tue 17:00; d1 closed Wed 20:00 after a due of Wed 17:00. No office hour passed
    // while they were late: 0 working days.
    let lw: Vec<(i64, i64)> = o.late.iter().map(|e| (e.lateness.working_ms, e.lateness_working_days)).collect();
    assert_eq!(lw, [(0, 0), (0, 0)]);
    // Overdue at 96: d1 at C (due 57) 39 h, held by C; d4 at P (due 81, from the sent) 15 h.
    let od = entries(&o.overdue);
    assert_eq!(od, [("d1", "C", Some("C"), None, 39 * H), ("d4", "P", Some("P"), None, 15 * H)]);
    assert_eq!((o.overdue[0].due, o.overdue[1].due), (at(57), at(81)));
    // Working: C W(96) − W(57) = 8 (Thu 7.5 + Fri 07:30–08:00), over Thu and Fri: 2 working
    // days; P W(96) − W(81) = 0.5 (Thu 17:00 → Fri 08:00), Fri only: 1 day.
    let ow: Vec<(i64, i64)> = o.overdue.iter().map(|e| (e.lateness.working_ms, e.lateness_working_days)).collect();
    assert_eq!(ow, [(8 * H, 2), (H / 2, 1)]);
    assert_eq!((o.overdue[0].slowest_unit.as_deref(), o.overdue[0].slowest_unit_ms), (Some("C"), 92 * H));
    assert_eq!((o.overdue[1].slowest_unit.as_deref(), o.overdue[1].slowest_unit_ms), (Some("P"), 68 * H));
    // Due soon (within 2 days of 96, i.e. by 144): d6 at P, due 105, in transit: 9 h left.
    assert_eq!(o.due_soon.len(), 1);
    let ds = &o.due_soon[0];
    assert_eq!(
        (ds.id.as_str(), ds.unit.as_str(), ds.holder.as_deref(), ds.in_transit_to.as_deref(), ds.due),
        ("d6", "P", None, Some("P"), at(105))
    );
    assert_eq!((ds.remaining.calendar_ms, ds.lateness.calendar_ms), (9 * H, 0));
    // Two working days from Fri 08:00: Fri 7 h, Mon 9 March 7.5 h, Tue 0.5 h → Tue 08:00 (192).
    // Working time left for d6: Fri 08:00 → 17:00 = 7 h.
    assert_eq!((ds.remaining.working_ms, ds.lateness_working_days), (7 * H, 0));
    // On time: d1 at A (56 ≤ 57), d5 at A (30 ≤ 201). Without due: d2 at D and at X. Open in
    // time: M's d5 (due 201 > 192). d3's first visit (X) is not judged; outgoing roots are not
    // received work. No overdue copy is on its way.
    assert_eq!((o.on_time, o.without_due, o.open_in_time, o.in_transit), (2, 2, 1, 0));
    // By unit: P overdue 1 + due soon 1 (in transit to P); C overdue 1; late by slowest unit:
    // B 1, D 1. Sorted by (overdue, late, due soon) descending, then id.
    let by: Vec<(&str, u64, u64, u64)> =
        o.by_unit.iter().map(|u| (u.unit.as_str(), u.overdue, u.due_soon, u.late)).collect();
    assert_eq!(by, [("P", 1, 1, 0), ("C", 1, 0, 0), ("B", 0, 0, 1), ("D", 0, 0, 1)]);
    let lv = |l: &str| o.by_level.iter().find(|x| x.level == l).map(|x| (x.overdue, x.due_soon, x.late)).unwrap();
    assert_eq!(
        (lv("province"), lv("district"), lv("commune"), lv("central")),
        ((1, 1, 0), (0, 0, 1), (1, 0, 1), (0, 0, 0))
    );

    // As of 110 (after every event): d6 is now overdue on its way to P (110 − 105 = 5 h, no
    // holder); C 110 − 57 = 53 h; P's d4 110 − 81 = 29 h. Due soon: two working days from Fri
    // 22:00 end on Tue 10 March 17:00 = 201 (Mon 7.5 h + Tue 7.5 h), so M's copy of d5, due 201,
    // is due soon (it would not be with 48 calendar hours: 158).
    let q = Query { as_of: Some(at(110)), ..Default::default() };
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    let od = entries(&o.overdue);
    assert_eq!(
        od,
        [
            ("d1", "C", Some("C"), None, 53 * H),
            ("d4", "P", Some("P"), None, 29 * H),
            ("d6", "P", None, Some("P"), 5 * H)
        ]
    );
    assert_eq!((o.due_soon.len(), o.in_transit, o.open_in_time), (1, 1, 0));
    assert_eq!((o.due_soon[0].id.as_str(), o.due_soon[0].unit.as_str(), o.due_soon[0].due), ("d5", "A", at(201)));
    // 110 is Fri 22:00. Working: C Thu + Fri = 15 h over 2 days; P Fri 7.5 h, 1 day; d6 due Fri
    // 17:00: no office hour since, 0.
    let ow: Vec<(i64, i64)> = o.overdue.iter().map(|e| (e.lateness.working_ms, e.lateness_working_days)).collect();
    assert_eq!(ow, [(15 * H, 2), (15 * H / 2, 1), (0, 0)]);
    let p = o.by_unit.iter().find(|u| u.unit == "P").unwrap();
    assert_eq!((p.overdue, p.due_soon), (2, 0));
}

#[test]
fn window_after_the_stuck_copy_keeps_it() {
    let t = tracker();
    // Window [24, …): C's copy of d1 arrived at 4 and is held at 24 and at as-of 96.
    let q = Query { from: Some(at(24)), ..Default::default() };
    // Overdue: same entries as the whole log (C 39 h, P 15 h); d2 at X closed at 10, before the
    // window: no longer counted without due (only d2 at D, held).
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    let od: Vec<(&str, &str, i64)> =
        o.overdue.iter().map(|e| (e.id.as_str(), e.unit.as_str(), e.lateness.calendar_ms)).collect();
    assert_eq!(od, [("d1", "C", 39 * H), ("d4", "P", 15 * H)]);
    assert_eq!(o.overdue[0].holder.as_deref(), Some("C"));
    assert_eq!((o.late.len(), o.on_time, o.without_due, o.open_in_time, o.due_soon.len()), (2, 2, 1, 1, 1));
    // Flow: C still holds it (WIP, overdue); handovers in the window: X→D (29), X→P (27),
    // BNV→P (96, in transit).
    let f = t.flow(&q).unwrap();
    let c = &f.graph[f.node("C").unwrap()];
    assert_eq!((c.visits, c.wip, c.overdue), (1, 1, 1));
    assert_eq!(f.handovers, 3);
    assert!(f.edge("P", "C").is_none());
    // Summary: every document has a copy active in the window; events from 24: d1 26, 56, 60;
    // d3 five; d4 four; d5 30; d6 96 = 14.
    let s = t.summary(&q).unwrap();
    assert_eq!((s.documents, s.events, s.open, s.late, s.overdue), (6, 14, 5, 2, 2));

    // Timeline by day, Tue (from) to Fri (as-of). Received copies not closed before 24:
    // d1 A (opened Mon, closed Wed), B (Mon, Wed), C (Mon, open, overdue from Wed);
    // d2 D (Mon, open, no due); d3 X visit (Tue 26, handed on Tue 29 to D opened Tue 31: the
    // chain moves within Tue), D visit (Tue 31, closed Wed 47; the chain's due 33 passes Tue);
    // d4 P (Tue 27, open, overdue from Thu 17:00); d5 A (Mon, closed Tue 30), M (Mon, open,
    // due 201); d6 P (Fri 96, in transit).
    // Arrivals: Tue d3 X, d3 D, d4 P = 3; Fri d6 = 1. Completions: Tue d3 X, d5 A = 2; Wed
    // d3 D, d1 A, d1 B = 3. Backlog: Tue A, B, C, D(d2), D(d3), P, M = 7; Wed and Thu C, D, P, M
    // = 4; Fri + d6 = 5. Overdue: Tue d3 (due 33, open until Wed); Wed C; Thu, Fri C, P.
    let days = t.timeline(Bucket::Day, &q).unwrap();
    let rows: Vec<(&str, u64, u64, u64, u64)> =
        days.iter().map(|p| (p.label.as_str(), p.arrivals, p.completions, p.backlog, p.overdue)).collect();
    assert_eq!(
        rows,
        [
            ("2026-03-03", 3, 2, 7, 1),
            ("2026-03-04", 0, 3, 4, 1),
            ("2026-03-05", 0, 0, 4, 2),
            ("2026-03-06", 1, 0, 5, 2)
        ]
    );
    assert_eq!(days[0].start, at(16));

    // Bottlenecks over the window (3 days, 24 → 96). Visits active in it, with sojourns:
    // commune A 54, 26, 93 (M's); B 57; C 92; X 3 (d3), 2 (d4) → 7 visits, sum 327, mean 327/7;
    // district D 89, 16 (alone: no excess); province P 68 (d4; d6 has not arrived; alone);
    // central BNV 0. Calendar excess: C 92 − 327/7 = 317/7 h; A 173 − 3·327/7 = 230/7 h;
    // B 57 − 327/7 = 72/7 h; X below its peers. P has no excess but holds an overdue copy.
    // The ranking is in working time: A d1 W(56) − W(2) = 19, d5 W(30) − W(4) = 8, M's W(96) −
    // W(3) = 27 (Mon 11:00 → Fri 08:00: 0.5 + 3.5 + 22.5 + 0.5); B W(60) − W(3) = 19; C W(96) −
    // W(4) = 26.5 (Mon 12:00 → Fri 08:00: 3.5 + 22.5 + 0.5); X 1.5, 2 → sum 103, mean 103/7.
    // Excess: C 26.5 − 103/7 = 165/14 h; A 54 − 3·103/7 = 69/7 h; B 19 − 103/7 = 30/7 h.
    let b = t.bottlenecks(10, &q).unwrap();
    let ranked: Vec<(&str, i64, i64)> =
        b.units.iter().map(|u| (u.unit.as_str(), u.score_ms, u.score_calendar_ms)).collect();
    assert_eq!(
        ranked,
        [("C", 42_428_571, 163_028_571), ("A", 35_485_714, 118_285_714), ("B", 15_428_571, 37_028_571), ("P", 0, 0)]
    );
    assert_eq!((b.overdue_total, b.window_days), (2, 3.0));
    let u = |id: &str| b.units.iter().find(|u| u.unit == id).unwrap();
    // C: held at 24 and at 96: backlog growth 0; nothing arrived or left in the window.
    let c = u("C");
    assert_eq!((c.visits, c.wip, c.arrivals, c.departures, c.backlog_growth, c.overdue_held), (1, 1, 0, 0, 0, 1));
    assert_eq!((c.overdue_share, c.throughput_per_day, c.little_ratio), (0.5, 0.0, 0.0));
    assert!((c.peer_mean_ms - hf(327.0 / 7.0)).abs() < 1e-3);
    // P: d4 arrived at 28, inside the window, and is still held: growth 1.
    let p = u("P");
    assert_eq!((p.visits, p.wip, p.arrivals, p.departures, p.backlog_growth, p.overdue_held), (1, 1, 1, 0, 1, 1));
    // A: held d1, d5 and M's d5 at 24, only M's at 96: 1 − 3 = −2; B: 0 − 1 = −1.
    let a = u("A");
    assert_eq!((a.visits, a.wip, a.arrivals, a.departures, a.backlog_growth), (3, 1, 0, 2, -2));
    assert_eq!((u("B").departures, u("B").backlog_growth), (1, -1));
    // Edges: transits of handovers in the window [X→P 1, X→D 2], median 1.5; X→D exceeds it
    // by 0.5 h.
    let edges: Vec<(&str, &str, i64)> = b.edges.iter().map(|e| (e.from.as_str(), e.to.as_str(), e.score_ms)).collect();
    assert_eq!(edges, [("X", "D", H / 2)]);
}

#[test]
fn unit_scopes_and_levels() {
    let t = tracker();
    // District D with its subtree: D and X.
    let q = Query { units: vec!["D".into()], ..Default::default() };
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    // Copies at D or X that are received and judged: d2 D, d2 X (no due), d3 D (late). d3's X
    // visit is not judged, d4's X root is outgoing. C's and P's overdue copies are not theirs.
    let late: Vec<(&str, &str)> = o.late.iter().map(|e| (e.id.as_str(), e.unit.as_str())).collect();
    assert_eq!(late, [("d3", "D")]);
    assert!(o.overdue.is_empty() && o.due_soon.is_empty());
    assert_eq!((o.on_time, o.without_due, o.open_in_time), (0, 2, 0));
    let s = t.summary(&q).unwrap();
    // Documents with a copy at D or X: d2, d3, d4 (X's outgoing copy). Events at D or X: d2
    // D 7, X 8, X 10, D 12 = 4 (S's recall is at S); d3 5; d4 X 25, 27 = 2 → 11. Open by the
    // copies in scope: d2 (D holds); d3 closed; d4's only copy here was handed on: closed.
    assert_eq!((s.units, s.documents, s.events), (2, 3, 11));
    assert_eq!((s.open, s.closed, s.late, s.overdue, s.in_transit), (1, 2, 1, 0, 0));
    assert_eq!((s.copies, s.copies_open, s.copies_late, s.copies_overdue), (4, 1, 1, 0));
    // Lead times: d2 90, d3 21, d4 71.
    assert_eq!((s.lead_time.count, s.lead_time.sum_ms), (3, 182 * H));
    let p = t.processing_times(GroupBy::Unit, &q).unwrap();
    let rows: Vec<(&str, i64)> = p.groups.iter().map(|g| (g.key.as_str(), g.calendar.sum_ms / H)).collect();
    assert_eq!(rows, [("D", 105), ("X", 7)]);
    // Handovers with either end in D's subtree: S→D, S→X, X→D, X→P.
    let f = t.flow(&q).unwrap();
    assert_eq!((f.handovers, f.graph.edge_count(), f.graph.node_count()), (4, 4, 4));
    let node = |id: &str| f.graph[f.node(id).unwrap()].clone();
    assert_eq!((node("D").wip, node("X").wip, node("P").wip, node("P").visits), (1, 0, 0, 0));

    // Commune A under roll-up includes M's copies: d1 A, d5 A, d5 M. Events at A or M: d1 2,
    // 56; d5 3, 4, 5, 20, 30 = 7. d1 closed (A's copy), d5 open (M's).
    let qa = Query { units: vec!["A".into()], ..Default::default() };
    let s = t.summary(&qa).unwrap();
    assert_eq!((s.units, s.documents, s.events, s.copies, s.copies_open), (1, 2, 7, 3, 1));
    assert_eq!((s.open, s.closed), (1, 1));
    let o = t.overdue(&OverdueOptions::default(), &qa).unwrap();
    assert!(o.late.is_empty() && o.overdue.is_empty() && o.due_soon.is_empty());
    assert_eq!((o.on_time, o.open_in_time, o.without_due), (2, 1, 0));
    // Naming M under roll-up is naming A.
    let qm = Query { units: vec!["M".into()], ..Default::default() };
    assert_eq!(t.summary(&qm).unwrap(), s);
    // Without roll-up A is A alone: d1 A, d5 A (both closed), events 2 + 2.
    let s = t.summary(&Query { roll_up: false, ..qa.clone() }).unwrap();
    assert_eq!((s.units, s.documents, s.events, s.copies, s.copies_open, s.open, s.closed), (1, 2, 4, 2, 0, 0, 2));
    let s = t.summary(&Query { roll_up: false, ..qm }).unwrap();
    assert_eq!((s.units, s.documents, s.events, s.copies, s.copies_open), (1, 1, 3, 1, 1));

    // Levels: the district level holds d2 D and d3 D; events at D: 7, 12, 31, 47.
    let ql = Query { levels: vec![Level::District], ..Default::default() };
    let s = t.summary(&ql).unwrap();
    assert_eq!((s.units, s.documents, s.events, s.copies, s.open, s.closed, s.late), (1, 2, 4, 2, 1, 1, 1));
    assert_eq!(s.lead_time.sum_ms, (90 + 21) * H);
    // The province level: P's d4 overdue and d6 due soon (S's and P's roots are outgoing).
    let qp = Query { levels: vec![Level::Province], ..Default::default() };
    let o = t.overdue(&OverdueOptions::default(), &qp).unwrap();
    let ids: Vec<(&str, &str)> =
        o.overdue.iter().chain(&o.due_soon).map(|e| (e.id.as_str(), e.unit.as_str())).collect();
    assert_eq!(ids, [("d4", "P"), ("d6", "P")]);
    assert_eq!((o.late.len(), o.on_time, o.without_due, o.open_in_time), (0, 0, 0, 0));
}

#[test]
fn roll_up_on_and_off() {
    let t = tracker();
    let on = Query::default();
    let off = no_rollup();
    // Totals do not move: documents 6, events 31, copies 11, handovers 10, DFG pairs 25.
    let (s1, s0) = (t.summary(&on).unwrap(), t.summary(&off).unwrap());
    assert_eq!((s1.documents, s1.events, s1.copies), (6, 31, 11));
    assert_eq!((s0.documents, s0.events, s0.copies), (6, 31, 11));
    assert_eq!((s0.open, s0.closed, s0.late, s0.overdue, s0.in_transit), (5, 1, 2, 2, 1));
    assert_eq!(s0.lead_time, s1.lead_time);
    // Units standing for themselves: 8 rolled up, 9 as they were.
    assert_eq!((s1.units, s0.units), (8, 9));
    let (f1, f0) = (t.flow(&on).unwrap(), t.flow(&off).unwrap());
    assert_eq!((f1.handovers, f0.handovers), (10, 10));
    assert_eq!(f0.level_matrix, f1.level_matrix);
    // Per unit, M's share moves back from A: P→A 3 = P→A 2 (1, 2 h) + P→M 1 (1 h).
    let pa = f0.edge("P", "A").unwrap();
    assert_eq!((pa.count, pa.transit.sum_ms), (2, 3 * H));
    let pm = f0.edge("P", "M").unwrap();
    assert_eq!((pm.count, pm.transit.sum_ms, pm.direction), (1, H, Direction::Down));
    assert_eq!(f0.graph.edge_count(), 9);
    let node = |f: &lienthong::analysis::FlowGraph, id: &str| {
        let n = &f.graph[f.node(id).unwrap()];
        (n.visits, n.wip)
    };
    assert_eq!((node(&f1, "A"), node(&f0, "A"), node(&f0, "M")), ((3, 1), (2, 0), (1, 1)));
    // Directly-follows on d5: P 2, M 3, A 4, M 5, M 20, A 30. Rolled up: P→A 1, A→A 1, 1, 15,
    // 10; as they were: P→M 1, M→A 1, A→M 1, M→M 15, M→A 10. Five pairs either way.
    let q5 = |roll_up: bool| Query { types: vec!["kế hoạch".into()], roll_up, ..Default::default() };
    let d1 = t.directly_follows(DfgKey::Unit, &q5(true)).unwrap();
    let d0 = t.directly_follows(DfgKey::Unit, &q5(false)).unwrap();
    let keys = |arcs: &[DfgArc]| -> Vec<(String, String, u64, i64)> {
        arcs.iter().map(|a| (a.from.clone(), a.to.clone(), a.count, a.sum_ms / H)).collect()
    };
    let s = |a: &str, b: &str, n: u64, h: i64| (a.to_string(), b.to_string(), n, h);
    assert_eq!(keys(&d1), [s("A", "A", 4, 27), s("P", "A", 1, 1)]);
    assert_eq!(keys(&d0), [s("M", "A", 2, 11), s("A", "M", 1, 1), s("M", "M", 1, 15), s("P", "M", 1, 1)]);
    // Processing times by unit: A 173 rolled up; A 80 (54, 26) and M 93 as they were.
    let p = t.processing_times(GroupBy::Unit, &off).unwrap();
    let rows: Vec<(&str, i64)> = p.groups.iter().map(|g| (g.key.as_str(), g.calendar.sum_ms / H)).collect();
    assert_eq!(
        rows,
        [("D", 105), ("M", 93), ("C", 92), ("A", 80), ("P", 69), ("B", 57), ("X", 7), ("BNV", 0), ("S", 0)]
    );
    assert!(p.groups.iter().find(|g| g.key == "A").unwrap().split.is_none());
    assert_eq!(p.overall.sum_ms, 503 * H);
    let p = t.processing_times(GroupBy::Copy, &off).unwrap();
    assert!(p.groups.iter().any(|g| g.key == "d5@M" && g.calendar.sum_ms == 93 * H));
    assert!(p.groups.iter().all(|g| g.key != "d5@A#2"));
    // Overdue: M's copy is M's as it was (open in time either way).
    let o = t.overdue(&OverdueOptions::default(), &off).unwrap();
    assert_eq!((o.on_time, o.without_due, o.open_in_time, o.late.len(), o.overdue.len()), (2, 2, 1, 2, 2));
}

#[test]
fn period_report_every_cell() {
    let t = tracker();
    // Period [Tue 00:00, Thu 00:00) = [16, 64). Events from 64 on are not seen; as-of = 64.
    // Due soon: due in (64, 64 + 48 = 112].
    let q = Query { from: Some(at(16)), to: Some(at(64)), ..Default::default() };
    let r = t.report(&ReportOptions { by: ReportBy::Unit, ..Default::default() }, &q).unwrap();
    assert_eq!((r.from, r.to, r.as_of), (at(16), at(64), at(64)));
    // Received copies (outgoing roots left out), at 64:
    // - carried over (opened before 16, open at 16): d1 A (closed 56, due 57: on the due day,
    //   in time → on time), d1 B (closed 60 > 57 → late), d1 C (open, 64 > 57 → overdue),
    //   d2 D (open, no due), d5 A (closed 30, due day 10 March → early), d5 M → A (open, due
    //   201 > 112 → within the deadline). d2 X closed at 10: not in the period.
    // - received in the period: d3 X visit (26, handed on 29, no deadline of its own), d3 D
    //   (31, closed 47 > 33 → late), d4 P (27, open, due 81 ≤ 112 → due soon). d6 is not seen.
    // Handling times (first event → finish): d1 A 54, d5 A 26, d1 B 57, d3 D 16, d3 X 3.
    let expected: [ReportLine; 6] = [
        // key, [carried, received, toHandle, early, onTime, late, doneNoDue, within, dueSoon,
        // overdue, openNoDue], lateRate, onTimeRate, median h, finished.
        // P: 1 with a due, none late → 0 / 1; nothing finished.
        ("P", [0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0], 0.0, 1.0, 0.0, 0),
        // D: with a due: d3 only (late) → 1 / 1.
        ("D", [1, 1, 2, 0, 0, 1, 0, 0, 0, 0, 1], 1.0, 0.0, 16.0, 1),
        // A: 3 with a due, none late; median of 26, 54 = 40.
        ("A", [3, 0, 3, 1, 1, 0, 0, 1, 0, 0, 0], 0.0, 1.0, 40.0, 2),
        ("B", [1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0], 1.0, 0.0, 57.0, 1),
        ("C", [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0], 1.0, 0.0, 0.0, 0),
        // X: no copy with a due → both rates 0.
        ("X", [0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0], 0.0, 0.0, 3.0, 1),
    ];
    // Columns in the report's order: carriedOver, received, toHandle, doneEarly, doneOnTime,
    // doneLate, doneNoDue, openWithinDue, openDueSoon, openOverdue, openNoDue.
    let cells = |r: &lienthong::analysis::ReportRow| r.counts();
    let keys: Vec<&str> = r.rows.iter().map(|x| x.key.as_str()).collect();
    assert_eq!(keys, ["P", "D", "A", "B", "C", "X"], "top level first, then id");
    for (row, (key, counts, late, on_time, median_h, finished)) in r.rows.iter().zip(expected) {
        assert_eq!(row.key, key);
        assert_eq!(cells(row), counts, "{key}");
        assert_eq!((row.late_rate, row.on_time_rate), (late, on_time), "{key}");
        assert_eq!((row.median_ms, row.finished), (hf(median_h), finished), "{key}");
    }
    // Working handling times: d3 D W(47) − W(31) = 2 (Tue 15:00 → 17:00); d1 A W(56) − W(2) =
    // 19 (Mon 10:00 → Wed 16:00: 5 + 7.5 + 6.5); d5 A W(30) − W(4) = 8 (Mon 12:00 → Tue 14:00:
    // 3.5 + 4 + 0.5); d1 B W(60) − W(3) = 19 (Mon 11:00 → Wed 20:00: 4 + 7.5 + 7.5); d3 X W(29)
    // − W(26) = 1.5 (Tue 10:00 → 13:00). Medians: D 2, A (8 + 19) / 2 = 13.5, B 19, X 1.5.
    let working: Vec<(&str, f64)> = r.rows.iter().map(|x| (x.key.as_str(), x.median_working_ms / H as f64)).collect();
    assert_eq!(working, [("P", 0.0), ("D", 2.0), ("A", 13.5), ("B", 19.0), ("C", 0.0), ("X", 1.5)]);
    assert_eq!((r.rows[2].name.as_deref(), r.rows[2].level), (Some("UBND xã A"), Some(Level::Commune)));
    // Total: carried 6, received 3, to handle 9 = early 1 + on time 1 + late 2 + done no due 1
    // + within 1 + due soon 1 + overdue 1 + open no due 1. With a due: 9 − 2 = 7; late rate
    // (2 + 1) / 7. Median of [3, 16, 26, 54, 57] = 26.
    assert_eq!(r.total.key, "total");
    assert_eq!(cells(&r.total), [6, 3, 9, 1, 1, 2, 1, 1, 1, 1, 1]);
    assert_eq!((r.total.late_rate, r.total.on_time_rate), (3.0 / 7.0, 1.0 - 3.0 / 7.0));
    assert_eq!((r.total.median_ms, r.total.finished), (hf(26.0), 5));
    for row in r.rows.iter().chain([&r.total]) {
        let c = cells(row);
        assert_eq!(c[0] + c[1], c[2], "{}", row.key);
        assert_eq!(c[3..].iter().sum::<u64>(), c[2], "{}: done + open = toHandle", row.key);
    }

    // By level: province = P; district = D; commune = A + B + C + X: carried 5, received 1,
    // to handle 6, early 1, on time 1, late 1 (B), done no due 1 (X), within 1, overdue 1 (C).
    // With a due 5; late rate (1 + 1) / 5 = 0.4. Median of [3, 26, 54, 57] = 40.
    let r = t.report(&ReportOptions { by: ReportBy::Level, ..Default::default() }, &q).unwrap();
    let rows: Vec<(&str, [u64; 11])> = r.rows.iter().map(|x| (x.key.as_str(), cells(x))).collect();
    assert_eq!(
        rows,
        [
            ("province", [0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0]),
            ("district", [1, 1, 2, 0, 0, 1, 0, 0, 0, 0, 1]),
            ("commune", [5, 1, 6, 1, 1, 1, 1, 1, 0, 1, 0]),
        ]
    );
    let commune = &r.rows[2];
    assert_eq!((commune.late_rate, commune.on_time_rate), (2.0 / 5.0, 1.0 - 2.0 / 5.0));
    assert_eq!((commune.median_ms, commune.finished, commune.level), (hf(40.0), 4, Some(Level::Commune)));
    assert_eq!((r.rows[1].late_rate, r.rows[1].median_ms), (1.0, hf(16.0)));
    assert_eq!(cells(&r.total), [6, 3, 9, 1, 1, 2, 1, 1, 1, 1, 1]);
    assert_eq!((r.total.late_rate, r.total.median_ms), (3.0 / 7.0, hf(26.0)));

    // Without roll-up M has its own row: carried 1, open within the deadline (rate 0 / 1); A
    // keeps d1 (on time) and d5 (early): median of 54, 26 = 40. Total unchanged.
    let q0 = Query { roll_up: false, ..q };
    let r = t.report(&ReportOptions::default(), &q0).unwrap();
    let keys: Vec<&str> = r.rows.iter().map(|x| x.key.as_str()).collect();
    assert_eq!(keys, ["P", "D", "A", "B", "C", "M", "X"]);
    let row = |k: &str| r.rows.iter().find(|x| x.key == k).unwrap();
    assert_eq!(cells(row("A")), [2, 0, 2, 1, 1, 0, 0, 0, 0, 0, 0]);
    assert_eq!((row("A").on_time_rate, row("A").median_ms), (1.0, hf(40.0)));
    assert_eq!(cells(row("M")), [1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
    assert_eq!((row("M").late_rate, row("M").on_time_rate, row("M").finished), (0.0, 1.0, 0));
    assert_eq!(cells(&r.total), [6, 3, 9, 1, 1, 2, 1, 1, 1, 1, 1]);
}

#[test]
fn period_report_past_the_end_of_the_data() {
    let t = tracker();
    // Period [Thu 00:00, 200): the data ends at 96, so open copies are judged at 96 (due soon:
    // by 144). Carried over at 64: d4 P (due 81 → overdue), d1 C (overdue), d2 D (no due),
    // d5 M → A (due 201 → within). Received: d6 P (sent 96, in transit, due 105 → due soon).
    // Nothing finishes in the period.
    let q = Query { from: Some(at(64)), to: Some(at(200)), ..Default::default() };
    let r = t.report(&ReportOptions::default(), &q).unwrap();
    assert_eq!((r.from, r.as_of), (at(64), at(96)));
    let rows: Vec<(&str, [u64; 6], f64)> = r
        .rows
        .iter()
        .map(|x| {
            let cells = [x.carried_over, x.received, x.open_within_due, x.open_due_soon, x.open_overdue, x.open_no_due];
            (x.key.as_str(), cells, x.late_rate)
        })
        .collect();
    // P: 1 overdue of 2 with a due → 0.5; D: no due → 0; A: 0 of 1; C: 1 of 1.
    assert_eq!(
        rows,
        [
            ("P", [1, 1, 0, 1, 1, 0], 0.5),
            ("D", [1, 0, 0, 0, 0, 1], 0.0),
            ("A", [1, 0, 1, 0, 0, 0], 0.0),
            ("C", [1, 0, 0, 0, 1, 0], 1.0)
        ]
    );
    let tot = &r.total;
    assert_eq!((tot.carried_over, tot.received, tot.to_handle, tot.finished), (4, 1, 5, 0));
    assert_eq!((tot.done_early + tot.done_on_time + tot.done_late + tot.done_no_due, tot.median_ms), (0, 0.0));
    assert_eq!((tot.open_within_due, tot.open_due_soon, tot.open_overdue, tot.open_no_due), (1, 1, 2, 1));
    assert_eq!((tot.late_rate, tot.on_time_rate), (0.5, 0.5));
    // DISAGREES: SEMANTICS (period report) says "The period is `[from, to)` of the query;
    // … without `to` it ends just after as-of", so a report asked for [64, 200) should say
    // `to` = 200. The engine reports `to` = as-of + 1 ms (96 h + 1 ms), the end of the data,
    // not the period asked for (the counts are the same either way: nothing happens after 96).
    assert_eq!(r.to, at(200), "report.to is the query's `to`");
}
