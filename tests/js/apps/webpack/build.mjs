// Builds the webpack 5 test app into dist/ (no config beyond the defaults a portal would have).
import webpack from "webpack";
import { copyFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "dist");
const config = {
  mode: "production",
  context: here,
  entry: "./src/index.js",
  output: { path: dist, filename: "main.js", publicPath: "auto", clean: true },
  performance: { hints: false },
};
const stats = await new Promise((resolve, reject) =>
  webpack(config, (err, s) => (err ? reject(err) : resolve(s))),
);
if (stats.hasErrors()) {
  console.error(stats.toString({ colors: false, all: false, errors: true }));
  process.exit(1);
}
mkdirSync(dist, { recursive: true });
copyFileSync(path.join(here, "index.html"), path.join(dist, "index.html"));
console.log(stats.toString({ colors: false, all: false, assets: true }));
