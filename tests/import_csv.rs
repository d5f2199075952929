//! The CSV importer on small hand-written files: every encoding, delimiter and date format of
//! the issue, Vietnamese headers (NFD too), several targets, document fields repeated per row,
//! quoted newlines; a corpus of malformed inputs with their exact errors and rejections; and
//! streaming (random chunks) against one-shot on the same bytes.

use lienthong::analysis::{DfgKey, GroupBy, OverdueOptions};
use lienthong::generator::{GeneratedLog, GeneratorOptions};
use lienthong::ingest::csv::{import_csv, CsvImporter, CsvMapping, MAX_ROW_BYTES};
use lienthong::ingest::encoding::Encoding;
use lienthong::ingest::import::{ImportError, Importer};
use lienthong::ingest::staging::{Key, MAX_FIELD_BYTES};
use lienthong::ingest::{IngestReport, Rejection};
use lienthong::model::Urgency;
use lienthong::{Query, Tracker};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// 2021-06-26T08:00+07:00 in epoch milliseconds.
const JUNE_26_8H: i64 = 1_624_669_200_000;
const HOUR: i64 = 3_600_000;

fn import(bytes: &[u8]) -> (Tracker, Result<IngestReport, ImportError>) {
    let mut t = Tracker::default();
    let r = import_csv(&mut t, bytes, None);
    (t, r)
}

fn ok(bytes: &[u8]) -> (Tracker, IngestReport) {
    let (t, r) = import(bytes);
    (t, r.unwrap_or_else(|e| panic!("import failed: {e}")))
}

/// (line, column, field) of a rejection, and whether its message holds `part`.
fn at(r: &Rejection) -> (Option<usize>, Option<usize>, &str) {
    (r.line, r.column, r.field.as_str())
}

/// Everything an analysis can see of a store, as text: the figures of summary, DFG by unit and
/// action, processing times by unit, overdue, the ids and every event's time.
fn fingerprint(t: &Tracker) -> String {
    let q = Query::default();
    let s = t.store();
    let mut ids: Vec<&str> =
        (0..s.documents.len()).map(|i| s.documents.id(lienthong::store::DocIx::from_index(i))).collect();
    ids.sort();
    let mut units: Vec<&str> =
        (0..s.units.len()).map(|i| s.units.id(lienthong::store::UnitIx::from_index(i))).collect();
    units.sort();
    serde_json::json!({
        "summary": t.summary(&q).unwrap(),
        "dfgUnit": t.directly_follows(DfgKey::Unit, &q).unwrap(),
        "dfgAction": t.directly_follows(DfgKey::Action, &q).unwrap(),
        "processing": t.processing_times(GroupBy::Unit, &q).unwrap(),
        "overdue": t.overdue(&OverdueOptions::default(), &q).unwrap(),
        "docs": ids,
        "units": units,
        "at": s.events.at,
    })
    .to_string()
}

/// A Vietnamese office export: headers with diacritics, `;`, the four date formats, a send to
/// three units (`|` and `;` inside quotes), document fields repeated on every row, a note
/// with a newline.
const OFFICE: &str = "Số hiệu;Đơn vị;Trạng thái;Thời gian;Nơi nhận;Hạn xử lý;Loại văn bản;Độ khẩn;Ghi chú\n\
12/UBND;H23;sent;2021-06-26T08:00:00+07:00;\"X1|X2;X3\";2021-07-01;công văn;khẩn;\n\
12/UBND;X1;arrived;2021-06-26 09:00:00.123;;2021-07-01;công văn;khẩn;\"nhận bản giấy,\nđã quét\"\n\
12/UBND;X1;completed;26/06/2021 10:00;;2021-07-01;công văn;khẩn;\n\
12/UBND;X2;arrived;27/06/2021;;2021-07-01;công văn;khẩn;\n\
7/SNV;Sở Nội vụ;arrived;28/06/2021 08:00;;;tờ trình;thượng khẩn;\n";

