//! Bulk loading without one JS object per event: a whole JSON text, or typed-array columns.

use super::convert::{self, is_absent, type_name, Obj};
use super::error::{self as js_err, Code, Error, Result};
use crate::ingest::{EventRecord, IngestReport, Rejection, TimeValue};
use crate::Tracker;
use js_sys::{Float64Array, Int32Array, Uint32Array, Uint8Array};
use serde::Deserialize;
use serde_json::value::RawValue;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The JSON text of a batch of records, as read from JS: the records that could be read, their
/// positions in the caller's array (`None`: all of them, in order), and the others, rejected.
pub struct Batch {
    pub text: String,
    pub index: Option<Vec<usize>>,
    pub rejected: Vec<Rejection>,
}

impl Batch {
    /// A batch of the whole JSON text.
    pub fn whole(text: String) -> Batch {
        Batch { text, index: None, rejected: Vec::new() }
    }

    /// Maps what [`json_records`] said about positions in `text` to the caller's positions, and
    /// adds the records rejected while reading from JS.
    pub fn compose(&self, mut index: Vec<usize>, mut rejected: Vec<Rejection>) -> (Vec<usize>, Vec<Rejection>) {
        if let Some(map) = &self.index {
            for i in &mut index {
                *i = map.get(*i).copied().unwrap_or(*i);
            }
            for r in &mut rejected {
                r.index = map.get(r.index).copied().unwrap_or(r.index);
            }
        }
        rejected.extend(self.rejected.iter().cloned());
        (index, rejected)
    }
}

