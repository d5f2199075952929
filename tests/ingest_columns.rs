//! Events as typed-array columns over string dictionaries (`ingest::columns`, behind
//! `addEventColumns`): every index width loads the same store as records, out-of-range indexes
//! and unreadable ids reject their event alone, columns of different lengths are an error.

use lienthong::ingest::columns::{load_event_columns, EventColumns, Indexes};
use lienthong::ingest::{EventRecord, IngestReport, Targets, TimeValue};
use lienthong::{Query, Tracker};

const T: f64 = 1_772_413_200_000.0; // 2026-03-02T08:00+07:00
const H: f64 = 3_600_000.0;

const DOCS: [Option<&str>; 2] = [Some("d1"), Some("d2")];
const UNITS: [Option<&str>; 3] = [Some("P"), Some("A"), Some("B")];
const ACTIONS: [Option<&str>; 3] = [Some("sent"), Some("arrived"), Some("completed")];

/// Five events: P sends d1 to A with a deadline, A receives and completes it; d2 arrives at B.
fn columns<'a>(doc: Indexes<'a>, unit: Indexes<'a>, action: Indexes<'a>, to: Option<Indexes<'a>>) -> EventColumns<'a> {
    const AT: [f64; 5] = [T, T + H, T + 30.0 * H, T, T + 2.0 * H];
    const DUE: [f64; 5] = [T + 24.0 * H, f64::NAN, f64::NAN, f64::NAN, f64::NAN];
    EventColumns { docs: &DOCS, units: &UNITS, actions: &ACTIONS, doc, unit, action, at: &AT, to, due: Some(&DUE) }
}

fn load(c: &EventColumns<'_>) -> (Tracker, IngestReport) {
    let mut t = Tracker::default();
    let r = load_event_columns(&mut t, c).unwrap();
    (t, r)
}

fn figures(t: &Tracker) -> String {
    let q = Query::default();
    format!("{:?} {:?}", t.summary(&q).unwrap(), t.overdue(&Default::default(), &q).unwrap())
}

#[test]
fn every_index_width_loads_what_records_load() {
    let records = [
        EventRecord {
            to: Targets::One("A"),
            due: Some(TimeValue::Float(T + 24.0 * H)),
            ..EventRecord::new("d1", "P", "sent", TimeValue::Float(T))
        },
        EventRecord::new("d1", "A", "arrived", TimeValue::Float(T + H)),
        EventRecord::new("d1", "A", "completed", TimeValue::Float(T + 30.0 * H)),
        EventRecord::new("d2", "B", "arrived", TimeValue::Float(T)),
        EventRecord::new("d2", "B", "completed", TimeValue::Float(T + 2.0 * H)),
    ];
    let mut want = Tracker::default();
    let expected = want.add_events(records);
    assert_eq!(expected.accepted, 5);

    let doc = [0u32, 0, 0, 1, 1];
    let unit = [0u32, 1, 1, 2, 2];
    let action = [0u32, 1, 2, 1, 2];
    let to = [1i32, -1, -1, -1, -1];
    let narrow = |c: &[u32]| c.iter().map(|&x| x as u8).collect::<Vec<_>>();
    let wide = |c: &[u32]| c.iter().map(|&x| x as u16).collect::<Vec<_>>();
    let signed = |c: &[u32]| c.iter().map(|&x| x as i32).collect::<Vec<_>>();
    let float = |c: &[u32]| c.iter().map(|&x| f64::from(x)).collect::<Vec<_>>();
    let (d8, u8_, a8) = (narrow(&doc), narrow(&unit), narrow(&action));
    let (d16, u16_, a16) = (wide(&doc), wide(&unit), wide(&action));
    let (di, ui, ai) = (signed(&doc), signed(&unit), signed(&action));
    let (df, uf, af, tf) = (float(&doc), float(&unit), float(&action), to.map(f64::from));
    for c in [
        columns(Indexes::U32(&doc), Indexes::U32(&unit), Indexes::U32(&action), Some(Indexes::I32(&to))),
        columns(Indexes::U8(&d8), Indexes::U8(&u8_), Indexes::U8(&a8), Some(Indexes::I32(&to))),
        columns(Indexes::U16(&d16), Indexes::U16(&u16_), Indexes::U16(&a16), Some(Indexes::I32(&to))),
        columns(Indexes::I32(&di), Indexes::I32(&ui), Indexes::I32(&ai), Some(Indexes::I32(&to))),
        columns(Indexes::F64(&df), Indexes::F64(&uf), Indexes::F64(&af), Some(Indexes::F64(&tf))),
    ] {
        let (t, r) = load(&c);
        assert_eq!(r, expected);
        assert_eq!(figures(&t), figures(&want));
    }
}

