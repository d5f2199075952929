//! XES import: hand-written logs with the exact events, documents and figures expected; every
//! attribute type, globals, trace attributes as document fields, the `org:resource` fallback,
//! gzip, entity references; a corpus of malformed inputs with the exact error or rejection; and
//! streaming (random chunks, plain and gzip) giving the same store as one push.

use flate2::write::GzEncoder;
use flate2::Compression;
use lienthong::analysis::DfgKey;
use lienthong::ingest::import::{ImportError, Importer};
use lienthong::ingest::staging::{Key, MAX_FIELD_BYTES};
use lienthong::ingest::xes::{import_xes, XesImporter, XesMapping};
use lienthong::ingest::IngestReport;
use lienthong::model::{time, TimeZone};
use lienthong::{Query, Tracker};
use proptest::prelude::*;
use std::io::Write;

/// Every event of the store, in store order: `doc|unit|action|at|actor`.
fn events(t: &Tracker) -> Vec<String> {
    let s = t.store();
    let mut out = Vec::new();
    for d in 0..s.documents.len() {
        let doc = s.documents.ids.resolve(lienthong::store::DocIx::from_index(d));
        for i in s.events.of_doc(lienthong::store::DocIx::from_index(d)) {
            let r = s.events.row(i);
            out.push(format!(
                "{doc}|{}|{}|{}|{}",
                s.units.id(r.unit),
                s.actions.resolve(r.action),
                time::format_instant(r.at, TimeZone::VIETNAM),
                s.texts.resolve_opt(r.actor).unwrap_or("")
            ));
        }
    }
    out
}

/// Every document: `id|type|urgency|due`.
fn documents(t: &Tracker) -> Vec<String> {
    let s = t.store();
    (0..s.documents.len())
        .map(|d| {
            let ix = lienthong::store::DocIx::from_index(d);
            format!(
                "{}|{}|{:?}|{}",
                s.documents.ids.resolve(ix),
                s.texts.resolve_opt(s.documents.doc_type[d]).unwrap_or(""),
                s.documents.urgency[d],
                s.documents.due[d].map(|at| time::format_instant(at, TimeZone::VIETNAM)).unwrap_or_default()
            )
        })
        .collect()
}

fn import(xes: &str, mapping: Option<&XesMapping>) -> (Tracker, IngestReport) {
    let mut t = Tracker::default();
    let r = import_xes(&mut t, xes.as_bytes(), mapping).unwrap_or_else(|e| panic!("{e}"));
    (t, r)
}

