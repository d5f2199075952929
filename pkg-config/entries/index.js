// lienthong for browsers without a bundler: <script type="module">, then `await init()` once.
//   import init, { Tracker } from "./node_modules/lienthong/index.js";
//   await init();
export * from "./lienthong.js";
export { default } from "./lienthong.js";
export { LienthongError } from "./@SNIPPET@";
