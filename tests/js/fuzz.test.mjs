// Fuzzing the JS entry points (Tracker, Calendar, the tracker options) with random, mostly
// malformed input (seeded, repeatable): every call either returns or throws a LienthongError — never a TypeError from the glue, never a
// WebAssembly trap (RuntimeError) — and a tracker that threw keeps what it had loaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as lib from "lienthong"; // the npm package: it has the renderers, the XES/edXML importers and the exports

const { units, documents, events } = createRequire(import.meta.url)("./fixtures/hand-log.cjs");
const fanOut = createRequire(import.meta.url)("./fixtures/fan-out.cjs");

let seed = 20261126;
let rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
/** Mulberry32: successive draws of the generator above are too correlated for the calendar test. */
const mulberry32 = (a) => () => {
  a = (a + 0x6d2b79f5) | 0;
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const STRINGS = ["", " ", "d1", "P", "X", "unit", "sent", "completed", "2026-03-02T08:00", "2026-02-30", "31/12/2025 25:00",
  "+07:00", "Z", "-1", "1e309", "9".repeat(30), "\u0000", "\ud800", "Sở Tài chính", "3d", "4h", "90m", "x".repeat(300),
  "central", "xã", "flash", "week", "day", "month", "unit", "action", "level", "document", "edge", "type", "urgency",
  "copy", "2026-10-01", "2026-11-01", "O", "B", "07:30-11:30,13:30-17:00", "8-17", "continuous", "vietnam", "2027"];
const KEYS = ["doc", "unit", "action", "at", "to", "actor", "note", "id", "name", "level", "parent", "validFrom",
  "validTo", "successor", "number", "type", "urgency", "due", "issuer", "subject", "attributes", "from", "asOf",
  "levels", "units", "types", "key", "by", "top", "limit", "bucket", "dueSoonWithin", "assumeClosed", "locale", "timeZone",
  "terminalActions", "calendar", "docs", "actions", "case", "rollUp", "to", "due", "dueRules", "hours", "daysOff",
  "workingDays", "schedules", "year", "within", "date"];

function value(depth = 0) {
  switch (Math.floor(rnd() * (depth > 2 ? 8 : 12))) {
    case 0: return pick(STRINGS);
    case 1: return pick([0, -1, 1.5, 1772413200000, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 60), 8.64e15 + 1]);
    case 2: return pick([null, undefined, true, false]);
    case 3: return new Date(pick([0, 1772413200000, NaN, 8.64e15]));
    case 4: return 10n;
    case 5: return Symbol("s");
    case 6: return () => 1;
    case 7: return pick([new Uint32Array([0, 1, 2]), new Int32Array([-1, 5]), new Float64Array([NaN, 1e300]), new Uint8Array(0)]);
    case 8: return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    default: {
      const o = {};
      for (let i = Math.floor(rnd() * 6); i > 0; i--) o[pick(KEYS)] = value(depth + 1);
      return o;
    }
  }
}

/** A record that is mostly right, with one or two fields made wrong. */
function nearlyRight(base) {
  const o = { ...base };
  for (let i = 1 + Math.floor(rnd() * 2); i > 0; i--) o[pick(KEYS)] = value(2);
  return o;
}

/** JSON text of a value (BigInt → "[", which is not JSON either). */
function text(v) {
  try {
    return JSON.stringify(v) ?? "[";
  } catch {
    return "[";
  }
}

const seen = { returned: 0, threw: 0, rejectedRecords: 0 };

