//! `lienthong` — the analyses from a command line, for analysts.
//!
//! ```text
//! lienthong generate --out DIR [--events N] [--seed S] [--slow-unit] [--flaky-edge]
//! lienthong report EVENTS.csv [--units UNITS.csv] [--documents DOCS.csv] [--json] [--locale en]
//! lienthong dfg EVENTS.csv [--key unit|action|level]
//! ```
//! CSV files have a header row; event columns `doc,unit,action,at[,to,actor,note]`, unit columns
//! `id,name,level,parent`, document columns `id,number,type,urgency,due,issuer,subject`.

use lienthong::analysis::{DfgKey, OverdueOptions};
use lienthong::generator::{GeneratedLog, GeneratorOptions, Problem};
use lienthong::ingest::{DocumentRecord, EventRecord, IngestReport, Targets, TimeValue, UnitRecord};
use lienthong::locale::Locale;
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
  lienthong generate --out DIR [--events N] [--seed S] [--slow-unit] [--flaky-edge]
  lienthong report EVENTS.csv [--units UNITS.csv] [--documents DOCS.csv] [--json] [--locale en]
  lienthong dfg EVENTS.csv [--key unit|action|level]";

fn run(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("generate") => generate(args),
        Some("report") => report(args),
        Some("dfg") => dfg(args),
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
    if flag(args, "--slow-unit") {
        options.problems.push(Problem::SlowUnit { unit: None, factor: 5.0 });
    }
    if flag(args, "--flaky-edge") {
        options.problems.push(Problem::FlakyEdge { from: None, to: None, probability: 0.3, delay_hours: 48.0 });
    }
    let log = GeneratedLog::generate(&options);
    std::fs::create_dir_all(&out)?;
    let mut units = csv::Writer::from_path(out.join("units.csv"))?;
    units.write_record(["id", "name", "level", "parent"])?;
    for u in log.unit_records() {
        units.write_record([u.id, u.name.unwrap_or(""), u.level.unwrap_or(""), u.parent.unwrap_or("")])?;
    }
    units.flush()?;
    let mut docs = csv::Writer::from_path(out.join("documents.csv"))?;
    docs.write_record(["id", "number", "type", "urgency", "due", "issuer", "subject"])?;
    for d in log.document_records() {
        let due = match d.due {
            Some(TimeValue::Millis(ms)) => ms.to_string(),
            Some(TimeValue::Text(t)) => t.to_string(),
            Some(TimeValue::Float(f)) => (f as i64).to_string(),
            None => String::new(),
        };
        docs.write_record([
            d.id,
            d.number.unwrap_or(""),
            d.doc_type.unwrap_or(""),
            d.urgency.unwrap_or(""),
            &due,
            d.issuer.unwrap_or(""),
            d.subject.unwrap_or(""),
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
    });
    std::fs::write(out.join("truth.json"), serde_json::to_string_pretty(&truth)?)?;
    eprintln!("wrote {} events (seed {}) to {}", log.event_count(), log.seed, out.display());
    Ok(())
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
            ..Default::default()
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
    }));
    print_rejections(events_path, &report);
    eprintln!(
        "{}: {} events accepted, {} rejected, {} duplicates",
        events_path,
        report.accepted,
        report.rejected.len(),
        report.duplicates.len()
    );
    Ok(t)
}

fn report(args: &[String]) -> Result<()> {
    let locale = value(args, "--locale").and_then(Locale::parse).unwrap_or_default();
    let t = load(args, TrackerOptions { locale, ..Default::default() })?;
    let q = Query::default();
    let summary = t.summary(&q)?;
    let bottlenecks = t.bottlenecks(10, &q)?;
    let overdue = t.overdue(&OverdueOptions::default(), &q)?;
    let out = std::io::stdout();
    let mut out = out.lock();
    if flag(args, "--json") {
        let v = serde_json::json!({ "summary": summary, "bottlenecks": bottlenecks, "overdue": overdue });
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
        writeln!(
            out,
            "  {} held by {} — {} late",
            o.id,
            o.holder.as_deref().or(o.in_transit_to.as_deref()).unwrap_or("?"),
            h(o.lateness.calendar_ms as f64)
        )?;
    }
    Ok(())
}

fn dfg(args: &[String]) -> Result<()> {
    let key =
        value(args, "--key").map_or(Some(DfgKey::Unit), DfgKey::parse).ok_or("--key must be unit, action or level")?;
    let t = load(args, TrackerOptions::default())?;
    let arcs = t.directly_follows(key, &Query::default())?;
    println!("{}", serde_json::to_string(&arcs)?);
    Ok(())
}
