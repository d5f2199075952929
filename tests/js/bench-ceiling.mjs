// The largest log a page can hold: loads a generated-shape log through addEventColumns, 1M events
// a call, until the 4 GiB WebAssembly ceiling refuses a call (OUT_OF_MEMORY), then checks that the
// tracker still answers. Not a test (it takes about a minute and 4 GiB): run it by hand.
//   node tests/js/bench-ceiling.mjs [events per document = 10]
import { Tracker } from "lienthong";

const perDoc = Number(process.argv[2] ?? 10);
const T = Date.UTC(2025, 6, 1);
const BATCH = 1_000_000;
const units = Array.from({ length: 300 }, (_, i) => `U${i}`);
const actions = ["arrived", "accepted", "processing", "sent", "completed"];
const t = new Tracker();
let loaded = 0;
let call = 0;
const t0 = performance.now();
for (;;) {
  const docsInBatch = Math.ceil(BATCH / perDoc);
  const docs = Array.from({ length: docsInBatch }, (_, i) => `2025/${call}/${i}`);
  const doc = new Uint32Array(BATCH);
  const unit = new Uint32Array(BATCH);
  const action = new Uint32Array(BATCH);
  const at = new Float64Array(BATCH);
  for (let i = 0; i < BATCH; i++) {
    doc[i] = Math.floor(i / perDoc);
    unit[i] = (i * 7919) % units.length;
    action[i] = i % actions.length;
    at[i] = T + call * 86_400_000 + (i % perDoc) * 3_600_000;
  }
  try {
    const r = t.addEventColumns({ docs, units, actions, doc, unit, action, at });
    loaded += r.accepted;
    call++;
  } catch (e) {
    const m = t.memory();
    console.log(`refused after ${loaded.toLocaleString("en")} events (${call} calls, ${((performance.now() - t0) / 1000).toFixed(1)} s): ${e.code}: ${e.message}`);
    console.log(JSON.stringify(m, null, 1));
    break;
  }
}
const s0 = performance.now();
const s = t.summary();
console.log(`the tracker still answers: summary of ${s.events.toLocaleString("en")} events, ${s.documents.toLocaleString("en")} documents in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
