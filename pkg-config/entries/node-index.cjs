"use strict";
// lienthong for Node.js (CommonJS). The browser glue (an ES module, loaded with require():
// Node 20.19+ or 22.12+) with the WebAssembly module compiled synchronously from the file.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const glue = require("../lienthong.js");
const { LienthongError, guardFreed } = require("../@SNIPPET@");

glue.initSync({ module: readFileSync(join(__dirname, "..", "lienthong_bg.wasm")) });

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

// Not the glue's own init/initSync: the module is instantiated above.
const { default: _init, initSync: _initSync, ...api } = glue;
module.exports = { ...api, LienthongError, init, default: init };
