//! edXML import (QCVN 102:2016): the test files of `tests/fixtures/edxml/` follow the layout of
//! the VPCP SDK samples (`docs/SEMANTICS.md`, "edXML import"); every figure below is worked out
//! by hand.
//!
//! `T` is Monday 2026-03-02T08:00+07:00. The log:
//! - d1 `000.00.00.G22,2026/03/02,12/VPCP-TH` (công văn, khẩn, due Fri 06/03 17:00): Văn phòng
//!   Chính phủ (G22) sends it at T to H41, H14 and G17 (`package_3_recipients`); the trace has
//!   arrivals at H41 at T+5 min and at H14 at T+1 h.
//!   - H41: 01 at T+10 min, 03 at T+1 h, 04 Tue 08:00, 05 Tue 10:00, 06 Mon 09/03 09:00 (late:
//!     64 h after the due time, 1.5 working hours: Mon 07:30–09:00, one working day);
//!   - H14: 02 (rejected) at T+2 h: closed, on time;
//!   - G17: G22 recalls it (13) at T+3 h, G17 agrees (15) at T+6 h: closed, on time.
//! - d2 `000.00.00.H41,2026/03/03,45/UBND-TH` (no DocumentId: derived; công văn, hỏa tốc, due
//!   Wed 04/03 17:00, signed, with a zipped attachment): H41 sends it to the district 000.01.20.H41
//!   on Tue 03/03 14:00 (`package_signed_attachment`); the district's 01 at 14:30 (its ResponseFor
//!   has no DocumentId either), then nothing: overdue at as-of (Mon 09:00, the last event) by
//!   4 d 16 h, 16.5 working hours (Thu, Fri, Mon 07:30–09:00), three working days.

use lienthong::analysis::{GroupBy, OverdueOptions};
use lienthong::ingest::edxml::{import_edxml, EdxmlImporter, MAX_MESSAGE_BYTES};
use lienthong::ingest::import::{import_all, ImportError, Importer};
use lienthong::ingest::staging::MAX_FIELD_BYTES;
use lienthong::ingest::{IngestReport, Rejection, UnitRecord};
use lienthong::model::Urgency;
use lienthong::{Query, Tracker};

const T: i64 = 1_772_413_200_000;
const H: i64 = 3_600_000;
const MIN: i64 = 60_000;
const D1: &str = "000.00.00.G22,2026/03/02,12/VPCP-TH";
const D2: &str = "000.00.00.H41,2026/03/03,45/UBND-TH";

/// The fixture files, in the order the log is read (`log.txt`, shared with the JS test).
fn files() -> Vec<String> {
    String::from_utf8(fixture_bytes("log.txt")).unwrap().lines().map(str::to_string).collect()
}

