//! Office hours of the default Vietnamese calendar ([`VietnamCalendar::shared`]), for code that
//! places events in time: the generator and tests that check generated logs.
//!
//! The arithmetic itself lives on [`VietnamCalendar`] ([`VietnamCalendar::next_office_instant`],
//! [`VietnamCalendar::add_office_ms`], [`VietnamCalendar::due_after_working_days`], …); this
//! module adds the local-time (UTC+7) helpers and shortcuts to the shared calendar.

use super::vietnam::{VietnamCalendar, VIETNAM_OFFSET_MS};
use crate::model::time::days_from_civil;
use crate::model::{Instant, DAY_MS};

/// Local (Vietnam, UTC+7) day of an instant, as days since 1970-01-01.
pub fn local_day(t: Instant) -> i64 {
    t.saturating_add(VIETNAM_OFFSET_MS).div_euclid(DAY_MS)
}

/// The instant of a local (UTC+7) date and time of day (milliseconds after local midnight).
pub fn local_instant(year: i32, month: u32, day: u32, ms_of_day: i64) -> Instant {
    days_from_civil(year, month, day) * DAY_MS + ms_of_day - VIETNAM_OFFSET_MS
}

/// Whether local day `day` (days since 1970-01-01) is a working day of the default calendar:
/// not a weekend (unless a make-up working day), not a public holiday, Tết or announced day off.
pub fn is_working_day(day: i64) -> bool {
    VietnamCalendar::shared().is_working_day(day)
}

