//! JS values → core inputs: times, strings, records, queries and options.

use super::error::{self as js_err, Code, Error, Result};
use crate::ingest::json::Plain;
use crate::model::time::{instant_from_f64, parse_instant};
use crate::model::{DurationSpec, Instant, Level, TimeZone, Urgency};
use crate::query::Query;
use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Serializes a result as plain JS objects and arrays (maps become objects); integers beyond
/// 2^53 become the nearest `number` (see [`super::ser`]).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue> {
    super::ser::to_value(value)
        .map_err(|e| Error::new(Code::Internal, None, format!("cannot convert the result to JS: {e}")))
}

/// `undefined` or `null`.
pub fn is_absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// A short description of a JS value's type, for messages (never throws, whatever `v` is).
pub fn type_name(v: &JsValue) -> String {
    js_err::kind_of(v)
}

/// Why a JS value could not be read: the message of what it threw, clipped.
pub fn thrown(e: &JsValue) -> String {
    js_err::clip(&js_err::error_message(e), 120)
}

/// A JS array, copied into one the binding made (`None` for anything else): reading the copy
/// cannot throw. A getter or proxy trap that throws while copying is an error of `code`.
pub fn array(v: &JsValue, field: &str, code: Code) -> Result<Option<Array>> {
    let copy = js_err::array_copy(v)
        .map_err(|e| Error::new(code, Some(field), format!("{field}: cannot be read: {}", thrown(&e))))?;
    Ok((!copy.is_undefined()).then(|| copy.unchecked_into()))
}

/// A JS string as Rust text; `None` for anything else; an error of `code` when it holds a lone
/// surrogate (half of an emoji: Rust would read U+FFFD, and two different ids would merge).
pub fn js_string(v: &JsValue, field: &str, code: Code) -> Result<Option<String>> {
    let Some(s) = v.as_string() else { return Ok(None) };
    if !js_err::is_well_formed(v) {
        return Err(lone_surrogate(field, code));
    }
    Ok(Some(s))
}

/// The error for a string with a lone surrogate.
pub fn lone_surrogate(field: &str, code: Code) -> Error {
    Error::new(
        code,
        Some(field),
        format!("{field}: the text has a lone surrogate (half of a UTF-16 pair, e.g. a cut emoji)"),
    )
}

/// A plain object's own enumerable properties, read once, into Rust; unknown keys can be
/// rejected afterwards. Inherited keys (`Object.prototype` pollution) are not seen.
pub struct Obj {
    entries: Vec<(String, JsValue)>,
    what: &'static str,
}

impl Obj {
    /// `undefined`/`null` read as an empty object; anything but a plain object (prototype
    /// `Object.prototype` or `null`) is an error of `code`, as is a getter or proxy that throws.
    pub fn new(v: &JsValue, what: &'static str, code: Code) -> Result<Obj> {
        if is_absent(v) {
            return Ok(Obj { entries: Vec::new(), what });
        }
        let not_plain = |got: String| Error::new(code, None, format!("{what} must be a plain object, got {got}"));
        if !v.is_object() {
            return Err(not_plain(type_name(v)));
        }
        let read = js_err::own_entries(v)
            .map_err(|e| Error::new(code, None, format!("{what} cannot be read: {}", thrown(&e))))?;
        if let Some(kind) = read.as_string() {
            return Err(not_plain(kind));
        }
        let flat: Array = read.unchecked_into();
        let mut entries = Vec::with_capacity(flat.length() as usize / 2);
        for i in (0..flat.length()).step_by(2) {
            entries.push((flat.get(i).as_string().unwrap_or_default(), flat.get(i + 1)));
        }
        Ok(Obj { entries, what })
    }

    /// The own enumerable properties, in their order.
    pub fn entries(&self) -> &[(String, JsValue)] {
        &self.entries
    }

    /// The value at `key` (`undefined` when missing).
    pub fn get(&self, key: &str) -> JsValue {
        self.entries.iter().find(|(k, _)| k == key).map_or(JsValue::UNDEFINED, |(_, v)| v.clone())
    }

