//! The plain-data (JSON) form of a working calendar and of deadline rules: what the JS API reads
//! and writes — `new Calendar(spec)`, `Calendar.toJSON()`, and the tracker options `calendar` and
//! `dueRules` (SPEC §5).
//!
//! A [`CalendarSpec`] records what a user changed in the Vietnamese calendar: the office hours,
//! the schedules added for newly announced years, and custom days off and working days. An equal
//! calendar is rebuilt from it with [`CalendarSpec::build`], so the spec is all a tracker needs to
//! keep its own copy.
//!
//! In a spec, a date is a local day in Vietnam (UTC+7): `"2026-12-31"`, `"31/12/2026"`, an ISO
//! date-time (its day in UTC+7, so a JS `Date` serialized as UTC text reads right) or epoch
//! milliseconds. Office hours are written `"07:30-11:30,13:30-17:00"`. Dates and schedule years
//! lie in 1900–2100, the range of the calendar's tables (outside it only weekends are days off).
//! Errors name the field at fault, with indexes: `daysOff[1].date`, `[0].within`.
//!
//! # Example
//!
//! ```
//! use lienthong::calendar::spec::CalendarSpec;
//!
//! let spec = CalendarSpec::from_json(&serde_json::json!({
//!     "hours": "08:00-12:00,13:00-17:00",
//!     "daysOff": [{ "date": "2026-12-31", "name": "Nghỉ cuối năm" }],
//! }))
//! .unwrap();
//! let cal = spec.build();
//! assert!(!cal.is_working_date(2026, 12, 31));
//! assert_eq!(spec.to_json().hours, "08:00-12:00,13:00-17:00");
//! assert!(CalendarSpec::from_json(&serde_json::json!({ "hours": "8-17" })).is_err());
//! ```

use super::by_key::ByKey;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use super::vietnam::{Schedule, VietnamCalendar, DEFAULT_OFFICE_HOURS, TABLE_FIRST_YEAR, TABLE_LAST_YEAR};
use super::{ContinuousTime, DueRule, WorkingTime};
use crate::ingest::json::Plain;
use crate::model::time::{civil_from_days, days_from_civil, instant_from_f64, parse_instant};
use crate::model::{DurationSpec, Instant, TimeZone, Urgency, DAY_MS, HOUR_MS, MINUTE_MS};

/// Name of a custom day off given without one.
pub const CUSTOM_DAY_OFF: &str = "Ngày nghỉ riêng";

/// A spec that cannot be read: the field at fault (a path such as `daysOff[1].date`, empty for
/// the value itself) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// Path of the field, relative to the value read.
    pub field: String,
    /// What is wrong with it.
    pub reason: String,
}

impl SpecError {
    fn new(field: &str, reason: String) -> SpecError {
        SpecError { field: field.to_string(), reason }
    }

    /// "expected `what`, got <the type of `v`>".
    fn expected(field: &str, what: &str, v: &Plain) -> SpecError {
        SpecError::new(field, format!("expected {what}, got {}", kind(v)))
    }

    /// The same error seen from the value that holds the one read: `under("calendar")` turns
    /// `daysOff[1]` into `calendar.daysOff[1]`, and `under("dueRules")` turns `[1].within` into
    /// `dueRules[1].within`.
    pub fn under(mut self, parent: &str) -> SpecError {
        let sep = if self.field.is_empty() || self.field.starts_with('[') { "" } else { "." };
        self.field = format!("{parent}{sep}{}", self.field);
        self
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.field, self.reason)
        }
    }
}

impl std::error::Error for SpecError {}

type Result<T> = std::result::Result<T, SpecError>;

/// Joins a field path: `path("", "hours")` = `hours`, `path("schedules[0]", "year")` =
/// `schedules[0].year`.
fn path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        SpecError::new(key, String::new()).under(parent).field
    }
}

/// A short description of a JSON value's type, for messages.
fn kind(v: &Plain) -> &'static str {
    match v {
        Plain::Null => "null",
        Plain::Bool(_) => "boolean",
        Plain::Number(_) => "number",
        Plain::String(_) => "string",
        Plain::Array(_) => "array",
        Plain::Object(_) => "object",
    }
}

