//! The Vietnamese working calendar (lịch làm việc): weekends, the public holidays of the Labour
//! Code 2019 (Art. 112), the schedules the Government actually announced, custom days, and office
//! hours.
//!
//! # Rules
//!
//! - Saturday and Sunday are weekly rest days.
//! - Public holidays ([`Holidays`]): Tết Dương lịch (1/1); Tết Nguyên Đán, 5 days (by default the
//!   last day of the lunar year and the first four days of the new one; the Prime Minister sets
//!   the actual days each year); Giỗ Tổ Hùng Vương (10/3 lunar); Ngày Chiến thắng (30/4); Ngày
//!   Quốc tế Lao động (1/5); Quốc khánh (2/9) and one adjacent day, chosen by the Government
//!   (by default the one that joins a weekend, as in 2021–2026). Lunar dates come from
//!   [`crate::calendar::lunar`].
//! - A holiday falling on a weekly rest day moves to the next working day(s) (Art. 112(3)).
//! - For the years the Government announced, the announced schedule ([`Schedule`], table
//!   [`OFFICIAL_SCHEDULES`]) replaces the computed one: its days off and its make-up working
//!   Saturdays (hoán đổi). A new year is added with [`VietnamCalendar::add_schedule`].
//! - Custom days off and working days per calendar ([`VietnamCalendar::add_day_off`],
//!   [`VietnamCalendar::add_working_day`]) win over everything else.
//! - Office hours: by default 07:30–11:30 and 13:30–17:00, local time (UTC+7).
//!
//! Before 2021 (Labour Code 2012) Quốc khánh was one day; before 2013 Tết was 4 days; Giỗ Tổ has
//! been a holiday since 2007. Those are the defaults for years without an announced schedule.
//!
//! # Speed
//!
//! Days are counted in a table of cumulative working days over 1900-01-01..=2100-12-31, built on
//! first use (and again after a change). [`WorkingTime::working_ms_between`] is O(1) and
//! [`WorkingTime::add_working`] O(log n) (a binary search in that table). Outside the table's
//! range only weekends are days off.
//!
//! # Example
//!
//! ```
//! use lienthong::calendar::vietnam::VietnamCalendar;
//! use lienthong::model::time::days_from_civil;
//!
//! let cal = VietnamCalendar::new();
//! assert!(!cal.is_working_day(days_from_civil(2026, 2, 17))); // Tết Bính Ngọ
//! assert!(cal.is_working_day(days_from_civil(2026, 8, 22))); // make-up Saturday
//! ```

use super::by_key::ByKey;
use std::sync::OnceLock;

use super::lunar::{gio_to, lunar_new_year};
use super::WorkingTime;
use crate::model::time::{civil_from_days, days_from_civil, MAX_INSTANT};
use crate::model::{DurationSpec, Instant, DAY_MS, HOUR_MS, MINUTE_MS};

/// Vietnam's offset from UTC (UTC+7), in milliseconds.
pub const VIETNAM_OFFSET_MS: i64 = 7 * HOUR_MS;

/// First year of the working-day table.
pub const TABLE_FIRST_YEAR: i32 = 1900;
/// Last year of the working-day table.
pub const TABLE_LAST_YEAR: i32 = 2100;

/// Default office hours: 07:30–11:30 and 13:30–17:00, as milliseconds after local midnight.
pub const DEFAULT_OFFICE_HOURS: [(i64, i64); 2] =
    [(7 * HOUR_MS + 30 * MINUTE_MS, 11 * HOUR_MS + 30 * MINUTE_MS), (13 * HOUR_MS + 30 * MINUTE_MS, 17 * HOUR_MS)];

/// Holiday names.
pub const TET_DUONG_LICH: &str = "Tết Dương lịch";
/// Lunar New Year.
pub const TET_NGUYEN_DAN: &str = "Tết Nguyên Đán";
/// Hùng Kings' Commemoration (10/3 lunar).
pub const GIO_TO: &str = "Giỗ Tổ Hùng Vương";
/// 30/4.
pub const CHIEN_THANG: &str = "Ngày Chiến thắng";
/// 1/5.
pub const QUOC_TE_LAO_DONG: &str = "Ngày Quốc tế Lao động";
/// 2/9 and its adjacent day.
pub const QUOC_KHANH: &str = "Quốc khánh";

/// One year's announced schedule, as a table row: (year, days off, make-up working days), dates
/// as (month, day) of that year. The days off are the complete list of **weekdays** (Monday to
/// Friday) that are not worked in that year; the working days are the Saturdays (or Sundays)
/// that are worked instead (hoán đổi).
pub type ScheduleRow = (i32, &'static [(u32, u32)], &'static [(u32, u32)]);

