// renderFlowSvg through the package: the SVG string, its options (locale, size, id prefix,
// selection, expansion, the page's character widths), escaping, determinism, errors; the
// stylesheet shipped as lienthong/lienthong.css.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as lib from "lienthong"; // the npm package: it has the renderers, the XES/edXML importers and the exports

const T = Date.parse("2026-03-02T08:00:00+07:00");
const H = 3_600_000;

function tracker(options) {
  const t = new lib.Tracker(options);
  t.addUnits([
    { id: "C", name: "Bộ Nội vụ", level: "central" },
    { id: "P", name: "UBND tỉnh Hà Nam", level: "province" },
    { id: "D", name: "UBND huyện Kim Bảng", level: "district", parent: "P" },
    { id: "X", name: "<script>alert(1)</script>", level: "commune", parent: "D" },
  ]);
  const ev = (doc, unit, action, h, to) => ({ doc, unit, action, at: T + h * H, to });
  const r = t.addEvents([
    ev("d1", "C", "sent", 0, "P"),
    ev("d1", "P", "arrived", 1),
    ev("d1", "P", "sent", 2, "D"),
    ev("d1", "D", "arrived", 3),
    ev("d1", "D", "sent", 4, "X"),
    ev("d1", "X", "arrived", 5),
    ev("d2", "X", "sent", 6, "D"),
    ev("d2", "D", "arrived", 7),
  ]);
  assert.equal(r.rejected.length, 0);
  return t;
}

test("renderFlowSvg draws every unit and edge, escaped, in Vietnamese by default", () => {
  const t = tracker();
  const svg = t.renderFlowSvg();
  assert.ok(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  assert.equal(svg.match(/ data-unit="/g).length, 4);
  assert.equal(svg.match(/<path class="lt-edge/g).length, 4);
  assert.ok(!svg.includes("<script"));
  assert.ok(svg.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert.ok(svg.includes(">Trung ương</text>") && svg.includes("lượt chuyển giao"));
  assert.ok(!svg.includes("style="));
  assert.equal(svg, t.renderFlowSvg({}), "deterministic");
  t.free();
});

test("the flow map after the Sankey of the same query (one flow, shared): follows queries and new data", () => {
  const t = tracker();
  const draw = (q) => [t.renderSvg("sankey", q), t.renderFlowSvg(q)];
  const before = draw({});
  const part = draw({ units: ["D"] });
  const fresh = tracker();
  assert.deepEqual(part, [fresh.renderSvg("sankey", { units: ["D"] }), fresh.renderFlowSvg({ units: ["D"] })]);
  assert.notEqual(part[1], before[1]);
  assert.deepEqual(draw({}), before);
  // A new handover (the province to a new commune): both pictures follow, as a fresh tracker's.
  const more = (x) => {
    x.addUnits([{ id: "N", name: "Xã Mới", level: "commune", parent: "D" }]);
    const r = x.addEvents([
      { doc: "d3", unit: "P", action: "sent", at: T + 8 * H, to: "N" },
      { doc: "d3", unit: "N", action: "arrived", at: T + 9 * H },
    ]);
    assert.equal(r.rejected.length, 0);
  };
  more(t);
  more(fresh);
  const after = draw({});
  assert.notEqual(after[0], before[0]);
  assert.notEqual(after[1], before[1]);
  assert.ok(after[1].includes('data-unit="N"'));
  assert.deepEqual(after, [fresh.renderSvg("sankey", {}), fresh.renderFlowSvg({})]);
  t.free();
  fresh.free();
});

test("options: English, width, id prefix, selection, character widths, query", () => {
  const t = tracker({ locale: "en" });
  const svg = t.renderFlowSvg({ width: 640, idPrefix: "map1", selected: "D", charWidths: { a: 0.6 } });
  assert.ok(svg.includes(">Central</text>") && svg.includes("handover"));
  assert.ok(svg.includes('width="640"') && svg.includes('id="map1-title"'));
  assert.ok(svg.includes('class="lt-unit lt-selected" tabindex="0" role="button" data-unit="D"'));
  const vi = t.renderFlowSvg({ locale: "vi", levels: ["district", "commune"] });
  assert.ok(vi.includes(">Huyện</text>"));
  assert.throws(() => t.renderFlowSvg({ width: "wide" }), (e) => e instanceof lib.LienthongError && e.code === "BAD_QUERY" && e.field === "width");
  assert.throws(() => t.renderFlowSvg({ charWidths: { ab: 0.5 } }), (e) => e.code === "BAD_QUERY" && e.field === "charWidths");
  assert.throws(() => t.renderFlowSvg({ colour: "red" }), (e) => e.code === "BAD_QUERY");
  assert.throws(() => t.renderFlowSvg({ locale: "fr" }), (e) => e.code === "BAD_QUERY" && e.field === "locale");
  t.free();
});

test("aggregated groups carry data-group and expand on request", () => {
  const t = new lib.Tracker();
  const units = [{ id: "P", name: "UBND tỉnh", level: "province" }, { id: "D", name: "UBND huyện A", level: "district", parent: "P" }];
  const events = [];
  for (let i = 0; i < 30; i++) {
    const id = `X${String(i).padStart(2, "0")}`;
    units.push({ id, name: `UBND xã ${id}`, level: "commune", parent: "D" });
    events.push({ doc: `d${i}`, unit: "D", action: "sent", at: T, to: id }, { doc: `d${i}`, unit: id, action: "arrived", at: T + (i + 1) * 60_000 });
  }
  t.addUnits(units);
  t.addEvents(events);
  const grouped = t.renderFlowSvg({ maxUnits: 10, width: 320 });
  assert.ok(grouped.includes('data-group="D"'), grouped);
  const expanded = t.renderFlowSvg({ maxUnits: 10, width: 320, expand: ["D"] });
  assert.ok(!expanded.includes("data-group="));
  // The 30 communes and D; P has no event of its own: idle units are left out.
  assert.equal(expanded.match(/ data-unit="/g).length, 31);
  assert.ok(!expanded.includes('data-unit="P"'));
  t.free();
});

test("the npm package ships lienthong.css with the flow map's classes", () => {
  const require = createRequire(import.meta.url);
  const css = readFileSync(new URL("../../pkg/lienthong.css", import.meta.url), "utf8");
  for (const cls of [".lt-ok", ".lt-warn", ".lt-bad", ".lt-unit:focus-visible", ".lt-badge-dot"]) {
    assert.ok(css.includes(cls), cls);
  }
  assert.match(css, /var\(--lt-ok, ?#2f855a\)/);
});
