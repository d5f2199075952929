//! Office hours on working days, for placing generated events.
//!
//! Vietnam time (`+07:00`), Monday to Friday, 07:30–11:30 and 13:30–17:00, with the fixed-date
//! public holidays (1/1, 30/4, 1/5, 1/9, 2/9). Tết and Giỗ Tổ Hùng Vương follow the lunar calendar
//! and are not modelled here yet.

use crate::model::time::{civil_from_days, days_from_civil};
use crate::model::{Instant, DAY_MS, HOUR_MS, MINUTE_MS};

const OFFSET_MS: i64 = 7 * HOUR_MS;
/// Office intervals, milliseconds since local midnight.
const INTERVALS: [(i64, i64); 2] =
    [(7 * HOUR_MS + 30 * MINUTE_MS, 11 * HOUR_MS + 30 * MINUTE_MS), (13 * HOUR_MS + 30 * MINUTE_MS, 17 * HOUR_MS)];
/// Working milliseconds in one working day (7.5 h).
pub const WORKDAY_MS: i64 = (INTERVALS[0].1 - INTERVALS[0].0) + (INTERVALS[1].1 - INTERVALS[1].0);
/// End of the working day, milliseconds since local midnight.
pub const CLOSE_MS: i64 = INTERVALS[1].1;

/// Fixed-date public holidays as (month, day).
const HOLIDAYS: [(u32, u32); 5] = [(1, 1), (4, 30), (5, 1), (9, 1), (9, 2)];

/// Whether local day `day` (days since 1970-01-01) is a working day.
pub fn is_working_day(day: i64) -> bool {
    let weekday = (day + 3).rem_euclid(7); // 0 = Monday
    if weekday >= 5 {
        return false;
    }
    let (_, m, d) = civil_from_days(day);
    !HOLIDAYS.contains(&(m, d))
}

/// Working-day lookups with a cached table over the generated span.
#[derive(Debug, Clone)]
pub struct Office {
    first_day: i64,
    working: Vec<bool>,
}

impl Office {
    /// A calendar with a table covering `[from, from + days)` local days (lookups outside it are
    /// computed).
    pub fn new(from: Instant, days: i64) -> Office {
        let first_day = local_day(from) - 7;
        let working = (0..days + 14).map(|i| is_working_day(first_day + i)).collect();
        Office { first_day, working }
    }

    /// Whether local day `day` is a working day.
    pub fn working_day(&self, day: i64) -> bool {
        match usize::try_from(day - self.first_day).ok().and_then(|i| self.working.get(i)) {
            Some(w) => *w,
            None => is_working_day(day),
        }
    }

    /// The first instant at or after `t` inside office hours.
    pub fn snap(&self, t: Instant) -> Instant {
        let mut day = local_day(t);
        let mut ms = (t + OFFSET_MS).rem_euclid(DAY_MS);
        loop {
            if self.working_day(day) {
                for (a, b) in INTERVALS {
                    if ms < b {
                        return day * DAY_MS - OFFSET_MS + ms.max(a);
                    }
                }
            }
            day += 1;
            ms = 0;
        }
    }

    /// The instant `d` working milliseconds after `t` (`t` is first moved into office hours).
    /// The result always lies strictly inside an office interval.
    pub fn add(&self, t: Instant, d: i64) -> Instant {
        let mut t = self.snap(t);
        let mut d = d.max(0);
        loop {
            let ms = (t + OFFSET_MS).rem_euclid(DAY_MS);
            let end = if ms < INTERVALS[0].1 { INTERVALS[0].1 } else { INTERVALS[1].1 };
            let rem = end - ms;
            if d < rem {
                return t + d;
            }
            d -= rem;
            if d >= WORKDAY_MS && end == INTERVALS[1].1 {
                // Skip whole working days quickly.
                let mut day = local_day(t) + 1;
                while d >= WORKDAY_MS {
                    if self.working_day(day) {
                        d -= WORKDAY_MS;
                    }
                    day += 1;
                }
                t = self.snap(day * DAY_MS - OFFSET_MS);
                continue;
            }
            t = self.snap(t + rem);
        }
    }

