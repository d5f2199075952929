//! File importers for JS: `tracker.importCsv(input, mapping, options)` in one call, and
//! `tracker.importer(kind, mapping, options)`, the JS `Importer` class fed chunk by chunk (from
//! `File.stream()`): `push(chunk)`, `progress`, `finish()`, `free()`. Both run the same core
//! importer ([`crate::ingest::import::Importer`]); a kind is one arm of [`make_importer`].

use super::convert::{self, is_absent, to_js, type_name, Obj};
use super::error::{self as js_err, Code, Error, Result};
use super::memory;
use super::tracker::{js, JsTracker};
use crate::ingest::csv::{CsvImporter, CsvMapping};
use crate::ingest::import::Importer;
use crate::ingest::staging::Key;
use crate::Tracker;
use js_sys::Uint8Array;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Bytes copied into wasm memory per `push` of the core importer: a large `Uint8Array` is
/// read in slices of this size, never copied whole.
const SLICE: u32 = 1 << 20;

/// The importer kinds `importer(kind)` knows.
#[cfg(feature = "xml")]
const KINDS: [&str; 3] = ["csv", "xes", "edxml"];
#[cfg(not(feature = "xml"))]
const KINDS: [&str; 1] = ["csv"];

/// Options shared by the importers: `{ maxBytes }`.
fn max_bytes(options: &JsValue) -> Result<Option<u64>> {
    let o = Obj::new(options, "options", Code::BadOption)?;
    o.only(&["maxBytes"], Code::BadOption)?;
    let v = o.get("maxBytes");
    if is_absent(&v) {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=9.0e15).contains(&n) => Ok(Some(n as u64)),
        _ => Err(Error::option("maxBytes", "maxBytes: expected a whole number of bytes")),
    }
}

/// A CSV mapping from JS: `{ document: "Số hiệu", unit: "Đơn vị", … }` (`doc` for
/// `document`); `undefined` or `null` for none.
fn csv_mapping(mapping: &JsValue) -> Result<Option<CsvMapping>> {
    if is_absent(mapping) {
        return Ok(None);
    }
    let o = Obj::new(mapping, "mapping", Code::BadOption)?;
    let mut m = CsvMapping::new();
    for (name, v) in o.entries() {
        let key = Key::parse(name).ok_or_else(|| {
            let known: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
            Error::option(name, format!("mapping: unknown key {name:?}; known keys: {}", known.join(", ")))
        })?;
        let header = convert::string(v, name, Code::BadOption)?
            .ok_or_else(|| Error::option(name, format!("mapping: {name}: expected a column header (a string)")))?;
        m.set(key, header);
    }
    Ok(Some(m))
}

/// The core importer of `kind`.
fn make_importer(kind: &str, mapping: &JsValue, options: &JsValue) -> Result<Box<dyn Importer>> {
    let limit = max_bytes(options)?;
    match kind {
        "csv" => {
            let imp = CsvImporter::new(csv_mapping(mapping)?);
            Ok(Box::new(match limit {
                Some(l) => imp.with_max_bytes(l),
                None => imp,
            }))
        }
        // XES has its own bounds (each element, the inflated size): see SEMANTICS "XES import".
        #[cfg(feature = "xml")]
        "xes" if limit.is_some() => Err(Error::option("maxBytes", "maxBytes: only the CSV importer takes it")),
        #[cfg(feature = "xml")]
        "xes" => super::import_xes::xes_importer(mapping),
        #[cfg(feature = "xml")]
        "edxml" if !is_absent(mapping) || limit.is_some() => {
            Err(Error::option("mapping", "edXML takes no mapping and no maxBytes: its elements are fixed by QCVN 102"))
        }
        #[cfg(feature = "xml")]
        "edxml" => Ok(Box::new(crate::ingest::edxml::EdxmlImporter::new())),
        _ => Err(Error::option("kind", format!("kind: {kind:?} is not one of {}", convert::names(&KINDS)))),
    }
}

/// Pushes a JS chunk (text, `Uint8Array` or `ArrayBuffer`) into `imp`; `buf` is reused for the
/// slices of a byte array.
fn push_js(
    imp: &mut dyn Importer,
    tracker: &mut Tracker,
    chunk: &JsValue,
    buf: &mut Vec<u8>,
    what: &str,
) -> Result<()> {
    // Each piece is checked against the memory left before it is read: a row takes at least
    // 20 bytes of a file.
    let room = |t: &Tracker, bytes: usize| memory::room(&t.footprint(), bytes as u64 / 20, bytes as u64);
    if let Some(text) = convert::js_string(chunk, what, Code::BadInput)? {
        room(tracker, text.len())?;
        return imp.push(tracker, text.as_bytes()).map_err(Error::from);
    }
    let view = js_err::bytes_view(chunk)
        .map_err(|e| Error::input(None, format!("{what}: cannot be read: {}", convert::thrown(&e))))?;
    if view.is_undefined() {
        return Err(Error::input(
            None,
            format!("{what}: expected a string, a Uint8Array or an ArrayBuffer, got {}", type_name(chunk)),
        ));
    }
    let view: Uint8Array = view.unchecked_into();
    let len = view.length();
    let mut at = 0;
    while at < len {
        let end = len.min(at + SLICE);
        room(tracker, (end - at) as usize)?;
        buf.resize((end - at) as usize, 0);
        view.subarray(at, end).copy_to(buf);
        imp.push(tracker, buf).map_err(Error::from)?;
        at = end;
    }
    Ok(())
}

