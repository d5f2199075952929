//! The deadline chart: the Vietnamese 2×2 of the period report (SPEC §3) — finished on time /
//! finished late, unfinished within the deadline / overdue — as a totals grid (which is also
//! the legend) and a stacked horizontal bar per unit or per level, on one scale.
//!
//! "On time" counts the report's early and on-time columns; "within the deadline" its
//! within-due and due-soon columns. Copies without a deadline belong to neither and are counted
//! in a note.

use super::{figure, integer, more_rows_note, percent, rect, text, Anchor, ChartOptions, Rows, INK, MUTED, SMALL};
use crate::analysis::{PeriodReport, ReportBy, ReportRow};

/// One of the four deadline states: class, default colour, light tint, Vietnamese and English
/// label.
struct State {
    class: &'static str,
    fill: &'static str,
    tint: &'static str,
    vi: &'static str,
    en: &'static str,
}

/// The four states in the grid's order (row "finished", then row "unfinished").
const STATES: [State; 4] = [
    State {
        class: "lt-dl-ontime",
        fill: "#2e7d32",
        tint: "#e8f5e9",
        vi: "Hoàn thành đúng hạn",
        en: "Finished on time",
    },
    State { class: "lt-dl-late", fill: "#b26a00", tint: "#fff3e0", vi: "Hoàn thành quá hạn", en: "Finished late" },
    State {
        class: "lt-dl-open",
        fill: "#1e6fb8",
        tint: "#e3f2fd",
        vi: "Đang xử lý trong hạn",
        en: "Unfinished, within deadline",
    },
    State {
        class: "lt-dl-overdue",
        fill: "#c62828",
        tint: "#ffebee",
        vi: "Đang xử lý quá hạn",
        en: "Unfinished, overdue",
    },
];

/// The four counts of a row, in [`STATES`] order.
pub fn deadline_counts(r: &ReportRow) -> [u64; 4] {
    [r.done_early + r.done_on_time, r.done_late, r.open_within_due + r.open_due_soon, r.open_overdue]
}

const ROW: f64 = 24.0;
const BAR: f64 = 15.0;
const CELL_H: f64 = 46.0;