/// The object at `field`, after checking that it has no key outside `allowed` (catches typos
/// such as `dayOff`).
fn object<'a>(v: &'a Plain, field: &str, allowed: &[&str]) -> Result<&'a [(String, Plain)]> {
    let Plain::Object(map) = v else {
        return Err(SpecError::expected(field, "an object", v));
    };
    match map.iter().map(|(k, _)| k).find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(SpecError::new(&path(field, k), format!("unknown field; known fields: {}", allowed.join(", ")))),
        None => Ok(map),
    }
}

/// The value at `key`, `None` when missing or `null`.
fn get<'a>(map: &'a [(String, Plain)], key: &str) -> Option<&'a Plain> {
    map.iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| !v.is_null())
}

/// The items of the array at `key` (missing or `null`: none).
fn array<'a>(map: &'a [(String, Plain)], key: &str) -> Result<&'a [Plain]> {
    match get(map, key) {
        None => Ok(&[]),
        Some(Plain::Array(items)) => Ok(items),
        Some(v) => Err(SpecError::expected(key, "an array", v)),
    }
}

/// A non-empty string, trimmed, or `None` when missing or `null`.
fn text(map: &[(String, Plain)], key: &str, field: &str) -> Result<Option<String>> {
    match get(map, key) {
        None => Ok(None),
        Some(Plain::String(s)) if !s.trim().is_empty() => Ok(Some(s.trim().to_string())),
        Some(v) => Err(SpecError::expected(field, "a non-empty string", v)),
    }
}

/// The local day in Vietnam (UTC+7) of an instant, as days since 1970-01-01.
pub fn vietnam_day(at: Instant) -> i64 {
    (at + TimeZone::VIETNAM.offset_ms()).div_euclid(DAY_MS)
}

/// `YYYY-MM-DD` of a day since 1970-01-01.
pub fn format_day(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A year of the calendar's tables (1900–2100), from a JS number.
pub fn year(v: f64) -> std::result::Result<i32, String> {
    if v.fract() == 0.0 && (f64::from(TABLE_FIRST_YEAR)..=f64::from(TABLE_LAST_YEAR)).contains(&v) {
        Ok(v as i32)
    } else {
        Err(format!("expected a whole year from {TABLE_FIRST_YEAR} to {TABLE_LAST_YEAR}, got {v}"))
    }
}

/// Local day `day` (days since 1970-01-01), checked to lie in the calendar's range.
pub fn calendar_day(day: i64) -> std::result::Result<i64, String> {
    if (TABLE_FIRST_YEAR..=TABLE_LAST_YEAR).contains(&civil_from_days(day).0) {
        Ok(day)
    } else {
        let (first, last) = (TABLE_FIRST_YEAR, TABLE_LAST_YEAR);
        Err(format!("{} is outside {first}–{last}, where the calendar knows holidays", format_day(day)))
    }
}

/// A date in a spec, as its local day: text (date, or date-time read in UTC+7) or epoch
/// milliseconds.
fn date(v: &Plain, field: &str) -> Result<i64> {
    let at = match v {
        Plain::String(s) => parse_instant(s, TimeZone::VIETNAM),
        Plain::Number(n) => instant_from_f64(n.as_f64().unwrap_or(f64::NAN)),
        _ => return Err(SpecError::expected(field, "a date like \"2026-12-31\"", v)),
    };
    let day = at.map(vietnam_day).map_err(|e| e.to_string()).and_then(calendar_day);
    day.map_err(|e| SpecError::new(field, e))
}

/// A day in a spec: a date, or `{ date, name }`.
fn day_off(v: &Plain, field: &str) -> Result<(i64, Option<String>)> {
    if !v.is_object() {
        return Ok((date(v, field)?, None));
    }
    let map = object(v, field, &["date", "name"])?;
    let date_field = path(field, "date");
    let day = date(get(map, "date").unwrap_or(&Plain::Null), &date_field)?;
    Ok((day, text(map, "name", &path(field, "name"))?))
}

/// Office hours: `"07:30-11:30,13:30-17:00"`, ranges in order and not overlapping, as
/// milliseconds after local midnight.
///
/// ```
/// use lienthong::calendar::spec::parse_hours;
/// assert_eq!(parse_hours("8:00-12:00").unwrap(), [(8 * 3_600_000, 12 * 3_600_000)]);
/// assert!(parse_hours("13:30-17:00,07:30-11:30").is_err());
/// ```
pub fn parse_hours(text: &str) -> std::result::Result<Vec<(i64, i64)>, String> {
    // H:MM or HH:MM, up to 24:00.
    let time = |s: &str| -> Option<i64> {
        let (h, m) = s.trim().split_once(':')?;
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if !(1..=2).contains(&h.len()) || m.len() != 2 || !digits(h) || !digits(m) {
            return None;
        }
        let t = h.parse::<i64>().ok()? * HOUR_MS + m.parse::<i64>().ok()? * MINUTE_MS;
        (m < "60" && t <= DAY_MS).then_some(t)
    };
    let mut out: Vec<(i64, i64)> = Vec::new();
    for range in text.split(',') {
        let range = range.trim();
        let (s, e) = match range.split_once(['-', '–']).map(|(s, e)| (time(s), time(e))) {
            Some((Some(s), Some(e))) => (s, e),
            _ => return Err(format!("{range:?} is not a range like \"07:30-11:30\"")),
        };
        if s >= e || out.last().is_some_and(|last| s < last.1) {
            return Err(format!("{range:?} is empty, or starts before the range ahead of it ends"));
        }
        out.push((s, e));
    }
    Ok(out)
}

/// Office hours as text: `"07:30-11:30,13:30-17:00"`.
pub fn format_hours(hours: &[(i64, i64)]) -> String {
    let mut out = String::new();
    for (i, &(s, e)) in hours.iter().enumerate() {
        let (sep, h0, m0) = (if i == 0 { "" } else { "," }, s / HOUR_MS, s % HOUR_MS / MINUTE_MS);
        out += &format!("{sep}{h0:02}:{m0:02}-{:02}:{:02}", e / HOUR_MS, e % HOUR_MS / MINUTE_MS);
    }
    out
}

/// What was changed in the Vietnamese calendar ([`VietnamCalendar::new`]): office hours,
/// schedules added for newly announced years, custom days off and working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarSpec {
    hours: Vec<(i64, i64)>,
    schedules: ByKey<i32, Schedule>,
    /// Custom days by local day (days since 1970-01-01): `(true, "")` a working day,
    /// `(false, name)` a day off.
    custom: ByKey<i64, (bool, String)>,
}