fn import_err(xes: &[u8]) -> (Tracker, ImportError) {
    let mut t = Tracker::default();
    let e = import_xes(&mut t, xes, None).expect_err("an error");
    (t, e)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const BASIC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <classifier name="Activity" keys="concept:name"/>
  <string key="concept:name" value="the log itself"/>
  <trace>
    <string key="concept:name" value="d1"/>
    <date key="deadline" value="2026-03-05T17:00:00.000+07:00"/>
    <string key="type" value="công văn"/>
    <string key="urgency" value="urgent"/>
    <event>
      <string key="concept:name" value="sent"/>
      <string key="org:group" value="P"/>
      <string key="org:resource" value="Lan"/>
      <date key="time:timestamp" value="2026-03-02T08:00:00.000+07:00"/>
    </event>
    <event>
      <string key="concept:name" value="arrived"/>
      <string key="org:resource" value="A"/>
      <date key="time:timestamp" value="2026-03-02T10:30:00.000+07:00"/>
    </event>
    <event>
      <date key="time:timestamp" value="2026-03-03T09:00:00+07:00"/>
      <string key="org:group" value="A"/>
      <string key="concept:name" value="completed"/>
    </event>
  </trace>
  <trace>
    <event>
      <string key="concept:name" value="arrived"/>
      <string key="org:group" value="B"/>
      <date key="time:timestamp" value="2026-03-02T09:00:00.000+07:00"/>
    </event>
    <event>
      <string key="concept:name" value="completed"/>
      <string key="org:group" value="B"/>
      <date key="time:timestamp" value="2026-03-02T12:00:00.000Z"/>
    </event>
    <string key="concept:name" value="d2"/>
  </trace>
</log>
"#;

#[test]
fn events_documents_and_figures() {
    let (t, r) = import(BASIC, Some(&XesMapping::new().with(Key::Type, "type").with(Key::Urgency, "case:urgency")));
    assert_eq!(r.accepted, 5);
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    assert_eq!(
        events(&t),
        [
            // org:group first; the second event has none, so its org:resource is the unit.
            // org:resource is also the actor by default.
            "d1|P|sent|2026-03-02T08:00:00+07:00|Lan",
            "d1|A|arrived|2026-03-02T10:30:00+07:00|A",
            "d1|A|completed|2026-03-03T09:00:00+07:00|",
            // d2's name comes after its events: traces are read whole.
            "d2|B|arrived|2026-03-02T09:00:00+07:00|",
            "d2|B|completed|2026-03-02T19:00:00+07:00|",
        ]
    );
    assert_eq!(documents(&t), ["d1|công văn|Urgent|2026-03-05T17:00:00+07:00", "d2||Normal|"]);
    let s = t.summary(&Query::default()).unwrap();
    assert_eq!((s.documents, s.events, s.open, s.closed), (2, 5, 0, 2));
    // Lead times: d1 25 h, d2 10 h.
    assert_eq!((s.lead_time.min_ms, s.lead_time.max_ms), (10 * 3_600_000, 25 * 3_600_000));
    let arcs = t.directly_follows(DfgKey::Action, &Query::default()).unwrap();
    let arc = |f: &str, to: &str| arcs.iter().find(|a| a.from == f && a.to == to).unwrap();
    assert_eq!((arc("sent", "arrived").count, arc("sent", "arrived").sum_ms), (1, 9_000_000));
    let ac = arc("arrived", "completed");
    // d1 22.5 h, d2 10 h.
    assert_eq!((ac.count, ac.sum_ms, ac.min_ms, ac.max_ms), (2, 117_000_000, 36_000_000, 81_000_000));
}

#[test]
fn every_attribute_type_globals_and_nesting() {
    let xes = r#"<log xes.version="2.0">
  <global scope="trace"><string key="concept:name" value="UNNAMED"/><string key="kind" value="báo cáo"/></global>
  <global scope="event"><string key="org:group" value="DEFAULT-UNIT"/><string key="lifecycle:transition" value="complete"/></global>
  <global><int key="cost" value="0"/></global>
  <classifier name="Both" keys="concept:name lifecycle:transition"/>
  <trace>
    <string key="concept:name" value="d1"/>
    <int key="n" value="42"/>
    <float key="amount" value="1.5E3"/>
    <boolean key="flag" value="true"/>
    <id key="identity:id" value="0f8fad5b-d9cb-469f-a165-70867728950e"/>
    <list key="tags"><values><string key="t" value="a"/><int key="t" value="2"/></values></list>
    <container key="box"><string key="inner" value="x"/><container key="deeper"><date key="d" value="2020-01-01T00:00:00Z"/></container></container>
    <string key="meta" value="with meta"><string key="concept:name" value="NOT the trace name"/></string>
    <event>
      <string key="concept:name" value="arrived"/>
      <date key="time:timestamp" value="2026-03-02T08:00:00+07:00"/>
      <int key="cost" value="-7"/>
      <float key="f" value="-0.25"/>
      <boolean key="b" value="false"/>
      <id key="i" value="x"/>
      <list key="l"/>
      <container key="c"><string key="org:group" value="NOT the unit"/></container>
    </event>
    <event>
      <string key="concept:name" value="completed"/>
      <string key="org:group" value="X"/>
      <date key="time:timestamp" value="2026-03-02T09:00:00+07:00"/>
    </event>
  </trace>
  <trace>
    <event><string key="concept:name" value="arrived"/><date key="time:timestamp" value="2026-03-04T08:00:00+07:00"/></event>
  </trace>
</log>"#;
    let m = XesMapping::new().with(Key::Type, "kind").with(Key::Number, "n").with(Key::Subject, "meta");
    let (t, r) = import(xes, Some(&m));
    assert_eq!(r.accepted, 3, "{:?}", r.rejected);
    assert_eq!(
        events(&t),
        [
            "d1|DEFAULT-UNIT|arrived|2026-03-02T08:00:00+07:00|",
            "d1|X|completed|2026-03-02T09:00:00+07:00|",
            "UNNAMED|DEFAULT-UNIT|arrived|2026-03-04T08:00:00+07:00|",
        ]
    );
    assert_eq!(documents(&t), ["d1|báo cáo|Normal|", "UNNAMED|báo cáo|Normal|"]);
    let s = t.store();
    let d1 = s.documents.find("d1").unwrap();
    assert_eq!(s.texts.resolve_opt(s.documents.number[d1.index()]), Some("42"));
    assert_eq!(s.texts.resolve_opt(s.documents.subject[d1.index()]), Some("with meta"));
}

#[test]
fn mapping_names_event_or_trace_attributes() {
    // `deadline` on the event wins over the trace's; `case:deadline` reads the trace's only.
    let xes = r#"<log><trace><string key="concept:name" value="d1"/><string key="deadline" value="2026-03-09"/>
<event><string key="concept:name" value="arrived"/><string key="org:group" value="A"/><string key="who" value="Minh"/>
<date key="time:timestamp" value="2026-03-02T08:00:00+07:00"/><string key="deadline" value="2026-03-06"/></event></trace></log>"#;
    let (t, _) = import(xes, None);
    assert_eq!(documents(&t), ["d1||Normal|2026-03-06T17:00:00+07:00"]);
    let m = XesMapping::from_pairs([("due", "case:deadline"), ("actor", "who"), ("doc", "case:concept:name")]).unwrap();
    let (t, _) = import(xes, Some(&m));
    assert_eq!(documents(&t), ["d1||Normal|2026-03-09T17:00:00+07:00"]);
    assert_eq!(events(&t), ["d1|A|arrived|2026-03-02T08:00:00+07:00|Minh"]);
    let e = XesMapping::from_pairs([("unit", "org:group"), ("colour", "x")]).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("colour"));
    assert!(e.message.starts_with("\"colour\" is not a mapping key; expected one of document, unit"), "{e}");
    let e = XesMapping::from_pairs([("unit", "case:")]).unwrap_err();
    assert_eq!((e.field.as_deref(), e.message.as_str()), (Some("unit"), "the attribute name is empty"));
}

