//! Ingestion: validate records, load them into the store, report what happened.
//!
//! Every call returns an [`IngestReport`]. A bad record is rejected with its index, field and
//! a message; it never stops the call and never disturbs what was loaded before.

pub mod columns;
pub mod csv;
mod documents;
pub mod edxml;
pub mod encoding;
pub(crate) mod events;
pub mod gzip;
pub mod import;
pub mod json;
pub mod records;
pub mod report;
pub mod staging;
mod units;
pub mod xes;

pub use self::csv::{import_csv, CsvImporter, CsvMapping};
pub use records::{
    DocumentInput, DocumentRecord, EventInput, EventJson, EventRecord, IdList, OneOrMany, Targets, TimeInput, TimeJson,
    TimeValue, UnitInput, UnitRecord,
};
pub use report::{IngestReport, Rejection};

use crate::model::{time, Instant, TimeError, TimeZone};

/// Reads a deadline in `zone`: like [`read_time`], but a date alone (`2021-07-01`,
/// `01/07/2021`) means `day_end_ms` after that day's midnight, the end of the last office hour
/// (17:00 by default, [`crate::calendar::OFFICE_END_MS`]): "hạn xử lý 01/07" is met by a
/// document finished that afternoon.
pub fn read_due(v: TimeValue<'_>, zone: TimeZone, day_end_ms: i64) -> Result<Instant, TimeError> {
    let at = read_time(v, zone)?;
    match v {
        TimeValue::Text(s) if time::is_date_only(s) => Ok(at + day_end_ms),
        _ => Ok(at),
    }
}

/// Reads an optional deadline field: absent or blank text is no deadline; a value that is
/// present must be a time (`NaN` is an error, not "no deadline").
pub(crate) fn read_optional_due(
    v: Option<TimeValue<'_>>,
    zone: TimeZone,
    day_end_ms: i64,
) -> Result<Option<Instant>, TimeError> {
    match v {
        None => Ok(None),
        Some(TimeValue::Text(t)) if crate::model::text::trim(t).is_empty() => Ok(None),
        Some(v) => read_due(v, zone, day_end_ms).map(Some),
    }
}

/// Reads a time value in `zone`.
pub fn read_time(v: TimeValue<'_>, zone: TimeZone) -> Result<Instant, TimeError> {
    match v {
        TimeValue::Millis(ms) => time::instant_from_i64(ms),
        TimeValue::Float(ms) => time::instant_from_f64(ms),
        TimeValue::Text(s) => time::parse_instant(s, zone),
    }
}

/// A rejection message for a time that could not be read: the reason and the value, text
/// quoted and cut to its first 40 characters.
pub(crate) fn time_message(e: TimeError, v: TimeValue<'_>) -> String {
    let shown = match v {
        TimeValue::Text(t) => {
            let mut cut: String = t.chars().take(40).collect();
            if cut.len() < t.len() {
                cut.push('…');
            }
            format!("{cut:?}")
        }
        TimeValue::Float(f) => f.to_string(),
        TimeValue::Millis(m) => m.to_string(),
    };
    format!("{e} (got {shown})")
}
