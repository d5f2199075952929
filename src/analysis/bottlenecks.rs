//! Bottlenecks (SPEC §3): units ranked by how much they hold documents up, and slow handover
//! edges, each with its figures and a one-line reason in the tracker's locale.
//!
//! A unit's score is its **excess hold time** in working time: its total working sojourn minus
//! what its visits would have taken at the mean working pace of all units of the same level
//! (`total − visits × peer mean`, at least 0). A unit that holds documents longer than its
//! peers, often, ranks high; a busy unit that is merely as fast as its peers does not; nights,
//! weekends and Tết hold nothing up. An edge's score is the sum of the working transit time in
//! excess of the median working transit of all handovers: electronic transfer is near-instant,
//! so the delays themselves are the signal. Calendar figures are given beside the working ones.

use super::copies::{for_each_document, handover_selected, selected, CopyState};
use super::stats::{for_each_group, mean_and_median, pair_key, split_pair, Stats};
use crate::locale::Locale;
use crate::model::{Level, DAY_MS, HOUR_MS, MINUTE_MS};
use crate::query::Scope;
use crate::store::{Id, UnitIx};
use serde::Serialize;

/// A unit that holds documents up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitBottleneck {
    /// 1-based rank.
    pub rank: usize,
    /// Unit id.
    pub unit: String,
    /// Unit name.
    pub name: Option<String>,
    /// Level.
    pub level: Option<Level>,
    /// Excess hold time in working time, ms (the ranking key).
    pub score_ms: i64,
    /// Excess hold time in calendar time, ms.
    pub score_calendar_ms: i64,
    /// Visits in the window.
    pub visits: u64,
    /// Total sojourn, ms (open visits up to as-of).
    pub total_sojourn_ms: i64,
    /// Median sojourn.
    pub median_sojourn_ms: f64,
    /// Mean sojourn.
    pub mean_sojourn_ms: f64,
    /// Median sojourn of all visits at units of the same level (all units when the level is unknown).
    pub peer_median_ms: f64,
    /// Mean sojourn of those visits.
    pub peer_mean_ms: f64,
    /// Total sojourn in working time, ms.
    pub total_sojourn_working_ms: i64,
    /// Median sojourn in working time.
    pub median_sojourn_working_ms: f64,
    /// Mean sojourn in working time.
    pub mean_sojourn_working_ms: f64,
    /// Median working sojourn of the peers' visits.
    pub peer_median_working_ms: f64,
    /// Mean working sojourn of the peers' visits.
    pub peer_mean_working_ms: f64,
    /// Open documents held now (WIP).
    pub wip: u64,
    /// Copies that arrived at the unit in the window.
    pub arrivals: u64,
    /// Copies active in the window that the unit finished (closed or handed on).
    pub departures: u64,
    /// Growth of the unit's backlog over the window: WIP at its end − WIP at its start.
    pub backlog_growth: i64,
    /// Overdue documents held now.
    pub overdue_held: u64,
    /// Share of all overdue documents (in scope) held here, 0..1.
    pub overdue_share: f64,
    /// Departures per day over the window.
    pub throughput_per_day: f64,
    /// Little's law: throughput × mean sojourn of finished visits, the WIP a steady unit would hold.
    pub little_wip: f64,
    /// `wip / littleWip` (1 ≈ steady; above 1, work accumulates). 0 when `littleWip` is 0.
    pub little_ratio: f64,
    /// One line saying why, in the tracker's locale.
    pub reason: String,
}

/// A slow handover edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EdgeBottleneck {
    /// 1-based rank.
    pub rank: usize,
    /// Sending unit id.
    pub from: String,
    /// Receiving unit id.
    pub to: String,
    /// Sending unit name.
    pub from_name: Option<String>,
    /// Receiving unit name.
    pub to_name: Option<String>,
    /// Excess transit time in working time, ms (the ranking key).
    pub score_ms: i64,
    /// Handovers.
    pub count: u64,
    /// Transit statistics, calendar time.
    pub transit: Stats,
    /// Transit statistics, working time.
    pub transit_working: Stats,
    /// Median transit of all handovers, calendar time.
    pub overall_median_ms: f64,
    /// Median transit of all handovers, working time.
    pub overall_median_working_ms: f64,
    /// Handovers slower than ten times the overall working median (and at least a working hour).
    pub delayed: u64,
    /// One line saying why, in the tracker's locale.
    pub reason: String,
}

/// Ranked units and edges.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bottlenecks {
    /// Units, worst first (at most `top`; units with a zero score are left out).
    pub units: Vec<UnitBottleneck>,
    /// Edges, worst first (at most `top`; edges with a zero score are left out).
    pub edges: Vec<EdgeBottleneck>,
    /// Overdue documents in scope (the denominator of `overdueShare`).
    pub overdue_total: u64,
    /// Length of the window in days (first event or `from`, to as-of).
    pub window_days: f64,
}

