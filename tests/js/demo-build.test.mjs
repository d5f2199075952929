// The demo build (www/pkg: the npm package plus the in-browser generator, built by
// `PKG_OUT=www/pkg PKG_FEATURES=demo scripts/build-pkg.sh`, what scripts/demo.sh serves).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../www/pkg/node/index.mjs";

test("demo build: generate() knows its ground truth", () => {
  const g = lib.generate({ events: 5000, seed: 7, problems: [{ kind: "slow-unit", factor: 6 }] });
  assert.equal(g.seed, "7");
  assert.ok(g.report.accepted > 4000);
  assert.equal(g.report.rejected.length, 0);
  const b = g.tracker.bottlenecks({ top: 3 });
  assert.equal(b.units[0].unit, g.truth.slowUnits[0]);
  const again = lib.generate({ events: 5000, seed: 7, problems: [{ kind: "slow-unit", factor: 6 }] });
  assert.deepEqual(again.tracker.summary(), g.tracker.summary());
});

test("demo build: generated events avoid Tết 2026", () => {
  const g = lib.generate({ events: 20000, seed: 3, start: "2026-01-05T07:30", days: 60 });
  const tl = g.tracker.timeline({ bucket: "day" });
  const tet = tl.filter((p) => p.label >= "2026-02-14" && p.label <= "2026-02-22");
  assert.ok(tl.length > 30, `${tl.length} days`);
  assert.ok(tet.every((p) => p.arrivals === 0 && p.completions === 0), JSON.stringify(tet));
  g.tracker.free();
});

test("demo build: the injected paper-sending unit is the one egov names", () => {
  const g = lib.generate({ events: 20000, seed: 11, problems: [{ kind: "paper-unit" }] });
  assert.equal(g.truth.paperUnits.length, 1);
  const e = g.tracker.egov({ by: "unit" });
  assert.equal(e.total.paperSenders[0].unit, g.truth.paperUnits[0]);
  assert.equal(e.total.handovers.paper, g.truth.paperHandovers);
  assert.equal(e.total.handovers.axis, g.truth.axisHandovers);
  assert.ok(e.total.electronicShare > 0.5 && e.total.electronicShare < 1, String(e.total.electronicShare));
  g.tracker.free();
});

// Saved stores (the `snapshot` feature, in the demo build): tracker.toBytes() / Tracker.fromBytes()
// / Tracker.restorer().
const everything = (t) => ({
  summary: t.summary(),
  flow: t.flow(),
  report: t.report({}),
  overdue: t.overdue({ limit: 20 }),
  egov: t.egov({ by: "level" }),
  bottlenecks: t.bottlenecks({ top: 5 }),
  byUnit: t.processingTimes({ by: "unit" }),
  timeline: t.timeline({ bucket: "week" }),
});

test("demo build: a tracker saved with toBytes() restores with fromBytes() to the same analyses", () => {
  const g = lib.generate({ events: 8000, seed: 5, problems: [{ kind: "paper-unit" }] });
  const bytes = g.tracker.toBytes();
  assert.ok(bytes instanceof Uint8Array && bytes.length > 8000 * 7, String(bytes.length));
  const t = lib.Tracker.fromBytes(bytes);
  assert.deepEqual(everything(t), everything(g.tracker));
  assert.deepEqual(t.toBytes(), bytes);
  // An ArrayBuffer does as well, and the options are the new tracker's own.
  const en = lib.Tracker.fromBytes(bytes.slice().buffer, { locale: "en", timeZone: "+07:00" });
  assert.deepEqual(en.summary(), t.summary());
  assert.match(en.bottlenecks({ top: 1 }).units[0].reason, /[a-z]/);
  // Restored, it loads on like any tracker.
  const r = t.addEvents([{ doc: "extra", unit: "X1", action: "arrived", at: "2026-03-02T08:00" }]);
  assert.equal(r.accepted, 1);
  for (const x of [g.tracker, t, en]) x.free();
});

