// The built package loaded with require("lienthong").
const { test } = require("node:test");
const assert = require("node:assert/strict");
const lib = require("lienthong");
const checks = require("./fixtures/checks.cjs");

test("CJS: exports", async () => {
  assert.equal(typeof lib.Tracker, "function");
  assert.equal(typeof lib.LienthongError, "function");
  assert.equal(await lib.default(), undefined);
});
test("CJS: exact figures on the hand-computed log", () => checks.exactFigures(lib));
test("CJS: LienthongError on bad input", () => checks.errors(lib));
test("CJS: nothing loaded is lost after an error", () => checks.nothingLost(lib));
