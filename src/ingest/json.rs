//! JSON text of records: the `…Json(text)` methods of the JS binding, and its object methods
//! once the JS engine has stringified their array.
//!
//! A JSON array of records is read one record at a time and each record goes into the store as
//! soon as it is read: nothing holds all the records of a call. A record that cannot be read as
//! a record (`"at": true`, a string with a lone surrogate escape such as `"\ud83d"`, half of an
//! emoji) is rejected by itself with its index, field and reason, and reading goes on. Text that
//! is not a JSON array is an [`ImportError`] with the line and column of the fault; the records
//! read before the fault stay loaded (as with every importer, see `docs/SEMANTICS.md`).

use super::events::EventLoader;
use super::import::ImportError;
use super::report::clip;
use super::{DocumentInput, EventJson, IngestReport, Rejection, UnitInput};
use crate::Tracker;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::fmt;

/// Loads the units of a JSON array (`[{ "id": …, "level": … }, …]`).
pub fn load_units(tracker: &mut Tracker, text: &str) -> Result<IngestReport, ImportError> {
    let zone = tracker.options().time_zone;
    let store = tracker.store_for_loading();
    let mut report = IngestReport::default();
    let read = read_records::<UnitInput>(text, |index, record| match record {
        Ok(u) => store.add_unit(index, u.as_record(), zone, &mut report),
        Err((field, message)) => report.reject(index, &field, message),
    });
    report.clip_rejections();
    read.map(|()| report)
}

/// Loads the documents of a JSON array (`[{ "id": …, "type": …, "due": … }, …]`).
pub fn load_documents(tracker: &mut Tracker, text: &str) -> Result<IngestReport, ImportError> {
    let zone = tracker.options().time_zone;
    let store = tracker.store_for_loading();
    let mut report = IngestReport::default();
    let read = read_records::<DocumentInput>(text, |index, record| match record {
        Ok(d) => store.add_document(index, d.as_record(), zone, &mut report),
        Err((field, message)) => report.reject(index, &field, message),
    });
    report.clip_rejections();
    read.map(|()| report)
}

/// Loads the events of a JSON array (`[{ "doc": …, "unit": …, "action": …, "at": … }, …]`).
/// Strings without escapes are borrowed from `text`: nothing is allocated per field.
pub fn load_events(tracker: &mut Tracker, text: &str) -> Result<IngestReport, ImportError> {
    let zone = tracker.options().time_zone;
    let store = tracker.store_for_loading();
    // About 80 bytes of JSON per event: room for most of the batch at once.
    let mut loader = EventLoader::new(zone, text.len() / 80);
    let read = read_records::<EventJson<'_>>(text, |index, record| match record {
        Ok(e) => loader.push(store, index, e.as_record()),
        Err((field, message)) => loader.reject(index, &field, message),
    });
    let mut report = loader.finish(store);
    report.clip_rejections();
    read.map(|()| report)
}

/// Maps the indexes of a report over some of the caller's records (`index[i]` is the caller's
/// position of record `i`) back to the caller's positions, adds the `rejected` records the
/// caller could not even hand over, in index order, and clips the messages.
pub fn remap(mut report: IngestReport, index: &[usize], rejected: Vec<Rejection>) -> IngestReport {
    let at = |i: usize| index.get(i).copied().unwrap_or(i);
    for r in &mut report.rejected {
        r.index = at(r.index);
    }
    for w in &mut report.warnings {
        w.index = at(w.index);
    }
    for d in &mut report.duplicates {
        *d = at(*d);
    }
    if !rejected.is_empty() {
        report.rejected.extend(rejected);
        crate::analysis::order::sort_by(&mut report.rejected, |a, b| a.index.cmp(&b.index));
    }
    report.clip_rejections();
    report
}

/// A record that could not be read: the field at fault ("" for the record) and why.
type Bad = (String, String);

