//! Every analysis on the hand-built log of `common`, against figures computed by hand.
//! The derivations are in the comments; `T` is 2026-03-02T08:00+07:00 and times are in hours.

mod common;
use common::{tracker, H, T};
use lienthong::analysis::{Bucket, DfgCase, DfgKey, GroupBy, OverdueOptions, OverdueReport, OverdueTotals};
use lienthong::model::{Direction, DurationSpec, Level};
use lienthong::Query;

fn hours(ms: f64) -> f64 {
    ms / H as f64
}

#[test]
fn summary_counts_and_lead_times() {
    let s = tracker().summary(&Query::default()).unwrap();
    assert_eq!((s.units, s.documents, s.events), (6, 5, 32));
    // open: d3 (at S), d4 (in transit); closed: d1, d2, d5; late: d2 (40 > 24); overdue: d3 (40 > 20).
    assert_eq!((s.open, s.closed, s.late, s.overdue, s.in_transit), (2, 3, 1, 1, 1));
    assert_eq!(s.as_of, T + 40 * H);
    // lead times: d1 30, d2 40, d3 40−10 = 30, d4 40−20 = 20, d5 3.
    assert_eq!(s.lead_time.count, 5);
    assert_eq!(s.lead_time.sum_ms, 123 * H);
    assert_eq!(s.lead_time.median_ms, (30 * H) as f64);
    assert_eq!((s.lead_time.min_ms, s.lead_time.max_ms), (3 * H, 40 * H));
    assert!((hours(s.lead_time.mean_ms) - 24.6).abs() < 1e-9);
    // Working time (the Vietnamese calendar: 07:30–11:30, 13:30–17:00; 2–3 March 2026 are
    // working days). W(h), working hours from T (Mon 08:00) to T + h: h on [0, 3.5]; 3.5 on
    // [3.5, 5.5] (lunch); h − 2 on [5.5, 9]; 7 overnight to Tue 07:30 (h 23.5); 7 + (h − 23.5)
    // to h 27.5; 11 at lunch; 11 + (h − 29.5) to h 33; 14.5 after.
    // d1 W(30) − W(0) = 11.5; d2 W(40) = 14.5; d3 W(40) − W(10) = 7.5; d4 W(40) − W(20) = 7.5;
    // d5 W(4) − W(1) = 2.5. Sum 43.5, median 7.5, mean 8.7.
    let w = s.lead_time_working;
    assert_eq!((w.count, w.sum_ms, w.min_ms, w.max_ms), (5, 435 * H / 10, 25 * H / 10, 145 * H / 10));
    assert_eq!(w.median_ms, 7.5 * H as f64);
    assert!((hours(w.mean_ms) - 8.7).abs() < 1e-9);
}

