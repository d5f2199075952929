// The embedding page's second way: the JS API and the SVG renderers, no component.
import init, { Tracker } from "./pkg/index.js";
import "./pkg/components.js";

await init();
const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const t = new Tracker();
t.addUnitsJson(await (await fetch("./data/units.json")).text());
const report = t.importCsv(await bytes("./data/events.csv"));
document.body.dataset.events = String(report.accepted);
// innerHTML is safe here: the library escapes every label it writes into its SVG.
const show = (id, svg) => {
  const box = document.getElementById(id);
  box.replaceChildren(new DOMParser().parseFromString(svg, "image/svg+xml").documentElement);
};
show("api-deadlines", t.renderSvg("deadlines", { by: "level", width: 640, idPrefix: "api-dl" }));
show("api-sankey", t.renderSvg("sankey", { width: 640, idPrefix: "api-sk" }));

document.getElementById("wc-flow").addEventListener("unit-select", (e) => {
  document.getElementById("wc-selected").textContent = `unit-select: ${e.detail.unit}`;
  document.getElementById("wc-overdue").query = { units: [e.detail.unit] };
});
