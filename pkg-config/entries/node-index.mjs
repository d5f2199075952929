// lienthong for Node.js (ES modules). Shares one instance with the CommonJS entry, so
// `instanceof LienthongError` holds whichever way the package was loaded.
import { createRequire } from "node:module";

const lib = createRequire(import.meta.url)("./index.cjs");

export const { @NAMES@ } = lib;
export default lib.init;