#[test]
fn directly_follows_on_units() {
    let arcs = tracker().directly_follows(DfgKey::Unit, &Query::default()).unwrap();
    let total: u64 = arcs.iter().map(|a| a.count).sum();
    assert_eq!(total, 27, "32 events − 5 documents");
    let arc = |f: &str, t: &str| arcs.iter().find(|a| a.from == f && a.to == t).unwrap_or_else(|| panic!("{f}→{t}"));
    // P→P: d1 1,2,1,1 and d3 0,2 (the tie at 10h gives 0).
    let pp = arc("P", "P");
    assert_eq!((pp.count, pp.sum_ms, pp.min_ms, pp.max_ms), (6, 7 * H, 0, 2 * H));
    assert_eq!(pp.median_ms, H as f64);
    // D→X: d1 10→14 = 4, d2 4→4 = 0. Sample stdev = sqrt(((0−2)² + (4−2)²)/1) = sqrt(8) h.
    let dx = arc("D", "X");
    assert_eq!((dx.count, dx.mean_ms, dx.median_ms, dx.sum_ms), (2, (2 * H) as f64, (2 * H) as f64, 4 * H));
    assert!((hours(dx.stdev_ms) - 8f64.sqrt()).abs() < 1e-9);
    // D→D: d1 2,2; d2 1,34.
    let dd = arc("D", "D");
    assert_eq!((dd.count, dd.sum_ms, dd.median_ms), (4, 39 * H, (2 * H) as f64));
    assert_eq!(hours(dd.mean_ms), 9.75);
    // X→X: d1 16; d2 2,1,1.
    let xx = arc("X", "X");
    assert_eq!((xx.count, xx.sum_ms, xx.median_ms), (4, 20 * H, 1.5 * H as f64));
    // single pair: stdev 0
    let cp = arc("C", "P");
    assert_eq!((cp.count, cp.stdev_ms, cp.mean_ms), (1, 0.0, H as f64));
    assert_eq!(arcs.len(), 10);
    // Sorted by count, descending.
    assert!(arcs.windows(2).all(|w| w[0].count >= w[1].count));
    assert!(arcs.iter().all(|a| a.working.is_none()), "working times only when asked");

    // Working times, when asked (W(h) of the summary test): P→P d1 W(2) − W(1) = 1, W(4) −
    // W(2) = 1.5, W(5) − W(4) = 0 (lunch), W(6) − W(5) = 0.5; d3 0, W(12) − W(10) = 0 (lunch
    // and evening) → [0, 0, 0, 0.5, 1, 1.5]: sum 3, mean 0.5, median 0.25. D→X: d1 10→14 is
    // Mon 18:00 → 22:00, 0; d2 0 → sum 0.
    let t = tracker();
    let arcs = t.directly_follows_with(DfgKey::Unit, DfgCase::Document, true, &Query::default()).unwrap();
    let w = |f: &str, to: &str| arcs.iter().find(|a| a.from == f && a.to == to).unwrap().working.unwrap();
    let pp = w("P", "P");
    assert_eq!((pp.sum_ms, pp.mean_ms, pp.median_ms), (3 * H, 0.5 * H as f64, 0.25 * H as f64));
    assert_eq!(w("D", "X").sum_ms, 0);
    assert_eq!(arcs.iter().find(|a| a.from == "D" && a.to == "X").unwrap().sum_ms, 4 * H);
}

#[test]
fn directly_follows_on_actions_and_levels() {
    let t = tracker();
    let arcs = t.directly_follows(DfgKey::Action, &Query::default()).unwrap();
    let pp = arcs.iter().find(|a| a.from == "processing" && a.to == "processing").unwrap();
    assert_eq!((pp.count, pp.sum_ms), (1, H));
    let sent_arrived = arcs.iter().find(|a| a.from == "sent" && a.to == "arrived").unwrap();
    // d1: 0→1, 6→6, 10→14; d2: 3→3, 4→4, 5→6; d3: 12→13.
    assert_eq!((sent_arrived.count, sent_arrived.sum_ms), (7, 7 * H));
    let levels = t.directly_follows(DfgKey::Level, &Query::default()).unwrap();
    let dc = levels.iter().find(|a| a.from == "district" && a.to == "commune").unwrap();
    assert_eq!(dc.count, 2);
    let pp = levels.iter().find(|a| a.from == "province" && a.to == "province").unwrap();
    // P→P 6, P→S 1, S→S 4.
    assert_eq!(pp.count, 11);
}