#[test]
fn office_export_with_vietnamese_headers() {
    let (t, r) = ok(OFFICE.as_bytes());
    assert_eq!(r.accepted, 5, "{r:?}");
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    let s = t.store();
    assert_eq!(s.documents.len(), 2);
    let d = s.documents.find("12/UBND").unwrap();
    assert_eq!(s.texts.resolve(s.documents.doc_type[d.index()]), "công văn");
    assert_eq!(s.documents.urgency[d.index()], Urgency::Urgent);
    // A date-only due is the end of that day's office hours (17:00).
    assert_eq!(s.documents.due[d.index()], Some(JUNE_26_8H + 5 * 24 * HOUR + 9 * HOUR));
    let d7 = s.documents.find("7/SNV").unwrap();
    assert_eq!(s.documents.urgency[d7.index()], Urgency::VeryUrgent);
    assert!(s.units.find("Sở Nội vụ").is_some());
    // The four date formats, in event order (d 12/UBND first, by time).
    assert_eq!(&s.events.at[..4], [JUNE_26_8H, JUNE_26_8H + HOUR + 123, JUNE_26_8H + 2 * HOUR, JUNE_26_8H + 16 * HOUR]);
    // The send opened copies at X1, X2 and X3: three received copies, X1's closed.
    let sum = t.summary(&Query::default()).unwrap();
    assert_eq!((sum.copies, sum.copies_open), (4, 3), "{sum:?}");
    // The note with its newline is kept whole.
    let note = s.events.note[1];
    assert_eq!(s.texts.resolve(note), "nhận bản giấy,\nđã quét");
}

#[test]
fn nfd_headers_and_values_match_precomposed_ones() {
    let nfd: String = OFFICE.nfd().collect();
    assert_ne!(nfd, OFFICE);
    let (a, ra) = ok(OFFICE.as_bytes());
    let (b, rb) = ok(nfd.as_bytes());
    assert_eq!(ra, rb);
    assert_eq!(fingerprint(&a), fingerprint(&b));
    // Headers are compared case-insensitively and trimmed, too.
    let shouted = OFFICE.replacen("Số hiệu;Đơn vị", " SỐ HIỆU ;ĐƠN VỊ", 1);
    let (c, _) = ok(shouted.as_bytes());
    assert_eq!(fingerprint(&a), fingerprint(&c));
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

/// Windows-1258 as Vietnamese keyboards write it: the letter (with its circumflex, breve or
/// horn) as one byte, the tone as a combining mark after it.
fn windows_1258(text: &str) -> Vec<u8> {
    const LETTERS: [(char, u8); 14] = [
        ('â', 0xE2),
        ('ă', 0xE3),
        ('ê', 0xEA),
        ('ô', 0xF4),
        ('ơ', 0xF5),
        ('ư', 0xFD),
        ('đ', 0xF0),
        ('Â', 0xC2),
        ('Ă', 0xC3),
        ('Ê', 0xCA),
        ('Ô', 0xD4),
        ('Ơ', 0xD5),
        ('Ư', 0xDD),
        ('Đ', 0xD0),
    ];
    const TONES: [(char, u8); 5] =
        [('\u{300}', 0xCC), ('\u{301}', 0xEC), ('\u{303}', 0xDE), ('\u{309}', 0xD2), ('\u{323}', 0xF2)];
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let parts: Vec<char> = c.to_string().nfd().collect();
        let tone = parts.iter().find_map(|p| TONES.iter().find(|t| t.0 == *p).map(|t| t.1));
        let letter: String =
            parts.iter().filter(|p| !TONES.iter().any(|t| t.0 == **p)).collect::<String>().nfc().collect();
        let l = letter.chars().next().unwrap();
        if l.is_ascii() {
            out.push(l as u8);
        } else {
            out.push(LETTERS.iter().find(|x| x.0 == l).unwrap_or_else(|| panic!("no byte for {l:?}")).1);
        }
        out.extend(tone);
    }
    out
}

