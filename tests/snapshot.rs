//! A saved store (`Tracker::to_bytes` / `Tracker::from_bytes`): restored, it gives every
//! analysis the same answer, and saves to the same bytes; bytes cut or changed anywhere are
//! refused with the part at fault, or restore a store the analyses run on without a panic.

mod common;

use common::{ev, tracker, H, T};
use lienthong::analysis::{Bucket, DfgKey, EgovBy, GroupBy, OverdueOptions, ReportOptions};
use lienthong::generator::{GeneratedLog, GeneratorOptions, Problem};
use lienthong::ingest::{DocumentRecord, EventRecord, Targets, TimeValue, UnitRecord};
use lienthong::store::snapshot::MAGIC;
use lienthong::{Query, Tracker, TrackerOptions};
use serde_json::{json, Value};

/// Every analysis of `t` over the whole log, as JSON (errors as their text).
fn analyses(t: &Tracker) -> Value {
    let q = Query::default();
    fn v<T: serde::Serialize, E: std::fmt::Debug>(r: Result<T, E>) -> Value {
        match r {
            Ok(x) => serde_json::to_value(x).unwrap(),
            Err(e) => json!(format!("{e:?}")),
        }
    }
    json!({
        "summary": v(t.summary(&q)),
        "dfg": v(t.directly_follows(DfgKey::Unit, &q)),
        "dfgAction": v(t.directly_follows(DfgKey::Action, &q)),
        "flow": v(t.flow(&q)),
        "byUnit": v(t.processing_times(GroupBy::Unit, &q)),
        "byCopy": v(t.processing_times(GroupBy::Copy, &q)),
        "byType": v(t.processing_times(GroupBy::Type, &q)),
        "bottlenecks": v(t.bottlenecks(10, &q)),
        "overdue": v(t.overdue(&OverdueOptions::default(), &q)),
        "report": v(t.report(&ReportOptions::default(), &q)),
        "egov": v(t.egov(EgovBy::Level, &q)),
        "timeline": v(t.timeline(Bucket::Week, &q)),
        "memory": t.store().events.len(),
        "units": t.store().units.len(),
        "documents": t.store().documents.len(),
    })
}

fn restore(bytes: &[u8]) -> Tracker {
    Tracker::from_bytes(bytes, TrackerOptions::default()).unwrap()
}

#[test]
fn a_generated_province_restores_to_the_same_analyses_and_bytes() {
    let log = GeneratedLog::generate(&GeneratorOptions {
        seed: Some(7),
        events: 20_000,
        problems: vec![Problem::SlowUnit { unit: None, factor: 3.0 }, Problem::PaperUnit { unit: None }],
        ..GeneratorOptions::default()
    });
    let mut t = Tracker::new(TrackerOptions::default());
    log.load_into(&mut t);
    let bytes = t.to_bytes();
    assert!(bytes.starts_with(MAGIC));
    let r = restore(&bytes);
    assert_eq!(analyses(&r), analyses(&t));
    assert_eq!(r.to_bytes(), bytes);
    // Narrow numbers: well under the store's 29 bytes an event.
    assert!(bytes.len() < t.store().events.len() * 16, "{} bytes", bytes.len());
}