#[test]
fn entity_and_character_references_are_decoded() {
    let xes = "\u{feff}<?xml version='1.0' encoding='utf-8'?>\n<!-- a comment with <tags> & such -->\n<log><trace>\
<string key='concept:name' value='S&#x1EA1;n &amp; &lt;b&gt; &quot;q&quot; &apos;a&apos; &#273;'/>\
<event><string key='concept:name' value='arrived'/><string key='org:group' value='S&#7903; T&#xE0;i ch&#237;nh'/>\
<date key='time:timestamp' value='2026-03-02T08:00:00+07:00'/><![CDATA[ignored <text>]]></event></trace></log>";
    let (t, r) = import(xes, None);
    assert_eq!(r.accepted, 1, "{:?}", r.rejected);
    assert_eq!(events(&t), ["Sạn & <b> \"q\" 'a' đ|Sở Tài chính|arrived|2026-03-02T08:00:00+07:00|"]);
}

#[test]
fn gzip_gives_the_same_store() {
    let m = XesMapping::new().with(Key::Type, "type");
    let (plain, rp) = import(BASIC, Some(&m));
    let mut t = Tracker::default();
    let rg = import_xes(&mut t, &gzip(BASIC.as_bytes()), Some(&m)).unwrap();
    assert_eq!(rp, rg);
    assert_eq!(events(&plain), events(&t));
    assert_eq!(documents(&plain), documents(&t));
}

// ---------------------------------------------------------------------------------------------
// Malformed inputs.

/// A log of three traces, whose second holds `middle` (an event or more).
fn around(middle: &str) -> String {
    format!(
        "<log>\n<trace><string key=\"concept:name\" value=\"a\"/>\n<event><string key=\"concept:name\" value=\"arrived\"/><string key=\"org:group\" value=\"U\"/><date key=\"time:timestamp\" value=\"2026-03-02T08:00:00+07:00\"/></event>\n</trace>\n\
<trace><string key=\"concept:name\" value=\"b\"/>\n{middle}\n</trace>\n\
<trace><string key=\"concept:name\" value=\"c\"/>\n<event><string key=\"concept:name\" value=\"arrived\"/><string key=\"org:group\" value=\"U\"/><date key=\"time:timestamp\" value=\"2026-03-03T08:00:00+07:00\"/></event>\n</trace>\n</log>\n"
    )
}

