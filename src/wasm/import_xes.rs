//! `Tracker.importXes(textOrBytes, mapping?)` and the XES kind of `Tracker.importer()`: the
//! mapping read from JS, the rest in [`crate::ingest::xes`].

use super::convert::Obj;
use super::error::Error;
use super::error::{Code, Result};
use super::tracker::JsTracker;
use crate::ingest::staging::Key;
use crate::ingest::xes::{XesImporter, XesMapping};
use wasm_bindgen::prelude::*;

/// Reads an XES mapping: `{ document, unit, action, at, due, type, … }`, each the name of an
/// event attribute or (`case:NAME`) a trace attribute.
pub(crate) fn xes_mapping(v: &JsValue) -> Result<XesMapping> {
    if super::convert::is_absent(v) {
        return Ok(XesMapping::default());
    }
    let o = Obj::new(v, "mapping", Code::BadInput)?;
    let mut names: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
    names.push("doc");
    o.only(&names, Code::BadInput)?;
    let mut pairs = Vec::new();
    for key in names {
        if let Some(s) = super::convert::string(&o.get(key), key, Code::BadInput)? {
            pairs.push((key, s));
        }
    }
    XesMapping::from_pairs(pairs.iter().map(|(k, s)| (*k, s.as_str()))).map_err(Error::from)
}

/// The streaming XES importer for `Tracker.importer("xes", mapping)`.
pub(crate) fn xes_importer(mapping: &JsValue) -> Result<Box<dyn crate::ingest::import::Importer>> {
    Ok(Box::new(XesImporter::new(Some(&xes_mapping(mapping)?))))
}

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `importXes(textOrBytes, mapping?, options?)`: loads an XES log (`.xes` text or bytes,
    /// `.xes.gz` bytes); one event per `<event>`. Returns the ingestion report; throws
    /// `LienthongError` (`BAD_INPUT`, with `line`) for input that cannot be read, keeping the
    /// rows read before. The same code as `importer("xes")`.
    #[wasm_bindgen(js_name = importXes)]
    pub fn import_xes(
        &mut self,
        input: JsValue,
        mapping: JsValue,
        options: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        self.import_whole("xes", input, mapping, options, "importXes(textOrBytes)")
    }
}
