//! The WebAssembly binding: the `Tracker` and `Calendar` classes of SPEC §5 for JavaScript.
//!
//! Thin on purpose: it converts JS values to core inputs ([`convert`]), calls
//! [`crate::Tracker`], and returns plain JS objects and arrays (camelCase, maps as objects).
//! Every failure becomes a `LienthongError` (see `error.rs`); bad records go into the ingestion
//! report. Compiled for `wasm32` only; public so that `tests/wasm.rs` can drive it.

mod bulk;
mod calendar;
mod convert;
mod error;
#[cfg(feature = "exports")]
mod export;
mod ser;
#[cfg(feature = "snapshot")]
mod snapshot;
// The in-browser generator: only in the demo build (feature `demo`), not in the npm package.
#[cfg(feature = "demo")]
mod generate;
mod import;
#[cfg(feature = "xml")]
mod import_edxml;
#[cfg(feature = "xml")]
mod import_xes;
mod memory;
#[cfg(feature = "render")]
mod render_charts;
#[cfg(feature = "render")]
mod render_flow;
mod tracker;

pub use calendar::JsCalendar;
pub use import::JsImporter;
pub use tracker::JsTracker;

use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start)]
fn start() {
    error::install_panic_hook();
}

/// The crate version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
