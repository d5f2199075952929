//! `lienthong export FILE --format csv|xes|saved`: the whole log (any format the command line
//! reads) as CSV, XES or a saved store, to a file or stdout (`docs/SEMANTICS.md`, "Exports").

use crate::generate::LogFormat;
use crate::{input, Input, Result};
use clap::Args;
use lienthong::export;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    input: Input,
    /// csv (one row per event, the document's fields repeated), xes (IEEE 1849-2016) or saved
    /// (the loaded store, for Tracker.fromBytes and every command here).
    #[arg(long, value_enum)]
    format: LogFormat,
    /// File to write (default: standard output).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Also write the units table as CSV (XES has no place for units).
    #[arg(long, value_name = "UNITS.csv")]
    units_out: Option<PathBuf>,
}

pub(crate) fn run(a: ExportArgs) -> Result<()> {
    let t = input::load(&a.input)?;
    let write = |w: Box<dyn std::io::Write>| match a.format {
        LogFormat::Csv => export::csv::write_log_to(&t, w),
        LogFormat::Xes => export::xes::write_log_to(&t, w),
        LogFormat::Saved => {
            let mut w = w;
            w.write_all(&t.to_bytes())?;
            w.flush()
        }
    };
    match &a.out {
        Some(p) => write(Box::new(std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?))?,
        None => write(Box::new(std::io::stdout().lock()))?,
    }
    if let Some(p) = &a.units_out {
        std::fs::write(p, export::csv::units_csv(&t))?;
    }
    Ok(())
}
