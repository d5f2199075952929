//! E-government indicators on a hand-built log with every field combination; every figure is
//! worked out by hand below.
//!
//! `T` is Monday 2026-03-02T08:00+07:00; times are hours after `T`. Units: BNV (central), P
//! (province), S (department, province level), X and Y (communes).
//!
//! Documents (format, signed):
//! - e1 (electronic, signed): BNV sent 0 → P on `axis`, P arrived 1 (`axis`); P sent 2 → [S, X]
//!   on `province`; S arrived 3, X arrived 4 (no channel).
//! - e2 (electronic, unsigned): X sent 5 → P (no channel), P arrived 7 on `province`: the
//!   handover's channel comes from the arrival.
//! - p1 (paper, unsigned): Y sent 6 → P on `paper`, P arrived 30.
//! - u1 (format and signature unknown): Y sent 8 → P on `email` (another channel), P arrived 9;
//!   P sent 10 → S with no channel anywhere (unknown), S arrived 11.
//! - p2 (paper, signed): Y sent 12 → X on `giấy` (paper, in Vietnamese), never arrives.
//! - e3 (electronic, signed), a chain (no `to`): X arrived 13, X processing 14, P arrived 15 on
//!   `tỉnh` (province): the chain's handover X → P, transit 1.
//!
//! Handovers (sender, channel, transit h): BNV→P axis 1; P→S province 1; P→X province 2; X→P
//! province 2 (e2); Y→P paper 24; Y→P other 1; P→S unknown 1; Y→X paper (in transit); X→P
//! province 1 (e3). Total: axis 1, province 4, paper 2, other 1, unknown 1 = 9.

use lienthong::analysis::{ChannelCounts, EgovBy, EgovRow};
use lienthong::ingest::{DocumentRecord, EventRecord, Targets, TimeValue, UnitRecord};
use lienthong::model::Level;
use lienthong::{Query, Tracker, TrackerOptions};

const T: i64 = 1_772_413_200_000;
const H: i64 = 3_600_000;