impl Default for CalendarSpec {
    fn default() -> Self {
        CalendarSpec { hours: DEFAULT_OFFICE_HOURS.to_vec(), schedules: ByKey::default(), custom: ByKey::default() }
    }
}

/// The plain form of a [`CalendarSpec`] (`Calendar.toJSON()`), dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpecJson {
    /// Office hours, `"07:30-11:30,13:30-17:00"`.
    pub hours: String,
    /// The schedules added, by year.
    pub schedules: Vec<ScheduleJson>,
    /// Custom days off.
    pub days_off: Vec<DayOff>,
    /// Custom working days.
    pub working_days: Vec<String>,
}

/// The plain form of a [`Schedule`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleJson {
    /// The year it governs.
    pub year: i32,
    /// Weekdays off.
    pub days_off: Vec<String>,
    /// Weekend days worked.
    pub working_days: Vec<String>,
}

/// `YYYY-MM-DD` of each date.
fn format_dates(dates: &[(i32, u32, u32)]) -> Vec<String> {
    let mut out = Vec::with_capacity(dates.len());
    for &(y, m, d) in dates {
        out.push(format_day(days_from_civil(y, m, d)));
    }
    out
}

impl CalendarSpec {
    /// Reads `{ hours, daysOff, workingDays, schedules }`, every key optional: `daysOff` lists
    /// dates or `{ date, name }`, `workingDays` dates, `schedules` what
    /// [`schedule_from_json`] reads. A day may not be both a day off and a working day.
    pub fn from_json(v: &Value) -> Result<CalendarSpec> {
        CalendarSpec::from_plain(&Plain::from(v))
    }

