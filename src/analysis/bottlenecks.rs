//! Bottlenecks (SPEC §3): units ranked by how much they hold documents up, and slow handover
//! edges, each with its figures and a one-line reason in the tracker's locale.
//!
//! A unit's score is its **excess hold time**: its total sojourn minus what its visits would have
//! taken at the mean pace of all units of the same level (`total − visits × peer mean`, at least
//! 0). A unit that holds documents longer than its peers, often, ranks high; a busy unit that is
//! merely as fast as its peers does not. An edge's score is the sum of the transit time in
//! excess of the median transit of all handovers: electronic transfer is near-instant, so the
//! delays themselves are the signal.

use super::copies::{for_each_document, handover_selected, selected, CopyState};
use super::stats::{for_each_group, pair_key, quantile_sorted, split_pair, Stats};
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
    /// Excess hold time, ms (the ranking key).
    pub score_ms: i64,
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
    /// Excess transit time, ms (the ranking key).
    pub score_ms: i64,
    /// Handovers.
    pub count: u64,
    /// Transit statistics.
    pub transit: Stats,
    /// Median transit of all handovers.
    pub overall_median_ms: f64,
    /// Handovers slower than ten times the overall median (and at least an hour).
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
    let mut sojourns: Vec<(u64, i64)> = Vec::new();
    let mut transits: Vec<(u64, i64)> = Vec::new();
    let mut overdue_total = 0u64;
    let mut first_at = i64::MAX;
    for_each_document(scope, false, &mut |_, _, copies, state, _| {
        if !copies.iter().any(|c| selected(scope, c)) {
            return;
        }
        first_at = first_at.min(state.first_at);
        for c in copies {
            if handover_selected(scope, c) {
                if let Some(t) = c.transit_ms() {
                    transits.push((pair_key(c.from_unit, c.unit, units.len()), t));
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
        }
    });
    let window_start = if scope.from != i64::MIN { scope.from } else { first_at };
    let window_days = if window_start == i64::MAX {
        0.0
    } else {
        ((as_of - window_start).max(0) as f64 / DAY_MS as f64).max(1.0 / 24.0)
    };

    // Peers: all visits at units of the same level; all visits for units without a level.
    let mut by_level: [Vec<i64>; 5] = Default::default();
    for &(u, s) in &sojourns {
        let l = units.level[u as usize].map_or(4, Level::index);
        by_level[l].push(s);
        if l != 4 {
            by_level[4].push(s);
        }
    }
    let peer: Vec<Stats> = by_level.iter_mut().map(|v| Stats::of(v)).collect();
    drop(by_level);

    let mut unit_out = Vec::new();
    for_each_group(&mut sojourns, |u, values| {
        let level = units.level[u as usize];
        let peers = peer[level.map_or(4, Level::index)];
        let stats = Stats::of_sorted(values);
        let score = (stats.sum_ms as f64 - stats.count as f64 * peers.mean_ms).max(0.0).round() as i64;
        let c = counters[u as usize];
        let throughput = c.departures as f64 / window_days;
        let mean_finished = if c.departures > 0 { c.finished_sum as f64 / c.departures as f64 } else { 0.0 };
        let little_wip = throughput * mean_finished / DAY_MS as f64;
        unit_out.push(UnitBottleneck {
            rank: 0,
            unit: units.id(UnitIx::from_index(u as usize)).to_string(),
            name: store.texts.resolve_opt(units.name[u as usize]).map(str::to_string),
            level,
            score_ms: score,
            visits: stats.count,
            total_sojourn_ms: stats.sum_ms,
            median_sojourn_ms: stats.median_ms,
            mean_sojourn_ms: stats.mean_ms,
            peer_median_ms: peers.median_ms,
            peer_mean_ms: peers.mean_ms,
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
    for (i, u) in unit_out.iter_mut().enumerate() {
        u.rank = i + 1;
        u.reason = unit_reason(u, locale);
    }

    let mut all_t: Vec<i64> = transits.iter().map(|p| p.1).collect();
    all_t.sort_unstable();
    let overall_median = quantile_sorted(&all_t, 0.5);
    drop(all_t);
    let delay_limit = (overall_median * 10.0).max(HOUR_MS as f64);
    let mut edge_out = Vec::new();
    for_each_group(&mut transits, |key, values| {
        let (a, b): (UnitIx, UnitIx) = split_pair(key, units.len());
        let score: i64 = values.iter().map(|&t| (t as f64 - overall_median).max(0.0) as i64).sum();
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
            overall_median_ms: overall_median,
            delayed: values.iter().filter(|&&t| t as f64 > delay_limit).count() as u64,
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
        e.reason = edge_reason(e, delay_limit, locale);
    }
    Bottlenecks { units: unit_out, edges: edge_out, overdue_total, window_days }
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

fn unit_reason(u: &UnitBottleneck, locale: Locale) -> String {
    let h = |ms| human_duration(ms, locale);
    let times = ratio(u.median_sojourn_ms, u.peer_median_ms);
    let peers_vi = u.level.map_or("toàn bộ đơn vị".to_string(), |l| format!("cấp {}", l.name_vi()));
    let peers_en = u.level.map_or("all units".to_string(), |l| format!("{l} level"));
    let mut parts: Vec<String> = Vec::new();
    if times >= 1.5 {
        parts.push(match locale {
            Locale::Vi => format!(
                "Giữ văn bản lâu: trung vị {}, gấp {} lần mức chung của {} ({})",
                h(u.median_sojourn_ms),
                format!("{times:.1}").replace('.', ","),
                peers_vi,
                h(u.peer_median_ms)
            ),
            Locale::En => format!(
                "Holds documents long: median {}, {:.1}× the {} median ({})",
                h(u.median_sojourn_ms),
                times,
                peers_en,
                h(u.peer_median_ms)
            ),
        });
    } else {
        parts.push(match locale {
            Locale::Vi => format!(
                "Giữ văn bản lâu hơn mức chung {} trên {} lượt (trung bình {}/lượt so với {})",
                h(u.score_ms as f64),
                u.visits,
                h(u.mean_sojourn_ms),
                h(u.peer_mean_ms)
            ),
            Locale::En => format!(
                "{} of holding beyond the peer pace over {} visits (mean {} per visit against {})",
                h(u.score_ms as f64),
                u.visits,
                h(u.mean_sojourn_ms),
                h(u.peer_mean_ms)
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

fn edge_reason(e: &EdgeBottleneck, delay_limit: f64, locale: Locale) -> String {
    let h = |ms| human_duration(ms, locale);
    let share = ratio(e.delayed as f64, e.count as f64);
    match locale {
        Locale::Vi => format!(
            "Chuyển chậm: {} lượt chậm quá {} ({}), p90 {}, trung vị chung {}",
            e.delayed,
            h(delay_limit),
            percent(share),
            h(e.transit.p90_ms),
            h(e.overall_median_ms)
        ),
        Locale::En => format!(
            "Slow transfer: {} handovers slower than {} ({}), p90 {}, overall median {}",
            e.delayed,
            h(delay_limit),
            percent(share),
            h(e.transit.p90_ms),
            h(e.overall_median_ms)
        ),
    }
}