/// A rejection as (index, line, field, message).
type Rej = (usize, Option<usize>, String, String);

fn rejection(xes: &str) -> (IngestReport, Vec<Rej>) {
    let (_, r) = import(xes, None);
    let rej = r.rejected.iter().map(|x| (x.index, x.line, x.field.clone(), x.message.clone())).collect();
    (r, rej)
}

#[test]
fn bad_events_are_rejected_with_line_and_field() {
    // A time that is not a date.
    let (r, rej) = rejection(&around(
        r#"<event><string key="concept:name" value="arrived"/><string key="org:group" value="U"/><date key="time:timestamp" value="yesterday"/></event>"#,
    ));
    assert_eq!(r.accepted, 2);
    assert_eq!(rej.len(), 1);
    assert_eq!((rej[0].0, rej[0].1, rej[0].2.as_str()), (1, Some(6), "at"));
    assert!(rej[0].3.contains("\"yesterday\""), "{}", rej[0].3);

    // No timestamp at all.
    let (_, rej) = rejection(&around(
        r#"<event><string key="concept:name" value="x"/><string key="org:group" value="U"/></event>"#,
    ));
    assert_eq!((rej[0].0, rej[0].1, rej[0].2.as_str()), (1, Some(6), "at"));

    // A typed value that is not of its type, where it is mapped.
    let m = XesMapping::new().with(Key::Number, "n");
    let mut t = Tracker::default();
    let xes = around(
        r#"<event><string key="concept:name" value="x"/><string key="org:group" value="U"/><date key="time:timestamp" value="2026-03-02T09:00:00+07:00"/>
<int key="n" value="12a"/></event>"#,
    );
    let r = import_xes(&mut t, xes.as_bytes(), Some(&m)).unwrap();
    let x = &r.rejected[0];
    assert_eq!((x.index, x.line, x.field.as_str()), (1, Some(6), "number"));
    assert_eq!(x.message, "<int> value \"12a\" is not a valid int");
    // Unmapped, it is not looked at.
    let (r, _) = rejection(&xes);
    assert_eq!(r.accepted, 3);

    // An event outside any trace, and a trace without a name.
    let xes = "<log>\n<event><string key=\"concept:name\" value=\"x\"/></event>\n<trace>\n<event>\n<string key=\"concept:name\" value=\"arrived\"/><string key=\"org:group\" value=\"U\"/><date key=\"time:timestamp\" value=\"2026-03-02T08:00:00+07:00\"/></event></trace></log>";
    let (r, rej) = rejection(xes);
    assert_eq!(r.accepted, 0);
    assert_eq!(
        rej,
        [
            (0, Some(2), "document".into(), "an <event> outside any <trace> has no document".into()),
            (
                1,
                Some(4),
                "document".into(),
                "no document: neither the event nor its trace (line 3) has trace attribute concept:name".into()
            ),
        ]
    );
}

