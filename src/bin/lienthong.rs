//! `lienthong` — the analyses from a command line, for analysts.
//!
//! ```text
//! lienthong generate --out DIR [--events N] [--seed S] [--structure four-level|three-level|reform] [--fan-out 0.3] [--slow-unit] [--flaky-edge] [--paper-unit]
//! lienthong report EVENTS.csv [--units UNITS.csv] [--documents DOCS.csv] [--json] [--locale en]
//!                  [--from DATE --to DATE [--by unit|level] [--due-soon 2d]] [--no-roll-up]
//! lienthong dfg EVENTS.csv [--key unit|action|level] [--case document|copy] [--no-roll-up]
//! lienthong egov EVENTS.csv [--units …] [--documents …] [--by unit|level|month] [--csv|--json] [--from --to]
//! ```
//! CSV files have a header row; event columns `doc,unit,action,at[,to,due,actor,note]` (`to`
//! may list several units separated by `;` or `|`; `due` on a `sent` is the deadline given to
//! them), unit columns `id,name,level,parent[,validFrom,validTo,successor]`, document columns
//! `id,number,type,urgency,due,issuer,subject`.
//!
//! `report` with `--from`/`--to` also prints the period report (báo cáo tình hình giải quyết
//! văn bản) of `[from, to)`, and computes every figure over that window.

use lienthong::analysis::{DfgCase, DfgKey, EgovBy, OverdueOptions, PeriodReport, ReportBy, ReportOptions, ReportRow};
use lienthong::generator::{GeneratedLog, GeneratorOptions, Problem, Structure};
use lienthong::ingest::{DocumentRecord, EventRecord, IngestReport, Targets, TimeValue, UnitRecord};
use lienthong::locale::Locale;
use lienthong::model::{parse_instant, DurationSpec, Level, TimeZone};
use lienthong::{Query, Tracker, TrackerOptions};
use std::collections::HashMap;
use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lienthong: {e}");
            ExitCode::FAILURE
        }
    }
}

fn flag(args: &[String], name: &str) -> bool {
    args.iter().any(|a| a == name)
}

fn value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

const USAGE: &str = "usage:
  lienthong generate --out DIR [--events N] [--seed S] [--structure four-level|three-level|reform] [--fan-out 0.3] [--slow-unit] [--flaky-edge] [--paper-unit]
  lienthong report EVENTS.csv [--units UNITS.csv] [--documents DOCS.csv] [--json] [--locale en]
                   [--from DATE --to DATE [--by unit|level] [--due-soon 2d]] [--no-roll-up]
  lienthong dfg EVENTS.csv [--key unit|action|level] [--case document|copy] [--no-roll-up]
  lienthong egov EVENTS.csv [--units UNITS.csv] [--documents DOCS.csv] [--by unit|level|month] [--csv|--json]
                 [--from DATE --to DATE] [--no-roll-up]";

fn run(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("generate") => generate(args),
        Some("report") => report(args),
        Some("dfg") => dfg(args),
        Some("egov") => egov(args),
        _ => Err(USAGE.into()),
    }
}

