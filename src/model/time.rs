//! Instants, time zones and durations.
//!
//! Instants are epoch milliseconds (`i64`). Text is ISO 8601, with or without an offset; text
//! without an offset is local time of the tracker's zone (default `+07:00`, Vietnam, which has
//! no daylight saving). Dates in the Vietnamese style `26/06/2021 08:00` are accepted too.
//! [`parse_instant`] documents the one grammar every reader shares; instants are accepted in
//! the years [`FIRST_YEAR`]..=[`LAST_YEAR`] only.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type Instant = i64;

/// One minute, hour and day in milliseconds.
pub const MINUTE_MS: i64 = 60_000;
/// One hour in milliseconds.
pub const HOUR_MS: i64 = 3_600_000;
/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// A fixed offset from UTC, in minutes. Vietnam is `+07:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeZone {
    /// Minutes east of UTC.
    pub offset_minutes: i32,
}

impl Default for TimeZone {
    fn default() -> Self {
        TimeZone::VIETNAM
    }
}

impl TimeZone {
    /// UTC+7, the zone of Vietnam.
    pub const VIETNAM: TimeZone = TimeZone { offset_minutes: 420 };
    /// UTC.
    pub const UTC: TimeZone = TimeZone { offset_minutes: 0 };

    /// Offset in milliseconds.
    pub fn offset_ms(self) -> i64 {
        self.offset_minutes as i64 * MINUTE_MS
    }

    /// Parses `+07:00`, `+0700`, `+07`, `-03:30`, `Z` or `UTC`.
    pub fn parse(text: &str) -> Result<TimeZone, TimeError> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") {
            return Ok(TimeZone::UTC);
        }
        if t.eq_ignore_ascii_case("Asia/Ho_Chi_Minh") || t.eq_ignore_ascii_case("Asia/Saigon") {
            return Ok(TimeZone::VIETNAM);
        }
        parse_offset(t.as_bytes()).map(|m| TimeZone { offset_minutes: m }).ok_or(TimeError::BadOffset)
    }

    /// The local civil date and time of an instant in this zone.
    pub fn civil(self, at: Instant) -> CivilDateTime {
        let local = at + self.offset_ms();
        let days = local.div_euclid(DAY_MS);
        let ms_of_day = local.rem_euclid(DAY_MS);
        let (year, month, day) = civil_from_days(days);
        CivilDateTime { year, month, day, ms_of_day }
    }
}

/// A civil (wall-clock) date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CivilDateTime {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
    /// Day of month 1..=31.
    pub day: u32,
    /// Milliseconds since local midnight.
    pub ms_of_day: i64,
}

impl CivilDateTime {
    /// ISO weekday: Monday = 1 … Sunday = 7.
    pub fn weekday(&self) -> u32 {
        let days = days_from_civil(self.year, self.month, self.day);
        ((days + 3).rem_euclid(7) + 1) as u32
    }

    /// `YYYY-MM-DD`.
    pub fn date_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a time could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeError {
    /// Empty text.
    Empty,
    /// Not a date/time form this crate reads.
    BadFormat,
    /// A field out of range (month 13, 31 February, hour 25, …).
    OutOfRange,
    /// The offset is not `Z` or `±HH[:MM]`.
    BadOffset,
    /// Not a finite number of milliseconds.
    NotFinite,
    /// A duration is not like `3d`, `4h`, `90m`, `1d4h`.
    BadDuration,
    /// A digit string (`"1624669200000"`, `"20210626080000"`): epoch milliseconds are accepted
    /// only as numbers.
    DigitString,
    /// The year lies outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
    YearOutOfRange,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeError::Empty => "empty time",
            TimeError::BadFormat => {
                "not a time: expected ISO 8601 like 2021-06-26T08:00[:00][+07:00], dd/mm/yyyy [hh:mm[:ss]], yyyy/mm/dd [hh:mm[:ss]], or epoch milliseconds as a number"
            }
            TimeError::OutOfRange => "date or time field out of range",
            TimeError::BadOffset => "bad time zone offset: expected Z or ±HH:MM",
            TimeError::NotFinite => "not a finite number of milliseconds",
            TimeError::BadDuration => "not a duration: expected like 3d, 4h, 90m, 1d4h or milliseconds",
            TimeError::DigitString => {
                "a digit string is not a time: give epoch milliseconds as a number, or a date like 2021-06-26T08:00"
            }
            TimeError::YearOutOfRange => "year outside 1900–2199, the accepted range",
        })
    }
}