#[test]
fn unreadable_inputs_are_errors_with_line_and_rows_before_kept() {
    // Truncated inside the third trace: the first two are loaded, and the complete events of the
    // unfinished trace too.
    let full = around(
        r#"<event><string key="concept:name" value="arrived"/><string key="org:group" value="V"/><date key="time:timestamp" value="2026-03-02T09:00:00+07:00"/></event>"#,
    );
    let cut = &full[..full.find("2026-03-03").unwrap()];
    let (t, e) = import_err(cut.as_bytes());
    assert_eq!(e.line, Some(9));
    assert!(e.message.starts_with("not well-formed XML: "), "{e}");
    assert!(e.message.ends_with("(truncated file?)"), "{e}");
    assert_eq!(t.store().events.len(), 2);
    // Cut after a complete event: the file ends inside <trace>.
    let cut = &full[..full.rfind("</trace>").unwrap()];
    let (t, e) = import_err(cut.as_bytes());
    assert_eq!(e.message, "the file ends inside <trace> (in the trace opened at line 8): truncated file?");
    assert_eq!(e.line, Some(10));
    assert_eq!(t.store().events.len(), 3);

    // Not XML; not XES; empty.
    let (_, e) = import_err(b"doc,unit,action,at\nd1,A,arrived,2026-03-02\n");
    assert_eq!(
        (e.line, e.column, e.message.as_str()),
        (Some(1), Some(1), "not an XES log: text before the <log> element")
    );
    let (_, e) = import_err(b"<?xml version=\"1.0\"?>\n<html><body/></html>");
    assert_eq!((e.line, e.message.as_str()), (Some(2), "not an XES log: the root element is <html>, expected <log>"));
    let (_, e) = import_err(b"");
    assert_eq!(e.message, "not an XES log: the input is empty");
    let (_, e) = import_err(b"  \n ");
    assert_eq!(e.message, "not an XES log: no <log> element");
    let (_, e) = import_err(b"<log><trace></event></trace></log>");
    assert_eq!((e.line, e.message.as_str()), (Some(1), "not well-formed XML: </event> closes <trace>"));
    let (_, e) = import_err(b"<log/>\n<log/>");
    assert_eq!((e.line, e.message.as_str()), (Some(2), "not an XES log: an element after the end of <log>"));
    let (_, e) = import_err(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><log/>");
    assert!(e.message.starts_with("the file declares the encoding \"iso-8859-1\""), "{e}");
    let (_, e) = import_err(b"\xff\xfe<\0l\0o\0g\0/\0>\0");
    assert_eq!(e.message, "the file is UTF-16; only UTF-8 is read: save it as UTF-8");
    let (t, e) = import_err(
        around("<event><string key=\"x\" value=\"a\" value=\"b\"/></event>")
            .replace("key=\"x\"", "key=\"concept:name\" key")
            .as_bytes(),
    );
    assert!(e.message.starts_with("not well-formed XML"), "{e}");
    assert_eq!(t.store().events.len(), 1);

    // A mapped value over the field limit: refused, what was read before is kept.
    let big = "x".repeat(MAX_FIELD_BYTES + 1);
    let xes = around(&format!("<event><string key=\"org:group\" value=\"{big}\"/></event>"));
    let (t, e) = import_err(xes.as_bytes());
    assert_eq!((e.line, e.field.as_deref()), (Some(6), Some("unit")));
    assert_eq!(
        e.message,
        format!(
            "the value of attribute \"org:group\" is {} bytes long; the limit is {MAX_FIELD_BYTES} bytes",
            MAX_FIELD_BYTES + 1
        )
    );
    assert_eq!(t.store().events.len(), 1);
    // An element longer than the element limit (here an unmapped value): refused too.
    let big = "x".repeat(MAX_FIELD_BYTES + 100_000);
    let (_, e) = import_err(around(&format!("<event><string key=\"note\" value=\"{big}\"/></event>")).as_bytes());
    assert_eq!(e.line, Some(6));
    assert!(e.message.starts_with("an element longer than"), "{e}");
    // The same, streamed: the tail never grows past the limit.
    let mut t = Tracker::default();
    let mut imp = XesImporter::new(None);
    let xes = around(&format!("<event><string key=\"note\" value=\"{big}"));
    let mut err = None;
    for c in xes.as_bytes().chunks(4096) {
        if let Err(e) = imp.push(&mut t, c) {
            err = Some(e);
            break;
        }
    }
    let e = err.expect("refused while streaming");
    assert_eq!(e.line, Some(6));
    assert!(e.message.starts_with("an element longer than"), "{e}");
    assert!(imp.push(&mut t, b"x").unwrap_err().message.contains("spent"));
}

#[test]
fn corrupt_gzip_is_an_error() {
    let gz = gzip(BASIC.as_bytes());
    // A flipped byte in the deflate data.
    let mut bad = gz.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x55;
    let (_, e) = import_err(&bad);
    assert!(e.message.starts_with("not a readable .xes.gz"), "{e}");
    // Truncated.
    let (_, e) = import_err(&gz[..gz.len() - 10]);
    assert!(e.message.starts_with("not a readable .xes.gz") || e.message.contains("truncated"), "{e}");
    // Only the magic bytes.
    let (_, e) = import_err(&[0x1f, 0x8b]);
    assert!(e.message.starts_with("not a readable .xes.gz"), "{e}");
    // Gzip of something that is not XES.
    let (_, e) = import_err(&gzip(b"a,b,c\n"));
    assert_eq!(e.message, "not an XES log: text before the <log> element");
}

#[test]
fn a_gzip_bomb_stays_in_bounded_memory() {
    // 64 MiB of spaces inside <log> compress to about 64 KiB: read in steps, never held whole.
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    e.write_all(b"<log>").unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..64 {
        e.write_all(&spaces).unwrap();
    }
    e.write_all(b"</log>").unwrap();
    let gz = e.finish().unwrap();
    assert!(gz.len() < 200_000);
    let mut t = Tracker::default();
    let r = import_xes(&mut t, &gz, None).unwrap();
    assert_eq!(r.accepted, 0);
}

// ---------------------------------------------------------------------------------------------
// Streaming.

/// Pushes `bytes` cut at `cuts` (positions), then finishes; errors come back as text.
fn streamed(bytes: &[u8], cuts: &[usize]) -> (Tracker, Result<IngestReport, ImportError>) {
    let mut t = Tracker::default();
    let mut imp = XesImporter::new(Some(&XesMapping::new().with(Key::Type, "type")));
    let mut at = 0;
    let mut cuts: Vec<usize> = cuts.iter().map(|&c| c.min(bytes.len())).collect();
    cuts.sort_unstable();
    for c in cuts.into_iter().chain([bytes.len()]) {
        if let Err(e) = imp.push(&mut t, &bytes[at..c]) {
            return (t, Err(e));
        }
        at = c;
    }
    let r = imp.finish(&mut t);
    (t, r)
}

fn same(bytes: &[u8], cuts: &[usize]) -> Result<(), TestCaseError> {
    let (a, ra) = streamed(bytes, &[]);
    let (b, rb) = streamed(bytes, cuts);
    prop_assert_eq!(events(&a), events(&b));
    prop_assert_eq!(documents(&a), documents(&b));
    match (ra, rb) {
        (Ok(x), Ok(y)) => prop_assert_eq!(x, y),
        (Err(x), Err(y)) => prop_assert_eq!((x.line, x.message), (y.line, y.message)),
        (x, y) => prop_assert!(false, "{x:?} vs {y:?}"),
    }
    Ok(())
}

/// A log with multi-byte text, references, comments and CDATA for chunks to cut through.
fn tricky() -> String {
    let mut s = String::from("\u{feff}<?xml version=\"1.0\"?>\n<!-- <log> > -->\n<log>\n");
    for d in 0..6 {
        s.push_str(&format!(
            "<trace>\n <string key=\"concept:name\" value=\"Văn bản số {d} &amp; &#x1EA1;\"/>\n <string key=\"type\" value=\"Công văn\"/>\n"
        ));
        for e in 0..4 {
            s.push_str(&format!(
                " <event>\n  <string key=\"concept:name\" value=\"{}\"/><string key=\"org:group\" value=\"Sở Nội vụ {}\"/>\n  <date key=\"time:timestamp\" value=\"2026-03-0{}T0{}:00:00+07:00\"/><![CDATA[ <x> ]]>\n </event>\n",
                ["arrived", "accepted", "processing", "completed"][e],
                (d + e) % 3,
                2 + d % 5,
                e + 1
            ));
        }
        s.push_str("</trace>\n");
    }
    s.push_str("</log>\n");
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn streaming_equals_one_push(cuts in proptest::collection::vec(0usize..4000, 0..40)) {
        let xes = tricky();
        let (_, r) = streamed(xes.as_bytes(), &[]);
        prop_assert_eq!(r.unwrap().accepted, 24);
        same(xes.as_bytes(), &cuts)?;
        let gz = gzip(xes.as_bytes());
        let gcuts: Vec<usize> = cuts.iter().map(|c| c % (gz.len() + 1)).collect();
        same(&gz, &gcuts)?;
        let (a, _) = streamed(xes.as_bytes(), &[]);
        let (b, _) = streamed(&gz, &gcuts);
        prop_assert_eq!(events(&a), events(&b));
    }

    #[test]
    fn streaming_equals_one_push_on_broken_input(cut in 0usize..1200, cuts in proptest::collection::vec(0usize..1200, 0..20)) {
        // Truncated anywhere, plain and gzip: the same rows and the same error.
        let xes = tricky();
        let b = &xes.as_bytes()[..cut.min(xes.len())];
        same(b, &cuts)?;
        let gz = gzip(xes.as_bytes());
        same(&gz[..cut.min(gz.len())], &cuts)?;
    }

    #[test]
    fn streaming_equals_one_push_on_corrupt_gzip(at in 10usize..440, bit in 0u8..8, cuts in proptest::collection::vec(0usize..460, 0..20)) {
        // A bit flipped anywhere after the header: the same rows and the same error, however
        // the bytes arrive.
        let mut gz = gzip(tricky().as_bytes());
        let at = at.min(gz.len() - 1);
        gz[at] ^= 1 << bit;
        same(&gz, &cuts)?;
    }

    #[test]
    fn byte_by_byte_equals_one_push(start in 0usize..600) {
        let xes = tricky();
        let cuts: Vec<usize> = (start..start + 300).collect();
        same(xes.as_bytes(), &cuts)?;
    }
}

#[test]
fn progress_counts_bytes_rows_and_events() {
    let mut t = Tracker::default();
    let mut imp = XesImporter::new(None);
    let b = BASIC.as_bytes();
    let half = BASIC.find("<trace>\n    <event>").unwrap();
    imp.push(&mut t, &b[..half]).unwrap();
    let p = imp.progress();
    assert_eq!((p.bytes, p.rows, p.events), (half as u64, 3, 0));
    imp.push(&mut t, &b[half..]).unwrap();
    let r = imp.finish(&mut t).unwrap();
    let p = imp.progress();
    assert_eq!((p.bytes, p.events), (b.len() as u64, 5));
    assert_eq!(r.accepted, 5);
    assert!(imp.finish(&mut t).is_err());
}

// ---------------------------------------------------------------------------------------------
// Generated logs written as XES.

#[path = "support/xes_writer.rs"]
mod xes_writer;

use lienthong::generator::{GeneratedLog, GeneratorOptions};

fn generated_xes(events: usize, seed: u64) -> (GeneratedLog, Vec<u8>) {
    let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(seed), events, ..Default::default() });
    let mut xes = Vec::new();
    xes_writer::write_xes(&log, &mut xes).unwrap();
    (log, xes)
}

