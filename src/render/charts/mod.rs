//! The charts of SPEC §6 beside the flow map: the level Sankey ([`sankey`]), the deadline chart
//! (the Vietnamese 2×2, [`deadlines`]), bottleneck bars ([`bottlenecks`]), the processing-time
//! distribution ([`distribution`]) and the timeline ([`timeline`]).
//!
//! Each is a free function `render_…_svg(result, &ChartOptions) -> String` over an analysis
//! result: the same result and options give the same bytes. Every label from data goes through
//! the [`Svg`] writer (escaped); long names are cut with [`Metrics::fit`] and given whole in the
//! mark's `<title>` tooltip, with the exact figures. Marks of a unit are focusable
//! (`tabindex="0"`, `role="button"`, `data-unit`, `aria-label`) so that a page can drill into
//! the unit on click or Enter. Colours are presentation attributes plus a class on every
//! element; `pkg-config/lienthong.css` (section "charts") themes them through `--lt-…` custom
//! properties. No data draws an empty-state text, never a `NaN`.

pub mod bottlenecks;
pub mod deadlines;
pub mod distribution;
pub mod sankey;
pub mod timeline;

pub use bottlenecks::render_bottlenecks_svg;
pub use deadlines::render_deadlines_svg;
pub use distribution::render_distribution_svg;
pub use sankey::render_sankey_svg;
pub use timeline::render_timeline_svg;

use super::svg::Tag;
use super::{Metrics, Svg};
use crate::analysis::{Bucket, ReportOptions};
use crate::locale::Locale;
use crate::model::Level;
use serde::Serialize;

/// The charts a [`crate::Tracker`] renders by name ([`crate::Tracker::render_chart`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// [`render_sankey_svg`] of the flow graph.
    Sankey,
    /// [`render_deadlines_svg`] of the period report.
    Deadlines,
    /// [`render_bottlenecks_svg`].
    Bottlenecks,
    /// [`render_distribution_svg`] of the processing-time spread.
    Distribution,
    /// [`render_timeline_svg`].
    Timeline,
}

impl ChartKind {
    /// Every chart, for messages listing them.
    pub const ALL: [ChartKind; 5] =
        [ChartKind::Sankey, ChartKind::Deadlines, ChartKind::Bottlenecks, ChartKind::Distribution, ChartKind::Timeline];

    /// Parses `sankey`, `deadlines`, `bottlenecks`, `distribution` or `timeline`.
    pub fn parse(text: &str) -> Option<ChartKind> {
        Some(match text.trim() {
            "sankey" => ChartKind::Sankey,
            "deadlines" => ChartKind::Deadlines,
            "bottlenecks" => ChartKind::Bottlenecks,
            "distribution" => ChartKind::Distribution,
            "timeline" => ChartKind::Timeline,
            _ => return None,
        })
    }
}

/// What a chart by name is drawn from, beyond the query: rows by level or unit (deadlines,
/// distribution), how many bottlenecks, the timeline's bucket, the report's options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartData {
    /// Rows per level instead of per unit. Default false (per unit).
    pub by_level: bool,
    /// Bottleneck units to rank. Default 10.
    pub top: usize,
    /// Timeline bucket. Default week.
    pub bucket: Bucket,
    /// Options of the period report behind the deadline chart (its `by` is set from
    /// `by_level`).
    pub report: ReportOptions,
}

impl Default for ChartData {
    fn default() -> Self {
        ChartData { by_level: false, top: 10, bucket: Bucket::Week, report: ReportOptions::default() }
    }
}

/// Options shared by every chart.
#[derive(Debug, Clone)]
pub struct ChartOptions {
    /// Width in px. Default 720.
    pub width: f64,
    /// Height in px; `None` (the default) gives each chart its natural height (bar charts grow
    /// with their rows).
    pub height: Option<f64>,
    /// Language of the labels. Default Vietnamese.
    pub locale: Locale,
    /// Prefix of the ids in the picture (several pictures on one page must not share ids).
    pub id_prefix: String,
    /// Label widths (shipped DejaVu Sans metrics, or the page's own).
    pub metrics: Metrics,
    /// Working milliseconds of one working day, to give working time in days (7 h 30 by
    /// default: the Vietnamese office hours).
    pub working_day_ms: f64,
    /// Most rows (units, groups) a bar chart draws; the rest are counted in a note. Default 30.
    pub max_rows: usize,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            width: 720.0,
            height: None,
            locale: Locale::Vi,
            id_prefix: "lt-chart".into(),
            metrics: Metrics::shipped(),
            working_day_ms: 7.5 * 3_600_000.0,
            max_rows: 30,
        }
    }
}

