//! Bulk loading without one JS object per event: a whole JSON text, or typed-array columns.
//! Only the reading of JS values is here; `ingest::json` and `ingest::columns` load them.

use super::convert::{self, is_absent, type_name, Obj};
use super::error::{self as js_err, Code, Error, Result};
use super::memory;
use crate::ingest::columns::{self, EventColumns, Indexes};
use crate::ingest::import::ImportError;
use crate::ingest::{json, IngestReport, Rejection};
use crate::store::Footprint;
use crate::Tracker;
use js_sys::{Float64Array, Int32Array, Uint16Array, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The JSON text of a batch of records, as read from JS: the positions of its records in the
/// caller's array (`None`: all of them, in order), and the records rejected while reading.
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

    /// Loads the batch with `load` (one of `ingest::json`'s readers); the report speaks of the
    /// caller's positions. `what` names the call in errors.
    pub fn load(
        self,
        tracker: &mut Tracker,
        what: &str,
        load: fn(&mut Tracker, &str) -> std::result::Result<IngestReport, ImportError>,
    ) -> Result<IngestReport> {
        let report = load(tracker, &self.text).map_err(|e| input_error(e, what))?;
        Ok(match self.index {
            Some(index) => json::remap(report, &index, self.rejected),
            None => report,
        })
    }
}

/// A core error about the input, as `BAD_INPUT` for `what`.
fn input_error(e: ImportError, what: &str) -> Error {
    let line = e.line.and_then(|l| u32::try_from(l).ok());
    Error::input(e.field.as_deref(), format!("{what}: {}", e.message)).with_line(line)
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

/// An index column as read from JS, in its own width.
enum IndexColumn {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    I32(Vec<i32>),
    F64(Vec<f64>),
}

impl IndexColumn {
    fn indexes(&self) -> Indexes<'_> {
        match self {
            IndexColumn::U8(c) => Indexes::U8(c),
            IndexColumn::U16(c) => Indexes::U16(c),
            IndexColumn::U32(c) => Indexes::U32(c),
            IndexColumn::I32(c) => Indexes::I32(c),
            IndexColumn::F64(c) => Indexes::F64(c),
        }
    }
}

/// A required index column (see [`index_column`]).
fn required_index_column(o: &Obj, key: &str) -> Result<IndexColumn> {
    index_column(o, key)?.ok_or_else(|| Error::input(Some(key), format!("columns.{key} is missing")))
}

/// An index column: `Uint32Array`, `Int32Array`, `Uint16Array`/`Uint8Array` or a plain array of
/// numbers; `None` when absent.
fn index_column(o: &Obj, key: &str) -> Result<Option<IndexColumn>> {
    let v = o.get(key);
    if is_absent(&v) {
        return Ok(None);
    }
    if let Some(c) = view(&v, key)? {
        if let Some(a) = c.dyn_ref::<Uint32Array>() {
            return Ok(Some(IndexColumn::U32(a.to_vec())));
        }
        if let Some(a) = c.dyn_ref::<Int32Array>() {
            return Ok(Some(IndexColumn::I32(a.to_vec())));
        }
        if let Some(a) = c.dyn_ref::<Uint8Array>() {
            return Ok(Some(IndexColumn::U8(a.to_vec())));
        }
        if let Some(a) = c.dyn_ref::<Uint16Array>() {
            return Ok(Some(IndexColumn::U16(a.to_vec())));
        }
    } else if let Some(arr) = convert::array(&v, key, Code::BadInput)? {
        return numbers(&arr, key, "integers").map(|c| Some(IndexColumn::F64(c)));
    }
    Err(Error::input(Some(key), format!("columns.{key}: expected a Uint32Array or Int32Array, got {}", type_name(&v))))
}

/// The numbers of a plain array.
fn numbers(arr: &js_sys::Array, key: &str, want: &str) -> Result<Vec<f64>> {
    arr.iter()
        .map(|x| {
            x.as_f64().ok_or_else(|| {
                Error::input(Some(key), format!("columns.{key}: expected {want}, found {}", type_name(&x)))
            })
        })
        .collect()
}

fn time_column(o: &Obj, key: &str) -> Result<Vec<f64>> {
    let v = o.get(key);
    if let Some(c) = view(&v, key)? {
        if let Some(a) = c.dyn_ref::<Float64Array>() {
            return Ok(a.to_vec());
        }
    } else if let Some(arr) = convert::array(&v, key, Code::BadInput)? {
        return numbers(&arr, key, "numbers");
    }
    Err(Error::input(
        Some(key),
        format!("columns.{key}: expected a Float64Array of epoch milliseconds, got {}", type_name(&v)),
    ))
}

/// A dictionary as the core reads it.
fn ids(d: &[Option<String>]) -> Vec<Option<&str>> {
    d.iter().map(Option::as_deref).collect()
}