/// The schedules the Government announced for cán bộ, công chức, viên chức (agencies with a
/// Saturday–Sunday weekend). Extend it, or call [`VietnamCalendar::add_schedule`], when a new
/// year is announced.
pub const OFFICIAL_SCHEDULES: &[ScheduleRow] = &[
    // 2020 (Labour Code 2012: Quốc khánh one day). Tết Canh Tý 23/1–29/1 (Decision of the
    // Minister of Labour, Invalids and Social Affairs; vietnamnet.vn/en "Seven-day holiday for
    // Lunar New Year 2020 approved"; sggpnews.org.vn 2019-12-31). Giỗ Tổ 2/4 (Thu), 30/4 (Thu),
    // 1/5 (Fri), 2/9 (Wed).
    (2020, &[(1, 1), (1, 23), (1, 24), (1, 27), (1, 28), (1, 29), (4, 2), (4, 30), (5, 1), (9, 2)], &[]),
    // 2021: Bộ LĐTB&XH announcement of the 2021 holidays (sggpnews.org.vn 2020-12-09 "Vietnam's
    // public holidays in 2021"): 1/1 (Fri); Tết 10/2–16/2; Giỗ Tổ 21/4; 30/4 and 3/5 (nghỉ bù
    // 1/5, a Saturday); Quốc khánh 2/9–3/9 (Thu, Fri).
    (2021, &[(1, 1), (2, 10), (2, 11), (2, 12), (2, 15), (2, 16), (4, 21), (4, 30), (5, 3), (9, 2), (9, 3)], &[]),
    // 2022: Tết Nhâm Dần 31/1–4/2 and Quốc khánh 1/9–2/9 (Văn phòng Chính phủ, ý kiến Phó Thủ
    // tướng Vũ Đức Đam on Bộ LĐTB&XH's proposal; en.baobinhthuan.com.vn/print/94428.html).
    // Nghỉ bù: 3/1 (1/1 Sat), 11/4 (Giỗ Tổ 10/4 Sun), 2/5 and 3/5 (30/4 Sat, 1/5 Sun)
    // (officeholidays.com/countries/vietnam/2022).
    (2022, &[(1, 3), (1, 31), (2, 1), (2, 2), (2, 3), (2, 4), (4, 11), (5, 2), (5, 3), (9, 1), (9, 2)], &[]),
    // 2023: Tết Quý Mão 20/1–26/1 (Phó Thủ tướng Vũ Đức Đam agreeing to Bộ LĐTB&XH's proposal;
    // pld.net.vn tag "nghỉ Tết Nguyên đán"); nghỉ bù 2/1 (1/1 Sun); Giỗ Tổ 29/4 (Sat), 30/4 (Sun),
    // 1/5 (Mon) with nghỉ bù 2/5, 3/5 (kinhtedothi.vn 22/03/2023: 5 days); Quốc khánh 1/9 (Fri)
    // and 2/9 (Sat) with nghỉ bù 4/9 (officeholidays.com/countries/vietnam/2023: 1/9–4/9 for the
    // public sector). The 2/9 part is the least certain row of this table.
    (2023, &[(1, 2), (1, 20), (1, 23), (1, 24), (1, 25), (1, 26), (5, 1), (5, 2), (5, 3), (9, 1), (9, 4)], &[]),
    // 2024: Tết Giáp Thìn 8/2–14/2 (Bộ LĐTB&XH proposal of 2 days before and 3 after Tết, adopted;
    // kinhtedothi.vn); Giỗ Tổ 18/4 (Thu); 30/4–1/5: nghỉ 29/4, làm bù Saturday 4/5 (Công văn
    // 2450/VPCP-KGVX of 12/4/2024; baotintuc.vn); Quốc khánh 31/8–3/9, i.e. 2/9 and 3/9
    // (btv.org.vn "Lễ Quốc khánh 2/9 người lao động được nghỉ 4 ngày liên tiếp").
    (
        2024,
        &[(1, 1), (2, 8), (2, 9), (2, 12), (2, 13), (2, 14), (4, 18), (4, 29), (4, 30), (5, 1), (9, 2), (9, 3)],
        &[(5, 4)],
    ),
    // 2025: Công văn 8726/VPCP-KGVX of 26/11/2024 (pld.net.vn): Tết Ất Tỵ 25/1–2/2 (weekdays
    // 27/1–31/1); Quốc khánh 30/8–2/9 (1/9, 2/9). 30/4–1/5: nghỉ 2/5, làm bù Saturday 26/4.
    // 1/1 (Wed) and Giỗ Tổ 7/4 (Mon) (tet-amlich.com "Các ngày nghỉ lễ 2025"; xosobinhdinh.org).
    (
        2025,
        &[(1, 1), (1, 27), (1, 28), (1, 29), (1, 30), (1, 31), (4, 7), (4, 30), (5, 1), (5, 2), (9, 1), (9, 2)],
        &[(4, 26)],
    ),
    // 2026: Tết Dương lịch 1/1–4/1, nghỉ 2/1, làm bù Saturday 10/1 (Công văn 12729/VPCP-KGVX of
    // 25/12/2025). Tết Bính Ngọ 16/2–20/2 (14/2–22/2 with weekends) and Quốc khánh 29/8–2/9:
    // 1/9, 2/9, nghỉ 31/8, làm bù Saturday 22/8 (Thông báo 9441/TB-BNV of 16/10/2025, Bộ Nội vụ;
    // vietnamnews.vn 2025-10-17; en.sggp.org.vn 2025-10-14). Giỗ Tổ 26/4 is a Sunday: nghỉ bù 27/4
    // by Art. 112(3) (no separate announcement found). 30/4 (Thu), 1/5 (Fri). Not included: the
    // Politburo's plan (Nghị quyết 80-NQ/TW) to make 24/11 "Ngày Văn hóa Việt Nam" a day off;
    // no legal text putting it into force in 2026 was found.
    (
        2026,
        &[
            (1, 1),
            (1, 2),
            (2, 16),
            (2, 17),
            (2, 18),
            (2, 19),
            (2, 20),
            (4, 27),
            (4, 30),
            (5, 1),
            (8, 31),
            (9, 1),
            (9, 2),
        ],
        &[(1, 10), (8, 22)],
    ),
];

