//! Entry points for fuzzing: each takes arbitrary bytes and drives one reader of the library
//! (then every analysis on what it loaded), so that the cargo-fuzz targets in `fuzz/` and the
//! short seeded run of `tests/fuzz_seeded.rs` exercise the same code. A panic anywhere is a bug;
//! these functions return nothing and never fail on bad input.

use crate::analysis::{Bucket, DfgCase, DfgKey, EgovBy, GroupBy, OverdueOptions, ReportBy, ReportOptions};
use crate::calendar::{VietnamCalendar, WorkingTime};
use crate::ingest::columns::{load_event_columns, EventColumns, Indexes};
use crate::ingest::json;
use crate::model::{time, DurationSpec, TimeZone};
use crate::{Query, Tracker, TrackerOptions};

/// The bytes as text (lossy), capped so that one input stays cheap.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(&data[..data.len().min(1 << 16)]).into_owned()
}

/// Every analysis of `t` under `q`, results dropped.
fn analyses(t: &Tracker, q: &Query) {
    let _ = t.summary(q);
    let _ = t.directly_follows_with(DfgKey::Unit, DfgCase::Document, true, q);
    let _ = t.directly_follows_by(DfgKey::Action, DfgCase::Copy, q);
    let _ = t.flow(q);
    let _ = t.processing_times(GroupBy::Edge, q);
    let _ = t.processing_times(GroupBy::Document, q);
    let _ = t.bottlenecks(5, q);
    let _ = t.overdue(&OverdueOptions::default(), q);
    let _ = t.timeline(Bucket::Week, q);
    let _ = t.report(&ReportOptions { by: ReportBy::Level, ..ReportOptions::default() }, q);
    let _ = t.egov(EgovBy::Month, q);
}

/// JSON records: the bytes split at the first two `\n` into units, documents and events (each a
/// JSON array), loaded by the readers of `addUnitsJson`/`addDocumentsJson`/`addEventsJson`
/// (`ingest::json`); then every analysis, with and without a window.
pub fn json_records(data: &[u8]) {
    let s = text(data);
    let mut parts = s.splitn(3, '\n');
    let (units, documents, events) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut t = Tracker::new(TrackerOptions::default());
    let _ = json::load_units(&mut t, units);
    let _ = json::load_documents(&mut t, documents);
    let _ = json::load_events(&mut t, events);
    all_analyses(&t);
}

/// Typed-array columns (`addEventColumns`): the bytes give the dictionaries (short ids, some
/// unreadable), each column's width and entries (indexes in and out of range, negative ones,
/// fractions; times around 2026 and any `f64`, `NaN` and infinities included), loaded; then
/// every analysis.
pub fn columns(data: &[u8]) {
    let mut b = Bytes(data);
    let dictionary = |b: &mut Bytes<'_>, prefix: &str| -> Vec<Option<String>> {
        (0..b.next() % 6).map(|i| (b.next() % 9 != 0).then(|| format!("{prefix}{}", i % 4))).collect()
    };
    let (docs, units, actions) = (dictionary(&mut b, "d"), dictionary(&mut b, "u"), dictionary(&mut b, "a"));
    let actions: Vec<Option<String>> = actions
        .into_iter()
        .enumerate()
        .map(|(i, a)| a.map(|_| ["sent", "arrived", "completed", "processing", "ghi chú"][i % 5].to_string()))
        .collect();
    let n = usize::from(b.next() % 48);
    let indexes = |b: &mut Bytes<'_>| -> Vec<f64> {
        (0..n).map(|_| f64::from(b.next() % 9) - 2.0 + if b.next() == 255 { 0.5 } else { 0.0 }).collect()
    };
    let (doc, unit, action, to) = (indexes(&mut b), indexes(&mut b), indexes(&mut b), indexes(&mut b));
    let widths = [b.next(), b.next(), b.next(), b.next()];
    let times = |b: &mut Bytes<'_>| -> Vec<f64> {
        (0..n)
            .map(|_| match b.next() % 6 {
                0 => f64::NAN,
                1 => f64::from_le_bytes(std::array::from_fn(|_| b.next())),
                2 => f64::INFINITY,
                _ => 1_772_413_200_000.0 + f64::from(b.next()) * 3_600_000.0 + f64::from(b.next()),
            })
            .collect()
    };
    let (at, due) = (times(&mut b), times(&mut b));
    let (docs, units, actions) = (ids(&docs), ids(&units), ids(&actions));
    let cols: [Column; 4] = std::array::from_fn(|k| Column::new([&doc, &unit, &action, &to][k], widths[k]));
    let c = EventColumns {
        docs: &docs,
        units: &units,
        actions: &actions,
        doc: cols[0].indexes(),
        unit: cols[1].indexes(),
        action: cols[2].indexes(),
        at: &at,
        to: (widths[3] & 8 != 0).then(|| cols[3].indexes()),
        due: (widths[3] & 16 != 0).then_some(due.as_slice()),
    };
    let mut t = Tracker::new(TrackerOptions::default());
    let _ = load_event_columns(&mut t, &c);
    // Twice: the second load is all duplicates.
    let _ = load_event_columns(&mut t, &c);
    all_analyses(&t);
}