    /// [`CalendarSpec::from_json`] of a [`Plain`] value (what the JS binding reads).
    pub fn from_plain(v: &Plain) -> Result<CalendarSpec> {
        let map = object(v, "", &["hours", "daysOff", "workingDays", "schedules"])?;
        let mut spec = CalendarSpec::default();
        match get(map, "hours") {
            None => {}
            Some(Plain::String(s)) => spec.hours = parse_hours(s).map_err(|e| SpecError::new("hours", e))?,
            Some(v) => return Err(SpecError::expected("hours", "text like \"07:30-11:30,13:30-17:00\"", v)),
        }
        for (i, v) in array(map, "schedules")?.iter().enumerate() {
            let field = format!("schedules[{i}]");
            let s = schedule_from_plain(v).map_err(|e| e.under(&field))?;
            if spec.schedules.contains_key(&s.year) {
                return Err(SpecError::new(&path(&field, "year"), format!("{} is given twice", s.year)));
            }
            spec.add_schedule(s);
        }
        for (i, v) in array(map, "daysOff")?.iter().enumerate() {
            let (day, name) = day_off(v, &format!("daysOff[{i}]"))?;
            spec.add_day_off(day, name);
        }
        for (i, v) in array(map, "workingDays")?.iter().enumerate() {
            let field = format!("workingDays[{i}]");
            let day = date(v, &field)?;
            if spec.custom.insert(day, (true, String::new())).is_some_and(|(working, _)| !working) {
                return Err(SpecError::new(&field, format!("{} is also in daysOff", format_day(day))));
            }
        }
        Ok(spec)
    }

    /// The plain form; [`CalendarSpec::from_json`] reads it back to an equal spec.
    pub fn to_json(&self) -> SpecJson {
        let mut out = SpecJson {
            hours: format_hours(&self.hours),
            schedules: Vec::with_capacity(self.schedules.len()),
            days_off: Vec::new(),
            working_days: Vec::new(),
        };
        for s in self.schedules.values() {
            let (days_off, working_days) = (format_dates(&s.days_off), format_dates(&s.working_days));
            out.schedules.push(ScheduleJson { year: s.year, days_off, working_days });
        }
        for (&day, (working, name)) in self.custom.iter() {
            if *working {
                out.working_days.push(format_day(day));
            } else {
                out.days_off.push(DayOff { date: format_day(day), name: name.clone() });
            }
        }
        out
    }

    /// The office hours.
    pub fn hours(&self) -> &[(i64, i64)] {
        &self.hours
    }

    /// Adds or replaces the schedule of a year (see [`VietnamCalendar::add_schedule`]).
    pub fn add_schedule(&mut self, schedule: Schedule) {
        self.schedules.insert(schedule.year, schedule);
    }

    /// Makes a local day (days since 1970-01-01) a day off, named `name` (default
    /// [`CUSTOM_DAY_OFF`]); replaces an earlier custom working day.
    pub fn add_day_off(&mut self, day: i64, name: Option<String>) {
        self.custom.insert(day, (false, name.unwrap_or_else(|| CUSTOM_DAY_OFF.to_string())));
    }

    /// Makes a local day a working day; replaces an earlier custom day off.
    pub fn add_working_day(&mut self, day: i64) {
        self.custom.insert(day, (true, String::new()));
    }

    /// Whether the spec changes nothing: the calendar is [`VietnamCalendar::new`].
    pub fn is_default(&self) -> bool {
        self.hours == DEFAULT_OFFICE_HOURS && self.schedules.is_empty() && self.custom.is_empty()
    }

    /// The calendar the spec describes.
    pub fn build(&self) -> VietnamCalendar {
        let mut cal = VietnamCalendar::new();
        // Hours from parse_hours are never empty; were they, the default hours would stay.
        cal.set_office_hours(&self.hours);
        for s in self.schedules.values() {
            cal.add_schedule(s.clone());
        }
        for (&day, (working, name)) in self.custom.iter() {
            let (y, m, d) = civil_from_days(day);
            if *working {
                cal.add_working_day(y, m, d);
            } else {
                cal.add_day_off(y, m, d, name);
            }
        }
        cal
    }

    /// The calendar, shared: the process-wide default ([`VietnamCalendar::shared`], its tables
    /// built once) when the spec changes nothing.
    pub fn clock(&self) -> Arc<VietnamCalendar> {
        if self.is_default() {
            VietnamCalendar::shared()
        } else {
            Arc::new(self.build())
        }
    }
}

/// Reads a year's announced schedule: `{ year, daysOff, workingDays }`, the dates of that year
/// (names given with `{ date, name }` are not kept: the calendar names the days itself).
pub fn schedule_from_json(v: &Value) -> Result<Schedule> {
    schedule_from_plain(&Plain::from(v))
}

