// The bulk loads and the analyses of a dashboard, in Node, on the log of bench-node.mjs (1M
// events, 125 000 documents, 200 units): best of 3 calls per load path (wall and CPU time, MB/s
// of JSON text), best of 5 warm calls per analysis. Not a test: prints figures, for comparing two
// builds of the package run alternately (BENCHMARKS.md "JSON text and columns", "Package size").
//   node tests/js/bench-load.mjs [package dir = pkg] [events = 1000000]
import path from "node:path";
import { pathToFileURL } from "node:url";

const dir = path.resolve(process.argv[2] ?? "pkg");
const { Tracker } = await import(pathToFileURL(path.join(dir, "node/index.mjs")).href);
const N = Number(process.argv[3] ?? 1_000_000);
const H = 3_600_000, T0 = Date.UTC(2025, 0, 6, 1, 0), nUnits = 200;
const ACTIONS = ["arrived", "accepted", "assigned", "processing", "sent", "completed"];
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
const columns = { docs, units, actions: ACTIONS, doc: evDoc, unit: evUnit, action: evAction, at: evAt, to: evTo };

function load(label, f) {
  let wall = Infinity, cpu = Infinity, t;
  for (let r = 0; r < 3; r++) {
    if (t) t.free();
    t = new Tracker();
    const c0 = process.cpuUsage(), w0 = process.hrtime.bigint();
    const report = f(t);
    wall = Math.min(wall, Number(process.hrtime.bigint() - w0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
    if (report.accepted !== N) throw new Error(`${label}: accepted ${report.accepted} of ${N}`);
  }
  const mbps = label.includes("Json") ? `${(json.length / 1e3 / wall).toFixed(0)} MB/s` : "";
  console.log(`| \`${label}\` | ${wall.toFixed(0)} ms | ${cpu.toFixed(0)} ms | ${mbps} |`);
  return t;
}
console.log(`Node ${process.version}, ${dir}, ${N} events, JSON text ${(json.length / 1e6).toFixed(1)} MB`);
console.log("\n| load path | wall | CPU | JSON |\n| --- | ---: | ---: | ---: |");
load("addEventsJson(text)", (t) => t.addEventsJson(json)).free();
load("addEvents(objects)", (t) => t.addEvents(objects)).free();
const t = load("addEventColumns(typed arrays)", (t) => t.addEventColumns(columns));

const analyses = [
  ["summary()", () => t.summary()], ["directlyFollows({ key: 'unit' })", () => t.directlyFollows({ key: "unit" })],
  ["flow()", () => t.flow()], ["processingTimes({ by: 'unit' })", () => t.processingTimes({ by: "unit" })],
  ["bottlenecks({ top: 10 })", () => t.bottlenecks({ top: 10 })], ["overdue()", () => t.overdue()],
  ["timeline({ bucket: 'week' })", () => t.timeline({ bucket: "week" })], ["report({})", () => t.report({})],
  ["egov({})", () => t.egov({})],
];
console.log("\n| analysis (warm, best of 5) | time |\n| --- | ---: |");
let sum = 0;
for (const [label, f] of analyses) {
  f();
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const w0 = process.hrtime.bigint();
    f();
    best = Math.min(best, Number(process.hrtime.bigint() - w0) / 1e6);
  }
  sum += best;
  console.log(`| \`${label}\` | ${best.toFixed(1)} ms |`);
}
console.log(`| all nine | ${sum.toFixed(0)} ms |`);
