//! Timeline (SPEC §3): per day, week (Monday first) or month in the tracker's time zone —
//! copies received, finished, open at the end of the bucket (backlog) and overdue then, at the
//! units in scope. A window keeps state: what was open at `from` starts the backlog.

use super::copies::{for_each_document, CopyState};
use crate::model::time::{civil_from_days, days_from_civil};
use crate::model::{Instant, TimeZone, DAY_MS};
use crate::query::Scope;
use serde::Serialize;

/// Bucket size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// Calendar day.
    Day,
    /// ISO week, Monday to Sunday.
    Week,
    /// Calendar month.
    Month,
}

impl Bucket {
    /// Parses `day`, `week` or `month`.
    pub fn parse(text: &str) -> Option<Bucket> {
        Some(match text.trim() {
            "day" => Bucket::Day,
            "week" => Bucket::Week,
            "month" => Bucket::Month,
            _ => return None,
        })
    }

    /// Bucket number of an instant: days, weeks or months since an epoch, in `zone`.
    fn index(self, at: Instant, zone: TimeZone) -> i64 {
        let days = (at + zone.offset_ms()).div_euclid(DAY_MS);
        match self {
            Bucket::Day => days,
            // 1970-01-01 was a Thursday: shift so weeks start on Monday.
            Bucket::Week => (days + 3).div_euclid(7),
            Bucket::Month => {
                let (y, m, _) = civil_from_days(days);
                y as i64 * 12 + m as i64 - 1
            }
        }
    }

    /// First local day (days since epoch) of bucket `ix`.
    fn first_day(self, ix: i64) -> i64 {
        match self {
            Bucket::Day => ix,
            Bucket::Week => ix * 7 - 3,
            Bucket::Month => days_from_civil(ix.div_euclid(12) as i32, (ix.rem_euclid(12) + 1) as u32, 1),
        }
    }
}

/// Most buckets a timeline holds (about 55 years of days).
pub const MAX_BUCKETS: i64 = 20_000;

/// One bucket of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelinePoint {
    /// Start of the bucket, epoch ms.
    pub start: Instant,
    /// `2026-02-16` (day, or the Monday of a week) or `2026-02` (month).
    pub label: String,
    /// Copies received (opened at their unit) in the bucket.
    pub arrivals: u64,
    /// Copies finished (closed or handed on) in the bucket.
    pub completions: u64,
    /// Copies open at the end of the bucket (at as-of for the last one).
    pub backlog: u64,
    /// Of those, copies past their due time then.
    pub overdue: u64,
}

/// One copy in buckets: (opened, closed, end of its backlog span, overdue from).
type Span = (i64, Option<i64>, Option<i64>, Option<i64>);

/// Computes the timeline of the scope. Buckets run from the window's start (or the first copy
/// received) to as-of, with no gaps, at most [`MAX_BUCKETS`] of them; copies received before
/// the first bucket are carried into its backlog.
pub fn timeline(scope: &Scope<'_>, bucket: Bucket, zone: TimeZone) -> Vec<TimelinePoint> {
    let mut items: Vec<Span> = Vec::new();
    // (start bucket, close bucket) of the overdue span of a chain, whose deadline belongs to the
    // document as a whole: it is overdue from its due time, whichever unit held it then.
    let mut chain_overdue: Vec<(i64, Option<i64>, i64)> = Vec::new();
    let as_of = scope.as_of;
    let mut first = i64::MAX;
    for_each_document(scope, false, &mut |_, _, copies, state, _| {
        for (k, c) in copies.iter().enumerate() {
            if !scope.unit_in_scope(c.unit) || !c.received() || c.closed_at().is_some_and(|t| t < scope.from) {
                continue;
            }
            let s = bucket.index(c.opened_at, zone);
            first = first.min(s);
            let close = c.closed_at().map(|t| bucket.index(t, zone));
            // A chain's document stays in the backlog while it moves between two visits.
            let held_until = match copies.get(k + 1) {
                Some(next) if state.chain && c.state == CopyState::HandedOn => Some(bucket.index(next.opened_at, zone)),
                _ => close,
            };
            // Overdue counts only from the bucket whose end passes the due time, and never when
            // the due time is not yet past at as-of.
            let due = c.judged_due().filter(|&due| due < as_of).map(|due| bucket.index(due, zone));
            match due {
                Some(due) if state.chain => {
                    chain_overdue.push((bucket.index(state.first_at, zone), close, due));
                    items.push((s, close, held_until, None));
                }
                _ => items.push((s, close, held_until, due)),
            }
        }
    });
    if items.is_empty() {
        return Vec::new();
    }
    if scope.has_from() {
        first = bucket.index(scope.from, zone);
    }
    let last = bucket.index(as_of, zone).max(first);
    // A stray date centuries away must not allocate millions of buckets: keep the latest ones.
    let first = first.max(last - MAX_BUCKETS + 1);
    let n = (last - first + 1) as usize;
    let mut arrivals = vec![0u64; n];
    let mut completions = vec![0u64; n];
    let mut backlog_delta = vec![0i64; n + 1];
    let mut overdue_delta = vec![0i64; n + 1];
    let clamp = |b: i64| (b - first).clamp(0, n as i64) as usize;
    for &(s, close, held_until, due) in &items {
        let si = clamp(s);
        if s >= first {
            arrivals[si.min(n - 1)] += 1;
        }
        let ci = close.map_or(n, clamp);
        if let Some(c) = close.filter(|&c| c >= first) {
            completions[clamp(c).min(n - 1)] += 1;
        }
        let hi = held_until.map_or(n, clamp);
        if hi > si {
            backlog_delta[si] += 1;
            backlog_delta[hi] -= 1;
        }
        if let Some(due) = due {
            let oi = si.max(clamp(due));
            if ci > oi {
                overdue_delta[oi] += 1;
                overdue_delta[ci] -= 1;
            }
        }
    }
    for &(s, close, due) in &chain_overdue {
        let (oi, ci) = (clamp(s).max(clamp(due)), close.map_or(n, clamp));
        if ci > oi {
            overdue_delta[oi] += 1;
            overdue_delta[ci] -= 1;
        }
    }
    let mut out = Vec::with_capacity(n);
    let (mut backlog, mut overdue) = (0i64, 0i64);
    for i in 0..n {
        backlog += backlog_delta[i];
        overdue += overdue_delta[i];
        let ix = first + i as i64;
        let day = bucket.first_day(ix);
        let (y, m, d) = civil_from_days(day);
        out.push(TimelinePoint {
            start: day * DAY_MS - zone.offset_ms(),
            label: match bucket {
                Bucket::Month => format!("{y:04}-{m:02}"),
                _ => format!("{y:04}-{m:02}-{d:02}"),
            },
            arrivals: arrivals[i],
            completions: completions[i],
            backlog: backlog as u64,
            overdue: overdue as u64,
        });
    }
    out
}