#[test]
fn flow_graph_handovers_and_level_matrix() {
    let f = tracker().flow(&Query::default()).unwrap();
    // 7 arrived handovers, and d4's Y → P still in transit: a handover already, no time yet.
    assert_eq!(f.handovers, 8);
    assert_eq!(f.graph.node_count(), 6);
    assert_eq!(f.graph.edge_count(), 6);
    let yp = f.edge("Y", "P").unwrap();
    assert_eq!((yp.count, yp.in_transit, yp.transit.count), (1, 1, 0));
    let dx = f.edge("D", "X").unwrap();
    assert_eq!((dx.count, dx.transit.sum_ms, dx.transit.max_ms), (2, 4 * H, 4 * H));
    assert_eq!(dx.direction, Direction::Down);
    assert_eq!(f.edge("X", "D").unwrap().direction, Direction::Up);
    assert_eq!(f.edge("P", "S").unwrap().direction, Direction::Same);
    assert!(f.edge("X", "X").is_none(), "no self-loops among handovers");
    let m = f.level_matrix;
    let (c, p, d, x) = (0, 1, 2, 3);
    assert_eq!((m[c][p], m[p][d], m[d][x], m[x][d], m[p][p], m[x][p]), (1, 1, 2, 2, 1, 1));
    assert_eq!(m.iter().flatten().sum::<u64>(), 8);
    assert_eq!((f.direction(Direction::Down), f.direction(Direction::Up), f.direction(Direction::Same)), (4, 3, 1));
    let node = |id: &str| &f.graph[f.node(id).unwrap()];
    assert_eq!((node("S").wip, node("S").overdue, node("S").visits), (1, 1, 2));
    assert_eq!((node("P").incoming, node("P").wip), (1, 0));
    assert_eq!((node("D").visits, node("X").visits), (3, 3));
}

#[test]
fn processing_times_by_unit_with_split() {
    let p = tracker().processing_times(GroupBy::Unit, &Query::default()).unwrap();
    let keys: Vec<&str> = p.groups.iter().map(|g| g.key.as_str()).collect();
    // by total sojourn: D 39, S 30, X 20, P 7, Y 2, C 0.
    assert_eq!(keys, ["D", "S", "X", "P", "Y", "C"]);
    let g = |k: &str| p.groups.iter().find(|g| g.key == k).unwrap();
    // S: d5 1→4 = 3; d3 13→as-of 40 = 27 (open). Waiting 1 and 7, handling 2 and 20.
    let s = g("S");
    assert_eq!((s.calendar.count, s.calendar.sum_ms, s.calendar.max_ms), (2, 30 * H, 27 * H));
    let split = s.split.as_deref().unwrap();
    assert_eq!((split.waiting.sum_ms, split.handling.sum_ms), (8 * H, 22 * H));
    // P: d1 1→6 = 5 (assigned at 4: waiting 3, handling 2); d3 10→12 = 2 (no split).
    let pg = g("P");
    assert_eq!((pg.calendar.sum_ms, pg.calendar.median_ms), (7 * H, 3.5 * H as f64));
    let ps = pg.split.as_deref().unwrap();
    assert_eq!((ps.waiting.count, ps.waiting.sum_ms, ps.handling.sum_ms), (1, 3 * H, 2 * H));
    // D: 4, 1, 34 — no assigned/processing, so no split.
    assert_eq!(g("D").calendar.median_ms, (4 * H) as f64);
    assert!(g("D").split.is_none());
    assert_eq!(g("D").level, Some(Level::District));
    assert_eq!(g("D").label.as_deref(), Some("UBND huyện"));
    assert_eq!(p.overall.count, 12);
}

#[test]
fn processing_times_other_groupings() {
    let t = tracker();
    let q = Query::default();
    let by_level = t.processing_times(GroupBy::Level, &q).unwrap();
    let lv = |k: &str| by_level.groups.iter().find(|g| g.key == k).unwrap().calendar;
    assert_eq!((lv("province").sum_ms, lv("province").median_ms), (37 * H, (4 * H) as f64));
    assert_eq!((lv("commune").count, lv("commune").sum_ms), (4, 22 * H));
    assert_eq!(lv("central").sum_ms, 0);
    let by_type = t.processing_times(GroupBy::Type, &q).unwrap();
    let cv = by_type.groups.iter().find(|g| g.key == "công văn").unwrap();
    assert_eq!((cv.calendar.count, cv.calendar.sum_ms), (2, 60 * H));
    let by_urgency = t.processing_times(GroupBy::Urgency, &q).unwrap();
    let normal = by_urgency.groups.iter().find(|g| g.key == "normal").unwrap();
    assert_eq!((normal.calendar.count, normal.calendar.sum_ms), (3, 73 * H));
    let by_doc = t.processing_times(GroupBy::Document, &q).unwrap();
    assert_eq!(by_doc.groups[0].key, "d2");
    assert_eq!(by_doc.groups.len(), 5);
    let by_edge = t.processing_times(GroupBy::Edge, &q).unwrap();
    let dx = by_edge.groups.iter().find(|g| g.key == "D→X").unwrap();
    assert_eq!((dx.calendar.count, dx.calendar.sum_ms), (2, 4 * H));
    assert_eq!(by_edge.overall.count, 7);
}