/// A dictionary as `EventColumns` takes it.
fn ids(d: &[Option<String>]) -> Vec<Option<&str>> {
    d.iter().map(Option::as_deref).collect()
}

/// The bytes of a fuzz input, one at a time (then zeros).
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
        self.0 = rest;
        first
    }
}

/// An index column in one of the widths a caller may give (entries cast as a caller's typed
/// array would hold them).
enum Column {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    I32(Vec<i32>),
    F64(Vec<f64>),
}

impl Column {
    fn new(values: &[f64], width: u8) -> Column {
        match width % 5 {
            0 => Column::U8(values.iter().map(|&v| v as u8).collect()),
            1 => Column::U16(values.iter().map(|&v| v as u16).collect()),
            2 => Column::U32(values.iter().map(|&v| v as u32).collect()),
            3 => Column::I32(values.iter().map(|&v| v as i32).collect()),
            _ => Column::F64(values.to_vec()),
        }
    }

    fn indexes(&self) -> Indexes<'_> {
        match self {
            Column::U8(c) => Indexes::U8(c),
            Column::U16(c) => Indexes::U16(c),
            Column::U32(c) => Indexes::U32(c),
            Column::I32(c) => Indexes::I32(c),
            Column::F64(c) => Indexes::F64(c),
        }
    }
}

/// Every analysis of `t`, with and without a window.
fn all_analyses(t: &Tracker) {
    analyses(t, &Query::default());
    if let (Some(first), Some(last)) = (t.store().earliest_at, t.store().latest_at) {
        let mid = first / 2 + last / 2;
        analyses(t, &Query { from: Some(mid), roll_up: false, ..Query::default() });
        analyses(t, &Query { to: Some(mid.saturating_add(1)), as_of: Some(first), ..Query::default() });
    }
}

/// Time and duration readers and working-time arithmetic: the text as an instant (in two
/// zones), as a due date, as a duration added to and measured from instants, and as a zone.
pub fn times(data: &[u8]) {
    let s = text(data);
    let cal = VietnamCalendar::shared();
    for zone in [TimeZone::VIETNAM, TimeZone::UTC] {
        if let Ok(at) = time::parse_instant(&s, zone) {
            let later = at.saturating_add(1_000_000_000);
            let _ = cal.working_ms_between(at, later);
            let _ = cal.working_days_late(at, later);
            let _ = time::format_instant(at, zone);
        }
    }
    let _ = crate::ingest::read_due(crate::ingest::TimeValue::Text(&s), TimeZone::VIETNAM, 17 * 3_600_000);
    if let Ok(d) = DurationSpec::parse(&s) {
        for at in [0, 1_772_413_200_000, -2_208_988_800_000, 4_102_444_800_000] {
            let end = cal.add_working(at, d);
            let _ = cal.working_ms_between(at, end);
        }
    }
    let _ = TimeZone::parse(&s);
    if data.len() >= 8 {
        let ms = i64::from_le_bytes(data[..8].try_into().unwrap_or([0; 8]));
        let _ = time::instant_from_i64(ms);
        let _ = time::instant_from_f64(f64::from_le_bytes(data[..8].try_into().unwrap_or([0; 8])));
    }
}

