//! The JS `Importer` class: a file fed chunk by chunk (`File.stream()`), with progress, into the
//! tracker that made it (`Tracker.importer(kind, mapping)`). It runs the same code as the
//! one-shot importers ([`crate::ingest::import::Importer`]).

use super::convert::{self, to_js, type_name};
use super::error::{self as js_err, Error, Result};
use super::tracker::JsTracker;
use crate::ingest::import::{ImportError, Importer};
use crate::Tracker;
use js_sys::{ArrayBuffer, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// An [`ImportError`] as a `LienthongError` (`BAD_INPUT`, with `line` and `field`).
pub(crate) fn import_error(e: ImportError) -> Error {
    let line = e.line.map(|l| l.min(u32::MAX as usize) as u32);
    Error::input(e.field.as_deref(), e.to_string()).with_line(line)
}

/// The bytes of an importer's input: a string (its UTF-8), a `Uint8Array` (or another typed
/// array's bytes) or an `ArrayBuffer`.
pub(crate) fn input_bytes(v: &JsValue, what: &str) -> Result<Vec<u8>> {
    if let Some(s) = convert::js_string(v, what, js_err::Code::BadInput)? {
        return Ok(s.into_bytes());
    }
    let copy = js_err::view_copy(v)
        .map_err(|e| Error::input(None, format!("{what}: cannot be read: {}", convert::thrown(&e))))?;
    if let Some(a) = copy.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    if !copy.is_undefined() {
        let a: &js_sys::Object = copy.unchecked_ref();
        let buf = js_sys::Reflect::get(a, &"buffer".into()).ok().and_then(|b| b.dyn_into::<ArrayBuffer>().ok());
        if let Some(b) = buf {
            return Ok(Uint8Array::new(&b).to_vec());
        }
    }
    if let Some(b) = v.dyn_ref::<ArrayBuffer>() {
        // A detached buffer has no bytes (and `new Uint8Array` would throw on it).
        if b.byte_length() == 0 {
            return Ok(Vec::new());
        }
        return Ok(Uint8Array::new(b).to_vec());
    }
    Err(Error::input(None, format!("{what}: expected a string, a Uint8Array or an ArrayBuffer, got {}", type_name(v))))
}

/// A streaming import into one tracker (SPEC §5): `push(chunk)` as the bytes arrive, then
/// `finish()` for the report; `progress()` says how far it has come.
#[wasm_bindgen(js_name = Importer)]
pub struct JsImporter {
    tracker: Rc<RefCell<Tracker>>,
    inner: Box<dyn Importer>,
}

#[wasm_bindgen(js_class = Importer)]
impl JsImporter {
    /// Reads the next chunk (`Uint8Array`, `ArrayBuffer` or string), cut anywhere.
    pub fn push(&mut self, chunk: JsValue) -> std::result::Result<(), JsValue> {
        let bytes = input_bytes(&chunk, "push(chunk)")?;
        let mut t = self.tracker.borrow_mut();
        self.inner.push(&mut t, &bytes).map_err(|e| JsValue::from(import_error(e)))
    }

    /// Reads what is left and returns the ingestion report of the whole input.
    pub fn finish(&mut self) -> std::result::Result<JsValue, JsValue> {
        let mut t = self.tracker.borrow_mut();
        let report = self.inner.finish(&mut t).map_err(|e| JsValue::from(import_error(e)))?;
        to_js(&report).map_err(JsValue::from)
    }

    /// `{ bytes, rows, events }`: input bytes pushed, rows read, events loaded so far.
    pub fn progress(&self) -> std::result::Result<JsValue, JsValue> {
        to_js(&self.inner.progress()).map_err(JsValue::from)
    }
}

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `importer(kind, mapping?)`: a streaming importer (`kind` `"xes"`) loading into this
    /// tracker.
    pub fn importer(&self, kind: JsValue, mapping: JsValue) -> std::result::Result<JsImporter, JsValue> {
        let run = || -> Result<JsImporter> {
            let kind = convert::string(&kind, "kind", js_err::Code::BadInput)?.unwrap_or_default();
            let inner = match kind.as_str() {
                "xes" => super::import_xes::xes_importer(&mapping)?,
                other => {
                    return Err(Error::input(Some("kind"), format!("importer kind {other:?} is not one of \"xes\"")))
                }
            };
            Ok(JsImporter { tracker: Rc::clone(&self.inner), inner })
        };
        run().map_err(JsValue::from)
    }
}