#[test]
fn bottlenecks_rank_by_excess_hold() {
    let b = tracker().bottlenecks(10, &Query::default()).unwrap();
    // Scores are in working time. W(h), working hours from T to T + h (see the summary test):
    // W(1) = 1, W(2) = 2, W(3) = 3, W(4) = W(5) = 3.5, W(6) = 4, W(10..22) = 7, W(30) = 11.5,
    // W(40) = 14.5. Working sojourns: province P d1 1→6 = 3, P d3 10→12 = 0, S d3 13→40 = 7.5,
    // S d5 1→4 = 2.5 → [0, 2.5, 3, 7.5], mean 3.25, median 2.75; district D d2 3→4 = 0.5, d1
    // 6→10 = 3, d2 6→40 = 10.5 → mean 14/3; commune X d1 14→30 = 4.5, X d2 0→3 = 3, 4→5 = 0,
    // Y d4 20→22 = 0 → [0, 0, 3, 4.5], mean 1.875, median 1.5.
    // Excess = total − visits × peer mean: S 10 − 6.5 = 3.5; X 7.5 − 5.625 = 1.875; P 3 − 6.5,
    // D 14 − 14 = 0, C 0, Y 0 − 1.875: left out (no excess, no overdue).
    let ranked: Vec<(&str, i64)> = b.units.iter().map(|u| (u.unit.as_str(), u.score_ms)).collect();
    assert_eq!(ranked, [("S", 7 * H / 2), ("X", 15 * H / 8)]);
    let s = &b.units[0];
    assert_eq!((s.wip, s.overdue_held, s.arrivals, s.departures, s.backlog_growth), (1, 1, 2, 1, 1));
    // Calendar figures beside them: peer sojourns [2, 3, 5, 27], mean 9.25, median 4; S's
    // calendar excess 30 − 18.5 = 11.5.
    assert_eq!((s.peer_median_ms, s.peer_mean_ms), ((4 * H) as f64, 9.25 * H as f64));
    assert_eq!(s.score_calendar_ms, 11 * H + H / 2);
    assert_eq!((s.peer_median_working_ms, s.peer_mean_working_ms), (2.75 * H as f64, 3.25 * H as f64));
    assert_eq!((s.total_sojourn_working_ms, s.median_sojourn_working_ms), (10 * H, (5 * H) as f64));
    assert_eq!(s.overdue_share, 1.0);
    assert_eq!(b.overdue_total, 1);
    // Little's law: 1 departure (d5, 3 h) over the 40 h window → 0.6 a day × 0.125 day = 0.075.
    assert!((s.throughput_per_day - 0.6).abs() < 1e-12 && (s.little_wip - 0.075).abs() < 1e-12);
    // S: working median of [2.5, 7.5] = 5 h, 1.8 × the province working median of 2.75 h.
    assert_eq!(
        s.reason,
        "Giữ văn bản lâu: trung vị 5,0 giờ làm việc, gấp 1,8 lần mức chung của cấp tỉnh (2,8 giờ làm việc); \
         đang giữ 1 văn bản quá hạn (100% tổng số); tồn đọng tăng 1 (đến 2, đi 1)"
    );
    // X: working median 3 h, twice the commune median of 1.5 h.
    assert_eq!(
        b.units[1].reason,
        "Giữ văn bản lâu: trung vị 3,0 giờ làm việc, gấp 2,0 lần mức chung của cấp xã (1,5 giờ làm việc)"
    );
    // Working transits: C→P 0→1 = 1; P→D 0; D→X Mon 18:00 → 22:00 = 0 (4 h at night: the
    // calendar ranking's only slow edge is not slow in working time); X→D 3→3 = 0, 5→6 = 0.5;
    // D→X 4→4 = 0; P→S 12→13 = 0. Median 0: C→P exceeds it by 1, X→D by 0.5.
    let edges: Vec<(&str, &str, i64)> = b.edges.iter().map(|e| (e.from.as_str(), e.to.as_str(), e.score_ms)).collect();
    assert_eq!(edges, [("C", "P", H), ("X", "D", H / 2)]);
    assert_eq!((b.edges[0].overall_median_working_ms, b.edges[0].overall_median_ms), (0.0, H as f64));
    let dx_calendar = |e: &lienthong::analysis::EdgeBottleneck| (e.count, e.transit.sum_ms, e.transit_working.sum_ms);
    assert_eq!(dx_calendar(&b.edges[1]), (2, H, H / 2));
    let top1 = tracker().bottlenecks(1, &Query::default()).unwrap();
    assert_eq!(top1.units.len(), 1);
}