impl std::error::Error for TimeError {}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = year as i64 - if month <= 2 { 1 } else { 0 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y as i32, m, d)
}

/// Number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let s = b.get(at..at + n)?;
    let mut v = 0u32;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as u32;
    }
    Some(v)
}

/// Parses `Z`, `+HH:MM`, `+HHMM`, `+HH` into minutes east of UTC.
fn parse_offset(b: &[u8]) -> Option<i32> {
    if b == b"Z" || b == b"z" {
        return Some(0);
    }
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h = digits(b, 1, 2)?;
    let m = match b.len() {
        3 => 0,
        5 => digits(b, 3, 2)?,
        6 if b[3] == b':' => digits(b, 4, 2)?,
        _ => return None,
    };
    if m > 59 || h * 60 + m > 18 * 60 {
        return None;
    }
    Some(sign * (h * 60 + m) as i32)
}

/// The first year of the accepted range of instants (see [`EARLIEST_INSTANT`]).
pub const FIRST_YEAR: i32 = 1900;
/// The last year of the accepted range of instants (see [`LATEST_INSTANT`]).
pub const LAST_YEAR: i32 = 2199;
/// The earliest instant accepted from any input: 1900-01-01T00:00 at `+18:00`, so that every
/// time written with a date in 1900 and a legal offset is accepted. 1900 is where the working
/// calendar's holiday tables start; a two-digit year typed as `0021` falls outside.
pub const EARLIEST_INSTANT: Instant = -2_208_988_800_000 - 18 * HOUR_MS;
/// The latest instant accepted from any input: 2200-01-01T00:00 at `-18:00` (2199-12-31T24:00
/// in the westernmost zone). 2199 is the last year of the lunar calendar (Tết); a date-time
/// written without separators and misread as milliseconds (`20210626080000`, year 2610) falls
/// outside.
pub const LATEST_INSTANT: Instant = 7_258_118_400_000 + 18 * HOUR_MS;

/// Parses a time text into an instant; text without an offset is local time in `zone`.
///
/// The grammar, the same for every reader (records, queries, options, the JS binding):
///
/// - ISO 8601: `YYYY-MM-DD`, optionally followed by `T` (or `t`, or one space) and
///   `HH:mm`, `HH:mm:ss` or `HH:mm:ss.fff…` (`,` accepted for `.`; digits past milliseconds are
///   truncated), then optionally an offset: `Z`, `±HH:MM`, `±HHMM` or `±HH`, at most ±18:00.
///   An offset needs a time of day.
/// - Vietnamese: `dd/MM/yyyy` (day and month of one or two digits, a four-digit year),
///   optionally followed by one space and `HH:mm` or `HH:mm:ss`; always local time.
/// - edXML (QCVN 102:2016, the SDK's `yyyy/MM/dd` and `yyyy/MM/dd HH:mm:ss`): `yyyy/MM/dd`
///   (two-digit month and day), optionally followed by one space and `HH:mm` or `HH:mm:ss`;
///   always local time.
/// - `24:00` (`24:00:00`) is the end of the day; second 60 (a leap second) is rejected.
/// - The year must lie in [`FIRST_YEAR`]..=[`LAST_YEAR`].
///
/// Anything else is an error, in particular digit strings: epoch milliseconds are accepted only
/// as numbers ([`instant_from_f64`], [`instant_from_i64`]), never as text, because a date-time
/// written without separators (`20210626080000`) would silently read as the year 2610.
pub fn parse_instant(text: &str, zone: TimeZone) -> Result<Instant, TimeError> {
    match parse_iso_seconds(text.as_bytes()) {
        Some(at) => Ok(at),
        None => parse_text(text, zone),
    }
}

