// The hand-written TypeScript declarations (pkg-config/lienthong.d.ts) against what the package
// really returns: every key of every result object is declared, and every declared key that is
// not optional is present. Catches drift between the Rust output types and the declarations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as lib from "lienthong";

const require = createRequire(import.meta.url);
const { units, documents, events } = require("./fixtures/hand-log.cjs");
const fanOut = require("./fixtures/fan-out.cjs");
const dts = readFileSync(new URL("../../pkg-config/lienthong.d.ts", import.meta.url), "utf8");

/** `interface Name { key: …; key?: …; }` → { required: Set, optional: Set } */
function declared(name) {
  const m = dts.match(new RegExp(`export interface ${name}(?: extends \\w+)? \\{([\\s\\S]*?)\\n\\}`));
  assert.ok(m, `interface ${name} is declared`);
  const required = new Set();
  const optional = new Set();
  let depth = 0;
  for (const line of m[1].split("\n")) {
    const key = depth === 0 && line.match(/^\s+(\w+)(\?)?:/);
    if (key) (key[2] ? optional : required).add(key[1]);
    depth += (line.match(/[[{(]/g) || []).length - (line.match(/[\]})]/g) || []).length;
  }
  return { required, optional };
}

function check(name, objects) {
  const { required, optional } = declared(name);
  assert.ok(objects.length > 0, `a sample of ${name}`);
  for (const o of objects) {
    for (const k of Object.keys(o)) {
      assert.ok(required.has(k) || optional.has(k), `${name}.${k} is returned but not declared`);
    }
    for (const k of required) assert.ok(k in o, `${name}.${k} is declared but not returned`);
  }
}

test("declarations describe every result object", () => {
  const t = new lib.Tracker({ locale: "en" });
  t.addUnits(units);
  t.addDocuments(documents);
  const report = t.addEvents(events);
  const bad = t.addEvents([{ doc: "", unit: "P", action: "x", at: 0 }]);
  check("IngestReport", [report, bad]);
  check("Rejection", bad.rejected);
  const s = t.summary();
  check("Summary", [s]);
  check("Stats", [s.leadTime, s.leadTimeWorking]);
  check("DfgArc", t.directlyFollows({ key: "unit" }));
  check("DfgArc", t.directlyFollows({ key: "action", case: "copy" }));
  const working = t.directlyFollows({ key: "unit", working: true });
  check("DfgArc", working);
  check("DfgWorking", working.map((a) => a.working));
  const f = t.flow();
  check("FlowGraph", [f]);
  check("FlowNode", f.nodes);
  check("FlowEdge", f.edges);
  check("DirectionFlow", f.directions);
  for (const by of ["document", "copy", "unit", "level", "type", "urgency", "edge"]) {
    const p = t.processingTimes({ by });
    check("ProcessingTimes", [p]);
    check("ProcessingGroup", p.groups);
    const splits = p.groups.map((g) => g.split).filter(Boolean);
    if (splits.length) check("Split", splits);
  }
  const b = t.bottlenecks({ top: 5 });
  check("Bottlenecks", [b]);
  check("UnitBottleneck", b.units);
  check("EdgeBottleneck", b.edges);
  const o = t.overdue({ dueSoonWithin: "2d" });
  check("OverdueReport", [o]);
  check("OverdueEntry", [...o.late, ...o.overdue, ...o.dueSoon]);
  check("Span", [o.late[0].lateness, o.dueSoon[0].remaining]);
  check("UnitOverdue", o.byUnit);
  check("LevelOverdue", o.byLevel);
  const cut = t.overdue({ dueSoonWithin: "2d", limit: 0 });
  check("OverdueReport", [cut]);
  check("OverdueTotals", [cut.totals]);
  assert.deepEqual([cut.late.length, cut.overdue.length, cut.dueSoon.length], [0, 0, 0]);
  assert.deepEqual(cut.totals, { late: o.late.length, overdue: o.overdue.length, dueSoon: o.dueSoon.length });
  check("TimelinePoint", t.timeline({ bucket: "day" }));
  check("MemoryReport", [t.memory()]);
  check("Counts", [t.counts()]);
  t.free();
});

test("declarations describe the copy-model results: report, copy counts, warnings", () => {
  const t = new lib.Tracker();
  t.addUnits(fanOut.units);
  t.addDocuments(fanOut.documents);
  const loaded = t.addEvents(fanOut.events);
  // An event at a unit after its validTo: loaded, with a warning.
  const warned = t.addEvents([{ doc: "w1", unit: "O", action: "arrived", at: "2026-08-03T08:00" }]);
  assert.equal(warned.warnings.length, 1);
  check("IngestReport", [loaded, warned]);
  check("Rejection", warned.warnings);
  check("Summary", [t.summary(), t.summary({ rollUp: false })]);
  const f = t.flow();
  check("FlowEdge", f.edges);
  assert.ok(f.edges.some((e) => e.inTransit > 0));
  const o = t.overdue({ asOf: "2026-10-30T08:00" });
  check("OverdueEntry", [...o.late, ...o.overdue, ...o.dueSoon]);
  const copies = t.processingTimes({ by: "copy" });
  check("ProcessingGroup", copies.groups);
  assert.ok(copies.groups.every((g) => typeof g.document === "string" && typeof g.unit === "string"));
  for (const by of ["unit", "level"]) {
    const r = t.report({ from: "2026-10-01", to: "2026-11-01", by });
    check("PeriodReport", [r]);
    check("ReportRow", [...r.rows, r.total]);
  }
  check("PeriodReport", [t.report()]);
  const egov = t.egov({ by: "level" });
  check("Egov", [egov]);
  check("EgovRow", [...egov.rows, egov.total]);
  check("ChannelCounts", [egov.total.handovers]);
  check("ChannelMedians", [egov.total.transitMedianMs]);
  t.free();
});

test("declarations describe the Calendar's results", () => {
  const cal = new lib.Calendar({ daysOff: [{ date: "2026-12-31", name: "Nghỉ" }], workingDays: ["2026-12-26"] });
  cal.addSchedule({ year: 2027, daysOff: ["2027-02-05"], workingDays: ["2027-02-20"] });
  check("DayOff", cal.daysOff(2026));
  const spec = cal.toJSON();
  check("CalendarSpec", [spec]);
  check("DayOff", spec.daysOff);
  check("ScheduleSpec", spec.schedules);
  assert.equal(typeof cal.hours, "string");
  assert.equal(typeof cal.workingDayMs, "number");
  cal.free();
});
