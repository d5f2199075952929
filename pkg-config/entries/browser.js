// lienthong for bundlers (Vite, webpack 5, …): the WebAssembly module is instantiated here,
// once, with top-level await; `init()` stays available and does nothing more.
// The bundler sees `new URL("lienthong_bg.wasm", import.meta.url)` in ./lienthong.js and emits
// the .wasm file as an asset.
import init from "./lienthong.js";

await init();

export * from "./index.js";
export { default } from "./index.js";