/// [`parse_instant`] but for its fast path.
fn parse_text(text: &str, zone: TimeZone) -> Result<Instant, TimeError> {
    let t = super::text::trim(text);
    if t.is_empty() {
        return Err(TimeError::Empty);
    }
    let b = t.as_bytes();
    if is_number_text(b) {
        return Err(TimeError::DigitString);
    }
    // `yyyy-MM-dd` (ISO 8601) and `yyyy/MM/dd` (edXML) put the year first; only the ISO form
    // takes `T`, a fraction or an offset.
    let iso = b.len() >= 10 && b[4] == b'-' && b[7] == b'-';
    let year_first = iso || (b.len() >= 10 && b[4] == b'/' && b[7] == b'/');
    let (year, month, day, rest) = if year_first {
        let y = digits(b, 0, 4).ok_or(TimeError::BadFormat)?;
        let m = digits(b, 5, 2).ok_or(TimeError::BadFormat)?;
        let d = digits(b, 8, 2).ok_or(TimeError::BadFormat)?;
        (y as i32, m, d, &b[10..])
    } else {
        // d/M/yyyy, dd/MM/yyyy
        let field = |from: usize, max: usize, sep: Option<u8>| -> Option<(u32, usize)> {
            let mut v = 0u32;
            let mut i = from;
            while i < b.len() && b[i].is_ascii_digit() && i - from < max {
                v = v * 10 + (b[i] - b'0') as u32;
                i += 1;
            }
            let n = i - from;
            let ok = n > 0 && (max != 4 || n == 4) && sep.is_none_or(|s| b.get(i) == Some(&s));
            ok.then_some((v, if sep.is_some() { i + 1 } else { i }))
        };
        let (d, i) = field(0, 2, Some(b'/')).ok_or(TimeError::BadFormat)?;
        let (m, i) = field(i, 2, Some(b'/')).ok_or(TimeError::BadFormat)?;
        let (y, i) = field(i, 4, None).ok_or(TimeError::BadFormat)?;
        (y as i32, m, d, &b[i..])
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(TimeError::OutOfRange);
    }
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(TimeError::YearOutOfRange);
    }
    let mut ms_of_day: i64 = 0;
    let mut rest = rest;
    let separator = |c: u8| if iso { matches!(c, b'T' | b't' | b' ') } else { c == b' ' };
    if !rest.is_empty() {
        if !separator(rest[0]) || rest.len() < 2 {
            return Err(TimeError::BadFormat);
        }
        let r = &rest[1..];
        let hh = digits(r, 0, 2).ok_or(TimeError::BadFormat)?;
        if r.get(2) != Some(&b':') {
            return Err(TimeError::BadFormat);
        }
        let mm = digits(r, 3, 2).ok_or(TimeError::BadFormat)?;
        let mut used = 5;
        let mut ss = 0;
        let mut frac_ms = 0i64;
        if r.get(5) == Some(&b':') {
            ss = digits(r, 6, 2).ok_or(TimeError::BadFormat)?;
            used = 8;
            if iso && matches!(r.get(8), Some(b'.') | Some(b',')) {
                let mut i = 9;
                let mut scale = 100;
                while i < r.len() && r[i].is_ascii_digit() {
                    frac_ms += (r[i] - b'0') as i64 * scale;
                    scale /= 10;
                    i += 1;
                }
                if i == 9 {
                    return Err(TimeError::BadFormat);
                }
                used = i;
            }
        }
        if hh > 24 || mm > 59 || ss > 59 || (hh == 24 && (mm > 0 || ss > 0 || frac_ms > 0)) {
            return Err(TimeError::OutOfRange);
        }
        ms_of_day = hh as i64 * HOUR_MS + mm as i64 * MINUTE_MS + ss as i64 * 1000 + frac_ms;
        rest = &r[used..];
    }
    let rest_trimmed = trim_ascii(rest);
    let offset_ms = if rest_trimmed.is_empty() {
        zone.offset_ms()
    } else if !iso {
        return Err(TimeError::BadFormat);
    } else {
        parse_offset(rest_trimmed).ok_or(TimeError::BadOffset)? as i64 * MINUTE_MS
    };
    Ok(days_from_civil(year, month, day) * DAY_MS + ms_of_day - offset_ms)
}