#[test]
fn every_encoding_gives_the_same_store() {
    let (base, r) = ok(OFFICE.as_bytes());
    let want = fingerprint(&base);
    let tabs = OFFICE.replace(';', "\t").replace("\"X1|X2\tX3\"", "\"X1|X2;X3\"");
    let cp = windows_1258(OFFICE);
    assert!(std::str::from_utf8(&cp).is_err());
    let inputs: Vec<(&str, Vec<u8>, Encoding)> = vec![
        ("UTF-8 with BOM", [b"\xEF\xBB\xBF".as_slice(), OFFICE.as_bytes()].concat(), Encoding::Utf8),
        ("UTF-16LE, tabs (Excel Unicode text)", utf16(&tabs, true), Encoding::Utf16Le),
        ("UTF-16BE", utf16(OFFICE, false), Encoding::Utf16Be),
        ("UTF-16LE without BOM", utf16(OFFICE, true)[2..].to_vec(), Encoding::Utf16Le),
        ("Windows-1258", cp, Encoding::Windows1258),
        ("CRLF", OFFICE.replace('\n', "\r\n").into_bytes(), Encoding::Utf8),
    ];
    for (name, bytes, enc) in inputs {
        let mut t = Tracker::default();
        let mut imp = CsvImporter::new(None);
        // Two bytes at a time: every chunk boundary inside a sequence, a pair, a CRLF.
        for c in bytes.chunks(2) {
            imp.push(&mut t, c).unwrap();
        }
        let got = imp.finish(&mut t).unwrap();
        assert_eq!(imp.encoding(), Some(enc), "{name}");
        assert_eq!(got.accepted, r.accepted, "{name}: {got:?}");
        assert!(got.rejected.is_empty(), "{name}: {:?}", got.rejected);
        // Quoted notes keep their line end as written (CRLF in the CRLF file).
        if name != "CRLF" {
            assert_eq!(fingerprint(&t), want, "{name}");
        }
    }
}

#[test]
fn delimiter_is_detected_outside_quotes() {
    // Commas inside the quoted headers, semicolons between them.
    let text = "\"Số hiệu, ký hiệu\";\"Đơn vị, phòng\";Trạng thái;Thời gian\nd1;A, B;arrived;2021-06-26 08:00\n";
    let mapping = CsvMapping::new().with(Key::Document, "Số hiệu, ký hiệu").with(Key::Unit, "đơn vị, phòng");
    let mut t = Tracker::default();
    let r = import_csv(&mut t, text.as_bytes(), Some(&mapping)).unwrap();
    assert_eq!(r.accepted, 1);
    assert!(t.store().units.find("A, B").is_some());
    // Tabs win over a comma in a header.
    let tabs = "doc\tunit\taction\tat\tnote\tfree, text\nd1\tA\tarrived\t2021-06-26 08:00\tx, y\t\n";
    let (t, r) = ok(tabs.as_bytes());
    assert_eq!(r.accepted, 1);
    assert_eq!(t.store().texts.resolve(t.store().events.note[0]), "x, y");
}

#[test]
fn xes_style_and_cli_headers_are_mapped_by_default() {
    let xes = "case:concept:name,concept:name,time:timestamp,org:group,org:resource,case:deadline\n\
               d1,arrived,2021-06-26T08:00:00+07:00,A,lan,2021-06-30\n\
               d1,completed,2021-06-29T08:00:00+07:00,A,lan,2021-06-30\n";
    let (t, r) = ok(xes.as_bytes());
    assert_eq!(r.accepted, 2);
    let d = t.store().documents.find("d1").unwrap();
    assert_eq!(t.store().documents.due[d.index()], Some(JUNE_26_8H + 4 * 24 * HOUR + 9 * HOUR));
    assert_eq!(t.summary(&Query::default()).unwrap().closed, 1);
}

#[test]
fn the_cli_export_reads_back_as_the_generated_log() {
    let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(3), events: 3000, ..Default::default() });
    let mut csv = Vec::new();
    log.write_csv(&mut csv).unwrap();
    let (t, r) = ok(&csv);
    assert_eq!(r.accepted, log.event_count(), "{:?}", &r.rejected[..r.rejected.len().min(3)]);
    let mut direct = Tracker::default();
    direct.add_events(log.event_records());
    let q = Query::default();
    assert_eq!(t.directly_follows(DfgKey::Unit, &q).unwrap(), direct.directly_follows(DfgKey::Unit, &q).unwrap());
    assert_eq!(t.summary(&q).unwrap(), direct.summary(&q).unwrap());
}

