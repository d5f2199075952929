//! The Vietnamese lunar calendar (âm lịch), from a table computed by astronomical formulas.
//!
//! Tết Nguyên Đán (1/1 lunar) and Giỗ Tổ Hùng Vương (10/3 lunar) are public holidays, so the
//! working calendar needs lunar dates. They come from a table of the new moons and leap months
//! of 1799–2200 (about 1 KB: a bit per month for its length, a digit per year for its leap
//! month), computed from astronomical formulas that the tests keep and run again over the
//! whole table (module `astronomy`, compiled for the tests only): the new moons from Jean
//! Meeus, *Astronomical Algorithms*, chapter 49, the sun's longitude from chapter 25, ΔT from
//! the Espenak–Meeus polynomials. The formulas themselves (sines of about forty terms, and the
//! trigonometry code they pull in) are not compiled into the library: the table is 5.5 KB less
//! gzip WebAssembly.
//!
//! The rules are those of the Vietnamese calendar, in local civil days of **UTC+7** (the Chinese
//! calendar uses UTC+8, and so differs in a few years, such as 1985 and 2007):
//!
//! - a lunar month starts on the local day of a new moon;
//! - month 11 is the month containing the day of the winter solstice (sun at 270°);
//! - when 13 months lie between two months 11, the first of them (after month 11) that contains
//!   no principal solar term (trung khí: the sun reaching a multiple of 30°) is the leap month,
//!   and it repeats the number of the month before it.
//!
//! A month contains a principal term when the sun's 30° sector at the local midnight that starts
//! the month differs from the sector at the midnight that starts the next month.
//!
//! # Range
//!
//! Dates from [`FIRST_DAY`] (1800-01-01) to [`LAST_DAY`] (2199-12-31) are accepted; the years
//! 1900–2100 are checked day by day against an independent implementation. [`to_lunar`] clamps a
//! day outside the range to the nearest accepted day ([`try_to_lunar`] refuses it instead),
//! [`from_lunar`] returns `None` for a result outside it, and [`lunar_new_year`] and [`gio_to`]
//! clamp the year to [`FIRST_YEAR`]..=[`LAST_YEAR`]. Nothing here panics.
//!
//! Days are counted as in [`crate::model::time::days_from_civil`]: days since 1970-01-01, here as
//! local civil days in Vietnam.
//!
//! # Example
//!
//! ```
//! use lienthong::calendar::lunar::{from_lunar, gio_to, lunar_new_year, to_lunar, LunarDate};
//! use lienthong::model::time::days_from_civil;
//!
//! let tet = days_from_civil(2026, 2, 17);
//! assert_eq!(lunar_new_year(2026), tet);
//! assert_eq!(to_lunar(tet), LunarDate { year: 2026, month: 1, day: 1, leap: false });
//! assert_eq!(gio_to(2026), days_from_civil(2026, 4, 26));
//! // 2025 has a leap sixth month.
//! let leap6 = LunarDate { year: 2025, month: 6, day: 1, leap: true };
//! assert_eq!(from_lunar(leap6), Some(days_from_civil(2025, 7, 25)));
//! ```

use std::cell::Cell;

/// A date of the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LunarDate {
    /// The lunar year, numbered as the Gregorian year in which it starts (Tết).
    pub year: i32,
    /// The month, 1..=12.
    pub month: u32,
    /// The day of the month, 1..=30.
    pub day: u32,
    /// Whether this is the leap (repeated) month of that number.
    pub leap: bool,
}

/// First Gregorian year accepted.
pub const FIRST_YEAR: i32 = 1800;
/// Last Gregorian year accepted.
pub const LAST_YEAR: i32 = 2199;
/// First day accepted (1800-01-01), in days since 1970-01-01.
pub const FIRST_DAY: i64 = -62_091;
/// Last day accepted (2199-12-31), in days since 1970-01-01.
pub const LAST_DAY: i64 = 84_005;

#[cfg(test)]
mod astronomy;