/// `yyyy-MM-ddTHH:mm:ss±hh:mm`, the form the exports write, read in one go; `None` for any
/// other text (read by [`parse_instant`]'s general path, which gives the same instant for this
/// form), or when a field is out of range (the general path says which).
fn parse_iso_seconds(b: &[u8]) -> Option<Instant> {
    let b: &[u8; 25] = b.try_into().ok()?;
    let two = |i: usize| {
        let (h, l) = (b[i].wrapping_sub(b'0'), b[i + 1].wrapping_sub(b'0'));
        (h < 10 && l < 10).then_some(h as u32 * 10 + l as u32)
    };
    let sign = match b[19] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if [b[4], b[7], b[10], b[13], b[16], b[22]] != *b"--T:::" {
        return None;
    }
    let year = (two(0)? * 100 + two(2)?) as i32;
    let (month, day, hh, mm, ss) = (two(5)?, two(8)?, two(11)?, two(14)?, two(17)?);
    let offset = two(20)? * 60 + two(23)?;
    let ok = (FIRST_YEAR..=LAST_YEAR).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hh < 24
        && mm < 60
        && ss < 60
        && b[23] < b'6'
        && offset <= 18 * 60;
    let ms_of_day = hh as i64 * HOUR_MS + mm as i64 * MINUTE_MS + ss as i64 * 1000;
    ok.then(|| days_from_civil(year, month, day) * DAY_MS + ms_of_day - sign * offset as i64 * MINUTE_MS)
}

/// Whether `b` is a number written out: an optional sign, digits, an optional fraction.
fn is_number_text(b: &[u8]) -> bool {
    let b = b.strip_prefix(b"-").or_else(|| b.strip_prefix(b"+")).unwrap_or(b);
    let (whole, frac) = match b.iter().position(|&c| c == b'.') {
        Some(i) => (&b[..i], &b[i + 1..]),
        None => (b, &b[..0]),
    };
    !whole.is_empty() && whole.iter().chain(frac).all(u8::is_ascii_digit)
}

/// Whether `text` is a date without a time of day (`2021-07-01`, `1/7/2021`), as
/// [`parse_instant`] reads it.
pub fn is_date_only(text: &str) -> bool {
    let t = text.trim();
    (t.len() == 10 && t.as_bytes()[4] == b'-') || (t.contains('/') && !t.contains(':') && !t.contains(' '))
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let mut s = 0;
    let mut e = b.len();
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    &b[s..e]
}

/// The largest instant accepted, as for a JS `Date`: ±8.64e15 ms (about ±275 000 years).
/// Bounding instants keeps every difference and bucket computation far from overflow.
pub const MAX_INSTANT: Instant = 8_640_000_000_000_000;

/// Epoch milliseconds from a JS number: must be finite (`NaN`, an invalid `Date`, is an error)
/// and within [`EARLIEST_INSTANT`]..=[`LATEST_INSTANT`]; fractions are truncated.
pub fn instant_from_f64(ms: f64) -> Result<Instant, TimeError> {
    if !ms.is_finite() {
        return Err(TimeError::NotFinite);
    }
    let ms = ms.trunc();
    if ms < EARLIEST_INSTANT as f64 || ms > LATEST_INSTANT as f64 {
        return Err(TimeError::YearOutOfRange);
    }
    Ok(ms as i64)
}

