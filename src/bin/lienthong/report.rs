//! `lienthong report`: summary, bottlenecks and overdue documents; with `--from`/`--to` also
//! the period report (báo cáo tình hình giải quyết văn bản) of `[from, to)`, every figure
//! computed over that window.

use crate::{input, one_of, Input, QueryArgs, Result};
use clap::Args;
use lienthong::analysis::{OverdueOptions, PeriodReport, ReportBy, ReportOptions, ReportRow};
use lienthong::locale::Locale;
use lienthong::model::{DurationSpec, Level, TimeZone};
use std::io::Write;

#[derive(Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    input: Input,
    #[command(flatten)]
    query: QueryArgs,
    /// JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Rows of the period report: per unit or per level.
    #[arg(long, value_parser = one_of(ReportBy::parse, "unit, level"), default_value = "unit")]
    by: ReportBy,
    /// "Due soon" window of the period report (working time).
    #[arg(long, value_name = "2d", value_parser = duration, default_value = "2d")]
    due_soon: DurationSpec,
}

pub(crate) fn duration(s: &str) -> std::result::Result<DurationSpec, String> {
    DurationSpec::parse(s).map_err(|e| e.to_string())
}

pub(crate) fn run(a: ReportArgs) -> Result<()> {
    let locale = a.input.locale;
    let zone = a.input.time_zone;
    let q = a.query.query(zone)?;
    let period_options = ReportOptions { by: a.by, due_soon_within: a.due_soon };
    let t = input::load(&a.input)?;
    let period = if q.from.is_some() || q.to.is_some() { Some(t.report(&period_options, &q)?) } else { None };
    let summary = t.summary(&q)?;
    let bottlenecks = t.bottlenecks(10, &q)?;
    let overdue = t.overdue(&OverdueOptions::default(), &q)?;
    let out = std::io::stdout();
    let mut out = out.lock();
    if a.json {
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
