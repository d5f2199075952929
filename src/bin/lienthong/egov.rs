//! `lienthong egov`: e-government indicators — a table (default), CSV (`--csv`) or JSON
//! (`--json`).

use crate::{input, one_of, Input, QueryArgs, Result};
use clap::Args;
use lienthong::analysis::EgovBy;
use std::io::Write;

#[derive(Args)]
pub(crate) struct EgovArgs {
    #[command(flatten)]
    input: Input,
    #[command(flatten)]
    query: QueryArgs,
    /// Rows per unit, level or month.
    #[arg(long, value_parser = one_of(EgovBy::parse, "unit, level, month"), default_value = "unit")]
    by: EgovBy,
    /// CSV instead of a table.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(a: EgovArgs) -> Result<()> {
    let q = a.query.query(a.input.time_zone)?;
    let t = input::load(&a.input)?;
    let e = t.egov(a.by, &q)?;
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::to_string(&e)?)?;
    } else if a.csv {
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