fn generate(args: &[String]) -> Result<()> {
    let out = PathBuf::from(value(args, "--out").ok_or("generate needs --out DIR")?);
    let mut options = GeneratorOptions {
        events: value(args, "--events").map(str::parse).transpose()?.unwrap_or(10_000),
        seed: value(args, "--seed").map(str::parse).transpose()?,
        ..Default::default()
    };
    if let Some(f) = value(args, "--fan-out") {
        options.fan_out = f.parse().map_err(|_| format!("--fan-out: expected a share within 0..1, got {f:?}"))?;
    }
    if let Some(s) = value(args, "--structure") {
        options.structure = match s {
            "four-level" => Structure::FourLevel,
            "three-level" => Structure::ThreeLevel,
            "reform" => Structure::Reform,
            _ => return Err(format!("--structure: {s:?} is not four-level, three-level or reform").into()),
        };
    }
    if flag(args, "--slow-unit") {
        options.problems.push(Problem::SlowUnit { unit: None, factor: 5.0 });
    }
    if flag(args, "--flaky-edge") {
        options.problems.push(Problem::FlakyEdge { from: None, to: None, probability: 0.3, delay_hours: 48.0 });
    }
    if flag(args, "--paper-unit") {
        options.problems.push(Problem::PaperUnit { unit: None });
    }
    let log = GeneratedLog::generate(&options);
    std::fs::create_dir_all(&out)?;
    let mut units = csv::Writer::from_path(out.join("units.csv"))?;
    units.write_record(["id", "name", "level", "parent", "validFrom", "validTo", "successor"])?;
    // A time as CSV text: epoch milliseconds (the readers accept them), or as given.
    let ms = |t: Option<TimeValue<'_>>| match t {
        Some(TimeValue::Millis(ms)) => ms.to_string(),
        Some(TimeValue::Text(t)) => t.to_string(),
        Some(TimeValue::Float(f)) => (f as i64).to_string(),
        None => String::new(),
    };
    for u in log.unit_records() {
        let (from, to) = (ms(u.valid_from), ms(u.valid_to));
        units.write_record([
            u.id,
            u.name.unwrap_or(""),
            u.level.unwrap_or(""),
            u.parent.unwrap_or(""),
            &from,
            &to,
            u.successor.unwrap_or(""),
        ])?;
    }
    units.flush()?;
    let mut docs = csv::Writer::from_path(out.join("documents.csv"))?;
    docs.write_record(["id", "number", "type", "urgency", "due", "issuer", "subject", "signed", "format"])?;
    for d in log.document_records() {
        let due = ms(d.due);
        docs.write_record([
            d.id,
            d.number.unwrap_or(""),
            d.doc_type.unwrap_or(""),
            d.urgency.unwrap_or(""),
            &due,
            d.issuer.unwrap_or(""),
            d.subject.unwrap_or(""),
            d.signed.map_or("", |s| if s { "true" } else { "false" }),
            d.format.unwrap_or(""),
        ])?;
    }
    docs.flush()?;
    let mut events = std::io::BufWriter::new(std::fs::File::create(out.join("events.csv"))?);
    log.write_csv(&mut events)?;
    events.flush()?;
    let truth = serde_json::json!({
        "seed": log.seed,
        "events": log.event_count(),
        "slowUnits": log.truth.slow_units,
        "flakyEdges": log.truth.flaky_edges,
        "paperUnits": log.truth.paper_units,
        "documents": log.truth.documents,
        "electronicDocuments": log.truth.electronic_documents,
        "signedDocuments": log.truth.signed_documents,
        "axisHandovers": log.truth.axis_handovers,
        "provinceHandovers": log.truth.province_handovers,
        "paperHandovers": log.truth.paper_handovers,
    });
    std::fs::write(out.join("truth.json"), serde_json::to_string_pretty(&truth)?)?;
    eprintln!("wrote {} events (seed {}) to {}", log.event_count(), log.seed, out.display());
    Ok(())
}

/// `true`/`false`, `1`/`0`, `yes`/`no`, `có`/`không` (a blank or other cell: unknown).
fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" | "có" | "x" => Some(true),
        "false" | "0" | "no" | "không" => Some(false),
        _ => None,
    }
}

/// A CSV file read whole, with its columns found by header name.
struct Table {
    rows: Vec<csv::StringRecord>,
    columns: HashMap<String, usize>,
}

impl Table {
    fn read(path: &Path) -> Result<Table> {
        let mut r =
            csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let columns = r
            .headers()?
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_string(), i))
            .collect();
        let rows =
            r.records().collect::<std::result::Result<Vec<_>, _>>().map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Table { rows, columns })
    }

    fn get<'a>(&self, row: &'a csv::StringRecord, name: &str) -> Option<&'a str> {
        self.columns.get(name).and_then(|&i| row.get(i)).filter(|s| !s.is_empty())
    }
}

fn time(text: &str) -> TimeValue<'_> {
    match text.parse::<i64>() {
        Ok(ms) => TimeValue::Millis(ms),
        Err(_) => TimeValue::Text(text),
    }
}

fn print_rejections(what: &str, report: &IngestReport) {
    for r in report.rejected.iter().take(20) {
        // Line 1 is the header.
        eprintln!("{what}: line {}: {}: {}", r.index + 2, r.field, r.message);
    }
    if report.rejected.len() > 20 {
        eprintln!("{what}: … {} more rejected", report.rejected.len() - 20);
    }
}

