//! `LienthongError`: the one JS error class of the package, with `code`, and `field`/`line`
//! where known. It is defined in a small JS snippet (a real `class … extends Error`, so stack
//! traces, `instanceof` and `console.error` behave) and constructed from Rust. The package's
//! entry files re-export the class from the snippet (see `pkg-config/`).

use crate::calendar::spec::SpecError;
use crate::model::TimeError;
use crate::query::QueryError;
use wasm_bindgen::prelude::*;

// The package's one JS snippet (the build converts it for the CommonJS glue, so there is one):
// the error class, and the readers of JS values that may throw (getters, proxies, detached
// buffers). Every reader the binding imports is `catch`: a JS exception becomes an `Err` in Rust
// instead of unwinding through Rust frames, which would leave the tracker borrowed for good.
#[wasm_bindgen(inline_js = r#"
export class LienthongError extends Error {
  constructor(code, message, field, line) {
    super(message);
    this.name = "LienthongError";
    this.code = code;
    if (field !== undefined && field !== null) this.field = field;
    if (line !== undefined && line !== null) this.line = line;
  }
}
export function lienthongError(code, message, field, line) {
  return new LienthongError(code, message, field, line);
}
export function consoleError(message) {
  console.error(message);
}
const wellFormed = (s) => (typeof s.isWellFormed === "function" ? s.isWellFormed() : !/\p{Cs}/u.test(s));
export function isWellFormed(s) {
  return wellFormed(s);
}
export function kindOf(v) {
  try {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    const t = typeof v;
    if (t !== "object") return t;
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    if (tag !== "Object") return tag;
    const p = Object.getPrototypeOf(v);
    const c = p === null ? undefined : p.constructor;
    return typeof c === "function" && c.name && c.name !== "Object" ? c.name + " instance" : "object";
  } catch (_) {
    return "unreadable object";
  }
}
export function errorMessage(e) {
  try {
    return String(e instanceof Error ? e.message : e);
  } catch (_) {
    return "unreadable error";
  }
}
export function ownEntries(v) {
  const p = Object.getPrototypeOf(v);
  if (p !== null && Object.getPrototypeOf(p) !== null) return kindOf(v);
  const out = [];
  for (const k of Object.keys(v)) out.push(k, v[k]);
  return out;
}
export function arrayCopy(v) {
  if (!Array.isArray(v)) return undefined;
  const n = v.length;
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = v[i];
  return out;
}
export function badStrings(a) {
  const bad = [];
  for (let i = 0; i < a.length; i++) if (typeof a[i] === "string" && !wellFormed(a[i])) bad.push(i);
  return bad;
}
export function timeOf(v) {
  try {
    return Date.prototype.getTime.call(v);
  } catch (_) {
    return undefined;
  }
}
const TAG = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const VIEWS = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float64Array };
export function viewCopy(v) {
  const name = TAG.call(v);
  return name !== undefined && Object.prototype.hasOwnProperty.call(VIEWS, name) ? new VIEWS[name](v) : undefined;
}
const U8 = Object.getPrototypeOf(Uint8Array.prototype);
const U8_BUFFER = Object.getOwnPropertyDescriptor(U8, "buffer").get;
const U8_OFFSET = Object.getOwnPropertyDescriptor(U8, "byteOffset").get;
const U8_LENGTH = Object.getOwnPropertyDescriptor(U8, "byteLength").get;
const AB_LENGTH = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
export function bytesView(v) {
  if (TAG.call(v) === "Uint8Array") return new Uint8Array(U8_BUFFER.call(v), U8_OFFSET.call(v), U8_LENGTH.call(v));
  try {
    AB_LENGTH.call(v);
  } catch (_) {
    return undefined;
  }
  return new Uint8Array(v);
}
export function jsonText(v) {
  if (typeof v !== "string" || wellFormed(v)) return v;
  return v.replace(/\p{Cs}/gu, (c) => "\\u" + c.charCodeAt(0).toString(16));
}
const encoder = new TextEncoder();
export function encodeInto(s, from, view) {
  const r = encoder.encodeInto(from === 0 ? s : s.slice(from), view);
  return [from + r.read, r.written];
}
export function recordsJson(v, max) {
  if (!Array.isArray(v)) return undefined;
  if (!(v.length <= max)) return v.length;
  try {
    return JSON.stringify(v);
  } catch (_) {}
  const n = v.length, parts = [], bad = [];
  for (let i = 0; i < n; i++) {
    let r;
    try {
      r = v[i];
      parts.push(JSON.stringify(r) ?? "null");
    } catch (e) {
      let field = "", why = errorMessage(e);
      try {
        for (const k of Object.keys(r)) {
          try {
            const x = r[k];
            if (typeof x === "bigint") { field = k; why = "a BigInt is not accepted; use a number or a string"; break; }
            JSON.stringify(x);
          } catch (e2) { field = k; why = errorMessage(e2); break; }
        }
      } catch (_) {}
      bad.push(i, field, (field ? field + ": " : "") + "cannot be read: " + why);
    }
  }
  return ["[" + parts.join(",") + "]", bad, n];
}
export function guardFreed(cls) {
  const proto = cls.prototype;
  const freed = () => new LienthongError("FREED", "this " + cls.name + " was freed (free() was called); create a new one");
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === "constructor" || key.startsWith("__")) continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (key === "free") {
      const f = d.value;
      proto.free = function free() {
        if (this instanceof cls && this.__wbg_ptr === 0) return;
        return f.call(this);
      };
      continue;
    }
    if (typeof d.value === "function") {
      const f = d.value;
      d.value = { [key](...args) {
        if (this instanceof cls && this.__wbg_ptr === 0) throw freed();
        return f.apply(this, args);
      } }[key];
    }
    if (typeof d.get === "function") {
      const g = d.get;
      d.get = function () {
        if (this instanceof cls && this.__wbg_ptr === 0) throw freed();
        return g.call(this);
      };
    }
    Object.defineProperty(proto, key, d);
  }
  if (typeof Symbol.dispose === "symbol" && typeof proto[Symbol.dispose] === "function") proto[Symbol.dispose] = proto.free;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = lienthongError)]
    fn make_error(code: &str, message: &str, field: Option<String>, line: Option<u32>) -> JsValue;
    #[wasm_bindgen(js_name = consoleError)]
    pub(crate) fn console_error(message: &str);
    /// Whether a JS string has no lone surrogate (what Rust would read as U+FFFD).
    #[wasm_bindgen(js_name = isWellFormed)]
    pub(crate) fn is_well_formed(s: &JsValue) -> bool;
    /// A short description of a JS value's type ("array", "Date", "Map", "Foo instance"…).
    #[wasm_bindgen(js_name = kindOf)]
    pub(crate) fn kind_of(v: &JsValue) -> String;
    /// The message of a thrown JS value.
    #[wasm_bindgen(js_name = errorMessage)]
    pub(crate) fn error_message(e: &JsValue) -> String;
    /// A plain object's own enumerable properties as `[key, value, …]`, or the kind of a value
    /// that is not a plain object.
    #[wasm_bindgen(catch, js_name = ownEntries)]
    pub(crate) fn own_entries(v: &JsValue) -> std::result::Result<JsValue, JsValue>;
    /// A copy of an array (`undefined` for anything else).
    #[wasm_bindgen(catch, js_name = arrayCopy)]
    pub(crate) fn array_copy(v: &JsValue) -> std::result::Result<JsValue, JsValue>;
    /// Indexes of the strings with a lone surrogate in an array made by `arrayCopy`.
    #[wasm_bindgen(js_name = badStrings)]
    pub(crate) fn bad_strings(a: &JsValue) -> Vec<u32>;
    /// The time of a `Date` (NaN when invalid), `undefined` for anything else.
    #[wasm_bindgen(js_name = timeOf)]
    pub(crate) fn time_of(v: &JsValue) -> JsValue;
    /// A fresh copy of a typed array (`undefined` for anything else); throws when detached.
    #[wasm_bindgen(catch, js_name = viewCopy)]
    pub(crate) fn view_copy(v: &JsValue) -> std::result::Result<JsValue, JsValue>;
    /// A fresh `Uint8Array` over the bytes of a `Uint8Array` (a Node `Buffer` too) or an
    /// `ArrayBuffer`, made with the built-in getters (no copy; nothing of the caller's object
    /// is called afterwards); `undefined` for anything else; throws when the buffer is detached.
    #[wasm_bindgen(catch, js_name = bytesView)]
    pub(crate) fn bytes_view(v: &JsValue) -> std::result::Result<JsValue, JsValue>;
    /// A string with its lone surrogates written as JSON escapes (`\ud83d`), for JSON text.
    #[wasm_bindgen(js_name = jsonText)]
    pub(crate) fn json_text(v: &JsValue) -> JsValue;
    /// Writes the UTF-8 of string `s` from UTF-16 unit `from` into `view` (the engine's
    /// `TextEncoder.encodeInto`); returns `[from + units read, bytes written]`.
    #[wasm_bindgen(js_name = encodeInto)]
    pub(crate) fn encode_into(s: &JsValue, from: f64, view: &js_sys::Uint8Array) -> js_sys::Array;
    /// `JSON.stringify` of an array of records; when it throws, `[text of the readable records,
    /// [index, field, message, …] of the others, count]`; `undefined` for anything but an
    /// array; its length, without reading it, when it is over `max` (a sparse array of a billion
    /// holes would take minutes to stringify before the memory check could refuse it).
    #[wasm_bindgen(catch, js_name = recordsJson)]
    pub(crate) fn records_json(v: &JsValue, max: f64) -> std::result::Result<JsValue, JsValue>;
}