#[test]
fn bottleneck_reasons_in_english() {
    let mut t = lienthong::Tracker::new(lienthong::TrackerOptions {
        locale: lienthong::locale::Locale::En,
        ..Default::default()
    });
    t.add_units(common::units());
    t.add_documents(common::documents());
    t.add_events(common::events());
    let b = t.bottlenecks(3, &Query::default()).unwrap();
    assert!(b.units[0]
        .reason
        .starts_with("Holds documents long: median 5.0 working h, 1.8× the province level median (2.8 working h)"));
    assert_eq!(
        b.units[1].reason,
        "Holds documents long: median 3.0 working h, 2.0× the commune level median (1.5 working h)"
    );
    assert!(b.edges[0].reason.starts_with("Slow transfer"), "{}", b.edges[0].reason);
}

#[test]
fn bottlenecks_in_calendar_time() {
    // With calendar time (ContinuousTime) the working figures are the calendar ones: S 11.5 h,
    // X 20 − 3 × 5.5 = 3.5 h (peer means 9.25 and 5.5 h), and only D→X is slow (4 − 1 = 3 h).
    let mut t = lienthong::Tracker::new(lienthong::TrackerOptions {
        clock: std::sync::Arc::new(lienthong::calendar::ContinuousTime),
        ..Default::default()
    });
    t.add_units(common::units());
    t.add_documents(common::documents());
    t.add_events(common::events());
    let b = t.bottlenecks(10, &Query::default()).unwrap();
    let ranked: Vec<(&str, i64, i64)> =
        b.units.iter().map(|u| (u.unit.as_str(), u.score_ms, u.score_calendar_ms)).collect();
    assert_eq!(ranked, [("S", 23 * H / 2, 23 * H / 2), ("X", 7 * H / 2, 7 * H / 2)]);
    assert_eq!(
        b.units[1].reason,
        "Giữ văn bản lâu hơn mức chung 3,5 giờ trên 3 lượt (trung bình 6,7 giờ/lượt so với 5,5 giờ)"
    );
    let edges: Vec<(&str, &str, i64)> = b.edges.iter().map(|e| (e.from.as_str(), e.to.as_str(), e.score_ms)).collect();
    assert_eq!(edges, [("D", "X", 3 * H)]);
}

