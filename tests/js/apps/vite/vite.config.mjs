import { fileURLToPath } from "node:url";

export default {
  root: fileURLToPath(new URL(".", import.meta.url)),
  logLevel: "warn",
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
};