fn load(args: &[String], options: TrackerOptions) -> Result<Tracker> {
    let events_path = args.get(1).ok_or(USAGE)?;
    let mut t = Tracker::new(options);
    if let Some(p) = value(args, "--units") {
        let table = Table::read(Path::new(p))?;
        let report = t.add_units(table.rows.iter().map(|r| UnitRecord {
            id: table.get(r, "id").unwrap_or(""),
            name: table.get(r, "name"),
            level: table.get(r, "level"),
            parent: table.get(r, "parent"),
            valid_from: table.get(r, "validFrom").map(time),
            valid_to: table.get(r, "validTo").map(time),
            successor: table.get(r, "successor"),
        }));
        print_rejections(p, &report);
    }
    if let Some(p) = value(args, "--documents") {
        let table = Table::read(Path::new(p))?;
        let report = t.add_documents(table.rows.iter().map(|r| DocumentRecord {
            id: table.get(r, "id").unwrap_or(""),
            number: table.get(r, "number"),
            doc_type: table.get(r, "type"),
            urgency: table.get(r, "urgency"),
            due: table.get(r, "due").map(time),
            issuer: table.get(r, "issuer"),
            subject: table.get(r, "subject"),
            attributes: Vec::new(),
            signed: table.get(r, "signed").and_then(yes_no),
            format: table.get(r, "format"),
        }));
        print_rejections(p, &report);
    }
    let table = Table::read(Path::new(events_path))?;
    // `to` may list several units, separated by `;` or `|`.
    let targets: Vec<Vec<&str>> =
        table.rows.iter().map(|r| table.get(r, "to").map_or(Vec::new(), |t| t.split([';', '|']).collect())).collect();
    let report = t.add_events(table.rows.iter().zip(&targets).map(|(r, to)| EventRecord {
        doc: table.get(r, "doc").unwrap_or(""),
        unit: table.get(r, "unit").unwrap_or(""),
        action: table.get(r, "action").unwrap_or(""),
        at: time(table.get(r, "at").unwrap_or("")),
        to: Targets::Many(to),
        due: table.get(r, "due").map(time),
        actor: table.get(r, "actor"),
        note: table.get(r, "note"),
        channel: table.get(r, "channel"),
    }));
    print_rejections(events_path, &report);
    for w in report.warnings.iter().take(20) {
        eprintln!("{events_path}: line {}: warning: {}", w.index + 2, w.message);
    }
    eprintln!(
        "{}: {} events accepted, {} rejected, {} duplicates, {} warnings",
        events_path,
        report.accepted,
        report.rejected.len(),
        report.duplicates.len(),
        report.warnings.len()
    );
    Ok(t)
}

/// The query of `--from`, `--to` (dates or ISO times, local to the tracker's zone) and
/// `--no-roll-up`.
fn query(args: &[String], zone: TimeZone) -> Result<Query> {
    let at = |name: &str| -> Result<Option<i64>> {
        value(args, name).map(|v| parse_instant(v, zone).map_err(|e| format!("{name} {v:?}: {e}").into())).transpose()
    };
    Ok(Query { from: at("--from")?, to: at("--to")?, roll_up: !flag(args, "--no-roll-up"), ..Default::default() })
}