/// A year's schedule of days off and make-up working days, as announced by the Government.
///
/// `days_off` lists every weekday (Monday–Friday) not worked in that year because of a holiday,
/// a substitute day (nghỉ bù) or a swap (hoán đổi); `working_days` the weekend days worked
/// instead. Dates are (year, month, day). A schedule replaces the computed default for its year
/// entirely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The year it governs.
    pub year: i32,
    /// Weekdays off.
    pub days_off: Vec<(i32, u32, u32)>,
    /// Weekend days worked (make-up days).
    pub working_days: Vec<(i32, u32, u32)>,
}

impl Schedule {
    /// The announced schedule of `year`, from [`OFFICIAL_SCHEDULES`].
    pub fn official(year: i32) -> Option<Schedule> {
        let &(y, off, work) = OFFICIAL_SCHEDULES.iter().find(|row| row.0 == year)?;
        Some(Schedule { year: y, days_off: dated(y, off), working_days: dated(y, work) })
    }
}

/// Days since 1970-01-01 as dates.
fn civil_days(days: &[i64]) -> Vec<(i32, u32, u32)> {
    let mut out = Vec::with_capacity(days.len());
    for &d in days {
        out.push(civil_from_days(d));
    }
    out
}

/// The length of office hours `(start, end)`, in milliseconds.
fn span_ms(hours: &[(i64, i64)]) -> i64 {
    let mut ms = 0;
    for &(s, e) in hours {
        ms += e - s;
    }
    ms
}

/// Days `(month, day)` of year `y` as dates. (Loops, here and below, instead of collecting
/// iterator chains: each chain compiles its own copy of the collecting code into the wasm.)
fn dated(y: i32, days: &[(u32, u32)]) -> Vec<(i32, u32, u32)> {
    let mut out = Vec::with_capacity(days.len());
    for &(m, d) in days {
        out.push((y, m, d));
    }
    out
}

/// The public holidays of the Labour Code 2019, Art. 112, computed for any year.
#[derive(Debug, Clone, Copy, Default)]
pub struct Holidays;

