//! `tracker.toBytes()`, `Tracker.fromBytes(bytes, options)` and `Tracker.restorer(length)`: a
//! loaded log saved as bytes and restored without the loaders (`store::snapshot`), at once or
//! piece by piece as a download brings it.

use super::convert::{thrown, type_name};
use super::error::{self as js_err, Error, Result};
use super::memory;
use super::tracker::{js, tracker_options, JsTracker};
use crate::store::snapshot::{Restorer, SnapshotError};
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
    room(&empty, view.length() as u64)?;
    Ok(view.to_vec())
}

/// Room for a saved store of `len` bytes and the store restored from them (an event is at
/// least 7 bytes of them), beside a tracker of footprint `empty`.
fn room(empty: &Footprint, len: u64) -> Result<()> {
    memory::room(empty, len / 7, len)
}

/// A saved store refused: `BAD_INPUT` naming the part at fault.
fn refused(e: SnapshotError) -> Error {
    Error::input(Some(e.part), e.to_string())
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
            let t = Tracker::from_bytes(&bytes, opts).map_err(refused)?;
            Ok(JsTracker { inner: Rc::new(RefCell::new(t)) })
        })())
    }
}

/// `Tracker.restorer(length?)`: a saved log restored piece by piece as it downloads.
#[wasm_bindgen(js_name = TrackerRestorer)]
pub struct JsRestorer {
    /// `None` once finished (or failed: what was read is dropped with it).
    inner: Option<Restorer>,
    /// Bytes given so far, and the amount the memory was last checked for.
    received: u64,
    checked: u64,
}

#[wasm_bindgen(js_class = Tracker)]
impl JsTracker {
    /// `Tracker.restorer(length?)`: reads a saved log (as `fromBytes` does) from pieces given
    /// by `push(chunk)` as they arrive, each part as soon as it is whole, so that a page
    /// restores while it downloads; `finish(options?)` gives the tracker. `length`: the bytes
    /// announced (a `Content-Length`), checked against the memory at once.
    pub fn restorer(length: Option<f64>) -> std::result::Result<JsRestorer, JsValue> {
        js((|| {
            let length = length.filter(|l| l.is_finite() && *l >= 0.0).map(|l| l as u64);
            if let Some(len) = length {
                room(&Tracker::new(Default::default()).footprint(), len)?;
            }
            Ok(JsRestorer {
                inner: Some(Restorer::new(length.map(|l| l.min(usize::MAX as u64) as usize))),
                received: 0,
                checked: length.unwrap_or(0),
            })
        })())
    }
}

#[wasm_bindgen(js_class = TrackerRestorer)]
impl JsRestorer {
    /// `push(chunk)`: the next bytes (a `Uint8Array`). Throws `BAD_INPUT` naming the part at
    /// fault as soon as one is read and wrong; the restorer is then spent.
    pub fn push(&mut self, chunk: &[u8]) -> std::result::Result<(), JsValue> {
        js((|| {
            let r = self.inner.as_mut().ok_or_else(spent)?;
            self.received += chunk.len() as u64;
            if self.received > self.checked {
                // Without an announced length: checked at each doubling.
                let want = self.received.max(self.checked * 2);
                room(&Tracker::new(Default::default()).footprint(), want)?;
                self.checked = want;
            }
            r.push(chunk).map_err(|e| {
                self.inner = None;
                refused(e)
            })
        })())
    }

    /// `finish(options?)`: the tracker, with the options of `new Tracker(options)`, once every
    /// byte was pushed. Throws `BAD_INPUT` when the log is cut short or wrong.
    pub fn finish(&mut self, options: JsValue) -> std::result::Result<JsTracker, JsValue> {
        js((|| {
            let options = tracker_options(&options)?;
            let r = self.inner.take().ok_or_else(spent)?;
            let t = Tracker::from_restored(r, options).map_err(refused)?;
            Ok(JsTracker { inner: Rc::new(RefCell::new(t)) })
        })())
    }
}

fn spent() -> Error {
    Error::input(None, "TrackerRestorer: already finished, or stopped at an error")
}