fn fixture_bytes(file: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/edxml/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> Vec<u8> {
    fixture_bytes(&format!("{name}.edxml"))
}

/// Every fixture file of the log, concatenated (each keeps its `<?xml …?>` declaration).
fn all() -> Vec<u8> {
    files().iter().flat_map(|f| fixture(f)).collect()
}

fn import(input: &[u8]) -> (Tracker, IngestReport) {
    let mut t = Tracker::default();
    let r = import_edxml(&mut t, input).unwrap_or_else(|e| panic!("import error: {e}"));
    (t, r)
}

fn import_err(input: &[u8]) -> ImportError {
    import_edxml(&mut Tracker::default(), input).expect_err("an ImportError")
}

/// A document's events as `unit action +minutes [to] actor | note | channel`.
fn events(t: &Tracker, doc: &str) -> Vec<String> {
    let s = t.store();
    let d = s.documents.find(doc).unwrap_or_else(|| panic!("no document {doc:?}"));
    s.events
        .of_doc(d)
        .map(|i| {
            let e = s.events.row(i);
            let to: Vec<&str> = s.events.sends.units(&e.to).iter().map(|&u| s.units.id(u)).collect();
            let mut out = format!("{} {} +{}", s.units.id(e.unit), s.actions.resolve(e.action), (e.at - T) / MIN);
            if !to.is_empty() {
                out += &format!(" {to:?}");
            }
            if let Some(due) = s.events.sends.due(e.to) {
                out += &format!(" due+{}", (due - T) / MIN);
            }
            for (sep, v) in [(" ", s.texts.resolve_opt(e.actor)), (" | ", s.texts.resolve_opt(e.note))] {
                if let Some(v) = v {
                    out += sep;
                    out += v;
                }
            }
            if let Some(c) = s.events.channel_name(e.channel) {
                out += &format!(" | {c}");
            }
            out
        })
        .collect()
}

fn rejection(index: usize, line: usize, field: &str, message: &str) -> Rejection {
    Rejection { index, line: Some(line), column: None, field: field.into(), message: message.into() }
}

#[test]
fn the_hand_log_is_read() {
    let (t, r) = import(&all());
    assert_eq!(r.accepted, 13);
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    assert!(r.duplicates.is_empty());
    assert_eq!(r.created_units, ["000.00.00.G22", "000.00.00.H41", "000.00.00.H14", "000.00.00.G17", "000.01.20.H41"]);
    assert!(r.created_documents.is_empty(), "packages declare their documents: {:?}", r.created_documents);
    // The signed package's second TraceHeader has a Timestamp but no OrganId (as on the axis's
    // 2025 traffic): noted, not read. The file follows 298 lines (90 + 8 × 26).
    assert_eq!(r.warnings, [rejection(12, 298 + 40, "TraceHeader", "a TraceHeader without OrganId is not read")]);

    assert_eq!(
        events(&t, D1),
        [
            "000.00.00.G22 sent +0 [\"000.00.00.H41\", \"000.00.00.H14\", \"000.00.00.G17\"] due+6300 Trần Thị Văn Thư | axis",
            "000.00.00.H41 arrived +5 | axis",
            "000.00.00.H41 arrived +10 Lê Văn Nhận | Đã đến: hệ thống đã nhận văn bản | axis",
            "000.00.00.H14 arrived +60 | axis",
            "000.00.00.H41 accepted +60 Lê Văn Nhận | Đã tiếp nhận, vào sổ văn bản đến",
            "000.00.00.H14 rejected +120 Đỗ Văn Từ | Từ chối tiếp nhận: gửi nhầm đơn vị",
            "000.00.00.G22 recalled +180 [\"000.00.00.G17\"] Trần Thị Văn Thư | Lấy lại văn bản: gửi nhầm đơn vị",
            "000.00.00.G17 recall-accepted +360 Vũ Thị Đồng | Đồng ý cho lấy lại văn bản",
            "000.00.00.H41 assigned +1440 Phạm Văn Lãnh | Phân công Sở Nội vụ xử lý",
            "000.00.00.H41 processing +1560 Hoàng Thị Xử | Đang xử lý",
            "000.00.00.H41 completed +10140 Hoàng Thị Xử | Hoàn thành xử lý",
        ]
    );
    assert_eq!(
        events(&t, D2),
        ["000.00.00.H41 sent +1800 [\"000.01.20.H41\"] due+3420 | axis", "000.01.20.H41 arrived +1830 | Đã đến | axis",]
    );

    // Documents: number, type, urgency, subject, issuer, signature, format.
    let s = t.store();
    let doc = |id: &str| s.documents.find(id).unwrap().index();
    let text = |id| s.texts.resolve_opt(id);
    let (d1, d2) = (doc(D1), doc(D2));
    assert_eq!(text(s.documents.number[d1]), Some("12/VPCP-TH"));
    assert_eq!(text(s.documents.number[d2]), Some("45/UBND-TH"));
    assert_eq!(text(s.documents.doc_type[d1]), Some("công văn"));
    assert_eq!(s.documents.urgency[d1], Urgency::Urgent);
    assert_eq!(s.documents.urgency[d2], Urgency::Flash);
    assert_eq!(text(s.documents.subject[d2]), Some("V/v triển khai Công văn số 12/VPCP-TH & báo cáo trước 04/3"));
    assert_eq!(s.units.id(s.documents.issuer[d1]), "000.00.00.G22");
    assert_eq!(s.documents.signed[d1], None, "no Signature: unknown, not false");
    assert_eq!(s.documents.signed[d2], Some(true));
    assert_eq!(s.documents.format[d1], Some(lienthong::model::DocFormat::Electronic));
    // DueDate is the deadline of the send (each recipient's copy), not a document-wide one.
    assert_eq!(s.documents.due[d1], None);
    // Units are named from OrganName, without a level.
    let name = |id: &str| text(s.units.name[s.units.find(id).unwrap().index()]);
    assert_eq!(name("000.00.00.G22"), Some("Văn phòng Chính phủ"));
    assert_eq!(name("000.01.20.H41"), Some("UBND Huyện Nghi Lộc"));
    assert!(s.units.level.iter().all(Option::is_none));
}

#[test]
fn the_fan_out_gives_each_recipient_its_own_copy_and_clock() {
    let (t, _) = import(&all());
    let q = Query::default();
    let s = t.summary(&q).unwrap();
    assert_eq!(
        (s.units, s.documents, s.events, s.open, s.closed, s.late, s.overdue, s.in_transit),
        (5, 2, 13, 1, 1, 1, 1, 0)
    );
    // Received copies: H41, H14, G17 (d1) and the district (d2); the senders' own copies are
    // outgoing documents.
    assert_eq!((s.copies, s.copies_open, s.copies_late, s.copies_overdue), (4, 1, 1, 1));
    assert_eq!(s.as_of, T + 7 * 24 * H + H);

    // Processing time by copy: each recipient on its own clock.
    let p = t.processing_times(GroupBy::Copy, &q).unwrap();
    let mut sojourn: Vec<(String, i64)> = p.groups.iter().map(|g| (g.key.clone(), g.calendar.sum_ms)).collect();
    sojourn.sort();
    assert_eq!(
        sojourn,
        [
            (format!("{D1}@000.00.00.G17"), 3 * H), // the recall 11:00 → agreed 14:00
            (format!("{D1}@000.00.00.G22"), 0),     // the send
            (format!("{D1}@000.00.00.H14"), H),     // arrived 09:00 → rejected 10:00
            (format!("{D1}@000.00.00.H41"), 7 * 24 * H + 55 * MIN), // arrived 08:05 → done Mon 09:00
            (format!("{D2}@000.00.00.H41"), 0),
            (format!("{D2}@000.01.20.H41"), 5 * 24 * H + 18 * H + 30 * MIN), // held until as-of
        ]
    );

    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    let late: Vec<(&str, &str, i64, i64, i64)> = o
        .late
        .iter()
        .map(|e| {
            (e.id.as_str(), e.unit.as_str(), e.lateness.calendar_ms, e.lateness.working_ms, e.lateness_working_days)
        })
        .collect();
    assert_eq!(late, [(D1, "000.00.00.H41", 64 * H, 90 * MIN, 1)]);
    let overdue: Vec<(&str, &str, i64, i64, i64)> = o
        .overdue
        .iter()
        .map(|e| {
            (e.id.as_str(), e.unit.as_str(), e.lateness.calendar_ms, e.lateness.working_ms, e.lateness_working_days)
        })
        .collect();
    assert_eq!(overdue, [(D2, "000.01.20.H41", 4 * 24 * H + 16 * H, 16 * H + 30 * MIN, 3)]);
    assert_eq!(o.overdue[0].holder.as_deref(), Some("000.01.20.H41"));
    assert_eq!(o.overdue[0].unit_name.as_deref(), Some("UBND Huyện Nghi Lộc"));
    // H14 (rejected) and G17 (recall agreed) closed before their due time.
    assert_eq!((o.on_time, o.open_in_time, o.without_due), (2, 0, 0));
}

#[test]
fn chunks_cut_anywhere_give_the_same_store() {
    let input = all();
    let (one, r1) = import(&input);
    let s1 = one.summary(&Query::default()).unwrap();
    for size in [1, 2, 3, 7, 64, 500, 4096] {
        let mut t = Tracker::default();
        let mut imp = EdxmlImporter::new();
        for chunk in input.chunks(size) {
            imp.push(&mut t, chunk).unwrap();
        }
        let r = imp.finish(&mut t).unwrap();
        assert_eq!(r, r1, "chunks of {size}");
        assert_eq!(t.summary(&Query::default()).unwrap(), s1, "chunks of {size}");
        assert_eq!(events(&t, D1), events(&one, D1));
        assert_eq!(imp.progress().rows, 11);
        assert_eq!(imp.progress().events, 13);
        assert_eq!(imp.progress().bytes, input.len() as u64);
    }
}

#[test]
fn a_second_import_of_the_same_messages_is_all_duplicates() {
    let input = all();
    let (mut t, _) = import(&input);
    let r = import_edxml(&mut t, &input).unwrap();
    assert_eq!(r.accepted, 0);
    assert_eq!(r.duplicates, (0..13).collect::<Vec<_>>());
    assert_eq!(t.store().events.len(), 13);
}

#[test]
fn declared_units_keep_their_level_and_name() {
    let mut t = Tracker::default();
    t.add_units([UnitRecord {
        id: "000.00.00.H41",
        name: Some("Tỉnh Nghệ An"),
        level: Some("province"),
        ..UnitRecord::default()
    }]);
    import_edxml(&mut t, &all()).unwrap();
    let s = t.store();
    let u = s.units.find("000.00.00.H41").unwrap().index();
    assert_eq!(s.texts.resolve_opt(s.units.name[u]), Some("Tỉnh Nghệ An"));
    assert_eq!(s.units.level[u], Some(lienthong::model::Level::Province));
}

/// A status message in the SDK layout, with the parts given.
fn status(from: &str, response: &str, code: &str, timestamp: &str) -> String {
    format!(
        r#"<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
    <edXML:edXMLHeader>
      <edXML:MessageHeader>
        {from}
        {response}
        <edXML:StatusCode>{code}</edXML:StatusCode>
        <edXML:Timestamp>{timestamp}</edXML:Timestamp>
      </edXML:MessageHeader>
    </edXML:edXMLHeader>
  </edXML:edXMLEnvelope>
</edXML>
"#
    )
}

const FROM_H41: &str = "<edXML:From><edXML:OrganId>000.00.00.H41</edXML:OrganId></edXML:From>";
const FOR_D1: &str =
    "<edXML:ResponseFor><edXML:DocumentId>000.00.00.G22,2026/03/02,12/VPCP-TH</edXML:DocumentId></edXML:ResponseFor>";

fn good_status() -> String {
    status(FROM_H41, FOR_D1, "03", "2026/03/02 09:00:00")
}

/// `bad` between two good messages: the report of the three.
fn between_good(bad: &str) -> (Tracker, IngestReport) {
    let input = format!("{}{}{}", good_status(), bad, status(FROM_H41, FOR_D1, "05", "2026/03/03 10:00:00"));
    import(input.as_bytes())
}

#[test]
fn a_status_message_needs_a_sender_a_known_code_a_time_and_a_document() {
    // Each malformed message is the second of three (lines 13–24): it is rejected with its line
    // and element, and the two good ones are read.
    let cases: [(String, usize, &str, &str); 7] = [
        (
            status("", FOR_D1, "03", "2026/03/02 09:00:00"),
            16,
            "From",
            "no sender: From has no OrganId",
        ),
        (
            status("<edXML:From><edXML:OrganId>null</edXML:OrganId></edXML:From>", FOR_D1, "03", "2026/03/02 09:00:00"),
            17,
            "From",
            "no sender: From has no OrganId",
        ),
        (
            status(FROM_H41, FOR_D1, "09", "2026/03/02 09:00:00"),
            19,
            "StatusCode",
            "unknown status code \"09\": the known codes are 01–06, 13, 15 and 16",
        ),
        (
            status(FROM_H41, FOR_D1, "03", "2026/13/02 09:00:00"),
            20,
            "Timestamp",
            "date or time field out of range (got \"2026/13/02 09:00:00\")",
        ),
        (
            status(FROM_H41, FOR_D1, "03", "02-03-2026"),
            20,
            "Timestamp",
            "not a time: expected ISO 8601 like 2021-06-26T08:00[:00][+07:00], dd/mm/yyyy [hh:mm[:ss]], yyyy/mm/dd [hh:mm[:ss]], or epoch milliseconds as a number (got \"02-03-2026\")",
        ),
        (
            status(FROM_H41, "<edXML:ResponseFor><edXML:Code>12/VPCP-TH</edXML:Code></edXML:ResponseFor>", "03", "2026/03/02 09:00:00"),
            18,
            "ResponseFor",
            "no document named: ResponseFor has no DocumentId, nor an OrganId and a Code",
        ),
        (
            status(FROM_H41, FOR_D1, "03", ""),
            16,
            "Timestamp",
            "no Timestamp: the time of the status is unknown",
        ),
    ];
    for (bad, line, field, message) in cases {
        let (t, r) = between_good(&bad);
        assert_eq!(r.rejected, [rejection(1, line, field, message)], "{bad}");
        assert_eq!(r.accepted, 2);
        assert_eq!(events(&t, D1), ["000.00.00.H41 accepted +60", "000.00.00.H41 processing +1560"]);
    }
}

/// The package of `package_3_recipients` with `edit` applied to its text.
fn package(edit: impl Fn(String) -> String) -> Vec<u8> {
    edit(String::from_utf8(fixture("package_3_recipients")).unwrap()).into_bytes()
}

#[test]
fn a_package_needs_a_sender_recipients_a_number_and_a_send_time() {
    let cut = |from: &str, to: &str| {
        let (from, to) = (from.to_string(), to.to_string());
        move |s: String| {
            let a = s.find(&from).unwrap();
            let b = s.find(&to).unwrap() + to.len();
            format!("{}{}", &s[..a], &s[b..])
        }
    };
    let cases: [(Vec<u8>, usize, &str, &str); 5] = [
        (package(cut("<edXML:From>", "</edXML:From>")), 5, "From", "no sender: From has no OrganId"),
        (
            package(|s| {
                s.replace(
                    "<edXML:OrganId>000.00.00.G22</edXML:OrganId>\n          <edXML:OrganizationInCharge>",
                    "<edXML:OrganizationInCharge>",
                )
            }),
            6,
            "From",
            "no sender: From has no OrganId",
        ),
        (
            package(|s| s.replace("<edXML:To>", "<edXML:Recipient>").replace("</edXML:To>", "</edXML:Recipient>")),
            5,
            "To",
            "no recipient: no To has an OrganId",
        ),
        (
            package(cut("<edXML:Code>", "</edXML:Code>")),
            5,
            "Code",
            "no document number: Code has no CodeNumber nor CodeNotation",
        ),
        (
            package(|s| s.replace("<edXML:Timestamp>", "<edXML:Time>").replace("</edXML:Timestamp>", "</edXML:Time>")),
            62,
            "TraceHeaderList",
            "no send time: no TraceHeader has a Timestamp",
        ),
    ];
    for (bad, line, field, message) in cases {
        let mut input = bad.clone();
        input.extend(good_status().as_bytes());
        let (t, r) = import(&input);
        assert_eq!(r.rejected, [rejection(0, line, field, message)], "{}", String::from_utf8_lossy(&bad));
        assert_eq!(r.accepted, 1, "the status after it is read");
        assert_eq!(events(&t, D1), ["000.00.00.H41 accepted +60"]);
    }
}

#[test]
fn a_bad_send_time_rejects_the_package_and_a_bad_hop_only_itself() {
    let (_, r) = import(&package(|s| s.replace("2026/03/02 08:00:00", "2026/03/32 08:00:00")));
    assert_eq!(
        r.rejected,
        [rejection(0, 65, "Timestamp", "date or time field out of range (got \"2026/03/32 08:00:00\")")]
    );
    assert_eq!(r.accepted, 0);
    let (t, r) = import(&package(|s| s.replace("2026/03/02 08:05:00", "hôm qua")));
    // The sent is row 0, the bad hop row 1, H14's hop row 2.
    assert_eq!(r.rejected.len(), 1);
    assert_eq!((r.rejected[0].index, r.rejected[0].line, r.rejected[0].field.as_str()), (1, Some(69), "Timestamp"));
    assert_eq!(r.accepted, 2);
    assert_eq!(events(&t, D1).len(), 2);
}

#[test]
fn a_bad_due_date_or_priority_is_rejected_and_the_package_read_without_it() {
    let (t, r) = import(&package(|s| {
        s.replace("2026/03/06", "06/03/2026x").replace(">1</edXML:Priority>", ">9</edXML:Priority>")
    }));
    assert_eq!(
        r.rejected,
        [
            rejection(
                0,
                46,
                "DueDate",
                "not a time: expected ISO 8601 like 2021-06-26T08:00[:00][+07:00], dd/mm/yyyy [hh:mm[:ss]], yyyy/mm/dd [hh:mm[:ss]], or epoch milliseconds as a number (got \"06/03/2026x\"); the document is read without it"
            ),
            rejection(0, 52, "Priority", "unknown Priority \"9\": expected 0–4; the document is read without it"),
        ]
    );
    assert_eq!(r.accepted, 3);
    let s = t.store();
    let d = s.documents.find(D1).unwrap();
    assert_eq!(s.documents.urgency[d.index()], Urgency::Normal);
    assert_eq!(
        events(&t, D1)[0],
        "000.00.00.G22 sent +0 [\"000.00.00.H41\", \"000.00.00.H14\", \"000.00.00.G17\"] Trần Thị Văn Thư | axis"
    );
}

#[test]
fn malformed_xml_rejects_its_message_and_reading_goes_on() {
    // A mismatched end tag in the second message (line 19).
    let bad = good_status().replace("</edXML:StatusCode>", "</edXML:Status>");
    let (t, r) = between_good(&bad);
    assert_eq!(r.rejected.len(), 1, "{:?}", r.rejected);
    let rej = &r.rejected[0];
    assert_eq!((rej.index, rej.line, rej.field.as_str()), (1, Some(19), "edXML"));
    assert!(rej.message.starts_with("not well-formed XML: "), "{}", rej.message);
    assert!(rej.message.ends_with("; the message opened at line 13 is not read"), "{}", rej.message);
    assert_eq!(r.accepted, 2);
    assert_eq!(events(&t, D1), ["000.00.00.H41 accepted +60", "000.00.00.H41 processing +1560"]);
}

#[test]
fn a_truncated_message_is_rejected_and_what_came_before_is_read() {
    let mut input = all();
    let whole = input.len();
    input.truncate(whole - 200); // inside the district's status message
    let (t, r) = import(&input);
    let last_line = 1 + input.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(
        r.rejected,
        [rejection(
            12,
            last_line,
            "edXML",
            "the input ends inside the message opened at line 416 (truncated): it is not read"
        )]
    );
    assert_eq!(r.accepted, 12);
    assert_eq!(events(&t, D2).len(), 1);
    // The same input cut inside the attachment payload: the signed package is rejected.
    let cut = String::from_utf8(all()).unwrap().find("UEsDB").unwrap() + 100;
    let (_, r) = import(&all()[..cut]);
    assert_eq!(r.rejected.len(), 1);
    assert_eq!((r.rejected[0].line, r.rejected[0].field.as_str()), (Some(298 + 83), "edXML"));
    assert_eq!(r.accepted, 11);
}

#[test]
fn input_that_is_not_edxml_is_an_error() {
    let e = import_err(b"");
    assert_eq!((e.line, e.message.as_str()), (None, "not an edXML file: the input is empty"));
    let e = import_err("Số hiệu,Đơn vị,Trạng thái\n12/UBND,H41,đã đến\n".as_bytes());
    assert_eq!((e.line, e.message.as_str()), (Some(1), "not XML: no element found"));
    let e = import_err(b"<?xml version=\"1.0\"?>\n<log xes.version=\"2.0\"><trace><event/></trace></log>");
    assert_eq!((e.line, e.field.as_deref()), (Some(2), Some("log")));
    assert_eq!(
        e.message,
        "not an edXML file: the root element is <log>; expected <edXML> messages (QCVN 102:2016 document packages or status messages)"
    );
    let e = import_err(&[0xFF, 0xFE, b'<', 0]);
    assert_eq!(e.message, "UTF-16 text is not read: save the file as UTF-8, the encoding of edXML");
}

#[test]
fn unknown_roots_beside_messages_are_rejected() {
    let input = format!("<log><trace/></log>\n{}<note>x</note>\n", good_status());
    let (_, r) = import(input.as_bytes());
    let unknown = |line, name: &str| {
        rejection(
            if name == "log" { 0 } else { 2 },
            line,
            name,
            &format!("unknown root element <{name}>: expected <edXML> (a document package or a status message) or a list of them"),
        )
    };
    assert_eq!(r.rejected, [unknown(1, "log"), unknown(14, "note")]);
    assert_eq!(r.accepted, 1);
}

#[test]
fn a_list_of_messages_is_read() {
    let input = format!(
        "<?xml version=\"1.0\"?>\n<edXMLList>\n{}<other/>\n{}</edXMLList>\n",
        good_status(),
        status(FROM_H41, FOR_D1, "05", "2026/03/03 10:00:00")
    );
    let (t, r) = import(input.as_bytes());
    assert_eq!(r.accepted, 2);
    assert_eq!(
        r.rejected,
        [rejection(1, 15, "other", "<other> in a list of edXML messages is not a message: not read")]
    );
    assert_eq!(events(&t, D1).len(), 2);
}

#[test]
fn sdk_variants_are_read() {
    // Stray bytes before the prolog (the SDK's `edoc_new.edxml`), no prefixes at all, element
    // names in another case, an undeclared prefix, ResponseFor children in the other order.
    let plain = good_status().replace("edXML:", "");
    let lower = good_status().replace("MessageHeader", "messageheader").replace("StatusCode", "statuscode");
    let undeclared = good_status().replace(" xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"", "");
    let input = format!("1212{plain}{lower}{undeclared}");
    let (t, r) = import(input.as_bytes());
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    assert_eq!(r.warnings, [rejection(0, 1, "", "text outside any element is not read: \"1212\"")]);
    assert_eq!(r.accepted, 1, "three times the same status: two duplicates");
    assert_eq!(r.duplicates, [1, 2]);
    assert_eq!(events(&t, D1), ["000.00.00.H41 accepted +60"]);
}

#[test]
fn signatures_and_their_variants() {
    let signed = |edit: &dyn Fn(String) -> String| {
        let (t, _) = import(&package(edit));
        let s = t.store();
        s.documents.signed[s.documents.find(D1).unwrap().index()]
    };
    let header_end = "    </edXML:edXMLHeader>";
    let with = |sig: &'static str| move |s: String| s.replace(header_end, &format!("{sig}\n{header_end}"));
    assert_eq!(signed(&|s| s), None);
    // XML-DSig in its own namespace (a hand-written SDK sample).
    let dsig = r#"<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>QUJD</ds:SignatureValue></ds:Signature>"#;
    assert_eq!(signed(&with(dsig)), Some(true));
    // An empty Signature value, or the .NET/LGSP empty DigitalSignature: not a signature.
    assert_eq!(signed(&with("<Signature><SignatureValue/></Signature>")), None);
    assert_eq!(signed(&with("<edXML:DigitalSignature/>")), None);
    assert_eq!(signed(&with("<edXML:DigitalSignature>QUJD</edXML:DigitalSignature>")), Some(true));
    assert_eq!(signed(&with("<edXML:DigitalSignature><X509Data/></edXML:DigitalSignature>")), Some(true));
}

#[test]
fn a_revocation_package_recalls_the_document_it_answers() {
    let revocation = package(|s| {
        s.replace(
            "<edXML:ResponseFor />",
            &format!("<edXML:ResponseFor><edXML:DocumentId>{D2}</edXML:DocumentId></edXML:ResponseFor>"),
        )
        .replace("<edXML:BussinessDocType>0", "<edXML:BussinessDocType>1")
    });
    let (t, r) = import(&revocation);
    assert_eq!(r.accepted, 3);
    assert_eq!(
        events(&t, D2),
        [
            "000.00.00.G22 recalled +0 [\"000.00.00.H41\"] Trần Thị Văn Thư",
            "000.00.00.G22 recalled +0 [\"000.00.00.H14\"] Trần Thị Văn Thư",
            "000.00.00.G22 recalled +0 [\"000.00.00.G17\"] Trần Thị Văn Thư",
        ]
    );
    assert!(t.store().documents.find(D1).is_none(), "the revocation is not a document of its own");
}

#[test]
fn text_that_cannot_be_read_rejects_its_message() {
    let long = "x".repeat(MAX_FIELD_BYTES + 1);
    let mut bad_utf8 = package(|s| s).to_vec();
    let at = bad_utf8.windows(3).position(|w| w == b"UBN").unwrap();
    bad_utf8[at] = 0xFF;
    let cases: [(Vec<u8>, usize, &str, String); 3] = [
        (
            package(|s| s.replace("V/v báo cáo tình hình giải quyết văn bản quý I", &long)),
            39,
            "Subject",
            format!("the text is longer than {MAX_FIELD_BYTES} bytes, the limit"),
        ),
        (bad_utf8, 15, "OrganName", "not UTF-8 text (edXML is UTF-8)".into()),
        (
            package(|s| s.replace("<edXML:Subject>V/v", "<edXML:Subject>&vv; V/v")),
            39,
            "Subject",
            "unknown entity &vv; (only &amp; &lt; &gt; &quot; &apos; and &#…; are read)".into(),
        ),
    ];
    for (input, line, field, message) in cases {
        let (_, r) = import(&input);
        assert_eq!(r.rejected, [rejection(0, line, field, &message)]);
        assert_eq!(r.accepted, 0);
    }
    // Character references are read.
    let (t, _) = import(&package(|s| s.replace("<edXML:Subject>V/v", "<edXML:Subject>&#86;&#x2F;v")));
    let s = t.store();
    let subject = s.documents.subject[s.documents.find(D1).unwrap().index()];
    assert_eq!(s.texts.resolve_opt(subject), Some("V/v báo cáo tình hình giải quyết văn bản quý I"));
}

#[test]
fn a_message_over_the_size_limit_stops_the_import_and_keeps_what_came_before() {
    let big = format!("<edXML:Content>{}</edXML:Content>", "y ".repeat(MAX_MESSAGE_BYTES / 2 + 1));
    let mut input = good_status().into_bytes();
    input.extend(package(|s| s.replace("<edXML:SignerInfo>", &format!("{big}<edXML:SignerInfo>"))));
    input.extend(status(FROM_H41, FOR_D1, "05", "2026/03/03 10:00:00").into_bytes());
    for chunk in [input.len(), 1 << 16] {
        let mut t = Tracker::default();
        let mut imp = EdxmlImporter::new();
        let e = input.chunks(chunk).try_for_each(|c| imp.push(&mut t, c)).and_then(|_| imp.finish(&mut t).map(|_| ()));
        let e = e.expect_err("over the limit");
        assert_eq!((e.line, e.field.as_deref()), (Some(14), Some("edXML")), "{e}");
        assert_eq!(
            e.message,
            "the message is larger than 16 MiB outside its attachments, the limit; the messages before it are loaded"
        );
        assert_eq!(events(&t, D1), ["000.00.00.H41 accepted +60"], "chunks of {chunk}");
    }
}

#[test]
fn attachments_are_streamed_past() {
    // A package with a 24 MB payload, pushed in 64 KB chunks: read like the small one, and the
    // import keeps no more than a message's XML outside the payload (checked inside the module).
    let small = fixture("package_signed_attachment");
    let text = String::from_utf8(small.clone()).unwrap();
    let a = text.find("UEsDB").unwrap();
    let b = text[a..].find('<').unwrap() + a;
    let mut line = "QUJDRA".repeat(12);
    line.push_str("\r\n");
    let payload = line.repeat((24 << 20) / line.len());
    let big = format!("{}{}{}", &text[..a], payload, &text[b..]);
    let lines_added = payload.matches('\n').count() - text[a..b].matches('\n').count();
    let mut input = big.into_bytes();
    input.extend(fixture("status_01_district"));
    let mut t = Tracker::default();
    let mut imp = EdxmlImporter::new();
    for c in input.chunks(1 << 16) {
        imp.push(&mut t, c).unwrap();
    }
    let r = imp.finish(&mut t).unwrap();
    assert_eq!(r.accepted, 2);
    // Line numbers after the payload count its lines.
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].line, Some(40));
    let mut small_input = small;
    small_input.extend(fixture("status_01_district"));
    let (t_small, _) = import(&small_input);
    assert_eq!(events(&t, D2), events(&t_small, D2));
    // A message after the payload starts at the right line.
    let bad = status(FROM_H41, FOR_D1, "99", "2026/03/02 09:00:00");
    let mut with_bad = input.clone();
    with_bad.extend(bad.as_bytes());
    let mut t = Tracker::default();
    let r = import_all(&mut EdxmlImporter::new(), &mut t, &with_bad).unwrap();
    // After the signed package's 116 lines, the added payload lines and the district's 21.
    let first = 116 + lines_added + 21 + 1;
    assert_eq!((r.rejected[0].line, r.rejected[0].field.as_str()), (Some(first + 6), "StatusCode"));
}