/// Checks that epoch milliseconds lie within [`EARLIEST_INSTANT`]..=[`LATEST_INSTANT`].
pub fn instant_from_i64(ms: i64) -> Result<Instant, TimeError> {
    if !(EARLIEST_INSTANT..=LATEST_INSTANT).contains(&ms) {
        return Err(TimeError::YearOutOfRange);
    }
    Ok(ms)
}

/// ISO 8601 text of an instant in `zone`, e.g. `2021-06-26T08:00:00+07:00`.
pub fn format_instant(at: Instant, zone: TimeZone) -> String {
    let c = zone.civil(at);
    let s = c.ms_of_day / 1000;
    let off = zone.offset_minutes;
    let sign = if off < 0 { '-' } else { '+' };
    format!(
        "{}T{:02}:{:02}:{:02}{}{:02}:{:02}",
        c.date_string(),
        s / 3600,
        (s / 60) % 60,
        s % 60,
        sign,
        off.abs() / 60,
        off.abs() % 60
    )
}

/// Parses a duration like `3d`, `4h`, `90m`, `30s`, `1d4h`, `2w`, or a plain number of
/// milliseconds, into milliseconds of *calendar* time, where a day is 24 h.
///
/// Where a working calendar applies, the caller reads the same units as working time; see
/// [`DurationSpec`].
pub fn parse_duration_ms(text: &str) -> Result<i64, TimeError> {
    DurationSpec::parse(text).map(|d| d.calendar_ms())
}

