"use strict";
// lienthong for Node.js (CommonJS; the ES module entry loads this one). The package ships one JS
// glue, the ES module ../lienthong.js that browsers and bundlers load. CommonJS cannot import an
// ES module synchronously on Node 18, so this entry reads the glue and its snippet as text, turns
// their `import`/`export` lines into plain declarations (line for line, so stack traces keep the
// glue's line numbers), runs them once, and compiles the WebAssembly module synchronously.
const fs = require("fs");
const path = require("path");
const url = require("url");
const vm = require("vm");

const root = path.join(__dirname, "..");

/** Runs the package's ES module `file` with `imports` as what it imports; returns its exports. */
function load(file, imports) {
  const filename = path.join(root, file);
  const names = [];
  const source = fs
    .readFileSync(filename, "utf8")
    .replace(/^import \{([^}]*)\} from .*$/gm, (_, list) => `const {${list}} = imports;`)
    .replace(/^import \* as (\w+) from .*$/gm, "const $1 = imports;")
    .replace(/^export (class|function) (\w+)/gm, (_, kind, name) => (names.push(name), `${kind} ${name}`))
    .replace(/^export \{([^}]*)\};?$/gm, (_, list) => {
      for (const [local, as] of list.split(",").map((p) => p.trim().split(/\s+as\s+/))) names.push(as ? `${as}: ${local}` : local);
      return "";
    })
    .replace(/import\.meta\.url/g, JSON.stringify(url.pathToFileURL(filename).href));
  const run = vm.runInThisContext(`(function (imports) {"use strict";${source}\nreturn { ${names.join(", ")} };\n})`, { filename });
  return run(imports);
}

const snippet = load("@SNIPPET@", {});
const { initSync, default: _webInit, ...glue } = load("lienthong.js", snippet);
initSync({ module: fs.readFileSync(path.join(root, "lienthong_bg.wasm")) });
const { LienthongError, guardFreed } = snippet;

// After free(), every method throws LienthongError with code FREED (not wasm-bindgen's "null
// pointer passed to rust").
guardFreed(glue.Tracker);
guardFreed(glue.Calendar);

/** Nothing to do in Node: the module is ready on `require`. Kept so that code written for
 *  browsers (`await init()`) runs unchanged. */
async function init() {
  return undefined;
}

module.exports = { ...glue, LienthongError, init, default: init };