/// `addEventColumns({ docs, units, actions, doc, unit, action, at, to?, due? })` (see
/// `ingest::columns`).
pub fn add_event_columns(tracker: &mut Tracker, columns: &JsValue) -> Result<IngestReport> {
    let o = Obj::new(columns, "columns", Code::BadInput)?;
    if is_absent(columns) {
        return Err(Error::input(None, "addEventColumns(columns): columns is missing"));
    }
    o.only(&["docs", "units", "actions", "doc", "unit", "action", "at", "to", "due"], Code::BadInput)?;
    let docs = dictionary(&o, "docs")?;
    let units = dictionary(&o, "units")?;
    let actions = dictionary(&o, "actions")?;
    let doc = required_index_column(&o, "doc")?;
    let unit = required_index_column(&o, "unit")?;
    let action = required_index_column(&o, "action")?;
    let at = time_column(&o, "at")?;
    let to = index_column(&o, "to")?;
    let due = if is_absent(&o.get("due")) { None } else { Some(time_column(&o, "due")?) };
    // The dictionaries' ids may all be new: they count as the load's text.
    let text: usize =
        [&docs, &units, &actions].iter().flat_map(|d| d.iter()).map(|s| s.as_ref().map_or(0, String::len)).sum();
    memory::room(&tracker.footprint(), at.len() as u64, text as u64)?;
    let (docs, units, actions) = (ids(&docs), ids(&units), ids(&actions));
    let c = EventColumns {
        docs: &docs,
        units: &units,
        actions: &actions,
        doc: doc.indexes(),
        unit: unit.indexes(),
        action: action.indexes(),
        at: &at,
        to: to.as_ref().map(IndexColumn::indexes),
        due: due.as_deref(),
    };
    columns::load_event_columns(tracker, &c).map_err(|e| Error::input(e.field.as_deref(), e.message))
}

/// The JSON text of a `…Json(text)` call; its lone surrogates, if any, become `\uXXXX`
/// escapes, so that only the records holding them are rejected.
pub fn text_arg(v: &JsValue, what: &str, load: &Load) -> Result<Batch> {
    let text = js_err::json_text(v);
    match text.dyn_ref::<js_sys::JsString>() {
        Some(s) => Ok(Batch::whole(utf8_text(s, load)?)),
        None => Err(Error::input(None, format!("{what}: expected a string, got {}", type_name(v)))),
    }
}

/// A JSON load about to be read: the tracker's footprint (taken before reading, so that no JS
/// code run by the reading finds the tracker borrowed) and whether the text holds events.
#[derive(Clone, Copy)]
pub struct Load {
    pub footprint: Footprint,
    pub events: bool,
}

impl Load {
    /// Checks the room for `bytes` of JSON text and what it loads, and takes it from the engine
    /// once ([`memory::room`]; growing WebAssembly memory step by step costs a copy of it per
    /// step in V8). An event takes at least 40 bytes of JSON.
    /// The most records a call could load within the memory left: the array's length is checked
    /// against it before anything is read.
    pub fn max_records(&self) -> u64 {
        let left = match self.footprint.limit {
            Some(l) => memory::left().min(l.saturating_sub(self.footprint.held)),
            None => memory::left(),
        };
        if self.events {
            self.footprint.events_within(left)
        } else {
            left / 40
        }
    }

    fn room(&self, bytes: u64) -> Result<()> {
        memory::room(&self.footprint, if self.events { bytes / 40 } else { 0 }, bytes)
    }
}

/// A JS string copied into Rust, written straight into WebAssembly memory by the engine's
/// `TextEncoder.encodeInto` (passing a long string as a `String` argument copies it one UTF-16
/// unit at a time in JS, several times slower). The room for loading it is checked first.
pub fn utf8_text(s: &js_sys::JsString, load: &Load) -> Result<String> {
    let units = s.length() as usize;
    // UTF-8 takes one byte per UTF-16 unit for ASCII, up to three for Vietnamese letters.
    load.room(units as u64 + units as u64 / 2)?;
    // ASCII fills one byte per unit; anything else asks for more room below.
    let mut bytes: Vec<u8> = Vec::with_capacity(units + 16);
    let mut read = 0usize;
    while read < units {
        let free = bytes.capacity() - bytes.len();
        // SAFETY: the view covers the vector's spare capacity, and nothing runs in WebAssembly
        // (so its memory cannot grow and move) while `encodeInto` writes through it.
        let view = unsafe { Uint8Array::view_mut_raw(bytes.as_mut_ptr().add(bytes.len()), free) };
        let r = js_err::encode_into(s, read as f64, &view);
        let number = |i| r.get(i).as_f64().unwrap_or(0.0) as usize;
        let (now_read, written) = (number(0), number(1));
        // SAFETY: `encodeInto` wrote `written <= free` bytes of UTF-8 there.
        unsafe { bytes.set_len(bytes.len() + written.min(free)) };
        if now_read == read && free >= 4 {
            break; // nothing more can be read (cannot happen with a real TextEncoder)
        }
        read = now_read;
        if read < units {
            bytes.reserve((units - read) * 3);
        }
    }
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