#[test]
fn a_generated_log_round_trips_through_xes() {
    let (log, xes) = generated_xes(5_000, 3);
    let mut direct = Tracker::default();
    log.load_into(&mut direct);
    let m = XesMapping::from_pairs([("to", "to"), ("actor", "org:resource"), ("channel", "channel")]).unwrap();
    let mut t = Tracker::default();
    let r = import_xes(&mut t, &xes, Some(&m)).unwrap();
    assert_eq!(r.accepted, log.event_count(), "{:?}", &r.rejected[..r.rejected.len().min(3)]);
    assert!(r.rejected.is_empty());
    assert_eq!(events(&t), events(&direct));
    for key in [DfgKey::Unit, DfgKey::Action] {
        assert_eq!(
            t.directly_follows(key, &Query::default()).unwrap(),
            direct.directly_follows(key, &Query::default()).unwrap()
        );
    }
    // Gzip, pushed in 64 KiB chunks as File.stream() gives them: the same store.
    let gz = gzip(&xes);
    let mut g = Tracker::default();
    let mut imp = XesImporter::new(Some(&m));
    for c in gz.chunks(1 << 16) {
        imp.push(&mut g, c).unwrap();
    }
    assert_eq!(imp.finish(&mut g).unwrap(), r);
    assert_eq!(events(&g), events(&t));
}