#[test]
fn explicit_mapping_wins_and_the_rest_is_found_by_header() {
    let text = "Mã,Nơi,Việc,Lúc,Ghi chú\nd1,A,arrived,2021-06-26 08:00,xin ý kiến\n";
    let m = CsvMapping::from_pairs([("doc", "Mã"), ("unit", "Nơi"), ("action", "Việc"), ("at", "Lúc")]).unwrap();
    let mut t = Tracker::default();
    let r = import_csv(&mut t, text.as_bytes(), Some(&m)).unwrap();
    assert_eq!(r.accepted, 1);
    assert_eq!(t.store().texts.resolve(t.store().events.note[0]), "xin ý kiến");
    let e = CsvMapping::from_pairs([("place", "Nơi")]).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("place"));
    assert!(e.message.contains("known keys: document, unit, action, at"), "{e}");
}

// ---- Malformed inputs: the exact error or rejection of each. ----

const HEADER: &str = "doc,unit,action,at,note\n";

fn body(rows: &[&str]) -> String {
    let mut s = HEADER.to_string();
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

#[test]
fn bad_date_is_a_rejected_row_with_line_column_and_field() {
    let text = body(&["d1,A,arrived,2021-06-26 08:00,", "d1,A,completed,31/06/2021 08:00,", "d2,A,arrived,hôm qua,"]);
    let (_, r) = ok(text.as_bytes());
    assert_eq!(r.accepted, 1);
    assert_eq!(r.rejected.len(), 2);
    assert_eq!(at(&r.rejected[0]), (Some(3), Some(4), "at"));
    assert_eq!(r.rejected[0].index, 1);
    assert!(r.rejected[0].message.contains("31/06/2021"), "{}", r.rejected[0].message);
    assert_eq!(at(&r.rejected[1]), (Some(4), Some(4), "at"));
}

#[test]
fn quoted_newlines_count_as_lines() {
    // The note of row 1 spans lines 2–4; the bad row after it starts on line 5.
    let text = body(&["d1,A,arrived,2021-06-26 08:00,\"một\nhai\nba\"", "d1,,completed,2021-06-27 08:00,"]);
    let (_, r) = ok(text.as_bytes());
    assert_eq!(r.accepted, 1);
    assert_eq!(at(&r.rejected[0]), (Some(5), Some(2), "unit"));
}

#[test]
fn ragged_rows_are_rejected_with_the_column() {
    let text = body(&[
        "d1,A,arrived,2021-06-26 08:00",
        "d1,A,arrived,2021-06-26 09:00,x,y",
        "d1,A,completed,2021-06-27 08:00,ok",
    ]);
    let (_, r) = ok(text.as_bytes());
    assert_eq!(r.accepted, 1);
    assert_eq!(r.rejected.len(), 2);
    assert_eq!(at(&r.rejected[0]), (Some(2), Some(5), ""));
    assert!(r.rejected[0].message.contains("the row has 4 fields, the header 5"), "{}", r.rejected[0].message);
    assert_eq!(at(&r.rejected[1]), (Some(3), Some(6), ""));
    assert!(r.rejected[1].message.contains("extra field from column 6"), "{}", r.rejected[1].message);
    // Rows of empty fields only (spreadsheet padding) and blank lines are skipped.
    let padded = format!("{}\n,,,,\n\n;;\n", body(&["d1,A,arrived,2021-06-26 08:00,"]));
    let (_, r) = ok(padded.as_bytes());
    assert_eq!((r.accepted, r.rejected.len()), (1, 1));
    assert_eq!(at(&r.rejected[0]), (Some(6), Some(2), ""));
}

#[test]
fn invalid_text_is_a_rejected_row() {
    // Valid UTF-8 over the first 64 KiB (so the file is UTF-8), then a Windows-1258 byte in a
    // unit.
    let rows = vec!["d1,Sở,arrived,2021-06-26 08:00,"; 3000];
    let mut bytes = body(&rows).into_bytes();
    assert!(bytes.len() > 64 * 1024);
    bytes.extend_from_slice(b"d1,S\xF4,completed,2021-06-27 08:00,\n");
    let (_, r) = ok(&bytes);
    assert_eq!((r.accepted, r.duplicates.len()), (1, 2999));
    assert_eq!(at(&r.rejected[0]), (Some(3002), Some(2), "unit"));
    assert_eq!(r.rejected[0].index, 3000);
    assert!(r.rejected[0].message.contains("not valid UTF-8"), "{}", r.rejected[0].message);
    // A lone surrogate in UTF-16.
    let mut u = utf16(&body(&["d1,A,arrived,2021-06-26 08:00,x"]), true);
    for w in [b'd', 0, b'2', 0, b',', 0, 0x00, 0xD8, b',', 0] {
        u.push(w);
    }
    u.extend_from_slice(&utf16("arrived,2021-06-26 08:00,\n", true)[2..]);
    let (_, r) = ok(&u);
    assert_eq!(r.accepted, 1);
    assert_eq!(at(&r.rejected[0]), (Some(3), Some(2), "unit"));
    assert!(r.rejected[0].message.contains("UTF-16LE"), "{}", r.rejected[0].message);
}

#[test]
fn missing_column_names_it_and_lists_the_headers() {
    let (t, r) = import("Số hiệu,Đơn vị,Thời gian\nd1,A,2021-06-26 08:00\n".as_bytes());
    let e = r.unwrap_err();
    assert_eq!((e.line, e.field.as_deref()), (Some(1), Some("action")));
    assert!(e.message.contains("no column for action"), "{e}");
    assert!(e.message.contains("\"Số hiệu\", \"Đơn vị\", \"Thời gian\""), "{e}");
    assert_eq!(t.store().events.len(), 0);
    // A mapping naming a column the file does not have.
    let m = CsvMapping::new().with(Key::At, "Ngày nhận");
    let mut t = Tracker::default();
    let e = import_csv(&mut t, HEADER.as_bytes(), Some(&m)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("at"));
    assert!(e.message.contains("\"Ngày nhận\""), "{e}");
}

#[test]
fn unbalanced_quote_stops_at_its_field() {
    let text = body(&[
        "d1,A,arrived,2021-06-26 08:00,",
        "d1,A,\"completed,2021-06-27 08:00,",
        "d2,B,arrived,2021-06-28 08:00,",
    ]);
    let (t, r) = import(text.as_bytes());
    let e = r.unwrap_err();
    assert_eq!((e.line, e.column, e.field.as_deref()), (Some(3), Some(3), Some("action")));
    assert!(e.message.contains("unbalanced quote"), "{e}");
    // The row read before it is loaded.
    assert_eq!(t.store().events.len(), 1);
}

#[test]
fn oversized_field_stops_the_import_at_the_line_it_starts() {
    let mut text = body(&["d1,A,arrived,2021-06-26 08:00,", "d1,A,arrived,2021-06-26 09:00,"]);
    text.push_str("d2,B,arrived,2021-06-26 08:00,\"");
    text.push_str(&"dài quá\n".repeat(MAX_FIELD_BYTES / 9 + 10));
    text.push_str("\"\n");
    // In one piece and in chunks: the same error, the rows before it loaded.
    for chunk in [usize::MAX, 4096] {
        let mut t = Tracker::default();
        let mut imp = CsvImporter::new(None);
        let e = text
            .as_bytes()
            .chunks(chunk.min(text.len()))
            .try_for_each(|c| imp.push(&mut t, c))
            .and_then(|_| imp.finish(&mut t).map(|_| ()))
            .unwrap_err();
        assert_eq!((e.line, e.column, e.field.as_deref()), (Some(4), Some(5), Some("note")), "{e}");
        assert!(e.message.contains(&format!("longer than {MAX_FIELD_BYTES} bytes")), "{e}");
        assert_eq!(t.store().events.len(), 2);
        // The importer is spent.
        assert!(imp.push(&mut t, b"x").unwrap_err().message.contains("spent"));
    }
    // A row of many fields, each under the limit, over the row limit.
    let wide = format!(
        "{}\n{}",
        HEADER.trim_end(),
        format!("\"{}\",", "x".repeat(MAX_FIELD_BYTES / 2)).repeat(MAX_ROW_BYTES / MAX_FIELD_BYTES * 2 + 2)
    );
    let e = import(wide.as_bytes()).1.unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("the row is longer than"), "{e}");
}

