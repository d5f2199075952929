// Tracker.renderSvg(kind, options) through the package: each chart of the hand log, options
// (locale, size, idPrefix, by, bucket, charWidths), errors as LienthongError, escaping, and the
// stylesheet shipped as lienthong/lienthong.css.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as lib from "lienthong"; // the npm package: it has the renderers, the XES/edXML importers and the exports

const require = createRequire(import.meta.url);
const { units, documents, events } = require("./fixtures/hand-log.cjs");
const KINDS = ["sankey", "deadlines", "bottlenecks", "distribution", "timeline"];

function tracker(options) {
  const t = new lib.Tracker(options);
  t.addUnits(units);
  t.addDocuments(documents);
  t.addEvents(events);
  return t;
}

test("every chart renders an accessible SVG, the same twice", () => {
  const t = tracker();
  for (const kind of KINDS) {
    const svg = t.renderSvg(kind, { bucket: "day" });
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/, kind);
    assert.match(svg, /<title id="lt-chart-title">/, kind);
    assert.ok(!/NaN|Infinity/.test(svg), kind);
    assert.equal(svg, t.renderSvg(kind, { bucket: "day" }), kind);
  }
  const deadlines = t.renderSvg("deadlines", { by: "unit" });
  assert.ok(deadlines.includes("Hoàn thành đúng hạn"));
  assert.ok(deadlines.includes('data-unit="X"') && deadlines.includes('tabindex="0"'));
  assert.ok(t.renderSvg("deadlines", { by: "level" }).includes('data-level="commune"'));
  assert.ok(t.renderSvg("sankey").includes("lt-sk-down"));
  t.free();
});

test("options: locale, size, idPrefix, query, charWidths", () => {
  const t = tracker();
  const en = t.renderSvg("deadlines", { locale: "en", width: 400, idPrefix: "dl1" });
  assert.ok(en.includes("Finished on time") && !en.includes("Hoàn thành"));
  assert.match(en, /^<svg [^>]*width="400"/);
  assert.ok(en.includes('id="dl1-title"'));
  const tall = t.renderSvg("sankey", { height: 600 });
  assert.match(tall, /height="600"/);
  // A query that selects nothing draws the empty state.
  const none = t.renderSvg("timeline", { types: ["không có"] });
  assert.ok(none.includes("Không có dữ liệu"));
  // The English tracker's charts are English by default.
  const te = tracker({ locale: "en" });
  assert.ok(te.renderSvg("bottlenecks").includes("Units holding documents up"));
  te.free();
  // Wider characters (measured by the page) cut a long name sooner.
  const narrow = t.renderSvg("deadlines", { width: 300 });
  const wide = t.renderSvg("deadlines", { width: 300, charWidths: Object.fromEntries([..."UBNDhuyệnxãXYtỉnhSởTàichính "].map((c) => [c, 1.5])) });
  assert.ok((wide.match(/…<\/text>/g) || []).length > (narrow.match(/…<\/text>/g) || []).length);
  t.free();
});

test("bad kinds and options throw LienthongError", () => {
  const t = tracker();
  const bad = (f, code, field) =>
    assert.throws(f, (e) => e instanceof lib.LienthongError && e.code === code && (!field || e.field === field));
  bad(() => t.renderSvg("pie"), "BAD_QUERY", "kind");
  bad(() => t.renderSvg(), "BAD_QUERY", "kind");
  bad(() => t.renderSvg("sankey", { width: -1 }), "BAD_QUERY", "width");
  bad(() => t.renderSvg("sankey", { widht: 100 }), "BAD_QUERY");
  bad(() => t.renderSvg("deadlines", { by: "type" }), "BAD_QUERY", "by");
  bad(() => t.renderSvg("timeline", { bucket: "year" }), "BAD_QUERY", "bucket");
  bad(() => t.renderSvg("sankey", { locale: "fr" }), "BAD_QUERY", "locale");
  bad(() => t.renderSvg("sankey", { charWidths: { ab: 1 } }), "BAD_QUERY", "charWidths");
  bad(() => t.renderSvg("sankey", { units: ["nowhere"] }), "UNKNOWN_UNIT");
  t.free();
});

test("a unit named <script> is escaped", () => {
  const t = new lib.Tracker();
  const evil = "<script>alert(1)</script>";
  t.addUnits([{ id: evil, name: evil, level: "province" }]);
  t.addDocuments([{ id: "d1", due: "2026-03-05" }]);
  t.addEvents([{ doc: "d1", unit: evil, action: "arrived", at: "2026-03-02T08:00" }]);
  for (const kind of KINDS) assert.ok(!t.renderSvg(kind, { by: "unit" }).includes("<script"), kind);
  assert.ok(t.renderSvg("deadlines").includes("data-unit=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
  t.free();
});

test("the stylesheet is in the package, with its charts section", () => {
  const css = readFileSync(new URL("../../pkg/lienthong.css", import.meta.url), "utf8");
  // Minified in the package (build-pkg.sh); the commented source is pkg-config/lienthong.css.
  assert.ok(css.includes(".lt-chart") && css.includes("--lt-ontime"));
  assert.ok(!/style=/.test(tracker().renderSvg("deadlines")));
});