/// The PM4Py cross-check's runner (`scripts/pm4py_crosscheck.sh`): with `XES_WRITE=FILE` it
/// writes a generated log of `EVENTS` events (seed `SEED`) as XES; with `XES_DFG=FILE` it reads
/// that XES and prints lienthong's directly-follows graph on `KEY` (unit or action) as JSON,
/// with a line `events N cases M` on stderr.
#[test]
#[ignore = "run by scripts/pm4py_crosscheck.sh"]
fn xes_crosscheck_runner() {
    let env = |k: &str| std::env::var(k).ok();
    if let Some(path) = env("XES_WRITE") {
        let events: usize = env("EVENTS").and_then(|e| e.parse().ok()).unwrap_or(20_000);
        let seed: u64 = env("SEED").and_then(|e| e.parse().ok()).unwrap_or(11);
        let (_, xes) = generated_xes(events, seed);
        std::fs::write(path, xes).unwrap();
    }
    if let Some(path) = env("XES_DFG") {
        let key = match env("KEY").as_deref() {
            Some("action") => DfgKey::Action,
            _ => DfgKey::Unit,
        };
        let mut t = Tracker::default();
        let r = import_xes(&mut t, &std::fs::read(&path).unwrap(), None).unwrap();
        assert!(r.rejected.is_empty(), "{:?}", r.rejected);
        let arcs = t.directly_follows(key, &Query::default()).unwrap();
        let out = env("OUT").expect("OUT=file for the JSON");
        std::fs::write(out, serde_json::to_string(&arcs).unwrap()).unwrap();
        eprintln!("events {} cases {}", t.store().events.len(), t.store().documents.len());
    }
}

