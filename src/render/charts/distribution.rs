//! The processing-time distribution: a horizontal box plot per level or unit, in working days
//! (from [`crate::analysis::processing_time::processing_spread`]). The box spans the first to
//! the third quartile with the median across it; the whisker runs from the smallest value to
//! the 95th percentile; a dot marks the largest value when it fits the axis, an arrow when it
//! lies beyond. The axis ends at the largest 95th percentile, so that one very slow copy does
//! not squash every box; the tooltip gives all the figures.

use super::{figure, integer, line, more_rows_note, rect, text, Anchor, ChartOptions, Rows, INK, MUTED, SMALL};
use crate::analysis::{GroupBy, ProcessingSpread, Spread};
use crate::model::Level;

const ROW: f64 = 26.0;
const BOX: f64 = 14.0;
const STROKE: &str = "#1e4e8c";
const BOX_FILL: &str = "#cfe0f3";

/// Renders the box plots of a spread (by level or unit; other groupings are drawn by key).
pub fn render_distribution_svg(spread: &ProcessingSpread, o: &ChartOptions) -> String {
    let title = o.t("Phân bố thời gian xử lý (ngày làm việc)", "Processing time distribution (working days)");
    let mut groups: Vec<&Spread> = Vec::new();
    for g in &spread.groups {
        if g.count > 0 {
            groups.push(g);
        }
    }
    if groups.is_empty() {
        return o.empty("lt-distribution", title);
    }
    let rows = &groups[..groups.len().min(o.max_rows.max(1))];
    let d = |ms: f64| o.to_days(ms);
    let mut labels = Vec::new();
    // The counts right of the axis ("n=93.474" at a million events): room for the widest.
    let mut counts = Vec::new();
    let mut max = 0.0;
    for g in rows {
        labels.push(match spread.by {
            GroupBy::Level => o.level_name(g.level).to_string(),
            _ => g.label.clone().unwrap_or_else(|| g.key.clone()),
        });
        counts.push(format!("n={}", integer(g.count, o.locale)));
        max = f64::max(max, d(g.p95_ms).max(d(g.q3_ms)));
    }
    let right = (o.widest(&counts, SMALL) + 16.0).max(60.0);
    let frame = Rows::new(o, &labels, 26.0, ROW, 0.32, right);
    let (x0, x1) = (frame.x0, frame.x1);
    let mut notes = Vec::new();
    more_rows_note(o, &mut notes, rows.len(), groups.len(), "nhóm", "groups");
    let desc = o.t(
        "Hộp: tứ phân vị thứ nhất đến thứ ba, vạch: trung vị, râu: nhỏ nhất đến phân vị 95, chấm: lớn nhất",
        "Box: first to third quartile, line: median, whisker: smallest to 95th percentile, dot: largest",
    );
    let mut svg = o.start(o.h(frame.natural_height(notes.len())), "lt-distribution", title, desc);
    let (top, _) = frame.axis(&mut svg, o, max, false, o.t("Ngày làm việc", "Working days"));
    let x = |days: f64| x0 + (x1 - x0) * (days / top).clamp(0.0, 1.0);
    svg.tag("g").attr("class", "lt-ds-boxes").open();
    for (k, ((g, label), count)) in rows.iter().zip(&labels).zip(&counts).enumerate() {
        let mut parts = String::new();
        for (k, v) in [
            (o.t("nhỏ nhất", "min"), g.min_ms as f64),
            ("Q1", g.q1_ms),
            (o.t("trung vị", "median"), g.median_ms),
            ("Q3", g.q3_ms),
            ("p90", g.p90_ms),
            ("p95", g.p95_ms),
            (o.t("lớn nhất", "max"), g.max_ms as f64),
            (o.t("trung bình", "mean"), g.mean_ms),
        ] {
            figure(&mut parts, k, &o.days(v));
        }
        let tip = format!("{label} (n = {}): {parts}", integer(g.count, o.locale));
        let data = match spread.by {
            GroupBy::Level => ("data-level", g.level.map_or("unknown", Level::as_str)),
            GroupBy::Unit => ("data-unit", g.key.as_str()),
            _ => ("data-key", g.key.as_str()),
        };
        let cy = frame.open_row(&mut svg, o, k, "lt-ds-row", data, &tip, label) + ROW / 2.0;
        let (lo, hi) = (x(d(g.min_ms as f64)), x(d(g.p95_ms)));
        line(&mut svg, lo, cy, hi, cy, "lt-ds-whisker", STROKE);
        line(&mut svg, lo, cy - 4.0, lo, cy + 4.0, "lt-ds-whisker", STROKE);
        line(&mut svg, hi, cy - 4.0, hi, cy + 4.0, "lt-ds-whisker", STROKE);
        let (b0, b1) = (x(d(g.q1_ms)), x(d(g.q3_ms)));
        rect(&mut svg, b0, cy - BOX / 2.0, (b1 - b0).max(1.0), BOX, "lt-ds-box", BOX_FILL)
            .attr("stroke", STROKE)
            .attr("stroke-width", "1")
            .end();
        let m = x(d(g.median_ms));
        svg.tag("line")
            .num("x1", m)
            .num("y1", cy - BOX / 2.0)
            .num("x2", m)
            .num("y2", cy + BOX / 2.0)
            .attr("class", "lt-ds-median")
            .attr("stroke", INK)
            .attr("stroke-width", "2")
            .end();
        let max_days = d(g.max_ms as f64);
        if max_days <= top {
            svg.tag("circle")
                .num("cx", x(max_days))
                .num("cy", cy)
                .num("r", 2.5)
                .attr("class", "lt-ds-max")
                .attr("fill", STROKE)
                .end();
        } else {
            let path =
                format!("M{} {}l6 4l-6 4z", crate::render::svg::num(x1 + 2.0), crate::render::svg::num(cy - 4.0));
            svg.tag("path").attr("d", &path).attr("class", "lt-ds-beyond").attr("fill", STROKE).end();
        }
        text(&mut svg, x1 + 12.0, cy + 4.0, "lt-c-value", Anchor::Start, SMALL, MUTED, count);
        svg.close();
    }
    svg.close();
    frame.notes(&mut svg, &notes);
    svg.finish()
}
