//! `tracker.importEdxml(textOrBytes)`: edXML document packages and status messages (QCVN
//! 102:2016). The reading is `crate::ingest::edxml`; this only moves values.

use super::convert::{js_string, thrown, to_js, type_name};
use super::error::{self as js_err, Code, Error, Result};
use super::tracker::JsTracker;
use crate::ingest::edxml::import_edxml;
use crate::ingest::import::ImportError;
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The input as bytes: a string (its UTF-8), or a `Uint8Array` (a `Buffer`, or
/// `new Uint8Array(await file.arrayBuffer())`), copied through a reader that cannot trap.
fn input_bytes(v: &JsValue, what: &str) -> Result<Vec<u8>> {
    if let Some(s) = js_string(v, what, Code::BadInput)? {
        return Ok(s.into_bytes());
    }
    let copy =
        js_err::view_copy(v).map_err(|e| Error::input(None, format!("{what}: cannot be read: {}", thrown(&e))))?;
    copy.dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .map_err(|_| Error::input(None, format!("{what}: expected a string or a Uint8Array, got {}", type_name(v))))
}

/// Input that cannot be read at all: `BAD_INPUT`, with its line and element.
fn import_error(e: ImportError) -> Error {
    Error::input(e.field.as_deref(), e.to_string()).with_line(e.line.map(|l| l.min(u32::MAX as usize) as u32))
}

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `importEdxml(textOrBytes)`: edXML packages and status messages, one or several
    /// (concatenated, or in a list element). Returns the ingest report; throws `BAD_INPUT` for
    /// input that is not edXML at all, or a message over the size limit (what came before it
    /// stays loaded).
    #[wasm_bindgen(js_name = importEdxml)]
    pub fn import_edxml(&mut self, input: JsValue) -> std::result::Result<JsValue, JsValue> {
        let bytes = input_bytes(&input, "importEdxml(input)")?;
        let report = import_edxml(&mut self.inner, &bytes).map_err(import_error)?;
        Ok(to_js(&report)?)
    }
}