/// Parses a JSON array of records. A record of the wrong shape (say `"at": true`) or with a
/// lone surrogate escape (`"\ud83d"`, half an emoji) is rejected by itself; text that is not a
/// JSON array throws `BAD_INPUT` with the line of the fault.
pub fn json_records<'a, T: Deserialize<'a>>(text: &'a str, what: &str) -> Result<(Vec<T>, Vec<usize>, Vec<Rejection>)> {
    if let Ok(items) = serde_json::from_str::<Vec<T>>(text) {
        let index = (0..items.len()).collect();
        return Ok((items, index, Vec::new()));
    }
    // Some record has the wrong shape or a lone surrogate: read record by record.
    let raws: Vec<&'a RawValue> = serde_json::from_str(text).map_err(|e| json_error(e, what))?;
    let mut items = Vec::with_capacity(raws.len());
    let mut index = Vec::with_capacity(raws.len());
    let mut rejected = Vec::new();
    for (i, raw) in raws.into_iter().enumerate() {
        let t = raw.get();
        if has_lone_surrogate(t) {
            let field = lone_surrogate_field(t);
            let e = convert::lone_surrogate(if field.is_empty() { "record" } else { &field }, Code::BadInput);
            rejected.push(Rejection { index: i, line: None, column: None, field, message: e.message });
            continue;
        }
        if let Ok(item) = serde_json::from_str::<T>(t) {
            items.push(item);
            index.push(i);
            continue;
        }
        let mut v: serde_json::Value = match serde_json::from_str(t) {
            Ok(v) => v,
            Err(e) => {
                rejected.push(Rejection {
                    index: i,
                    line: None,
                    column: None,
                    field: String::new(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        normalize(&mut v);
        if let Some((field, message)) = json_shape_error(&v) {
            rejected.push(Rejection { index: i, line: None, column: None, field, message });
            continue;
        }
        match T::deserialize(v) {
            Ok(item) => {
                items.push(item);
                index.push(i);
            }
            Err(e) => rejected.push(Rejection {
                index: i,
                line: None,
                column: None,
                field: field_of(&e.to_string()),
                message: e.to_string(),
            }),
        }
    }
    Ok((items, index, rejected))
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

/// The key of a JSON record whose value has a lone surrogate escape ("" when it is in a key).
fn lone_surrogate_field(record: &str) -> String {
    let Ok(map) = serde_json::from_str::<std::collections::BTreeMap<String, &RawValue>>(record) else {
        return String::new();
    };
    map.into_iter().find(|(_, v)| has_lone_surrogate(v.get())).map(|(k, _)| k).unwrap_or_default()
}

fn json_error(e: serde_json::Error, what: &str) -> Error {
    let line = u32::try_from(e.line()).ok().filter(|l| *l > 0);
    Error::input(None, format!("{what}: not a JSON array of records: {e}")).with_line(line)
}

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
const TIME: [&str; 4] = ["at", "due", "validFrom", "validTo"];

/// Numeric ids read as text (`123` → `"123"`), as do numbers and booleans in `attributes`.
fn normalize(v: &mut serde_json::Value) {
    use serde_json::Value;
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

/// The first field of a JSON record with the wrong type, named as in the API.
fn json_shape_error(v: &serde_json::Value) -> Option<(String, String)> {
    use serde_json::Value;
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
            let got = js_err::clip(&x.to_string(), 60);
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

/// Maps indexes of a report over a subset back to the caller's positions and adds `rejected`.
pub fn remap(mut report: IngestReport, index: &[usize], rejected: Vec<Rejection>) -> IngestReport {
    for r in &mut report.rejected {
        r.index = index.get(r.index).copied().unwrap_or(r.index);
    }
    for w in &mut report.warnings {
        w.index = index.get(w.index).copied().unwrap_or(w.index);
    }
    for d in &mut report.duplicates {
        *d = index.get(*d).copied().unwrap_or(*d);
    }
    if !rejected.is_empty() {
        report.rejected.extend(rejected);
        crate::analysis::order::sort_by(&mut report.rejected, |a, b| a.index.cmp(&b.index));
    }
    for r in &mut report.rejected {
        if r.message.len() > 60 {
            r.message = js_err::clip_message(&r.message);
        }
        r.field = js_err::clip(&r.field, 60);
    }
    report
}

/// A dictionary of ids; an id with a lone surrogate is `None` (the events naming it are rejected).
fn dictionary(o: &Obj, key: &str) -> Result<Vec<Option<String>>> {
    let v = o.get(key);
    let Some(arr) = convert::array(&v, key, Code::BadInput)? else {
        return Err(Error::input(
            Some(key),
            format!("columns.{key}: expected an array of strings, got {}", type_name(&v)),
        ));
    };
    let bad = js_err::bad_strings(&arr);
    arr.iter()
        .enumerate()
        .map(|(i, x)| match x.as_string() {
            Some(_) if bad.contains(&(i as u32)) => Ok(None),
            Some(s) => Ok(Some(s)),
            None => Err(Error::input(
                Some(key),
                format!("columns.{key}: expected an array of strings, found {}", type_name(&x)),
            )),
        })
        .collect()
}

/// A typed array given for a column, copied (`None` for anything else); a detached buffer is
/// an error.
fn view(v: &JsValue, key: &str) -> Result<Option<JsValue>> {
    let copy = js_err::view_copy(v)
        .map_err(|e| Error::input(Some(key), format!("columns.{key}: cannot be read: {}", convert::thrown(&e))))?;
    Ok((!copy.is_undefined()).then_some(copy))
}

/// An index column: `Uint32Array`, `Uint16Array`/`Uint8Array` or a plain array of numbers.
fn index_column(o: &Obj, key: &str, required: bool) -> Result<Option<Vec<i64>>> {
    let v = o.get(key);
    if is_absent(&v) {
        if required {
            return Err(Error::input(Some(key), format!("columns.{key} is missing")));
        }
        return Ok(None);
    }
    if let Some(c) = view(&v, key)? {
        if let Some(a) = c.dyn_ref::<Uint32Array>() {
            return Ok(Some(a.to_vec().into_iter().map(i64::from).collect()));
        }
        if let Some(a) = c.dyn_ref::<Int32Array>() {
            return Ok(Some(a.to_vec().into_iter().map(i64::from).collect()));
        }
        if let Some(a) = c.dyn_ref::<Uint8Array>() {
            return Ok(Some(a.to_vec().into_iter().map(i64::from).collect()));
        }
        if let Some(a) = c.dyn_ref::<js_sys::Uint16Array>() {
            return Ok(Some(a.to_vec().into_iter().map(i64::from).collect()));
        }
    } else if let Some(arr) = convert::array(&v, key, Code::BadInput)? {
        return arr
            .iter()
            .map(|x| match x.as_f64() {
                Some(n) if n.fract() == 0.0 => Ok(n as i64),
                _ => Err(Error::input(Some(key), format!("columns.{key}: expected integers, found {}", type_name(&x)))),
            })
            .collect::<Result<Vec<_>>>()
            .map(Some);
    }
    Err(Error::input(Some(key), format!("columns.{key}: expected a Uint32Array or Int32Array, got {}", type_name(&v))))
}

fn time_column(o: &Obj, key: &str) -> Result<Vec<f64>> {
    let v = o.get(key);
    if let Some(c) = view(&v, key)? {
        if let Some(a) = c.dyn_ref::<Float64Array>() {
            return Ok(a.to_vec());
        }
    } else if let Some(arr) = convert::array(&v, key, Code::BadInput)? {
        return arr
            .iter()
            .map(|x| {
                x.as_f64().ok_or_else(|| {
                    Error::input(Some(key), format!("columns.{key}: expected numbers, found {}", type_name(&x)))
                })
            })
            .collect();
    }
    Err(Error::input(
        Some(key),
        format!("columns.{key}: expected a Float64Array of epoch milliseconds, got {}", type_name(&v)),
    ))
}

/// `addEventColumns({ docs, units, actions, doc, unit, action, at, to?, due? })`: event `i` is
/// document `docs[doc[i]]` at unit `units[unit[i]]`, action `actions[action[i]]`, time `at[i]`
/// (epoch ms), sent to `units[to[i]]` when `to` is given and `to[i] >= 0`, with the deadline
/// `due[i]` (epoch ms) when `due` is given and `due[i]` is not NaN.
pub fn add_event_columns(tracker: &mut Tracker, columns: &JsValue) -> Result<IngestReport> {
    let o = Obj::new(columns, "columns", Code::BadInput)?;
    if is_absent(columns) {
        return Err(Error::input(None, "addEventColumns(columns): columns is missing"));
    }
    o.only(&["docs", "units", "actions", "doc", "unit", "action", "at", "to", "due"], Code::BadInput)?;
    let docs = dictionary(&o, "docs")?;
    let units = dictionary(&o, "units")?;
    let actions = dictionary(&o, "actions")?;
    let doc = index_column(&o, "doc", true)?.unwrap_or_default();
    let unit = index_column(&o, "unit", true)?.unwrap_or_default();
    let action = index_column(&o, "action", true)?.unwrap_or_default();
    let at = time_column(&o, "at")?;
    let to = index_column(&o, "to", false)?;
    let due = if is_absent(&o.get("due")) { None } else { Some(time_column(&o, "due")?) };
    let n = at.len();
    for (key, len) in [
        ("doc", doc.len()),
        ("unit", unit.len()),
        ("action", action.len()),
        ("to", to.as_ref().map_or(n, Vec::len)),
        ("due", due.as_ref().map_or(n, Vec::len)),
    ] {
        if len != n {
            return Err(Error::input(Some(key), format!("columns.{key} has {len} entries but columns.at has {n}")));
        }
    }
    let mut rejected = Vec::new();
    let mut index = Vec::with_capacity(n);
    let pick = |dict: &'_ [Option<String>], i: i64| -> Option<usize> {
        usize::try_from(i).ok().filter(|&i| i < dict.len() && dict[i].is_some())
    };
    let mut records = Vec::with_capacity(n);
    for i in 0..n {
        let (Some(d), Some(u), Some(a)) = (pick(&docs, doc[i]), pick(&units, unit[i]), pick(&actions, action[i]))
        else {
            let (field, dict) = if pick(&docs, doc[i]).is_none() {
                ("doc", "docs")
            } else if pick(&units, unit[i]).is_none() {
                ("unit", "units")
            } else {
                ("action", "actions")
            };
            rejected.push(Rejection {
                index: i,
                line: None,
                column: None,
                field: field.into(),
                message: format!("{field}: index out of range of columns.{dict}, or an id there has a lone surrogate"),
            });
            continue;
        };
        let t = match &to {
            Some(col) if col[i] >= 0 => match pick(&units, col[i]) {
                Some(t) => units[t].as_deref(),
                None => {
                    rejected.push(Rejection {
                        index: i,
                        line: None,
                        column: None,
                        field: "to".into(),
                        message: "to: index out of range of columns.units, or an id there has a lone surrogate".into(),
                    });
                    continue;
                }
            },
            _ => None,
        };
        index.push(i);
        records.push(EventRecord {
            doc: docs[d].as_deref().unwrap_or_default(),
            unit: units[u].as_deref().unwrap_or_default(),
            action: actions[a].as_deref().unwrap_or_default(),
            at: TimeValue::Float(at[i]),
            to: t.into(),
            due: due.as_ref().map(|d| d[i]).filter(|d| !d.is_nan()).map(TimeValue::Float),
            actor: None,
            note: None,
            channel: None,
        });
    }
    let report = tracker.add_events(records);
    Ok(remap(report, &index, rejected))
}

/// The JSON text of a `…Json(text)` call; its lone surrogates, if any, become `\uXXXX`
/// escapes, so that only the records holding them are rejected.
pub fn text_arg(v: &JsValue, what: &str) -> Result<Batch> {
    js_err::json_text(v)
        .as_string()
        .map(Batch::whole)
        .ok_or_else(|| Error::input(None, format!("{what}: expected a string, got {}", type_name(v))))
}
