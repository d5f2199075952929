//! Bottleneck bars: the ranked units of [`crate::analysis::bottlenecks`], one horizontal bar
//! each, as long as the unit's score (excess hold time, working days); the tooltip gives the
//! one-line reason and the figures behind it.

use super::{decimal, integer, more_rows_note, rect, text, Anchor, ChartOptions, Rows, MUTED, SMALL};
use crate::analysis::Bottlenecks;

const ROW: f64 = 24.0;
const BAR: f64 = 14.0;
/// Default bar colour.
const FILL: &str = "#c2410c";

/// Renders the bottleneck units, worst first (at most `max_rows`).
pub fn render_bottlenecks_svg(b: &Bottlenecks, o: &ChartOptions) -> String {
    let title = o.t("Đơn vị làm chậm văn bản", "Units holding documents up");
    if b.units.is_empty() {
        return o.empty("lt-bottlenecks", title);
    }
    let rows = &b.units[..b.units.len().min(o.max_rows.max(1))];
    let mut labels = Vec::new();
    let mut max = 0.0;
    for u in rows {
        labels.push(format!("{}. {}", u.rank, u.name.as_deref().unwrap_or(&u.unit)));
        max = f64::max(max, o.to_days(u.score_ms as f64));
    }
    let frame = Rows::new(o, &labels, 26.0, ROW, 0.38, 70.0);
    let mut notes = Vec::new();
    more_rows_note(o, &mut notes, rows.len(), b.units.len(), "đơn vị", "units");
    let desc = match o.locale {
        crate::locale::Locale::Vi => format!(
            "{} đơn vị xếp theo thời gian giữ văn bản vượt mức (ngày làm việc); đứng đầu: {}",
            rows.len(),
            labels[0]
        ),
        crate::locale::Locale::En => {
            format!("{} units ranked by excess hold time (working days); first: {}", rows.len(), labels[0])
        }
    };
    let mut svg = o.start(o.h(frame.natural_height(notes.len())), "lt-bottlenecks", title, &desc);
    let title = o.t("Thời gian giữ vượt mức (ngày làm việc)", "Excess hold time (working days)");
    let (_, scale) = frame.axis(&mut svg, o, max, false, title);
    svg.tag("g").attr("class", "lt-bn-bars").open();
    for (k, (u, label)) in rows.iter().zip(&labels).enumerate() {
        let days = o.to_days(u.score_ms as f64);
        let figures = match o.locale {
            crate::locale::Locale::Vi => format!(
                "vượt mức {}; {} lượt, trung vị {} (cùng cấp {}); đang giữ {}, quá hạn {}",
                o.days(u.score_ms as f64),
                integer(u.visits, o.locale),
                o.days(u.median_sojourn_working_ms),
                o.days(u.peer_median_working_ms),
                integer(u.wip, o.locale),
                integer(u.overdue_held, o.locale),
            ),
            crate::locale::Locale::En => format!(
                "excess {}; {} visits, median {} (peers {}); holding {}, overdue {}",
                o.days(u.score_ms as f64),
                integer(u.visits, o.locale),
                o.days(u.median_sojourn_working_ms),
                o.days(u.peer_median_working_ms),
                integer(u.wip, o.locale),
                integer(u.overdue_held, o.locale),
            ),
        };
        let name = u.name.as_deref().unwrap_or(&u.unit);
        let tip = format!("{}. {name}: {}\n{figures}", u.rank, u.reason);
        let y = frame.open_row(&mut svg, o, k, "lt-bn-row", ("data-unit", &u.unit), &tip, label);
        let bw = days * scale;
        rect(&mut svg, frame.x0, y + (ROW - BAR) / 2.0, bw, BAR, "lt-bn-bar", FILL)
            .attr("data-value", &decimal(days, crate::locale::Locale::En))
            .end();
        text(
            &mut svg,
            frame.x0 + bw + 4.0,
            y + ROW / 2.0 + 4.0,
            "lt-c-value",
            Anchor::Start,
            SMALL,
            MUTED,
            &o.days(u.score_ms as f64),
        );
        svg.close();
    }
    svg.close();
    frame.notes(&mut svg, &notes);
    svg.finish()
}