#[test]
fn gzip_headers_and_members() {
    let m = XesMapping::new().with(Key::Type, "type");
    let (plain, _) = import(BASIC, Some(&m));
    // A header with a file name, a comment and an extra field, as `gzip -N` and others write.
    let mut e = flate2::GzBuilder::new()
        .filename("nhật ký.xes")
        .comment("xuất từ hệ thống")
        .extra(vec![1, 2, 3, 4])
        .write(Vec::new(), Compression::best());
    e.write_all(BASIC.as_bytes()).unwrap();
    let named = e.finish().unwrap();
    // Two members one after the other (`cat a.gz b.gz`), cut in the middle of a tag.
    let cut = BASIC.find("<trace>").unwrap() + 3;
    let two = [gzip(&BASIC.as_bytes()[..cut]), gzip(&BASIC.as_bytes()[cut..])].concat();
    for bytes in [named, two] {
        for step in [1, 7, 1 << 20] {
            let mut t = Tracker::default();
            let mut imp = XesImporter::new(Some(&m));
            for c in bytes.chunks(step) {
                imp.push(&mut t, c).unwrap();
            }
            assert_eq!(imp.finish(&mut t).unwrap().accepted, 5);
            assert_eq!(events(&t), events(&plain));
        }
    }
    // The wrong CRC in the trailer.
    let mut bad = gzip(BASIC.as_bytes());
    let n = bad.len();
    bad[n - 8] ^= 1;
    let (t, e) = import_err(&bad);
    assert_eq!(e.message, "not a readable .xes.gz: CRC or length mismatch: the data is corrupt");
    // The whole text was read before the trailer: its events are loaded.
    assert_eq!(t.store().events.len(), 5);
}

/// A byte-order mark where a chunk starts: quick-xml skipped it by itself, and lines slipped
/// (found by `cargo fuzz run xes`). Every two-piece cut reads alike: inside `<log>` the mark is
/// text, outside it an error, and marks before anything else are skipped.
#[test]
fn byte_order_marks_read_alike_in_any_pieces() {
    let cases: [&[u8]; 3] =
        [b"<log>\xef\xbb\xbf\n</b>", b"\xef\xbb\xbf\xef\xbb\xbf\xef\xbb\xbf\n<log>\n</b>", b"<log/>\n\xef\xbb\xbf"];
    let lines = [2, 3, 2];
    for (input, want) in cases.iter().zip(lines) {
        let one = import_xes(&mut Tracker::default(), input, None);
        let e = one.as_ref().unwrap_err();
        assert_eq!(e.line, Some(want), "{e}");
        for k in 0..=input.len() {
            let mut t = Tracker::default();
            let mut imp = XesImporter::new(None);
            let r = imp
                .push(&mut t, &input[..k])
                .and_then(|()| imp.push(&mut t, &input[k..]))
                .and_then(|()| imp.finish(&mut t));
            assert_eq!(one, r, "cut at {k}");
        }
    }
}
