//! The chart renderers (SPEC §6): structure on hand-built logs with known numbers, escaping of
//! a unit named `<script>alert(1)</script>`, determinism, English labels, empty and one-event
//! data; and every chart of a generated province written to `artifacts/charts/` to look at.

mod common;

use common::{doc, ev, unit, H};
use lienthong::analysis::{Bucket, GroupBy, ReportBy, ReportOptions};
use lienthong::calendar::ContinuousTime;
use lienthong::generator::{GeneratedLog, GeneratorOptions};
use lienthong::locale::Locale;
use lienthong::render::charts::{
    render_bottlenecks_svg, render_deadlines_svg, render_distribution_svg, render_sankey_svg, render_timeline_svg,
    ChartOptions,
};
use lienthong::{Query, Tracker, TrackerOptions};
use std::sync::Arc;

/// The five charts of a tracker, in a fixed order, with `by` for the report and the spread.
fn all_charts(t: &Tracker, by_level: bool, o: &ChartOptions) -> Vec<(&'static str, String)> {
    let q = Query::default();
    let report_by = if by_level { ReportBy::Level } else { ReportBy::Unit };
    let group_by = if by_level { GroupBy::Level } else { GroupBy::Unit };
    let report = t.report(&ReportOptions { by: report_by, ..ReportOptions::default() }, &q).unwrap();
    vec![
        ("sankey", render_sankey_svg(&t.flow(&q).unwrap(), o)),
        ("deadlines", render_deadlines_svg(&report, o)),
        ("bottlenecks", render_bottlenecks_svg(&t.bottlenecks(10, &q).unwrap(), o)),
        ("distribution", render_distribution_svg(&t.processing_spread(group_by, &q).unwrap(), o)),
        ("timeline", render_timeline_svg(&t.timeline(Bucket::Day, &q).unwrap(), o)),
    ]
}

/// The opening tags (`<rect …`) whose class list has `class`.
fn tags_with_class<'a>(svg: &'a str, tag: &str, class: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    svg.match_indices(&open)
        .map(|(i, _)| &svg[i..i + svg[i..].find('>').unwrap()])
        .filter(|t| {
            t.split("class=\"")
                .nth(1)
                .and_then(|c| c.split('"').next())
                .is_some_and(|c| c.split(' ').any(|x| x == class))
        })
        .collect()
}

/// The numeric value of attribute `name` in an opening tag.
fn attr(tag: &str, name: &str) -> f64 {
    let key = format!(" {name}=\"");
    let v = tag.split(&key).nth(1).and_then(|r| r.split('"').next()).unwrap_or_else(|| panic!("{name} in {tag}"));
    v.parse().unwrap_or_else(|_| panic!("{name}={v} in {tag}"))
}

/// No number went wrong anywhere in the picture.
fn assert_finite(name: &str, svg: &str) {
    for bad in ["NaN", "inf", "Infinity"] {
        assert!(!svg.contains(bad), "{name} contains {bad}: {svg}");
    }
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.ends_with("</svg>"), "{name}");
}

/// A province unit `A` with 2 copies finished on time (one early), 1 late, 1 open within its
/// deadline and 1 overdue; as-of is the last event, T + 47 h.
fn deadline_log(name: &str) -> Tracker {
    deadline_log_in(name, Locale::Vi)
}

/// [`deadline_log`] with the tracker's reasons in `locale`.
fn deadline_log_in(name: &str, locale: Locale) -> Tracker {
    let mut t = Tracker::new(TrackerOptions { locale, ..TrackerOptions::default() });
    t.add_units([unit("A", name, "province", None), unit("B", "UBND xã B", "commune", Some("A"))]);
    t.add_documents([
        doc("d1", "công văn", "normal", Some(48)),
        doc("d2", "công văn", "normal", Some(48)),
        doc("d3", "công văn", "normal", Some(24)),
        doc("d4", "công văn", "normal", Some(300)),
        doc("d5", "công văn", "normal", Some(10)),
    ]);
    t.add_events([
        ev("d1", "A", "arrived", 0, None),
        ev("d1", "A", "completed", 2, None),
        ev("d2", "A", "arrived", 0, None),
        ev("d2", "A", "completed", 47, None),
        ev("d3", "A", "arrived", 0, None),
        ev("d3", "A", "completed", 30, None),
        ev("d4", "A", "arrived", 1, None),
        ev("d5", "A", "arrived", 1, None),
    ]);
    t
}