/// Font size of labels, px.
pub(crate) const FONT: f64 = 12.0;
/// Font size of small print (ticks, notes), px.
pub(crate) const SMALL: f64 = 11.0;
/// Text colour (contrast 14:1 on white).
pub(crate) const INK: &str = "#1f2933";
/// Secondary text colour (contrast 6.6:1 on white).
pub(crate) const MUTED: &str = "#52606d";
/// Grid lines.
pub(crate) const GRID: &str = "#d9dee3";

impl ChartOptions {
    /// The width, at least 160 px (and 720 when not finite).
    pub(crate) fn w(&self) -> f64 {
        if self.width.is_finite() {
            self.width.clamp(160.0, 20_000.0)
        } else {
            720.0
        }
    }

    /// The height: the asked one (at least 80 px), else `natural`.
    pub(crate) fn h(&self, natural: f64) -> f64 {
        match self.height {
            Some(h) if h.is_finite() => h.clamp(80.0, 20_000.0),
            _ => natural,
        }
    }

    /// Vietnamese or English text.
    pub(crate) fn t<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        self.locale.pick(vi, en)
    }

    /// Starts a picture of class `lt-chart {class}`.
    pub(crate) fn start(&self, height: f64, class: &str, title: &str, desc: &str) -> Svg {
        let mut svg = Svg::new(self.w(), height, &format!("lt-chart {class}"), &self.id_prefix, title, desc);
        svg.tag("g").attr("class", "lt-c-body").attr("font-size", "12").attr("fill", INK).open();
        svg
    }

    /// The picture for no data: its frame and a centred "no data" text.
    pub(crate) fn empty(&self, class: &str, title: &str) -> String {
        let h = self.h(120.0);
        let none = self.t("Không có dữ liệu", "No data");
        let mut svg = self.start(h, class, title, none);
        text(&mut svg, self.w() / 2.0, h / 2.0 + 4.0, "lt-c-empty", Anchor::Middle, FONT, MUTED, none);
        svg.finish()
    }

    /// `ms` of working time in working days, one decimal, with the unit (`1,5 ngày`).
    pub(crate) fn days(&self, ms: f64) -> String {
        format!("{} {}", decimal(self.to_days(ms), self.locale), self.t("ngày", "d"))
    }

    /// `ms` of working time in working days.
    pub(crate) fn to_days(&self, ms: f64) -> f64 {
        let day = if self.working_day_ms.is_finite() && self.working_day_ms > 0.0 { self.working_day_ms } else { 1.0 };
        if ms.is_finite() {
            ms / day
        } else {
            0.0
        }
    }

    /// The name of a level (`Tỉnh`, `Province`), or of an unknown one.
    pub(crate) fn level_name(&self, level: Option<Level>) -> &'static str {
        let (vi, en) = match level {
            Some(Level::Central) => ("Trung ương", "Central"),
            Some(Level::Province) => ("Tỉnh", "Province"),
            Some(Level::District) => ("Huyện", "District"),
            Some(Level::Commune) => ("Xã", "Commune"),
            None => ("Chưa rõ cấp", "Unknown level"),
        };
        self.locale.pick(vi, en)
    }

    /// `text` cut to `max` px at `px` (with `…`).
    pub(crate) fn fit(&self, text: &str, max: f64, px: f64) -> String {
        self.metrics.fit(text, max.max(0.0), px, false).into_owned()
    }

    /// Width of the widest of `labels` at `px`. (Loops rather than iterator chains in the
    /// renderers: each chain of a new closure is another instance in the wasm.)
    pub(crate) fn widest(&self, labels: &[String], px: f64) -> f64 {
        let mut w = 0.0;
        for l in labels {
            w = f64::max(w, self.metrics.width(l, px, false));
        }
        w
    }
}

