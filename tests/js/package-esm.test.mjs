// The built package imported as an ES module (`import … from "lienthong"`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import init, * as lib from "lienthong";

const checks = createRequire(import.meta.url)("./fixtures/checks.cjs");
const fanOut = createRequire(import.meta.url)("./fixtures/fan-out-checks.cjs");

test("ESM: init() is a harmless no-op in Node", async () => {
  await init();
  assert.equal(typeof lib.Tracker, "function");
  assert.equal(typeof lib.Calendar, "function");
  assert.match(lib.version(), /^\d+\.\d+\.\d+/);
});
test("ESM: exact figures on the hand-computed log", () => checks.exactFigures(lib));
test("ESM: LienthongError on bad input", () => checks.errors(lib));
test("ESM: nothing loaded is lost after an error", () => checks.nothingLost(lib));
test("ESM: the same instance as CommonJS", () => {
  const cjs = createRequire(import.meta.url)("lienthong");
  assert.equal(cjs.Tracker, lib.Tracker);
  assert.equal(cjs.Calendar, lib.Calendar);
  assert.equal(cjs.LienthongError, lib.LienthongError);
});
test("ESM: the npm package has no generator (it is in the demo build)", () => {
  assert.equal(lib.generate, undefined);
});
// The copy model on the fan-out log (fixtures/fan-out.cjs), loaded as objects and as JSON text.
for (const how of ["objects", "json"]) {
  test(`ESM: fan-out summary and flow (${how})`, () => fanOut.summaryAndFlow(lib, how));
  test(`ESM: fan-out overdue per copy (${how})`, () => fanOut.overdueByCopy(lib, how));
  test(`ESM: fan-out directly-follows by copy (${how})`, () => fanOut.directlyFollowsByCopy(lib, how));
  test(`ESM: fan-out period report (${how})`, () => fanOut.periodReport(lib, how));
}
test("ESM: fan-out roll-up of a merged unit, warnings", () => fanOut.rollUp(lib));
test("ESM: fan-out columns with due", () => fanOut.columns(lib));
