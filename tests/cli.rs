//! The command line (`src/bin/lienthong.rs`) on a small copy-model log written to a temporary
//! folder: `report --from --to --json` prints the period report with the figures worked out by
//! hand (the same log as `tests/js/fixtures/fan-out.cjs`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const EVENTS: &str = "\
doc,unit,action,at,to,due
f1,P,sent,2026-10-05T08:00,A;B;C,2026-10-09
f1,A,arrived,2026-10-05T09:00,,
f1,A,completed,2026-10-09T10:00,,
f1,B,arrived,2026-10-05T10:00,,
f1,B,processing,2026-10-07T08:00,,
f1,B,completed,2026-10-12T09:00,,
c1,A,arrived,2026-10-06T08:00,,
c1,A,sent,2026-10-06T14:00,,
c1,P,arrived,2026-10-07T08:00,,
c1,P,completed,2026-10-20T10:00,,
f3,P,sent,2026-09-25T08:00,A,2026-10-02
f3,A,arrived,2026-09-25T09:00,,
f3,A,completed,2026-10-01T09:00,,
f4,P,sent,2026-10-28T08:00,B|,2026-11-20
f4,B,arrived,2026-10-28T09:00,,
f4,B,completed,2026-11-05T08:00,,
f5,P,sent,2026-10-29T08:00,C,2026-11-02
f5,C,arrived,2026-10-29T10:00,,
f6,P,sent,2026-10-20T08:00,A,
f6,A,arrived,2026-10-20T09:00,,
f8,P,sent,2026-06-10T08:00,O,2026-06-19
f8,O,arrived,2026-06-10T09:00,,
";

const UNITS: &str = "\
id,name,level,parent,validTo,successor
P,UBND tỉnh,province,,,
A,UBND xã A,commune,P,,
B,UBND xã B,commune,P,,
C,UBND xã C,commune,P,,
O,UBND xã O (cũ),commune,P,2026-07-01,B
";

const DOCUMENTS: &str = "id,type,due\nc1,báo cáo,2026-10-16\n";

/// Writes the three CSV files to a fresh folder.
fn files(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lienthong-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("events.csv"), EVENTS).unwrap();
    std::fs::write(dir.join("units.csv"), UNITS).unwrap();
    std::fs::write(dir.join("documents.csv"), DOCUMENTS).unwrap();
    dir
}