/// Horizontal anchor of a text.
#[derive(Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// A one-line text at (`x`, `y` = baseline).
#[allow(clippy::too_many_arguments)]
pub(crate) fn text(svg: &mut Svg, x: f64, y: f64, class: &str, anchor: Anchor, px: f64, fill: &str, s: &str) {
    let t = svg.tag("text").num("x", x).num("y", y).attr("class", class).num("font-size", px).attr("fill", fill);
    let t = match anchor {
        Anchor::Start => t,
        Anchor::Middle => t.attr("text-anchor", "middle"),
        Anchor::End => t.attr("text-anchor", "end"),
    };
    t.text(s);
}

/// A rectangle with a class and a fill.
#[allow(clippy::too_many_arguments)]
pub(crate) fn rect<'a>(svg: &'a mut Svg, x: f64, y: f64, w: f64, h: f64, class: &str, fill: &str) -> Tag<'a> {
    svg.tag("rect")
        .num("x", x)
        .num("y", y)
        .num("width", w.max(0.0))
        .num("height", h.max(0.0))
        .attr("class", class)
        .attr("fill", fill)
}

/// A line from (`x1`, `y1`) to (`x2`, `y2`).
pub(crate) fn line(svg: &mut Svg, x1: f64, y1: f64, x2: f64, y2: f64, class: &str, stroke: &str) {
    svg.tag("line")
        .num("x1", x1)
        .num("y1", y1)
        .num("x2", x2)
        .num("y2", y2)
        .attr("class", class)
        .attr("stroke", stroke)
        .attr("stroke-width", "1")
        .end();
}

/// Opens a focusable mark: a group a page can drill into (click or Enter), with its accessible
/// name `label` and its tooltip `tip`; `data` is the data attribute that names the item
/// (`data-unit`, `data-level`, `data-bucket`).
pub(crate) fn open_mark(svg: &mut Svg, class: &str, data: (&str, &str), label: &str, tip: &str) {
    svg.tag("g")
        .attr("class", &format!("lt-c-mark {class}"))
        .attr(data.0, data.1)
        .attr("tabindex", "0")
        .attr("role", "button")
        .attr("aria-label", label)
        .open();
    svg.tag("title").attr("class", "lt-c-tip").text(tip);
}

/// A transparent rectangle over a mark's row, so that the whole row takes the pointer and
/// shows the focus ring (`.lt-c-mark:focus > .lt-c-hit` in the stylesheet).
pub(crate) fn hit(svg: &mut Svg, x: f64, y: f64, w: f64, h: f64) {
    rect(svg, x, y, w, h, "lt-c-hit", "#ffffff").attr("fill-opacity", "0").end();
}

/// The frame of a chart with one row per unit, level or group: a label column on the left, a
/// value axis under the rows, notes under the axis.
pub(crate) struct Rows {
    /// Width of the label column.
    pub(crate) label_w: f64,
    /// The value axis runs from `x0` to `x1`.
    pub(crate) x0: f64,
    pub(crate) x1: f64,
    /// Top of the first row.
    pub(crate) top: f64,
    /// Height of a row.
    pub(crate) row_h: f64,
    /// The axis line, under the last row.
    pub(crate) axis_y: f64,
    /// Width of the picture.
    pub(crate) w: f64,
}

impl Rows {
    /// Lays out `n` rows of height `row_h` from `top`, labels at most `share` of the width,
    /// `right` px kept right of the axis (for value labels).
    pub(crate) fn new(o: &ChartOptions, labels: &[String], top: f64, row_h: f64, share: f64, right: f64) -> Rows {
        let w = o.w();
        let label_w = o.widest(labels, FONT).min(w * share).max(40.0);
        let axis_y = top + labels.len() as f64 * row_h + 4.0;
        Rows { label_w, x0: label_w + 16.0, x1: w - right, top, row_h, axis_y, w }
    }

    /// The picture's natural height with `notes` lines of notes.
    pub(crate) fn natural_height(&self, notes: usize) -> f64 {
        self.axis_y + 30.0 + notes as f64 * 16.0
    }

