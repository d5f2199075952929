// 1M events through the JS API in Node: objects (addEvents), JSON text (addEventsJson) and
// typed-array columns (addEventColumns), then the analyses. Not a test: prints figures.
//   node tests/js/bench-node.mjs [events=1000000]
// The demo build (PKG_OUT=www/pkg PKG_FEATURES=demo scripts/build-pkg.sh): it has generate().
//
// CSV import (issue 8) with the npm package (pkg/, scripts/build-pkg.sh):
//   node tests/js/bench-node.mjs EVENTS.csv [runs=3]
// The work of scripts/bench_pm4py.py, end to end with the file read, two ways:
//  - whole: fs.readFileSync, then importCsv(bytes);
//  - streamed: the file read in 1 MiB pieces (fs.readSync into one buffer) pushed into
//    tracker.importer("csv"), the way a Node program should read a large file;
// then the four analyses: directly-follows on unit and on action, processing times by unit,
// and the late documents, counted (summary().late: PM4Py counts them too). The full list of late
// copies as JS objects (overdue().late, about 5 000 records of 20 fields) is timed apart.
// Each run is a new Tracker; run 1 of each way is the process's first import of that way.
// "CPU" is the process's CPU time over the end-to-end span (process.cpuUsage: every thread,
// V8's compiler and GC threads included), what scripts/bench_pm4py.py reports as "cpu_s" for
// PM4Py: time lost waiting for the processor shows as wall time above CPU time. (On the shared
// build machine the two moved together: BENCHMARKS.md, "CSV import", eighth session.)
import { closeSync, openSync, readFileSync, readSync } from "node:fs";

if (process.argv[2]?.endsWith(".csv")) {
  const { Tracker } = await import("lienthong");
  const path = process.argv[2];
  const runs = Number(process.argv[3] ?? 3);
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const PIECE = 1 << 20;
  const ways = {
    whole(t) {
      const bytes = readFileSync(path);
      return { r: t.importCsv(bytes), size: bytes.length };
    },
    streamed(t) {
      const imp = t.importer("csv");
      const fd = openSync(path, "r");
      const buf = new Uint8Array(PIECE);
      let n, size = 0;
      try {
        while ((n = readSync(fd, buf, 0, PIECE, null)) > 0) {
          imp.push(n === PIECE ? buf : buf.subarray(0, n));
          size += n;
        }
      } finally {
        closeSync(fd);
      }
      const r = imp.finish();
      imp.free();
      return { r, size };
    },
  };
  // WAYS=streamed,whole changes the order (the first way runs in a fresh process).
  for (const way of (process.env.WAYS ?? "whole,streamed").split(",")) {
    const load = ways[way];
    for (let run = 0; run < runs; run++) {
      const c0 = process.cpuUsage();
      const t0 = now();
      const t = new Tracker();
      const { r, size } = load(t);
      const t1 = now();
      t.directlyFollows({ key: "unit" });
      t.directlyFollows({ key: "action" });
      t.processingTimes({ by: "unit" });
      const late = t.summary().late;
      const t2 = now();
      const c = process.cpuUsage(c0);
      const copies = t.overdue().late.length;
      const t3 = now();
      const mb = size / 1e6;
      console.log(
        `${way} run ${run + 1}: ${mb.toFixed(1)} MB, ${r.accepted.toLocaleString("en")} events (${r.rejected.length} rejected): ` +
          `read and import ${(t1 - t0).toFixed(0)} ms (${(mb / ((t1 - t0) / 1000)).toFixed(0)} MB/s), ` +
          `four analyses ${(t2 - t1).toFixed(0)} ms (${late} late documents), end to end ${(t2 - t0).toFixed(0)} ms ` +
          `(CPU ${((c.user + c.system) / 1000).toFixed(0)} ms); ` +
          `overdue().late as objects ${(t3 - t2).toFixed(0)} ms (${copies} late copies)`,
      );
      t.free();
    }
  }
  process.exit(0);
}
const { Tracker, generate } = await import("../../www/pkg/node/index.mjs");