#[test]
fn push_after_finish_is_an_error() {
    let mut t = Tracker::default();
    let mut imp = EdxmlImporter::new();
    imp.push(&mut t, good_status().as_bytes()).unwrap();
    imp.finish(&mut t).unwrap();
    assert!(imp.push(&mut t, b"<edXML/>").is_err());
    assert!(imp.finish(&mut t).is_err());
    assert_eq!(t.store().events.len(), 1);
}

#[test]
fn a_unit_keeps_the_first_name_it_is_given() {
    let from = |name: &str| {
        format!("<edXML:From><edXML:OrganId>000.00.00.H41</edXML:OrganId><edXML:OrganName>{name}</edXML:OrganName></edXML:From>")
    };
    let input = format!(
        "{}{}",
        status(&from("UBND Tỉnh Nghệ An"), FOR_D1, "01", "2026/03/02 08:10:00"),
        status(&from("Ủy ban nhân dân tỉnh Nghệ An"), FOR_D1, "03", "2026/03/02 09:00:00")
    );
    let (t, r) = import(input.as_bytes());
    assert_eq!(r.accepted, 2);
    let s = t.store();
    let u = s.units.find("000.00.00.H41").unwrap().index();
    assert_eq!(s.texts.resolve_opt(s.units.name[u]), Some("UBND Tỉnh Nghệ An"));
}