/// Renders the deadline chart of a period report (rows by unit or by level, as the report was
/// made). Units are ordered by late and overdue copies (most first), then as in the report;
/// levels top to bottom. At most `max_rows` rows.
pub fn render_deadlines_svg(report: &PeriodReport, o: &ChartOptions) -> String {
    let title = o.t("Tình hình giải quyết văn bản theo hạn xử lý", "Documents handled against their deadlines");
    let mut rows: Vec<(&ReportRow, [u64; 4])> = Vec::new();
    for r in &report.rows {
        let c = deadline_counts(r);
        if sum4(&c) > 0 {
            rows.push((r, c));
        }
    }
    let total = deadline_counts(&report.total);
    let sum = sum4(&total);
    if rows.is_empty() || sum == 0 {
        return o.empty("lt-deadlines", title);
    }
    let all = rows.len();
    if report.by == ReportBy::Unit {
        crate::analysis::order::sort_by(&mut rows, |a, b| (b.1[1] + b.1[3]).cmp(&(a.1[1] + a.1[3])));
    }
    rows.truncate(o.max_rows.max(1));
    let no_due = report.total.done_no_due + report.total.open_no_due;
    let w = o.w();
    let mut labels = Vec::new();
    let mut max = 1;
    for (i, (r, c)) in rows.iter().enumerate() {
        labels.push(row_name(o, report.by, r));
        max = if i == 0 { sum4(c) } else { max.max(sum4(c)) };
    }
    let grid_y = 8.0;
    let frame = Rows::new(o, &labels, grid_y + 2.0 * CELL_H + 24.0, ROW, 0.32, 48.0);
    let mut notes = Vec::new();
    more_rows_note(o, &mut notes, rows.len(), all, "đơn vị", "units");
    if no_due > 0 {
        notes.push(match o.locale {
            crate::locale::Locale::Vi => {
                format!("{} bản không có hạn xử lý không được tính", integer(no_due, o.locale))
            }
            crate::locale::Locale::En => {
                format!("{} copies without a deadline are not counted", integer(no_due, o.locale))
            }
        });
    }
    let desc = state_figures(o, &total);
    let mut svg = o.start(o.h(frame.natural_height(notes.len())), "lt-deadlines", title, &desc);

    // The totals grid: finished on the first row, unfinished on the second; within the
    // deadline on the left, past it on the right. Each cell has its state's colour: the legend.
    svg.tag("g").attr("class", "lt-c-legend lt-dl-grid").attr("role", "list").open();
    let cell_w = ((w - 16.0) / 2.0).min(260.0);
    for (i, (s, n)) in STATES.iter().zip(total).enumerate() {
        let (col, row) = ([0.0, 1.0, 0.0, 1.0][i], (i / 2) as f64);
        let (x, y) = (8.0 + col * (cell_w + 8.0), grid_y + row * CELL_H);
        let label = o.t(s.vi, s.en);
        let value = format!("{} ({})", integer(n, o.locale), percent(n, sum));
        svg.tag("g").attr("class", &format!("lt-dl-cell {}", s.class)).attr("role", "listitem").open();
        svg.tag("title").attr("class", "lt-c-tip").text(&format!("{label}: {value}"));
        rect(&mut svg, x, y, cell_w, CELL_H - 6.0, &format!("lt-dl-tint {}", s.class), s.tint).end();
        rect(&mut svg, x, y, 5.0, CELL_H - 6.0, &format!("lt-c-swatch {}", s.class), s.fill).end();
        text(
            &mut svg,
            x + 12.0,
            y + 15.0,
            "lt-dl-cell-label",
            Anchor::Start,
            SMALL,
            INK,
            &o.fit(label, cell_w - 16.0, SMALL),
        );
        svg.tag("text")
            .num("x", x + 12.0)
            .num("y", y + 33.0)
            .attr("class", "lt-dl-cell-value")
            .attr("font-size", "15")
            .attr("font-weight", "bold")
            .attr("fill", INK)
            .text(&value);
        svg.close();
    }
    svg.close();

    // The bars.
    let (_, scale) = frame.axis(&mut svg, o, max as f64, true, o.t("Số bản", "Copies"));
    svg.tag("g").attr("class", "lt-dl-bars").open();
    for (k, ((r, c), name)) in rows.iter().zip(&labels).enumerate() {
        let n = sum4(c);
        let tip = format!("{name} — {}", state_figures(o, c));
        let data = match report.by {
            ReportBy::Unit => ("data-unit", r.key.as_str()),
            ReportBy::Level => ("data-level", r.key.as_str()),
        };
        let y = frame.open_row(&mut svg, o, k, "lt-dl-row", data, &tip, name);
        let mut x = frame.x0;
        for (s, &v) in STATES.iter().zip(c) {
            if v == 0 {
                continue;
            }
            let bw = v as f64 * scale;
            rect(&mut svg, x, y + (ROW - BAR) / 2.0, bw, BAR, &format!("lt-dl-seg {}", s.class), s.fill)
                .attr("data-value", &v.to_string())
                .end();
            x += bw;
        }
        text(&mut svg, x + 4.0, y + ROW / 2.0 + 4.0, "lt-c-value", Anchor::Start, SMALL, MUTED, &integer(n, o.locale));
        svg.close();
    }
    svg.close();
    frame.notes(&mut svg, &notes);
    svg.finish()
}

/// `On time: 2; Late: 1; …` of four counts.
fn state_figures(o: &ChartOptions, counts: &[u64; 4]) -> String {
    let mut out = String::new();
    for (s, n) in STATES.iter().zip(counts) {
        figure(&mut out, o.t(s.vi, s.en), &integer(*n, o.locale));
    }
    out
}

/// The copies of a row, all four states.
fn sum4(c: &[u64; 4]) -> u64 {
    c[0] + c[1] + c[2] + c[3]
}

/// The row's name: the unit's name (else its id), or the level's name.
fn row_name(o: &ChartOptions, by: ReportBy, r: &ReportRow) -> String {
    match by {
        ReportBy::Unit => r.name.clone().unwrap_or_else(|| r.key.clone()),
        ReportBy::Level => o.level_name(r.level).to_string(),
    }
}
