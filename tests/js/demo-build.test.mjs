// The demo build (www/pkg: the npm package plus the in-browser generator, built by
// `PKG_OUT=www/pkg PKG_FEATURES=demo scripts/build-pkg.sh`, what scripts/demo.sh serves).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../www/pkg/node/index.mjs";

test("demo build: generate() knows its ground truth", () => {
  const g = lib.generate({ events: 5000, seed: 7, problems: [{ kind: "slow-unit", factor: 6 }] });
  assert.equal(g.seed, "7");
  assert.ok(g.report.accepted > 4000);
  assert.equal(g.report.rejected.length, 0);
  const b = g.tracker.bottlenecks({ top: 3 });
  assert.equal(b.units[0].unit, g.truth.slowUnits[0]);
  const again = lib.generate({ events: 5000, seed: 7, problems: [{ kind: "slow-unit", factor: 6 }] });
  assert.deepEqual(again.tracker.summary(), g.tracker.summary());
});

test("demo build: generated events avoid Tết 2026", () => {
  const g = lib.generate({ events: 20000, seed: 3, start: "2026-01-05T07:30", days: 60 });
  const tl = g.tracker.timeline({ bucket: "day" });
  const tet = tl.filter((p) => p.label >= "2026-02-14" && p.label <= "2026-02-22");
  assert.ok(tl.length > 30, `${tl.length} days`);
  assert.ok(tet.every((p) => p.arrivals === 0 && p.completions === 0), JSON.stringify(tet));
  g.tracker.free();
});

test("demo build: the injected paper-sending unit is the one egov names", () => {
  const g = lib.generate({ events: 20000, seed: 11, problems: [{ kind: "paper-unit" }] });
  assert.equal(g.truth.paperUnits.length, 1);
  const e = g.tracker.egov({ by: "unit" });
  assert.equal(e.total.paperSenders[0].unit, g.truth.paperUnits[0]);
  assert.equal(e.total.handovers.paper, g.truth.paperHandovers);
  assert.equal(e.total.handovers.axis, g.truth.axisHandovers);
  assert.ok(e.total.electronicShare > 0.5 && e.total.electronicShare < 1, String(e.total.electronicShare));
  g.tracker.free();
});