const N = Number(process.argv[2] ?? 1_000_000);
const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 6, 1, 0);
const ACTIONS = ["arrived", "accepted", "assigned", "processing", "sent", "completed"];
const nUnits = 200;

// A synthetic log: documents of 8 events each, moving between units.
const docs = [], units = [], evDoc = new Uint32Array(N), evUnit = new Uint32Array(N);
const evAction = new Uint8Array(N), evAt = new Float64Array(N), evTo = new Int32Array(N).fill(-1);
for (let u = 0; u < nUnits; u++) units.push(`U${u}`);
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
for (let i = 0; i < N; i++) {
  const d = Math.floor(i / 8), k = i % 8;
  if (k === 0) docs.push(`doc-${d}`);
  evDoc[i] = d;
  evUnit[i] = (d * 7 + (k >= 4 ? 13 : 0)) % nUnits;
  evAction[i] = k === 3 ? 4 : k === 7 ? 5 : k % 4;
  if (k === 3) evTo[i] = (d * 7 + 13) % nUnits;
  evAt[i] = T0 + d * 600_000 + k * H * (1 + rnd());
}
const objects = [];
for (let i = 0; i < N; i++) {
  const o = { doc: docs[evDoc[i]], unit: units[evUnit[i]], action: ACTIONS[evAction[i]], at: evAt[i] };
  if (evTo[i] >= 0) o.to = units[evTo[i]];
  objects.push(o);
}
const json = JSON.stringify(objects);

function time(label, f) {
  const t = process.hrtime.bigint();
  const r = f();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { label, ms, r };
}
const rows = [];
function load(label, f) {
  const t = new Tracker();
  const { ms, r } = time(label, () => f(t));
  if (r.accepted !== N) throw new Error(`${label}: accepted ${r.accepted} of ${N}`);
  rows.push([label, ms, (N / ms) * 1000]);
  return t;
}
load("addEvents(objects)", (t) => t.addEvents(objects));
load("addEventsJson(text)", (t) => t.addEventsJson(json));
const t = load("addEventColumns(typed arrays)", (t) =>
  t.addEventColumns({ docs, units, actions: ACTIONS, doc: evDoc, unit: evUnit, action: evAction, at: evAt, to: evTo }));

const analyses = [
  ["summary()", () => t.summary()],
  ["directlyFollows({ key: 'unit' })", () => t.directlyFollows({ key: "unit" })],
  ["flow()", () => t.flow()],
  ["processingTimes({ by: 'unit' })", () => t.processingTimes({ by: "unit" })],
  ["bottlenecks({ top: 10 })", () => t.bottlenecks({ top: 10 })],
  ["overdue()", () => t.overdue()],
  ["timeline({ bucket: 'week' })", () => t.timeline({ bucket: "week" })],
];
const arows = analyses.map(([l, f]) => { f(); const { ms } = time(l, f); return [l, ms]; });
const g = time("generate({ events: 1e6 })", () => generate({ events: N, seed: 1 }));
const mem = t.memory();

console.log(`Node ${process.version}, ${N.toLocaleString("en")} events, ${docs.length.toLocaleString("en")} documents, ${nUnits} units`);
console.log("\n| load path | time | events/s |\n| --- | ---: | ---: |");
for (const [l, ms, eps] of rows) console.log(`| \`${l}\` | ${ms.toFixed(0)} ms | ${(eps / 1e6).toFixed(2)} M |`);
console.log("\n| analysis (1M events, warm) | time |\n| --- | ---: |");
for (const [l, ms] of arows) console.log(`| \`${l}\` | ${ms.toFixed(0)} ms |`);
console.log(`| \`generate({ events: ${N} })\` (generate + load ${g.r.truth.events} events) | ${g.ms.toFixed(0)} ms |`);
console.log(`\nStore: ${(mem.totalBytes / 1e6).toFixed(1)} MB, ${mem.bytesPerEvent.toFixed(1)} bytes/event; JSON text ${(json.length / 1e6).toFixed(0)} MB.`);
