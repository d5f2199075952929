// lienthong for browsers without a bundler: <script type="module">, then `await init()` once.
//   import init, { Tracker } from "./node_modules/lienthong/index.js";
//   await init();
import { Tracker, Calendar, Importer } from "./lienthong.js";
import { guardFreed } from "./@SNIPPET@";

// After free(), every method throws LienthongError with code FREED (not wasm-bindgen's "null
// pointer passed to rust").
guardFreed(Tracker);
guardFreed(Calendar);
guardFreed(Importer);

export * from "./lienthong.js";
export { default } from "./lienthong.js";
export { LienthongError } from "./@SNIPPET@";
