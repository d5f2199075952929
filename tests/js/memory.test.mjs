// Memory (issue 10, point 2): a load that could pass the ceiling is refused before it starts,
// with OUT_OF_MEMORY, and the tracker keeps what it had; memory() says how close it is. The
// 4 GiB ceiling itself is too large to reach in a test: a tracker's own `memoryLimit` goes
// through the same check (the same estimate, the same refusal), at a few MiB.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { Tracker, LienthongError } from "lienthong";

const { T, H, units, documents, events } = createRequire(import.meta.url)("./fixtures/hand-log.cjs");
const AS_OF = T + 40 * H;
const figures = (t) =>
  JSON.stringify([t.counts(), t.summary(), t.overdue({ asOf: AS_OF }), t.processingTimes({ by: "unit" }), t.directlyFollows()]);
const MiB = 1 << 20;

function throwsCode(f, code, what) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof LienthongError, `${what}: expected a LienthongError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, code, `${what}: ${e.message}`);
    return true;
  });
}

/** `n` events of documents not in the hand log: two per document. */
const many = (n) =>
  Array.from({ length: n }, (_, i) => ({ doc: `big${i >> 1}`, unit: "P", action: i & 1 ? "completed" : "arrived", at: T + i }));

test("a load that could pass memoryLimit is refused before it starts; the tracker keeps its figures", () => {
  const t = new Tracker({ memoryLimit: 4 * MiB });
  t.addUnits(units);
  t.addDocuments(documents);
  assert.equal(t.addEvents(events).accepted, events.length);
  const before = figures(t);

  const big = many(200_000); // about 70 B of JSON an event: 14 MB of text, 10 MB of batch
  const text = JSON.stringify(big);
  const csv = "doc,unit,action,at\n" + big.map((e) => `${e.doc},${e.unit},${e.action},${e.at}`).join("\n");
  const n = big.length;
  const columns = {
    docs: ["x"], units: ["P"], actions: ["arrived"],
    doc: new Uint32Array(n), unit: new Uint32Array(n), action: new Uint32Array(n),
    at: new Float64Array(n).fill(T),
  };
  const calls = {
    addEvents: () => t.addEvents(big),
    addEventsJson: () => t.addEventsJson(text),
    addEventColumns: () => t.addEventColumns(columns),
    importCsv: () => t.importCsv(csv),
    "importer push": () => {
      const imp = t.importer("csv");
      imp.push(new TextEncoder().encode(csv));
    },
  };
  for (const [name, call] of Object.entries(calls)) {
    throwsCode(call, "OUT_OF_MEMORY", name);
    assert.equal(figures(t), before, `${name}: the tracker keeps its figures`);
  }
  assert.throws(() => t.addEventsJson(text), (e) => {
    assert.match(e.message, /could need about \d+ MiB \(with room to analyse the log after it\), and only \d+ MiB are left of the 4 MiB of the tracker's memoryLimit: nothing was loaded/);
    return true;
  });
  // A load that fits still loads.
  assert.equal(t.addEvents(many(2_000)).accepted, 2_000);
  assert.equal(t.counts().events, events.length + 2_000);
});

test("memory() reports the store, the module and the headroom under the ceiling", () => {
  const t = new Tracker();
  t.addEvents(many(10_000));
  const m = t.memory();
  assert.equal(m.events, 10_000);
  assert.equal(m.limitBytes, 2 ** 32);
  assert.ok(m.totalBytes >= 10_000 * 29, `${m.totalBytes}`);
  assert.ok(m.moduleBytes >= m.totalBytes, `${m.moduleBytes} >= ${m.totalBytes}`);
  assert.ok(m.wasmMemoryBytes >= m.moduleBytes, `${m.wasmMemoryBytes} >= ${m.moduleBytes}`);
  assert.ok(m.headroomBytes > 3 * 2 ** 30 && m.headroomBytes < 2 ** 32 - m.moduleBytes, `${m.headroomBytes}`);
  // About 21 million events fit in a page with room to analyse them (about 200 bytes each).
  assert.ok(m.eventsLeft > 20e6 && m.eventsLeft < 22e6, `${m.eventsLeft}`);

  const small = new Tracker({ memoryLimit: 16 * MiB });
  small.addEvents(many(1_000));
  const s = small.memory();
  assert.equal(s.limitBytes, 16 * MiB);
  assert.ok(s.headroomBytes <= 16 * MiB - s.totalBytes && s.headroomBytes > 15 * MiB, `${s.headroomBytes}`);
  assert.ok(s.eventsLeft > 70_000 && s.eventsLeft < 16 * MiB / 197, `${s.eventsLeft}`);
  // What memory() promises, one addEventColumns call loads; one event more is refused.
  const columns = (n) => ({
    docs: ["x"], units: ["P"], actions: ["arrived"],
    doc: new Uint32Array(n), unit: new Uint32Array(n), action: new Uint32Array(n),
    at: Float64Array.from({ length: n }, (_, i) => T + i),
  });
  const twin = new Tracker({ memoryLimit: 16 * MiB });
  twin.addEvents(many(1_000));
  throwsCode(() => twin.addEventColumns(columns(s.eventsLeft + 1)), "OUT_OF_MEMORY", "eventsLeft + 1");
  assert.equal(small.addEventColumns(columns(s.eventsLeft)).accepted, s.eventsLeft);
  assert.ok(small.memory().totalBytes <= 16 * MiB);
});

test("memoryLimit: malformed values throw BAD_OPTION", () => {
  for (const v of [-1, 0, 1.5, "8MB", 2 ** 33, NaN, true]) {
    throwsCode(() => new Tracker({ memoryLimit: v }), "BAD_OPTION", `memoryLimit ${String(v)}`);
  }
  assert.equal(new Tracker({ memoryLimit: undefined }).memory().limitBytes, 2 ** 32);
});

test("a sparse array of a billion records is refused at once, without being read", () => {
  const t = new Tracker();
  t.addUnits(units);
  t.addDocuments(documents);
  t.addEvents(events);
  const before = figures(t);
  for (const [name, call] of [["addEvents", (a) => t.addEvents(a)], ["addUnits", (a) => t.addUnits(a)], ["addDocuments", (a) => t.addDocuments(a)]]) {
    const sparse = [events[0]];
    sparse.length = 1e9;
    assert.throws(() => call(sparse), (e) => {
      assert.ok(e instanceof LienthongError, String(e));
      assert.equal(e.code, "OUT_OF_MEMORY", `${name}: ${e.message}`);
      assert.match(e.message, /1000000000 records cannot fit in the memory left \(about \d+ could\): nothing was loaded/);
      return true;
    });
    assert.equal(figures(t), before, name);
  }
  // Within the memory left, a sparse array is read: its holes are rejected one by one.
  const holes = [events[0]];
  holes.length = 1_000;
  const r = t.addEvents(holes);
  assert.equal(r.rejected.length, 999);
});