#[test]
fn deadline_bars_are_in_the_ratio_of_the_counts() {
    let t = deadline_log("UBND tỉnh A");
    let report = t.report(&ReportOptions::default(), &Query::default()).unwrap();
    let row = &report.rows[0];
    assert_eq!(
        (row.done_early + row.done_on_time, row.done_late, row.open_within_due + row.open_due_soon, row.open_overdue),
        (2, 1, 1, 1)
    );
    let svg = render_deadlines_svg(&report, &ChartOptions::default());
    assert_finite("deadlines", &svg);
    let widths: Vec<f64> = ["lt-dl-ontime", "lt-dl-late", "lt-dl-open", "lt-dl-overdue"]
        .iter()
        .map(|c| {
            let segs: Vec<f64> = tags_with_class(&svg, "rect", c)
                .iter()
                .filter(|t| t.contains("lt-dl-seg"))
                .map(|t| attr(t, "width"))
                .collect();
            assert_eq!(segs.len(), 1, "{c}: {svg}");
            segs[0]
        })
        .collect();
    for w in &widths[1..] {
        assert!((widths[0] / w - 2.0).abs() < 0.02, "{widths:?}");
        assert!((w - widths[1]).abs() < 0.11, "{widths:?}");
    }
    // Segments follow each other along the bar.
    let xs: Vec<f64> = ["lt-dl-ontime", "lt-dl-late"]
        .iter()
        .map(|c| attr(tags_with_class(&svg, "rect", c).iter().find(|t| t.contains("lt-dl-seg")).unwrap(), "x"))
        .collect();
    assert!((xs[1] - xs[0] - widths[0]).abs() < 0.11);
    // The totals grid: four cells, the Vietnamese labels, counts and shares.
    assert_eq!(svg.matches("class=\"lt-dl-cell ").count(), 4);
    for label in ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang xử lý trong hạn", "Đang xử lý quá hạn"]
    {
        assert!(svg.contains(label), "{label}");
    }
    assert!(svg.contains(">2 (40%)</text>") && svg.contains(">1 (20%)</text>"), "{svg}");
    // One focusable row for the unit, with its id and exact figures.
    assert_eq!(svg.matches("tabindex=\"0\"").count(), 1);
    assert!(svg.contains("data-unit=\"A\"") && svg.contains("role=\"button\""));
    assert!(svg.contains("UBND tỉnh A — Hoàn thành đúng hạn: 2; Hoàn thành quá hạn: 1"), "{svg}");

    // By level: one row, the level's name.
    let by_level =
        t.report(&ReportOptions { by: ReportBy::Level, ..ReportOptions::default() }, &Query::default()).unwrap();
    let svg = render_deadlines_svg(&by_level, &ChartOptions::default());
    assert!(svg.contains("data-level=\"province\"") && svg.contains(">Tỉnh</text>"), "{svg}");
}

#[test]
fn level_sankey_draws_each_level_pair_once() {
    let mut t = Tracker::new(TrackerOptions::default());
    t.add_units(common::units());
    t.add_documents(common::documents());
    t.add_events(common::events());
    let flow = t.flow(&Query::default()).unwrap();
    let svg = render_sankey_svg(&flow, &ChartOptions::default());
    assert_finite("sankey", &svg);
    let bands = tags_with_class(&svg, "path", "lt-sk-band");
    let cells: Vec<u64> = flow.level_matrix.iter().flatten().copied().filter(|&v| v > 0).collect();
    assert_eq!(bands.len(), cells.len(), "{svg}");
    let drawn: u64 = bands.iter().map(|b| attr(b, "data-value") as u64).sum();
    assert_eq!(drawn, flow.handovers);
    for (i, row) in flow.level_matrix.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            let class = match i.cmp(&j) {
                std::cmp::Ordering::Less => "lt-sk-down",
                std::cmp::Ordering::Greater => "lt-sk-up",
                std::cmp::Ordering::Equal => "lt-sk-same",
            };
            let found = bands.iter().filter(|b| b.contains(class)).any(|b| {
                let lv = lienthong::model::Level::ALL;
                b.contains(&format!("data-from=\"{}\"", lv[i].as_str()))
                    && b.contains(&format!("data-to=\"{}\"", lv[j].as_str()))
                    && attr(b, "data-value") as u64 == v
            });
            assert_eq!(found, v > 0, "{i}->{j} = {v}");
        }
    }
    // Down and up both present in the hand log, with their legend.
    assert!(svg.contains("Xuống (chỉ đạo)") && svg.contains("Lên (báo cáo)"), "{svg}");
    // A band's thickness is proportional to its count: the same on the left and right ends.
    let nodes = svg.matches("class=\"lt-c-mark lt-sk-node\"").count();
    assert!(nodes >= 4, "{nodes}");
}

