//! `tracker.toBytes()` and `Tracker.fromBytes(bytes, options)`: a loaded log saved as bytes
//! and restored without the loaders (`store::snapshot`).

use super::convert::{thrown, type_name};
use super::error::{self as js_err, Error, Result};
use super::memory;
use super::tracker::{js, tracker_options, JsTracker};
use crate::store::Footprint;
use crate::Tracker;
use js_sys::Uint8Array;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The bytes of a JS `Uint8Array` or `ArrayBuffer`, copied in once the memory they and the
/// store restored from them need is known to be there (an event is at least 7 bytes of them).
fn bytes_in(v: &JsValue, empty: Footprint) -> Result<Vec<u8>> {
    let what = "Tracker.fromBytes(bytes)";
    let view =
        js_err::bytes_view(v).map_err(|e| Error::input(None, format!("{what}: cannot be read: {}", thrown(&e))))?;
    if view.is_undefined() {
        return Err(Error::input(
            None,
            format!("{what}: expected a Uint8Array or an ArrayBuffer, got {}", type_name(v)),
        ));
    }
    let view: Uint8Array = view.unchecked_into();
    let len = view.length() as u64;
    memory::room(&empty, len / 7, len)?;
    Ok(view.to_vec())
}

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `toBytes()`: the loaded log (units, documents, events, their texts) as a `Uint8Array`,
    /// for `Tracker.fromBytes` (a cache in IndexedDB, a file served to pages). The options are
    /// not in it.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Uint8Array {
        Uint8Array::from(&self.inner.borrow().to_bytes()[..])
    }

    /// `Tracker.fromBytes(bytes, options?)`: a tracker with the log saved by `toBytes()` (or
    /// `lienthong save`), and the options of `new Tracker(options)`. Throws `BAD_INPUT` naming
    /// the part at fault for bytes that are not a saved log.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: JsValue, options: JsValue) -> std::result::Result<JsTracker, JsValue> {
        js((|| {
            let opts = tracker_options(&options)?;
            let bytes = bytes_in(&bytes, Tracker::new(opts.clone()).footprint())?;
            let t = Tracker::from_bytes(&bytes, opts).map_err(|e| Error::input(Some(e.part), e.to_string()))?;
            Ok(JsTracker { inner: Rc::new(RefCell::new(t)) })
        })())
    }
}
