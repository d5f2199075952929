"use strict";
// lienthong for Node.js (CommonJS). The WebAssembly module is compiled synchronously on load.
const glue = require("./lienthong.js");
const { LienthongError, guardFreed } = require("./@SNIPPET@");

// After free(), every method throws LienthongError with code FREED (not wasm-bindgen's "null
// pointer passed to rust").
guardFreed(glue.Tracker);
guardFreed(glue.Calendar);
guardFreed(glue.Importer);

/** Nothing to do in Node: the module is ready on `require`. Kept so that code written for
 *  browsers (`await init()`) runs unchanged. */
async function init() {
  return undefined;
}

module.exports = { ...glue, LienthongError, init, default: init };
