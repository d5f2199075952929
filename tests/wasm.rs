//! The JS binding, tested from Rust with wasm-bindgen-test. `scripts/test.sh` runs this file in
//! Node (`cargo test --target wasm32-unknown-unknown --test wasm`) and again in headless
//! Chromium (`WASM_BINDGEN_USE_BROWSER=1`, chromedriver).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Date, Float64Array, Reflect, Uint32Array, Uint8Array, JSON};
use lienthong::wasm::{JsCalendar, JsTracker};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// 2026-03-02T08:00+07:00 and one hour, as in `tests/common`.
const T: f64 = 1_772_413_200_000.0;
const H: f64 = 3_600_000.0;

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, k| Reflect::get(&v, &JsValue::from_str(k)).unwrap())
}

fn num(v: &JsValue, path: &str) -> f64 {
    get(v, path).as_f64().unwrap_or_else(|| panic!("{path} is not a number"))
}

fn text(v: &JsValue, path: &str) -> String {
    get(v, path).as_string().unwrap_or_else(|| panic!("{path} is not a string"))
}

/// The hand-computed log of `tests/common` (units, documents, the 32 events) as JS objects.
fn hand_log() -> JsTracker {
    let mut t = JsTracker::new(JsValue::UNDEFINED).unwrap();
    let units = json(
        r#"[{"id":"C","name":"Bộ Nội vụ","level":"central"},
            {"id":"P","name":"UBND tỉnh","level":"province"},
            {"id":"S","name":"Sở Tài chính","level":"province","parent":"P"},
            {"id":"D","name":"UBND huyện","level":"district","parent":"P"},
            {"id":"X","name":"UBND xã X","level":"commune","parent":"D"},
            {"id":"Y","name":"UBND xã Y","level":"commune","parent":"P"}]"#,
    );
    assert_eq!(num(&t.add_units(units).unwrap(), "accepted"), 6.0);
    let docs = Array::new();
    for (id, ty, urgency, due_h) in [
        ("d1", "công văn", "urgent", Some(48.0)),
        ("d2", "báo cáo", "normal", Some(24.0)),
        ("d3", "công văn", "normal", Some(20.0)),
        ("d4", "tờ trình", "flash", Some(42.0)),
        ("d5", "giấy mời", "normal", None),
    ] {
        let o = json(&format!(r#"{{"id":"{id}","type":"{ty}","urgency":"{urgency}"}}"#));
        if let Some(h) = due_h {
            // A Date for the due time: the binding reads Date objects as well as text and numbers.
            Reflect::set(&o, &"due".into(), &Date::new(&JsValue::from_f64(T + h * H))).unwrap();
        }
        docs.push(&o);
    }
    assert_eq!(num(&t.add_documents(docs.into()).unwrap(), "accepted"), 5.0);
    #[rustfmt::skip]
    let evs: [(&str, &str, &str, f64, Option<&str>); 32] = [
        ("d1", "C", "sent", 0.0, Some("P")), ("d1", "P", "arrived", 1.0, None), ("d1", "P", "accepted", 2.0, None),
        ("d1", "P", "assigned", 4.0, None), ("d1", "P", "processing", 5.0, None), ("d1", "P", "sent", 6.0, Some("D")),
        ("d1", "D", "arrived", 6.0, None), ("d1", "D", "accepted", 8.0, None), ("d1", "D", "sent", 10.0, Some("X")),
        ("d1", "X", "arrived", 14.0, None), ("d1", "X", "completed", 30.0, None),
        ("d2", "X", "arrived", 0.0, None), ("d2", "X", "processing", 2.0, None), ("d2", "X", "sent", 3.0, Some("D")),
        ("d2", "D", "arrived", 3.0, None), ("d2", "D", "sent", 4.0, Some("X")), ("d2", "X", "arrived", 4.0, None),
        ("d2", "X", "sent", 5.0, Some("D")), ("d2", "D", "arrived", 6.0, None), ("d2", "D", "completed", 40.0, None),
        ("d3", "P", "arrived", 10.0, None), ("d3", "P", "accepted", 10.0, None), ("d3", "P", "sent", 12.0, Some("S")),
        ("d3", "S", "arrived", 13.0, None), ("d3", "S", "assigned", 20.0, None),
        ("d4", "Y", "arrived", 20.0, None), ("d4", "Y", "processing", 21.0, None), ("d4", "Y", "sent", 22.0, Some("P")),
        ("d5", "S", "arrived", 1.0, None), ("d5", "S", "processing", 2.0, None), ("d5", "S", "processing", 3.0, None),
        ("d5", "S", "completed", 4.0, None),
    ];
    let arr = Array::new();
    for (doc, unit, action, h, to) in evs {
        let o = json(&format!(r#"{{"doc":"{doc}","unit":"{unit}","action":"{action}","at":{}}}"#, T + h * H));
        if let Some(to) = to {
            Reflect::set(&o, &"to".into(), &to.into()).unwrap();
        }
        arr.push(&o);
    }
    let r = t.add_events(arr.into()).unwrap();
    assert_eq!(num(&r, "accepted"), 32.0);
    assert_eq!(get(&r, "rejected").unchecked_into::<Array>().length(), 0);
    t
}

fn error_code(e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "errors are Error objects, got {e:?}");
    assert_eq!(text(e, "name"), "LienthongError");
    text(e, "code")
}

#[wasm_bindgen_test]
fn summary_matches_the_hand_computed_figures() {
    let t = hand_log();
    let s = t.summary(JsValue::UNDEFINED).unwrap();
    for (k, v) in [
        ("units", 6.0),
        ("documents", 5.0),
        ("events", 32.0),
        ("open", 2.0),
        ("closed", 3.0),
        ("late", 1.0),
        ("overdue", 1.0),
    ] {
        assert_eq!(num(&s, k), v, "{k}");
    }
    assert_eq!(num(&s, "asOf"), T + 40.0 * H);
    assert_eq!(num(&s, "leadTime.sumMs"), 123.0 * H);
    assert!((num(&s, "leadTime.meanMs") / H - 24.6).abs() < 1e-9);
}

#[wasm_bindgen_test]
fn analyses_return_plain_objects_with_camel_case_fields() {
    let t = hand_log();
    let arcs: Array = t.directly_follows(json(r#"{"key":"unit"}"#)).unwrap().unchecked_into();
    assert_eq!(arcs.length(), 10);
    let dx = arcs.iter().find(|a| text(a, "from") == "D" && text(a, "to") == "X").unwrap();
    assert_eq!((num(&dx, "count"), num(&dx, "meanMs"), num(&dx, "sumMs")), (2.0, 2.0 * H, 4.0 * H));
    assert!((num(&dx, "stdevMs") / H - 8f64.sqrt()).abs() < 1e-9);

    // 7 handovers arrived and d4's Y → P is in transit: a handover already.
    let f = t.flow(JsValue::UNDEFINED).unwrap();
    assert_eq!(num(&f, "handovers"), 8.0);
    assert_eq!(num(&f, "levelMatrix.2.3"), 2.0, "district → commune");

    let p = t.processing_times(json(r#"{"by":"unit"}"#)).unwrap();
    let s = get(&p, "groups").unchecked_into::<Array>().iter().find(|g| text(g, "key") == "S").unwrap();
    assert_eq!((num(&s, "calendar.count"), num(&s, "calendar.sumMs")), (2.0, 30.0 * H));
    assert_eq!(num(&s, "split.waiting.sumMs"), 8.0 * H);

    let b = t.bottlenecks(json(r#"{"top":2}"#)).unwrap();
    // The ranking itself is checked natively (tests/hand_computed.rs); here, the shape.
    assert_eq!(num(&b, "units.0.rank"), 1.0);
    assert!(!text(&b, "units.0.reason").is_empty());
    assert!(get(&b, "units").unchecked_into::<Array>().length() <= 2);

    let o = t.overdue(json(r#"{"dueSoonWithin":"2d"}"#)).unwrap();
    assert_eq!(text(&o, "late.0.id"), "d2");
    assert_eq!(text(&o, "late.0.unit"), "D");
    assert_eq!(text(&o, "overdue.0.id"), "d3");
    assert_eq!(text(&o, "dueSoon.0.id"), "d4");
    assert!(get(&o, "byUnit").is_instance_of::<Array>());

    let days: Array = t.timeline(json(r#"{"bucket":"day"}"#)).unwrap().unchecked_into();
    assert_eq!(days.length(), 3);
    assert_eq!(text(&days.get(0), "label"), "2026-03-02");
}

#[wasm_bindgen_test]
fn query_objects_accept_text_dates_and_numbers() {
    let t = hand_log();
    let q = json(r#"{"units":["D"]}"#);
    let s = t.summary(q).unwrap();
    assert_eq!((num(&s, "units"), num(&s, "documents"), num(&s, "events")), (2.0, 2.0, 14.0));
    // asOf 25 h after T, three ways.
    let as_text = json(r#"{"asOf":"2026-03-03T09:00"}"#);
    let as_ms = json(&format!(r#"{{"asOf":{}}}"#, T + 25.0 * H));
    let as_date = json("{}");
    Reflect::set(&as_date, &"asOf".into(), &Date::new(&JsValue::from_f64(T + 25.0 * H))).unwrap();
    for q in [as_text, as_ms, as_date] {
        let o = t.overdue(q).unwrap();
        assert_eq!(num(&o, "asOf"), T + 25.0 * H);
        assert_eq!(get(&o, "overdue").unchecked_into::<Array>().length(), 2);
    }
}

#[wasm_bindgen_test]
fn bad_options_and_queries_throw_lienthong_errors() {
    let e = JsTracker::new(json(r#"{"locale":"fr"}"#)).err().unwrap();
    assert_eq!(error_code(&e), "BAD_OPTION");
    assert_eq!(text(&e, "field"), "locale");
    let e = JsTracker::new(json(r#"{"timeZone":"Mars/Olympus"}"#)).err().unwrap();
    assert_eq!(error_code(&e), "BAD_OPTION");

    let mut t = hand_log();
    let cases = [
        (r#"{"units":["nowhere"]}"#, "UNKNOWN_UNIT"),
        (r#"{"from":"yesterday"}"#, "BAD_QUERY"),
        (r#"{"asof":1}"#, "BAD_QUERY"),
        (r#"{"levels":["galaxy"]}"#, "BAD_QUERY"),
        (r#"{"from":"2026-03-03","to":"2026-03-02"}"#, "BAD_QUERY"),
    ];
    for (q, code) in cases {
        assert_eq!(error_code(&t.summary(json(q)).err().unwrap()), code, "{q}");
    }
    assert_eq!(error_code(&t.directly_follows(json(r#"{"key":"colour"}"#)).err().unwrap()), "BAD_QUERY");
    assert_eq!(error_code(&t.bottlenecks(json(r#"{"top":-1}"#)).err().unwrap()), "BAD_QUERY");
    assert_eq!(error_code(&t.overdue(json(r#"{"dueSoonWithin":"soon"}"#)).err().unwrap()), "BAD_QUERY");
    assert_eq!(error_code(&t.add_events(json("42")).err().unwrap()), "BAD_INPUT");
    let e = t.add_events_json("[{\"doc\":\n".into()).err().unwrap();
    assert_eq!(error_code(&e), "BAD_INPUT");
    assert_eq!(num(&e, "line"), 2.0);
}

#[wasm_bindgen_test]
fn bad_records_are_reported_and_nothing_loaded_is_lost() {
    let mut t = hand_log();
    let before = JSON::stringify(&t.summary(JsValue::UNDEFINED).unwrap()).unwrap();
    // Calls that throw change nothing.
    assert!(t.add_events(json(r#"{"not":"an array"}"#)).is_err());
    assert!(t.add_events_json("not json".into()).is_err());
    assert!(t
        .add_event_columns(json(r#"{"docs":[],"units":[],"actions":[],"doc":[0],"unit":[],"action":[],"at":[]}"#))
        .is_err());
    assert_eq!(JSON::stringify(&t.summary(JsValue::UNDEFINED).unwrap()).unwrap(), before);
    // Bad records are rejected one by one, with index and field; the good ones load.
    let r = t
        .add_events(json(
            r#"[{"doc":"d9","unit":"P","action":"arrived","at":"2026-03-04T08:00"},
                {"doc":"d9","unit":"P","action":"completed","at":true},
                7,
                {"doc":"d9","unit":"P","action":"completed","at":"31/02/2026"},
                {"doc":"","unit":"P","action":"x","at":0}]"#,
        ))
        .unwrap();
    assert_eq!(num(&r, "accepted"), 1.0);
    let rejected: Vec<(f64, String)> =
        get(&r, "rejected").unchecked_into::<Array>().iter().map(|x| (num(&x, "index"), text(&x, "field"))).collect();
    assert_eq!(rejected, [(1.0, "at".into()), (2.0, "".into()), (3.0, "at".into()), (4.0, "doc".into())]);
    let s = t.summary(JsValue::UNDEFINED).unwrap();
    assert_eq!((num(&s, "documents"), num(&s, "events")), (6.0, 33.0));
}

#[wasm_bindgen_test]
fn bulk_paths_load_the_same_log() {
    // JSON text and typed-array columns give the same figures as objects.
    let mut a = JsTracker::new(JsValue::UNDEFINED).unwrap();
    let text = format!(
        r#"[{{"doc":"d1","unit":"P","action":"arrived","at":{t0}}},
            {{"doc":"d1","unit":"P","action":"sent","at":{t1},"to":"D"}},
            {{"doc":"d1","unit":"D","action":"arrived","at":{t2}}},
            {{"doc":"d1","unit":"D","action":"completed","at":"2026-03-02T12:00"}}]"#,
        t0 = T,
        t1 = T + H,
        t2 = T + 2.0 * H
    );
    assert_eq!(num(&a.add_events_json(text.into()).unwrap(), "accepted"), 4.0);

    let mut b = JsTracker::new(JsValue::UNDEFINED).unwrap();
    let cols = json(r#"{"docs":["d1"],"units":["P","D"],"actions":["arrived","sent","completed"]}"#);
    Reflect::set(&cols, &"doc".into(), &Uint32Array::from(&[0u32, 0, 0, 0][..])).unwrap();
    Reflect::set(&cols, &"unit".into(), &Uint32Array::from(&[0u32, 0, 1, 1][..])).unwrap();
    Reflect::set(&cols, &"action".into(), &Uint8Array::from(&[0u8, 1, 0, 2][..])).unwrap();
    Reflect::set(&cols, &"at".into(), &Float64Array::from(&[T, T + H, T + 2.0 * H, T + 4.0 * H][..])).unwrap();
    Reflect::set(&cols, &"to".into(), &js_sys::Int32Array::from(&[-1, 1, -1, -1][..])).unwrap();
    assert_eq!(num(&b.add_event_columns(cols).unwrap(), "accepted"), 4.0);

    for t in [&a, &b] {
        let f = t.flow(JsValue::UNDEFINED).unwrap();
        assert_eq!(num(&f, "handovers"), 1.0);
        assert_eq!(num(&f, "edges.0.transit.sumMs"), H);
        let s = t.summary(JsValue::UNDEFINED).unwrap();
        assert_eq!((num(&s, "closed"), num(&s, "leadTime.sumMs")), (1.0, 4.0 * H));
    }
}

/// A province sends one document to three communes in one `sent` with a deadline (`to` a
/// list, `due` on the send): A finishes on the due day, B late, C never acts. Plus a chain
/// that A hands on to P, and commune O merged into B (`successor`) holding a copy since June.
fn fan_out(as_json: bool) -> JsTracker {
    let mut t = JsTracker::new(JsValue::UNDEFINED).unwrap();
    let units = json(
        r#"[{"id":"P","name":"UBND tỉnh","level":"province"},
            {"id":"A","name":"UBND xã A","level":"commune","parent":"P"},
            {"id":"B","name":"UBND xã B","level":"commune","parent":"P"},
            {"id":"C","name":"UBND xã C","level":"commune","parent":"P"},
            {"id":"O","level":"commune","parent":"P","validTo":"2026-07-01","successor":"B"}]"#,
    );
    assert_eq!(num(&t.add_units(units).unwrap(), "accepted"), 5.0);
    let docs = json(r#"[{"id":"f1","issuer":"P"},{"id":"c1","due":"2026-10-16"},{"id":"f8","issuer":"P"}]"#);
    assert_eq!(num(&t.add_documents(docs).unwrap(), "accepted"), 3.0);
    let events = r#"[
        {"doc":"f1","unit":"P","action":"sent","at":"2026-10-05T08:00","to":["A","B","C"],"due":"2026-10-09"},
        {"doc":"f1","unit":"A","action":"arrived","at":"2026-10-05T09:00"},
        {"doc":"f1","unit":"A","action":"completed","at":"2026-10-09T10:00"},
        {"doc":"f1","unit":"B","action":"arrived","at":"2026-10-05T10:00"},
        {"doc":"f1","unit":"B","action":"processing","at":"2026-10-07T08:00"},
        {"doc":"f1","unit":"B","action":"completed","at":"2026-10-12T09:00"},
        {"doc":"c1","unit":"A","action":"arrived","at":"2026-10-06T08:00"},
        {"doc":"c1","unit":"A","action":"sent","at":"2026-10-06T14:00"},
        {"doc":"c1","unit":"P","action":"arrived","at":"2026-10-07T08:00"},
        {"doc":"c1","unit":"P","action":"completed","at":"2026-10-20T10:00"},
        {"doc":"f8","unit":"P","action":"sent","at":"2026-06-10T08:00","to":"O","due":"2026-06-19"},
        {"doc":"f8","unit":"O","action":"arrived","at":"2026-06-10T09:00"}]"#;
    let r = if as_json { t.add_events_json(events.into()) } else { t.add_events(json(events)) }.unwrap();
    assert_eq!(num(&r, "accepted"), 12.0);
    assert_eq!(get(&r, "warnings").unchecked_into::<Array>().length(), 0);
    t
}

#[wasm_bindgen_test]
fn fan_out_makes_one_copy_per_target() {
    for as_json in [false, true] {
        let t = fan_out(as_json);
        let s = t.summary(JsValue::UNDEFINED).unwrap();
        // Received copies: f1 at A, B, C; c1 at A and P; f8 at O (counted as B). Open: f1@C (in
        // transit), f8@O. Late: f1@B, c1@P. Overdue at 10-20 10:00: f1@C, f8@O.
        let copies: Vec<f64> = ["copies", "copiesOpen", "copiesInTransit", "copiesLate", "copiesOverdue"]
            .iter()
            .map(|k| num(&s, k))
            .collect();
        assert_eq!(copies, [6.0, 2.0, 1.0, 2.0, 2.0]);
        assert_eq!(num(&s, "units"), 4.0, "O stands for B");
        let f = t.flow(JsValue::UNDEFINED).unwrap();
        let edges: Vec<(String, String, f64, f64)> = get(&f, "edges")
            .unchecked_into::<Array>()
            .iter()
            .map(|e| (text(&e, "from"), text(&e, "to"), num(&e, "count"), num(&e, "inTransit")))
            .collect();
        let find = |a: &str, b: &str| edges.iter().find(|e| e.0 == a && e.1 == b).map(|e| (e.2, e.3));
        assert_eq!(find("P", "A"), Some((1.0, 0.0)));
        assert_eq!(find("P", "B"), Some((2.0, 0.0)), "f1, and f8 via O");
        assert_eq!(find("P", "C"), Some((1.0, 1.0)));
        assert_eq!(find("A", "B"), None);
        // Directly-follows within copies: no arc between communes; by document, A → B.
        let by_copy: Array = t.directly_follows(json(r#"{"case":"copy"}"#)).unwrap().unchecked_into();
        assert!(by_copy.iter().all(|a| text(&a, "from") == text(&a, "to")));
        assert_eq!(by_copy.iter().map(|a| num(&a, "count")).sum::<f64>(), 5.0);
        let by_doc: Array = t.directly_follows(json(r#"{"case":"document"}"#)).unwrap().unchecked_into();
        assert!(by_doc.iter().any(|a| text(&a, "from") == "A" && text(&a, "to") == "B"));
        let o = t.overdue(JsValue::UNDEFINED).unwrap();
        let overdue: Vec<(String, String)> =
            get(&o, "overdue").unchecked_into::<Array>().iter().map(|e| (text(&e, "id"), text(&e, "unit"))).collect();
        assert_eq!(overdue, [("f8".to_string(), "B".to_string()), ("f1".into(), "C".into())]);
        let p = t.processing_times(json(r#"{"by":"copy"}"#)).unwrap();
        let g = get(&p, "groups").unchecked_into::<Array>().iter().find(|g| text(g, "key") == "f1@B").unwrap();
        assert_eq!((text(&g, "document"), text(&g, "unit")), ("f1".into(), "B".into()));
    }
}

#[wasm_bindgen_test]
fn period_report_by_unit_and_level() {
    let t = fan_out(false);
    // October; as-of = the last event (10-20 10:00), before the period's end.
    let r = t.report(json(r#"{"from":"2026-10-01","to":"2026-11-01","by":"unit"}"#)).unwrap();
    assert_eq!(text(&r, "by"), "unit");
    let rows: Array = get(&r, "rows").unchecked_into();
    let keys: Vec<String> = rows.iter().map(|r| text(&r, "key")).collect();
    assert_eq!(keys, ["P", "A", "B", "C"]);
    let cols = lienthong::analysis::ReportRow::COUNT_COLUMNS;
    let counts = |row: &JsValue| cols.iter().map(|k| num(row, k)).collect::<Vec<_>>();
    // P: c1 late. A: f1 on the due day, c1's earlier visit without a deadline. B: f1 late, f8
    // (at O since June) carried over and overdue. C: f1 never arrived, overdue.
    assert_eq!(counts(&rows.get(0)), [0., 1., 1., 0., 0., 1., 0., 0., 0., 0., 0.]);
    assert_eq!(counts(&rows.get(1)), [0., 2., 2., 0., 1., 0., 1., 0., 0., 0., 0.]);
    assert_eq!(counts(&rows.get(2)), [1., 1., 2., 0., 0., 1., 0., 0., 0., 1., 0.]);
    assert_eq!(counts(&rows.get(3)), [0., 1., 1., 0., 0., 0., 0., 0., 0., 1., 0.]);
    let total = get(&r, "total");
    assert_eq!(counts(&total), [1., 5., 6., 0., 1., 2., 1., 0., 0., 2., 0.]);
    // Late rate: (2 late + 2 overdue) / 5 with a deadline.
    assert_eq!((num(&total, "lateRate"), text(&total, "key")), (0.8, "total".into()));
    assert!((num(&total, "onTimeRate") - 0.2).abs() < 1e-12);
    assert_eq!((num(&rows.get(1), "lateRate"), num(&rows.get(1), "onTimeRate")), (0.0, 1.0));

    let by_level = t.report(json(r#"{"from":"2026-10-01","to":"2026-11-01","by":"level"}"#)).unwrap();
    let levels: Vec<String> =
        get(&by_level, "rows").unchecked_into::<Array>().iter().map(|r| text(&r, "key")).collect();
    assert_eq!(levels, ["province", "commune"]);
    // Without roll-up O has its own row.
    let r = t.report(json(r#"{"from":"2026-10-01","to":"2026-11-01","rollUp":false}"#)).unwrap();
    let keys: Vec<String> = get(&r, "rows").unchecked_into::<Array>().iter().map(|r| text(&r, "key")).collect();
    assert_eq!(keys, ["P", "A", "B", "C", "O"]);

    for (q, field) in [
        (r#"{"by":"district"}"#, "by"),
        (r#"{"dueSoonWithin":"soon"}"#, "dueSoonWithin"),
        (r#"{"rollUp":1}"#, "rollUp"),
        (r#"{"case":"copy"}"#, "case"),
    ] {
        let e = t.report(json(q)).err().unwrap();
        assert_eq!((error_code(&e), text(&e, "field")), ("BAD_QUERY".into(), field.into()), "{q}");
    }
    let e = t.directly_follows(json(r#"{"case":"visit"}"#)).err().unwrap();
    assert_eq!((error_code(&e), text(&e, "field")), ("BAD_QUERY".into(), "case".into()));
}

#[wasm_bindgen_test]
fn columns_take_a_due_and_reports_carry_warnings() {
    let mut t = JsTracker::new(JsValue::UNDEFINED).unwrap();
    t.add_units(json(r#"[{"id":"O","validFrom":"2026-04-01"}]"#)).unwrap();
    let cols = json(r#"{"docs":["d"],"units":["P","A","O"],"actions":["sent","arrived","completed"]}"#);
    Reflect::set(&cols, &"doc".into(), &Uint32Array::from(&[0u32, 0, 0, 0][..])).unwrap();
    Reflect::set(&cols, &"unit".into(), &Uint32Array::from(&[0u32, 1, 1, 2][..])).unwrap();
    Reflect::set(&cols, &"action".into(), &Uint8Array::from(&[0u8, 1, 2, 1][..])).unwrap();
    Reflect::set(&cols, &"at".into(), &Float64Array::from(&[T, T + H, T + 30.0 * H, T + 2.0 * H][..])).unwrap();
    Reflect::set(&cols, &"to".into(), &js_sys::Int32Array::from(&[1, -1, -1, -1][..])).unwrap();
    Reflect::set(&cols, &"due".into(), &Float64Array::from(&[T + 24.0 * H, f64::NAN, f64::NAN, f64::NAN][..])).unwrap();
    let r = t.add_event_columns(cols).unwrap();
    assert_eq!(num(&r, "accepted"), 4.0);
    // The event at O in March 2026, before O existed: kept, with a warning at its index.
    let warnings: Array = get(&r, "warnings").unchecked_into();
    assert_eq!((warnings.length(), num(&warnings.get(0), "index")), (1, 3.0));
    assert_eq!(text(&warnings.get(0), "field"), "unit");
    // A finished 6 h after the send's deadline.
    let o = t.overdue(JsValue::UNDEFINED).unwrap();
    assert_eq!((text(&o, "late.0.unit"), num(&o, "late.0.lateness.calendarMs")), ("A".into(), 6.0 * H));
}

/// 2026-02-13T09:00+07:00, Friday before Tết Bính Ngọ, and 2026-02-25T09:00+07:00.
const FRI_13: f64 = 1_770_948_000_000.0;
const WED_25: f64 = 1_771_984_800_000.0;

#[wasm_bindgen_test]
fn calendar_knows_tet_and_counts_working_time() {
    let mut cal = JsCalendar::new(JsValue::UNDEFINED).unwrap();
    assert!(!cal.is_working_day("2026-02-16".into()).unwrap());
    assert!(cal.is_working_day(Date::new(&JsValue::from_f64(FRI_13)).into()).unwrap());
    assert_eq!(cal.lunar_new_year(2026.into()).unwrap(), "2026-02-17");
    let off: Array = cal.days_off(2026.into()).unwrap().unchecked_into();
    assert_eq!(off.length(), 13);
    assert_eq!((text(&off.get(0), "date"), text(&off.get(0), "name")), ("2026-01-01".into(), "Tết Dương lịch".into()));
    // 3 working days of 7 h 30 from Friday 09:00 skip Tết: Wednesday 25 Feb 09:00.
    assert_eq!(cal.add_working(FRI_13.into(), "3d".into()).unwrap(), WED_25);
    assert_eq!(cal.working_ms_between(FRI_13.into(), WED_25.into()).unwrap(), 22.5 * H);
    cal.add_day_off("2026-02-23".into(), "Nghỉ thêm".into()).unwrap();
    assert!(!cal.is_working_day("2026-02-23".into()).unwrap());
    assert_eq!(cal.add_working(FRI_13.into(), "3d".into()).unwrap(), WED_25 + 24.0 * H);
    let spec = cal.to_json().unwrap();
    assert_eq!(text(&spec, "hours"), "07:30-11:30,13:30-17:00");
    assert_eq!(text(&spec, "daysOff.0.name"), "Nghỉ thêm");
    // Errors are LienthongErrors with a code and a field.
    let e: JsValue = cal.is_working_day("2026-02-30".into()).unwrap_err().into();
    assert_eq!((error_code(&e), text(&e, "field")), ("BAD_QUERY".into(), "date".into()));
    let e: JsValue = JsCalendar::new(json(r#"{"hours":"8-17"}"#)).err().unwrap().into();
    assert_eq!((error_code(&e), text(&e, "field")), ("BAD_OPTION".into(), "hours".into()));
    let e: JsValue = cal.add_schedule(json(r#"{"year":2027,"daysOff":["2026-12-31"]}"#)).unwrap_err().into();
    assert_eq!(text(&e, "field"), "daysOff[0]");
}

#[wasm_bindgen_test]
fn tracker_takes_a_calendar_instance_and_due_rules() {
    let mut cal = JsCalendar::new(JsValue::UNDEFINED).unwrap();
    cal.add_day_off("2026-02-23".into(), JsValue::UNDEFINED).unwrap();
    // The Calendar goes to JS and is read back through its toJSON().
    let options = json(r#"{"dueRules":[{"type":"công văn","urgency":"urgent","within":"3d"}]}"#);
    Reflect::set(&options, &"calendar".into(), &JsValue::from(cal)).unwrap();
    let mut t = JsTracker::new(options.clone()).unwrap();
    t.add_documents(json(r#"[{"id":"d1","type":"công văn","urgency":"urgent"}]"#)).unwrap();
    let ev = json(&format!(r#"[{{"doc":"d1","unit":"S","action":"arrived","at":{FRI_13}}}]"#));
    assert_eq!(num(&t.add_events(ev).unwrap(), "accepted"), 1.0);
    // Due a day later than without the extra day off: Thursday 26 Feb 09:00.
    let o = t.overdue(json(r#"{"asOf":"2026-02-27T09:00"}"#)).unwrap();
    assert_eq!(num(&o, "overdue.0.due"), WED_25 + 24.0 * H);
    assert_eq!(num(&o, "overdue.0.lateness.workingMs"), 7.5 * H);
    let bad = [
        (r#"{"calendar":"gregorian"}"#, "calendar"),
        (r#"{"calendar":{"daysOff":[{"date":"2026-02-30"}]}}"#, "calendar.daysOff[0].date"),
        (r#"{"dueRules":[{"within":"3d"},{"urgency":"soon","within":"1d"}]}"#, "dueRules[1].urgency"),
        (r#"{"dueRules":[{"type":"công văn"}]}"#, "dueRules[0].within"),
    ];
    for (o, field) in bad {
        let e = JsTracker::new(json(o)).err().unwrap();
        assert_eq!((error_code(&e), text(&e, "field")), ("BAD_OPTION".into(), field.into()), "{o}");
    }
    let continuous = JsTracker::new(json(r#"{"calendar":"continuous"}"#)).unwrap();
    assert_eq!(num(&continuous.summary(JsValue::UNDEFINED).unwrap(), "events"), 0.0);
}