#[test]
fn overdue_late_and_due_soon() {
    let o = tracker().overdue(&OverdueOptions::default(), &Query::default()).unwrap();
    assert_eq!(o.late.len(), 1);
    let late = &o.late[0];
    // d2 closed at 40, due 24: 16 h late; D held it 1 + 34 = 35 h.
    assert_eq!((late.id.as_str(), late.lateness.calendar_ms, late.closed_at), ("d2", 16 * H, Some(T + 40 * H)));
    assert_eq!((late.slowest_unit.as_deref(), late.slowest_unit_ms), (Some("D"), 35 * H));
    assert_eq!(o.overdue.len(), 1);
    let od = &o.overdue[0];
    assert_eq!((od.id.as_str(), od.holder.as_deref(), od.lateness.calendar_ms), ("d3", Some("S"), 20 * H));
    assert_eq!((od.slowest_unit.as_deref(), od.slowest_unit_ms), (Some("S"), 27 * H));
    assert_eq!(o.due_soon.len(), 1);
    let ds = &o.due_soon[0];
    assert_eq!((ds.id.as_str(), ds.holder.as_deref(), ds.in_transit_to.as_deref()), ("d4", None, Some("P")));
    assert_eq!(ds.remaining.calendar_ms, 2 * H);
    // Every received copy carries the document's deadline: on time are d1 at P (6), D (10),
    // X (30); d2 at X (3), D (4), X (5); d3 at P (12); d4 at Y (22) — 8. C's copy of d1 is
    // its outgoing document, not judged. Without a deadline: d5 at S.
    assert_eq!((o.on_time, o.without_due, o.open_in_time), (8, 1, 0));
    assert_eq!((late.unit.as_str(), od.unit.as_str(), ds.unit.as_str()), ("D", "S", "P"));
    let unit = |u: &str| o.by_unit.iter().find(|x| x.unit == u).unwrap();
    assert_eq!((unit("S").overdue, unit("D").late), (1, 1));
    let level = |l: &str| o.by_level.iter().find(|x| x.level == l).unwrap();
    assert_eq!((level("province").overdue, level("district").late, level("commune").overdue), (1, 1, 0));
    // Cut at a limit: the first entries of each list, their full lengths, every count the same.
    let cut =
        |limit| tracker().overdue(&OverdueOptions { limit: Some(limit), ..Default::default() }, &Query::default());
    let none = cut(0).unwrap();
    assert!(none.late.is_empty() && none.overdue.is_empty() && none.due_soon.is_empty());
    assert_eq!(none.totals, Some(OverdueTotals { late: 1, overdue: 1, due_soon: 1 }));
    let o1 = cut(1).unwrap();
    assert_eq!(OverdueReport { totals: None, ..o1 }, o);
    assert_eq!(
        OverdueReport {
            late: o.late.clone(),
            overdue: o.overdue.clone(),
            due_soon: o.due_soon.clone(),
            totals: None,
            ..none
        },
        o
    );
}

#[test]
fn overdue_as_of_and_assume_closed() {
    let t = tracker();
    // As of 25 h: d2's last event is D arrived at 6 → open, 1 h overdue; d3 5 h overdue;
    // d1 (due 48) and d4 (due 42) are due within 2 days.
    let q = Query { as_of: Some(T + 25 * H), ..Default::default() };
    let o = t.overdue(&OverdueOptions::default(), &q).unwrap();
    let ids: Vec<(&str, i64)> = o.overdue.iter().map(|e| (e.id.as_str(), e.lateness.calendar_ms)).collect();
    assert_eq!(ids, [("d3", 5 * H), ("d2", H)]);
    let soon: Vec<&str> = o.due_soon.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(soon, ["d4", "d1"]);
    // Due soon within 1 hour: neither.
    let narrow = OverdueOptions { due_soon_within: DurationSpec { days: 0, ms: H }, ..Default::default() };
    assert!(t.overdue(&narrow, &q).unwrap().due_soon.is_empty());
    // assumeClosed: d3 at S closes at 20 (due 20: on time), d4's copy at P at 22, when it was
    // sent (due 42: on time): 8 + 2 on time.
    let closed = OverdueOptions { assume_closed: true, ..Default::default() };
    let o = t.overdue(&closed, &Query::default()).unwrap();
    assert!(o.overdue.is_empty() && o.due_soon.is_empty());
    assert_eq!((o.late.len(), o.on_time), (1, 10));
}

