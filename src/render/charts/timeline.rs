//! The timeline: per bucket (day, week or month), copies received and finished as paired bars
//! on top, and the backlog and its overdue part as lines below, on a shared time axis with
//! dates as dd/MM (months as MM/yyyy).

use super::{
    integer, legend, legend_height, line, nice_axis, rect, text, ticks, Anchor, ChartOptions, LegendItem, GRID, INK,
    MUTED, SMALL,
};
use crate::analysis::TimelinePoint;
use crate::model::text::fold_case;
use crate::render::svg::{push_num, Svg};

/// (class, default colour, Vietnamese, English) of the four series.
const SERIES: [(&str, &str, &str, &str); 4] = [
    ("lt-tl-arrivals", "#1e6fb8", "Tiếp nhận", "Received"),
    ("lt-tl-completions", "#2e7d32", "Hoàn thành", "Finished"),
    ("lt-tl-backlog", "#52606d", "Tồn đọng", "Backlog"),
    ("lt-tl-overdue", "#c62828", "Quá hạn", "Overdue"),
];

/// Most buckets whose marks are focusable (beyond, the tab order would be too long; the
/// tooltips stay).
const MAX_FOCUSABLE: usize = 100;

/// A bucket's label as dd/MM (a day or week: `2026-02-16` → `16/02`; a month: `2026-02` →
/// `02/2026`), and in full for the tooltip (`16/02/2026`).
pub fn bucket_dates(label: &str) -> (String, String) {
    let mut parts = label.split('-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d), None) => (format!("{d}/{m}"), format!("{d}/{m}/{y}")),
        (Some(y), Some(m), None, _) => (format!("{m}/{y}"), format!("{m}/{y}")),
        _ => (label.to_string(), label.to_string()),
    }
}

const PANEL: f64 = 140.0;
/// Space between the two panels (the lower one's title).
const GAP: f64 = 34.0;

