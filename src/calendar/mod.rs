//! Working time.
//!
//! Deadlines in Vietnamese administration count working time. The analyses measure every
//! duration both in calendar time and in the working time of a [`WorkingTime`] clock: by
//! default the [`VietnamCalendar`] (office hours on working days, the statutory holidays with
//! the lunar Tết and Giỗ Tổ, the announced schedules); [`ContinuousTime`] counts every
//! millisecond, for logs that should be read in calendar time. [`DueRule`]s derive deadlines
//! in working time.

pub(crate) mod by_key;
mod due;
pub mod lunar;
pub mod office;
pub mod spec;
pub mod vietnam;

pub use due::DueRule;
pub use vietnam::VietnamCalendar;

use crate::model::{DurationSpec, Instant, DAY_MS, HOUR_MS};

/// End of office hours (17:00), as milliseconds after local midnight: a deadline given as a
/// date alone means this moment of that day.
pub const OFFICE_END_MS: i64 = 17 * HOUR_MS;
use serde::Serialize;

/// A clock that says how much working time lies between two instants.
pub trait WorkingTime: Send + Sync {
    /// Working milliseconds in `[a, b)`; negative when `b < a`. Never more than `b - a` in size.
    fn working_ms_between(&self, a: Instant, b: Instant) -> i64;

    /// The instant at which `duration` of working time has passed since `at`.
    fn add_working(&self, at: Instant, duration: DurationSpec) -> Instant;

    /// Whether every millisecond is working time, so working figures equal calendar figures and
    /// the analyses need not compute them twice.
    fn is_calendar_time(&self) -> bool {
        false
    }

    /// Working milliseconds of one full working day (7 h 30 with the default office hours).
    fn working_day_ms(&self) -> i64 {
        DAY_MS
    }

    /// The time of day (ms after local midnight) at which the last office hour ends: what a
    /// deadline given as a date alone means.
    fn office_end_ms(&self) -> i64 {
        OFFICE_END_MS
    }

    /// Whole working days late (trễ N ngày làm việc) for a deadline `due` met at `end`: the
    /// working days whose office hours overlap `(due, end)`. An hour late is one day; a copy
    /// finished after hours, before any office hour passed, is late by none. 0 when
    /// `end <= due`. This default counts started `working_day_ms` spans of working time.
    fn working_days_late(&self, due: Instant, end: Instant) -> i64 {
        let ms = self.working_ms_between(due, end);
        if ms <= 0 {
            0
        } else {
            let day = self.working_day_ms().max(1);
            (ms + day - 1) / day
        }
    }
}

/// Every millisecond is working time: working time equals calendar time.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContinuousTime;

impl WorkingTime for ContinuousTime {
    fn working_ms_between(&self, a: Instant, b: Instant) -> i64 {
        b - a
    }

    fn add_working(&self, at: Instant, duration: DurationSpec) -> Instant {
        at.saturating_add(duration.calendar_ms())
    }

    fn is_calendar_time(&self) -> bool {
        true
    }
}

/// A duration measured twice: in calendar time and in working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Span {
    /// Calendar milliseconds.
    pub calendar_ms: i64,
    /// Working milliseconds (office hours on working days).
    pub working_ms: i64,
}

impl Span {
    /// The span from `a` to `b` under `clock`.
    pub fn between(clock: &dyn WorkingTime, a: Instant, b: Instant) -> Span {
        Span { calendar_ms: b - a, working_ms: clock.working_ms_between(a, b) }
    }
}