impl Holidays {
    /// The statutory holidays of `year` (days since 1970-01-01, with their names), including those
    /// on weekends, before any substitute: the computed default, not an announcement.
    pub fn statutory(year: i32) -> Vec<(i64, &'static str)> {
        let mut out = vec![(days_from_civil(year, 1, 1), TET_DUONG_LICH)];
        let tet = lunar_new_year(year);
        let tet_days = if year >= 2013 { 5 } else { 4 };
        for d in tet - 1..tet - 1 + tet_days {
            out.push((d, TET_NGUYEN_DAN));
        }
        if year >= 2007 {
            out.push((gio_to(year), GIO_TO));
        }
        out.push((days_from_civil(year, 4, 30), CHIEN_THANG));
        out.push((days_from_civil(year, 5, 1), QUOC_TE_LAO_DONG));
        let qk = days_from_civil(year, 9, 2);
        out.push((qk, QUOC_KHANH));
        if year >= 2021 {
            // The adjacent day the Government chose in 2021–2026: the one that makes a bridge
            // with the weekend (Mon: 3/9, Tue: 1/9, Wed: 1/9, Thu: 3/9, Fri: 1/9, Sat: 1/9, Sun: 3/9).
            let adjacent = match weekday(qk) {
                0 | 3 | 6 => qk + 1,
                _ => qk - 1,
            };
            out.push((adjacent, QUOC_KHANH));
        }
        crate::analysis::order::sort_by(&mut out, Ord::cmp);
        out.dedup_by_key(|h| h.0);
        out
    }

    /// The computed schedule of `year`: the statutory holidays on weekdays, and for each holiday on
    /// a weekend the next working day (nghỉ bù). No make-up working days.
    pub fn default_schedule(year: i32) -> Schedule {
        let holidays = Holidays::statutory(year);
        let mut off: Vec<i64> = Vec::with_capacity(holidays.len() * 2);
        for h in &holidays {
            off.push(h.0);
        }
        for &(day, _) in &holidays {
            if is_weekend(day) {
                let mut sub = day + 1;
                while is_weekend(sub) || off.contains(&sub) {
                    sub += 1;
                }
                off.push(sub);
            }
        }
        off.retain(|&d| !is_weekend(d));
        off.sort_unstable();
        Schedule { year, days_off: civil_days(&off), working_days: Vec::new() }
    }
}

/// Day of the week, Monday = 0 .. Sunday = 6, of a day since 1970-01-01 (a Thursday).
pub fn weekday(days: i64) -> u32 {
    (days + 3).rem_euclid(7) as u32
}

fn is_weekend(days: i64) -> bool {
    weekday(days) >= 5
}

/// Monday 1969-12-29: the origin of [`weekdays_before`].
const MONDAY0: i64 = -3;

/// Number of weekdays (Mon–Fri) in `[MONDAY0, d)` (negative before it).
fn weekdays_before(d: i64) -> i64 {
    let n = d - MONDAY0;
    5 * n.div_euclid(7) + n.rem_euclid(7).min(5)
}

/// The weekday `w` with `weekdays_before(w) == n`.
fn nth_weekday(n: i64) -> i64 {
    MONDAY0 + 7 * n.div_euclid(5) + n.rem_euclid(5)
}

fn floor_div(a: i64, b: i64) -> i64 {
    a.div_euclid(b)
}

/// Cumulative working-day counts over the table range.
#[derive(Debug, Clone)]
struct Table {
    /// First day of the table.
    first: i64,
    /// `cum[i]`: working days in `[first, first + i)`; `cum.len()` = days + 1.
    cum: Vec<u32>,
}

impl Table {
    fn len(&self) -> i64 {
        self.cum.len() as i64 - 1
    }

    fn end(&self) -> i64 {
        self.first + self.len()
    }

    /// Working days in `[first, d)`, extended with weekdays-only outside the range.
    fn before(&self, d: i64) -> i64 {
        if d <= self.first {
            weekdays_before(d) - weekdays_before(self.first)
        } else if d >= self.end() {
            i64::from(self.cum[self.cum.len() - 1]) + weekdays_before(d) - weekdays_before(self.end())
        } else {
            i64::from(self.cum[(d - self.first) as usize])
        }
    }

    fn is_working(&self, d: i64) -> bool {
        if d < self.first || d >= self.end() {
            !is_weekend(d)
        } else {
            let i = (d - self.first) as usize;
            self.cum[i + 1] > self.cum[i]
        }
    }

    /// The working day `d` with `before(d) == n`.
    fn nth_working(&self, n: i64) -> i64 {
        let total = i64::from(self.cum[self.cum.len() - 1]);
        if n < 0 {
            nth_weekday(n + weekdays_before(self.first))
        } else if n >= total {
            nth_weekday(n - total + weekdays_before(self.end()))
        } else {
            // First index i with cum[i + 1] > n.
            let i = self.cum[1..].partition_point(|&c| i64::from(c) <= n);
            self.first + i as i64
        }
    }
}