function call(f) {
  try {
    const r = f();
    seen.returned++;
    if (r && Array.isArray(r.rejected)) seen.rejectedRecords += r.rejected.length;
    return r;
  } catch (e) {
    seen.threw++;
    assert.ok(e instanceof lib.LienthongError, `expected a LienthongError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(typeof e.code, "string");
    // INTERNAL is a bug (a panic or a result that could not be converted), never an answer.
    assert.notEqual(e.code, "INTERNAL", e.message);
    return undefined;
  }
}

test("random input to every entry point: results or LienthongError, nothing lost", () => {
  const t = new lib.Tracker();
  t.addUnits(units);
  t.addDocuments(documents);
  t.addEvents(events);
  t.addUnits(fanOut.units);
  t.addDocuments(fanOut.documents);
  t.addEvents(fanOut.events);
  const before = t.summary();
  /** A query that is mostly right (a window, a unit, roll-up) with random extra keys. */
  const nearlyQuery = () => {
    const o = {};
    if (rnd() < 0.5) o.from = pick(["2026-10-01", "2026-03-02", fanOut.at("2026-10-05T08:00"), value(2)]);
    if (rnd() < 0.5) o.to = pick(["2026-11-01", "2026-03-04", fanOut.at("2026-10-20T08:00"), value(2)]);
    if (rnd() < 0.3) o.units = pick([["B"], ["O"], ["P"], "C", value(2)]);
    if (rnd() < 0.3) o.rollUp = pick([true, false, value(2)]);
    if (rnd() < 0.3) o.by = pick(["unit", "level", value(2)]);
    if (rnd() < 0.3) o.dueSoonWithin = pick(["2d", "1h", 0, value(2)]);
    if (rnd() < 0.2) o[pick(KEYS)] = value(2);
    return o;
  };
  const copyDfgQuery = () => {
    const { by, dueSoonWithin, ...o } = nearlyQuery();
    return { ...o, case: pick(["copy", "copy", "document", value(2)]), key: pick(["unit", "action", "level"]) };
  };
  const methods = [
    (x) => t.addUnits(x), (x) => t.addDocuments(x), (x) => t.addEvents(x),
    (x) => t.addUnitsJson(x), (x) => t.addDocumentsJson(x), (x) => t.addEventsJson(x), (x) => t.addEventColumns(x),
    (x) => t.summary(x), (x) => t.flow(x), (x) => t.directlyFollows(x), (x) => t.processingTimes(x),
    (x) => t.bottlenecks(x), (x) => t.overdue(x), (x) => t.timeline(x), (x) => t.checkQuery(x),
    (x) => {
      const kind = pick(["sankey", "deadlines", "bottlenecks", "distribution", "timeline", value(2)]);
      const o = rnd() < 0.6 ? { ...nearlyQuery(), width: pick([320, 0, -1, 1e9, NaN, value(2)]), charWidths: pick([undefined, { a: 0.5 }, { ab: 1 }, value(2)]) } : x;
      const svg = t.renderSvg(kind, o);
      assert.ok(!/NaN|Infinity|<script/.test(svg), svg);
      return svg;
    },
    (x) => t.renderFlowSvg(x),
    (x) => t.renderFlowSvg(rnd() < 0.7 ? { ...nearlyQuery(), width: pick([320, 960, 1e9, value(2)]), expand: pick([[], ["P"], value(2)]), selected: pick(["S", value(2)]), charWidths: pick([{ a: 0.5 }, { "ệ": 9 }, value(2)]), maxUnits: pick([1, 80, 0, value(2)]), norm: pick(["1h", -1, value(2)]) } : x),
    (x) => t.report(x), (x) => t.report(rnd() < 0.7 ? nearlyQuery() : x),
    (x) => t.directlyFollows(rnd() < 0.7 ? copyDfgQuery() : x),
  ];
  const sampled = { report: 0, copyDfg: 0 };
  for (let i = 0; i < 3000; i++) {
    const m = Math.floor(rnd() * methods.length);
    let arg = value();
    if (m <= 2 && rnd() < 0.6) arg = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => nearlyRight(pick([units, documents, events][m])[0]));
    if (m >= 3 && m <= 5 && rnd() < 0.5) arg = text(value());
    const r = call(() => methods[m](arg));
    if (r && Array.isArray(r.rows)) {
      sampled.report++;
      // Whatever the arguments, the counts add up.
      for (const row of [...r.rows, r.total]) {
        assert.equal(row.carriedOver + row.received, row.toHandle);
        const done = row.doneEarly + row.doneOnTime + row.doneLate + row.doneNoDue;
        assert.equal(done + row.openWithinDue + row.openDueSoon + row.openOverdue + row.openNoDue, row.toHandle);
      }
    }
    if (m === methods.length - 1 && Array.isArray(r)) sampled.copyDfg++;
    if (rnd() < 0.05) call(() => new lib.Tracker(value()));
  }
  // Both outcomes were exercised, and bad records went into reports.
  assert.ok(seen.returned > 300 && seen.threw > 300 && seen.rejectedRecords > 100, JSON.stringify(seen));
  assert.ok(sampled.report > 20 && sampled.copyDfg > 10, JSON.stringify(sampled));
  // Everything from the fixture is still there (random records may have added more).
  const after = t.summary();
  assert.ok(after.events >= before.events && after.documents >= before.documents);
  assert.equal(new lib.Tracker().summary().events, 0);
  t.free();
});

test("random input to Calendar and to the calendar and dueRules options: results or LienthongError", () => {
  rnd = mulberry32(20270206);
  const cal = new lib.Calendar();
  const date = () => pick(["2026-12-31", "2026-02-30", "31/12/2026", "2101-01-01", 1772413200000, new Date(1772413200000), value(2)]);
  /** A calendar spec that is mostly right. */
  const nearlySpec = () => {
    const o = {};
    if (rnd() < 0.5) o.hours = pick(["07:30-11:30,13:30-17:00", "08:00-12:00,13:00-17:00", "0:00-24:00", "8-17", "", value(2)]);
    if (rnd() < 0.5) o.daysOff = pick([[date()], [{ date: date(), name: pick(["Nghỉ", "", value(2)]) }], value(2)]);
    if (rnd() < 0.3) o.workingDays = pick([[date()], [date(), date()], value(2)]);
    if (rnd() < 0.3) o.schedules = [nearlySchedule()];
    if (rnd() < 0.2) o[pick(KEYS)] = value(2);
    return o;
  };
  const nearlySchedule = () => {
    const o = { year: pick([2027, 2027, 2027, 1899, 2100.5, value(2)]), daysOff: [pick(["2027-02-04", date()]), "2027-02-05"] };
    if (rnd() < 0.4) o.workingDays = [pick(["2027-02-20", date()])];
    if (rnd() < 0.2) o[pick(KEYS)] = value(2);
    return o;
  };
  const nearlyRules = () => Array.from({ length: Math.floor(rnd() * 3) }, () => {
    const r = { within: pick(["3d", "4h", "1d4h", 3_600_000, "0h", "-5", value(2)]) };
    if (rnd() < 0.5) r.type = pick(["công văn", "báo cáo", "", value(2)]);
    if (rnd() < 0.5) r.urgency = pick(["urgent", "khẩn", "flash", "soon", value(2)]);
    if (rnd() < 0.1) r[pick(KEYS)] = value(2);
    return r;
  });
  const instant = () => (rnd() < 0.6 ? pick(["2026-02-13T09:00", 1772413200000, new Date(1771000000000), "2026-02-16"]) : value(2));
  const methods = [
    (x) => new lib.Calendar(rnd() < 0.7 ? nearlySpec() : x).free(),
    (x) => cal.isWorkingDay(rnd() < 0.5 ? date() : x),
    (x) => cal.lunarNewYear(rnd() < 0.5 ? pick([1900, 2026, 2100, 2101, 2026.5]) : x),
    (x) => cal.daysOff(rnd() < 0.5 ? pick([1900, 2026, 2100, 2101, -1]) : x),
    (x) => cal.workingMsBetween(instant(), rnd() < 0.5 ? instant() : x),
    (x) => cal.addWorking(instant(), rnd() < 0.5 ? pick(["3d", "4h", 5400000, "1e9d", "-1d"]) : x),
    (x) => cal.addSchedule(rnd() < 0.7 ? nearlySchedule() : x),
    (x) => cal.addDayOff(rnd() < 0.5 ? date() : x, pick([undefined, "Nghỉ", value(2)])),
    (x) => cal.addWorkingDay(rnd() < 0.5 ? date() : x),
    () => cal.toJSON(),
    () => [cal.hours, cal.workingDayMs],
    (x) => {
      const calendar = rnd() < 0.8 ? pick([cal, cal, "continuous", "vietnam", nearlySpec(), x]) : x;
      const t = new lib.Tracker({ calendar, dueRules: rnd() < 0.8 ? nearlyRules() : value(2) });
      try {
        t.addDocuments(documents);
        t.addEvents(events);
        return t.overdue({ asOf: "2026-03-05T08:00" });
      } finally {
        t.free();
      }
    },
  ];
  let overdue = 0;
  for (let i = 0; i < 2400; i++) {
    const m = Math.floor(rnd() * methods.length);
    const r = call(() => methods[m](value()));
    if (m === methods.length - 1 && r && Array.isArray(r.overdue)) {
      overdue++;
      for (const e of [...r.late, ...r.overdue]) assert.ok(e.lateness.workingMs <= e.lateness.calendarMs);
    }
  }
  assert.ok(overdue > 30, `trackers built: ${overdue}`);
  // Whatever was added, the calendar's spec rebuilds an equal calendar.
  const spec = cal.toJSON();
  const copy = new lib.Calendar(spec);
  assert.deepEqual(copy.toJSON(), spec);
  for (const y of [2026, 2027]) assert.deepEqual(copy.daysOff(y), cal.daysOff(y));
  copy.free();
  cal.free();
});

test("random CSV to importCsv and to a streaming importer: reports or LienthongError", () => {
  const base = new TextEncoder().encode(
    "Số hiệu;Đơn vị;Trạng thái;Thời gian;Nơi nhận;Hạn xử lý\r\n12/UBND;P;sent;26/06/2021 08:00;\"A|B\";2021-07-01\r\n" +
      "12/UBND;A;arrived;2021-06-26 09:00:00.5;;\r\n12/UBND;A;completed;2021-06-28T08:00:00+07:00;;\r\n",
  );
  const spice = ['"', ";", ",", "\t", "\n", "\r", "\u0000", "|", "\ufeff", "ệ", "e\u0323\u0302", "31/02/2021"].map((s) => new TextEncoder().encode(s));
  const mutate = () => {
    let v = Array.from(base);
    for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) {
      const at = Math.floor(rnd() * (v.length + 1));
      const r = rnd();
      if (r < 0.3) v.splice(at, 1 + Math.floor(rnd() * 8));
      else if (r < 0.6) v.splice(at, 0, ...pick(spice));
      else if (r < 0.8) v[at] = Math.floor(rnd() * 256);
      else v = [...pick([[0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], []]), ...v];
    }
    return new Uint8Array(v);
  };
  const mapping = () => pick([undefined, null, { document: "Số hiệu" }, { doc: "SỐ HIỆU", at: "Thời gian" }, { unit: "x" }, value(2)]);
  let reports = 0;
  for (let i = 0; i < 400; i++) {
    const t = new lib.Tracker();
    const bytes = mutate();
    const input = pick([bytes, bytes.buffer, new TextDecoder().decode(bytes), value()]);
    if (call(() => t.importCsv(input, mapping(), pick([undefined, { maxBytes: 200 }, value(2)])))) reports++;
    const imp = call(() => t.importer(pick(["csv", "csv", "csv", value()]), mapping()));
    if (imp) {
      let at = 0;
      while (at < bytes.length) {
        const n = 1 + Math.floor(rnd() * 40);
        // A push that throws leaves the importer spent (or refuses the chunk): carry on.
        call(() => imp.push(rnd() < 0.9 ? bytes.subarray(at, at + n) : value()));
        at += n;
      }
      call(() => imp.finish());
      call(() => imp.progress());
      imp.free();
    }
    t.free();
  }
  // Both outcomes: most mutations break the header or the mapping (errors), some load rows.
  assert.ok(reports > 10, `reports: ${reports}`);
});
