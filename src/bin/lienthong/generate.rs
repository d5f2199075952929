//! `lienthong generate`: a generated province into a folder — `units.csv`, the log
//! (`events.csv` and `documents.csv`, `log.xes`, or the saved store `log.lts`) and
//! `truth.json`, the problems injected.

use crate::{one_of, Result};
use clap::{Args, ValueEnum};
use lienthong::export;
use lienthong::generator::{GeneratedLog, GeneratorOptions, Problem, Structure};
use lienthong::ingest::TimeValue;
use lienthong::Tracker;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct GenerateArgs {
    /// Folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Number of events, about.
    #[arg(long, default_value_t = 10_000)]
    events: usize,
    /// Random seed (default: a random one, printed).
    #[arg(long)]
    seed: Option<u64>,
    /// Administrative structure.
    #[arg(long, value_parser = one_of(structure, "four-level, three-level, reform"), default_value = "four-level")]
    structure: Structure,
    /// Share of documents sent to several units at once, within 0..1.
    #[arg(long, value_name = "SHARE")]
    fan_out: Option<f64>,
    /// Make one unit slow (5×).
    #[arg(long)]
    slow_unit: bool,
    /// Make one edge flaky (30% of handovers delayed 48 h).
    #[arg(long)]
    flaky_edge: bool,
    /// Make one unit send on paper.
    #[arg(long)]
    paper_unit: bool,
    /// The log's format: csv (events.csv and documents.csv), xes (log.xes) or saved (log.lts,
    /// the loaded store as Tracker.fromBytes reads it).
    #[arg(long, value_enum, default_value_t = LogFormat::Csv)]
    format: LogFormat,
}

/// A whole-log format.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LogFormat {
    Csv,
    Xes,
    /// The tracker's saved store (`Tracker::to_bytes`), which every command reads back.
    Saved,
}

fn structure(s: &str) -> Option<Structure> {
    match s {
        "four-level" => Some(Structure::FourLevel),
        "three-level" => Some(Structure::ThreeLevel),
        "reform" => Some(Structure::Reform),
        _ => None,
    }
}

pub(crate) fn run(a: GenerateArgs) -> Result<()> {
    let mut options = GeneratorOptions { events: a.events, seed: a.seed, structure: a.structure, ..Default::default() };
    if let Some(f) = a.fan_out {
        if !(0.0..=1.0).contains(&f) {
            return Err(format!("--fan-out: expected a share within 0..1, got {f}").into());
        }
        options.fan_out = f;
    }
    if a.slow_unit {
        options.problems.push(Problem::SlowUnit { unit: None, factor: 5.0 });
    }
    if a.flaky_edge {
        options.problems.push(Problem::FlakyEdge { from: None, to: None, probability: 0.3, delay_hours: 48.0 });
    }
    if a.paper_unit {
        options.problems.push(Problem::PaperUnit { unit: None });
    }
    let log = GeneratedLog::generate(&options);
    let out = &a.out;
    std::fs::create_dir_all(out)?;
    let mut t = Tracker::default();
    let report = log.load_into(&mut t);
    if !report.rejected.is_empty() {
        return Err(format!("the generator made {} events the tracker rejects", report.rejected.len()).into());
    }
    let file = |name: &str| std::fs::File::create(out.join(name)).map_err(|e| format!("{}: {e}", name));
    let mut units = String::new();
    export::csv::write_units(&t, &mut units)?;
    std::fs::write(out.join("units.csv"), units)?;
    match a.format {
        LogFormat::Csv => {
            write_documents(&log, out.join("documents.csv"))?;
            export::csv::write_log_to(&t, file("events.csv")?)?;
        }
        LogFormat::Xes => export::xes::write_log_to(&t, file("log.xes")?)?,
        LogFormat::Saved => std::fs::write(out.join("log.lts"), t.to_bytes())?,
    }
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

/// `documents.csv`: the documents as the generator declares them (the events file repeats
/// their fields on each row; this file keeps `--documents` working for older readers).
fn write_documents(log: &GeneratedLog, path: PathBuf) -> Result<()> {
    let mut docs = csv::Writer::from_path(path)?;
    docs.write_record(["id", "number", "type", "urgency", "due", "issuer", "subject", "signed", "format"])?;
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
            d.signed.map_or("", |s| if s { "true" } else { "false" }),
            d.format.unwrap_or(""),
        ])?;
    }
    docs.flush()?;
    Ok(())
}