fn tracker() -> Tracker {
    let mut t = Tracker::new(TrackerOptions::default());
    let unit = |id, level, parent| UnitRecord { id, name: Some(id), level: Some(level), parent, ..Default::default() };
    t.add_units([
        unit("BNV", "central", None),
        unit("P", "province", None),
        unit("S", "province", Some("P")),
        unit("X", "commune", Some("P")),
        unit("Y", "commune", Some("P")),
    ]);
    let doc =
        |id, issuer, format, signed| DocumentRecord { id, issuer: Some(issuer), format, signed, ..Default::default() };
    let r = t.add_documents([
        doc("e1", "BNV", Some("electronic"), Some(true)),
        doc("e2", "X", Some("electronic"), Some(false)),
        doc("p1", "Y", Some("paper"), Some(false)),
        doc("u1", "Y", None, None),
        doc("p2", "Y", Some("giấy"), Some(true)),
        doc("e3", "X", Some("điện tử"), Some(true)),
    ]);
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    type Ev = (&'static str, &'static str, &'static str, i64, &'static [&'static str], Option<&'static str>);
    let ev = |doc, unit, action, h, to, channel| -> Ev { (doc, unit, action, h, to, channel) };
    let events = [
        ev("e1", "BNV", "sent", 0, &["P"], Some("axis")),
        ev("e1", "P", "arrived", 1, &[], Some("axis")),
        ev("e1", "P", "sent", 2, &["S", "X"], Some("province")),
        ev("e1", "S", "arrived", 3, &[], None),
        ev("e1", "X", "arrived", 4, &[], None),
        ev("e2", "X", "sent", 5, &["P"], None),
        ev("e2", "P", "arrived", 7, &[], Some("province")),
        ev("p1", "Y", "sent", 6, &["P"], Some("paper")),
        ev("p1", "P", "arrived", 30, &[], None),
        ev("u1", "Y", "sent", 8, &["P"], Some("email")),
        ev("u1", "P", "arrived", 9, &[], None),
        ev("u1", "P", "sent", 10, &["S"], None),
        ev("u1", "S", "arrived", 11, &[], None),
        ev("p2", "Y", "sent", 12, &["X"], Some("giấy")),
        ev("e3", "X", "arrived", 13, &[], None),
        ev("e3", "X", "processing", 14, &[], None),
        ev("e3", "P", "arrived", 15, &[], Some("tỉnh")),
    ];
    let targets: Vec<Vec<&str>> = events.iter().map(|e| e.4.to_vec()).collect();
    let r = t.add_events(events.iter().zip(&targets).map(|(&(doc, unit, action, h, _, channel), to)| EventRecord {
        to: if to.is_empty() { Targets::None } else { Targets::Many(to) },
        channel,
        ..EventRecord::new(doc, unit, action, TimeValue::Millis(T + h * H))
    }));
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    t
}

/// (documents, [electronic, paper, unknown], [signed, unsigned, unknown], shares)
fn docs(r: &EgovRow) -> (u64, [u64; 3], [u64; 3], (f64, f64)) {
    (
        r.documents,
        [r.electronic, r.paper, r.format_unknown],
        [r.signed, r.unsigned, r.signed_unknown],
        (r.electronic_share, r.signed_share),
    )
}

fn ch(axis: u64, province: u64, paper: u64, other: u64, unknown: u64) -> ChannelCounts {
    ChannelCounts { axis, province, paper, other, unknown }
}

#[test]
fn total_counts_every_document_and_handover_once() {
    let e = tracker().egov(EgovBy::Unit, &Query::default()).unwrap();
    let t = &e.total;
    // Electronic e1, e2, e3; paper p1, p2; unknown u1. Signed e1, p2, e3; unsigned e2, p1;
    // unknown u1. Shares over the known: 3/5 each.
    assert_eq!(docs(t), (6, [3, 2, 1], [3, 2, 1], (0.6, 0.6)));
    assert_eq!(t.handovers, ch(1, 4, 2, 1, 1));
    // Medians: axis [1]; province [1, 2, 2, 1] → 1.5; paper [24] (p2 never arrived); other [1];
    // unknown [1].
    let m = t.transit_median_ms;
    let h = |x: f64| Some(x * H as f64);
    assert_eq!((m.axis, m.province, m.paper, m.other, m.unknown), (h(1.0), h(1.5), h(24.0), h(1.0), h(1.0)));
    let senders: Vec<(&str, u64)> = t.paper_senders.iter().map(|s| (s.unit.as_str(), s.count)).collect();
    assert_eq!(senders, [("Y", 2)]);
}

#[test]
fn by_unit_where_issued_or_received_and_handovers_at_the_sender() {
    let e = tracker().egov(EgovBy::Unit, &Query::default()).unwrap();
    let keys: Vec<&str> = e.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["BNV", "P", "S", "X", "Y"], "top level first, then id");
    let row = |k: &str| e.rows.iter().find(|r| r.key == k).unwrap();
    // BNV issued e1 and sent it over the axis.
    assert_eq!(docs(row("BNV")), (1, [1, 0, 0], [1, 0, 0], (1.0, 1.0)));
    assert_eq!(row("BNV").handovers, ch(1, 0, 0, 0, 0));
    // P received e1, e2, p1, u1, e3: electronic 3 (e1, e2, e3), paper 1, unknown 1 → 3/4;
    // signed e1, e3, unsigned e2, p1, unknown u1 → 2/4. It sent P→S and P→X of e1 (province,
    // 1 and 2 h) and P→S of u1 (unknown).
    assert_eq!(docs(row("P")), (5, [3, 1, 1], [2, 2, 1], (0.75, 0.5)));
    assert_eq!(row("P").handovers, ch(0, 2, 0, 0, 1));
    assert_eq!(row("P").transit_median_ms.province, Some(1.5 * H as f64));
    assert_eq!(row("P").transit_median_ms.axis, None);
    // S received e1 (electronic, signed) and u1 (unknown): shares over the one known, 1.
    assert_eq!(docs(row("S")), (2, [1, 0, 1], [1, 0, 1], (1.0, 1.0)));
    assert_eq!(row("S").handovers, ch(0, 0, 0, 0, 0));
    // X: e1 received, e2 issued, p2 sent to it (on its way), e3's first visit: 3 electronic and
    // 1 paper; 3 signed, 1 unsigned. Sent e2 and e3 (chain) to P on the province network.
    assert_eq!(docs(row("X")), (4, [3, 1, 0], [3, 1, 0], (0.75, 0.75)));
    assert_eq!(row("X").handovers, ch(0, 2, 0, 0, 0));
    // Y issued p1, u1, p2: paper 2, unknown 1 → electronic share 0; signed p2, unsigned p1 → 1/2.
    assert_eq!(docs(row("Y")), (3, [0, 2, 1], [1, 1, 1], (0.0, 0.5)));
    assert_eq!(row("Y").handovers, ch(0, 0, 2, 1, 0));
    assert_eq!(row("Y").paper_senders.len(), 1);
    assert!(row("P").paper_senders.is_empty());
    // Handovers add up to the total.
    let sum = e.rows.iter().map(|r| r.handovers.axis + r.handovers.province + r.handovers.paper).sum::<u64>();
    assert_eq!(sum, 1 + 4 + 2);
}

