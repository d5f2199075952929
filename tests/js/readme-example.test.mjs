// Runs the README's example: the first ```js block under "## Example" in README.md, or, while
// README.md has none, tests/js/readme-example.mjs (the snippet the README carries).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

function example() {
  const readme = path.join(root, "README.md");
  if (existsSync(readme)) {
    const text = readFileSync(readme, "utf8");
    const m = text.match(/^## Example[^\n]*\n[\s\S]*?```js\n([\s\S]*?)```/m);
    if (m) return { code: m[1], from: "README.md" };
  }
  return { code: readFileSync(path.join(here, "readme-example.mjs"), "utf8"), from: "tests/js/readme-example.mjs" };
}

test("the README example runs and prints what its comment says", () => {
  const { code, from } = example();
  // Written next to this file so that `import "lienthong"` resolves through node_modules.
  const file = path.join(here, ".readme-example.run.mjs");
  writeFileSync(file, code);
  const out = execFileSync(process.execPath, [file], { encoding: "utf8" }).trim();
  const printed = code.match(/console\.log\([^\n]*\/\/\s*(.*)$/m);
  assert.ok(printed, `${from}: the console.log line should end with a comment giving its output`);
  assert.equal(out, printed[1].trim(), `${from} printed ${out}`);
});