#[derive(Default, Clone, Copy)]
struct UnitCounters {
    arrivals: u64,
    departures: u64,
    wip_at_start: u64,
    finished_sum: i64,
    wip: u64,
    overdue: u64,
}

/// Ranks bottleneck units and slow edges of the scope.
pub fn bottlenecks(scope: &Scope<'_>, top: usize, locale: Locale) -> Bottlenecks {
    let store = scope.store;
    let units = &store.units;
    let as_of = scope.as_of;
    let mut counters = vec![UnitCounters::default(); units.len()];
    let clock = scope.clock;
    let calendar_time = clock.is_calendar_time();
    let mut sojourns: Vec<(u64, i64)> = Vec::new();
    let mut sojourns_w: Vec<(u64, i64)> = Vec::new();
    let mut transits: Vec<(u64, i64)> = Vec::new();
    let mut transits_w: Vec<(u64, i64)> = Vec::new();
    let mut overdue_total = 0u64;
    let mut first_at = i64::MAX;
    for_each_document(scope, false, &mut |_, _, copies, state, _| {
        if !copies.iter().any(|c| selected(scope, c)) {
            return;
        }
        first_at = first_at.min(state.first_at);
        for c in copies {
            if handover_selected(scope, c) {
                if let (Some(t), Some(arrived)) = (c.transit_ms(), c.arrived_at) {
                    let key = pair_key(c.from_unit, c.unit, units.len());
                    transits.push((key, t));
                    let w = if calendar_time { t } else { clock.working_ms_between(c.handover_at, arrived) };
                    transits_w.push((key, w));
                }
            }
            if !selected(scope, c) {
                continue;
            }
            let overdue = c.received() && c.is_open() && c.judged_due().is_some_and(|due| as_of > due);
            overdue_total += overdue as u64;
            let Some(soj) = c.sojourn_ms(as_of) else { continue };
            let cu = &mut counters[c.unit.index()];
            let arrived = c.arrived_at.unwrap_or(c.opened_at);
            cu.arrivals += scope.in_window(arrived) as u64;
            if c.state == CopyState::Held {
                cu.wip += 1;
                cu.overdue += overdue as u64;
            } else {
                cu.departures += 1;
                cu.finished_sum += soj;
            }
            // Held at the window's start: arrived before it and not finished before it.
            cu.wip_at_start += (scope.has_from()
                && arrived < scope.from
                && (c.state == CopyState::Held || c.last_at >= scope.from)) as u64;
            sojourns.push((c.unit.raw() as u64, soj));
            let soj_w = match c.first_at {
                Some(first) if !calendar_time => clock.working_ms_between(first, c.end(as_of)),
                _ => soj,
            };
            sojourns_w.push((c.unit.raw() as u64, soj_w));
        }
    });
    let window_start = if scope.from != i64::MIN { scope.from } else { first_at };
    let window_days = if window_start == i64::MAX {
        0.0
    } else {
        ((as_of - window_start).max(0) as f64 / DAY_MS as f64).max(1.0 / 24.0)
    };

    // Peers: all visits at units of the same level; all visits for units without a level.
    // (mean, median) per level; only those two figures are used, so no full sort.
    let peers_of = |sojourns: &[(u64, i64)]| -> Vec<(f64, f64)> {
        let mut by_level: [Vec<i64>; 5] = Default::default();
        for &(u, s) in sojourns {
            let l = units.level[u as usize].map_or(4, Level::index);
            by_level[l].push(s);
            if l != 4 {
                by_level[4].push(s);
            }
        }
        by_level.iter_mut().map(|v| mean_and_median(v)).collect()
    };
    let peer = peers_of(&sojourns);
    let peer_w = peers_of(&sojourns_w);
    let excess = |stats: &Stats, (peer_mean, _): (f64, f64)| {
        (stats.sum_ms as f64 - stats.count as f64 * peer_mean).max(0.0).round() as i64
    };
    let mut working: Vec<Option<Stats>> = vec![None; units.len()];
    for_each_group(&sojourns_w, |u, values| working[u as usize] = Some(Stats::of_sorted(values)));
    drop(sojourns_w);

    let mut unit_out = Vec::new();
    for_each_group(&sojourns, |u, values| {
        let level = units.level[u as usize];
        let li = level.map_or(4, Level::index);
        let (peers, peers_w) = (peer[li], peer_w[li]);
        let stats = Stats::of_sorted(values);
        let stats_w = working[u as usize].unwrap_or_default();
        let c = counters[u as usize];
        let throughput = c.departures as f64 / window_days;
        let mean_finished = if c.departures > 0 { c.finished_sum as f64 / c.departures as f64 } else { 0.0 };
        let little_wip = throughput * mean_finished / DAY_MS as f64;
        unit_out.push(UnitBottleneck {
            rank: 0,
            unit: units.id(UnitIx::from_index(u as usize)).to_string(),
            name: store.texts.resolve_opt(units.name[u as usize]).map(str::to_string),
            level,
            score_ms: excess(&stats_w, peers_w),
            score_calendar_ms: excess(&stats, peers),
            visits: stats.count,
            total_sojourn_ms: stats.sum_ms,
            median_sojourn_ms: stats.median_ms,
            mean_sojourn_ms: stats.mean_ms,
            peer_median_ms: peers.1,
            peer_mean_ms: peers.0,
            total_sojourn_working_ms: stats_w.sum_ms,
            median_sojourn_working_ms: stats_w.median_ms,
            mean_sojourn_working_ms: stats_w.mean_ms,
            peer_median_working_ms: peers_w.1,
            peer_mean_working_ms: peers_w.0,
            wip: c.wip,
            arrivals: c.arrivals,
            departures: c.departures,
            backlog_growth: c.wip as i64 - c.wip_at_start as i64,
            overdue_held: c.overdue,
            overdue_share: if overdue_total > 0 { c.overdue as f64 / overdue_total as f64 } else { 0.0 },
            throughput_per_day: throughput,
            little_wip,
            little_ratio: if little_wip > 0.0 { c.wip as f64 / little_wip } else { 0.0 },
            reason: String::new(),
        });
    });
    unit_out.retain(|u| u.score_ms > 0 || u.overdue_held > 0);
    super::order::sort_by(&mut unit_out, |a, b| {
        b.score_ms.cmp(&a.score_ms).then_with(|| b.overdue_held.cmp(&a.overdue_held)).then_with(|| a.unit.cmp(&b.unit))
    });
    unit_out.truncate(top);
    let words = Words { day_ms: clock.working_day_ms(), working: !calendar_time, locale };
    for (i, u) in unit_out.iter_mut().enumerate() {
        u.rank = i + 1;
        u.reason = unit_reason(u, &words, locale);
    }

    let median_of = |transits: &[(u64, i64)]| {
        let mut all: Vec<i64> = transits.iter().map(|p| p.1).collect();
        mean_and_median(&mut all).1
    };
    let overall_median = median_of(&transits);
    let overall_median_w = median_of(&transits_w);
    let delay_limit = (overall_median_w * 10.0).max(HOUR_MS as f64);
    // Working transits by edge, in the same (sorted) key order as `transits`.
    let mut working_edges: Vec<(u64, Stats, i64, u64)> = Vec::new();
    for_each_group(&transits_w, |key, values| {
        let score: i64 = values.iter().map(|&t| (t as f64 - overall_median_w).max(0.0) as i64).sum();
        let delayed = values.iter().filter(|&&t| t as f64 > delay_limit).count() as u64;
        working_edges.push((key, Stats::of_sorted(values), score, delayed));
    });
    drop(transits_w);
    let mut next_w = working_edges.into_iter();
    let mut edge_out = Vec::new();
    for_each_group(&transits, |key, values| {
        let (a, b): (UnitIx, UnitIx) = split_pair(key, units.len());
        let (key_w, transit_working, score, delayed) = next_w.next().unwrap_or_default();
        debug_assert_eq!(key_w, key);
        let name = |u: UnitIx| store.texts.resolve_opt(units.name[u.index()]).map(str::to_string);
        edge_out.push(EdgeBottleneck {
            rank: 0,
            from: units.id(a).to_string(),
            to: units.id(b).to_string(),
            from_name: name(a),
            to_name: name(b),
            score_ms: score,
            count: values.len() as u64,
            transit: Stats::of_sorted(values),
            transit_working,
            overall_median_ms: overall_median,
            overall_median_working_ms: overall_median_w,
            delayed,
            reason: String::new(),
        });
    });
    edge_out.retain(|e| e.score_ms > 0);
    super::order::sort_by(&mut edge_out, |a, b| {
        b.score_ms.cmp(&a.score_ms).then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
    });
    edge_out.truncate(top);
    for (i, e) in edge_out.iter_mut().enumerate() {
        e.rank = i + 1;
        e.reason = edge_reason(e, delay_limit, &words, locale);
    }
    Bottlenecks { units: unit_out, edges: edge_out, overdue_total, window_days }
}

