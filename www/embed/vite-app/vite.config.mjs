// Builds the embedding example against the package in www/pkg (scripts/demo.sh builds both).
import { fileURLToPath } from "node:url";

export default {
  root: fileURLToPath(new URL(".", import.meta.url)),
  logLevel: "warn",
  base: "./",
  resolve: { alias: { lienthong: fileURLToPath(new URL("../../pkg/browser.js", import.meta.url)) } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
};
