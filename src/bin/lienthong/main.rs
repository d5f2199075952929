//! `lienthong` — the analyses from a command line, for analysts (cargo feature `cli`, on by
//! default; `lienthong --help` lists everything).
//!
//! ```text
//! lienthong generate --out DIR [--events N] [--seed S] [--format csv|xes] [--structure …] [--slow-unit] …
//! lienthong report FILE [--units UNITS.csv] [--documents DOCS.csv] [--json] [--by unit|level] [QUERY]
//! lienthong dfg FILE [--key unit|action|level] [--case document|copy] [--csv] [QUERY]
//! lienthong egov FILE [--by unit|level|month] [--csv|--json] [QUERY]
//! lienthong table NAME FILE [QUERY] …      an analysis as a CSV table (summary, overdue, report, …)
//! lienthong export FILE --format csv|xes [--out PATH]   the whole log as CSV or XES
//! QUERY: --from DATE --to DATE --as-of DATE --unit ID,… --levels province,… --no-roll-up
//! FILE: CSV, XES (.xes, .xes.gz) or edXML (.xml), told apart by content and extension;
//!       --terminal A,B and --assume-closed read historical logs.
//! ```
//! One file per subcommand; reading the input is `input.rs`.

mod dfg;
mod egov;
mod export;
mod generate;
mod input;
mod report;
mod table;

use clap::{Args, Parser, Subcommand};
use lienthong::locale::Locale;
use lienthong::model::{parse_instant, Level, TimeZone};
use lienthong::{Query, TrackerOptions};
use std::path::PathBuf;
use std::process::ExitCode;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

#[derive(Parser)]
#[command(
    name = "lienthong",
    version,
    about = "Track official documents flowing between Vietnamese government agencies: flow, processing times, bottlenecks, overdue documents."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generates a province's log (units, documents, events and the ground truth) into a folder.
    Generate(generate::GenerateArgs),
    /// Summary, bottlenecks, overdue documents; with --from/--to the period report too.
    Report(report::ReportArgs),
    /// The directly-follows graph (PM4Py's frequency and performance DFG) as JSON or CSV.
    Dfg(dfg::DfgArgs),
    /// E-government indicators: electronic and signed documents, handovers per channel.
    Egov(egov::EgovArgs),
    /// An analysis result as a CSV table.
    Table(table::TableArgs),
    /// The whole log as CSV or XES.
    Export(export::ExportArgs),
}

/// The input log and how to read it.
#[derive(Args, Clone)]
pub(crate) struct Input {
    /// The events: CSV, XES (.xes, .xes.gz) or edXML (.xml).
    pub file: PathBuf,
    /// Units CSV file (id,name,level,parent,validFrom,validTo,successor).
    #[arg(long, value_name = "UNITS.csv")]
    pub units: Option<PathBuf>,
    /// Documents CSV file (id,number,type,urgency,due,issuer,subject,signed,format).
    #[arg(long, value_name = "DOCS.csv")]
    pub documents: Option<PathBuf>,
    /// Actions that close a document, instead of completed, rejected, recall-accepted (for
    /// logs whose last activities have other names).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub terminal: Vec<String>,
    /// The log is historical and complete: a copy with no later event is closed at its last
    /// event (nothing is open or overdue at the end of the log).
    #[arg(long)]
    pub assume_closed: bool,
    /// Zone of times written without an offset.
    #[arg(long, value_name = "+07:00", value_parser = zone, default_value = "+07:00")]
    pub time_zone: TimeZone,
    /// Language of reasons and labels.
    #[arg(long, value_parser = locale, default_value = "vi")]
    pub locale: Locale,
}

impl Input {
    /// The tracker options these flags give.
    pub(crate) fn options(&self) -> TrackerOptions {
        let mut o = TrackerOptions {
            time_zone: self.time_zone,
            locale: self.locale,
            assume_closed: self.assume_closed,
            ..Default::default()
        };
        let terminal: Vec<String> =
            self.terminal.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        if !terminal.is_empty() {
            o.terminal_actions = terminal;
        }
        o
    }
}

/// The query every analysis takes.
#[derive(Args, Clone, Default)]
pub(crate) struct QueryArgs {
    /// Window start (a date or an ISO time, in the tracker's zone).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Window end (exclusive).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Moment of the report (default: the latest event, or --to).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Units to look at, each with its subtree (--units names the units file).
    #[arg(long = "unit", value_name = "ID,…", value_delimiter = ',')]
    pub unit: Vec<String>,
    /// Levels to look at: central, province, district, commune.
    #[arg(long, value_name = "LEVEL,…", value_delimiter = ',', value_parser = level)]
    pub levels: Vec<Level>,
    /// Show merged units as they were instead of as their successors.
    #[arg(long)]
    pub no_roll_up: bool,
}

impl QueryArgs {
    /// The query, times read in `zone`.
    pub(crate) fn query(&self, zone: TimeZone) -> Result<Query> {
        let at = |name: &str, v: &Option<String>| -> Result<Option<i64>> {
            v.as_deref().map(|v| parse_instant(v, zone).map_err(|e| format!("{name} {v:?}: {e}").into())).transpose()
        };
        Ok(Query {
            from: at("--from", &self.from)?,
            to: at("--to", &self.to)?,
            as_of: at("--as-of", &self.as_of)?,
            units: self.unit.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            levels: self.levels.clone(),
            roll_up: !self.no_roll_up,
            ..Default::default()
        })
    }
}

fn zone(s: &str) -> std::result::Result<TimeZone, String> {
    TimeZone::parse(s).map_err(|e| format!("{e} (expected an offset like +07:00)"))
}

fn locale(s: &str) -> std::result::Result<Locale, String> {
    Locale::parse(s).ok_or_else(|| format!("{s:?} is not supported; use vi or en"))
}

fn level(s: &str) -> std::result::Result<Level, String> {
    Level::parse(s).ok_or_else(|| format!("{s:?} is not central, province, district or commune"))
}

/// A value parser from a core `parse` function: the error lists what is allowed.
pub(crate) fn one_of<T>(
    parse: fn(&str) -> Option<T>,
    allowed: &'static str,
) -> impl Fn(&str) -> std::result::Result<T, String> + Clone {
    move |s| parse(s).ok_or_else(|| format!("{s:?} is not one of {allowed}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.command {
        Command::Generate(a) => generate::run(a),
        Command::Report(a) => report::run(a),
        Command::Dfg(a) => dfg::run(a),
        Command::Egov(a) => egov::run(a),
        Command::Table(a) => table::run(a),
        Command::Export(a) => export::run(a),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        // `lienthong … | head`: the reader has what it wanted.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lienthong: {e}");
            ExitCode::FAILURE
        }
    }
}