pub use crate::ingest::report::{clip, clip_message};

/// What went wrong, as the `code` of the JS error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// A tracker option is malformed (`new Tracker({ … })`).
    BadOption,
    /// A query or analysis option is malformed.
    BadQuery,
    /// A query names a unit the tracker does not know.
    UnknownUnit,
    /// Input that cannot be read at all (not an array, not JSON, columns of different lengths).
    BadInput,
    /// A load that could pass the tracker's `memoryLimit` or the 4 GiB of WebAssembly memory,
    /// refused before it started (nothing of it was loaded).
    OutOfMemory,
    /// A bug: a Rust panic turned into an error.
    Internal,
}

impl Code {
    fn as_str(self) -> &'static str {
        match self {
            Code::BadOption => "BAD_OPTION",
            Code::BadQuery => "BAD_QUERY",
            Code::UnknownUnit => "UNKNOWN_UNIT",
            Code::BadInput => "BAD_INPUT",
            Code::OutOfMemory => "OUT_OF_MEMORY",
            Code::Internal => "INTERNAL",
        }
    }
}

/// A failure on its way to JS.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub code: Code,
    pub message: String,
    pub field: Option<String>,
    pub line: Option<u32>,
}

impl Error {
    pub fn new(code: Code, field: Option<&str>, message: impl Into<String>) -> Error {
        Error { code, message: message.into(), field: field.map(str::to_string), line: None }
    }