impl JsTracker {
    /// A whole input through the importer of `kind`: the one-shot `import*` methods.
    pub(super) fn import_whole(
        &mut self,
        kind: &str,
        input: JsValue,
        mapping: JsValue,
        options: JsValue,
        what: &str,
    ) -> std::result::Result<JsValue, JsValue> {
        js((|| {
            let mut imp = make_importer(kind, &mapping, &options)?;
            let mut buf = Vec::new();
            let mut t = self.inner.borrow_mut();
            push_js(imp.as_mut(), &mut t, &input, &mut buf, what)?;
            let report = imp.finish(&mut t)?;
            to_js(&report)
        })())
    }
}

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `importCsv(input, mapping?, options?)`: a whole CSV file (text, `Uint8Array` or
    /// `ArrayBuffer`) loaded at once; returns the ingestion report. Throws `LienthongError`
    /// (`BAD_INPUT`, with `line` and `field`) for input that cannot be read at all; rows read
    /// before the fault stay loaded.
    #[wasm_bindgen(js_name = importCsv)]
    pub fn import_csv(
        &mut self,
        input: JsValue,
        mapping: JsValue,
        options: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        self.import_whole("csv", input, mapping, options, "importCsv(input)")
    }

    /// `importer(kind, mapping?, options?)`: a streaming importer (`"csv"`) loading into this
    /// tracker: `push(chunk)` each chunk of a file, then `finish()` for the report.
    pub fn importer(
        &self,
        kind: JsValue,
        mapping: JsValue,
        options: JsValue,
    ) -> std::result::Result<JsImporter, JsValue> {
        js((|| {
            let kind = convert::string(&kind, "kind", Code::BadOption)?
                .ok_or_else(|| Error::option("kind", format!("kind: expected one of {}", convert::names(&KINDS))))?;
            let inner = make_importer(&kind, &mapping, &options)?;
            Ok(JsImporter { tracker: Rc::downgrade(&self.inner), inner, buf: Vec::new() })
        })())
    }
}

/// A streaming importer made by `tracker.importer(kind)`: chunks in, rows loaded into the
/// tracker in batches as they are read.
#[wasm_bindgen(js_name = Importer)]
pub struct JsImporter {
    tracker: Weak<RefCell<Tracker>>,
    inner: Box<dyn Importer>,
    buf: Vec<u8>,
}

impl JsImporter {
    /// Runs `f` with the tracker borrowed.
    fn with_tracker<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Importer, &mut Tracker, &mut Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        let rc = self.tracker.upgrade().ok_or_else(|| Error::input(None, "the tracker of this importer was freed"))?;
        let mut t = rc.try_borrow_mut().map_err(|_| {
            Error::input(None, "the tracker is busy (an importer cannot be fed from inside a tracker call)")
        })?;
        f(self.inner.as_mut(), &mut t, &mut self.buf)
    }
}

#[wasm_bindgen(js_class = Importer)]
impl JsImporter {
    /// Reads the next chunk: a `Uint8Array` (what `File.stream()` gives), an `ArrayBuffer` or
    /// text. Chunks may be cut anywhere. Throws `LienthongError` (`BAD_INPUT`) when the input
    /// cannot be read further; rows read before stay loaded and the importer is spent.
    pub fn push(&mut self, chunk: JsValue) -> std::result::Result<(), JsValue> {
        js(self.with_tracker(|imp, t, buf| push_js(imp, t, &chunk, buf, "push(chunk)")))
    }

    /// Reads what is left and returns the ingestion report of the whole input. The importer is
    /// spent afterwards.
    pub fn finish(&mut self) -> std::result::Result<JsValue, JsValue> {
        js(self.with_tracker(|imp, t, _| {
            let report = imp.finish(t)?;
            to_js(&report)
        }))
    }

    /// How far the import has come: `{ bytes, rows, events }` (bytes pushed, rows read,
    /// events loaded so far). A method, as in the XES branch's `Importer`.
    pub fn progress(&self) -> std::result::Result<JsValue, JsValue> {
        js(to_js(&self.inner.progress()))
    }
}