/// [`schedule_from_json`] of a [`Plain`] value.
pub fn schedule_from_plain(v: &Plain) -> Result<Schedule> {
    let map = object(v, "", &["year", "daysOff", "workingDays"])?;
    let year = match get(map, "year") {
        Some(Plain::Number(n)) => self::year(n.as_f64().unwrap_or(f64::NAN)).map_err(|e| SpecError::new("year", e))?,
        Some(v) => return Err(SpecError::expected("year", "a number", v)),
        None => return Err(SpecError::new("year", "required".into())),
    };
    let mut schedule = Schedule { year, days_off: Vec::new(), working_days: Vec::new() };
    for key in ["daysOff", "workingDays"] {
        for (i, v) in array(map, key)?.iter().enumerate() {
            let field = format!("{key}[{i}]");
            let day = day_off(v, &field)?.0;
            let date = civil_from_days(day);
            if date.0 != year {
                let reason = format!("{} is not in {year}; add it with addDayOff or addWorkingDay", format_day(day));
                return Err(SpecError::new(&field, reason));
            }
            if key == "daysOff" { &mut schedule.days_off } else { &mut schedule.working_days }.push(date);
        }
    }
    Ok(schedule)
}

/// Reads the tracker option `calendar`: `"vietnam"` (the default), `"continuous"` (every
/// millisecond is working time), or a [`CalendarSpec`].
pub fn clock_from_json(v: &Value) -> Result<Arc<dyn WorkingTime>> {
    clock_from_plain(&Plain::from(v))
}

/// [`clock_from_json`] of a [`Plain`] value.
pub fn clock_from_plain(v: &Plain) -> Result<Arc<dyn WorkingTime>> {
    match v {
        Plain::Null => Ok(VietnamCalendar::shared()),
        Plain::String(s) if s == "vietnam" => Ok(VietnamCalendar::shared()),
        Plain::String(s) if s == "continuous" => Ok(Arc::new(ContinuousTime)),
        Plain::Object(_) => Ok(CalendarSpec::from_plain(v)?.clock()),
        _ => Err(SpecError::expected(
            "",
            "a Calendar, a calendar spec { hours, daysOff, workingDays, schedules }, \"vietnam\" or \"continuous\"",
            v,
        )),
    }
}

/// Reads the tracker option `dueRules`: `[{ type?, urgency?, within }]`, `within` a working
/// duration (`"3d"`, `"4h"`, or milliseconds) greater than zero.
pub fn due_rules_from_json(v: &Value) -> Result<Vec<DueRule>> {
    due_rules_from_plain(&Plain::from(v))
}

/// [`due_rules_from_json`] of a [`Plain`] value.
pub fn due_rules_from_plain(v: &Plain) -> Result<Vec<DueRule>> {
    let items = match v {
        Plain::Array(items) => items,
        Plain::Null => return Ok(Vec::new()),
        _ => return Err(SpecError::expected("", "an array of rules { type, urgency, within }", v)),
    };
    let mut rules = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        let field = format!("[{i}]");
        let at = |key: &str| path(&field, key);
        let map = object(v, &field, &["type", "urgency", "within"])?;
        let doc_type = text(map, "type", &at("type"))?;
        let urgency = match text(map, "urgency", &at("urgency"))? {
            None => None,
            Some(u) => Some(Urgency::parse(&u).ok_or_else(|| {
                let mut known = String::new();
                for u in Urgency::ALL {
                    known += &format!("{}{:?}", if known.is_empty() { "" } else { ", " }, u.as_str());
                }
                SpecError::new(&at("urgency"), format!("unknown urgency {u:?}; expected one of {known}"))
            })?),
        };
        let within = match get(map, "within") {
            Some(Plain::String(s)) => {
                DurationSpec::parse(s).map_err(|e| SpecError::new(&at("within"), e.to_string()))?
            }
            Some(Plain::Number(n)) => DurationSpec { days: 0, ms: n.as_f64().unwrap_or(-1.0).clamp(-1.0, 1e15) as i64 },
            Some(v) => return Err(SpecError::expected(&at("within"), "a working duration like \"3d\" or \"4h\"", v)),
            None => {
                return Err(SpecError::new(&at("within"), "required: a working duration like \"3d\" or \"4h\"".into()))
            }
        };
        if within.days < 0 || within.ms < 0 || within.calendar_ms() == 0 {
            return Err(SpecError::new(&at("within"), "must be more than zero".into()));
        }
        rules.push(DueRule { doc_type, urgency, within });
    }
    Ok(rules)
}

/// A day off with its name, as `Calendar.daysOff(year)` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOff {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The holiday's Vietnamese name, `Nghỉ bù …`, `Nghỉ hoán đổi (…)` or the custom name.
    pub name: String,
}

