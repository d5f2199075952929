//! The JS `Calendar` class (SPEC §5): the Vietnamese working calendar — its days off, Tết, and
//! working-time arithmetic — as configured by a user. Its plain form (`toJSON()`) is read and
//! written by the core's `calendar::spec`; a tracker given a `Calendar` reads that form, so it
//! holds its own copy.

use super::convert::{self, to_js, Obj};
use super::error::{Code, Error, Result};
use crate::calendar::lunar::lunar_new_year;
use crate::calendar::spec::{self, CalendarSpec};
use crate::calendar::{VietnamCalendar, WorkingTime};
use crate::model::{Instant, TimeZone};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// The Vietnamese working calendar, with the user's office hours, schedules and custom days.
#[wasm_bindgen(js_name = Calendar)]
pub struct JsCalendar {
    /// What the user changed: the source of `toJSON()`.
    spec: CalendarSpec,
    /// The calendar `spec` describes, rebuilt after each change.
    cal: Arc<VietnamCalendar>,
}

/// Arguments of the questions (`isWorkingDay`, `daysOff`, …) are checked as queries; those that
/// configure the calendar (constructor, `add…`) as options.
const ASK: Code = Code::BadQuery;
const SET: Code = Code::BadOption;

impl JsCalendar {
    fn changed(&mut self) {
        self.cal = self.spec.clock();
    }

    fn year(v: &JsValue) -> Result<i32> {
        let y = v
            .as_f64()
            .ok_or_else(|| Error::query("year", format!("year: expected a number, got {}", convert::type_name(v))))?;
        spec::year(y).map_err(|e| Error::query("year", format!("year: {e}")))
    }

    fn instant(v: &JsValue, field: &str) -> Result<Instant> {
        convert::required_instant(v, TimeZone::VIETNAM, field, ASK)
    }

    /// A date argument of `addDayOff`/`addWorkingDay`: its local day in Vietnam.
    fn date(v: &JsValue) -> Result<i64> {
        let at = convert::required_instant(v, TimeZone::VIETNAM, "date", SET)?;
        spec::calendar_day(spec::vietnam_day(at)).map_err(|e| Error::option("date", format!("date: {e}")))
    }
}

#[wasm_bindgen(js_class = Calendar)]
impl JsCalendar {
    /// `new Calendar({ hours, daysOff, workingDays, schedules })`, every key optional (the
    /// Vietnamese calendar with office hours 07:30–11:30 and 13:30–17:00); `new
    /// Calendar(cal.toJSON())` rebuilds an equal calendar.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsCalendar> {
        Obj::new(&options, "Calendar options", SET)?;
        let spec = match convert::json(&options, "Calendar options", false, SET)? {
            None => CalendarSpec::default(),
            Some(v) => CalendarSpec::from_plain(&v).map_err(|e| Error::spec(e, SET, None))?,
        };
        Ok(JsCalendar { cal: spec.clock(), spec })
    }

    /// `isWorkingDay(date)`: whether the day (in Vietnam, UTC+7) of a date, date-time, `Date`
    /// or epoch milliseconds is a working day.
    #[wasm_bindgen(js_name = isWorkingDay)]
    pub fn is_working_day(&self, date: JsValue) -> Result<bool> {
        let at = JsCalendar::instant(&date, "date")?;
        Ok(self.cal.is_working_day(spec::vietnam_day(at)))
    }

    /// `lunarNewYear(2026)` → `"2026-02-17"`: Tết Nguyên Đán (1/1 lunar) of a year.
    #[wasm_bindgen(js_name = lunarNewYear)]
    pub fn lunar_new_year(&self, year: JsValue) -> Result<String> {
        Ok(spec::format_day(lunar_new_year(JsCalendar::year(&year)?)))
    }

    /// `daysOff(2026)` → `[{ date: "2026-01-01", name: "Tết Dương lịch" }, …]`: the weekdays
    /// off of a year, with their names.
    #[wasm_bindgen(js_name = daysOff)]
    pub fn days_off(&self, year: JsValue) -> Result<JsValue> {
        to_js(&spec::days_off(&self.cal, JsCalendar::year(&year)?))
    }

    /// `workingMsBetween(a, b)`: working milliseconds from `a` to `b` (negative when `b < a`).
    #[wasm_bindgen(js_name = workingMsBetween)]
    pub fn working_ms_between(&self, a: JsValue, b: JsValue) -> Result<f64> {
        let (a, b) = (JsCalendar::instant(&a, "a")?, JsCalendar::instant(&b, "b")?);
        Ok(self.cal.working_ms_between(a, b) as f64)
    }

    /// `addWorking(at, "3d" | "4h" | ms)`: the instant (epoch ms) at which that much working time
    /// has passed since `at`; a day is a working day of office hours.
    #[wasm_bindgen(js_name = addWorking)]
    pub fn add_working(&self, at: JsValue, duration: JsValue) -> Result<f64> {
        let at = JsCalendar::instant(&at, "at")?;
        let d = convert::duration(&duration, "duration", ASK)?
            .ok_or_else(|| Error::query("duration", "duration: required, like \"3d\", \"4h\" or milliseconds"))?;
        if d.days < 0 || d.ms < 0 {
            return Err(Error::query("duration", "duration: must not be negative"));
        }
        Ok(self.cal.add_working(at, d) as f64)
    }

    /// `addSchedule({ year, daysOff, workingDays })`: the schedule the Government announced for
    /// a year — every weekday off and every weekend day worked; it replaces that year's
    /// computed days off.
    #[wasm_bindgen(js_name = addSchedule)]
    pub fn add_schedule(&mut self, schedule: JsValue) -> Result<()> {
        Obj::new(&schedule, "schedule", SET)?;
        let v = convert::json(&schedule, "schedule", false, SET)?
            .ok_or_else(|| Error::option("schedule", "schedule: required, { year, daysOff, workingDays }"))?;
        let s = spec::schedule_from_plain(&v).map_err(|e| Error::spec(e, SET, None))?;
        self.spec.add_schedule(s);
        self.changed();
        Ok(())
    }

    /// `addDayOff(date, name?)`: makes a day a day off for this calendar.
    #[wasm_bindgen(js_name = addDayOff)]
    pub fn add_day_off(&mut self, date: JsValue, name: JsValue) -> Result<()> {
        let date = JsCalendar::date(&date)?;
        let name = convert::string(&name, "name", SET)?.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        self.spec.add_day_off(date, name);
        self.changed();
        Ok(())
    }

    /// `addWorkingDay(date)`: makes a day a working day for this calendar.
    #[wasm_bindgen(js_name = addWorkingDay)]
    pub fn add_working_day(&mut self, date: JsValue) -> Result<()> {
        let date = JsCalendar::date(&date)?;
        self.spec.add_working_day(date);
        self.changed();
        Ok(())
    }

    /// The office hours, `"07:30-11:30,13:30-17:00"`.
    #[wasm_bindgen(getter)]
    pub fn hours(&self) -> String {
        spec::format_hours(self.spec.hours())
    }

    /// Working milliseconds of a full working day (27 000 000, 7 h 30, by default).
    #[wasm_bindgen(getter, js_name = workingDayMs)]
    pub fn working_day_ms(&self) -> f64 {
        self.cal.working_day_ms() as f64
    }

    /// `toJSON()`: `{ hours, schedules, daysOff, workingDays }`, what was changed in the
    /// Vietnamese calendar; `new Calendar(spec)` and the tracker option `calendar` read it.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue> {
        to_js(&self.spec.to_json())
    }
}