/// Renders the timeline.
pub fn render_timeline_svg(points: &[TimelinePoint], o: &ChartOptions) -> String {
    let title = o.t("Diễn biến tiếp nhận, hoàn thành và tồn đọng", "Received, finished and backlog over time");
    if points.is_empty() {
        return o.empty("lt-timeline", title);
    }
    let w = o.w();
    let mut items: Vec<LegendItem<'_>> = Vec::new();
    for &(class, fill, vi, en) in &SERIES {
        items.push(LegendItem { class, fill, label: o.t(vi, en) });
    }
    // Dates as drawn (dd/MM) and in full (tooltips).
    let (mut short, mut full) = (Vec::new(), Vec::new());
    let (mut max_flow, mut max_stock) = (0, 0);
    let (mut arrivals, mut completions) = (0, 0);
    for p in points {
        let (s, f) = bucket_dates(&p.label);
        short.push(s);
        full.push(f);
        max_flow = max_flow.max(p.arrivals.max(p.completions));
        max_stock = max_stock.max(p.backlog.max(p.overdue));
        arrivals += p.arrivals;
        completions += p.completions;
    }
    let (top1, step1) = nice_axis(max_flow as f64, 4, true);
    let (top2, step2) = nice_axis(max_stock as f64, 4, true);
    let mut tick_labels = Vec::new();
    for v in ticks(top1, step1).into_iter().chain(ticks(top2, step2)) {
        tick_labels.push(integer(v as u64, o.locale));
    }
    let tick_w = o.widest(&tick_labels, SMALL);
    let (x0, x1) = (tick_w + 14.0, w - 12.0);
    let n = points.len();
    let slot = (x1 - x0) / n as f64;
    let first = &full[0];
    let last = &full[n - 1];
    let desc = match o.locale {
        crate::locale::Locale::Vi => format!(
            "{n} mốc từ {first} đến {last}; tiếp nhận {}, hoàn thành {}; cuối kỳ tồn {}, quá hạn {}",
            integer(arrivals, o.locale),
            integer(completions, o.locale),
            integer(points[n - 1].backlog, o.locale),
            integer(points[n - 1].overdue, o.locale),
        ),
        crate::locale::Locale::En => format!(
            "{n} buckets from {first} to {last}; received {}, finished {}; at the end backlog {}, overdue {}",
            integer(arrivals, o.locale),
            integer(completions, o.locale),
            integer(points[n - 1].backlog, o.locale),
            integer(points[n - 1].overdue, o.locale),
        ),
    };
    let p1 = 6.0 + legend_height(o, w - 16.0, &items) + 24.0;
    let natural = p1 + 2.0 * PANEL + GAP + 24.0;
    let h = o.h(natural);
    // A fixed height shrinks or grows both panels alike.
    let k = ((h - 24.0 - p1 - GAP) / (2.0 * PANEL)).max(0.2);
    let (ph, p2) = (PANEL * k, p1 + PANEL * k + GAP);
    let axis_y = p2 + ph;
    let mut svg = o.start(h, "lt-timeline", title, &desc);
    legend(&mut svg, o, 8.0, 6.0, w - 16.0, &items);

    let cx = |i: usize| x0 + slot * (i as f64 + 0.5);
    panel_axis(&mut svg, o, x0, x1, p1, ph, top1, step1, o.t("Số bản mỗi kỳ", "Copies per bucket"));
    panel_axis(&mut svg, o, x0, x1, p2, ph, top2, step2, o.t("Số bản đang tồn", "Copies open"));

    // Bars: received and finished side by side in each slot.
    let bw = (slot * 0.38).clamp(0.6, 18.0);
    for (s, get) in [(0usize, (|p: &TimelinePoint| p.arrivals) as fn(&TimelinePoint) -> u64), (1, |p| p.completions)] {
        let (class, fill, _, _) = SERIES[s];
        svg.tag("g").attr("class", &format!("lt-tl-bars {class}")).open();
        for (i, p) in points.iter().enumerate() {
            let v = get(p);
            if v == 0 {
                continue;
            }
            let bh = ph * v as f64 / top1;
            let x = cx(i) + if s == 0 { -bw } else { 0.0 };
            rect(&mut svg, x, p1 + ph - bh, bw, bh, &format!("lt-tl-bar {class}"), fill)
                .attr("data-value", &v.to_string())
                .end();
        }
        svg.close();
    }

    // Lines: backlog and overdue.
    for (s, get) in [(2usize, (|p: &TimelinePoint| p.backlog) as fn(&TimelinePoint) -> u64), (3, |p| p.overdue)] {
        let (class, fill, _, _) = SERIES[s];
        let y = |v: u64| p2 + ph - ph * v as f64 / top2;
        let mut d = String::new();
        for (i, p) in points.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            push_num(&mut d, cx(i));
            d.push(' ');
            push_num(&mut d, y(get(p)));
        }
        svg.tag("g").attr("class", &format!("lt-tl-series {class}")).open();
        if n > 1 {
            svg.tag("path")
                .attr("d", &d)
                .attr("class", &format!("lt-tl-line {class}"))
                .attr("fill", "none")
                .attr("stroke", fill)
                .attr("stroke-width", "2")
                .attr("stroke-linejoin", "round")
                .end();
        }
        if n <= 60 {
            for (i, p) in points.iter().enumerate() {
                svg.tag("circle")
                    .num("cx", cx(i))
                    .num("cy", y(get(p)))
                    .num("r", 2.5)
                    .attr("class", &format!("lt-tl-dot {class}"))
                    .attr("fill", fill)
                    .end();
            }
        }
        svg.close();
    }

    // Date labels: as many as fit.
    let label_w = o.widest(&short, SMALL) + 10.0;
    let every = ((label_w / slot).ceil() as usize).max(1);
    svg.tag("g").attr("class", "lt-c-axis lt-tl-dates").open();
    for i in (0..n).step_by(every) {
        line(&mut svg, cx(i), axis_y, cx(i), axis_y + 4.0, "lt-c-tickmark", MUTED);
        text(&mut svg, cx(i), axis_y + 16.0, "lt-c-tick", Anchor::Middle, SMALL, MUTED, &short[i]);
    }
    svg.close();

    // Hover and focus targets: one per bucket, with the four figures.
    svg.tag("g").attr("class", "lt-tl-buckets").open();
    for (i, (p, date)) in points.iter().zip(&full).enumerate() {
        let tip = format!(
            "{}: {} {}, {} {}, {} {}, {} {}",
            date,
            fold_case(o.t(SERIES[0].2, SERIES[0].3)),
            integer(p.arrivals, o.locale),
            fold_case(o.t(SERIES[1].2, SERIES[1].3)),
            integer(p.completions, o.locale),
            fold_case(o.t(SERIES[2].2, SERIES[2].3)),
            integer(p.backlog, o.locale),
            fold_case(o.t(SERIES[3].2, SERIES[3].3)),
            integer(p.overdue, o.locale),
        );
        let g = svg.tag("g").attr("class", "lt-tl-bucket").attr("data-bucket", &p.label);
        let g =
            if n <= MAX_FOCUSABLE { g.attr("tabindex", "0").attr("role", "img").attr("aria-label", &tip) } else { g };
        g.open();
        svg.tag("title").attr("class", "lt-c-tip").text(&tip);
        rect(&mut svg, x0 + slot * i as f64, p1, slot, axis_y - p1, "lt-c-hit", "#ffffff")
            .attr("fill-opacity", "0")
            .end();
        svg.close();
    }
    svg.close();
    svg.finish()
}

/// A panel's horizontal grid and y ticks, and its title.
#[allow(clippy::too_many_arguments)]
fn panel_axis(svg: &mut Svg, o: &ChartOptions, x0: f64, x1: f64, y: f64, h: f64, top: f64, step: f64, title: &str) {
    svg.tag("g").attr("class", "lt-c-axis").open();
    for v in ticks(top, step) {
        let ty = y + h - h * v / top;
        line(
            svg,
            x0,
            ty,
            x1,
            ty,
            if v == 0.0 { "lt-c-baseline" } else { "lt-c-grid" },
            if v == 0.0 { "#9aa5b1" } else { GRID },
        );
        text(svg, x0 - 6.0, ty + 4.0, "lt-c-tick", Anchor::End, SMALL, MUTED, &integer(v as u64, o.locale));
    }
    text(svg, x0, y - 10.0, "lt-c-axis-title", Anchor::Start, SMALL, INK, title);
    svg.close();
}