#[test]
fn bottleneck_bars_follow_the_ranking() {
    let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(7), events: 3_000, ..GeneratorOptions::default() });
    let mut t = Tracker::new(TrackerOptions::default());
    log.load_into(&mut t);
    let b = t.bottlenecks(8, &Query::default()).unwrap();
    assert!(!b.units.is_empty());
    let svg = render_bottlenecks_svg(&b, &ChartOptions::default());
    assert_finite("bottlenecks", &svg);
    let bars = tags_with_class(&svg, "rect", "lt-bn-bar");
    assert_eq!(bars.len(), b.units.len());
    let widths: Vec<f64> = bars.iter().map(|t| attr(t, "width")).collect();
    assert!(widths.windows(2).all(|w| w[0] >= w[1]), "{widths:?}");
    for u in &b.units {
        assert!(svg.contains(&format!("data-unit=\"{}\"", lienthong::render::svg::escape(&u.unit))));
        assert!(svg.contains(&lienthong::render::svg::escape(&u.reason)), "{}", u.reason);
    }
    assert!(svg.contains("ngày làm việc"));
}

/// A province unit with visits of 1, 2, 3, 4 and 5 hours and a commune with one of 10 hours,
/// on a clock where every hour is working time.
fn spread_log() -> Tracker {
    let mut t = Tracker::new(TrackerOptions { clock: Arc::new(ContinuousTime), ..TrackerOptions::default() });
    t.add_units([unit("A", "UBND tỉnh A", "province", None), unit("B", "UBND xã B", "commune", Some("A"))]);
    let docs = ["d1", "d2", "d3", "d4", "d5", "d6"];
    t.add_documents(docs.iter().map(|d| doc(d, "công văn", "normal", None)));
    let mut events = Vec::new();
    for (k, d) in docs[..5].iter().enumerate() {
        events.push(ev(d, "A", "arrived", 0, None));
        events.push(ev(d, "A", "completed", k as i64 + 1, None));
    }
    events.push(ev("d6", "B", "arrived", 0, None));
    events.push(ev("d6", "B", "completed", 10, None));
    t.add_events(events);
    t
}

#[test]
fn spread_is_computed_by_hand() {
    let t = spread_log();
    let s = t.processing_spread(GroupBy::Level, &Query::default()).unwrap();
    assert_eq!(s.groups.len(), 2);
    let (a, b) = (&s.groups[0], &s.groups[1]);
    assert_eq!((a.key.as_str(), b.key.as_str()), ("province", "commune"));
    assert_eq!((a.count, a.min_ms, a.max_ms), (5, H, 5 * H));
    let h = H as f64;
    assert_eq!((a.q1_ms, a.median_ms, a.q3_ms, a.mean_ms), (2.0 * h, 3.0 * h, 4.0 * h, 3.0 * h));
    assert!((a.p90_ms - 4.6 * h).abs() < 1.0 && (a.p95_ms - 4.8 * h).abs() < 1.0);
    assert_eq!((b.count, b.min_ms, b.median_ms, b.q1_ms, b.max_ms), (1, 10 * H, 10.0 * h, 10.0 * h, 10 * H));
    // The same values processingTimes summarises.
    let p = t.processing_times(GroupBy::Level, &Query::default()).unwrap();
    let pa = p.groups.iter().find(|g| g.key == "province").unwrap();
    assert_eq!((pa.working.median_ms, pa.working.p90_ms), (a.median_ms, a.p90_ms));
    // By unit: the unit with the larger total first.
    let u = t.processing_spread(GroupBy::Unit, &Query::default()).unwrap();
    assert_eq!(u.groups.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(), ["A", "B"]);
    assert_eq!(u.groups[0].label.as_deref(), Some("UBND tỉnh A"));
}

