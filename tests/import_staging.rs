//! The rows every file importer stages: documents loaded once per change, several targets,
//! rejections mapped back to row, line and column, batches cut by row count only.

use lienthong::ingest::staging::{Key, Staging, MAX_FIELD_BYTES};
use lienthong::{Query, Tracker};

fn row(s: &mut Staging, line: u32, fields: &[(Key, &str)]) {
    s.begin_row(line);
    for (k, v) in fields {
        s.set(*k, v).unwrap();
    }
    s.end_row();
}

#[test]
fn rows_become_documents_and_events() {
    let mut t = Tracker::default();
    let mut s = Staging::new();
    s.set_column(Key::At, Some(4));
    use Key::*;
    row(
        &mut s,
        2,
        &[
            (Document, "d1"),
            (Unit, "A"),
            (Action, "sent"),
            (At, "2026-03-02 08:00"),
            (To, "B; C|D"),
            (Due, "2026-03-05"),
            (Type, "công văn"),
            (Urgency, "khẩn"),
        ],
    );
    row(
        &mut s,
        3,
        &[
            (Document, "d1"),
            (Unit, "B"),
            (Action, "arrived"),
            (At, "2026-03-02 09:00"),
            (Type, "công văn"),
            (Urgency, "khẩn"),
        ],
    );
    row(&mut s, 5, &[(Document, "d1"), (Unit, "B"), (Action, "done"), (At, "26/13/2026 10:00")]);
    row(
        &mut s,
        6,
        &[(Document, "d2"), (Unit, "A"), (Action, "arrived"), (At, "2026-03-03 08:00"), (Due, "2026-03-10 17:00")],
    );
    let report = s.finish(&mut t);
    assert_eq!(report.accepted, 3);
    assert_eq!(report.rejected.len(), 1);
    let r = &report.rejected[0];
    assert_eq!((r.index, r.line, r.column, r.field.as_str()), (2, Some(5), Some(4), "at"));
    let store = t.store();
    assert_eq!(store.documents.len(), 2);
    // d1: the `due` of its `sent` is the recipients' deadline, not the document's.
    let d1 = store.documents.find("d1").unwrap();
    assert_eq!(store.documents.due[d1.index()], None);
    let d2 = store.documents.find("d2").unwrap();
    assert!(store.documents.due[d2.index()].is_some());
    let summary = t.summary(&Query::default()).unwrap();
    // Three copies opened by the send (B, C, D) plus d2's copy at A and d1's at the sender.
    assert!(summary.copies >= 4, "{summary:?}");
}

#[test]
fn batches_are_cut_by_rows_only() {
    // The same rows staged twice: once loaded at the end, once loaded every few rows.
    let rows: Vec<(String, String)> =
        (0..500).map(|i| (format!("d{}", i % 37), format!("2026-03-{:02} 08:00", 2 + i % 20))).collect();
    let mut a = Tracker::default();
    let mut s = Staging::new();
    for (i, (d, at)) in rows.iter().enumerate() {
        row(&mut s, i as u32 + 2, &[(Key::Document, d), (Key::Unit, "A"), (Key::Action, "arrived"), (Key::At, at)]);
    }
    let ra = s.finish(&mut a);
    let mut b = Tracker::default();
    let mut s = Staging::new();
    for (i, (d, at)) in rows.iter().enumerate() {
        row(&mut s, i as u32 + 2, &[(Key::Document, d), (Key::Unit, "A"), (Key::Action, "arrived"), (Key::At, at)]);
        if i % 7 == 0 {
            s.load(&mut b);
        }
    }
    let rb = s.finish(&mut b);
    assert_eq!(ra.accepted, rb.accepted);
    assert_eq!(ra.duplicates, rb.duplicates);
    assert_eq!(a.store().events.len(), b.store().events.len());
    assert_eq!(
        a.directly_follows(lienthong::analysis::DfgKey::Unit, &Query::default()).unwrap(),
        b.directly_follows(lienthong::analysis::DfgKey::Unit, &Query::default()).unwrap()
    );
}

#[test]
fn oversized_field_is_refused() {
    let mut s = Staging::new();
    s.begin_row(1);
    let big = "x".repeat(MAX_FIELD_BYTES + 1);
    let e = s.set(Key::Note, &big).unwrap_err();
    assert!(e.to_string().contains("note"), "{e}");
}

#[test]
fn a_target_list_of_separators_only_is_no_target() {
    use Key::*;
    let mut t = Tracker::default();
    let mut s = Staging::new();
    row(&mut s, 2, &[(Document, "d1"), (Unit, "A"), (Action, "sent"), (At, "2026-03-02 08:00"), (To, " ; | ")]);
    row(&mut s, 3, &[(Document, "d1"), (Unit, "A"), (Action, "sent"), (At, "2026-03-02 09:00"), (To, "B;")]);
    let report = s.finish(&mut t);
    assert_eq!(report.accepted, 2);
    // Not a unit named "; |": the first send has no recipient, the second one, B.
    assert_eq!(report.created_units, ["A", "B"]);
    assert_eq!(t.store().units.len(), 2);
}