#[test]
fn timeline_by_day() {
    let t = tracker();
    let days = t.timeline(Bucket::Day, &Query::default()).unwrap();
    let rows: Vec<(&str, u64, u64, u64, u64)> =
        days.iter().map(|p| (p.label.as_str(), p.arrivals, p.completions, p.backlog, p.overdue)).collect();
    // Copies received on day 1 (hours 0–15): d1 at P, D, X; d2 at X, D, X, D; d3 at P, S; d5
    // at S — 10 (C's outgoing copy of d1 is not work received). Finished: d1 P, D; d2 X, D, X;
    // d3 P; d5 S — 7. Open at the end: d1 X, d2 D, d3 S. Day 2: d4 at Y and at P (in transit);
    // finished d4 Y (handed on at 22), d1 X (30); open d2 D (due 24), d3 S (due 20) — both
    // overdue — and d4 P. Day 3: d2 D finishes at 40.
    assert_eq!(rows, [("2026-03-02", 10, 7, 3, 0), ("2026-03-03", 2, 2, 3, 2), ("2026-03-04", 0, 1, 2, 1)]);
    assert_eq!(days[0].start, T - 8 * H);
    let weeks = t.timeline(Bucket::Week, &Query::default()).unwrap();
    assert_eq!(weeks.len(), 1);
    assert_eq!((weeks[0].label.as_str(), weeks[0].arrivals, weeks[0].backlog), ("2026-03-02", 12, 2));
    let months = t.timeline(Bucket::Month, &Query::default()).unwrap();
    assert_eq!((months[0].label.as_str(), months[0].completions), ("2026-03", 10));
}

#[test]
fn query_filters() {
    let t = tracker();
    // District D with its subtree (X): documents d1, d2; events at D or X: 5 + 9.
    let q = Query { units: vec!["D".into()], ..Default::default() };
    let s = t.summary(&q).unwrap();
    assert_eq!((s.units, s.documents, s.events), (2, 2, 14));
    // Arcs with either end in D's subtree: P→D 1, D→D 4, D→X 2, X→X 4, X→D 2.
    let arcs = t.directly_follows(DfgKey::Unit, &q).unwrap();
    assert_eq!(arcs.iter().map(|a| a.count).sum::<u64>(), 13);
    // A commune directly under the province lies in the province's subtree.
    let q = Query { units: vec!["P".into()], levels: vec![Level::Commune], ..Default::default() };
    let p = t.processing_times(GroupBy::Unit, &q).unwrap();
    let keys: Vec<&str> = p.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["X", "Y"]);
    let q = Query { types: vec!["công văn".into()], ..Default::default() };
    assert_eq!(t.summary(&q).unwrap().documents, 2);
    let q = Query { urgency: vec![lienthong::model::Urgency::Flash], ..Default::default() };
    assert_eq!(t.summary(&q).unwrap().documents, 1);
    // Window [10 h, 20 h): events d1 at 10, 14; d3 at 10, 10, 12, 13. As-of defaults to the
    // window end. Documents: d1, d3, and d2, whose copy at D (since 5 h) is still open: a
    // window keeps state.
    let q = Query { from: Some(T + 10 * H), to: Some(T + 20 * H), ..Default::default() };
    let s = t.summary(&q).unwrap();
    assert_eq!((s.documents, s.events, s.as_of), (3, 6, T + 20 * H));
    assert_eq!(
        t.summary(&Query { units: vec!["nowhere".into()], ..Default::default() }),
        Err(lienthong::QueryError::UnknownUnit("nowhere".into()))
    );
    assert_eq!(
        t.summary(&Query { from: Some(T), to: Some(T), ..Default::default() }),
        Err(lienthong::QueryError::EmptyWindow)
    );
}