#[test]
fn box_plot_marks_sit_at_their_values() {
    let t = spread_log();
    let s = t.processing_spread(GroupBy::Level, &Query::default()).unwrap();
    // One working day of one hour: the axis is in hours.
    let o = ChartOptions { working_day_ms: H as f64, ..ChartOptions::default() };
    let svg = render_distribution_svg(&s, &o);
    assert_finite("distribution", &svg);
    let boxes = tags_with_class(&svg, "rect", "lt-ds-box");
    assert_eq!(boxes.len(), 2);
    assert_eq!(svg.matches("class=\"lt-ds-median\"").count(), 2);
    // Province: box from 2 to 4 hours, commune: a box of one value at 10 hours.
    let (x_a, w_a) = (attr(boxes[0], "x"), attr(boxes[0], "width"));
    let x_b = attr(boxes[1], "x");
    let per_hour = w_a / 2.0;
    assert!(((x_b - x_a) / per_hour - 8.0).abs() < 0.05, "{x_a} {w_a} {x_b}");
    assert!(svg.contains("data-level=\"province\"") && svg.contains("data-level=\"commune\""));
    assert!(svg.contains("Tỉnh (n = 5): nhỏ nhất: 1 ngày; Q1: 2 ngày; trung vị: 3 ngày"), "{svg}");
}

#[test]
fn box_plot_counts_fit_the_picture() {
    // A province of a million events: 93 474 copies at one level. Its count ("n=93.474", about
    // 55 px at 11 px) was cut at the picture's edge to "n=93.47".
    let mut s = spread_log().processing_spread(GroupBy::Level, &Query::default()).unwrap();
    s.groups[0].count = 93_474;
    let o = ChartOptions::default();
    let svg = render_distribution_svg(&s, &o);
    let at = svg.find(">n=93.474<").expect("the count is drawn");
    let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
    let width = attr(&svg[..svg.find('>').unwrap()], "width");
    // DejaVu Sans: "n=" and five digits and a dot are under 5 em.
    assert!(attr(tag, "x") + 5.0 * 11.0 <= width, "{tag} in {width} px");
}

#[test]
fn timeline_has_a_slot_per_bucket() {
    let t = deadline_log("UBND tỉnh A");
    let points = t.timeline(Bucket::Day, &Query::default()).unwrap();
    let svg = render_timeline_svg(&points, &ChartOptions::default());
    assert_finite("timeline", &svg);
    assert_eq!(svg.matches("class=\"lt-tl-bucket\"").count(), points.len());
    let arrivals = points.iter().filter(|p| p.arrivals > 0).count();
    let completions = points.iter().filter(|p| p.completions > 0).count();
    assert_eq!(tags_with_class(&svg, "rect", "lt-tl-bar").len(), arrivals + completions);
    let (short, full) = lienthong::render::charts::timeline::bucket_dates(&points[0].label);
    assert_eq!(short, "02/03");
    assert_eq!(full, "02/03/2026");
    assert!(svg.contains(">02/03</text>"), "{svg}");
    assert!(svg.contains("02/03/2026: tiếp nhận 5, hoàn thành 1"), "{svg}");
    assert_eq!(tags_with_class(&svg, "path", "lt-tl-line").len(), 2);
}