/// Reads the JSON array `text` record by record and hands each to `each` with its index: the
/// record, or why it could not be read. Each record is parsed from where the previous one ended,
/// so a bad record costs a second look at that record only.
fn read_records<'a, T: Deserialize<'a>>(
    text: &'a str,
    mut each: impl FnMut(usize, Result<T, Bad>),
) -> Result<(), ImportError> {
    let b = text.as_bytes();
    let mut at = skip_space(b, 0);
    if b.get(at) != Some(&b'[') {
        return Err(not_an_array(text));
    }
    at = skip_space(b, at + 1);
    if b.get(at) == Some(&b']') {
        return finish(text, at + 1);
    }
    let mut index = 0;
    loop {
        let rest = &text[at..];
        let mut records = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        match records.next() {
            Some(Ok(record)) => {
                at += records.byte_offset();
                each(index, Ok(record));
            }
            _ => {
                // Not a record of this kind: find where the value ends, then say why.
                let mut values = serde_json::Deserializer::from_str(rest).into_iter::<IgnoredAny>();
                let Some(Ok(_)) = values.next() else { return Err(not_an_array(text)) };
                let end = at + values.byte_offset();
                each(index, reread(&text[at..end]));
                at = end;
            }
        }
        index += 1;
        at = skip_space(b, at);
        match b.get(at) {
            Some(b',') => at = skip_space(b, at + 1),
            Some(b']') => return finish(text, at + 1),
            _ => return Err(not_an_array(text)),
        }
    }
}

/// Only white space may follow the array.
fn finish(text: &str, end: usize) -> Result<(), ImportError> {
    if skip_space(text.as_bytes(), end) == text.len() {
        Ok(())
    } else {
        Err(not_an_array(text))
    }
}

fn skip_space(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        at += 1;
    }
    at
}

/// The error for text that is not a JSON array: serde_json's own account of the whole text
/// (what is wrong, line and column).
fn not_an_array(text: &str) -> ImportError {
    match serde_json::from_str::<Vec<IgnoredAny>>(text) {
        Err(e) => {
            let e_line = e.line();
            let mut err = ImportError::new(format!("not a JSON array of records: {e}"));
            if e_line > 0 {
                err = err.at_line(e_line);
                err.column = Some(e.column());
            }
            err
        }
        Ok(_) => ImportError::new("not a JSON array of records"),
    }
}

/// A record that did not read as `T` on the first try, read again to say why: a lone surrogate,
/// a field of the wrong type. Numeric ids (`"doc": 123`) and attributes read as text, so such a
/// record is loaded after all.
fn reread<'a, T: Deserialize<'a>>(record: &str) -> Result<T, Bad> {
    if has_lone_surrogate(record) {
        let field = lone_surrogate_field(record);
        let name = if field.is_empty() { "record" } else { &field };
        let message = lone_surrogate_message(name);
        return Err((field, message));
    }
    let mut v: Value = serde_json::from_str(record).map_err(|e| (String::new(), e.to_string()))?;
    normalize(&mut v);
    if let Some(bad) = json_shape_error(&v) {
        return Err(bad);
    }
    T::deserialize(v).map_err(|e| {
        let message = e.to_string();
        (field_of(&message), message)
    })
}

/// The message for a string with a lone surrogate in `field`.
pub fn lone_surrogate_message(field: &str) -> String {
    format!("{field}: the text has a lone surrogate (half of a UTF-16 pair, e.g. a cut emoji)")
}

/// Whether JSON text has a `\uD800`–`\uDFFF` escape that is not half of a pair.
pub fn has_lone_surrogate(json: &str) -> bool {
    let b = json.as_bytes();
    let hex = |at: usize| -> Option<u32> {
        let d = b.get(at..at + 4)?;
        d.iter().try_fold(0u32, |n, &c| Some(n * 16 + (c as char).to_digit(16)?))
    };
    let (mut i, mut high) = (0, false);
    while i < b.len() {
        if b[i] != b'\\' {
            if high {
                return true;
            }
            i += 1;
            continue;
        }
        match (b.get(i + 1), hex(i + 2)) {
            (Some(b'u'), Some(cp)) => {
                match cp {
                    0xD800..=0xDBFF if high => return true,
                    0xD800..=0xDBFF => high = true,
                    0xDC00..=0xDFFF if !high => return true,
                    0xDC00..=0xDFFF => high = false,
                    _ if high => return true,
                    _ => {}
                }
                i += 6;
            }
            _ => {
                if high {
                    return true;
                }
                i += 2;
            }
        }
    }
    high
}