/// The cycles in the table (see [`Cycle`]): those the accepted range touches.
const TABLE_FIRST: i32 = FIRST_YEAR - 1;
const TABLE_LAST: i32 = LAST_YEAR + 1;
/// The local day (since 1970-01-01) of the month 11 that starts the first cycle.
const DAY_FIRST: i64 = -62481;
/// Bit `n` (of word `n / 64`): the `n`-th month from that month 11 has 30 days (else 29).
const LONG_MONTHS: [u64; 78] = [
    0x6d4b6a56b4ad655b,
    0xd4aea4ed26e92ec9,
    0x9ba4baa5b52d6a56,
    0xd52daa5b52ba93b4,
    0x4aea4ed26e936a96,
    0xb555aaaad52ea96d,
    0x54b6a5752ba93b49,
    0xaea56d2ad555aa9b,
    0x5556aa6d92ec95d4,
    0x4bb25b52ba95acab,
    0xda55b2ab69574976,
    0xa4dd25e92ec96d4a,
    0xbaa5b52b6a56d4ad,
    0x6a5752b6937497a4,
    0x4dd25d92da96b52b,
    0x6aaad52da95d49da,
    0xa57527693749b555,
    0x5b2ad5556a9b54b6,
    0xaa5d52da95d4ada5,
    0x5752b6956aaad555,
    0xaaab5936c9764b6a,
    0x25d92da95d4ada55,
    0x6d2ada55b4aba4bb,
    0xd26e92f49764b6a5,
    0x5d52da95b52b6a56,
    0xb52ba95b49ba4bd2,
    0x26e936c96d535aa6,
    0xb5556a96d4aea56d,
    0x52ba95b49ba4db2a,
    0xae956aaad555aa5b,
    0xd52ec96e4aea56d2,
    0x2ba95b4ab6556aaa,
    0xd655b4ab64bb25b9,
    0x92ec96d4aea56d2a,
    0xb6a5ad2ada55d26e,
    0x6957497a4bb25b52,
    0x2ec96d52daa5b52b,
    0x5a95d4ada4dd25e9,
    0x93749b64daaab555,
    0x5aaab54b6a5752b6,
    0xa95d4aea4dd2ad95,
    0x574ab5556aaad52d,
    0x6c9764b725752b69,
    0x95d4ada55b2ab555,
    0x6d2ada55b25d92dc,
    0x49764b725752b6a5,
    0x5d52d6a56d2b6937,
    0xb4aba4bd25d92da9,
    0x976536a9ad52da95,
    0xb54b6a56d26e9374,
    0x49ba4dd2ad555aaa,
    0xad555aa9b52ba95d,
    0xe4aea5752ae956ca,
    0xada55aaab5556c96,
    0xb655b25ba2ba95d4,
    0x8aea56d4b5a55aaa,
    0xb6a56d2ae92ed16e,
    0xa8bb45b92baa5b52,
    0x36a96d52d695b52b,
    0xda95d46ea2ed16d5,
    0x8bb29b5556a9ad4a,
    0x5aa9b54b6a5751ba,
    0xa95d4aea56caad55,
    0x56aaad555aa5d52e,
    0x749762baa5b52b69,
    0x96d4ad955aaab653,
    0x5b2ada4dd15d92ea,
    0x49754b6a5b52b5a5,
    0x5b52b695752768b7,
    0xd49da4dd25d52da9,
    0x9b5536a96d52da95,
    0x754b6a5752769374,
    0x49da55aaab5556a9,
    0xad54daa5b52ba95d,
    0x64aea5752b6556aa,
    0xad5556aaad52ec97,
    0xba4bb25d92da95d4,
    0x000006d2ad655b49,
];
/// For each cycle from [`TABLE_FIRST`], a hex digit: the offset of its leap month (1 to 12,
/// counted from month 11), or 0 for a cycle of 12 months.
const LEAPS: &[u8; 402] = b"\
    060040900700500408006005090070060b008006005090070060a0090070050a0070060c00800700\
    509007006004080070050a0070060040800700509008006004080070050a008006004090070050a0\
    08006005090070060a008006004090070050a007006004090070060b008006004080070050010800\
    7004090070050a008006005090070060a008006005090070060a008006004090070060b008006005\
    09007006001080070040900700600308007005090080060c00800700509008006004080070050900\
    80\
";

/// The lunar date of a local civil day (days since 1970-01-01 in UTC+7).
///
/// A day outside [`FIRST_DAY`]..=[`LAST_DAY`] is clamped to that range.
pub fn to_lunar(days: i64) -> LunarDate {
    let days = days.clamp(FIRST_DAY, LAST_DAY);
    let cycle = cycle_containing(days);
    cycle.date_of(days)
}

/// The lunar date of a local civil day, or `None` outside [`FIRST_DAY`]..=[`LAST_DAY`].
pub fn try_to_lunar(days: i64) -> Option<LunarDate> {
    (FIRST_DAY..=LAST_DAY).contains(&days).then(|| to_lunar(days))
}