/// Everything a store can hold: unit validity, successors and names, document attributes past
/// the short list, sends to several units with deadlines, channels known and new, actors and
/// notes, and a document moved by a late event (its old slots garbage until compaction).
fn rich_tracker() -> Tracker {
    let mut t = tracker();
    let r = t.add_units([
        UnitRecord {
            id: "D",
            valid_to: Some(TimeValue::Millis(T + 500 * H)),
            successor: Some("P"),
            ..Default::default()
        },
        UnitRecord {
            id: "Z",
            name: Some("Xã <Z> & \"mới\""),
            level: Some("commune"),
            parent: Some("P"),
            ..Default::default()
        },
    ]);
    assert!(r.rejected.is_empty(), "{r:?}");
    let keys: Vec<String> = (0..12).map(|k| format!("k{k}")).collect();
    let r = t.add_documents([DocumentRecord {
        id: "d6",
        number: Some("12/UBND-VP"),
        subject: Some("Báo cáo tình hình"),
        signed: Some(true),
        format: Some("electronic"),
        issuer: Some("P"),
        urgency: Some("very-urgent"),
        due: Some(TimeValue::Text("2026-03-20")),
        attributes: keys.iter().map(|k| (k.as_str(), "v")).collect(),
        ..Default::default()
    }]);
    assert!(r.rejected.is_empty(), "{r:?}");
    let to = ["X", "Y", "Z"];
    let r = t.add_events([
        EventRecord {
            to: Targets::Many(&to),
            due: Some(TimeValue::Millis(T + 72 * H)),
            channel: Some("axis"),
            actor: Some("Văn thư"),
            note: Some("gửi ba xã"),
            ..EventRecord::new("d6", "P", "sent", TimeValue::Millis(T + 2 * H))
        },
        EventRecord { channel: Some("thư điện tử"), ..ev("d6", "X", "arrived", 3, None) },
        ev("d6", "Y", "arrived", 4, None),
        ev("d6", "Z", "completed", 30, None),
    ]);
    assert_eq!((r.accepted, r.rejected.len()), (4, 0), "{r:?}");
    // A late event of d1, stored before d6: d1 moves to the end of the columns.
    let r = t.add_events([ev("d1", "X", "processing", 29, None)]);
    assert_eq!(r.accepted, 1);
    t
}

#[test]
fn everything_a_store_holds_restores() {
    let t = rich_tracker();
    let bytes = t.to_bytes();
    let r = restore(&bytes);
    assert_eq!(analyses(&r), analyses(&t));
    assert_eq!(r.to_bytes(), bytes);
    let (a, b) = (t.store(), r.store());
    assert_eq!(b.events.channel_names, a.events.channel_names);
    assert_eq!(b.units.successor, a.units.successor);
    assert_eq!(b.documents.attributes, a.documents.attributes);
    let d6 = b.documents.find("d6").unwrap();
    assert_eq!(b.events.of_doc(d6).len(), 4);
    // The restored store loads on: a new event, an attribute upsert past the short list.
    let mut r = r;
    let rep = r.add_events([ev("d6", "Y", "completed", 40, None)]);
    assert_eq!(rep.accepted, 1);
    let rep = r.add_documents([DocumentRecord { id: "d6", attributes: vec![("k1", "w")], ..Default::default() }]);
    assert_eq!(rep.accepted, 1);
    assert_eq!(r.store().documents.attributes.len(), a.documents.attributes.len());
}

#[test]
fn a_store_that_is_not_one_is_refused_by_name() {
    let e = Tracker::from_bytes(b"doc,unit,action,at\n", TrackerOptions::default()).err().unwrap();
    assert_eq!(e.part, "header");
    let mut bytes = tracker().to_bytes();
    bytes.push(0);
    let e = Tracker::from_bytes(&bytes, TrackerOptions::default()).err().unwrap();
    assert_eq!(e.part, "store.span");
    let e = Tracker::from_bytes(MAGIC, TrackerOptions::default()).err().unwrap();
    assert_eq!((e.part, e.message.as_str()), ("units.ids", "the file ends early"));
    // An empty tracker saves and restores.
    let empty = Tracker::new(TrackerOptions::default());
    assert_eq!(restore(&empty.to_bytes()).store().events.len(), 0);
}

/// Every prefix of a saved store, and every byte changed to a few values: an error, or a store
/// on which every analysis runs (a panic fails the test).
#[test]
fn cut_or_changed_bytes_never_panic() {
    let bytes = rich_tracker().to_bytes();
    let mut restored = 0;
    for n in 0..bytes.len() {
        assert!(Tracker::from_bytes(&bytes[..n], TrackerOptions::default()).is_err(), "prefix {n}");
    }
    for i in MAGIC.len()..bytes.len() {
        for x in [0u8, 1, 2, 0x7f, 0x80, 0xff, bytes[i] ^ 1, bytes[i].wrapping_add(1)] {
            let mut b = bytes.clone();
            b[i] = x;
            if let Ok(t) = Tracker::from_bytes(&b, TrackerOptions::default()) {
                restored += 1;
                analyses(&t);
                t.to_bytes();
            }
        }
    }
    // Most single changes (a time, a text byte, an id still in range) still make a store.
    assert!(restored > bytes.len(), "{restored} of {} changes restored", bytes.len() * 8);
}

