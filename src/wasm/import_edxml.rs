//! `tracker.importEdxml(textOrBytes)`: edXML document packages and status messages (QCVN
//! 102:2016). The reading is `crate::ingest::edxml`, through the same importer machinery as CSV
//! and XES (`import.rs`); this only names the entry point.

use super::tracker::JsTracker;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `importEdxml(textOrBytes)`: edXML packages and status messages, one or several
    /// (concatenated, or in a list element). Returns the ingest report; throws `BAD_INPUT` for
    /// input that is not edXML at all, or a message over the size limit (what came before it
    /// stays loaded).
    #[wasm_bindgen(js_name = importEdxml)]
    pub fn import_edxml(&mut self, input: JsValue) -> std::result::Result<JsValue, JsValue> {
        self.import_whole("edxml", input, JsValue::UNDEFINED, JsValue::UNDEFINED, "importEdxml(input)")
    }
}