/// The key of a JSON record whose value holds a lone surrogate escape, the first in the text
/// ("" when it is in a key, or the record is not an object).
fn lone_surrogate_field(record: &str) -> String {
    let mut field = String::new();
    let mut de = serde_json::Deserializer::from_str(record);
    match de.deserialize_map(KeyOfError(&mut field)) {
        Ok(()) => String::new(),
        Err(_) => field,
    }
}

/// Walks a JSON object, keeping the key being read in `.0`: when a value fails to read, `.0`
/// names it.
struct KeyOfError<'f>(&'f mut String);

impl<'de> Visitor<'de> for KeyOfError<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        loop {
            self.0.clear();
            let Some(key) = map.next_key::<String>()? else { return Ok(()) };
            self.0.push_str(&key);
            map.next_value::<Strict>()?;
        }
    }
}

/// Any JSON value, every string in it decoded (unlike [`IgnoredAny`], which skips strings
/// without checking their escapes).
struct Strict;

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        while seq.next_element::<Strict>()?.is_some() {}
        Ok(Strict)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        while map.next_entry::<Strict, Strict>()?.is_some() {}
        Ok(Strict)
    }
}

/// Fields read as text.
const TEXT: [&str; 18] = [
    "doc",
    "channel",
    "format",
    "unit",
    "action",
    "to",
    "actor",
    "note",
    "id",
    "name",
    "level",
    "parent",
    "successor",
    "number",
    "type",
    "urgency",
    "issuer",
    "subject",
];

/// Fields read as times.
const TIME: [&str; 4] = ["at", "due", "validFrom", "validTo"];

/// Numeric ids read as text (`123` → `"123"`), as do numbers and booleans in `attributes`.
fn normalize(v: &mut Value) {
    let Value::Object(map) = v else { return };
    for (k, x) in map.iter_mut() {
        if let (true, Value::Number(n)) = (TEXT.contains(&k.as_str()), &*x) {
            *x = Value::String(n.to_string());
        }
        if let (true, Value::Array(items)) = (k == "to", &mut *x) {
            for item in items {
                if let Value::Number(n) = item {
                    *item = Value::String(n.to_string());
                }
            }
        }
        if k == "attributes" {
            if let Value::Object(attrs) = x {
                attrs.retain(|_, a| !a.is_null());
                for a in attrs.values_mut() {
                    match a {
                        Value::Number(n) => *a = Value::String(n.to_string()),
                        Value::Bool(b) => *a = Value::String(b.to_string()),
                        _ => {}
                    }
                }
            }
        }
    }
}

/// The first field of a JSON record with the wrong type, named as in the API, and the message.
fn json_shape_error(v: &Value) -> Option<Bad> {
    let Value::Object(map) = v else {
        return Some((String::new(), "expected an object".into()));
    };
    for (k, x) in map {
        let ok = match x {
            Value::Null | Value::String(_) => true,
            Value::Number(_) => TIME.contains(&k.as_str()),
            Value::Object(attrs) if k == "attributes" => attrs.values().all(Value::is_string),
            Value::Array(ids) if k == "to" => ids.iter().all(Value::is_string),
            _ => !(TEXT.contains(&k.as_str()) || TIME.contains(&k.as_str()) || k == "attributes"),
        };
        if !ok {
            let want = if TIME.contains(&k.as_str()) {
                "an ISO 8601 string, a Date or epoch milliseconds"
            } else if k == "attributes" {
                "an object of strings, numbers or booleans"
            } else if k == "to" {
                "a unit id or an array of unit ids"
            } else {
                "a string"
            };
            let got = clip(&x.to_string(), 60);
            return Some((k.clone(), format!("{k}: expected {want}, got {got}")));
        }
    }
    None
}

/// Best guess of the field a serde message is about (`invalid type … for key `at``).
fn field_of(message: &str) -> String {
    for key in [
        "doc", "unit", "action", "at", "to", "actor", "note", "id", "name", "level", "parent", "due", "type",
        "urgency", "channel", "format", "signed",
    ] {
        if message.contains(&format!("`{key}`")) {
            return key.to_string();
        }
    }
    String::new()
}
