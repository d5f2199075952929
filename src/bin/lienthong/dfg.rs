//! `lienthong dfg`: the directly-follows graph (PM4Py's frequency and performance DFG with
//! documents as cases, or within each copy) as JSON, or CSV with `--csv`.

use crate::{input, one_of, Input, QueryArgs, Result};
use clap::Args;
use lienthong::analysis::{DfgCase, DfgKey};
use lienthong::export::table::{result_csv, Analysis};
use std::io::Write;

#[derive(Args)]
pub(crate) struct DfgArgs {
    #[command(flatten)]
    input: Input,
    #[command(flatten)]
    query: QueryArgs,
    /// What a node is.
    #[arg(long, value_parser = one_of(DfgKey::parse, "unit, action, level"), default_value = "unit")]
    key: DfgKey,
    /// What a case is.
    #[arg(long, value_parser = one_of(DfgCase::parse, "document, copy"), default_value = "document")]
    case: DfgCase,
    /// Add working-time figures to each arc.
    #[arg(long)]
    working: bool,
    /// CSV instead of JSON.
    #[arg(long)]
    csv: bool,
}

pub(crate) fn run(a: DfgArgs) -> Result<()> {
    let q = a.query.query(a.input.time_zone)?;
    let t = input::load(&a.input)?;
    let arcs = t.directly_follows_with(a.key, a.case, a.working, &q)?;
    let mut out = std::io::stdout().lock();
    if a.csv {
        out.write_all(result_csv(Analysis::DirectlyFollows(&arcs)).as_bytes())?;
    } else {
        writeln!(out, "{}", serde_json::to_string(&arcs)?)?;
    }
    Ok(())
}