    /// Fails when the object has an own key not in `allowed` (catches typos like `asof`).
    pub fn only(&self, allowed: &[&str], code: Code) -> Result<()> {
        for (k, _) in &self.entries {
            if !allowed.contains(&k.as_str()) {
                let known = allowed.join(", ");
                return Err(Error::new(
                    code,
                    Some(k),
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
    } else if let Some(s) = js_string(v, field, code)? {
        parse_instant(&s, zone)
    } else if let Some(ms) = js_err::time_of(v).as_f64() {
        instant_from_f64(ms)
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
    match js_string(v, field, code)? {
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
    js_string(v, field, code)?
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
    if let Some(s) = js_string(v, field, code)? {
        return Ok(vec![s]);
    }
    let Some(arr) = array(v, field, code)? else {
        return Err(Error::new(
            code,
            Some(field),
            format!("{field}: expected an array of strings, got {}", type_name(v)),
        ));
    };
    if !js_err::bad_strings(&arr).is_empty() {
        return Err(lone_surrogate(field, code));
    }
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
/// `undefined` entries `null` (rejected by index later). When the whole array cannot be
/// stringified (a BigInt, a getter or proxy that throws), the records are stringified one by
/// one and those that fail are rejected by themselves.
pub fn array_json(v: &JsValue, what: &str, load: &crate::wasm::bulk::Load) -> Result<crate::wasm::bulk::Batch> {
    use crate::ingest::Rejection;
    let max = load.max_records();
    let read = js_err::records_json(v, max as f64)
        .map_err(|e| Error::input(None, format!("{what} cannot be read: {}", thrown(&e))))?;
    if let Some(n) = read.as_f64() {
        return Err(Error::new(
            Code::OutOfMemory,
            None,
            format!("{what}: {n} records cannot fit in the memory left (about {max} could): nothing was loaded"),
        ));
    }
    if let Some(text) = read.dyn_ref::<js_sys::JsString>() {
        return Ok(crate::wasm::bulk::Batch::whole(crate::wasm::bulk::utf8_text(text, load)?));
    }
    if read.is_undefined() {
        return Err(Error::input(None, format!("{what} must be an array of objects, got {}", type_name(v))));
    }
    let pair: Array = read.unchecked_into();
    let text = match pair.get(0).dyn_ref::<js_sys::JsString>() {
        Some(s) => crate::wasm::bulk::utf8_text(s, load)?,
        None => String::new(),
    };
    let bad: Array = pair.get(1).unchecked_into();
    let mut rejected = Vec::new();
    for k in (0..bad.length()).step_by(3) {
        rejected.push(Rejection {
            index: bad.get(k).as_f64().unwrap_or(0.0) as usize,
            line: None,
            column: None,
            field: bad.get(k + 1).as_string().unwrap_or_default(),
            message: bad.get(k + 2).as_string().unwrap_or_default(),
        });
    }
    let n = pair.get(2).as_f64().unwrap_or(0.0) as usize;
    let mut bad_at = rejected.iter().map(|r| r.index).peekable();
    let mut index = Vec::with_capacity(n);
    for i in 0..n {
        if bad_at.peek() == Some(&i) {
            bad_at.next();
        } else {
            index.push(i);
        }
    }
    Ok(crate::wasm::bulk::Batch { text, index: Some(index), rejected })
}

/// An optional JS value as JSON, read through the JS engine's own `JSON.stringify` (which calls
/// `toJSON()`, so a `Calendar` or a `Date` gives its plain form) and parsed for the core's
/// readers. `undefined`/`null` read as `None`. `what` names the value in messages, and is its
/// `field` when `is_field`.
pub fn json(v: &JsValue, what: &str, is_field: bool, code: Code) -> Result<Option<Plain>> {
    if is_absent(v) {
        return Ok(None);
    }
    let field = is_field.then_some(what);
    let cannot = |why: String| Error::new(code, field, format!("{what} cannot be read: {why}"));
    let text = js_sys::JSON::stringify(v).map_err(|e| cannot(thrown(&e)))?;
    let text = text.as_string().ok_or_else(|| cannot(format!("a {} is not data", type_name(v))))?;
    Plain::parse(&text).map(Some).map_err(|e| cannot(e.to_string()))
}
