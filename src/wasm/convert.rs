//! JS values → core inputs: times, strings, records, queries and options.

use super::error::{Code, Error, Result};
use crate::ingest::{DocumentInput, EventInput, IngestReport, Rejection, TimeInput, UnitInput};
use crate::model::time::{instant_from_f64, parse_instant};
use crate::model::{DurationSpec, Instant, Level, TimeZone, Urgency};
use crate::query::Query;
use js_sys::{Array, Date, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Serializes a result as plain JS objects and arrays (maps become objects).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(Code::Internal, None, format!("cannot convert the result to JS: {e}")))
}

/// `undefined` or `null`.
pub fn is_absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// A short description of a JS value's type, for messages.
pub fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if Array::is_array(v) {
        "array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "value".into())
    }
}

/// A plain object whose keys are read one by one; unknown keys can be rejected afterwards.
pub struct Obj {
    obj: Object,
    what: &'static str,
}

impl Obj {
    /// `undefined`/`null` read as an empty object; anything else but an object is an error.
    pub fn new(v: &JsValue, what: &'static str, code: Code) -> Result<Obj> {
        if is_absent(v) {
            return Ok(Obj { obj: Object::new(), what });
        }
        if !v.is_object() || Array::is_array(v) || v.is_function() {
            return Err(Error::new(code, None, format!("{what} must be an object, got {}", type_name(v))));
        }
        Ok(Obj { obj: v.clone().unchecked_into(), what })
    }