fn report(args: &[String]) -> Result<()> {
    let locale = value(args, "--locale").and_then(Locale::parse).unwrap_or_default();
    let options = TrackerOptions { locale, ..Default::default() };
    let zone = options.time_zone;
    let q = query(args, zone)?;
    // The period report: with a window.
    let mut period_options = ReportOptions::default();
    if let Some(by) = value(args, "--by") {
        period_options.by = ReportBy::parse(by).ok_or("--by must be unit or level")?;
    }
    if let Some(d) = value(args, "--due-soon") {
        period_options.due_soon_within = DurationSpec::parse(d).map_err(|e| format!("--due-soon {d:?}: {e}"))?;
    }
    let t = load(args, options)?;
    let period = if q.from.is_some() || q.to.is_some() { Some(t.report(&period_options, &q)?) } else { None };
    let summary = t.summary(&q)?;
    let bottlenecks = t.bottlenecks(10, &q)?;
    let overdue = t.overdue(&OverdueOptions::default(), &q)?;
    let out = std::io::stdout();
    let mut out = out.lock();
    if flag(args, "--json") {
        let mut v = serde_json::json!({ "summary": summary, "bottlenecks": bottlenecks, "overdue": overdue });
        if let Some(p) = &period {
            v["period"] = serde_json::to_value(p)?;
        }
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    let h = |ms: f64| lienthong::analysis::bottlenecks::human_duration(ms, locale);
    writeln!(
        out,
        "{} units, {} documents, {} events; open {}, closed {}, late {}, overdue {}",
        summary.units, summary.documents, summary.events, summary.open, summary.closed, summary.late, summary.overdue
    )?;
    writeln!(out, "lead time: median {}, p90 {}", h(summary.lead_time.median_ms), h(summary.lead_time.p90_ms))?;
    writeln!(out, "\nbottleneck units:")?;
    for u in &bottlenecks.units {
        writeln!(out, "  {:>2}. {} {} — {}", u.rank, u.unit, u.name.as_deref().unwrap_or(""), u.reason)?;
    }
    writeln!(out, "\nslow edges:")?;
    for e in &bottlenecks.edges {
        writeln!(out, "  {:>2}. {} → {} — {}", e.rank, e.from, e.to, e.reason)?;
    }
    writeln!(out, "\noverdue: {} (most overdue first)", overdue.overdue.len())?;
    for o in overdue.overdue.iter().take(10) {
        let at = match (&o.holder, &o.in_transit_to) {
            (Some(u), _) => format!("held by {u}"),
            (None, Some(u)) => format!("on its way to {u}"),
            (None, None) => format!("sent on from {}", o.unit),
        };
        writeln!(out, "  {} {at} — {} late", o.id, h(o.lateness.calendar_ms as f64))?;
    }
    if let Some(p) = &period {
        writeln!(out)?;
        write_period(&mut out, p, zone, locale)?;
    }
    Ok(())
}

/// `dd/mm/yyyy`, with ` hh:mm` unless it is midnight.
fn local_date(at: i64, zone: TimeZone) -> String {
    let c = zone.civil(at);
    let m = c.ms_of_day / 60_000;
    let date = format!("{:02}/{:02}/{:04}", c.day, c.month, c.year);
    if m == 0 {
        date
    } else {
        format!("{date} {:02}:{:02}", m / 60, m % 60)
    }
}

/// The period report as a table: one row per unit or level, then the total.
fn write_period(out: &mut impl Write, p: &PeriodReport, zone: TimeZone, locale: Locale) -> Result<()> {
    let vi = locale == Locale::Vi;
    let (title, to, as_of) = if vi {
        ("Báo cáo tình hình giải quyết văn bản", "đến trước", "số liệu đến")
    } else {
        ("Document handling report", "to before", "figures as of")
    };
    writeln!(
        out,
        "{title}: {} {to} {} ({as_of} {})",
        local_date(p.from, zone),
        local_date(p.to, zone),
        local_date(p.as_of, zone)
    )?;
    let first = match (p.by, vi) {
        (ReportBy::Unit, true) => "Đơn vị",
        (ReportBy::Level, true) => "Cấp",
        (ReportBy::Unit, false) => "Unit",
        (ReportBy::Level, false) => "Level",
    };
    let headers: [&str; 15] = if vi {
        [
            first,
            "Tồn kỳ trước",
            "Tiếp nhận",
            "Cần xử lý",
            "Trước hạn",
            "Đúng hạn",
            "Trễ hạn",
            "Xong, không hạn",
            "Trong hạn",
            "Sắp đến hạn",
            "Quá hạn",
            "Chưa xong, không hạn",
            "Tỷ lệ đúng hạn",
            "Tỷ lệ trễ hạn",
            "Thời gian xử lý (trung vị)",
        ]
    } else {
        [
            first,
            "Carried over",
            "Received",
            "To handle",
            "Early",
            "On time",
            "Late",
            "Done, no due",
            "Within due",
            "Due soon",
            "Overdue",
            "Open, no due",
            "On-time rate",
            "Late rate",
            "Handling time (median)",
        ]
    };
    let percent = |x: f64| {
        let t = format!("{:.1}%", x * 100.0);
        if vi {
            t.replace('.', ",")
        } else {
            t
        }
    };
    let cells = |r: &ReportRow| -> Vec<String> {
        let label = if r.key == "total" {
            (if vi { "Tổng cộng" } else { "Total" }).to_string()
        } else {
            match (p.by, &r.name) {
                (ReportBy::Unit, Some(name)) => format!("{} {}", r.key, name),
                (ReportBy::Level, _) if vi => r.level.map_or("Chưa rõ cấp", Level::name_vi).to_string(),
                _ => r.key.clone(),
            }
        };
        let mut v = vec![label];
        v.extend(r.counts().iter().map(u64::to_string));
        let has_due = r.to_handle > r.done_no_due + r.open_no_due;
        v.push(if has_due { percent(r.on_time_rate) } else { "–".into() });
        v.push(if has_due { percent(r.late_rate) } else { "–".into() });
        v.push(if r.finished > 0 {
            lienthong::analysis::bottlenecks::human_duration(r.median_working_ms, locale)
        } else {
            "–".into()
        });
        v
    };
    let mut rows: Vec<Vec<String>> = p.rows.iter().map(cells).collect();
    rows.push(cells(&p.total));
    let width = |s: &str| s.chars().count();
    let widths: Vec<usize> = (0..headers.len())
        .map(|i| rows.iter().map(|r| width(&r[i])).chain([width(headers[i])]).max().unwrap_or(0))
        .collect();
    let line = |out: &mut dyn Write, cells: &[&str]| -> std::io::Result<()> {
        let mut text = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i] - width(c));
            if i == 0 {
                text.push_str(c);
                text.push_str(&pad);
            } else {
                text.push_str("  ");
                text.push_str(&pad);
                text.push_str(c);
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, &headers)?;
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    line(out, &rule.iter().map(String::as_str).collect::<Vec<_>>())?;
    for (i, r) in rows.iter().enumerate() {
        if i + 1 == rows.len() {
            line(out, &rule.iter().map(String::as_str).collect::<Vec<_>>())?;
        }
        line(out, &r.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    Ok(())
}

/// E-government indicators: a table (default), CSV (`--csv`) or JSON (`--json`).
fn egov(args: &[String]) -> Result<()> {
    let by =
        value(args, "--by").map_or(Some(EgovBy::Unit), EgovBy::parse).ok_or("--by must be unit, level or month")?;
    let options = TrackerOptions::default();
    let q = query(args, options.time_zone)?;
    let t = load(args, options)?;
    let e = t.egov(by, &q)?;
    let mut out = std::io::stdout().lock();
    if flag(args, "--json") {
        writeln!(out, "{}", serde_json::to_string(&e)?)?;
    } else if flag(args, "--csv") {
        out.write_all(e.to_csv().as_bytes())?;
    } else {
        writeln!(
            out,
            "{:<24} {:>8} {:>8} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6}  gửi giấy nhiều nhất",
            "đơn vị / nhóm", "văn bản", "điện tử", "ký số", "trục", "tỉnh", "giấy", "khác", "?",
        )?;
        for r in e.rows.iter().chain([&e.total]) {
            let h = &r.handovers;
            writeln!(
                out,
                "{:<24} {:>8} {:>7.0}% {:>6.0}% {:>6} {:>6} {:>6} {:>6} {:>6}  {}",
                r.name
                    .as_deref()
                    .map_or(r.key.clone(), |n| format!("{} ({})", r.key, n))
                    .chars()
                    .take(24)
                    .collect::<String>(),
                r.documents,
                r.electronic_share * 100.0,
                r.signed_share * 100.0,
                h.axis,
                h.province,
                h.paper,
                h.other,
                h.unknown,
                r.paper_senders
                    .iter()
                    .take(3)
                    .map(|p| format!("{} ({})", p.unit, p.count))
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
    }
    Ok(())
}

fn dfg(args: &[String]) -> Result<()> {
    let key =
        value(args, "--key").map_or(Some(DfgKey::Unit), DfgKey::parse).ok_or("--key must be unit, action or level")?;
    let case = value(args, "--case")
        .map_or(Some(DfgCase::Document), DfgCase::parse)
        .ok_or("--case must be document or copy")?;
    let options = TrackerOptions::default();
    let q = query(args, options.time_zone)?;
    let t = load(args, options)?;
    let arcs = t.directly_follows_by(key, case, &q)?;
    println!("{}", serde_json::to_string(&arcs)?);
    Ok(())
}
