// lienthong's side of the import-and-analyse benchmark against PM4Py (BENCHMARKS.md, "Import and
// analyses against PM4Py"): in wasm under Node, from the file on disk to the four results that
// scripts/bench_pm4py.py computes on the same file. Not a test: prints one JSON line.
//   node tests/js/bench-import.mjs EVENTS.csv
// EVENTS.csv as `lienthong generate --format csv` writes it (document fields on every row).
// The npm package (pkg/, scripts/build-pkg.sh).
import { readFileSync } from "node:fs";
import { Tracker } from "lienthong";

const [eventsCsv] = process.argv.slice(2);
const lap = () => Number(process.hrtime.bigint()) / 1e6;
const t0 = lap();
const t = new Tracker();
const bytes = readFileSync(eventsCsv);
const report = t.importCsv(bytes);
const tRead = lap();
const unit = t.directlyFollows({ key: "unit" });
const action = t.directlyFollows({ key: "action" });
const tDfg = lap();
const pt = t.processingTimes({ by: "unit" });
const tPt = lap();
const late = t.overdue({}).late.length;
const tLate = lap();
console.log(JSON.stringify({
  events: report.accepted,
  rejected: report.rejected.length,
  mb: +(bytes.length / 1e6).toFixed(1),
  read_s: +((tRead - t0) / 1e3).toFixed(3),
  read_mb_s: +(bytes.length / 1e6 / ((tRead - t0) / 1e3)).toFixed(0),
  dfg_s: +((tDfg - tRead) / 1e3).toFixed(3),
  processing_s: +((tPt - tDfg) / 1e3).toFixed(3),
  late_s: +((tLate - tPt) / 1e3).toFixed(3),
  total_s: +((tLate - t0) / 1e3).toFixed(3),
  arcs_unit: unit.length,
  arcs_action: action.length,
  units: pt.groups?.length ?? pt.length,
  late,
}));
t.free();
