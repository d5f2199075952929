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

/// Runs `lienthong ARGS…` as given (success or not).
fn lienthong(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lienthong")).args(args).output().unwrap()
}

fn os<'a>(args: &'a [&'a str]) -> Vec<&'a std::ffi::OsStr> {
    args.iter().map(std::ffi::OsStr::new).collect()
}

fn json(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn query_flags_select_units_levels_and_as_of() {
    let dir = files("query");
    // As of 2026-10-06 00:00: only f8 (June), f3 (September) and f1 (5 October) are seen.
    let v = json(&command("report", &dir, &["--as-of", "2026-10-06", "--json"]));
    assert_eq!(v["summary"]["asOf"].as_i64(), Some(1_791_219_600_000));
    assert_eq!(v["summary"]["documents"].as_u64(), Some(3));
    // --unit C: C's copies only — f1 never arrived (due 9 Oct) and f5 held since 29 Oct (due
    // 2 Nov), both overdue at the last event (5 Nov).
    let v = json(&command("report", &dir, &["--unit", "C", "--json"]));
    let overdue: Vec<(&str, &str)> = v["overdue"]["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["unit"].as_str().unwrap()))
        .collect();
    assert_eq!(overdue.len(), 2, "{overdue:?}");
    assert!(overdue.iter().all(|(_, u)| *u == "C") && overdue.iter().any(|(d, _)| *d == "f5"), "{overdue:?}");
    // --levels province: P's copy of c1 (due 16 Oct, completed 20 Oct) is late; nothing else.
    let v = json(&command("report", &dir, &["--levels", "province", "--json"]));
    let late: Vec<(&str, &str)> = v["overdue"]["late"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["unit"].as_str().unwrap()))
        .collect();
    assert_eq!(late, [("c1", "P")]);
    assert!(v["overdue"]["overdue"].as_array().unwrap().is_empty());
    // The same flags on dfg and egov.
    let arcs = json(&command("dfg", &dir, &["--unit", "C", "--from", "2026-10-28", "--to", "2026-11-01"]));
    assert_eq!(
        arcs,
        serde_json::json!([{ "from": "P", "to": "C", "count": 1, "meanMs": 7_200_000.0,
        "medianMs": 7_200_000.0, "minMs": 7_200_000, "maxMs": 7_200_000, "sumMs": 7_200_000, "stdevMs": 0.0 }])
    );
    let e = json(&command("egov", &dir, &["--levels", "commune", "--json", "--as-of", "2026-10-06"]));
    // Communes' documents as of 6 October: A has f1 and f3, B f1 and f8 (O's, rolled up), C f1.
    let docs: Vec<(&str, u64)> = e["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "commune")
        .map(|r| (r["key"].as_str().unwrap(), r["documents"].as_u64().unwrap()))
        .collect();
    assert_eq!(docs, [("A", 2), ("B", 2), ("C", 1)], "{e}");
    // Bad values are refused with the flag named.
    let bad = lienthong(&os(&["report", "x.csv", "--levels", "town"]));
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--levels"), "{}", String::from_utf8_lossy(&bad.stderr));
    let bad = command_fails("report", &dir, &["--unit", "NOPE"]);
    assert!(bad.contains("NOPE"), "{bad}");
    // --units names the units file: a unit id there gets a hint.
    let dir_events = dir.join("events.csv");
    let hint = lienthong(&[OsStr::new("report"), dir_events.as_os_str(), OsStr::new("--units"), OsStr::new("H23")]);
    assert!(String::from_utf8_lossy(&hint.stderr).contains("--unit H23"), "{}", String::from_utf8_lossy(&hint.stderr));
    std::fs::remove_dir_all(dir).ok();
}

use std::ffi::OsStr;

/// Runs a subcommand on the fixture files; it must fail; returns its stderr.
fn command_fails(sub: &str, dir: &Path, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_lienthong"))
        .arg(sub)
        .arg(dir.join("events.csv"))
        .arg("--units")
        .arg(dir.join("units.csv"))
        .args(extra)
        .output()
        .unwrap();
    assert!(!out.status.success());
    String::from_utf8(out.stderr).unwrap()
}

/// A process-mining log: its last activities are `Close` (x1) and `Review` (x2), not edXML's.
#[test]
fn terminal_and_assume_closed_read_historical_logs() {
    let dir = std::env::temp_dir().join(format!("lienthong-cli-{}-historical", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("log.csv");
    std::fs::write(
        &log,
        "doc,unit,action,at\n\
         x1,U,Register,2026-01-05T08:00\n\
         x1,U,Close,2026-01-06T08:00\n\
         x2,U,Register,2026-01-05T09:00\n\
         x2,V,Review,2026-01-07T09:00\n",
    )
    .unwrap();
    let summary = |extra: &[&str]| {
        let mut args = vec![OsStr::new("report"), log.as_os_str(), OsStr::new("--json")];
        args.extend(extra.iter().map(OsStr::new));
        json(&lienthong(&args))["summary"].clone()
    };
    let n = |s: &Value, k: &str| s[k].as_u64().unwrap();
    // Read as a live log: nothing is closed; lead times run to the last event.
    let s = summary(&[]);
    assert_eq!((n(&s, "open"), n(&s, "closed")), (2, 0));
    // --terminal Close: x1 is closed.
    let s = summary(&["--terminal", "Close,Archive"]);
    assert_eq!((n(&s, "open"), n(&s, "closed")), (1, 1));
    // --assume-closed: x2 closes at its last event too; lead times 1 and 2 days.
    let s = summary(&["--assume-closed"]);
    assert_eq!((n(&s, "open"), n(&s, "closed"), n(&s, "overdue")), (0, 2, 0));
    assert_eq!(
        (s["leadTime"]["minMs"].as_i64(), s["leadTime"]["maxMs"].as_i64()),
        (Some(86_400_000), Some(172_800_000))
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn generate_formats_and_the_readers_of_each() {
    let dir = std::env::temp_dir().join(format!("lienthong-cli-{}-generate", std::process::id()));
    let run = |args: &[&str]| {
        let out = lienthong(&os(args));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out
    };
    let d = dir.to_str().unwrap();
    let csv_dir = format!("{d}/csv");
    let xes_dir = format!("{d}/xes");
    run(&["generate", "--out", &csv_dir, "--events", "2000", "--seed", "5", "--format", "csv"]);
    run(&["generate", "--out", &xes_dir, "--events", "2000", "--seed", "5", "--format", "xes"]);
    let events = format!("{csv_dir}/events.csv");
    let head = std::fs::read_to_string(&events).unwrap();
    assert!(head.starts_with(lienthong::export::csv::LOG_HEADER), "{}", &head[..200]);
    let xes = std::fs::read_to_string(format!("{xes_dir}/log.xes")).unwrap();
    assert!(xes.starts_with("<?xml") && xes.contains("<trace>"));
    assert_eq!(
        std::fs::read(format!("{csv_dir}/units.csv")).unwrap(),
        std::fs::read(format!("{xes_dir}/units.csv")).unwrap()
    );
    // The events file alone carries the documents' fields: --documents adds nothing.
    let units = format!("{csv_dir}/units.csv");
    let alone = json(&lienthong(&os(&["report", &events, "--units", &units, "--json"])));
    let docs = format!("{csv_dir}/documents.csv");
    let with_docs = json(&lienthong(&os(&["report", &events, "--units", &units, "--documents", &docs, "--json"])));
    assert_eq!(alone, with_docs);
    // The XES of the same log gives the same figures as its CSV: the report and both DFGs.
    let xes_file = format!("{xes_dir}/log.xes");
    let from_xes = json(&lienthong(&os(&["report", &xes_file, "--units", &units, "--json"])));
    assert_eq!(from_xes, alone);
    for key in ["unit", "action"] {
        let a = run(&["dfg", &events, "--key", key]).stdout;
        let b = run(&["dfg", &xes_file, "--key", key]).stdout;
        assert_eq!(a, b, "dfg --key {key}: CSV and XES differ");
    }
    // Found by content, whatever the name; gzip too.
    std::fs::copy(&xes_file, format!("{d}/log.txt")).unwrap();
    assert_eq!(run(&["dfg", &format!("{d}/log.txt")]).stdout, run(&["dfg", &events]).stdout);
    let gz = lienthong::ingest::gzip::gzip(&std::fs::read(&xes_file).unwrap());
    std::fs::write(format!("{d}/log.xes.gz"), gz).unwrap();
    assert_eq!(run(&["dfg", &format!("{d}/log.xes.gz")]).stdout, run(&["dfg", &events]).stdout);

    // export: CSV back to CSV is the same file; the analyses of the copy are the same.
    let copy = format!("{d}/copy.csv");
    run(&["export", &events, "--units", &units, "--format", "csv", "--out", &copy]);
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), head);
    let xes2 = run(&["export", &events, "--units", &units, "--format", "xes"]).stdout;
    assert_eq!(String::from_utf8(xes2).unwrap(), xes);
    // Saved stores: generate --format saved and export --format saved write what every command
    // reads back (by content, whatever the name), with the same figures as the CSV.
    let saved_dir = format!("{d}/saved");
    run(&["generate", "--out", &saved_dir, "--events", "2000", "--seed", "5", "--format", "saved"]);
    let lts = format!("{saved_dir}/log.lts");
    let exported = format!("{d}/exported.bin");
    run(&["export", &events, "--units", &units, "--format", "saved", "--out", &exported]);
    assert!(std::fs::read(&lts).unwrap().starts_with(lienthong::store::snapshot::MAGIC));
    for file in [&lts, &exported] {
        assert_eq!(json(&lienthong(&os(&["report", file, "--json"]))), alone, "{file}");
        assert_eq!(run(&["dfg", file, "--key", "unit"]).stdout, run(&["dfg", &events, "--key", "unit"]).stdout);
    }
    let again = format!("{d}/again.lts");
    run(&["export", &lts, "--format", "saved", "--out", &again]);
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&lts).unwrap());
    let mut cut = std::fs::read(&lts).unwrap();
    cut.truncate(cut.len() / 2);
    std::fs::write(format!("{d}/cut.lts"), cut).unwrap();
    let bad = lienthong(&os(&["report", &format!("{d}/cut.lts")]));
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("saved store, "), "{}", String::from_utf8_lossy(&bad.stderr));

    // table and dfg --csv.
    let t = run(&["table", "overdue", &events, "--units", &units]).stdout;
    assert!(String::from_utf8_lossy(&t).starts_with("state,id,unit,"), "{}", String::from_utf8_lossy(&t));
    let t = run(&["table", "processingTimes", &events, "--by", "level"]).stdout;
    assert!(
        String::from_utf8_lossy(&t).starts_with("key,label,level,calendar.count,"),
        "{}",
        String::from_utf8_lossy(&t)
    );
    let t = run(&["dfg", &events, "--csv", "--key", "action"]).stdout;
    assert!(String::from_utf8_lossy(&t).starts_with("from,to,count,meanMs,"));
    let bad = lienthong(&os(&["table", "processingTimes", &events, "--by", "month"]));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--by \"month\""),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn an_edxml_package_is_read_by_content() {
    // A document package to three recipients: one `sent` with a copy per recipient.
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/edxml/package_3_recipients.edxml");
    let out = lienthong(&os(&["report", file, "--json"]));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = &json(&out)["summary"];
    assert_eq!(summary["documents"], 1, "{summary}");
    assert!(summary["copies"].as_u64().unwrap() >= 3, "{summary}");
}
