// A Vite app: `import { Tracker } from "lienthong"` (the bundler entry instantiates the wasm).
import { Tracker } from "lienthong";

const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const t = new Tracker();
t.addUnitsJson(await (await fetch("../../../data/units.json")).text());
const r = t.importCsv(await bytes("../../../data/events.csv"));
const s = t.summary();
document.getElementById("status").textContent = `${r.accepted} sự kiện, ${s.documents} văn bản, ${s.overdue} quá hạn`;
document.getElementById("flow").replaceChildren(
  new DOMParser().parseFromString(t.renderFlowSvg({ width: 900, idPrefix: "vite" }), "image/svg+xml").documentElement,
);