#[test]
fn a_unit_named_script_is_escaped_everywhere() {
    let evil = "<script>alert(1)</script>";
    let mut t = Tracker::new(TrackerOptions::default());
    t.add_units([unit(evil, evil, "province", None), unit("B\"><b>", "<b>xã</b>", "commune", Some(evil))]);
    t.add_documents([doc("d1", "công văn", "normal", Some(5)), doc("d2", "<i>", "normal", Some(100))]);
    t.add_events([
        ev("d1", evil, "sent", 0, Some("B\"><b>")),
        ev("d1", "B\"><b>", "arrived", 1, None),
        ev("d1", "B\"><b>", "completed", 30, None),
        ev("d2", "B\"><b>", "sent", 2, Some(evil)),
        ev("d2", evil, "arrived", 3, None),
        ev("d2", evil, "processing", 4, None),
    ]);
    let o = ChartOptions { id_prefix: "\"><script>".into(), ..ChartOptions::default() };
    for by_level in [false, true] {
        for (name, svg) in all_charts(&t, by_level, &o) {
            assert_finite(name, &svg);
            assert!(!svg.contains("<script"), "{name}: {svg}");
            assert!(!svg.contains("<b>") && !svg.contains("<i>"), "{name}: {svg}");
        }
    }
    let report = t.report(&ReportOptions::default(), &Query::default()).unwrap();
    let svg = render_deadlines_svg(&report, &o);
    assert!(svg.contains("data-unit=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), "{svg}");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; — "), "{svg}");
}

#[test]
fn charts_are_deterministic() {
    let make = || {
        let log =
            GeneratedLog::generate(&GeneratorOptions { seed: Some(11), events: 2_000, ..GeneratorOptions::default() });
        let mut t = Tracker::new(TrackerOptions::default());
        log.load_into(&mut t);
        t
    };
    let (a, b) = (make(), make());
    let o = ChartOptions::default();
    for by_level in [false, true] {
        let (x, y) = (all_charts(&a, by_level, &o), all_charts(&b, by_level, &o));
        for ((name, x), (_, y)) in x.iter().zip(&y) {
            assert_eq!(x, y, "{name}");
            assert!(!x.contains("Không có dữ liệu"), "{name} is empty");
        }
    }
}

#[test]
fn english_labels_on_request() {
    let t = deadline_log_in("Province office", Locale::En);
    let o = ChartOptions { locale: Locale::En, ..ChartOptions::default() };
    let charts = all_charts(&t, true, &o);
    let text: String = charts.iter().map(|c| c.1.as_str()).collect();
    for label in ["Finished on time", "Finished late", "Unfinished, within deadline", "Unfinished, overdue", "Province"]
    {
        assert!(text.contains(label), "{label}");
    }
    for vi in ["Hoàn thành", "Đang xử lý", "Tỉnh", "ngày", "Không có dữ liệu"] {
        assert!(!text.contains(vi), "{vi}: {text}");
    }
    let vi = all_charts(&t, true, &ChartOptions::default());
    assert!(vi[1].1.contains("Hoàn thành đúng hạn"));
}

#[test]
fn empty_and_single_event_data_draw_sensibly() {
    let empty = Tracker::new(TrackerOptions::default());
    for (locale, none) in [(Locale::Vi, "Không có dữ liệu"), (Locale::En, "No data")] {
        let o = ChartOptions { locale, ..ChartOptions::default() };
        for by_level in [false, true] {
            for (name, svg) in all_charts(&empty, by_level, &o) {
                assert_finite(name, &svg);
                assert!(svg.contains(none), "{name}: {svg}");
                assert!(svg.contains("<title id=\"lt-chart-title\">"), "{name}: {svg}");
            }
        }
    }
    let mut one = Tracker::new(TrackerOptions::default());
    one.add_units([unit("A", "UBND tỉnh A", "province", None)]);
    one.add_events([ev("d1", "A", "arrived", 0, None)]);
    for by_level in [false, true] {
        for (name, svg) in all_charts(&one, by_level, &ChartOptions::default()) {
            assert_finite(name, &svg);
        }
    }
    // Odd sizes and a zero working day keep every number finite.
    let t = deadline_log("A");
    for (width, height) in [(0.0, Some(0.0)), (f64::NAN, Some(f64::INFINITY)), (5_000.0, Some(90.0))] {
        let o = ChartOptions { width, height, working_day_ms: 0.0, ..ChartOptions::default() };
        for (name, svg) in all_charts(&t, false, &o) {
            assert_finite(name, &svg);
        }
    }
}

