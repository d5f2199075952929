// Document records from JS: `addDocuments(objects)` and `addDocumentsJson(text)` at 100k and 1M
// records, the records of benches/engine.rs `documents` (every field given, id and number
// unique, subject one of 50 000, one attribute). Best of 3 (wall and CPU time of the call, per
// record). Not a test: prints figures, for comparing two builds of the package run alternately
// (BENCHMARKS.md "JSON text and document records").
//   node tests/js/bench-documents.mjs [package dir = pkg] [records = 100000,1000000]
import path from "node:path";
import { pathToFileURL } from "node:url";

const dir = path.resolve(process.argv[2] ?? "pkg");
const { Tracker } = await import(pathToFileURL(path.join(dir, "node/index.mjs")).href);
const sizes = (process.argv[3] ?? "100000,1000000").split(",").map(Number);
const T = 1_772_413_200_000;
const TYPES = ["công văn", "quyết định", "tờ trình", "báo cáo"];
const URGENCY = ["normal", "urgent", "very-urgent", "thượng khẩn"];
const units = Array.from({ length: 77 }, (_, i) => `000.00.${String(i).padStart(2, "0")}.H41`);
const subjects = Array.from({ length: 50_000 }, (_, i) => `V/v triển khai kế hoạch số ${i}`);

function records(n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      id: `d${i}`, number: `${i + 1}/UBND-VP`, type: TYPES[i % 4], urgency: URGENCY[i % 4],
      due: T + (i % 1000) * 3_600_000, issuer: units[i % 77], subject: subjects[i % 50_000],
      attributes: { flow: "inbound" }, signed: i % 3 !== 0, format: i % 5 === 0 ? "paper" : "electronic",
    };
  }
  return out;
}

function load(label, n, f) {
  let wall = Infinity, cpu = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = new Tracker();
    const c0 = process.cpuUsage(), w0 = process.hrtime.bigint();
    const report = f(t);
    wall = Math.min(wall, Number(process.hrtime.bigint() - w0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
    if (report.accepted !== n) throw new Error(`${label}: accepted ${report.accepted} of ${n}`);
    t.free();
  }
  const us = (ms) => ((ms * 1000) / n).toFixed(2);
  console.log(`| ${n} | \`${label}\` | ${wall.toFixed(0)} ms (${us(wall)} µs) | ${cpu.toFixed(0)} ms (${us(cpu)} µs) |`);
}

console.log(`Node ${process.version}, ${dir}`);
console.log("\n| records | load path | wall (per record) | CPU (per record) |\n| ---: | --- | ---: | ---: |");
for (const n of sizes) {
  const objects = records(n);
  const json = JSON.stringify(objects);
  load("addDocuments(objects)", n, (t) => t.addDocuments(objects));
  load("addDocumentsJson(text)", n, (t) => t.addDocumentsJson(json));
}