/// The Vietnamese working calendar.
///
/// [`VietnamCalendar::new`] has the statutory holidays, the announced schedules of
/// [`OFFICIAL_SCHEDULES`] and the default office hours.
#[derive(Debug, Clone)]
pub struct VietnamCalendar {
    schedules: ByKey<i32, Schedule>,
    /// Custom days: `true` = working day, `false` = day off (with its name).
    custom: ByKey<i64, (bool, String)>,
    /// Office hours, sorted, disjoint, within `0..=DAY_MS`.
    office: Vec<(i64, i64)>,
    /// Working milliseconds of one working day.
    day_ms: i64,
    table: OnceLock<Table>,
}

impl Default for VietnamCalendar {
    fn default() -> Self {
        VietnamCalendar::new()
    }
}

impl VietnamCalendar {
    /// The calendar with the announced schedules and default office hours.
    pub fn new() -> VietnamCalendar {
        let mut cal = VietnamCalendar::statutory_only();
        for row in OFFICIAL_SCHEDULES {
            if let Some(s) = Schedule::official(row.0) {
                cal.schedules.insert(s.year, s);
            }
        }
        cal
    }

    /// One shared default calendar ([`VietnamCalendar::new`]), its tables built once per process.
    pub fn shared() -> std::sync::Arc<VietnamCalendar> {
        static SHARED: OnceLock<std::sync::Arc<VietnamCalendar>> = OnceLock::new();
        SHARED.get_or_init(|| std::sync::Arc::new(VietnamCalendar::new())).clone()
    }

    /// The calendar with only the computed statutory holidays (no announced schedule).
    pub fn statutory_only() -> VietnamCalendar {
        VietnamCalendar {
            schedules: ByKey::default(),
            custom: ByKey::default(),
            office: DEFAULT_OFFICE_HOURS.to_vec(),
            day_ms: span_ms(&DEFAULT_OFFICE_HOURS),
            table: OnceLock::new(),
        }
    }

    /// Adds (or replaces) the announced schedule of a year: it overrides the computed default.
    pub fn add_schedule(&mut self, schedule: Schedule) {
        self.schedules.insert(schedule.year, schedule);
        self.table = OnceLock::new();
    }

    /// The announced schedule in force for `year`, if any.
    pub fn schedule(&self, year: i32) -> Option<&Schedule> {
        self.schedules.get(&year)
    }

    /// Makes a day a day off (custom, for this calendar only).
    pub fn add_day_off(&mut self, year: i32, month: u32, day: u32, name: &str) {
        self.custom.insert(days_from_civil(year, month, day), (false, name.to_string()));
        self.table = OnceLock::new();
    }

    /// Makes a day a working day (custom, for this calendar only).
    pub fn add_working_day(&mut self, year: i32, month: u32, day: u32) {
        self.custom.insert(days_from_civil(year, month, day), (true, String::new()));
        self.table = OnceLock::new();
    }