#[test]
fn by_level_and_by_month() {
    let t = tracker();
    let e = t.egov(EgovBy::Level, &Query::default()).unwrap();
    let keys: Vec<&str> = e.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["central", "province", "commune"]);
    // Province: documents at P or S (S's are P's) = 5; handovers sent by P = 3.
    assert_eq!(docs(&e.rows[1]), (5, [3, 1, 1], [2, 2, 1], (0.75, 0.5)));
    assert_eq!(e.rows[1].level, Some(Level::Province));
    // Communes: X's e1, e2, p2, e3 and Y's p1, u1 (p2 counted once) = 6; handovers 2 + 3.
    assert_eq!(docs(&e.rows[2]), (6, [3, 2, 1], [3, 2, 1], (0.6, 0.6)));
    assert_eq!(e.rows[2].handovers, ch(0, 2, 2, 1, 0));
    // One month, March 2026: the same as the total.
    let m = t.egov(EgovBy::Month, &Query::default()).unwrap();
    assert_eq!(m.rows.len(), 1);
    assert_eq!(m.rows[0].key, "2026-03");
    assert_eq!(EgovRow { key: "total".into(), ..m.rows[0].clone() }, m.total);
}

#[test]
fn a_window_and_a_unit_scope() {
    let t = tracker();
    // From hour 9 on: copies active then — e1 at S and X closed? No: nothing closes in this log,
    // so every copy opened before 9 is still active, and every document counts; handovers are
    // the ones sent in the window: u1 P→S (10, unknown), p2 Y→X (12, paper), e3 X→P (14).
    let q = Query { from: Some(T + 9 * H), ..Default::default() };
    let e = t.egov(EgovBy::Unit, &q).unwrap();
    assert_eq!(e.total.documents, 6);
    assert_eq!(e.total.handovers, ch(0, 1, 1, 0, 1));
    // Units Y only: its three documents, and the handovers it sent or received (it received
    // none): p1, u1, p2.
    let q = Query { units: vec!["Y".into()], ..Default::default() };
    let e = t.egov(EgovBy::Unit, &q).unwrap();
    assert_eq!(docs(&e.total), (3, [0, 2, 1], [1, 1, 1], (0.0, 0.5)));
    assert_eq!(e.total.handovers, ch(0, 0, 2, 1, 0));
}

#[test]
fn a_bad_format_is_rejected_with_its_field() {
    let mut t = tracker();
    let r = t.add_documents([DocumentRecord { id: "z", format: Some("fax"), ..Default::default() }]);
    assert_eq!((r.accepted, r.rejected.len()), (0, 1));
    assert_eq!(r.rejected[0].field, "format");
    assert!(r.rejected[0].message.contains("\"fax\""), "{}", r.rejected[0].message);
}