    /// Working milliseconds in `[a, b)`.
    pub fn between(&self, a: Instant, b: Instant) -> i64 {
        if b <= a {
            return 0;
        }
        let (da, db) = (local_day(a), local_day(b));
        let in_day = |day: i64, from: i64, to: i64| -> i64 {
            if !self.working_day(day) {
                return 0;
            }
            INTERVALS.iter().map(|&(s, e)| (e.min(to) - s.max(from)).max(0)).sum()
        };
        let ms_a = (a + OFFSET_MS).rem_euclid(DAY_MS);
        let ms_b = (b + OFFSET_MS).rem_euclid(DAY_MS);
        if da == db {
            return in_day(da, ms_a, ms_b);
        }
        let mut total = in_day(da, ms_a, DAY_MS) + in_day(db, 0, ms_b);
        for day in da + 1..db {
            if self.working_day(day) {
                total += WORKDAY_MS;
            }
        }
        total
    }

    /// The last office second before `t`'s day (16:59:59 on the working day before it).
    pub fn last_second_before_day_of(&self, t: Instant) -> Instant {
        let mut day = local_day(t) - 1;
        while !self.working_day(day) {
            day -= 1;
        }
        day * DAY_MS - OFFSET_MS + CLOSE_MS - 1000
    }

    /// End of office hours (17:00) on the `n`-th working day after the day of `t`.
    pub fn due_after_working_days(&self, t: Instant, n: u32) -> Instant {
        let mut day = local_day(t);
        let mut left = n.max(1);
        while left > 0 {
            day += 1;
            if self.working_day(day) {
                left -= 1;
            }
        }
        day * DAY_MS - OFFSET_MS + CLOSE_MS
    }
}

/// Local (Vietnam) day number of an instant.
pub fn local_day(t: Instant) -> i64 {
    (t + OFFSET_MS).div_euclid(DAY_MS)
}

/// The instant of a local Vietnam date and time of day.
pub fn local_instant(year: i32, month: u32, day: u32, ms_of_day: i64) -> Instant {
    days_from_civil(year, month, day) * DAY_MS + ms_of_day - OFFSET_MS
}

/// Whether `t` lies inside office hours on a working day.
pub fn in_office_hours(t: Instant) -> bool {
    let ms = (t + OFFSET_MS).rem_euclid(DAY_MS);
    is_working_day(local_day(t)) && INTERVALS.iter().any(|&(a, b)| ms >= a && ms < b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_office_time() {
        let mon = local_instant(2025, 1, 6, 7 * HOUR_MS + 30 * MINUTE_MS);
        let o = Office::new(mon, 400);
        assert_eq!(o.add(mon, HOUR_MS), mon + HOUR_MS);
        // 4 h from 07:30 crosses lunch: 13:30.
        assert_eq!(o.add(mon, 4 * HOUR_MS), local_instant(2025, 1, 6, 13 * HOUR_MS + 30 * MINUTE_MS));
        // Friday 16:00 + 2 h -> Monday 08:30.
        let fri = local_instant(2025, 1, 10, 16 * HOUR_MS);
        assert_eq!(o.add(fri, 2 * HOUR_MS), local_instant(2025, 1, 13, 8 * HOUR_MS + 30 * MINUTE_MS));
        // 30/4 and 1/5 2025 are Wednesday and Thursday.
        let tue = local_instant(2025, 4, 29, 16 * HOUR_MS);
        assert_eq!(o.add(tue, 2 * HOUR_MS), local_instant(2025, 5, 2, 8 * HOUR_MS + 30 * MINUTE_MS));
        // Three whole working days.
        assert_eq!(o.add(mon, 3 * WORKDAY_MS + MINUTE_MS), mon + 3 * DAY_MS + MINUTE_MS);
        for k in 0..2000 {
            let t = mon + k * 7_919_000;
            let d = k * 1_234_567 % (5 * WORKDAY_MS);
            let r = o.add(t, d);
            assert!(in_office_hours(r));
            assert_eq!(o.between(o.snap(t), r), d, "k {k}");
        }
        assert_eq!(o.due_after_working_days(fri, 1), local_instant(2025, 1, 13, CLOSE_MS));
        assert!(!is_working_day(days_from_civil(2025, 9, 2)));
    }
}