#[test]
fn long_unit_names_are_cut_with_the_full_name_in_the_tooltip() {
    let long = "Ủy ban nhân dân xã Thanh Liêm thuộc huyện Thanh Liêm tỉnh Hà Nam cũ trước sáp nhập";
    let t = deadline_log(long);
    let report = t.report(&ReportOptions::default(), &Query::default()).unwrap();
    let svg = render_deadlines_svg(&report, &ChartOptions { width: 480.0, ..ChartOptions::default() });
    assert!(svg.contains(&format!("<title class=\"lt-c-tip\">{long} — ")), "{svg}");
    assert!(svg.contains("…</text>"), "{svg}");
}

/// Every chart of a generated province, by unit and by level, in `artifacts/charts/` (to look
/// at: `chromium --headless --screenshot=… file.svg`).
#[test]
fn generated_province_charts_are_written_to_artifacts() {
    let log =
        GeneratedLog::generate(&GeneratorOptions { seed: Some(2026), events: 20_000, ..GeneratorOptions::default() });
    let mut t = Tracker::new(TrackerOptions::default());
    log.load_into(&mut t);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts/charts");
    std::fs::create_dir_all(&dir).unwrap();
    for (locale, tag) in [(Locale::Vi, "vi"), (Locale::En, "en")] {
        let o = ChartOptions { locale, ..ChartOptions::default() };
        for by_level in [false, true] {
            for (name, svg) in all_charts(&t, by_level, &o) {
                assert_finite(name, &svg);
                let by = if by_level { "level" } else { "unit" };
                std::fs::write(dir.join(format!("{name}-{by}-{tag}.svg")), svg).unwrap();
            }
        }
        let weekly = render_timeline_svg(&t.timeline(Bucket::Week, &Query::default()).unwrap(), &o);
        std::fs::write(dir.join(format!("timeline-week-{tag}.svg")), weekly).unwrap();
        // A phone-wide column.
        let narrow = ChartOptions { width: 360.0, max_rows: 8, ..o.clone() };
        for (name, svg) in all_charts(&t, false, &narrow) {
            assert_finite(name, &svg);
            std::fs::write(dir.join(format!("{name}-narrow-{tag}.svg")), svg).unwrap();
        }
    }
}

/// The distribution's spread reads only the whole durations (no waiting/handling parts, no
/// calendar values under a working calendar): each group's figures must still be the working
/// figures of `processing_times` for the same group, under the Vietnamese calendar and under
/// calendar time, for every grouping.
#[test]
fn spread_agrees_with_processing_times() {
    let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(11), events: 6_000, ..Default::default() });
    for calendar_time in [false, true] {
        let mut options = TrackerOptions::default();
        if calendar_time {
            options.clock = Arc::new(ContinuousTime);
        }
        let mut t = Tracker::new(options);
        t.add_units(log.unit_records());
        t.add_documents(log.document_records());
        t.add_events(log.event_records());
        let q = Query::default();
        for by in [
            GroupBy::Unit,
            GroupBy::Level,
            GroupBy::Edge,
            GroupBy::Document,
            GroupBy::Type,
            GroupBy::Urgency,
            GroupBy::Copy,
        ] {
            let spread = t.processing_spread(by, &q).unwrap();
            let times = t.processing_times(by, &q).unwrap();
            assert!(spread.groups.len() > 1, "{by:?}: {} groups", spread.groups.len());
            assert_eq!(spread.groups.len(), times.groups.len(), "{by:?}");
            for s in &spread.groups {
                let g = times
                    .groups
                    .iter()
                    .find(|g| g.key == s.key)
                    .unwrap_or_else(|| panic!("{by:?}: no group {}", s.key));
                let w = &g.working;
                let got = (s.count, s.min_ms, s.max_ms, s.median_ms, s.p90_ms, s.p95_ms, s.mean_ms);
                let want = (w.count, w.min_ms, w.max_ms, w.median_ms, w.p90_ms, w.p95_ms, w.mean_ms);
                assert_eq!(got, want, "{by:?} group {} (calendar time: {calendar_time})", s.key);
                assert!(s.q1_ms <= s.median_ms && s.median_ms <= s.q3_ms, "{by:?} group {}", s.key);
            }
        }
    }
}