/// How reason lines speak of durations: in working days and hours under a working calendar.
struct Words {
    day_ms: i64,
    working: bool,
    locale: Locale,
}

impl Words {
    fn say(&self, ms: f64) -> String {
        if self.working {
            human_working_duration(ms, self.day_ms, self.locale)
        } else {
            human_duration(ms, self.locale)
        }
    }
}

/// A working duration for a reason line: `2,0 ngày làm việc` / `2.0 working days` (days of
/// `day_ms` working time), hours or minutes when shorter.
pub fn human_working_duration(ms: f64, day_ms: i64, locale: Locale) -> String {
    let (value, vi, en) = if ms >= day_ms as f64 {
        (ms / day_ms as f64, "ngày làm việc", "working days")
    } else if ms >= HOUR_MS as f64 {
        (ms / HOUR_MS as f64, "giờ làm việc", "working h")
    } else {
        (ms / MINUTE_MS as f64, "phút làm việc", "working min")
    };
    let text = format!("{value:.1}");
    match locale {
        Locale::Vi => format!("{} {vi}", text.replace('.', ",")),
        Locale::En => format!("{text} {en}"),
    }
}

/// A duration for a reason line: `3,5 ngày` / `3.5 days`, hours or minutes when shorter.
pub fn human_duration(ms: f64, locale: Locale) -> String {
    let (value, vi, en) = if ms >= DAY_MS as f64 {
        (ms / DAY_MS as f64, "ngày", "days")
    } else if ms >= HOUR_MS as f64 {
        (ms / HOUR_MS as f64, "giờ", "h")
    } else {
        (ms / MINUTE_MS as f64, "phút", "min")
    };
    let text = format!("{value:.1}");
    match locale {
        Locale::Vi => format!("{} {vi}", text.replace('.', ",")),
        Locale::En => format!("{text} {en}"),
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn unit_reason(u: &UnitBottleneck, words: &Words, locale: Locale) -> String {
    let h = |ms| words.say(ms);
    let times = ratio(u.median_sojourn_working_ms, u.peer_median_working_ms);
    let peers_vi = u.level.map_or("toàn bộ đơn vị".to_string(), |l| format!("cấp {}", l.name_vi()));
    let peers_en = u.level.map_or("all units".to_string(), |l| format!("{l} level"));
    let mut parts: Vec<String> = Vec::new();
    if times >= 1.5 {
        parts.push(match locale {
            Locale::Vi => format!(
                "Giữ văn bản lâu: trung vị {}, gấp {} lần mức chung của {} ({})",
                h(u.median_sojourn_working_ms),
                format!("{times:.1}").replace('.', ","),
                peers_vi,
                h(u.peer_median_working_ms)
            ),
            Locale::En => format!(
                "Holds documents long: median {}, {:.1}× the {} median ({})",
                h(u.median_sojourn_working_ms),
                times,
                peers_en,
                h(u.peer_median_working_ms)
            ),
        });
    } else {
        parts.push(match locale {
            Locale::Vi => format!(
                "Giữ văn bản lâu hơn mức chung {} trên {} lượt (trung bình {}/lượt so với {})",
                h(u.score_ms as f64),
                u.visits,
                h(u.mean_sojourn_working_ms),
                h(u.peer_mean_working_ms)
            ),
            Locale::En => format!(
                "{} of holding beyond the peer pace over {} visits (mean {} per visit against {})",
                h(u.score_ms as f64),
                u.visits,
                h(u.mean_sojourn_working_ms),
                h(u.peer_mean_working_ms)
            ),
        });
    }
    if u.overdue_held > 0 {
        parts.push(match locale {
            Locale::Vi => format!("đang giữ {} văn bản quá hạn ({} tổng số)", u.overdue_held, percent(u.overdue_share)),
            Locale::En => format!("holds {} overdue documents ({} of all)", u.overdue_held, percent(u.overdue_share)),
        });
    }
    if u.backlog_growth > 0 && u.backlog_growth as f64 >= 0.1 * u.arrivals as f64 {
        parts.push(match locale {
            Locale::Vi => format!("tồn đọng tăng {} (đến {}, đi {})", u.backlog_growth, u.arrivals, u.departures),
            Locale::En => format!("backlog grew by {} ({} in, {} out)", u.backlog_growth, u.arrivals, u.departures),
        });
    }
    parts.join("; ")
}

fn edge_reason(e: &EdgeBottleneck, delay_limit: f64, words: &Words, locale: Locale) -> String {
    let h = |ms| words.say(ms);
    let share = ratio(e.delayed as f64, e.count as f64);
    match locale {
        Locale::Vi => format!(
            "Chuyển chậm: {} lượt chậm quá {} ({}), p90 {}, trung vị chung {}",
            e.delayed,
            h(delay_limit),
            percent(share),
            h(e.transit_working.p90_ms),
            h(e.overall_median_working_ms)
        ),
        Locale::En => format!(
            "Slow transfer: {} handovers slower than {} ({}), p90 {}, overall median {}",
            e.delayed,
            h(delay_limit),
            percent(share),
            h(e.transit_working.p90_ms),
            h(e.overall_median_working_ms)
        ),
    }
}
