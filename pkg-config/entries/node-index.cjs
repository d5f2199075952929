"use strict";
// lienthong for Node.js (CommonJS). The WebAssembly module is compiled synchronously on load.
const glue = require("./lienthong.js");
const { LienthongError } = require("./@SNIPPET@");

/** Nothing to do in Node: the module is ready on `require`. Kept so that code written for
 *  browsers (`await init()`) runs unchanged. */
async function init() {
  return undefined;
}

module.exports = { ...glue, LienthongError, init, default: init };