    /// The value at `key` (`undefined` when missing).
    pub fn get(&self, key: &str) -> JsValue {
        Reflect::get(&self.obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// Fails when the object has an own key not in `allowed` (catches typos like `asof`).
    pub fn only(&self, allowed: &[&str], code: Code) -> Result<()> {
        for k in Object::keys(&self.obj).iter() {
            let k = k.as_string().unwrap_or_default();
            if !allowed.contains(&k.as_str()) {
                let known = allowed.join(", ");
                return Err(Error::new(
                    code,
                    Some(&k),
                    format!("unknown {} field {k:?}; known fields: {known}", self.what),
                ));
            }
        }
        Ok(())
    }
}

/// An optional instant: ISO text (local to `zone` without an offset), `Date`, or epoch ms.
pub fn instant(v: &JsValue, zone: TimeZone, field: &str, code: Code) -> Result<Option<Instant>> {
    if is_absent(v) {
        return Ok(None);
    }
    let r = if let Some(ms) = v.as_f64() {
        instant_from_f64(ms)
    } else if let Some(s) = v.as_string() {
        parse_instant(&s, zone)
    } else if let Some(d) = v.dyn_ref::<Date>() {
        instant_from_f64(d.get_time())
    } else {
        return Err(Error::new(
            code,
            Some(field),
            format!("{field}: expected an ISO 8601 string, a Date or epoch milliseconds, got {}", type_name(v)),
        ));
    };
    r.map(Some).map_err(|e| Error::time(field, e, code))
}

/// An optional duration like `"2d"`, `"4h"`, or a number of milliseconds.
pub fn duration(v: &JsValue, field: &str, code: Code) -> Result<Option<DurationSpec>> {
    if is_absent(v) {
        return Ok(None);
    }
    if let Some(ms) = v.as_f64() {
        if !ms.is_finite() || ms < 0.0 {
            return Err(Error::new(code, Some(field), format!("{field}: must be a non-negative number of milliseconds")));
        }
        return Ok(Some(DurationSpec { days: 0, ms: ms as i64 }));
    }
    match v.as_string() {
        Some(s) => DurationSpec::parse(&s).map(Some).map_err(|e| Error::time(field, e, code)),
        None => Err(Error::new(code, Some(field), format!("{field}: expected a duration like \"2d\", got {}", type_name(v)))),
    }
}

/// An optional string.
pub fn string(v: &JsValue, field: &str, code: Code) -> Result<Option<String>> {
    if is_absent(v) {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| Error::new(code, Some(field), format!("{field}: expected a string, got {}", type_name(v))))
}

/// An optional boolean.
pub fn boolean(v: &JsValue, field: &str, code: Code) -> Result<Option<bool>> {
    if is_absent(v) {
        return Ok(None);
    }
    v.as_bool()
        .map(Some)
        .ok_or_else(|| Error::new(code, Some(field), format!("{field}: expected true or false, got {}", type_name(v))))
}

/// A list of strings: an array of strings, or one string.
pub fn strings(v: &JsValue, field: &str, code: Code) -> Result<Vec<String>> {
    if is_absent(v) {
        return Ok(Vec::new());
    }
    if let Some(s) = v.as_string() {
        return Ok(vec![s]);
    }
    if !Array::is_array(v) {
        return Err(Error::new(code, Some(field), format!("{field}: expected an array of strings, got {}", type_name(v))));
    }
    let arr: &Array = v.unchecked_ref();
    arr.iter()
        .map(|x| {
            x.as_string().ok_or_else(|| {
                Error::new(code, Some(field), format!("{field}: expected an array of strings, found {}", type_name(&x)))
            })
        })
        .collect()
}

/// The query keys every analysis accepts.
pub const QUERY_KEYS: [&str; 7] = ["from", "to", "asOf", "levels", "units", "types", "urgency"];

/// Reads the common query filter from `o` (its other keys are the caller's business).
pub fn query(o: &Obj, zone: TimeZone) -> Result<Query> {
    let c = Code::BadQuery;
    let levels = strings(&o.get("levels"), "levels", c)?
        .iter()
        .map(|s| {
            Level::parse(s).ok_or_else(|| {
                Error::query("levels", format!("levels: unknown level {s:?}; expected central, province, district or commune"))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let urgency = strings(&o.get("urgency"), "urgency", c)?
        .iter()
        .map(|s| {
            Urgency::parse(s).ok_or_else(|| {
                Error::query("urgency", format!("urgency: unknown urgency {s:?}; expected normal, urgent, very-urgent or flash"))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Query {
        from: instant(&o.get("from"), zone, "from", c)?,
        to: instant(&o.get("to"), zone, "to", c)?,
        as_of: instant(&o.get("asOf"), zone, "asOf", c)?,
        levels,
        units: strings(&o.get("units"), "units", c)?,
        types: strings(&o.get("types"), "types", c)?,
        urgency,
    })
}

/// Keys of a query plus the analysis' own.
pub fn keys<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut k: Vec<&str> = QUERY_KEYS.to_vec();
    k.extend_from_slice(extra);
    k
}

// ---------------------------------------------------------------------------------------------
// Records

/// A field of one record that cannot be read: becomes a rejection, not an exception.
struct FieldError {
    field: &'static str,
    message: String,
}

fn rec_str(o: &JsValue, key: &'static str) -> std::result::Result<Option<String>, FieldError> {
    let v = Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if is_absent(&v) {
        return Ok(None);
    }
    if let Some(s) = v.as_string() {
        return Ok(Some(s));
    }
    // Numeric ids are common in exports: 123 reads as "123".
    if let Some(n) = v.as_f64() {
        if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
            return Ok(Some(format!("{}", n as i64)));
        }
    }
    Err(FieldError { field: key, message: format!("{key}: expected a string, got {}", type_name(&v)) })
}

fn rec_time(o: &JsValue, key: &'static str) -> std::result::Result<Option<TimeInput>, FieldError> {
    let v = Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if is_absent(&v) {
        return Ok(None);
    }
    if let Some(n) = v.as_f64() {
        return Ok(Some(TimeInput::Millis(n)));
    }
    if let Some(s) = v.as_string() {
        return Ok(Some(TimeInput::Text(s)));
    }
    if let Some(d) = v.dyn_ref::<Date>() {
        return Ok(Some(TimeInput::Millis(d.get_time())));
    }
    Err(FieldError {
        field: key,
        message: format!("{key}: expected an ISO 8601 string, a Date or epoch milliseconds, got {}", type_name(&v)),
    })
}

fn unit_input(o: &JsValue) -> std::result::Result<UnitInput, FieldError> {
    Ok(UnitInput {
        id: rec_str(o, "id")?.unwrap_or_default(),
        name: rec_str(o, "name")?,
        level: rec_str(o, "level")?,
        parent: rec_str(o, "parent")?,
        valid_from: rec_time(o, "validFrom")?,
        valid_to: rec_time(o, "validTo")?,
        successor: rec_str(o, "successor")?,
    })
}

fn document_input(o: &JsValue) -> std::result::Result<DocumentInput, FieldError> {
    let mut attributes = std::collections::BTreeMap::new();
    let a = Reflect::get(o, &JsValue::from_str("attributes")).unwrap_or(JsValue::UNDEFINED);
    if !is_absent(&a) {
        if !a.is_object() || Array::is_array(&a) {
            return Err(FieldError { field: "attributes", message: "attributes: expected an object of strings".into() });
        }
        for entry in Object::entries(a.unchecked_ref()).iter() {
            let pair: Array = entry.unchecked_into();
            let k = pair.get(0).as_string().unwrap_or_default();
            let v = pair.get(1);
            let text = if let Some(s) = v.as_string() {
                s
            } else if let Some(n) = v.as_f64() {
                format!("{n}")
            } else if let Some(b) = v.as_bool() {
                b.to_string()
            } else if is_absent(&v) {
                continue;
            } else {
                return Err(FieldError {
                    field: "attributes",
                    message: format!("attributes.{k}: expected a string, number or boolean, got {}", type_name(&v)),
                });
            };
            attributes.insert(k, text);
        }
    }
    Ok(DocumentInput {
        id: rec_str(o, "id")?.unwrap_or_default(),
        number: rec_str(o, "number")?,
        doc_type: rec_str(o, "type")?,
        urgency: rec_str(o, "urgency")?,
        due: rec_time(o, "due")?,
        issuer: rec_str(o, "issuer")?,
        subject: rec_str(o, "subject")?,
        attributes,
    })
}

fn event_input(o: &JsValue) -> std::result::Result<EventInput, FieldError> {
    Ok(EventInput {
        doc: rec_str(o, "doc")?.unwrap_or_default(),
        unit: rec_str(o, "unit")?.unwrap_or_default(),
        action: rec_str(o, "action")?.unwrap_or_default(),
        at: rec_time(o, "at")?,
        to: rec_str(o, "to")?,
        actor: rec_str(o, "actor")?,
        note: rec_str(o, "note")?,
    })
}

/// Records read from a JS array: the readable ones, their positions in the array, and
/// rejections for the unreadable ones.
pub struct Records<T> {
    pub items: Vec<T>,
    pub index: Vec<usize>,
    pub rejected: Vec<Rejection>,
}

impl<T> Records<T> {
    /// Maps the indexes of a report over `items` back to positions in the JS array and adds
    /// the rejections of records that could not be read at all.
    pub fn finish(self, report: IngestReport) -> IngestReport {
        super::bulk::remap(report, &self.index, self.rejected)
    }
}

fn records<T>(
    v: &JsValue,
    what: &str,
    read: fn(&JsValue) -> std::result::Result<T, FieldError>,
) -> Result<Records<T>> {
    if !Array::is_array(v) {
        return Err(Error::input(None, format!("{what} must be an array of objects, got {}", type_name(v))));
    }
    let arr: &Array = v.unchecked_ref();
    let n = arr.length() as usize;
    let mut out = Records { items: Vec::with_capacity(n), index: Vec::with_capacity(n), rejected: Vec::new() };
    for (i, o) in arr.iter().enumerate() {
        if !o.is_object() || Array::is_array(&o) {
            out.rejected.push(Rejection {
                index: i,
                line: None,
                field: String::new(),
                message: format!("expected an object, got {}", type_name(&o)),
            });
            continue;
        }
        match read(&o) {
            Ok(item) => {
                out.items.push(item);
                out.index.push(i);
            }
            Err(e) => out.rejected.push(Rejection { index: i, line: None, field: e.field.to_string(), message: e.message }),
        }
    }
    Ok(out)
}

/// Units from a JS array.
pub fn units(v: &JsValue) -> Result<Records<UnitInput>> {
    records(v, "addUnits(units): units", unit_input)
}

/// Documents from a JS array.
pub fn documents(v: &JsValue) -> Result<Records<DocumentInput>> {
    records(v, "addDocuments(documents): documents", document_input)
}

/// Events from a JS array.
pub fn events(v: &JsValue) -> Result<Records<EventInput>> {
    records(v, "addEvents(events): events", event_input)
}