    /// Sets the office hours: intervals `(start_ms, end_ms)` after local midnight. They are
    /// clamped to the day, sorted and merged. Returns `false` (and changes nothing) when they
    /// leave no working time at all.
    pub fn set_office_hours(&mut self, hours: &[(i64, i64)]) -> bool {
        let mut v: Vec<(i64, i64)> = Vec::with_capacity(hours.len());
        for &(s, e) in hours {
            let (s, e) = (s.clamp(0, DAY_MS), e.clamp(0, DAY_MS));
            if s < e {
                v.push((s, e));
            }
        }
        crate::analysis::order::sort_by(&mut v, Ord::cmp);
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(v.len());
        for (s, e) in v {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        if merged.is_empty() {
            return false;
        }
        self.day_ms = span_ms(&merged);
        self.office = merged;
        true
    }

    /// The office hours in force.
    pub fn office_hours(&self) -> &[(i64, i64)] {
        &self.office
    }

    /// Working milliseconds of one working day (7h30 by default).
    pub fn working_day_ms(&self) -> i64 {
        self.day_ms
    }

    /// The days off and make-up working days of a year, before custom days: the announced
    /// schedule, or else the computed default.
    fn year_plan(&self, year: i32) -> Schedule {
        self.schedules.get(&year).cloned().unwrap_or_else(|| Holidays::default_schedule(year))
    }

    fn table(&self) -> &Table {
        self.table.get_or_init(|| {
            let first = days_from_civil(TABLE_FIRST_YEAR, 1, 1);
            let end = days_from_civil(TABLE_LAST_YEAR + 1, 1, 1);
            let n = (end - first) as usize;
            let mut working: Vec<bool> = Vec::with_capacity(n);
            for d in first..end {
                working.push(!is_weekend(d));
            }
            let mut set = |d: i64, w: bool| {
                if (first..end).contains(&d) {
                    working[(d - first) as usize] = w;
                }
            };
            for year in TABLE_FIRST_YEAR..=TABLE_LAST_YEAR {
                let plan = self.year_plan(year);
                for &(y, m, d) in &plan.days_off {
                    set(days_from_civil(y, m, d), false);
                }
                for &(y, m, d) in &plan.working_days {
                    set(days_from_civil(y, m, d), true);
                }
            }
            for (&d, (w, _)) in self.custom.iter() {
                set(d, *w);
            }
            let mut cum = Vec::with_capacity(n + 1);
            let mut c = 0u32;
            cum.push(0);
            for w in working {
                c += u32::from(w);
                cum.push(c);
            }
            Table { first, cum }
        })
    }

    /// Whether a local day (days since 1970-01-01, UTC+7) is a working day.
    pub fn is_working_day(&self, days: i64) -> bool {
        self.table().is_working(days)
    }

    /// Whether a date is a working day.
    pub fn is_working_date(&self, year: i32, month: u32, day: u32) -> bool {
        self.is_working_day(days_from_civil(year, month, day))
    }

    /// The working days (make-up days) of `year` that fall on a weekend, in order.
    pub fn working_weekend_days(&self, year: i32) -> Vec<(i32, u32, u32)> {
        let first = days_from_civil(year, 1, 1);
        let end = days_from_civil(year + 1, 1, 1);
        let mut out = Vec::new();
        for d in first..end {
            if is_weekend(d) && self.is_working_day(d) {
                out.push(civil_from_days(d));
            }
        }
        out
    }

    /// The weekdays (Monday–Friday) of `year` that are not working days, in order, with their
    /// Vietnamese names: the holiday's name ("Tết Dương lịch", "Tết Nguyên Đán", "Giỗ Tổ Hùng
    /// Vương", "Ngày Chiến thắng", "Ngày Quốc tế Lao động", "Quốc khánh"), "Nghỉ bù …" for a
    /// substitute of a holiday on a weekend, "Nghỉ hoán đổi (…)" for a day swapped with a make-up
    /// working day, or the custom name. Weekend days are never listed: a holiday on a weekend
    /// shows as its substitute.
    pub fn days_off(&self, year: i32) -> Vec<((i32, u32, u32), String)> {
        let first = days_from_civil(year, 1, 1);
        let end = days_from_civil(year + 1, 1, 1);
        let mut off: Vec<i64> = Vec::new();
        for d in first..end {
            if !is_weekend(d) && !self.is_working_day(d) {
                off.push(d);
            }
        }
        let plan = self.year_plan(year);
        let mut make_up: Vec<i64> = Vec::with_capacity(plan.working_days.len());
        for &(y, m, d) in &plan.working_days {
            make_up.push(days_from_civil(y, m, d));
        }
        let names = name_days_off(year, &off, &make_up);
        let mut out = Vec::with_capacity(off.len());
        for (d, name) in off.into_iter().zip(names) {
            let name = match self.custom.get(&d) {
                Some((false, custom)) => custom.clone(),
                _ => name,
            };
            out.push((civil_from_days(d), name));
        }
        out
    }

    /// Cumulative working milliseconds up to instant `t` (from the table's origin).
    fn cumulative(&self, t: Instant) -> i64 {
        let table = self.table();
        let local = t.saturating_add(VIETNAM_OFFSET_MS);
        let day = floor_div(local, DAY_MS);
        let x = local - day * DAY_MS;
        // Hot path (every duration of every analysis): a day inside the table, read in one go.
        let i = day.wrapping_sub(table.first) as u64;
        if i < table.len() as u64 {
            let (c0, c1) = (table.cum[i as usize], table.cum[i as usize + 1]);
            let within = if c1 > c0 { self.within_day(x) } else { 0 };
            return self.day_ms * i64::from(c0) + within;
        }
        let within = if table.is_working(day) { self.within_day(x) } else { 0 };
        self.day_ms * table.before(day) + within
    }

    /// Working milliseconds in `[00:00, x)` of a working day.
    fn within_day(&self, x: i64) -> i64 {
        let mut ms = 0;
        for &(s, e) in &self.office {
            ms += x.clamp(s, e) - s;
        }
        ms
    }

    /// The earliest instant whose cumulative working time is at least `target`.
    fn first_reaching(&self, target: i64) -> Instant {
        let table = self.table();
        // The working day holding target: n full working days before it, rem in (0, day_ms].
        let n = floor_div(target - 1, self.day_ms);
        let mut rem = target - n * self.day_ms;
        let day = table.nth_working(n);
        let mut x = DAY_MS;
        for &(s, e) in &self.office {
            if rem <= e - s {
                x = s + rem;
                break;
            }
            rem -= e - s;
        }
        day.saturating_mul(DAY_MS).saturating_add(x).saturating_sub(VIETNAM_OFFSET_MS)
    }

    // Office instants and working days, for code that places events in office hours (the
    // generator, through `crate::calendar::office`). All on the per-day tables.

    /// Whether instant `t` lies inside office hours (an interval `[start, end)`) on a working
    /// day, local time.
    pub fn in_office_hours(&self, t: Instant) -> bool {
        let local = t.saturating_add(VIETNAM_OFFSET_MS);
        let day = floor_div(local, DAY_MS);
        let x = local - day * DAY_MS;
        self.is_working_day(day) && self.office.iter().any(|&(s, e)| s <= x && x < e)
    }

    /// The first instant at or after `t` inside office hours on a working day.
    pub fn next_office_instant(&self, t: Instant) -> Instant {
        self.add_office_ms(t, 0)
    }

    /// The instant `ms` working milliseconds after `t`, always inside office hours: `t` is first
    /// moved to [`VietnamCalendar::next_office_instant`], and a sum that ends exactly where an
    /// office interval ends gives the start of the next one (07:30 plus 4 hours is 13:30, not
    /// 11:30). A negative `ms` counts as 0. `working_ms_between(t', result)` is `ms`, with `t'`
    /// the moved `t`.
    pub fn add_office_ms(&self, t: Instant, ms: i64) -> Instant {
        let table = self.table();
        let local = t.saturating_add(VIETNAM_OFFSET_MS);
        let day = floor_div(local, DAY_MS);
        let x = local - day * DAY_MS;
        // What is left of `ms` at the end of `day`, after the office time of `day` from `x`.
        let mut rem = ms.max(0);
        if table.is_working(day) {
            for &(s, e) in &self.office {
                let from = x.max(s);
                if from < e {
                    if rem < e - from {
                        return (day * DAY_MS).saturating_add(from + rem).saturating_sub(VIETNAM_OFFSET_MS);
                    }
                    rem -= e - from;
                }
            }
        }
        // Whole working days after `day`, then the rest inside the next one.
        let whole = rem / self.day_ms;
        if whole >= MAX_INSTANT / DAY_MS {
            return MAX_INSTANT;
        }
        let next = day + 1;
        let d = self.nth_working_from(table, table.before(next) + whole, next);
        let mut rest = rem - whole * self.day_ms;
        for &(s, e) in &self.office {
            if rest < e - s {
                return d.saturating_mul(DAY_MS).saturating_add(s + rest).saturating_sub(VIETNAM_OFFSET_MS);
            }
            rest -= e - s;
        }
        unreachable!("the rest is less than a working day")
    }

    /// The working day `d` with `table.before(d) == n`, searched forward from day `from`, where
    /// `table.before(from) <= n`: a day adds at most one working day, so the search jumps by the
    /// working days still missing, then steps over days off (a few steps, not a binary search
    /// over the whole table).
    fn nth_working_from(&self, table: &Table, n: i64, from: i64) -> i64 {
        debug_assert!(table.before(from) <= n);
        let mut d = from;
        loop {
            let before = table.before(d);
            if before < n {
                d += n - before;
            } else if table.is_working(d) {
                return d;
            } else {
                d += 1;
            }
        }
    }

    /// The `n`-th working day after local day `day` (days since 1970-01-01, UTC+7): the next
    /// working day for `n` = 1 (`n` = 0 counts as 1).
    pub fn working_day_after(&self, day: i64, n: u32) -> i64 {
        let table = self.table();
        let next = day.saturating_add(1);
        self.nth_working_from(table, table.before(next) + i64::from(n.max(1)) - 1, next)
    }

    /// The last working day before local day `day`.
    pub fn working_day_before(&self, day: i64) -> i64 {
        let table = self.table();
        table.nth_working(table.before(day) - 1)
    }

    /// A deadline `n` working days after instant `t`: the end of the last office hour of the
    /// `n`-th working day after `t`'s local day ([`VietnamCalendar::working_day_after`]), the
    /// moment a date-only due means.
    pub fn due_after_working_days(&self, t: Instant, n: u32) -> Instant {
        self.office_end_of_day(self.working_day_after(floor_div(t.saturating_add(VIETNAM_OFFSET_MS), DAY_MS), n))
    }

    /// The instant at which the last office hour of local day `day` ends (17:00 by default).
    pub fn office_end_of_day(&self, day: i64) -> Instant {
        day.saturating_mul(DAY_MS).saturating_add(WorkingTime::office_end_ms(self)).saturating_sub(VIETNAM_OFFSET_MS)
    }
}

/// Names for the weekdays off of a year (sorted), given the year's make-up working days.
fn name_days_off(year: i32, off: &[i64], make_up: &[i64]) -> Vec<String> {
    let tet = lunar_new_year(year);
    let statutory = Holidays::statutory(year);
    let holiday_name = |d: i64| -> Option<&'static str> {
        if (tet - 7..=tet + 7).contains(&d) {
            return Some(TET_NGUYEN_DAN);
        }
        statutory.iter().find(|h| h.0 == d && h.1 != TET_NGUYEN_DAN).map(|h| h.1)
    };
    // Holidays on a weekend (not Tết, whose days are all named Tết), each owed one substitute.
    let mut owed: Vec<(i64, &'static str)> = Vec::new();
    for &h in &statutory {
        if is_weekend(h.0) && h.1 != TET_NGUYEN_DAN {
            owed.push(h);
        }
    }
    let name = |d: i64, owed: &mut Vec<(i64, &'static str)>| -> String {
        if let Some(name) = holiday_name(d) {
            return name.to_string();
        }
        if let Some(i) = owed.iter().position(|h| h.0 < d && d - h.0 <= 7) {
            let (_, name) = owed.remove(i);
            return format!("Nghỉ bù {name}");
        }
        let nearest = statutory.iter().filter(|h| h.1 != TET_NGUYEN_DAN).min_by_key(|h| (h.0 - d).abs());
        match nearest {
            Some(h) if (h.0 - d).abs() <= 7 && make_up.iter().any(|&w| (w - d).abs() <= 21) => {
                format!("Nghỉ hoán đổi ({})", h.1)
            }
            Some(h) if (h.0 - d).abs() <= 7 => format!("Nghỉ bù {}", h.1),
            _ => "Nghỉ theo thông báo".to_string(),
        }
    };
    let mut out = Vec::with_capacity(off.len());
    for &d in off {
        out.push(name(d, &mut owed));
    }
    out
}

impl WorkingTime for VietnamCalendar {
    fn working_day_ms(&self) -> i64 {
        self.day_ms
    }

