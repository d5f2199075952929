// The package in Chromium: a page without a bundler, a Vite app and a webpack 5 app, each built
// here and opened with playwright-core; each shows a computed figure that is read back. And the
// leaders' dashboard (www/) is tested in dashboard.test.mjs. Pages carry a strict CSP ('self' +
// 'wasm-unsafe-eval').
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { serve } from "../../scripts/serve.mjs";
import { launch, readFigure } from "./browser.mjs";
import { EXPECTED } from "./apps/figure.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = path.join(root, "artifacts");
mkdirSync(artifacts, { recursive: true });
let browser, server, base;

before(async () => {
  server = await serve(root, 0);
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test("no bundler: <script type=module> + await init()", async () => {
  const { text } = await readFigure(browser, `${base}/tests/js/apps/nobundler/`, {
    screenshot: path.join(artifacts, "nobundler.png"),
  });
  assert.equal(text, EXPECTED);
});

test("Vite app", async () => {
  execFileSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "tests/js/apps/vite/vite.config.mjs"], {
    cwd: root,
    stdio: "inherit",
  });
  const { text } = await readFigure(browser, `${base}/tests/js/apps/vite/dist/`, {
    screenshot: path.join(artifacts, "vite.png"),
  });
  assert.equal(text, EXPECTED);
});

test("webpack 5 app", async () => {
  execFileSync(process.execPath, [path.join(root, "tests/js/apps/webpack/build.mjs")], { cwd: root, stdio: "inherit" });
  const { text } = await readFigure(browser, `${base}/tests/js/apps/webpack/dist/`, {
    screenshot: path.join(artifacts, "webpack.png"),
  });
  assert.equal(text, EXPECTED);
});