#[test]
fn bad_indexes_reject_their_event_alone() {
    let docs = [Some("d1"), None];
    let units = [Some("P"), Some("A")];
    let actions = [Some("arrived")];
    let at = [T; 7];
    let doc = [0i32, 1, 2, -1, 0, 0, 0];
    let unit = [0i32, 0, 0, 0, 5, 0, 0];
    let action = [0i32, 0, 0, 0, 0, 1, 0];
    let to = [-1i32, -1, -1, -1, -1, -1, 2];
    let c = EventColumns {
        docs: &docs,
        units: &units,
        actions: &actions,
        doc: Indexes::I32(&doc),
        unit: Indexes::I32(&unit),
        action: Indexes::I32(&action),
        at: &at,
        to: Some(Indexes::I32(&to)),
        due: None,
    };
    let (t, r) = load(&c);
    assert_eq!(r.accepted, 1);
    let msg = |field: &str, dict: &str| {
        format!("{field}: index out of range of columns.{dict}, or an id there has a lone surrogate")
    };
    let got: Vec<(usize, String, String)> =
        r.rejected.iter().map(|x| (x.index, x.field.clone(), x.message.clone())).collect();
    assert_eq!(
        got,
        [
            (1, "doc".into(), msg("doc", "docs")),
            (2, "doc".into(), msg("doc", "docs")),
            (3, "doc".into(), msg("doc", "docs")),
            (4, "unit".into(), msg("unit", "units")),
            (5, "action".into(), msg("action", "actions")),
            (6, "to".into(), msg("to", "units")),
        ]
    );
    assert_eq!(t.store().events.len(), 1);
    // A rejected event creates nothing.
    assert_eq!((t.store().documents.len(), t.store().units.len()), (1, 1));
}

#[test]
fn nan_is_no_deadline_and_other_bad_times_are_rejected() {
    let docs = [Some("d")];
    let units = [Some("P"), Some("A")];
    let actions = [Some("sent")];
    let doc = [0u8; 5];
    let unit = [0u8; 5];
    let action = [0u8; 5];
    let to = [1u8; 5];
    let at = [T, T + H, f64::NAN, T + 3.0 * H, T + 4.0 * H];
    let due = [f64::NAN, f64::INFINITY, T, -f64::INFINITY, T + 48.0 * H];
    let c = EventColumns {
        docs: &docs,
        units: &units,
        actions: &actions,
        doc: Indexes::U8(&doc),
        unit: Indexes::U8(&unit),
        action: Indexes::U8(&action),
        at: &at,
        to: Some(Indexes::U8(&to)),
        due: Some(&due),
    };
    let (t, r) = load(&c);
    assert_eq!(r.accepted, 2);
    assert_eq!(
        r.rejected.iter().map(|x| (x.index, x.field.as_str())).collect::<Vec<_>>(),
        [(1, "due"), (2, "at"), (3, "due")]
    );
    assert!(r.rejected[0].message.contains("inf"), "{}", r.rejected[0].message);
    // Event 0 (NaN: no deadline) and event 4 (a deadline) were loaded.
    let e = &t.store().events;
    let dues: Vec<Option<i64>> = (0..e.len()).map(|i| e.sends.due(e.to[i])).collect();
    assert_eq!(dues, [None, Some((T + 48.0 * H) as i64)]);
}

#[test]
fn columns_that_cannot_be_read_are_an_error_and_load_nothing() {
    let docs = [Some("d")];
    let units = [Some("P")];
    let actions = [Some("arrived")];
    let at = [T, T + H];
    let two = [0u32, 0];
    let one = [0u32];
    let half = [0.0, 0.5];
    let base = EventColumns {
        docs: &docs,
        units: &units,
        actions: &actions,
        doc: Indexes::U32(&two),
        unit: Indexes::U32(&two),
        action: Indexes::U32(&two),
        at: &at,
        to: None,
        due: None,
    };
    for (c, field, message) in [
        (EventColumns { unit: Indexes::U32(&one), ..base }, "unit", "columns.unit has 1 entries but columns.at has 2"),
        (EventColumns { to: Some(Indexes::U32(&one)), ..base }, "to", "columns.to has 1 entries but columns.at has 2"),
        (EventColumns { due: Some(&[T]), ..base }, "due", "columns.due has 1 entries but columns.at has 2"),
        (EventColumns { doc: Indexes::F64(&half), ..base }, "doc", "columns.doc: expected whole numbers, found 0.5"),
    ] {
        let mut t = Tracker::default();
        let e = load_event_columns(&mut t, &c).unwrap_err();
        assert_eq!((e.field.as_deref(), e.message.as_str()), (Some(field), message));
        assert_eq!((t.store().events.len(), t.store().documents.len()), (0, 0));
    }
    let (_, r) = load(&base);
    assert_eq!(r.accepted, 2);
}