/// XES: the bytes imported in one push, then pushed again in chunks whose sizes come from the
/// bytes themselves, plain and gzip-compressed; one push and many must give the same store and
/// the same error. Then every analysis on what was loaded.
pub fn xes(data: &[u8]) {
    use crate::ingest::import::Importer;
    use crate::ingest::xes::{import_xes, XesImporter};

    let data = &data[..data.len().min(1 << 16)];
    let mut whole = Tracker::new(TrackerOptions::default());
    let one = import_xes(&mut whole, data, None);
    analyses(&whole, &Query::default());

    let step = 1 + data.first().map_or(0, |b| *b as usize % 61);
    let chunked = |input: &[u8]| {
        let mut t = Tracker::new(TrackerOptions::default());
        let mut imp = XesImporter::new(None);
        let mut r = Ok(());
        for (i, c) in input.chunks(step).enumerate() {
            // Uneven chunks: every third one split again at its middle.
            let (a, b) = if i % 3 == 2 { c.split_at(c.len() / 2) } else { (c, &c[c.len()..]) };
            r = imp.push(&mut t, a).and_then(|()| imp.push(&mut t, b));
            if r.is_err() {
                break;
            }
        }
        let r = r.and_then(|()| imp.finish(&mut t));
        (t, r)
    };
    let (t, many) = chunked(data);
    assert_eq!(whole.store().events.len(), t.store().events.len(), "one push and many load the same events");
    match (&one, &many) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!((a.line, &a.message), (b.line, &b.message)),
        _ => panic!("one push and many disagree: {one:?} vs {many:?}"),
    }

    let gz = crate::ingest::gzip::gzip(data);
    let (g, zipped) = chunked(&gz);
    assert_eq!(g.store().events.len(), t.store().events.len(), "gzip loads the same events");
    assert_eq!(zipped.is_ok(), many.is_ok());
    // A corrupted gzip stream: an error or fewer events, never a panic.
    let mut bad = gz;
    let mid = bad.len() / 2;
    bad[mid] ^= data.len() as u8 | 1;
    let _ = chunked(&bad);
}

/// CSV import: the bytes as a CSV file (any encoding), pushed to a [`CsvImporter`] in chunks
/// whose sizes come from the first byte, then finished; the report and the store must equal
/// those of the one-shot [`import_csv`] (a difference panics). Then every analysis.
///
/// [`CsvImporter`]: crate::ingest::csv::CsvImporter
/// [`import_csv`]: crate::ingest::csv::import_csv
pub fn csv(data: &[u8]) {
    use crate::ingest::csv::{import_csv, CsvImporter};
    use crate::ingest::import::Importer;
    let (head, data) = data.split_first().map_or((0, data), |(h, d)| (*h, d));
    let data = &data[..data.len().min(1 << 16)];
    let mut one = Tracker::new(TrackerOptions::default());
    let whole = import_csv(&mut one, data, None);
    let mut t = Tracker::new(TrackerOptions::default());
    let mut imp = CsvImporter::new(None);
    // Chunk sizes 1..=head+1, cycling: every boundary position is reached over a run.
    let mut rest = data;
    let mut n = 0usize;
    let mut pushed = Ok(());
    while !rest.is_empty() && pushed.is_ok() {
        let size = (n * 7 + 1) % (head as usize + 1) + 1;
        let (chunk, tail) = rest.split_at(size.min(rest.len()));
        pushed = imp.push(&mut t, chunk);
        rest = tail;
        n += 1;
    }
    let streamed = pushed.and_then(|_| imp.finish(&mut t));
    assert_eq!(whole, streamed, "streaming and one-shot CSV import differ");
    assert_eq!(one.store().events.len(), t.store().events.len());
    analyses(&t, &Query::default());
}

/// edXML packages and status messages: the bytes read in one piece, then pushed in chunks of
/// irregular sizes taken from the bytes themselves (the two reports and stores must be equal: an
/// import does not depend on how its input arrived); then every analysis.
pub fn edxml(data: &[u8]) {
    use crate::ingest::edxml::{import_edxml, EdxmlImporter};
    use crate::ingest::import::Importer;
    let data = &data[..data.len().min(1 << 16)];
    let mut whole = Tracker::new(TrackerOptions::default());
    let one = import_edxml(&mut whole, data);
    let mut chunked = Tracker::new(TrackerOptions::default());
    let mut importer = EdxmlImporter::new();
    let (mut at, mut pushed) = (0, Ok(()));
    while at < data.len() && pushed.is_ok() {
        let size = 1 + (data[(at * 31 + data.len()) % data.len()] as usize + at) % 67;
        let end = (at + size).min(data.len());
        pushed = importer.push(&mut chunked, &data[at..end]);
        at = end;
    }
    let many = pushed.and_then(|_| importer.finish(&mut chunked));
    assert_eq!(one, many, "one piece and chunks differ");
    assert_eq!(whole.store().events.len(), chunked.store().events.len());
    analyses(&whole, &Query::default());
}