#[test]
fn size_limit_is_a_clear_error() {
    let rows: Vec<String> = (0..5000).map(|i| format!("d{i},A,arrived,2021-06-26 08:00,")).collect();
    let text = body(&rows.iter().map(String::as_str).collect::<Vec<_>>());
    let mut t = Tracker::default();
    let mut imp = CsvImporter::new(None).with_max_bytes(100_000);
    let e = text.as_bytes().chunks(4096).try_for_each(|c| imp.push(&mut t, c)).unwrap_err();
    assert!(e.message.contains("over the limit of 100000 bytes"), "{e}");
    // The rows of the chunks before the limit are loaded (24 chunks of 4096 bytes).
    let n = t.store().events.len();
    assert!(n > 2000 && n < 5000, "{n}");
    assert!(e.line.is_some_and(|l| l == n + 2 || l == n + 1), "{e} after {n} rows");
}

#[test]
fn empty_and_header_only_inputs() {
    for empty in [&b""[..], b"\n\r\n\n", b"\xEF\xBB\xBF", b"\xFF\xFE"] {
        let e = import(empty).1.unwrap_err();
        assert_eq!(e.line, Some(1), "{empty:?}");
        assert!(e.message.contains("the input is empty"), "{empty:?}: {e}");
    }
    let r = ok(HEADER.as_bytes()).1;
    assert_eq!(r, IngestReport::default());
    let r = ok(HEADER.trim_end().as_bytes()).1;
    assert_eq!(r, IngestReport::default());
    // Not a CSV file: one column, none of the needed ones.
    let e = import(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").1.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("document"), "{e}");
}

#[test]
fn progress_counts_bytes_rows_and_events() {
    // With a byte-order mark the encoding is known at once (without one, rows are read once
    // the first 64 KiB decided it).
    let text = format!("\u{feff}{}", body(&["d1,A,arrived,2021-06-26 08:00,"; 10]));
    let mut t = Tracker::default();
    let mut imp = CsvImporter::new(None);
    let half = text.len() / 2;
    imp.push(&mut t, &text.as_bytes()[..half]).unwrap();
    let p = imp.progress();
    assert_eq!(p.bytes, half as u64);
    assert!(p.rows > 0 && p.rows < 10, "{p:?}");
    imp.push(&mut t, &text.as_bytes()[half..]).unwrap();
    assert_eq!(imp.progress().rows, 10);
    let r = imp.finish(&mut t).unwrap();
    // Ten copies of one event: one loaded, nine duplicates.
    assert_eq!((r.accepted, r.duplicates.len()), (1, 9));
    let p = imp.progress();
    assert_eq!((p.bytes, p.rows, p.events), (text.len() as u64, 10, 1));
}

// ---- Streaming = one-shot. ----

/// One-shot, then the same bytes cut at `cuts`: same report, same store.
fn same_when_cut(bytes: &[u8], cuts: &[usize]) -> Result<(), TestCaseError> {
    let (one, r1) = import(bytes);
    let mut t = Tracker::default();
    let mut imp = CsvImporter::new(None);
    let mut last = 0;
    let mut r2 = Ok(());
    for &c in cuts.iter().chain([bytes.len()].iter()) {
        let c = c.clamp(last, bytes.len());
        r2 = r2.and_then(|_| imp.push(&mut t, &bytes[last..c]));
        last = c;
    }
    let r2 = r2.and_then(|_| imp.finish(&mut t));
    prop_assert_eq!(&r1, &r2);
    prop_assert_eq!(fingerprint(&one), fingerprint(&t));
    Ok(())
}

fn generated_csv(events: usize, seed: u64) -> Vec<u8> {
    let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(seed), events, ..Default::default() });
    let mut csv = Vec::new();
    log.write_csv(&mut csv).unwrap();
    csv
}

