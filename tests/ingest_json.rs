//! JSON text of records (`ingest::json`, behind `addUnitsJson`/`addDocumentsJson`/
//! `addEventsJson` and the object methods): the hand reader and serde agree, bad records are
//! rejected alone with index, field and message, text that is not an array is an error with
//! its line, and what was read before the fault stays loaded.

use lienthong::ingest::json::{self, has_lone_surrogate, lone_surrogate_message, remap};
use lienthong::ingest::{EventJson, IngestReport, Rejection};
use lienthong::{Query, Tracker};

/// Every event of the store, as text: document, unit, action, time, targets and deadline,
/// actor, note, channel.
fn dump(t: &Tracker) -> Vec<String> {
    let s = t.store();
    let e = &s.events;
    let mut out = Vec::new();
    for d in 0..s.documents.len() {
        let doc = s.documents.id(lienthong::store::DocIx::from_index(d));
        for i in e.of_doc(lienthong::store::DocIx::from_index(d)) {
            let targets: Vec<&str> = e.sends.units(&e.to[i]).iter().map(|&u| s.units.id(u)).collect();
            out.push(format!(
                "{doc} {} {} {} {targets:?} {:?} {:?} {:?} {:?}",
                s.units.id(e.unit[i]),
                s.actions.resolve(e.action[i]),
                e.at[i],
                e.sends.due(e.to[i]),
                s.texts.resolve_opt(e.actor[i]),
                s.texts.resolve_opt(e.note[i]),
                e.channel_name(e.channel[i]),
            ));
        }
    }
    out
}

/// The events of `text` loaded by `ingest::json` and, record by record, through serde's
/// `EventJson`: the same store and the same report.
fn same_as_serde(text: &str) -> (Tracker, IngestReport) {
    let mut a = Tracker::default();
    let ra = json::load_events(&mut a, text).unwrap();
    let records: Vec<EventJson<'_>> = serde_json::from_str(text).unwrap();
    let mut b = Tracker::default();
    let rb = b.add_events(records.iter().map(EventJson::as_record));
    assert_eq!(dump(&a), dump(&b), "{text}");
    assert_eq!(ra, rb, "{text}");
    (a, ra)
}

#[test]
fn the_hand_reader_and_serde_load_the_same_events() {
    // Plain records (read by hand), records with escapes, unknown fields or null in a required
    // field (read by serde), in one text.
    let text = r#"[
        {"doc":"d1","unit":"P","action":"sent","at":"2026-03-02T08:00","to":["A","B"],"due":"2026-03-05","channel":"axis"},
        {"doc":"d1","unit":"A","action":"arrived","at":1772417000000,"actor":"Lan","note":"nhận"},
        { "doc" : "d1" , "unit" : "A" , "action" : "completed" , "at" : 1772500000000.75 , "to" : null , "due" : null },
        {"doc":"d\u0031","unit":"B","action":"arrived","at":"2026-03-02T10:00","extra":{"x":[1,2]}},
        {"doc":"d2","unit":"P","action":"sent","at":-1.5e13,"to":"A"},
        {"doc":"d2","unit":"A","action":"arrived","at":1772413200000,"to":[],"actor":null,"note":null,"channel":null},
        {"doc":"d2","unit":"A","action":"ghi chú \"x\"","at":"02/03/2026 15:00"},
        {"doc":"d3","unit":"C","action":"processing","at":17724132e5},
        {}
    ]"#;
    let (t, r) = same_as_serde(text);
    assert_eq!(r.accepted, 7);
    // d2's send in 1494 and the empty record are rejected by the loader.
    assert_eq!(r.rejected.iter().map(|x| (x.index, x.field.as_str())).collect::<Vec<_>>(), [(4, "at"), (8, "doc")]);
    let s = t.summary(&Query::default()).unwrap();
    assert_eq!(s.documents, 3);
    // Escaped and plain ids are one document.
    assert_eq!(t.store().documents.find("d1").map(|d| t.store().events.of_doc(d).len()), Some(4));
}

#[test]
fn numbers_read_as_text_where_text_is_expected() {
    let text = r#"[{"doc":123,"unit":7,"action":"sent","at":1772413200000,"to":[8,"B"]},
                   {"doc":"123","unit":"8","action":"arrived","at":1772416800000}]"#;
    let mut t = Tracker::default();
    let r = json::load_events(&mut t, text).unwrap();
    assert_eq!((r.accepted, r.rejected.len()), (2, 0));
    assert_eq!(r.created_documents, ["123"]);
    assert_eq!(r.created_units, ["7", "8", "B"]);
}

