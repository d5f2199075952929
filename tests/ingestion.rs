//! Ingestion: validation reports, implicit units and documents, duplicates, appends, and that a
//! bad call never loses what was loaded before.

mod common;
use common::{ev, tracker, H, T};
use lienthong::ingest::{EventInput, EventRecord, TimeValue, UnitRecord};
use lienthong::{Query, Tracker, TrackerOptions};

#[test]
fn bad_records_are_reported_with_index_and_field_and_nothing_is_lost() {
    let mut t = tracker();
    let before = t.summary(&Query::default()).unwrap();
    let bad = vec![
        ev("", "P", "arrived", 1, None),
        EventRecord { at: TimeValue::Text("2026-13-01T08:00"), ..ev("d9", "P", "arrived", 0, None) },
        ev("d9", "", "arrived", 1, None),
        ev("d9", "P", "", 1, None),
        EventRecord { at: TimeValue::Text("hôm qua"), ..ev("d9", "P", "arrived", 0, None) },
        EventRecord { at: TimeValue::Float(f64::NAN), ..ev("d9", "P", "arrived", 0, None) },
    ];
    let r = t.add_events(bad);
    assert_eq!(r.accepted, 0);
    let got: Vec<(usize, &str)> = r.rejected.iter().map(|x| (x.index, x.field.as_str())).collect();
    assert_eq!(got, [(0, "doc"), (1, "at"), (2, "unit"), (3, "action"), (4, "at"), (5, "at")]);
    assert!(r.rejected[1].message.contains("out of range"), "{}", r.rejected[1].message);
    assert!(r.rejected[4].message.contains("\"hôm qua\""), "{}", r.rejected[4].message);
    // Rejected records create nothing.
    assert!(r.created_documents.is_empty() && r.created_units.is_empty());
    assert_eq!(t.summary(&Query::default()).unwrap(), before);
}

#[test]
fn undeclared_units_and_documents_are_created_and_reported() {
    let mut t = Tracker::new(TrackerOptions::default());
    let r = t.add_events([ev("a", "U1", "sent", 0, Some("U2")), ev("a", "U2", "arrived", 1, None)]);
    assert_eq!(r.accepted, 2);
    assert_eq!(r.created_documents, ["a"]);
    assert_eq!(r.created_units, ["U1", "U2"]);
    let s = t.summary(&Query::default()).unwrap();
    assert_eq!((s.units, s.units_without_level), (2, 2));
    // Declaring the unit later gives it a level; events stay attached.
    let r = t.add_units([UnitRecord { id: "U1", level: Some("tỉnh"), ..Default::default() }]);
    assert_eq!(r.accepted, 1);
    assert_eq!(t.summary(&Query::default()).unwrap().units_without_level, 1);
}

#[test]
fn unit_validation() {
    let mut t = Tracker::new(TrackerOptions::default());
    let r = t.add_units([
        UnitRecord { id: "A", level: Some("province"), ..Default::default() },
        UnitRecord { id: "B", level: Some("county"), ..Default::default() },
        UnitRecord { id: "C", parent: Some("A"), level: Some("district"), ..Default::default() },
        UnitRecord { id: "A", parent: Some("C"), ..Default::default() },
        UnitRecord { id: "E", parent: Some("E"), ..Default::default() },
        UnitRecord {
            id: "F",
            valid_from: Some(TimeValue::Text("2025-07-01")),
            valid_to: Some(TimeValue::Text("2025-01-01")),
            ..Default::default()
        },
    ]);
    assert_eq!(r.accepted, 2);
    let got: Vec<(usize, &str)> = r.rejected.iter().map(|x| (x.index, x.field.as_str())).collect();
    assert_eq!(got, [(1, "level"), (3, "parent"), (4, "parent"), (5, "validTo")]);
    assert!(r.rejected[1].message.contains("cycle"));
}