#[test]
fn every_single_cut_of_the_office_file() {
    let inputs = [OFFICE.as_bytes().to_vec(), utf16(OFFICE, true), windows_1258(OFFICE)];
    for bytes in &inputs {
        for cut in 0..=bytes.len() {
            same_when_cut(bytes, &[cut]).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn streaming_equals_one_shot(
        seed in 0u64..1000,
        which in 0usize..4,
        mut cuts in proptest::collection::vec(0usize..200_000, 0..40),
    ) {
        let text = String::from_utf8(generated_csv(1500, seed)).unwrap();
        let bytes = match which {
            0 => text.into_bytes(),
            1 => utf16(&text.replace(',', "\t"), true),
            2 => windows_1258(&text.replace("doc,unit", "Số hiệu,Đơn vị")),
            _ => format!("{}d9,A,\"arrived,2021-06-26 08:00\n", text).into_bytes(),
        };
        cuts.sort_unstable();
        same_when_cut(&bytes, &cuts)?;
    }
}

/// Rows of fields drawn from the bytes that matter to the splitter (quotes, delimiters, line
/// ends, `-` and `+` right after a delimiter, non-ASCII letters), read in one piece (rows on
/// one line split eight bytes at a time) and byte by byte (every row through the reader): the
/// same store and report.
fn token_rows(picks: &[(u8, u8, u8, bool)]) -> Vec<u8> {
    const FIELDS: &[&str] = &[
        "d1",
        "d-2",
        "-",
        "+",
        "-x",
        "ệ",
        "Sở Nội vụ",
        " A ",
        "\"A\"",
        "\"q,w\"",
        "\"a\"\"b\"",
        "\"x\ny\"",
        "",
        "\t",
        "\"",
        "x\"y",
        ",",
        "\r",
        "sent",
        "arrived",
        ",-",
        "a,b,c",
    ];
    const TIMES: &[&str] = &["2026-03-02 08:00", "02/03/2026", "\"2026-03-02 09:00\"", "x", ""];
    // A byte-order mark: the encoding is known at once, so the rows pushed byte by byte are
    // read as they come (without it, the first 64 KiB are gathered before anything is read).
    let mut out = "\u{feff}doc,unit,action,at,note\n".as_bytes().to_vec();
    for &(a, b, c, crlf) in picks {
        let f = |i: u8| FIELDS[i as usize % FIELDS.len()];
        let row = [f(a), f(b), "sent", TIMES[c as usize % TIMES.len()], f(a ^ b ^ c)].join(",");
        out.extend_from_slice(row.as_bytes());
        out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn split_in_place_equals_the_reader(picks in proptest::collection::vec((0u8.., 0u8.., 0u8.., any::<bool>()), 1..12)) {
        let bytes = token_rows(&picks);
        let cuts: Vec<usize> = (1..bytes.len()).collect();
        same_when_cut(&bytes, &cuts)?;
    }
}

/// A stray quote in the header moves where the header scan ends the header line past where
/// the reader ends it; a chunk cut exactly there gave an empty piece that the reader took for
/// the end of the input (found by `cargo fuzz run csv`): every two-piece cut reads alike.
#[test]
fn a_stray_quote_in_the_header_reads_alike_in_any_pieces() {
    for input in [&b"\xef\xbb\xbfdoc,unit,action,at,x\"\n\"\nx"[..], b"\xef\xbb\xbfdoc,unit,action,at,x\"\r\"\nx"] {
        let (_, one) = import(input);
        assert!(one.is_err(), "{one:?}");
        for k in 0..=input.len() {
            same_when_cut(input, &[k]).unwrap_or_else(|e| panic!("cut at {k}: {e}"));
        }
    }
}