/// Whether `t` lies inside office hours on a working day of the default calendar.
pub fn in_office_hours(t: Instant) -> bool {
    VietnamCalendar::shared().in_office_hours(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkingTime;
    use crate::model::{HOUR_MS, MINUTE_MS};

    const CLOSE_MS: i64 = 17 * HOUR_MS;

    #[test]
    fn adds_office_time_on_the_real_calendar() {
        let cal = VietnamCalendar::new();
        let workday = cal.working_day_ms();
        let mon = local_instant(2025, 1, 6, 7 * HOUR_MS + 30 * MINUTE_MS);
        assert_eq!(cal.add_office_ms(mon, HOUR_MS), mon + HOUR_MS);
        assert_eq!(cal.add_office_ms(mon, 0), mon);
        assert_eq!(cal.next_office_instant(mon - 3 * HOUR_MS), mon);
        // 4 h from 07:30 crosses lunch: 13:30, not 11:30.
        assert_eq!(cal.add_office_ms(mon, 4 * HOUR_MS), local_instant(2025, 1, 6, 13 * HOUR_MS + 30 * MINUTE_MS));
        // At the end of the day: the next working morning.
        let close = local_instant(2025, 1, 6, CLOSE_MS);
        assert_eq!(cal.next_office_instant(close), local_instant(2025, 1, 7, 7 * HOUR_MS + 30 * MINUTE_MS));
        // Friday 16:00 + 2 h -> Monday 08:30.
        let fri = local_instant(2025, 1, 10, 16 * HOUR_MS);
        assert_eq!(cal.add_office_ms(fri, 2 * HOUR_MS), local_instant(2025, 1, 13, 8 * HOUR_MS + 30 * MINUTE_MS));
        // 30/4, 1/5 and 2/5 2025 (Wednesday to Friday) are off.
        let tue = local_instant(2025, 4, 29, 16 * HOUR_MS);
        assert_eq!(cal.add_office_ms(tue, 2 * HOUR_MS), local_instant(2025, 5, 5, 8 * HOUR_MS + 30 * MINUTE_MS));
        // Friday 24/1/2025 16:00 + 2 h: Tết Ất Tỵ (27/1–31/1), then Monday 3/2.
        let before_tet = local_instant(2025, 1, 24, 16 * HOUR_MS);
        assert_eq!(cal.add_office_ms(before_tet, 2 * HOUR_MS), local_instant(2025, 2, 3, 8 * HOUR_MS + 30 * MINUTE_MS));
        // Saturday 26/4/2025 is a make-up working day.
        let fri_apr = local_instant(2025, 4, 25, 16 * HOUR_MS);
        assert_eq!(cal.add_office_ms(fri_apr, 2 * HOUR_MS), local_instant(2025, 4, 26, 8 * HOUR_MS + 30 * MINUTE_MS));
        // Three whole working days.
        assert_eq!(cal.add_office_ms(mon, 3 * workday + MINUTE_MS), mon + 3 * DAY_MS + MINUTE_MS);
        for k in 0..2000 {
            let t = mon + k * 7_919_000;
            let d = k * 1_234_567 % (5 * workday);
            let r = cal.add_office_ms(t, d);
            assert!(cal.in_office_hours(r), "k {k}");
            assert_eq!(cal.working_ms_between(cal.next_office_instant(t), r), d, "k {k}");
        }
        assert_eq!(cal.due_after_working_days(fri, 1), local_instant(2025, 1, 13, CLOSE_MS));
        assert_eq!(cal.due_after_working_days(fri, 0), local_instant(2025, 1, 13, CLOSE_MS));
        // Three working days after Friday 24/1/2025: 3/2, 4/2, 5/2.
        assert_eq!(cal.due_after_working_days(before_tet, 3), local_instant(2025, 2, 5, CLOSE_MS));
        assert_eq!(cal.working_day_before(days_from_civil(2025, 2, 3)), days_from_civil(2025, 1, 24));
        assert_eq!(cal.working_day_after(days_from_civil(2025, 1, 24), 1), days_from_civil(2025, 2, 3));
        assert!(!is_working_day(days_from_civil(2025, 9, 2)));
        assert!(!is_working_day(days_from_civil(2026, 2, 17)));
        assert!(is_working_day(days_from_civil(2026, 8, 22)));
        assert!(in_office_hours(local_instant(2026, 8, 22, 9 * HOUR_MS)));
        assert!(!in_office_hours(local_instant(2026, 2, 18, 9 * HOUR_MS)));
        assert!(!in_office_hours(local_instant(2026, 2, 23, 12 * HOUR_MS)));
        assert!(!in_office_hours(local_instant(2026, 2, 23, CLOSE_MS)));
        assert!(in_office_hours(local_instant(2026, 2, 23, CLOSE_MS - 1)));
        assert_eq!(local_day(local_instant(2026, 2, 23, 0)), days_from_civil(2026, 2, 23));
        assert_eq!(local_day(local_instant(2026, 2, 23, 0) - 1), days_from_civil(2026, 2, 22));
    }

    #[test]
    fn office_arithmetic_agrees_with_the_cumulative_tables() {
        use crate::model::DurationSpec;
        let cal = VietnamCalendar::new();
        let start = local_instant(2023, 12, 1, 0);
        let mut s = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for _ in 0..20_000 {
            let t = start + (next() % (3 * 366 * DAY_MS as u64)) as i64;
            let d = match next() % 4 {
                0 => (next() % 1000) as i64,
                1 => (next() % (8 * HOUR_MS as u64)) as i64,
                2 => (next() % (40 * cal.working_day_ms() as u64)) as i64,
                _ => (next() % 400) as i64 * cal.working_day_ms(),
            };
            // The latest instant whose cumulative working time is that of the target.
            let slow = cal.add_working(t, DurationSpec { days: 0, ms: d + 1 }) - 1;
            let r = cal.add_office_ms(t, d);
            assert_eq!(r, slow, "t {t} d {d}");
            assert!(cal.in_office_hours(r));
            assert_eq!(cal.working_ms_between(cal.next_office_instant(t), r), d);
            let day = local_day(t);
            let n = (next() % 30) as u32;
            let mut w = day;
            for _ in 0..n.max(1) {
                w += 1;
                while !cal.is_working_day(w) {
                    w += 1;
                }
            }
            assert_eq!(cal.working_day_after(day, n), w);
            let mut b = day - 1;
            while !cal.is_working_day(b) {
                b -= 1;
            }
            assert_eq!(cal.working_day_before(day), b);
        }
    }

    #[test]
    fn office_instants_far_from_any_date_saturate() {
        let cal = VietnamCalendar::shared();
        let far = crate::model::time::MAX_INSTANT;
        assert!(cal.add_office_ms(0, i64::MAX) >= far - 1);
        assert!(cal.next_office_instant(far) >= far - 1);
    }
}