    /// A nice axis for values up to `max`, drawn with its title; returns (top value, px per unit).
    pub(crate) fn axis(&self, svg: &mut Svg, o: &ChartOptions, max: f64, whole: bool, title: &str) -> (f64, f64) {
        let (top, step) = nice_axis(max, ((self.x1 - self.x0) / 70.0).max(2.0) as usize, whole);
        text(svg, self.x1, self.top - 8.0, "lt-c-axis-title", Anchor::End, SMALL, MUTED, title);
        x_axis(svg, o, self.x0, self.x1, self.top - 4.0, self.axis_y, top, step, !whole);
        (top, (self.x1 - self.x0) / top)
    }

    /// Opens row `k` as a focusable mark (see [`open_mark`]) with its label cut to the column;
    /// returns the row's top. The caller draws the marks and closes the group.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn open_row(
        &self,
        svg: &mut Svg,
        o: &ChartOptions,
        k: usize,
        class: &str,
        data: (&str, &str),
        tip: &str,
        label: &str,
    ) -> f64 {
        let y = self.top + k as f64 * self.row_h;
        open_mark(svg, class, data, tip, tip);
        hit(svg, 0.0, y, self.w, self.row_h);
        let shown = o.fit(label, self.label_w, FONT);
        text(svg, self.label_w + 8.0, y + self.row_h / 2.0 + 4.0, "lt-c-label", Anchor::End, FONT, INK, &shown);
        y
    }

    /// The notes under the axis, one per line.
    pub(crate) fn notes(&self, svg: &mut Svg, notes: &[String]) {
        for (i, note) in notes.iter().enumerate() {
            text(svg, 8.0, self.axis_y + 34.0 + i as f64 * 16.0, "lt-c-note", Anchor::Start, SMALL, MUTED, note);
        }
    }
}

/// Adds `label: value` to a `label: value; label: value …` list, for tooltips and descriptions.
pub(crate) fn figure(out: &mut String, label: &str, value: &str) {
    if !out.is_empty() {
        out.push_str("; ");
    }
    out.push_str(label);
    out.push_str(": ");
    out.push_str(value);
}

/// One legend entry: a swatch and its label.
pub(crate) struct LegendItem<'a> {
    pub(crate) class: &'a str,
    pub(crate) fill: &'a str,
    pub(crate) label: &'a str,
}

/// Where each legend entry goes, laid out in rows from (`x`, `y`) within `width`; and the
/// height used.
fn legend_layout(o: &ChartOptions, x: f64, y: f64, width: f64, items: &[LegendItem<'_>]) -> (Vec<(f64, f64)>, f64) {
    let (mut cx, mut cy) = (x, y);
    let mut at = Vec::with_capacity(items.len());
    for item in items {
        let w = 16.0 + o.metrics.width(item.label, SMALL, false) + 14.0;
        if cx > x && cx + w > x + width {
            cx = x;
            cy += 18.0;
        }
        at.push((cx, cy));
        cx += w;
    }
    (at, cy - y + 18.0)
}

/// Height of a legend of `items` within `width`.
pub(crate) fn legend_height(o: &ChartOptions, width: f64, items: &[LegendItem<'_>]) -> f64 {
    legend_layout(o, 0.0, 0.0, width, items).1
}

/// Draws a legend in rows from (`x`, `y`) within `width`; returns the height used.
pub(crate) fn legend(svg: &mut Svg, o: &ChartOptions, x: f64, y: f64, width: f64, items: &[LegendItem<'_>]) -> f64 {
    let (at, height) = legend_layout(o, x, y, width, items);
    svg.tag("g").attr("class", "lt-c-legend").open();
    for (item, (cx, cy)) in items.iter().zip(at) {
        rect(svg, cx, cy + 1.0, 11.0, 11.0, &format!("lt-c-swatch {}", item.class), item.fill).end();
        text(svg, cx + 16.0, cy + 11.0, "lt-c-legend-label", Anchor::Start, SMALL, INK, item.label);
    }
    svg.close();
    height
}

/// A "nice" axis for values up to `max`: (top, step), with about `ticks` steps of 1, 2 or 5
/// times a power of ten; whole steps when `whole` (counts). `(1, 1)` or so for no data.
pub(crate) fn nice_axis(max: f64, ticks: usize, whole: bool) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 { max } else { 1.0 };
    let raw = max / ticks.max(1) as f64;
    let mut pow = 1e-3;
    while pow * 10.0 <= raw {
        pow *= 10.0;
    }
    let mut step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * pow).find(|s| *s >= raw).unwrap_or(10.0 * pow);
    if whole {
        step = step.max(1.0).round();
    }
    let n = (max / step).ceil().max(1.0);
    (n * step, step)
}

/// The tick values 0, step, … top.
pub(crate) fn ticks(top: f64, step: f64) -> Vec<f64> {
    let n = (top / step).round() as usize;
    let mut out = Vec::new();
    for i in 0..=n.min(100) {
        out.push(i as f64 * step);
    }
    out
}

/// A vertical-grid x axis under a plot: ticks from `x0` (0) to `x1` (`top`), grid lines from
/// `y_top` down to `y`, labels under `y`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn x_axis(
    svg: &mut Svg,
    o: &ChartOptions,
    x0: f64,
    x1: f64,
    y_top: f64,
    y: f64,
    top: f64,
    step: f64,
    days: bool,
) {
    svg.tag("g").attr("class", "lt-c-axis").open();
    for v in ticks(top, step) {
        let x = x0 + (x1 - x0) * v / top;
        line(svg, x, y_top, x, y, "lt-c-grid", GRID);
        let label = if days { decimal(v, o.locale) } else { integer(v as u64, o.locale) };
        text(svg, x, y + 14.0, "lt-c-tick", Anchor::Middle, SMALL, MUTED, &label);
    }
    line(svg, x0, y, x1, y, "lt-c-baseline", "#9aa5b1");
    svg.close();
}