test("demo build: fromBytes() refuses what is not a saved tracker, naming the part", () => {
  const bytes = lib.generate({ events: 2000, seed: 1 }).tracker.toBytes();
  const refuse = (input, field) =>
    assert.throws(() => lib.Tracker.fromBytes(input), (e) => {
      assert.ok(e instanceof lib.LienthongError, String(e));
      assert.equal(e.code, "BAD_INPUT");
      if (field) assert.equal(e.field, field, e.message);
      return true;
    });
  refuse(new TextEncoder().encode("doc,unit,action,at\n"), "header");
  refuse(bytes.subarray(0, bytes.length - 1), "store.span");
  refuse(bytes.subarray(0, 100));
  refuse("not bytes");
  refuse(undefined);
  // Every single byte changed: an error or a tracker whose analyses run; never INTERNAL.
  for (let i = 8; i < bytes.length; i += 97) {
    const b = bytes.slice();
    b[i] ^= 0x5a;
    try {
      everything(lib.Tracker.fromBytes(b));
    } catch (e) {
      assert.equal(e.code, "BAD_INPUT", `byte ${i}: ${e.code} ${e.message}`);
    }
  }
});

test("demo build: Tracker.restorer() restores pieces pushed as they come, as fromBytes() does", () => {
  const g = lib.generate({ events: 8000, seed: 5, problems: [{ kind: "paper-unit" }] });
  const bytes = g.tracker.toBytes();
  const whole = everything(g.tracker);
  // Pieces of 1 to 4 000 bytes (a part's header split too), with and without the length.
  for (const length of [bytes.length, undefined]) {
    const r = lib.Tracker.restorer(length);
    for (let at = 0, k = 1; at < bytes.length; k = (k * 7 + 3) % 4001) {
      r.push(bytes.subarray(at, at + k + 1));
      at += k + 1;
    }
    const t = r.finish({ locale: "en" });
    assert.deepEqual(t.toBytes(), bytes);
    assert.deepEqual(t.summary(), whole.summary);
    assert.match(t.bottlenecks({ top: 1 }).units[0].reason, /[a-z]/);
    // Spent once finished.
    assert.throws(() => r.push(bytes.subarray(0, 1)), (e) => e.code === "BAD_INPUT");
    r.free();
    t.free();
  }
  const bad = (make, field) => {
    const r = lib.Tracker.restorer(bytes.length);
    assert.throws(() => make(r), (e) => {
      assert.ok(e instanceof lib.LienthongError, String(e));
      assert.equal(e.code, "BAD_INPUT");
      assert.equal(e.field, field, e.message);
      return true;
    });
    r.free();
  };
  // A wrong header is refused with its first 8 bytes; fewer bytes than announced at finish; more at once.
  bad((r) => r.push(new TextEncoder().encode("doc,unit,action,at\n")), "header");
  bad((r) => (r.push(bytes.subarray(0, bytes.length - 1)), r.finish()), "store.span");
  bad((r) => r.push(new Uint8Array([...bytes, 0])), "store.span");
  // A length the memory cannot hold: refused at once.
  assert.throws(() => lib.Tracker.restorer(2 ** 40), (e) => e.code === "OUT_OF_MEMORY");
  g.tracker.free();
});

test("demo build: the dashboard's saved provinces are the ones generate() makes", async () => {
  const { readFile } = await import("node:fs/promises");
  const data = new URL("../../www/data/", import.meta.url);
  const list = JSON.parse(await readFile(new URL("saved.json", data), "utf8"));
  assert.deepEqual(Object.keys(list.provinces).sort(), ["10000", "1000000", "200000", "50000"]);
  const entry = list.provinces["10000"];
  const saved = lib.Tracker.fromBytes(await readFile(new URL(entry.file, data)));
  const g = lib.generate({
    events: 10000,
    seed: list.seed,
    problems: [{ kind: "slow-unit", factor: 5 }, { kind: "paper-unit" }],
  });
  assert.deepEqual(everything(saved), everything(g.tracker));
  assert.equal(entry.truth.events, g.truth.events);
  assert.deepEqual(entry.truth.slowUnits, g.truth.slowUnits);
  assert.deepEqual(entry.truth.paperUnits, g.truth.paperUnits);
});