#[test]
fn byte_order_marks_are_skipped_wherever_a_file_starts() {
    // Files concatenated with their BOMs, one of them after stray text (a case the fuzzer found:
    // the reader left a BOM out of its positions).
    let bom = "\u{feff}";
    let input =
        format!("{bom}{}{bom}ml version{}", good_status(), status(FROM_H41, FOR_D1, "05", "2026/03/03 10:00:00"));
    let (t, r) = import(input.as_bytes());
    assert_eq!(r.accepted, 2);
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    assert_eq!(r.warnings, [rejection(1, 13, "", "text outside any element is not read: \"ml version\"")]);
    assert_eq!(events(&t, D1).len(), 2);
    for size in 1..8 {
        let mut t = Tracker::default();
        let mut imp = EdxmlImporter::new();
        for c in input.as_bytes().chunks(size) {
            imp.push(&mut t, c).unwrap();
        }
        assert_eq!(imp.finish(&mut t).unwrap(), r, "chunks of {size}");
    }
}

#[test]
fn utf16_marks_matter_only_at_the_start_of_the_input() {
    // FF FE after a message is stray bytes, not UTF-16 (the fuzzer found a tail starting there
    // taken for the start of the input).
    let mut input = good_status().into_bytes();
    input.extend([0xFF, 0xFE]);
    input.extend(status(FROM_H41, FOR_D1, "05", "2026/03/03 10:00:00").into_bytes());
    let (_, r) = import(&input);
    assert_eq!(r.accepted, 2);
    assert_eq!(r.warnings, [rejection(1, 13, "", "bytes outside any element, not UTF-8 text, are not read")]);
    for size in 1..8 {
        let mut t = Tracker::default();
        let mut imp = EdxmlImporter::new();
        for c in input.chunks(size) {
            imp.push(&mut t, c).unwrap();
        }
        assert_eq!(imp.finish(&mut t).unwrap(), r, "chunks of {size}");
    }
    // At the start, in any chunking, it is UTF-16.
    let mut t = Tracker::default();
    let mut imp = EdxmlImporter::new();
    imp.push(&mut t, &[0xFF]).unwrap();
    let e = imp.push(&mut t, &[0xFE, b'<', 0]).and_then(|_| imp.finish(&mut t).map(|_| ())).unwrap_err();
    assert!(e.message.starts_with("UTF-16"), "{e}");
}