/// `n` with thousands separators: `1.234` in Vietnamese, `1,234` in English.
pub(crate) fn integer(n: u64, locale: Locale) -> String {
    let digits = n.to_string();
    let sep = locale.pick(".", ",");
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// `x` with at most one decimal, by integer arithmetic: `12,5` in Vietnamese, `12.5` in English;
/// not finite is `0`.
pub(crate) fn decimal(x: f64, locale: Locale) -> String {
    let tenths = if x.is_finite() { (x * 10.0).round().clamp(-1e15, 1e15) as i64 } else { 0 };
    let t = tenths.unsigned_abs();
    let mut out = if tenths < 0 { "-".to_string() } else { String::new() };
    out.push_str(&integer(t / 10, locale));
    if t % 10 != 0 {
        out.push_str(locale.pick(",", "."));
        out.push((b'0' + (t % 10) as u8) as char);
    }
    out
}

/// `part / whole` as a whole percentage (`40%`); `0%` when `whole` is 0.
pub(crate) fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0%".into();
    }
    format!("{}%", (part as f64 * 100.0 / whole as f64).round() as u64)
}

/// Adds to `notes` the note under a chart that drew only `shown` of `all` rows.
pub(crate) fn more_rows_note(
    o: &ChartOptions,
    notes: &mut Vec<String>,
    shown: usize,
    all: usize,
    what_vi: &str,
    what_en: &str,
) {
    if all > shown {
        notes.push(match o.locale {
            Locale::Vi => format!("Hiển thị {shown}/{all} {what_vi}"),
            Locale::En => format!("Showing {shown} of {all} {what_en}"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_local_way() {
        assert_eq!(integer(1_234_567, Locale::Vi), "1.234.567");
        assert_eq!(integer(999, Locale::En), "999");
        assert_eq!(decimal(1234.56, Locale::Vi), "1.234,6");
        assert_eq!(decimal(2.0, Locale::En), "2");
        assert_eq!(decimal(f64::NAN, Locale::En), "0");
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(1, 0), "0%");
    }

    #[test]
    fn axes_are_nice() {
        assert_eq!(nice_axis(5.0, 5, true), (5.0, 1.0));
        assert_eq!(nice_axis(0.0, 5, true), (1.0, 1.0));
        assert_eq!(nice_axis(93.0, 5, true), (100.0, 20.0));
        let (top, step) = nice_axis(0.37, 4, false);
        assert!((top - 0.4).abs() < 1e-9 && (step - 0.1).abs() < 1e-9, "{top} {step}");
        assert_eq!(ticks(100.0, 20.0).len(), 6);
    }
}