    fn office_end_ms(&self) -> i64 {
        self.office.last().map_or(DAY_MS, |h| h.1)
    }

    fn working_days_late(&self, due: Instant, end: Instant) -> i64 {
        // Cumulative working time is aligned on working days: day n covers [n, n + 1) × day_ms.
        let (a, b) = (self.cumulative(due), self.cumulative(end));
        if b <= a {
            0
        } else {
            (b + self.day_ms - 1).div_euclid(self.day_ms) - a.div_euclid(self.day_ms)
        }
    }

    fn working_ms_between(&self, a: Instant, b: Instant) -> i64 {
        self.cumulative(b) - self.cumulative(a)
    }

    fn add_working(&self, at: Instant, duration: DurationSpec) -> Instant {
        let delta = duration.days.saturating_mul(self.day_ms).saturating_add(duration.ms);
        if delta == 0 {
            return at;
        }
        let target = self.cumulative(at).saturating_add(delta);
        // Far outside any real date: saturate instead of searching.
        let limit = self.day_ms.saturating_mul(MAX_INSTANT / DAY_MS);
        if target >= limit {
            return MAX_INSTANT;
        }
        if target <= -limit {
            return -MAX_INSTANT;
        }
        if delta > 0 {
            self.first_reaching(target)
        } else {
            // The latest instant whose cumulative working time is at most target.
            self.first_reaching(target + 1) - 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_counting_inverts() {
        for d in -30..30 {
            if !is_weekend(d) {
                assert_eq!(nth_weekday(weekdays_before(d)), d);
            }
        }
        assert_eq!(weekday(days_from_civil(2026, 11, 27)), 4); // a Friday
    }

    #[test]
    fn table_nth_working_inverts() {
        let cal = VietnamCalendar::new();
        let t = cal.table();
        for d in [t.first - 10, t.first, days_from_civil(2026, 2, 23), t.end() - 1, t.end() + 5] {
            if t.is_working(d) {
                assert_eq!(t.nth_working(t.before(d)), d);
            }
        }
    }
}
