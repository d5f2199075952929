//! A saved store (`Tracker::to_bytes` / `Tracker::from_bytes`): restored, it gives every
//! analysis the same answer, and saves to the same bytes; bytes cut or changed anywhere are
//! refused with the part at fault, or restore a store the analyses run on without a panic.

mod common;

use common::{ev, tracker, H, T};
use lienthong::analysis::{Bucket, DfgKey, EgovBy, GroupBy, OverdueOptions, ReportOptions};
use lienthong::generator::{GeneratedLog, GeneratorOptions, Problem};
use lienthong::ingest::{DocumentRecord, EventRecord, Targets, TimeValue, UnitRecord};
use lienthong::store::snapshot::{Restorer, SnapshotError, MAGIC};
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
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
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

/// Restores `bytes` given to a [`Restorer`] in pieces cut at `cuts` (sorted offsets), with the
/// length announced or not.
fn restore_in_pieces(bytes: &[u8], cuts: &[usize], announced: bool) -> Result<Tracker, SnapshotError> {
    let mut r = Restorer::new(announced.then_some(bytes.len()));
    let mut at = 0;
    for &cut in cuts.iter().chain([&bytes.len()]) {
        r.push(&bytes[at..cut])?;
        at = cut;
    }
    Tracker::from_restored(r, TrackerOptions::default())
}

/// A seeded xorshift: failures repeat.
fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Pieces of any size, announced or not, restore the store `from_bytes` restores: the same
/// bytes saved again and the same analyses. Pieces of one byte, of a part and a few bytes,
/// random cuts, and the whole at once.
#[test]
fn a_store_given_in_pieces_restores_as_at_once() {
    let log =
        GeneratedLog::generate(&GeneratorOptions { seed: Some(11), events: 5_000, ..GeneratorOptions::default() });
    let mut t = Tracker::new(TrackerOptions::default());
    log.load_into(&mut t);
    for bytes in [t.to_bytes(), rich_tracker().to_bytes(), Tracker::new(TrackerOptions::default()).to_bytes()] {
        let whole = analyses(&restore(&bytes));
        let mut next = xorshift(bytes.len() as u64 | 1);
        let mut random: Vec<usize> = (0..40).map(|_| next() as usize % bytes.len()).collect();
        random.sort_unstable();
        let small = bytes.len() < 5_000;
        let ones: Vec<usize> = if small { (1..bytes.len()).collect() } else { (1..bytes.len()).step_by(997).collect() };
        for (cuts, announced) in
            [(vec![], true), (random.clone(), true), (random, false), (ones.clone(), false), (ones, true)]
        {
            let r = restore_in_pieces(&bytes, &cuts, announced).unwrap();
            assert_eq!(r.to_bytes(), bytes, "{} cuts, announced {announced}", cuts.len());
            assert_eq!(analyses(&r), whole);
        }
    }
}

/// Cut short, longer than announced, or changed: in pieces, the same refusal (the same part)
/// as at once, and never a panic.
#[test]
fn a_store_in_pieces_is_refused_as_at_once() {
    let bytes = rich_tracker().to_bytes();
    let part = |r: Result<Tracker, SnapshotError>| r.err().map(|e| e.part);
    for n in 0..bytes.len() {
        let at_once = part(Tracker::from_bytes(&bytes[..n], TrackerOptions::default()));
        assert_eq!(part(restore_in_pieces(&bytes[..n], &[n / 2], true)), at_once, "prefix {n}");
        // Without a length, a count of events too large for the bytes is found at the events.
        assert!(restore_in_pieces(&bytes[..n], &[n / 3], false).is_err(), "prefix {n}");
        // Announced whole, then cut: refused at the end.
        let mut r = Restorer::new(Some(bytes.len()));
        r.push(&bytes[..n]).unwrap();
        assert!(r.finish().is_err(), "prefix {n} of an announced length");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    let mut r = Restorer::new(Some(bytes.len()));
    assert_eq!(r.push(&longer).err().unwrap().part, "store.span");
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    for _ in 0..2_000 {
        let mut b = bytes.clone();
        for _ in 0..1 + next() % 4 {
            let i = MAGIC.len() + next() as usize % (b.len() - MAGIC.len());
            b[i] = next() as u8;
        }
        let mut cuts: Vec<usize> = (0..1 + next() % 6).map(|_| next() as usize % b.len()).collect();
        cuts.sort_unstable();
        let at_once = Tracker::from_bytes(&b, TrackerOptions::default());
        for announced in [true, false] {
            let pieces = restore_in_pieces(&b, &cuts, announced);
            match (&at_once, &pieces) {
                (Ok(a), Ok(p)) => assert_eq!(a.to_bytes(), p.to_bytes()),
                // Without a length, a forged count of events is refused at the events instead.
                (Err(a), Err(p)) => assert!(a.part == p.part || !announced, "{a} / {p}"),
                _ => panic!("at once {:?}, in pieces {:?}", at_once.as_ref().err(), pieces.as_ref().err()),
            }
        }
    }
}