#[test]
fn document_validation_and_upsert() {
    let mut t = Tracker::new(TrackerOptions::default());
    let r = t.add_documents([
        lienthong::ingest::DocumentRecord { id: "a", urgency: Some("hỏa tốc"), ..Default::default() },
        lienthong::ingest::DocumentRecord { id: "b", urgency: Some("whenever"), ..Default::default() },
        lienthong::ingest::DocumentRecord { id: "c", due: Some(TimeValue::Text("31/02/2026")), ..Default::default() },
        lienthong::ingest::DocumentRecord { id: "", ..Default::default() },
    ]);
    assert_eq!(r.accepted, 1);
    let got: Vec<(usize, &str)> = r.rejected.iter().map(|x| (x.index, x.field.as_str())).collect();
    assert_eq!(got, [(1, "urgency"), (2, "due"), (3, "id")]);
    assert_eq!(t.store().documents.urgency[0], lienthong::model::Urgency::Flash);
}

#[test]
fn exact_duplicates_are_skipped_so_a_resent_export_counts_once() {
    let mut t = tracker();
    let before = t.summary(&Query::default()).unwrap();
    let r = t.add_events(common::events());
    assert_eq!(r.accepted, 0);
    assert_eq!(r.duplicates.len(), 32);
    assert_eq!(t.summary(&Query::default()).unwrap(), before);
    // Same time and unit but a different action is not a duplicate; a repeat within one call is.
    let r = t.add_events([
        ev("d5", "S", "processing", 3, None),
        ev("d5", "S", "note", 3, None),
        ev("d5", "S", "note", 3, None),
    ]);
    assert_eq!((r.accepted, r.duplicates.as_slice()), (1, &[0usize, 2][..]));
}

#[test]
fn appending_in_batches_gives_the_same_results_as_one_load() {
    let all = common::events();
    let whole = tracker();
    // In order, cut anywhere; and later events first, cut where no two events of a document
    // share a time (a tie is ordered by arrival at the tracker, so reversing it changes order).
    let cases = [1, 6, 7, 16, 31].map(|s| (s, false)).into_iter().chain([1, 12, 31].map(|s| (s, true)));
    for (split, reversed) in cases {
        let mut t = Tracker::new(TrackerOptions::default());
        t.add_units(common::units());
        t.add_documents(common::documents());
        let (mut a, mut b) = all.split_at(split);
        if reversed {
            std::mem::swap(&mut a, &mut b);
        }
        assert_eq!(t.add_events(a.iter().copied()).accepted + t.add_events(b.iter().copied()).accepted, 32);
        assert_eq!(t.summary(&Query::default()).unwrap(), whole.summary(&Query::default()).unwrap());
        assert_eq!(by_document(&t), by_document(&whole));
        let q = Query::default();
        assert_eq!(
            t.directly_follows(lienthong::analysis::DfgKey::Unit, &q).unwrap(),
            whole.directly_follows(lienthong::analysis::DfgKey::Unit, &q).unwrap()
        );
    }
}

#[test]
fn ties_keep_input_order_across_calls() {
    let mut t = Tracker::new(TrackerOptions::default());
    t.add_events([ev("a", "U", "arrived", 1, None)]);
    t.add_events([ev("a", "U", "accepted", 1, None), ev("a", "U", "sent", 0, Some("V"))]);
    let s = t.store();
    let actions: Vec<&str> = by_document(&t)[0].iter().map(|&(_, a)| s.actions.resolve(a)).collect();
    assert_eq!(actions, ["sent", "arrived", "accepted"]);
}

/// Each document's events as (time, action), in the store's order (the columns themselves may
/// hold garbage slots and documents out of order after appends to old documents).
fn by_document(t: &Tracker) -> Vec<Vec<(i64, lienthong::store::ActionId)>> {
    let ev = &t.store().events;
    (0..t.store().documents.len())
        .map(|d| ev.of_doc(lienthong::store::DocIx::from_index(d)).map(|i| (ev.at[i], ev.action[i])).collect())
        .collect()
}

