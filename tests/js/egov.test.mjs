// E-government indicators through the package: the hand-built log of tests/hand_egov.rs (every
// combination of format, signature and channel; the figures are derived there), and the
// declarations of the result.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "lienthong";

const T = Date.parse("2026-03-02T08:00:00+07:00");
const H = 3_600_000;

function tracker() {
  const t = new lib.Tracker();
  t.addUnits([
    { id: "BNV", level: "central" },
    { id: "P", level: "province" },
    { id: "S", level: "province", parent: "P" },
    { id: "X", level: "commune", parent: "P" },
    { id: "Y", level: "commune", parent: "P" },
  ]);
  const r = t.addDocuments([
    { id: "e1", issuer: "BNV", format: "electronic", signed: true },
    { id: "e2", issuer: "X", format: "electronic", signed: false },
    { id: "p1", issuer: "Y", format: "paper", signed: false },
    { id: "u1", issuer: "Y" },
    { id: "p2", issuer: "Y", format: "giấy", signed: true },
    { id: "e3", issuer: "X", format: "điện tử", signed: true },
  ]);
  assert.equal(r.rejected.length, 0);
  const ev = (doc, unit, action, h, to, channel) => ({ doc, unit, action, at: T + h * H, to, channel });
  const e = t.addEvents([
    ev("e1", "BNV", "sent", 0, "P", "axis"),
    ev("e1", "P", "arrived", 1, undefined, "axis"),
    ev("e1", "P", "sent", 2, ["S", "X"], "province"),
    ev("e1", "S", "arrived", 3),
    ev("e1", "X", "arrived", 4),
    ev("e2", "X", "sent", 5, "P"),
    ev("e2", "P", "arrived", 7, undefined, "province"),
    ev("p1", "Y", "sent", 6, "P", "paper"),
    ev("p1", "P", "arrived", 30),
    ev("u1", "Y", "sent", 8, "P", "email"),
    ev("u1", "P", "arrived", 9),
    ev("u1", "P", "sent", 10, "S"),
    ev("u1", "S", "arrived", 11),
    ev("p2", "Y", "sent", 12, "X", "giấy"),
    ev("e3", "X", "arrived", 13),
    ev("e3", "X", "processing", 14),
    ev("e3", "P", "arrived", 15, undefined, "tỉnh"),
  ]);
  assert.deepEqual(e.rejected, []);
  return t;
}

test("egov: totals, rows by unit, level and month", () => {
  const t = tracker();
  const e = t.egov({ by: "unit" });
  const { total } = e;
  assert.deepEqual(
    [total.documents, total.electronic, total.paper, total.formatUnknown, total.signed, total.unsigned, total.signedUnknown],
    [6, 3, 2, 1, 3, 2, 1],
  );
  assert.equal(total.electronicShare, 0.6);
  assert.deepEqual(total.handovers, { axis: 1, province: 4, paper: 2, other: 1, unknown: 1 });
  assert.deepEqual(total.transitMedianMs, { axis: H, province: 1.5 * H, paper: 24 * H, other: H, unknown: H });
  assert.deepEqual(total.paperSenders, [{ unit: "Y", name: null, count: 2 }]);
  assert.deepEqual(e.rows.map((r) => r.key), ["BNV", "P", "S", "X", "Y"]);
  const y = e.rows.find((r) => r.key === "Y");
  assert.deepEqual([y.documents, y.electronicShare, y.signedShare], [3, 0, 0.5]);
  assert.equal(t.egov({ by: "level" }).rows[2].documents, 6);
  assert.deepEqual(t.egov({ by: "month" }).rows.map((r) => r.key), ["2026-03"]);
  assert.throws(() => t.egov({ by: "week" }), (err) => err instanceof lib.LienthongError && err.code === "BAD_QUERY");
  t.free();
});

test("egov: a bad format is rejected with its field, the rest loads", () => {
  const t = tracker();
  const r = t.addDocuments([{ id: "z", format: "fax" }, { id: "ok", format: "paper" }]);
  assert.equal(r.accepted, 1);
  assert.deepEqual(r.rejected.map((x) => [x.index, x.field]), [[0, "format"]]);
  t.free();
});