    pub fn option(field: &str, message: impl Into<String>) -> Error {
        Error::new(Code::BadOption, Some(field), message)
    }

    pub fn query(field: &str, message: impl Into<String>) -> Error {
        Error::new(Code::BadQuery, Some(field), message)
    }

    pub fn input(field: Option<&str>, message: impl Into<String>) -> Error {
        Error::new(Code::BadInput, field, message)
    }

    pub fn time(field: &str, e: TimeError, code: Code) -> Error {
        Error::new(code, Some(field), format!("{field}: {e}"))
    }

    /// A spec read by the core (`calendar::spec`) that is malformed, its field seen from `under`
    /// (the option holding it), if any.
    pub fn spec(e: SpecError, code: Code, under: Option<&str>) -> Error {
        let e = match under {
            Some(parent) => e.under(parent),
            None => e,
        };
        let field = (!e.field.is_empty()).then_some(e.field.as_str());
        Error::new(code, field, e.to_string())
    }

    pub fn with_line(mut self, line: Option<u32>) -> Error {
        self.line = line;
        self
    }
}

impl From<QueryError> for Error {
    fn from(e: QueryError) -> Error {
        match &e {
            QueryError::UnknownUnit(_) => Error::new(Code::UnknownUnit, Some("units"), e.to_string()),
            QueryError::EmptyWindow => Error::new(Code::BadQuery, Some("to"), e.to_string()),
            QueryError::BadOption(field, _) => Error::new(Code::BadQuery, Some(field), e.to_string()),
        }
    }
}

impl From<crate::ingest::import::ImportError> for Error {
    fn from(e: crate::ingest::import::ImportError) -> Error {
        let line = e.line.map(|l| u32::try_from(l).unwrap_or(u32::MAX));
        Error::new(Code::BadInput, e.field.as_deref(), e.to_string()).with_line(line)
    }
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        make_error(e.code.as_str(), &clip_message(&e.message), e.field.map(|f| clip(&f, 60)), e.line)
    }
}

/// Result of a binding call.
pub type Result<T> = std::result::Result<T, Error>;

/// Installs a panic hook that logs the panic message and throws it as a `LienthongError` with
/// code `INTERNAL` instead of letting WebAssembly trap with `unreachable`.
///
/// Throwing from the hook abandons the Rust frames; the object being called may then refuse
/// further calls ("recursive use"), but the page gets a readable error, not a trap.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let msg = format!("lienthong: internal error (please report): {info}");
            console_error(&msg);
            wasm_bindgen::throw_val(make_error(Code::Internal.as_str(), &msg, None, None));
        }));
    });
}