/// The weekdays off of `year` (see [`VietnamCalendar::days_off`]).
pub fn days_off(cal: &VietnamCalendar, year: i32) -> Vec<DayOff> {
    let mut out = Vec::new();
    for ((y, m, d), name) in cal.days_off(year) {
        out.push(DayOff { date: format_day(days_from_civil(y, m, d)), name });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(v: Value) -> String {
        CalendarSpec::from_json(&v).unwrap_err().field
    }

    #[test]
    fn hours_parse_and_format_back() {
        let h = parse_hours("07:30-11:30, 13:30-17:00").unwrap();
        assert_eq!(h, DEFAULT_OFFICE_HOURS);
        assert_eq!(format_hours(&h), "07:30-11:30,13:30-17:00");
        assert_eq!(parse_hours("0:00-24:00").unwrap(), [(0, DAY_MS)]);
        assert_eq!(format_hours(&[(0, DAY_MS)]), "00:00-24:00");
        assert_eq!(parse_hours("07:30–11:30,11:30-17:00").unwrap().len(), 2); // en dash; touching ranges
        for bad in ["", "8-17", "08:00", "08:00-08:00", "17:00-08:00", "08:00-12:00,11:00-17:00", "24:30-25:00"] {
            assert!(parse_hours(bad).is_err(), "{bad:?}");
        }
        for bad in ["08:0-12:00", "08:000-12:00", "-1:00-2:00", "08:00-12:00,", "０8:00-12:00"] {
            assert!(parse_hours(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_spec_round_trips_and_builds_the_calendar_it_describes() {
        let v = json!({
            "hours": "08:00-12:00,13:00-17:00",
            "daysOff": ["2026-12-31", { "date": "2026-12-29T20:00:00Z", "name": "Nghỉ riêng" }],
            "workingDays": [1_798_243_200_000_i64], // 2026-12-26T07:00+07:00, a Saturday
            "schedules": [{ "year": 2027, "daysOff": ["2027-02-05", { "date": "2027-02-08" }], "workingDays": [] }],
        });
        let spec = CalendarSpec::from_json(&v).unwrap();
        assert!(!spec.is_default());
        let out = serde_json::to_value(spec.to_json()).unwrap();
        assert_eq!(
            out,
            json!({
                "hours": "08:00-12:00,13:00-17:00",
                "schedules": [{ "year": 2027, "daysOff": ["2027-02-05", "2027-02-08"], "workingDays": [] }],
                "daysOff": [{ "date": "2026-12-30", "name": "Nghỉ riêng" }, { "date": "2026-12-31", "name": CUSTOM_DAY_OFF }],
                "workingDays": ["2026-12-26"],
            })
        );
        assert_eq!(CalendarSpec::from_json(&out).unwrap(), spec);
        let cal = spec.build();
        assert_eq!(cal.working_day_ms(), 8 * HOUR_MS);
        assert!(!cal.is_working_date(2026, 12, 31) && cal.is_working_date(2026, 12, 26));
        // The 2027 schedule replaces the computed one: Tết Đinh Mùi is 6 Feb 2027.
        assert!(!cal.is_working_date(2027, 2, 5) && !cal.is_working_date(2027, 2, 8));
        assert!(cal.is_working_date(2027, 2, 9) && VietnamCalendar::new().is_working_date(2027, 2, 4));
        assert!(!VietnamCalendar::new().is_working_date(2027, 2, 9));
        let names = days_off(&cal, 2026);
        assert_eq!(
            names[names.len() - 2..],
            [
                DayOff { date: "2026-12-30".into(), name: "Nghỉ riêng".into() },
                DayOff { date: "2026-12-31".into(), name: CUSTOM_DAY_OFF.into() }
            ]
        );
    }

    #[test]
    fn an_empty_spec_is_the_default_calendar() {
        let spec = CalendarSpec::from_json(&json!({ "daysOff": null })).unwrap();
        assert!(spec.is_default());
        assert!(Arc::ptr_eq(&spec.clock(), &VietnamCalendar::shared()));
        assert_eq!(CalendarSpec::from_json(&serde_json::to_value(spec.to_json()).unwrap()).unwrap(), spec);
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(err(json!([])), "");
        assert_eq!(err(json!({ "dayOff": [] })), "dayOff");
        assert_eq!(err(json!({ "hours": 8 })), "hours");
        assert_eq!(err(json!({ "daysOff": ["2026-12-31", "2026-02-30"] })), "daysOff[1]");
        assert_eq!(err(json!({ "daysOff": [{ "name": "x" }] })), "daysOff[0].date");
        assert_eq!(err(json!({ "daysOff": [{ "date": "2026-12-31", "name": "" }] })), "daysOff[0].name");
        assert_eq!(err(json!({ "daysOff": [{ "date": "2026-12-31", "nam": "x" }] })), "daysOff[0].nam");
        assert_eq!(err(json!({ "daysOff": ["2026-12-31"], "workingDays": ["2026-12-31"] })), "workingDays[0]");
        assert_eq!(err(json!({ "workingDays": ["2101-01-01"] })), "workingDays[0]");
        assert_eq!(err(json!({ "workingDays": [true] })), "workingDays[0]");
        assert_eq!(err(json!({ "schedules": [{ "year": 2027 }, { "year": 2027 }] })), "schedules[1].year");
        assert_eq!(err(json!({ "schedules": [{ "year": 2027.5 }] })), "schedules[0].year");
        assert_eq!(
            err(json!({ "schedules": [{ "year": 2027, "daysOff": ["2026-02-05"] }] })),
            "schedules[0].daysOff[0]"
        );
        assert_eq!(err(json!({ "schedules": {} })), "schedules");
        let e = CalendarSpec::from_json(&json!({ "daysOff": [true] })).unwrap_err().under("calendar");
        assert_eq!(e.field, "calendar.daysOff[0]");
        assert!(e.to_string().starts_with("calendar.daysOff[0]: "), "{e}");
    }

    #[test]
    fn clocks_by_name() {
        assert!(clock_from_json(&json!("continuous")).unwrap().is_calendar_time());
        assert!(!clock_from_json(&json!("vietnam")).unwrap().is_calendar_time());
        assert!(!clock_from_json(&json!({ "hours": "08:00-16:00" })).unwrap().is_calendar_time());
        for bad in [json!("Vietnam"), json!(1), json!([]), json!({ "hours": "" })] {
            assert!(clock_from_json(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn due_rules_are_validated_by_index() {
        let rules = due_rules_from_json(&json!([
            { "type": "công văn", "urgency": "khẩn", "within": "3d" },
            { "within": 3_600_000 },
        ]))
        .unwrap();
        assert_eq!(
            rules,
            [
                DueRule {
                    doc_type: Some("công văn".into()),
                    urgency: Some(Urgency::Urgent),
                    within: DurationSpec { days: 3, ms: 0 }
                },
                DueRule { doc_type: None, urgency: None, within: DurationSpec { days: 0, ms: HOUR_MS } },
            ]
        );
        let field = |v: Value| due_rules_from_json(&v).unwrap_err().under("dueRules").field;
        assert_eq!(field(json!({})), "dueRules");
        assert_eq!(field(json!([{ "within": "3d" }, {}])), "dueRules[1].within");
        assert_eq!(field(json!([{ "within": "3x" }])), "dueRules[0].within");
        assert_eq!(field(json!([{ "within": "0h" }])), "dueRules[0].within");
        assert_eq!(field(json!([{ "within": "-5" }])), "dueRules[0].within");
        assert_eq!(field(json!([{ "within": "3d", "urgency": "soon" }])), "dueRules[0].urgency");
        assert_eq!(field(json!([{ "within": "3d", "urgency": "" }])), "dueRules[0].urgency");
        assert_eq!(field(json!([{ "within": "3d", "type": 3 }])), "dueRules[0].type");
        assert_eq!(field(json!([{ "within": "3d", "typ": "x" }])), "dueRules[0].typ");
        assert_eq!(field(json!(["3d"])), "dueRules[0]");
        assert!(due_rules_from_json(&json!(null)).unwrap().is_empty());
    }

    #[test]
    fn dates_are_days_in_vietnam() {
        // 2026-02-15T17:00Z is 16 Feb 00:00 in Vietnam.
        assert_eq!(format_day(vietnam_day(1_771_174_800_000)), "2026-02-16");
        assert_eq!(format_day(vietnam_day(1_771_174_800_000 - 1)), "2026-02-15");
        assert_eq!(year(2026.0), Ok(2026));
        assert!(year(1899.0).is_err() && year(2026.5).is_err() && year(f64::NAN).is_err());
        assert!(calendar_day(days_from_civil(2100, 12, 31)).is_ok());
        assert!(calendar_day(days_from_civil(1899, 12, 31)).is_err());
    }
}
