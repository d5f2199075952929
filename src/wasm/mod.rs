//! The WebAssembly binding: the `Tracker` class of SPEC §5 for JavaScript.
//!
//! Thin on purpose: it converts JS values to core inputs ([`convert`]), calls
//! [`crate::Tracker`], and returns plain JS objects and arrays (camelCase, maps as objects).
//! Every failure becomes a `LienthongError` ([`error`]); bad records go into the ingestion
//! report. Compiled for `wasm32` only.

mod bulk;
mod convert;
mod error;
mod tracker;

use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start)]
pub fn start() {
    error::install_panic_hook();
}

/// The crate version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