/// The local civil day (days since 1970-01-01) of a lunar date; `None` when the date does not
/// exist (month not 1..=12, day past the month's 29 or 30 days, a leap month the year does not
/// have) or lies outside [`FIRST_DAY`]..=[`LAST_DAY`].
pub fn from_lunar(date: LunarDate) -> Option<i64> {
    if !(1..=12).contains(&date.month) || date.day == 0 || date.day > 30 {
        return None;
    }
    if !(FIRST_YEAR - 1..=LAST_YEAR).contains(&date.year) {
        return None;
    }
    // Months 11 and 12 lie in the cycle that ends with the next year's month 11.
    let cycle = cached_cycle(if date.month >= 11 { date.year + 1 } else { date.year });
    let m = ((date.month + 1) % 12) as usize; // 11 -> 0, 12 -> 1, 1 -> 2, ..., 10 -> 11
    let offset = match (date.leap, cycle.leap) {
        (true, Some(l)) if l - 1 == m => l,
        (true, _) => return None,
        (false, Some(l)) if l <= m => m + 1,
        (false, _) => m,
    };
    if offset >= cycle.count {
        return None;
    }
    let start = cycle.starts[offset];
    let len = cycle.starts[offset + 1] - start;
    let days = start + i64::from(date.day) - 1;
    (i64::from(date.day) <= len && (FIRST_DAY..=LAST_DAY).contains(&days)).then_some(days)
}

/// Tết Nguyên Đán of a lunar year: the day (since 1970-01-01) of 1/1 lunar. The year is clamped
/// to [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn lunar_new_year(year: i32) -> i64 {
    new_year_of(cached_cycle(year.clamp(FIRST_YEAR, LAST_YEAR)))
}

/// The first day of month 1 in a cycle: its third month, or the fourth after a leap 11 or 12.
fn new_year_of(cycle: Cycle) -> i64 {
    cycle.starts[if cycle.leap.is_some_and(|l| l <= 2) { 3 } else { 2 }]
}

/// Giỗ Tổ Hùng Vương of a lunar year: the day (since 1970-01-01) of 10/3 lunar. The year is
/// clamped to [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn gio_to(year: i32) -> i64 {
    let year = year.clamp(FIRST_YEAR, LAST_YEAR);
    let date = LunarDate { year, month: 3, day: 10, leap: false };
    // Every month has at least 29 days, so 10/3 always exists.
    from_lunar(date).unwrap_or_else(|| lunar_new_year(year) + 68)
}

/// One month of a [`LunarYear`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarMonth {
    /// The month number, 1..=12.
    pub month: u32,
    /// Whether it is the leap month.
    pub leap: bool,
    /// Its first day, in days since 1970-01-01.
    pub start: i64,
    /// Its length: 29 or 30 days.
    pub days: u32,
}

/// The months of one lunar year, from Tết to the day before the next Tết: 12, or 13 with a leap
/// month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarYear {
    year: i32,
    /// Month starts; `starts[count]` is the next Tết.
    starts: [i64; 14],
    count: usize,
    /// Index of the leap month in `starts`.
    leap: Option<usize>,
    /// Month numbers, 1..=12.
    numbers: [u8; 13],
}

impl LunarYear {
    /// The lunar year `year`, or `None` outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
    pub fn new(year: i32) -> Option<LunarYear> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return None;
        }
        let mut out = LunarYear { year, starts: [0; 14], count: 0, leap: None, numbers: [0; 13] };
        for (cycle_year, from_m, to_m) in [(year, 2, 12), (year + 1, 0, 2)] {
            let cycle = cached_cycle(cycle_year);
            for offset in 0..cycle.count {
                let (m, leap) = cycle.number(offset);
                if (from_m..to_m).contains(&m) {
                    if leap {
                        out.leap = Some(out.count);
                    }
                    out.starts[out.count] = cycle.starts[offset];
                    out.numbers[out.count] = month_number(m) as u8;
                    out.count += 1;
                }
            }
        }
        out.starts[out.count] = new_year_of(cached_cycle(year + 1));
        Some(out)
    }

    /// The lunar year number.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The number of months: 12, or 13 in a year with a leap month.
    pub fn month_count(&self) -> usize {
        self.count
    }

    /// The number of the leap month, if the year has one (it repeats the month before it).
    pub fn leap_month(&self) -> Option<u32> {
        self.leap.map(|i| u32::from(self.numbers[i]))
    }

    /// The months in order.
    pub fn months(&self) -> impl Iterator<Item = LunarMonth> + '_ {
        (0..self.count).map(move |i| LunarMonth {
            month: u32::from(self.numbers[i]),
            leap: self.leap == Some(i),
            start: self.starts[i],
            days: (self.starts[i + 1] - self.starts[i]) as u32,
        })
    }

    /// The number of days in the year (353–355, or 383–385 with a leap month).
    pub fn days(&self) -> i64 {
        self.starts[self.count] - self.starts[0]
    }
}