#[test]
fn json_inputs_and_time_forms() {
    let json = r#"[
        {"doc": "a", "unit": "U", "action": "arrived", "at": "2026-03-02T08:00"},
        {"doc": "a", "unit": "U", "action": "accepted", "at": 1772416800000},
        {"doc": "a", "unit": "U", "action": "completed", "at": "02/03/2026 10:00"},
        {"doc": "a", "unit": "U", "action": "completed"}
    ]"#;
    let inputs: Vec<EventInput> = serde_json::from_str(json).unwrap();
    let mut t = Tracker::new(TrackerOptions::default());
    let r = t.add_events(inputs.iter().map(EventInput::as_record));
    assert_eq!(r.accepted, 3);
    assert_eq!((r.rejected[0].index, r.rejected[0].field.as_str()), (3, "at"));
    assert_eq!(t.store().events.at, [T, T + H, T + 2 * H]);
}

#[test]
fn memory_per_event_is_reported() {
    let t = tracker();
    let m = t.memory();
    assert_eq!(m.events, 32);
    assert!(m.event_bytes >= 32 * 28, "{m:?}");
    assert!(m.bytes_per_event > 0.0);
}

#[test]
fn borrowed_json_events_read_the_same_as_owned_ones() {
    use lienthong::ingest::EventJson;
    use std::borrow::Cow;
    // An escaped string cannot be borrowed: it is copied; plain ones are borrowed.
    let json = r#"[
        {"doc": "a", "unit": "Sở \"Tài chính\"", "action": "arrived", "at": "2026-03-02T08:00", "extra": 1},
        {"doc": "a", "unit": "U", "action": "sent", "at": 1772416800000, "to": "V", "actor": null},
        {"doc": "a", "unit": "U", "action": "completed"}
    ]"#;
    let borrowed: Vec<EventJson> = serde_json::from_str(json).unwrap();
    assert!(matches!(borrowed[0].doc, Cow::Borrowed("a")));
    assert_eq!(borrowed[0].unit, "Sở \"Tài chính\"");
    let owned: Vec<EventInput> = serde_json::from_str(json).unwrap();
    let mut a = Tracker::new(TrackerOptions::default());
    let mut b = Tracker::new(TrackerOptions::default());
    let ra = a.add_events(borrowed.iter().map(EventJson::as_record));
    let rb = b.add_events(owned.iter().map(EventInput::as_record));
    assert_eq!(ra, rb);
    assert_eq!((ra.accepted, ra.rejected[0].index, ra.rejected[0].field.as_str()), (2, 2, "at"));
    assert_eq!(a.store().events.at, [T, T + H]);
    // A wrong type is an error of the whole text here; the JS binding then reads record by record.
    assert!(serde_json::from_str::<Vec<EventJson>>(r#"[{"doc": "a", "at": true}]"#).is_err());
}

#[test]
fn merged_units_keep_validity_and_roll_up_to_their_successor() {
    // Before 1 July 2025: commune X1 under district D; after: merged into the new commune N,
    // directly under the province.
    let mut t = Tracker::new(TrackerOptions::default());
    let r = t.add_units([
        UnitRecord { id: "P", level: Some("province"), ..Default::default() },
        UnitRecord {
            id: "D",
            level: Some("district"),
            parent: Some("P"),
            valid_to: Some(TimeValue::Text("2025-07-01")),
            ..Default::default()
        },
        UnitRecord {
            id: "X1",
            level: Some("commune"),
            parent: Some("D"),
            valid_to: Some(TimeValue::Text("2025-07-01")),
            successor: Some("N"),
            ..Default::default()
        },
        UnitRecord {
            id: "N",
            level: Some("commune"),
            parent: Some("P"),
            valid_from: Some(TimeValue::Text("2025-07-01")),
            ..Default::default()
        },
    ]);
    assert_eq!((r.accepted, r.created_units.as_slice()), (4, &["N".to_string()][..]));
    let u = &t.store().units;
    let (x1, n, d, p) = (u.find("X1").unwrap(), u.find("N").unwrap(), u.find("D").unwrap(), u.find("P").unwrap());
    assert_eq!(u.current(x1), n);
    assert_eq!(u.current(n), n);
    assert_eq!(u.valid_to[x1.index()], Some(1_751_302_800_000)); // 2025-07-01T00:00+07:00
    assert!(u.is_within(x1, d) && u.is_within(x1, p) && u.is_within(n, p) && !u.is_within(n, d));
    // The declared N (created by X1's successor link first) has its level and parent now.
    assert_eq!(u.level[n.index()], Some(lienthong::model::Level::Commune));
}

/// Issue 10, point 5: one grammar of times for every record field; everything else is rejected
/// with the field and the value, and the good records of the batch load.
#[test]
fn times_outside_the_grammar_are_rejected_with_field_and_value() {
    use lienthong::ingest::DocumentRecord;
    let mut t = Tracker::new(TrackerOptions::default());
    let at = |a| EventRecord::new("d", "P", "arrived", a);
    let r = t.add_events([
        at(TimeValue::Text("20210626080000")),         // 0: digit string, not epoch ms
        at(TimeValue::Text("1624669200000")),          // 1: ditto
        at(TimeValue::Text("2021-06-26T08:00:60")),    // 2: leap second
        at(TimeValue::Text("2021-06-26T08:00+18:30")), // 3: offset past ±18:00
        at(TimeValue::Text("0021-06-26T08:00")),       // 4: two-digit year typed as 0021
        at(TimeValue::Millis(20_210_626_080_000)),     // 5: year 2610
        at(TimeValue::Float(-3e12)),                   // 6: 1874
        at(TimeValue::Float(f64::NAN)),                // 7: NaN (an invalid Date)
        EventRecord { due: Some(TimeValue::Float(f64::NAN)), ..at(TimeValue::Millis(T)) }, // 8: NaN due
        EventRecord { due: Some(TimeValue::Text("2300-01-01")), ..at(TimeValue::Millis(T)) }, // 9
        at(TimeValue::Text("2021-06-26 08:00:00.250+07:00")), // 10: fine
        at(TimeValue::Text("26/06/2021 08:00:30")),    // 11: fine
        at(TimeValue::Float(1_624_669_200_000.0)),     // 12: fine
    ]);
    let got: Vec<(usize, &str)> = r.rejected.iter().map(|x| (x.index, x.field.as_str())).collect();
    assert_eq!(
        got,
        [
            (0, "at"),
            (1, "at"),
            (2, "at"),
            (3, "at"),
            (4, "at"),
            (5, "at"),
            (6, "at"),
            (7, "at"),
            (8, "due"),
            (9, "due")
        ]
    );
    assert_eq!(r.accepted, 3);
    let msg = |i: usize| r.rejected[i].message.as_str();
    assert!(msg(0).contains("digit string") && msg(0).contains("\"20210626080000\""), "{}", msg(0));
    assert!(msg(2).contains("out of range") && msg(2).contains("08:00:60"), "{}", msg(2));
    assert!(msg(3).contains("offset") && msg(3).contains("+18:30"), "{}", msg(3));
    assert!(msg(4).contains("1900–2199") && msg(4).contains("0021"), "{}", msg(4));
    assert!(msg(5).contains("1900–2199") && msg(5).contains("20210626080000"), "{}", msg(5));
    assert!(msg(7).contains("finite") && msg(7).contains("NaN"), "{}", msg(7));
    assert!(msg(8).contains("finite") && msg(8).contains("NaN"), "{}", msg(8));
    assert!(msg(9).contains("1900–2199") && msg(9).contains("2300-01-01"), "{}", msg(9));
    // A long bad value is quoted by a short prefix.
    let long = format!("2021-06-26T08:00{}", "x".repeat(10_000));
    let r = t.add_events([at(TimeValue::Text(&long))]);
    assert!(r.rejected[0].message.len() < 300, "{}", r.rejected[0].message.len());

    // Documents' due and units' validity follow the same grammar.
    let r = t.add_documents([
        DocumentRecord { id: "a", due: Some(TimeValue::Float(f64::NAN)), ..Default::default() },
        DocumentRecord { id: "b", due: Some(TimeValue::Text("20210701")), ..Default::default() },
        DocumentRecord { id: "c", due: Some(TimeValue::Text("01/07/2021")), ..Default::default() },
    ]);
    let got: Vec<(usize, &str)> = r.rejected.iter().map(|x| (x.index, x.field.as_str())).collect();
    assert_eq!((got, r.accepted), (vec![(0, "due"), (1, "due")], 1));
    let r = t.add_units([
        UnitRecord { id: "U", valid_from: Some(TimeValue::Text("1899-12-31")), ..Default::default() },
        UnitRecord { id: "V", valid_to: Some(TimeValue::Millis(i64::MAX)), ..Default::default() },
        UnitRecord { id: "W", valid_from: Some(TimeValue::Text("1900-01-01")), ..Default::default() },
    ]);
    let got: Vec<(usize, &str)> = r.rejected.iter().map(|x| (x.index, x.field.as_str())).collect();
    assert_eq!((got, r.accepted), (vec![(0, "validFrom"), (1, "validTo")], 1));
}

/// The accepted range of years is enforced on queries too.
#[test]
fn query_times_outside_the_range_are_rejected() {
    use lienthong::model::time::{EARLIEST_INSTANT, LATEST_INSTANT};
    let t = tracker();
    for q in [
        Query { as_of: Some(LATEST_INSTANT + 1), ..Default::default() },
        Query { from: Some(EARLIEST_INSTANT - 1), ..Default::default() },
        Query { to: Some(i64::MAX), ..Default::default() },
    ] {
        let e = t.summary(&q).unwrap_err().to_string();
        assert!(e.contains("1900–2199") && e.contains("query."), "{e}");
    }
    assert!(t.summary(&Query { from: Some(EARLIEST_INSTANT), to: Some(LATEST_INSTANT), ..Default::default() }).is_ok());
}

/// Issue 10, point 7: many events at one time of one document are checked for duplicates by a
/// hash of the run, not a scan; duplicates are still found, within a call and across calls.
#[test]
fn long_runs_at_one_time_still_find_every_duplicate() {
    let actors: Vec<String> = (0..2000).map(|i| format!("a{i}")).collect();
    let run = |from: usize, to: usize| {
        actors[from..to]
            .iter()
            .map(|a| EventRecord {
                actor: Some(a.as_str()),
                ..EventRecord::new("d", "P", "processing", TimeValue::Millis(T))
            })
            .collect::<Vec<_>>()
    };
    let mut t = Tracker::new(TrackerOptions::default());
    let mut first = run(0, 1500);
    first.extend(run(1000, 1010)); // duplicates within the call, deep in the run
    let r = t.add_events(first);
    assert_eq!((r.accepted, r.duplicates.len()), (1500, 10));
    assert_eq!(r.duplicates, (1500..1510).collect::<Vec<_>>());
    // Re-sent with new ones, in another order: only the new ones load.
    let mut again = run(1400, 2000);
    again.reverse();
    let r = t.add_events(again);
    assert_eq!((r.accepted, r.duplicates.len()), (500, 100));
    // Sends to several units compare by their targets.
    let to = ["X", "Y"];
    let send = || {
        (0..40).map(|i| EventRecord {
            to: lienthong::ingest::Targets::Many(&to),
            actor: Some(actors[i].as_str()),
            ..EventRecord::new("d", "P", "sent", TimeValue::Millis(T + H))
        })
    };
    assert_eq!(t.add_events(send()).accepted, 40);
    let r = t.add_events(send());
    assert_eq!((r.accepted, r.duplicates.len()), (0, 40));
    assert_eq!(t.summary(&Query::default()).unwrap().events, 2040);
}

/// Re-sending a deep chain of units is linear (the unchanged parent links need no walk), and a
/// parent link that would close a cycle is still refused.
#[test]
fn deep_unit_chains_upsert_and_cycles_are_still_refused() {
    let ids: Vec<String> = (0..5000).map(|i| format!("u{i}")).collect();
    let chain = || {
        ids.iter().enumerate().map(|(i, u)| UnitRecord {
            id: u,
            parent: (i > 0).then(|| ids[i - 1].as_str()),
            ..Default::default()
        })
    };
    let mut t = Tracker::new(TrackerOptions::default());
    assert_eq!(t.add_units(chain()).accepted, 5000);
    assert_eq!(t.add_units(chain()).accepted, 5000);
    let r = t.add_units([UnitRecord { id: "u0", parent: Some("u4999"), ..Default::default() }]);
    assert_eq!((r.accepted, r.rejected[0].field.as_str()), (0, "parent"));
    // A leaf may move anywhere; a unit with children may not go under its own subtree.
    assert_eq!(t.add_units([UnitRecord { id: "u4999", parent: Some("u0"), ..Default::default() }]).accepted, 1);
    let r = t.add_units([UnitRecord { id: "u10", parent: Some("u4998"), ..Default::default() }]);
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(t.add_units([UnitRecord { id: "u10", parent: Some("u4999"), ..Default::default() }]).accepted, 1);
}

/// Issue 10 point 6: ids and names compare trimmed and composed to NFC, so the precomposed
/// spelling (UTF-8 keyboards), the decomposed one (Windows-1258, macOS) and a padded one are one
/// unit and one document, in records, parents, `to`, queries and lookups.
#[test]
fn ids_compare_trimmed_and_composed() {
    let nfc = "Sở Nội vụ";
    let nfd = "So\u{31B}\u{309} No\u{302}\u{323}i vu\u{323}";
    let doc_nfd = "Công văn 12/UBND-VP"; // composed already: ô
    let doc_pad = "  Co\u{302}ng va\u{306}n 12/UBND-VP\t";
    let padded = format!(" {nfc} ");
    let mut t = Tracker::new(TrackerOptions::default());
    let r = t.add_units([
        UnitRecord { id: "P", name: Some("  UBND tỉnh "), level: Some("province"), ..Default::default() },
        UnitRecord { id: nfd, name: Some(nfd), level: Some("province"), parent: Some(" P "), ..Default::default() },
        // The same unit again, spelled precomposed and padded: an update, not a second unit, and
        // not its own parent.
        UnitRecord { id: &padded, parent: Some(nfc), ..Default::default() },
    ]);
    assert_eq!(r.accepted, 2, "{:?}", r.rejected);
    assert_eq!(r.rejected.len(), 1);
    assert_eq!((r.rejected[0].index, r.rejected[0].field.as_str()), (2, "parent"));
    let e = t.add_events([
        ev(doc_nfd, "P", "sent", 0, Some(nfd)),
        ev(doc_pad, nfc, "arrived", 1, None),
        ev(doc_pad, &format!("{nfd} "), "completed", 3, None),
    ]);
    assert_eq!(e.accepted, 3, "{:?}", e.rejected);
    assert_eq!(e.created_documents, [doc_nfd]);
    assert!(e.created_units.is_empty(), "{:?}", e.created_units);
    let store = t.store();
    assert_eq!((store.units.len(), store.documents.len()), (2, 1));
    let u = store.units.find(nfd).unwrap();
    assert_eq!(store.units.find(&format!("\t{nfc}")), Some(u));
    assert_eq!(store.units.id(u), nfc);
    assert_eq!(store.texts.resolve(store.units.name[u.index()]), nfc);
    assert_eq!(store.texts.resolve(store.units.name[store.units.find("P").unwrap().index()]), "UBND tỉnh");
    // A query naming the unit in either spelling selects it.
    let by = |id: &str| t.summary(&Query { units: vec![id.to_string()], ..Query::default() }).unwrap();
    assert_eq!(by(nfd), by(nfc));
    assert_eq!(by(nfd).documents, 1);
}

#[test]
fn a_cycle_of_mergers_is_refused() {
    let mut t = Tracker::new(TrackerOptions::default());
    let unit = |id, successor| UnitRecord { id, successor: Some(successor), ..Default::default() };
    let r = t.add_units([unit("A", "B"), unit("B", "C")]);
    assert_eq!((r.accepted, r.rejected.len()), (2, 0));
    let r = t.add_units([unit("C", "A"), unit("C", "C"), unit("D", "A")]);
    assert_eq!(r.accepted, 2, "{r:?}");
    assert_eq!((r.rejected[0].index, r.rejected[0].field.as_str()), (0, "successor"));
    assert!(r.rejected[0].message.contains("cycle"), "{}", r.rejected[0].message);
    // A self-merger reads as none (as before); D rolls up to C through A and B.
    let s = t.store();
    let (c, d) = (s.units.find("C").unwrap(), s.units.find("D").unwrap());
    assert!(s.units.successor[c.index()].is_none());
    assert_eq!(s.units.current(d), c);
}
