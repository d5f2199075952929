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
test("ESM: the npm package has the pictures, the XES/edXML importers and the components", async () => {
  const t = new lib.Tracker();
  t.addEvents([
    { doc: "d1", unit: "S", action: "sent", at: "2026-03-02T08:00", to: ["A", "B"], due: "2026-03-04" },
    { doc: "d1", unit: "A", action: "arrived", at: "2026-03-02T09:00" },
    { doc: "d1", unit: "B", action: "arrived", at: "2026-03-02T10:00" },
    { doc: "d1", unit: "A", action: "completed", at: "2026-03-03T09:00" },
  ]);
  const flow = t.renderFlowSvg({ width: 640 });
  assert.match(flow, /^<svg[^>]*>/);
  assert.equal((flow.match(/data-unit="[ABS]"/g) || []).length, 3, flow);
  assert.match(t.renderSvg("deadlines", { by: "unit" }), /^<svg/);
  const xes = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016"><trace><string key="concept:name" value="d1"/>
<event><string key="concept:name" value="arrived"/><string key="org:group" value="A"/><date key="time:timestamp" value="2026-03-02T09:00:00+07:00"/></event>
<event><string key="concept:name" value="completed"/><string key="org:group" value="A"/><date key="time:timestamp" value="2026-03-03T09:00:00+07:00"/></event>
</trace></log>`;
  const back = new lib.Tracker();
  const report = back.importXes(new TextEncoder().encode(xes));
  assert.deepEqual([report.accepted, report.rejected.length], [2, 0]);
  assert.equal(back.summary().closed, 1);
  assert.equal(typeof back.importEdxml, "function");
  // The JS exports: the log as CSV read back by the CSV importer, as XES by the XES importer,
  // and an analysis as a table (flattened by the package's src/wasm/table.js snippet).
  const csvBack = new lib.Tracker();
  assert.deepEqual([csvBack.importCsv(t.exportCsv()).accepted, csvBack.summary().events], [t.summary().events, t.summary().events]);
  const xesBack = new lib.Tracker();
  assert.equal(xesBack.importXes(t.exportXes()).accepted, t.summary().events);
  assert.deepEqual(xesBack.directlyFollows({ key: "unit" }), t.directlyFollows({ key: "unit" }));
  const table = t.analysisCsv("directlyFollows", { key: "unit" }).split("\n");
  assert.match(table[0], /^from,to,count,/);
  assert.equal(table.length - 2, t.directlyFollows({ key: "unit" }).length);
  for (const x of [csvBack, xesBack]) x.free();
  // The components and the stylesheet resolve through the manifest's exports.
  const { createRequire: cr } = await import("node:module");
  const req = cr(import.meta.url);
  const fs = await import("node:fs");
  const css = fs.readFileSync(req.resolve("lienthong/lienthong.css"), "utf8");
  assert.match(css, /--lt-/);
  const components = fs.readFileSync(req.resolve("lienthong/components.js"), "utf8");
  assert.match(components, /lienthong-dashboard/);
  for (const x of [t, back]) x.free();
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
