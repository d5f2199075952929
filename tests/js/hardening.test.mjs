// Hostile and careless input at the JS boundary (issue 10, points 1, 3, 4, 8, 9): revoked
// proxies, detached buffers, throwing getters, lone surrogates, BigInts, prototype pollution,
// Dates and Maps as queries, use after free, sums past 2^53. Every call either answers or throws
// a LienthongError with the exact code, and the tracker answers afterwards with the figures it
// had before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { Tracker, Calendar, LienthongError } from "lienthong";

const { T, H, units, documents, events } = createRequire(import.meta.url)("./fixtures/hand-log.cjs");

const loaded = () => {
  const t = new Tracker();
  t.addUnits(units);
  t.addDocuments(documents);
  t.addEvents(events);
  return t;
};
const AS_OF = T + 40 * H;
const figures = (t) =>
  JSON.stringify([t.counts(), t.summary(), t.overdue({ asOf: AS_OF }), t.processingTimes({ by: "unit" }), t.directlyFollows()]);

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const revokedArray = () => {
  const { proxy, revoke } = Proxy.revocable([], {});
  revoke();
  return proxy;
};
const throwing = (key) => Object.defineProperty({}, key, { enumerable: true, get() { throw new TypeError("boom"); } });
const detached = (Kind, values) => {
  const a = new Kind(values);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  assert.equal(a.length, 0);
  return a;
};

