//! JS values → core inputs: times, strings, records, queries and options.

use super::error::{Code, Error, Result};
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

/// A required instant (see [`instant`]).
pub fn required_instant(v: &JsValue, zone: TimeZone, field: &str, code: Code) -> Result<Instant> {
    instant(v, zone, field, code)?.ok_or_else(|| {
        Error::new(code, Some(field), format!("{field}: required (an ISO 8601 string, a Date or epoch milliseconds)"))
    })
}

/// An optional duration like `"2d"`, `"4h"`, or a number of milliseconds.
pub fn duration(v: &JsValue, field: &str, code: Code) -> Result<Option<DurationSpec>> {
    if is_absent(v) {
        return Ok(None);
    }
    if let Some(ms) = v.as_f64() {
        if !ms.is_finite() || ms < 0.0 {
            return Err(Error::new(
                code,
                Some(field),
                format!("{field}: must be a non-negative number of milliseconds"),
            ));
        }
        return Ok(Some(DurationSpec { days: 0, ms: ms as i64 }));
    }
    match v.as_string() {
        Some(s) => DurationSpec::parse(&s).map(Some).map_err(|e| Error::time(field, e, code)),
        None => Err(Error::new(
            code,
            Some(field),
            format!("{field}: expected a duration like \"2d\", got {}", type_name(v)),
        )),
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
        return Err(Error::new(
            code,
            Some(field),
            format!("{field}: expected an array of strings, got {}", type_name(v)),
        ));
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
pub const QUERY_KEYS: [&str; 8] = ["from", "to", "asOf", "levels", "units", "types", "urgency", "rollUp"];

/// Reads the common query filter from `o` (its other keys are the caller's business).
pub fn query(o: &Obj, zone: TimeZone) -> Result<Query> {
    let c = Code::BadQuery;
    let levels = strings(&o.get("levels"), "levels", c)?
        .iter()
        .map(|s| {
            Level::parse(s).ok_or_else(|| {
                Error::query(
                    "levels",
                    format!("levels: unknown level {s:?}; expected central, province, district or commune"),
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let urgency = strings(&o.get("urgency"), "urgency", c)?
        .iter()
        .map(|s| {
            Urgency::parse(s).ok_or_else(|| {
                Error::query(
                    "urgency",
                    format!("urgency: unknown urgency {s:?}; expected normal, urgent, very-urgent or flash"),
                )
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
        roll_up: boolean(&o.get("rollUp"), "rollUp", c)?.unwrap_or(true),
    })
}

/// The JSON names of an enum's values, from its `Serialize` (`GroupBy::Copy` → `"copy"`), as
/// `"a", "b", "c"` for messages listing what is allowed.
pub fn names<T: Serialize>(values: &[T]) -> String {
    values.iter().filter_map(|v| serde_json::to_string(v).ok()).collect::<Vec<_>>().join(", ")
}

/// Keys of a query plus the analysis' own.
pub fn keys<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut k: Vec<&str> = QUERY_KEYS.to_vec();
    k.extend_from_slice(extra);
    k
}

/// The JSON text of a JS array of records, made by the JS engine's own `JSON.stringify`:
/// one crossing of the boundary instead of one per field. `Date`s become ISO text (UTC),
/// `undefined` entries `null` (rejected by index later).
pub fn array_json(v: &JsValue, what: &str) -> Result<String> {
    if !Array::is_array(v) {
        return Err(Error::input(None, format!("{what} must be an array of objects, got {}", type_name(v))));
    }
    let text = js_sys::JSON::stringify(v).map_err(|e| {
        let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        Error::input(None, format!("{what} cannot be read: {why}"))
    })?;
    Ok(String::from(text))
}

/// An optional JS value as JSON, read through the JS engine's own `JSON.stringify` (which calls
/// `toJSON()`, so a `Calendar` or a `Date` gives its plain form) and parsed for the core's
/// readers. `undefined`/`null` read as `None`. `what` names the value in messages, and is its
/// `field` when `is_field`.
pub fn json(v: &JsValue, what: &str, is_field: bool, code: Code) -> Result<Option<serde_json::Value>> {
    if is_absent(v) {
        return Ok(None);
    }
    let field = is_field.then_some(what);
    let cannot = |why: String| Error::new(code, field, format!("{what} cannot be read: {why}"));
    let text = js_sys::JSON::stringify(v)
        .map_err(|e| cannot(e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()))?;
    let text = text.as_string().ok_or_else(|| cannot(format!("a {} is not data", type_name(v))))?;
    serde_json::from_str(&text).map(Some).map_err(|e| cannot(e.to_string()))
}
