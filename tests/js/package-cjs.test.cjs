// The built package loaded with require("lienthong").
const { test } = require("node:test");
const assert = require("node:assert/strict");
const lib = require("lienthong");
const checks = require("./fixtures/checks.cjs");
const fanOut = require("./fixtures/fan-out-checks.cjs");

test("CJS: exports", async () => {
  assert.equal(typeof lib.Tracker, "function");
  assert.equal(new lib.Calendar().lunarNewYear(2026), "2026-02-17");
  assert.equal(typeof lib.LienthongError, "function");
  assert.equal(await lib.default(), undefined);
});
test("CJS: exact figures on the hand-computed log", () => checks.exactFigures(lib));
test("CJS: LienthongError on bad input", () => checks.errors(lib));
test("CJS: nothing loaded is lost after an error", () => checks.nothingLost(lib));
// The copy model on the fan-out log (fixtures/fan-out.cjs), loaded as objects and as JSON text.
for (const how of ["objects", "json"]) {
  test(`CJS: fan-out summary and flow (${how})`, () => fanOut.summaryAndFlow(lib, how));
  test(`CJS: fan-out overdue per copy (${how})`, () => fanOut.overdueByCopy(lib, how));
  test(`CJS: fan-out directly-follows by copy (${how})`, () => fanOut.directlyFollowsByCopy(lib, how));
  test(`CJS: fan-out period report (${how})`, () => fanOut.periodReport(lib, how));
}
test("CJS: fan-out roll-up of a merged unit, warnings", () => fanOut.rollUp(lib));
test("CJS: fan-out columns with due", () => fanOut.columns(lib));