/** Asserts that `f` throws a LienthongError with `code`. */
function throwsCode(f, code, what) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof LienthongError, `${what}: expected a LienthongError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, code, `${what}: ${e.message}`);
    return true;
  });
}

const QUERY_METHODS = {
  summary: (t, q) => t.summary(q),
  flow: (t, q) => t.flow(q),
  directlyFollows: (t, q) => t.directlyFollows(q),
  processingTimes: (t, q) => t.processingTimes(q),
  bottlenecks: (t, q) => t.bottlenecks(q),
  overdue: (t, q) => t.overdue(q),
  report: (t, q) => t.report(q),
  egov: (t, q) => t.egov(q),
  timeline: (t, q) => t.timeline(q),
  checkQuery: (t, q) => t.checkQuery(q),
};
const HOSTILE_QUERIES = {
  "revoked proxy": revoked,
  "throwing getter": () => throwing("from"),
  "throwing getter (units)": () => throwing("units"),
  "revoked proxy as units": () => ({ units: revokedArray() }),
  "revoked proxy as from": () => ({ from: revoked() }),
  "proxy of a Date as from": () => ({ from: new Proxy(new Date(T), {}) }),
  "lone surrogate in units": () => ({ units: ["P\ud800"] }),
  "lone surrogate in a level": () => ({ levels: "\udc00" }),
  Date: () => new Date(T),
  Map: () => new Map([["units", ["P"]]]),
  array: () => [],
  "class instance": () => new (class Query { constructor() { this.units = ["P"]; } })(),
  function: () => () => 1,
  BigInt: () => 10n,
};

test("every query method: hostile queries throw BAD_QUERY and the tracker keeps its figures", () => {
  const t = loaded();
  const before = figures(t);
  let n = 0;
  for (const [name, m] of Object.entries(QUERY_METHODS)) {
    for (const [kind, q] of Object.entries(HOSTILE_QUERIES)) {
      throwsCode(() => m(t, q()), "BAD_QUERY", `${name}(${kind})`);
      n++;
    }
    assert.equal(figures(t), before, `${name}: figures changed`);
  }
  assert.equal(n, 140);
  // Still usable for writing too.
  const r = t.addEvents([{ doc: "d5", unit: "Y", action: "processing", at: T + 50 * H }]);
  assert.equal(r.accepted, 1);
});

test("prototype pollution changes neither queries nor options", () => {
  const t = loaded();
  const before = figures(t);
  const base = JSON.stringify(new Tracker({ timeZone: "+07:00" }).summary());
  for (const [key, value] of [["units", ["NOPE"]], ["asOf", 0], ["from", "2030-01-01"], ["rollUp", false], ["by", "nope"],
    ["levels", ["commune"]], ["timeZone", "bad"], ["locale", "xx"], ["terminalActions", 5], ["key", "bad"], ["top", -1]]) {
    Object.prototype[key] = value;
    try {
      assert.equal(figures(t), before, `Object.prototype.${key}`);
      assert.equal(JSON.stringify(new Tracker({}).summary()), base);
      assert.equal(JSON.stringify(new Tracker().summary()), base);
    } finally {
      delete Object.prototype[key];
    }
  }
  // Own keys of an object without a prototype are read.
  const q = Object.create(null);
  q.units = ["NOPE"];
  throwsCode(() => t.summary(q), "UNKNOWN_UNIT", "null-prototype query");
});

test("tracker options: hostile values throw BAD_OPTION", () => {
  for (const [kind, o] of Object.entries({
    "revoked proxy": revoked(),
    "throwing getter": throwing("timeZone"),
    "throwing getter (calendar)": throwing("calendar"),
    "throwing toJSON in calendar": { calendar: { toJSON() { throw new Error("no"); } } },
    "revoked proxy as terminalActions": { terminalActions: revokedArray() },
    "lone surrogate in terminalActions": { terminalActions: ["done\ud83d"] },
    "BigInt in dueRules": { dueRules: [{ type: "x", within: 3n }] },
    Date: new Date(),
    Map: new Map(),
    array: [],
    "class instance": new (class Options {})(),
  })) {
    throwsCode(() => new Tracker(o), "BAD_OPTION", `new Tracker(${kind})`);
  }
});

test("addUnits/addDocuments/addEvents: one bad record is rejected alone, the rest load", () => {
  const t = new Tracker();
  const u = t.addUnits([
    units[0],
    { id: "bad\ud800", name: "cut emoji", level: "central" },
    units[1],
    { id: 7n, name: "BigInt", level: "central" },
    throwing("name"),
    ...units.slice(2),
  ]);
  assert.equal(u.accepted, units.length);
  assert.deepEqual(u.rejected.map((r) => [r.index, r.field]), [[1, "id"], [3, "id"], [4, "name"]]);
  assert.match(u.rejected[0].message, /lone surrogate/);
  assert.match(u.rejected[1].message, /BigInt/);
  assert.match(u.rejected[2].message, /boom/);

  const d = t.addDocuments([documents[0], { id: "d\udfff" }, { id: "dX", due: 5n }, ...documents.slice(1)]);
  assert.equal(d.accepted, documents.length);
  assert.deepEqual(d.rejected.map((r) => [r.index, r.field]), [[1, "id"], [2, "due"]]);

  const bad = [
    { doc: "d1", unit: "P\ud83d", action: "arrived", at: T },
    { doc: "d1", unit: "P", action: "arrived", at: 10n },
    { doc: "d1", unit: "P", action: "arrived", at: T, to: ["X", "\ude00"] },
    revoked(),
    { doc: "d1", unit: "P", action: "arrived", get at() { throw new Error("boom"); } },
  ];
  const ev = t.addEvents([...events.slice(0, 10), ...bad, ...events.slice(10)]);
  assert.equal(ev.accepted, events.length);
  assert.deepEqual(ev.rejected.map((r) => r.index), [10, 11, 12, 13, 14]);
  assert.deepEqual(ev.rejected.map((r) => r.field), ["unit", "at", "to", "", "at"]);
  // The good records are all there: the same figures as a tracker loaded cleanly.
  assert.equal(figures(t), figures(loaded()));
  // Two ids that differ only in their lone surrogates did not merge into one "U+FFFD" unit.
  assert.equal(t.counts().units, units.length);
});

test("JSON text methods: lone surrogates (escaped or not) reject only their record", () => {
  const t = new Tracker();
  const text = JSON.stringify(units).slice(0, -1) + ',{"id":"a\\ud800","name":"n"},{"id":"b\ud800","name":"n"}]';
  const r = t.addUnitsJson(text);
  assert.equal(r.accepted, units.length);
  assert.deepEqual(r.rejected.map((x) => [x.index, x.field]), [[units.length, "id"], [units.length + 1, "id"]]);
  const d = t.addDocumentsJson('[{"id":"ok"},{"id":"x\\udc00y"},{"id":"emoji \\ud83d\\ude00"}]');
  assert.equal(d.accepted, 2);
  assert.deepEqual(d.rejected.map((x) => x.index), [1]);
  const e = t.addEventsJson(JSON.stringify(events).replace('"d5"', '"d5\\udbff"'));
  assert.equal(e.accepted, events.length - 1);
  assert.equal(e.rejected[0].field, "doc");
  for (const [name, f] of [["addUnitsJson", (x) => t.addUnitsJson(x)], ["addDocumentsJson", (x) => t.addDocumentsJson(x)],
    ["addEventsJson", (x) => t.addEventsJson(x)]]) {
    for (const x of [revoked(), 5n, detached(Uint8Array, [1])]) throwsCode(() => f(x), "BAD_INPUT", name);
  }
});

test("records arguments that cannot be read at all throw BAD_INPUT; the tracker keeps its figures", () => {
  const t = loaded();
  const before = figures(t);
  const throwingArray = new Proxy([events[0]], { get(o, k) { if (k === "length") throw new Error("no length"); return o[k]; } });
  for (const [name, f] of [["addUnits", (x) => t.addUnits(x)], ["addDocuments", (x) => t.addDocuments(x)],
    ["addEvents", (x) => t.addEvents(x)]]) {
    for (const [kind, x] of [["revoked proxy", revokedArray()], ["throwing length", throwingArray], ["Map", new Map()],
      ["BigInt", 1n], ["detached typed array", detached(Uint8Array, [1])]]) {
      throwsCode(() => f(x), "BAD_INPUT", `${name}(${kind})`);
      assert.equal(figures(t), before, `${name}(${kind})`);
    }
  }
});

test("addEventColumns: detached buffers, proxies, throwing getters, lone surrogates", () => {
  const t = loaded();
  const before = figures(t);
  const good = () => ({
    docs: ["d1"], units: ["P", "D"], actions: ["arrived"],
    doc: new Uint32Array([0]), unit: new Uint32Array([0]), action: new Uint32Array([0]), at: new Float64Array([T + 99 * H]),
  });
  for (const [kind, change] of [
    ["detached doc", (c) => { c.doc = detached(Uint32Array, [0]); }],
    ["detached unit (Int32Array)", (c) => { c.unit = detached(Int32Array, [0]); }],
    ["detached at", (c) => { c.at = detached(Float64Array, [T]); }],
    ["detached due", (c) => { c.due = detached(Float64Array, [T]); }],
    ["detached to", (c) => { c.to = detached(Uint32Array, [1]); }],
    ["revoked docs", (c) => { c.docs = revokedArray(); }],
    ["revoked at", (c) => { c.at = revoked(); }],
    ["throwing getter", (c) => Object.defineProperty(c, "units", { enumerable: true, get() { throw new Error("boom"); } })],
  ]) {
    const c = good();
    change(c);
    throwsCode(() => t.addEventColumns(c), "BAD_INPUT", kind);
    assert.equal(figures(t), before, kind);
  }
  throwsCode(() => t.addEventColumns(revoked()), "BAD_INPUT", "revoked columns");
  throwsCode(() => t.addEventColumns(new Map()), "BAD_INPUT", "Map as columns");
  assert.equal(figures(t), before);
  // A lone surrogate in a dictionary rejects the events naming that id, no more.
  const c = good();
  c.docs = ["d1", "d\ud800"];
  c.doc = new Uint32Array([0, 1]);
  c.unit = new Uint32Array([0, 0]);
  c.action = new Uint32Array([0, 0]);
  c.at = new Float64Array([T + 99 * H, T + 99 * H]);
  const r = t.addEventColumns(c);
  assert.equal(r.accepted, 1);
  assert.deepEqual(r.rejected.map((x) => [x.index, x.field]), [[1, "doc"]]);
});

test("Calendar: hostile arguments throw BAD_QUERY / BAD_OPTION and the calendar keeps its days", () => {
  const cal = new Calendar();
  const before = JSON.stringify([cal.toJSON(), cal.daysOff(2026), cal.workingMsBetween(T, T + 72 * H)]);
  for (const [kind, x] of [["revoked proxy", revoked()], ["proxy of a Date", new Proxy(new Date(T), {})], ["BigInt", 1n],
    ["lone surrogate", "2026-02-16\ud800"], ["Map", new Map()]]) {
    throwsCode(() => cal.isWorkingDay(x), "BAD_QUERY", `isWorkingDay(${kind})`);
    throwsCode(() => cal.workingMsBetween(T, x), "BAD_QUERY", `workingMsBetween(${kind})`);
    throwsCode(() => cal.addWorking(x, "1d"), "BAD_QUERY", `addWorking(${kind})`);
    throwsCode(() => cal.addWorking(T, x), "BAD_QUERY", `addWorking(…, ${kind})`);
    throwsCode(() => cal.lunarNewYear(x), "BAD_QUERY", `lunarNewYear(${kind})`);
    throwsCode(() => cal.daysOff(x), "BAD_QUERY", `daysOff(${kind})`);
    throwsCode(() => cal.addDayOff(x), "BAD_OPTION", `addDayOff(${kind})`);
    throwsCode(() => cal.addWorkingDay(x), "BAD_OPTION", `addWorkingDay(${kind})`);
    throwsCode(() => cal.addSchedule(x), "BAD_OPTION", `addSchedule(${kind})`);
    throwsCode(() => new Calendar(x), "BAD_OPTION", `new Calendar(${kind})`);
  }
  throwsCode(() => cal.addDayOff("2026-05-05", "Lễ\udc00"), "BAD_OPTION", "addDayOff(name with a lone surrogate)");
  throwsCode(() => cal.addSchedule(throwing("year")), "BAD_OPTION", "addSchedule(throwing getter)");
  throwsCode(() => new Calendar(throwing("hours")), "BAD_OPTION", "new Calendar(throwing getter)");
  throwsCode(() => new Calendar(new Date()), "BAD_OPTION", "new Calendar(Date)");
  assert.equal(JSON.stringify([cal.toJSON(), cal.daysOff(2026), cal.workingMsBetween(T, T + 72 * H)]), before);
});

test("results past 2^53 ms are finite numbers, not INTERNAL", () => {
  // The widest accepted span (years 1900–2199): 1,200 documents held for about 299 years each,
  // whose lead times add up to about 1.1e16 ms, past 2^53 (9.0e15).
  const t = new Tracker();
  t.addUnits(units);
  const ev = [];
  for (let i = 0; i < 1200; i++) {
    ev.push({ doc: `t${i}`, unit: "P", action: "arrived", at: "1900-01-02T08:00" });
    ev.push({ doc: `t${i}`, unit: "P", action: "sent", at: "2199-06-26T08:00", to: "D" });
    ev.push({ doc: `t${i}`, unit: "D", action: "completed", at: "2199-06-27T08:00" });
  }
  assert.equal(t.addEvents(ev).accepted, ev.length);
  let max = 0;
  for (const f of [() => t.directlyFollows(), () => t.summary({ asOf: "2199-12-31" }), () => t.processingTimes({ by: "unit" }),
    () => t.processingTimes({ by: "edge" }), () => t.processingTimes({ by: "level" }), () => t.bottlenecks(),
    () => t.overdue({ asOf: "2199-12-31" }), () => t.report({ from: "1900-01-01", to: "2199-12-31" }), () => t.flow(),
    () => t.timeline({ bucket: "month", from: "2199-01-01" }), () => t.egov()]) {
    JSON.stringify(f(), (k, v) => {
      assert.notEqual(typeof v, "bigint", k);
      if (typeof v === "number" && Number.isFinite(v)) max = Math.max(max, v);
      return v;
    });
  }
  assert.ok(max > 2 ** 53, `largest figure ${max}`);
});

test("use after free: every method throws LienthongError FREED", () => {
  const t = loaded();
  t.free();
  t.free(); // twice is harmless
  const calls = {
    ...Object.fromEntries(Object.entries(QUERY_METHODS).map(([k, m]) => [k, () => m(t, {})])),
    addUnits: () => t.addUnits([]), addDocuments: () => t.addDocuments([]), addEvents: () => t.addEvents([]),
    addUnitsJson: () => t.addUnitsJson("[]"), addDocumentsJson: () => t.addDocumentsJson("[]"),
    addEventsJson: () => t.addEventsJson("[]"), addEventColumns: () => t.addEventColumns({}),
    memory: () => t.memory(), counts: () => t.counts(), importEdxml: () => t.importEdxml("<edXML/>"),
  };
  const own = Object.getOwnPropertyNames(Tracker.prototype).filter((k) => k !== "constructor" && k !== "free" && !k.startsWith("__"));
  assert.deepEqual(Object.keys(calls).sort(), own.sort(), "every Tracker method is tried");
  for (const [name, f] of Object.entries(calls)) throwsCode(f, "FREED", `Tracker.${name}`);

  const cal = new Calendar();
  cal.free();
  const calCalls = {
    isWorkingDay: () => cal.isWorkingDay(T), lunarNewYear: () => cal.lunarNewYear(2026), daysOff: () => cal.daysOff(2026),
    workingMsBetween: () => cal.workingMsBetween(T, T), addWorking: () => cal.addWorking(T, "1d"),
    addSchedule: () => cal.addSchedule({ year: 2027 }), addDayOff: () => cal.addDayOff("2027-01-02"),
    addWorkingDay: () => cal.addWorkingDay("2027-01-02"), hours: () => cal.hours, workingDayMs: () => cal.workingDayMs,
    toJSON: () => cal.toJSON(),
  };
  const calOwn = Object.getOwnPropertyNames(Calendar.prototype).filter((k) => k !== "constructor" && k !== "free" && !k.startsWith("__"));
  assert.deepEqual(Object.keys(calCalls).sort(), calOwn.sort(), "every Calendar method is tried");
  for (const [name, f] of Object.entries(calCalls)) throwsCode(f, "FREED", `Calendar.${name}`);
  // A freed Calendar given as an option is a bad option, and the message says why.
  assert.throws(() => new Tracker({ calendar: cal }), (e) => e instanceof LienthongError && e.code === "BAD_OPTION" && /freed/.test(e.message));
});

test("rejection messages quote at most a short prefix of a bad value", () => {
  const t = new Tracker();
  const huge = "x".repeat(1_000_000);
  const r = t.addUnits([{ id: "u", name: "n", level: huge }, { id: "v", name: "n", level: { huge } }, { id: "w", name: "n", level: "central", validFrom: huge }]);
  assert.equal(r.rejected.length, 3);
  for (const x of r.rejected) assert.ok(x.message.length < 500, x.message.slice(0, 100));
  assert.throws(() => t.summary({ by: huge }), (e) => e.code === "BAD_QUERY" && e.message.length < 500 && (e.field ?? "").length < 100);
  assert.throws(() => new Tracker({ locale: huge }), (e) => e.code === "BAD_OPTION" && e.message.length < 500);
});
