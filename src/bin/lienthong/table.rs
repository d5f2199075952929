//! `lienthong table NAME FILE`: an analysis result as a CSV table (the columns of its JSON,
//! nested fields flattened with dots; `docs/SEMANTICS.md`, "Exports").

use crate::report::duration;
use crate::{input, one_of, Input, QueryArgs, Result};
use clap::Args;
use lienthong::analysis::{Bucket, DfgCase, DfgKey, EgovBy, GroupBy, OverdueOptions, ReportBy, ReportOptions};
use lienthong::export::table::{result_csv, Analysis, Table};
use lienthong::model::DurationSpec;
use std::io::Write;

#[derive(Args)]
pub(crate) struct TableArgs {
    /// The table: summary, directlyFollows, flowNodes, flowEdges, processingTimes,
    /// bottleneckUnits, bottleneckEdges, overdue, report, timeline, egov.
    #[arg(value_parser = one_of(Table::parse, "summary, directlyFollows, flowNodes, flowEdges, processingTimes, bottleneckUnits, bottleneckEdges, overdue, report, timeline, egov"))]
    name: Table,
    #[command(flatten)]
    input: Input,
    #[command(flatten)]
    query: QueryArgs,
    /// directlyFollows: what a node is.
    #[arg(long, value_parser = one_of(DfgKey::parse, "unit, action, level"), default_value = "unit")]
    key: DfgKey,
    /// directlyFollows: what a case is.
    #[arg(long, value_parser = one_of(DfgCase::parse, "document, copy"), default_value = "document")]
    case: DfgCase,
    /// processingTimes (document, copy, unit, level, type, urgency, edge), report (unit,
    /// level), egov (unit, level, month): the rows.
    #[arg(long)]
    by: Option<String>,
    /// bottleneckUnits, bottleneckEdges: how many.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// timeline: day, week or month.
    #[arg(long, value_parser = one_of(Bucket::parse, "day, week, month"), default_value = "week")]
    bucket: Bucket,
    /// overdue, report: the "due soon" window (working time).
    #[arg(long, value_name = "2d", value_parser = duration, default_value = "2d")]
    due_soon: DurationSpec,
}

/// `--by`, read by `parse`, or `default`.
fn by<T>(a: &TableArgs, parse: fn(&str) -> Option<T>, allowed: &str, default: T) -> Result<T> {
    match &a.by {
        None => Ok(default),
        Some(s) => parse(s).ok_or_else(|| format!("--by {s:?}: the {} table takes {allowed}", a.name).into()),
    }
}

pub(crate) fn run(a: TableArgs) -> Result<()> {
    let q = a.query.query(a.input.time_zone)?;
    let t = input::load(&a.input)?;
    let csv = match a.name {
        Table::Summary => result_csv(Analysis::Summary(&t.summary(&q)?)),
        Table::DirectlyFollows => {
            result_csv(Analysis::DirectlyFollows(&t.directly_follows_with(a.key, a.case, false, &q)?))
        }
        Table::FlowNodes | Table::FlowEdges => result_csv(Analysis::Flow(&t.flow(&q)?, a.name == Table::FlowEdges)),
        Table::ProcessingTimes => {
            let g = by(&a, GroupBy::parse, "document, copy, unit, level, type, urgency, edge", GroupBy::Unit)?;
            result_csv(Analysis::ProcessingTimes(&t.processing_times(g, &q)?))
        }
        Table::BottleneckUnits | Table::BottleneckEdges => {
            result_csv(Analysis::Bottlenecks(&t.bottlenecks(a.top, &q)?, a.name == Table::BottleneckEdges))
        }
        Table::Overdue => {
            let o = OverdueOptions { due_soon_within: a.due_soon, ..Default::default() };
            result_csv(Analysis::Overdue(&t.overdue(&o, &q)?))
        }
        Table::Report => {
            let o = ReportOptions {
                by: by(&a, ReportBy::parse, "unit, level", ReportBy::Unit)?,
                due_soon_within: a.due_soon,
            };
            result_csv(Analysis::Report(&t.report(&o, &q)?))
        }
        Table::Timeline => result_csv(Analysis::Timeline(&t.timeline(a.bucket, &q)?)),
        Table::Egov => {
            result_csv(Analysis::Egov(&t.egov(by(&a, EgovBy::parse, "unit, level, month", EgovBy::Unit)?, &q)?))
        }
    };
    std::io::stdout().lock().write_all(csv.as_bytes())?;
    Ok(())
}