fn rejected(r: &IngestReport) -> Vec<(usize, &str, &str)> {
    r.rejected.iter().map(|x| (x.index, x.field.as_str(), x.message.as_str())).collect()
}

#[test]
fn a_bad_record_is_rejected_alone_with_index_field_and_message() {
    let text = r#"[{"doc":"d1","unit":"P","action":"arrived","at":"2026-03-02T08:00"},
        {"doc":"d1","unit":"P","action":"completed","at":true},
        7,
        {"doc":"d1","unit":"P\ud800","action":"completed","at":"2026-03-02T09:00"},
        {"doc":"d1","unit":"P","action":"x","at":"2026-03-02T09:00","\udc00":1},
        {"doc":"d1","unit":"P","action":"sent","at":"2026-03-02T09:00","to":{"a":1}},
        {"doc":["d1"],"unit":"P","action":"x","at":"2026-03-02T09:00"},
        {"doc":"d1","unit":"P","action":"x","at":"31/02/2026"},
        {"doc":"","unit":"P","action":"x","at":0},
        {"doc":"d1","unit":"P","action":"completed","at":"2026-03-02T10:00"}]"#;
    let mut t = Tracker::default();
    let r = json::load_events(&mut t, text).unwrap();
    assert_eq!(r.accepted, 2);
    let lone = lone_surrogate_message("unit");
    let lone_key = lone_surrogate_message("record");
    assert_eq!(
        rejected(&r),
        [
            (1, "at", "at: expected an ISO 8601 string, a Date or epoch milliseconds, got true"),
            (2, "", "expected an object"),
            (3, "unit", lone.as_str()),
            (4, "", lone_key.as_str()),
            (5, "to", r#"to: expected a unit id or an array of unit ids, got {"a":1}"#),
            (6, "doc", r#"doc: expected a string, got ["d1"]"#),
            (7, "at", "date or time field out of range (got \"31/02/2026\")"),
            (8, "doc", "missing document id"),
        ]
    );
    // What loaded is what a clean text would have loaded.
    let mut clean = Tracker::default();
    let good = r#"[{"doc":"d1","unit":"P","action":"arrived","at":"2026-03-02T08:00"},
        {"doc":"d1","unit":"P","action":"completed","at":"2026-03-02T10:00"}]"#;
    json::load_events(&mut clean, good).unwrap();
    assert_eq!(dump(&t), dump(&clean));
}