/// Files concatenated with their byte-order marks: every mark at the start is skipped, in one
/// piece and in any two pieces alike, and lines count from the first byte (found by
/// `cargo fuzz run edxml`: one piece gave line 2, pieces line 1, and a warning about the mark).
#[test]
fn two_byte_order_marks_read_alike_in_any_pieces() {
    let unclosed: &[u8] = b"\xef\xbb\xbf\xef\xbb\xbf\n<edXML>";
    let foreign: &[u8] = b"\xef\xbb\xbf\xef\xbb\xbf\n<x/>";
    let one = |input: &[u8]| import_edxml(&mut Tracker::default(), input);
    for input in [unclosed, foreign] {
        for k in 0..=input.len() {
            let mut t = Tracker::default();
            let mut imp = EdxmlImporter::new();
            let pieces = imp.push(&mut t, &input[..k]).and_then(|()| imp.push(&mut t, &input[k..]));
            assert_eq!(one(input), pieces.and_then(|()| imp.finish(&mut t)), "cut at {k}");
        }
    }
    let e = one(foreign).unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    let report = one(unclosed).unwrap();
    assert!(report.warnings.is_empty(), "{report:?}");
    assert_eq!(
        report.rejected,
        [rejection(0, 2, "edXML", "the input ends inside the message opened at line 2 (truncated): it is not read")]
    );
}