/// Runs `lienthong SUB DIR/events.csv --units DIR/units.csv --documents DIR/documents.csv
/// EXTRA…`, which must succeed.
fn command(sub: &str, dir: &Path, extra: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_lienthong"))
        .arg(sub)
        .arg(dir.join("events.csv"))
        .arg("--units")
        .arg(dir.join("units.csv"))
        .arg("--documents")
        .arg(dir.join("documents.csv"))
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn run(dir: &Path, extra: &[&str]) -> String {
    let out = command("report", dir, extra);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("22 events accepted, 0 rejected"), "{stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// The counts of a row, in the order of the report's columns.
fn counts(row: &Value) -> Vec<u64> {
    lienthong::analysis::ReportRow::COUNT_COLUMNS
        .iter()
        .map(|k| row[k].as_u64().unwrap_or_else(|| panic!("{k} in {row}")))
        .collect()
}

#[test]
fn report_json_has_the_period_report() {
    let dir = files("json");
    let v: Value = serde_json::from_str(&run(&dir, &["--from", "2026-10-01", "--to", "2026-11-01", "--json"])).unwrap();
    let p = &v["period"];
    // 2026-10-01 and 2026-11-01 at 00:00 +07:00; as-of = the period's end.
    assert_eq!((p["from"].as_i64(), p["to"].as_i64()), (Some(1_790_787_600_000), Some(1_793_466_000_000)));
    assert_eq!(p["asOf"], p["to"]);
    assert_eq!(p["by"], "unit");
    let rows = p["rows"].as_array().unwrap();
    let keys: Vec<&str> = rows.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["P", "A", "B", "C"]);
    // P: c1 finished late. A: f3 carried over, early; f1 on the due day; c1's earlier visit
    // (no deadline); f6 open, no deadline. B: f8 (held at O since June) carried over, overdue;
    // f1 late; f4 open within its deadline. C: f1 never arrived (overdue), f5 due soon.
    assert_eq!(counts(&rows[0]), [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
    assert_eq!(counts(&rows[1]), [1, 3, 4, 1, 1, 0, 1, 0, 0, 0, 1]);
    assert_eq!(counts(&rows[2]), [1, 2, 3, 0, 0, 1, 0, 1, 0, 1, 0]);
    assert_eq!(counts(&rows[3]), [0, 2, 2, 0, 0, 0, 0, 0, 1, 1, 0]);
    let total = &p["total"];
    assert_eq!(counts(total), [2, 8, 10, 1, 1, 2, 1, 1, 1, 2, 1]);
    assert_eq!((total["lateRate"].as_f64(), total["onTimeRate"].as_f64()), (Some(0.5), Some(0.5)));
    assert_eq!((rows[1]["lateRate"].as_f64(), rows[3]["lateRate"].as_f64()), (Some(0.0), Some(0.5)));
    // Median handling time of the 5 copies finished in October: 6, 97, 144, 167, 314 h → 144 h.
    assert_eq!(total["medianMs"].as_f64(), Some(144.0 * 3_600_000.0));
    // The other sections are computed over the same window.
    assert_eq!(v["summary"]["asOf"], p["asOf"]);
    assert_eq!(v["summary"]["copiesInTransit"].as_u64(), Some(1));

    // By level, without roll-up: the same total; O's copy is a commune's either way.
    let v: Value = serde_json::from_str(&run(
        &dir,
        &["--from", "2026-10-01", "--to", "2026-11-01", "--by", "level", "--no-roll-up", "--json"],
    ))
    .unwrap();
    let rows = v["period"]["rows"].as_array().unwrap();
    assert_eq!(rows.iter().map(|r| r["key"].as_str().unwrap()).collect::<Vec<_>>(), ["province", "commune"]);
    assert_eq!(counts(&rows[1]), [2, 7, 9, 1, 1, 1, 1, 1, 1, 2, 1]);
    assert_eq!(counts(&v["period"]["total"]), [2, 8, 10, 1, 1, 2, 1, 1, 1, 2, 1]);
    // Without a window, no period report (the output of before).
    let v: Value = serde_json::from_str(&run(&dir, &["--json"])).unwrap();
    assert!(v.get("period").is_none());
    assert_eq!(v["summary"]["documents"].as_u64(), Some(7));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn report_table_in_vietnamese() {
    let dir = files("table");
    let text = run(&dir, &["--from", "2026-10-01", "--to", "2026-11-01"]);
    assert!(text.contains("Báo cáo tình hình giải quyết văn bản: 01/10/2026 đến trước 01/11/2026"), "{text}");
    for header in
        ["Đơn vị", "Tồn kỳ trước", "Tiếp nhận", "Cần xử lý", "Trước hạn", "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn"]
    {
        assert!(text.contains(header), "{header} in\n{text}");
    }
    let row = |label: &str| -> Vec<String> {
        let line = text.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("{label} in\n{text}"));
        line[label.len()..].split_whitespace().map(str::to_string).collect()
    };
    assert_eq!(row("B UBND xã B")[..13], ["1", "2", "3", "0", "0", "1", "0", "1", "0", "1", "0", "33,3%", "66,7%"]);
    assert_eq!(row("Tổng cộng")[..13], ["2", "8", "10", "1", "1", "2", "1", "1", "1", "2", "1", "50,0%", "50,0%"]);
    // Without --from/--to: what `report` printed before, no period table.
    let text = run(&dir, &[]);
    assert!(text.contains("7 documents") && !text.contains("Tồn kỳ trước"), "{text}");
    std::fs::remove_dir_all(dir).ok();
}

/// `egov` on CSV files with `signed`, `format` and `channel` columns: documents g1 (electronic,
/// signed) sent P → A and B over the province network, g2 (paper, unsigned, `giấy`) sent by C
/// to P on paper (arrived a day later), g3 (nothing known) sent P → A with no channel. Total: 3
/// documents, electronic 1 of 2 known, signed 1 of 2; handovers province 2, paper 1, unknown 1;
/// C is the paper sender.
#[test]
fn egov_as_csv_and_json() {
    let dir = std::env::temp_dir().join(format!("lienthong-cli-{}-egov", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("events.csv"),
        "doc,unit,action,at,to,channel\n\
         g1,P,sent,2026-10-05T08:00,A;B,province\n\
         g1,A,arrived,2026-10-05T08:10,,\n\
         g1,B,arrived,2026-10-05T08:20,,\n\
         g2,C,sent,2026-10-06T08:00,P,giấy\n\
         g2,P,arrived,2026-10-07T08:00,,\n\
         g3,P,sent,2026-10-08T08:00,A,\n",
    )
    .unwrap();
    std::fs::write(dir.join("units.csv"), UNITS).unwrap();
    std::fs::write(dir.join("documents.csv"), "id,format,signed\ng1,electronic,true\ng2,giấy,không\ng3,,\n").unwrap();
    let egov = |extra: &[&str]| String::from_utf8(command("egov", &dir, extra).stdout).unwrap();
    let json: Value = serde_json::from_str(&egov(&["--json"])).unwrap();
    let total = &json["total"];
    let n = |k: &str| total[k].as_u64().unwrap();
    assert_eq!([n("documents"), n("electronic"), n("paper"), n("formatUnknown")], [3, 1, 1, 1]);
    assert_eq!([n("signed"), n("unsigned"), n("signedUnknown")], [1, 1, 1]);
    assert_eq!(
        total["handovers"],
        serde_json::json!({ "axis": 0, "province": 2, "paper": 1, "other": 0, "unknown": 1 })
    );
    assert_eq!(total["paperSenders"][0]["unit"], "C");
    let csv = egov(&["--csv", "--by", "level"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("key,name,level,documents,electronic,paper,"), "{}", lines[0]);
    // Levels: province (P: g1, g2, g3) and commune (A, B, C: g1, g2, g3), then the total.
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[3].starts_with("total,,,3,1,1,1,1,1,1,0.5,0.5,0,2,1,0,1,"), "{}", lines[3]);
    assert!(lines[3].ends_with(",C:1"), "{}", lines[3]);
    let table = egov(&[]);
    assert!(table.contains("ký số") && table.contains("C (1)"), "{table}");
}