#[test]
fn lone_surrogates_are_found_escaped_only_when_unpaired() {
    assert!(!has_lone_surrogate(r#""emoji \ud83d\ude00""#));
    assert!(!has_lone_surrogate(r#""\\ud800""#), "an escaped backslash, then text");
    for bad in [r#""\ud83d""#, r#""\ude00""#, r#""\ud83dx""#, r#""\ud83d\u0041""#, r#""\ud83d\ud83d\ude00""#] {
        assert!(has_lone_surrogate(bad), "{bad}");
    }
    // A pair is one character; a lone half rejects only its record, naming the field.
    let mut t = Tracker::default();
    let r = json::load_documents(&mut t, r#"[{"id":"ok"},{"id":"x\udc00y"},{"id":"emoji \ud83d\ude00"}]"#).unwrap();
    assert_eq!(r.accepted, 2);
    assert_eq!(rejected(&r), [(1, "id", lone_surrogate_message("id").as_str())]);
    assert!(t.store().documents.find("emoji 😀").is_some());
}

#[test]
fn units_and_documents_of_the_wrong_shape_are_rejected_alone() {
    let mut t = Tracker::default();
    let r = json::load_units(
        &mut t,
        r#"[{"id":"P","level":"province"},{"id":"A","level":5},{"id":"B","parent":"P","validFrom":true},{"id":"C","name":null}]"#,
    )
    .unwrap();
    assert_eq!(r.accepted, 2);
    assert_eq!(
        rejected(&r),
        [
            (1, "level", "unknown level \"5\": expected central, province, district or commune"),
            (2, "validFrom", "validFrom: expected an ISO 8601 string, a Date or epoch milliseconds, got true"),
        ]
    );
    let r = json::load_documents(
        &mut t,
        r#"[{"id":"d1","attributes":{"k":1,"b":true,"n":null}},{"id":"d2","attributes":{"k":[1]}},{"id":"d3","signed":"yes"}]"#,
    )
    .unwrap();
    assert_eq!(r.accepted, 1);
    assert_eq!(
        rejected(&r),
        [
            (1, "attributes", r#"attributes: expected an object of strings, numbers or booleans, got {"k":[1]}"#),
            (2, "signed", r#"signed: expected true or false, got "yes""#),
        ]
    );
    let d1 = t.store().documents.find("d1").unwrap();
    let attrs: Vec<(&str, &str)> = t
        .store()
        .documents
        .attributes
        .iter()
        .filter(|a| a.0 == d1)
        .map(|a| (t.store().texts.resolve(a.1), t.store().texts.resolve(a.2)))
        .collect();
    assert_eq!(attrs, [("b", "true"), ("k", "1")]);
}

#[test]
fn text_that_is_not_an_array_is_an_error_with_its_line() {
    for (text, line) in [
        ("not json", 1),
        (r#"{"doc":"d1"}"#, 1),
        ("[{\"doc\":\n", 2),
        ("[1,]", 1),
        ("[{}{}]", 1),
        ("[]\n x", 2),
        ("", 1),
    ] {
        let mut t = Tracker::default();
        let e = json::load_events(&mut t, text).unwrap_err();
        assert_eq!(e.line, Some(line), "{text:?}: {e}");
        assert!(e.message.starts_with("not a JSON array of records: "), "{text:?}: {e}");
        assert_eq!(t.store().events.len(), 0);
    }
    let e = json::load_events(&mut Tracker::default(), r#"{"doc":"d1"}"#).unwrap_err();
    assert_eq!(e.message, "not a JSON array of records: invalid type: map, expected a sequence at line 1 column 0");
    assert_eq!(json::load_events(&mut Tracker::default(), " [ ] ").unwrap(), IngestReport::default());
}

#[test]
fn records_read_before_a_fault_stay_loaded() {
    let text = r#"[{"doc":"d1","unit":"P","action":"arrived","at":"2026-03-02T08:00"},
                   {"doc":"d1","unit":"P","action":"completed","at":"2026-03-02T10:00"},
                   {"doc":"d2","unit":"P","action":"arrived","at":"2026-03-02T10:00"} oops"#;
    let mut t = Tracker::default();
    let e = json::load_events(&mut t, text).unwrap_err();
    assert_eq!(e.line, Some(3));
    assert_eq!(t.store().events.len(), 3);
    // Loading the repaired text again changes nothing: the events are exact duplicates.
    let fixed = text.replace(" oops", "]");
    let r = json::load_events(&mut t, &fixed).unwrap();
    assert_eq!((r.accepted, r.duplicates.len()), (0, 3));
}

#[test]
fn duplicates_and_warnings_keep_their_record_index() {
    let text = r#"[{"id":"O","validFrom":"2026-04-01"}]"#;
    let mut t = Tracker::default();
    json::load_units(&mut t, text).unwrap();
    let text = r#"[7,{"doc":"d","unit":"O","action":"arrived","at":"2026-03-02T08:00"},
                   {"doc":"d","unit":"O","action":"arrived","at":"2026-03-02T08:00"}]"#;
    let r = json::load_events(&mut t, text).unwrap();
    assert_eq!(r.duplicates, [2]);
    // Both events are at O before it existed (the duplicate is checked later, when merging).
    assert_eq!(r.warnings.iter().map(|w| (w.index, w.field.as_str())).collect::<Vec<_>>(), [(1, "unit"), (2, "unit")]);
}

#[test]
fn messages_quote_a_short_prefix_of_a_long_value() {
    let long = "x".repeat(10_000);
    let text = format!(
        r#"[{{"doc":"d","unit":"P","action":"x","at":"{long}"}},{{"doc":"d","unit":"P","action":"x","at":[{long:?}]}}]"#
    );
    let r = json::load_events(&mut Tracker::default(), &text).unwrap();
    assert_eq!(r.rejected.len(), 2);
    for x in &r.rejected {
        assert!(x.message.chars().count() < 200, "{}", x.message);
        assert!(x.message.contains("xxx…"), "{}", x.message);
    }
}

#[test]
fn remap_gives_the_callers_positions() {
    // A caller handed over records 0, 2 and 3 of its array; record 1 it rejected itself.
    let mut t = Tracker::default();
    let text = r#"[{"doc":"d","unit":"P","action":"x","at":"bad"},{"doc":"d","unit":"P","action":"x","at":"2026-03-02T08:00"},
                   {"doc":"d","unit":"P","action":"x","at":"2026-03-02T08:00"}]"#;
    let r = json::load_events(&mut t, text).unwrap();
    let own =
        Rejection { index: 1, line: None, column: None, field: "at".into(), message: "cannot be read: boom".into() };
    let r = remap(r, &[0, 2, 3], vec![own]);
    assert_eq!(r.rejected.iter().map(|x| (x.index, x.field.as_str())).collect::<Vec<_>>(), [(0, "at"), (1, "at")]);
    assert_eq!(r.duplicates, [3]);
}

#[test]
fn plain_values_read_and_write_as_serde_json_values_do() {
    use lienthong::ingest::json::Plain;
    for text in [
        r#"{"b":1,"a":[true,null,-2,1.5,1e21,"x\"\n\u00e9"],"c":{"z":{},"y":[]},"a2":18446744073709551615}"#,
        r#"{"k":1,"k":2,"j":"\ud83d\ude00"}"#,
        "[]",
        "\"text\"",
        "-0.0",
    ] {
        let plain = Plain::parse(text).unwrap();
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(plain.to_string(), value.to_string(), "{text}");
        assert_eq!(plain, Plain::from(&value), "{text}");
    }
    // Objects are sorted by key, a later duplicate replacing an earlier one.
    let p = Plain::parse(r#"{"b":1,"a":2,"b":3}"#).unwrap();
    let keys: Vec<&str> = p.as_object().unwrap().iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["a", "b"]);
    assert_eq!(p.as_object().unwrap()[1].1.as_f64(), Some(3.0));
    // Errors are serde_json's.
    for bad in [r#"{"a":"\ud800"}"#, "[1,]", &"[".repeat(200)] {
        let e = Plain::parse(bad).unwrap_err().to_string();
        assert_eq!(e, serde_json::from_str::<serde_json::Value>(bad).unwrap_err().to_string());
    }
}

#[test]
fn units_and_documents_read_as_serde_reads_their_structs() {
    use lienthong::ingest::{DocumentInput, UnitInput};
    // Escapes, nulls, numbers and text for times, unknown and other kinds' fields, a record
    // given as an array of its fields in order (serde reads those too).
    let units = r#"[{"id":"P","name":"T\u1ec9nh","level":"province","validFrom":1700000000000,"x":[1]},
        {"id":"A","parent":"P","level":"district","validTo":"2026-01-01","successor":null,"doc":"d"},
        ["B","Xã B","commune","A"], [], {"name":"no id"}]"#;
    let mut a = Tracker::default();
    let ra = json::load_units(&mut a, units).unwrap();
    let inputs: Vec<UnitInput> = serde_json::from_str(units).unwrap();
    let mut b = Tracker::default();
    let rb = b.add_units(inputs.iter().map(UnitInput::as_record));
    assert_eq!(ra, rb);
    assert_eq!(format!("{:?}", a.store().units), format!("{:?}", b.store().units));
    let docs = r#"[{"id":"d1","number":"1/UBND","type":"c\u00f4ng v\u0103n","urgency":"urgent","due":"2026-03-05",
        "issuer":"P","subject":"s","attributes":{"k":"v","a":"b","k":"w"},"signed":true,"format":"paper","unit":5},
        {"id":"d2","due":1772413200000,"signed":null,"attributes":{}},
        ["d3","2/QD",null,"flash",null,"A","t",{"x":"y"},false,"electronic"], ["d4"]]"#;
    let ra = json::load_documents(&mut a, docs).unwrap();
    let inputs: Vec<DocumentInput> = serde_json::from_str(docs).unwrap();
    let rb = b.add_documents(inputs.iter().map(DocumentInput::as_record));
    assert_eq!(ra, rb);
    assert_eq!(format!("{:?}", a.store().documents), format!("{:?}", b.store().documents));
    let events = r#"[["d1","P","sent","2026-03-02T08:00",["A","B"],"2026-03-05","Lan","n","axis"],
        {"doc":"d1","unit":"A","action":"arrived","at":"2026-03-02T09:00","to":"P\u0041","id":"x","due":null}]"#;
    same_as_serde(events);
    // A field given twice, or null where an id is required: read again, or rejected alone.
    let mut t = Tracker::default();
    let r = json::load_units(&mut t, r#"[{"id":"Q","id":"R"},{"id":null},{"id":"S","name":"a","name":null}]"#).unwrap();
    assert_eq!(r.accepted, 2);
    assert_eq!(rejected(&r), [(1, "", "invalid type: null, expected a string")]);
    assert!(t.store().units.find("R").is_some() && t.store().units.find("Q").is_none());
}