#[test]
fn out_of_order_times_and_cycles_are_refused() {
    // Two units, each the other's parent.
    let mut t = Tracker::new(TrackerOptions::default());
    t.add_units([
        UnitRecord { id: "A", level: Some("province"), ..Default::default() },
        UnitRecord { id: "B", level: Some("province"), parent: Some("A"), ..Default::default() },
    ]);
    let bytes = t.to_bytes();
    // The parent column: 2 numbers of 1 byte, none (0) and A (1). A's parent becomes B (2).
    let parents = bytes.windows(7).position(|w| w == [2, 0, 0, 0, 1, 0, 1]).unwrap();
    let mut b = bytes.clone();
    b[parents + 5] = 2;
    let e = Tracker::from_bytes(&b, TrackerOptions::default()).err().unwrap();
    assert_eq!(e.part, "units.parent");

    // d1's first two events swapped in time.
    let t = tracker();
    let bytes = t.to_bytes();
    // Times are written after the earliest (T), plus one, in 4 bytes here: d1's first two
    // events, at T and T + 1 h, are 1 and 3 600 001.
    let (at0, at1) = (1u32.to_le_bytes(), (H as u32 + 1).to_le_bytes());
    let i = bytes.windows(8).position(|w| w[..4] == at0 && w[4..] == at1).unwrap();
    let mut b = bytes.clone();
    b[i..i + 4].copy_from_slice(&at1);
    b[i + 4..i + 8].copy_from_slice(&at0);
    let e = Tracker::from_bytes(&b, TrackerOptions::default()).err().unwrap();
    assert_eq!(e.part, "events.at");
    assert!(e.to_string().contains("\"d1\""), "{e}");
}

/// Random changes of several bytes at once (seeded, so a failure repeats): an error, or a
/// store on which every analysis runs.
#[test]
fn random_changes_never_panic() {
    let bytes = rich_tracker().to_bytes();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut restored = 0;
    for _ in 0..3_000 {
        let mut b = bytes.clone();
        for _ in 0..1 + next() % 6 {
            let i = MAGIC.len() + (next() as usize) % (b.len() - MAGIC.len());
            b[i] = match next() % 4 {
                0 => 0,
                1 => 0xff,
                2 => b[i].wrapping_add(1),
                _ => next() as u8,
            };
        }
        if next() % 8 == 0 {
            let cut = (next() as usize) % b.len();
            b.truncate(cut);
        }
        if let Ok(t) = Tracker::from_bytes(&b, TrackerOptions::default()) {
            restored += 1;
            analyses(&t);
        }
    }
    assert!(restored > 100, "{restored} of 3000 restored");
}

#[test]
fn a_span_unlike_the_events_and_a_cycle_of_mergers_are_refused() {
    // The last bytes are the span's latest time.
    let mut b = tracker().to_bytes();
    let last = b.len() - 1;
    b[last] ^= 1;
    assert_eq!(Tracker::from_bytes(&b, TrackerOptions::default()).err().unwrap().part, "store.span");

    let mut t = Tracker::new(TrackerOptions::default());
    let r = t.add_units([
        UnitRecord { id: "A", successor: Some("B"), ..Default::default() },
        UnitRecord { id: "B", ..Default::default() },
    ]);
    assert_eq!(r.accepted, 2);
    let bytes = t.to_bytes();
    // The successor column: 2 numbers of 1 byte, B (2) and none (0); B's becomes A (1).
    let at = bytes.windows(7).position(|w| w == [2, 0, 0, 0, 1, 2, 0]).unwrap();
    let mut b = bytes.clone();
    b[at + 6] = 1;
    let e = Tracker::from_bytes(&b, TrackerOptions::default()).err().unwrap();
    assert_eq!(e.part, "units.successor", "{e}");
    // An id the loaders would have trimmed.
    let mut t = Tracker::new(TrackerOptions::default());
    t.add_units([UnitRecord { id: "Q", ..Default::default() }]);
    let mut b = t.to_bytes();
    let q = b.iter().position(|&c| c == b'Q').unwrap();
    b[q] = b' ';
    assert_eq!(Tracker::from_bytes(&b, TrackerOptions::default()).err().unwrap().part, "units.ids");
}