/// The number written `digits[.digits]` (`1.5`, `.5`, `2.`), read exactly as `str::parse`
/// reads it: the digits as one integer divided by a power of ten is correctly rounded. Digits
/// past the fifteenth are dropped (they cannot change a duration by a millisecond). Written by
/// hand: the standard float reader carries a 10 KB table into the WebAssembly package.
fn decimal(text: &str) -> Option<f64> {
    const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if (int.is_empty() && frac.is_empty()) || !(int.bytes().chain(frac.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int = int.trim_start_matches('0');
    if int.len() > 15 {
        return Some(f64::INFINITY); // far beyond any duration
    }
    let frac = &frac[..frac.len().min(15 - int.len())];
    let mantissa = int.bytes().chain(frac.bytes()).fold(0u64, |m, d| m * 10 + u64::from(d - b'0'));
    Some(mantissa as f64 / POW10[frac.len()])
}

/// A duration as written by a user: whole days plus milliseconds.
///
/// Days are kept apart because, under a working calendar, `3d` means three *working days*,
/// not 72 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DurationSpec {
    /// Whole days (`d`) and weeks (`w` = 7 days).
    pub days: i64,
    /// Hours, minutes, seconds and milliseconds, in milliseconds.
    pub ms: i64,
}

impl DurationSpec {
    /// Parses `3d`, `4h`, `90m`, `30s`, `1d4h`, `2w`, `1.5h` or a plain number of milliseconds.
    pub fn parse(text: &str) -> Result<DurationSpec, TimeError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(TimeError::BadDuration);
        }
        if let Ok(ms) = t.parse::<i64>() {
            if ms.unsigned_abs() > MAX_INSTANT as u64 {
                return Err(TimeError::BadDuration);
            }
            return Ok(DurationSpec { days: 0, ms });
        }
        let mut spec = DurationSpec::default();
        let mut num = String::new();
        let mut any = false;
        for c in t.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            let v = decimal(&num).ok_or(TimeError::BadDuration)?;
            num.clear();
            // Bounded so that no later sum or product can overflow.
            if v > 1e9 {
                return Err(TimeError::BadDuration);
            }
            match c {
                'w' if v.fract() == 0.0 => spec.days = spec.days.saturating_add(v as i64 * 7),
                'd' => {
                    spec.days = spec.days.saturating_add(v.trunc() as i64);
                    spec.ms = spec.ms.saturating_add((v.fract() * DAY_MS as f64).round() as i64);
                }
                'h' => spec.ms = spec.ms.saturating_add((v * HOUR_MS as f64).round() as i64),
                'm' => spec.ms = spec.ms.saturating_add((v * MINUTE_MS as f64).round() as i64),
                's' => spec.ms = spec.ms.saturating_add((v * 1000.0).round() as i64),
                _ => return Err(TimeError::BadDuration),
            }
            any = true;
        }
        if !num.is_empty() || !any {
            return Err(TimeError::BadDuration);
        }
        Ok(spec)
    }

    /// The duration in calendar milliseconds (a day is 24 h).
    pub fn calendar_ms(self) -> i64 {
        self.days.saturating_mul(DAY_MS).saturating_add(self.ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_numbers_read_as_str_parse_reads_them() {
        for t in ["1", "1.5", ".5", "2.", "0.1", "1.1", "3.14159", "000.25", "999999999.999999", "0.000001"] {
            assert_eq!(decimal(t), t.parse::<f64>().ok(), "{t}");
        }
        for t in [".", "", "1.2.3", "1e3", "-1", "+1"] {
            assert_eq!(decimal(t), None, "{t}");
        }
        let mut seed = 3u64;
        for _ in 0..100_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let (i, f, k) = ((seed >> 40) % 1_000_000, (seed >> 8) % 100_000_000, (seed % 9) as usize);
            let t = format!("{i}.{:0k$}", f % 10u64.pow(k as u32));
            assert_eq!(decimal(&t), t.parse::<f64>().ok(), "{t}");
        }
    }

    const VN: TimeZone = TimeZone::VIETNAM;

    #[test]
    fn the_fast_iso_path_agrees_with_the_general_one() {
        let mut seed = 7u64;
        let mut fast = 0;
        for i in 0..300_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let mut b = *b"2024-02-29T23:59:59+07:00";
            // Random digits everywhere, sometimes another byte anywhere.
            for (k, c) in b.iter_mut().enumerate() {
                if c.is_ascii_digit() && (seed >> (k % 60)) & 1 == 1 {
                    *c = b'0' + ((seed >> (k + 3)) % 10) as u8;
                }
            }
            if i % 3 == 0 {
                let k = (seed >> 50) as usize % b.len();
                b[k] = b"-+:T tZ0912/"[(seed >> 20) as usize % 12];
            }
            if i % 5 == 0 {
                b[0..4].copy_from_slice(b"2024");
            }
            let t = std::str::from_utf8(&b).unwrap();
            if let Some(at) = parse_iso_seconds(&b) {
                fast += 1;
                assert_eq!(Ok(at), parse_text(t, VN), "{t}");
            }
        }
        assert!(fast > 1000, "{fast}");
        for t in ["2025-01-06T07:30:39+07:00", "1900-01-01T00:00:00+18:00", "2199-12-31T23:59:59-18:00"] {
            assert_eq!(parse_iso_seconds(t.as_bytes()).map(Ok), Some(parse_text(t, VN)), "{t}");
        }
    }

    #[test]
    fn parses_iso_forms() {
        // 2021-06-26T01:00Z is 08:00 in Vietnam.
        let utc = 1_624_669_200_000;
        assert_eq!(parse_instant("2021-06-26T08:00", VN), Ok(utc));
        assert_eq!(parse_instant("2021-06-26 08:00:00", VN), Ok(utc));
        assert_eq!(parse_instant("2021-06-26T01:00:00Z", VN), Ok(utc));
        assert_eq!(parse_instant("2021-06-26T08:00:00+07:00", VN), Ok(utc));
        assert_eq!(parse_instant("2021-06-26T08:00:00+0700", VN), Ok(utc));
        assert_eq!(parse_instant("2021-06-26T01:00:00.250Z", VN), Ok(utc + 250));
        assert_eq!(parse_instant("26/06/2021 08:00", VN), Ok(utc));
        assert_eq!(parse_instant("26/06/2021", VN), Ok(utc - 8 * HOUR_MS));
        assert_eq!(parse_instant("2021-06-26", VN), Ok(utc - 8 * HOUR_MS));
        assert_eq!(parse_instant("2021-06-26t01:00z", VN), Ok(utc));
        assert_eq!(parse_instant("2021-06-26 08:00 +07:00", VN), Ok(utc));
        assert_eq!(parse_instant("2021-06-26T08:00:00,5+07", VN), Ok(utc + 500));
        assert_eq!(parse_instant("2021-06-26T01:00:00.123456789Z", VN), Ok(utc + 123));
        assert_eq!(parse_instant("  26/6/2021 08:00:30 ", VN), Ok(utc + 30_000));
        // edXML (QCVN 102:2016) writes year first with slashes.
        assert_eq!(parse_instant("2021/06/26 08:00:00", VN), Ok(utc));
        assert_eq!(parse_instant("2021/06/26 08:00", VN), Ok(utc));
        assert_eq!(parse_instant("2021/06/26", VN), Ok(utc - 8 * HOUR_MS));
        assert!(is_date_only("2021/06/26") && !is_date_only("2021/06/26 08:00:00"));
        assert_eq!(parse_instant("2021-06-25T24:00", VN), Ok(utc - 8 * HOUR_MS));
        assert_eq!(parse_instant("2021-06-26T08:00", TimeZone::UTC), Ok(utc + 7 * HOUR_MS));
    }

    #[test]
    fn rejects_bad_times() {
        assert_eq!(parse_instant("", VN), Err(TimeError::Empty));
        assert_eq!(parse_instant("yesterday", VN), Err(TimeError::BadFormat));
        assert_eq!(parse_instant("2021-02-30", VN), Err(TimeError::OutOfRange));
        assert_eq!(parse_instant("2021-06-26T25:00", VN), Err(TimeError::OutOfRange));
        assert_eq!(parse_instant("2021-06-26T08:00+7", VN), Err(TimeError::BadOffset));
        assert_eq!(instant_from_f64(f64::NAN), Err(TimeError::NotFinite));
        assert_eq!(instant_from_f64(f64::INFINITY), Err(TimeError::NotFinite));
    }

    #[test]
    fn digit_strings_are_not_times() {
        // Epoch milliseconds only as numbers: a date-time without separators would read as 2610.
        for t in ["1624669200000", "20210626080000", "-5", "+1624669200000", "1624669200000.5", "2021", "0"] {
            assert_eq!(parse_instant(t, VN), Err(TimeError::DigitString), "{t}");
        }
        assert!(TimeError::DigitString.to_string().contains("as a number"));
    }

    #[test]
    fn leap_seconds_and_far_offsets_are_rejected() {
        assert_eq!(parse_instant("2021-06-26T08:00:60", VN), Err(TimeError::OutOfRange));
        assert_eq!(parse_instant("26/06/2021 08:00:60", VN), Err(TimeError::OutOfRange));
        assert_eq!(parse_instant("2021-06-26T24:00:01", VN), Err(TimeError::OutOfRange));
        assert!(parse_instant("2021-06-26T08:00+18:00", VN).is_ok());
        assert!(parse_instant("2021-06-26T08:00-18:00", VN).is_ok());
        assert_eq!(parse_instant("2021-06-26T08:00+18:01", VN), Err(TimeError::BadOffset));
        assert_eq!(parse_instant("2021-06-26T08:00-1900", VN), Err(TimeError::BadOffset));
        assert_eq!(parse_instant("2021-06-26T08:00+07:60", VN), Err(TimeError::BadOffset));
        assert_eq!(TimeZone::parse("+18:30"), Err(TimeError::BadOffset));
    }

    #[test]
    fn only_the_documented_forms() {
        for t in [
            "2021-06-26Z",            // an offset needs a time of day
            "2021-06-26T",            // a separator without a time
            "2021-06-26T08",          // hours alone
            "2021-06-26T8:00",        // one-digit hour
            "2021-06-26X08:00",       // unknown separator
            "26/06/2021T08:00",       // the Vietnamese form takes a space
            "26/06/2021 08:00+07:00", // … and no offset
            "26/06/2021 08:00:00.5",  // … and no fraction
            "26/06/21",               // two-digit year
            "126/06/2021",            // three-digit day
            "26-06-2021",
            "2021/6/26",              // the edXML form has two-digit months
            "2021/06/26T08:00",       // … takes a space
            "2021/06/26 08:00+07:00", // … and no offset
            "2021/06/26 08:00:00.5",  // … and no fraction
            "2021-06-26T08:00:00.",   // a point without digits
        ] {
            assert!(parse_instant(t, VN).is_err(), "{t} should be rejected");
        }
    }

    #[test]
    fn years_outside_1900_2199_are_rejected() {
        assert_eq!(EARLIEST_INSTANT, days_from_civil(1900, 1, 1) * DAY_MS - 18 * HOUR_MS);
        assert_eq!(LATEST_INSTANT, days_from_civil(2200, 1, 1) * DAY_MS + 18 * HOUR_MS);
        assert_eq!(parse_instant("0021-06-26", VN), Err(TimeError::YearOutOfRange));
        assert_eq!(parse_instant("1899-12-31T23:59", VN), Err(TimeError::YearOutOfRange));
        assert_eq!(parse_instant("2200-01-01", VN), Err(TimeError::YearOutOfRange));
        assert_eq!(parse_instant("01/01/2200", VN), Err(TimeError::YearOutOfRange));
        // Every time written in 1900–2199 with a legal offset is accepted.
        assert!(parse_instant("1900-01-01T00:00+18:00", VN).is_ok());
        assert!(parse_instant("2199-12-31T24:00-18:00", VN).is_ok());
        assert!(parse_instant("1900-01-01", TimeZone { offset_minutes: 18 * 60 }).is_ok());
        // Numbers: the same range, whatever the type.
        assert_eq!(instant_from_i64(EARLIEST_INSTANT), Ok(EARLIEST_INSTANT));
        assert_eq!(instant_from_i64(LATEST_INSTANT), Ok(LATEST_INSTANT));
        assert_eq!(instant_from_i64(EARLIEST_INSTANT - 1), Err(TimeError::YearOutOfRange));
        assert_eq!(instant_from_i64(LATEST_INSTANT + 1), Err(TimeError::YearOutOfRange));
        assert_eq!(instant_from_f64(20_210_626_080_000.0), Err(TimeError::YearOutOfRange));
        assert_eq!(instant_from_f64(-8.64e15), Err(TimeError::YearOutOfRange));
        assert_eq!(instant_from_f64(0.0), Ok(0));
        assert_eq!(instant_from_f64(1.9), Ok(1));
    }

    #[test]
    fn civil_round_trip_and_weekday() {
        for days in [-800_000i64, -1, 0, 1, 18_000, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        // 26 Nov 2026 is a Thursday.
        let c = VN.civil(parse_instant("2026-11-26T10:00", VN).unwrap());
        assert_eq!((c.year, c.month, c.day, c.weekday()), (2026, 11, 26, 4));
        assert_eq!(format_instant(1_624_669_200_000, VN), "2021-06-26T08:00:00+07:00");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration_ms("3d"), Ok(3 * DAY_MS));
        assert_eq!(parse_duration_ms("4h"), Ok(4 * HOUR_MS));
        assert_eq!(parse_duration_ms("90m"), Ok(90 * MINUTE_MS));
        assert_eq!(parse_duration_ms("1d4h"), Ok(DAY_MS + 4 * HOUR_MS));
        assert_eq!(parse_duration_ms("1.5h"), Ok(90 * MINUTE_MS));
        assert_eq!(parse_duration_ms("1500"), Ok(1500));
        assert_eq!(DurationSpec::parse("2w").unwrap().days, 14);
        assert!(parse_duration_ms("3x").is_err());
        assert!(parse_duration_ms("d").is_err());
        assert!(parse_duration_ms("3").is_ok());
    }
}