/// Month number of the `m`-th non-leap month counted from month 11 (m = 0).
fn month_number(m: usize) -> u32 {
    ((m + 10) % 12) as u32 + 1
}

/// The months from the month 11 of Gregorian year `year - 1` up to (without) the month 11 of
/// `year`: 12 or 13 months. Months 11 and 12 at its start belong to lunar year `year - 1`, the
/// rest to lunar year `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cycle {
    year: i32,
    /// Month starts; `starts[count]` is the next month 11.
    starts: [i64; 14],
    count: usize,
    /// Offset of the leap month (1..=12), in a 13-month cycle.
    leap: Option<usize>,
}

impl Cycle {
    /// The cycle of `year` from the table. Callers ask for [`TABLE_FIRST`]..=[`TABLE_LAST`]
    /// only (they clamp the years and days they are given); any other year would be read as
    /// the nearest, never out of the table.
    fn new(year: i32) -> Cycle {
        debug_assert!((TABLE_FIRST..=TABLE_LAST).contains(&year), "cycle {year} is not in the table");
        let year = year.clamp(TABLE_FIRST, TABLE_LAST);
        let y = (year - TABLE_FIRST) as usize;
        let leap_of = |j: usize| LEAPS.get(j).and_then(|&c| (c as char).to_digit(16)).unwrap_or(0) as usize;
        // Month 11 of this cycle: 12 months a cycle, one more in each earlier cycle with a leap.
        let first = 12 * y + (0..y).filter(|&j| leap_of(j) != 0).count();
        let leap = leap_of(y);
        let count = 12 + usize::from(leap != 0);
        let long = |n: usize| LONG_MONTHS.get(n / 64).is_some_and(|w| w >> (n % 64) & 1 == 1);
        let before: u32 = LONG_MONTHS.iter().take(first / 64).map(|w| w.count_ones()).sum::<u32>()
            + LONG_MONTHS.get(first / 64).map_or(0, |w| (w & ((1u64 << (first % 64)) - 1)).count_ones());
        let mut starts = [0; 14];
        starts[0] = DAY_FIRST + 29 * first as i64 + i64::from(before);
        for i in 0..count {
            starts[i + 1] = starts[i] + 29 + i64::from(long(first + i));
        }
        Cycle { year, starts, count, leap: (leap != 0).then_some(leap) }
    }

    /// The count of non-leap months before `offset` (0 = month 11) and whether it is leap.
    fn number(&self, offset: usize) -> (usize, bool) {
        match self.leap {
            Some(l) if offset >= l => (offset - 1, offset == l),
            _ => (offset, false),
        }
    }

    fn contains(&self, days: i64) -> bool {
        self.starts[0] <= days && days < self.starts[self.count]
    }

    fn date_of(&self, days: i64) -> LunarDate {
        let offset = (1..=self.count).find(|&i| days < self.starts[i]).unwrap_or(self.count) - 1;
        let (m, leap) = self.number(offset);
        LunarDate {
            year: if m < 2 { self.year - 1 } else { self.year },
            month: month_number(m),
            day: (days - self.starts[offset] + 1) as u32,
            leap,
        }
    }
}

thread_local! {
    /// The two cycles used last: converting consecutive days computes each cycle once.
    static CACHE: Cell<[Option<Cycle>; 2]> = const { Cell::new([None, None]) };
}

fn cached_cycle(year: i32) -> Cycle {
    CACHE.with(|cache| {
        let mut slots = cache.get();
        if let Some(c) = slots.iter().flatten().find(|c| c.year == year) {
            return *c;
        }
        let c = Cycle::new(year);
        slots = [Some(c), slots[0]];
        cache.set(slots);
        c
    })
}

fn cycle_containing(days: i64) -> Cycle {
    CACHE
        .with(|cache| {
            let slots = cache.get();
            slots.iter().flatten().find(|c| c.contains(days)).copied()
        })
        .unwrap_or_else(|| {
            let (year, _, _) = crate::model::time::civil_from_days(days);
            let cycle = cached_cycle(year);
            if days >= cycle.starts[cycle.count] {
                cached_cycle(year + 1)
            } else {
                cycle
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::days_from_civil;

    #[test]
    fn range_constants_match_the_calendar() {
        assert_eq!(FIRST_DAY, days_from_civil(FIRST_YEAR, 1, 1));
        assert_eq!(LAST_DAY, days_from_civil(LAST_YEAR, 12, 31));
    }
}
