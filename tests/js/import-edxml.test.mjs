// importEdxml through the package: the fixture log of tests/import_edxml.rs (edXML files in the
// layout of the VPCP SDK samples, tests/fixtures/edxml/), read as text and as bytes; the figures
// are worked out in that file. Malformed input gives rejections with line and element, input that
// is not edXML a LienthongError BAD_INPUT with its line, and nothing gives INTERNAL.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Tracker, LienthongError } from "lienthong"; // the npm package: it has the renderers, the XES/edXML importers and the exports

const dir = new URL("../fixtures/edxml/", import.meta.url);
const FILES = readFileSync(new URL("log.txt", dir), "utf8").split("\n").filter(Boolean);
const file = (name) => readFileSync(new URL(`${name}.edxml`, dir));
const bytes = () => new Uint8Array(Buffer.concat(FILES.map(file)));
const H = 3_600_000;
const D1 = "000.00.00.G22,2026/03/02,12/VPCP-TH";
const D2 = "000.00.00.H41,2026/03/03,45/UBND-TH";

function check(t, r) {
  assert.equal(r.accepted, 13);
  assert.deepEqual(r.rejected, []);
  assert.deepEqual(r.createdUnits, ["000.00.00.G22", "000.00.00.H41", "000.00.00.H14", "000.00.00.G17", "000.01.20.H41"]);
  assert.deepEqual(r.warnings, [
    { index: 12, line: 338, field: "TraceHeader", message: "a TraceHeader without OrganId is not read" },
  ]);
  const s = t.summary();
  assert.deepEqual(
    [s.units, s.documents, s.events, s.open, s.closed, s.late, s.overdue, s.copies],
    [5, 2, 13, 1, 1, 1, 1, 4],
  );
  const o = t.overdue();
  assert.deepEqual(
    o.late.map((e) => [e.id, e.unit, e.number, e.urgency, e.lateness.calendarMs, e.latenessWorkingDays]),
    [[D1, "000.00.00.H41", "12/VPCP-TH", "urgent", 64 * H, 1]],
  );
  assert.deepEqual(
    o.overdue.map((e) => [e.id, e.unit, e.unitName, e.urgency, e.lateness.workingMs, e.latenessWorkingDays]),
    [[D2, "000.01.20.H41", "UBND Huyện Nghi Lộc", "flash", 16.5 * H, 3]],
  );
  // One copy per recipient, each on its own clock.
  const copies = Object.fromEntries(
    t.processingTimes({ by: "copy" }).groups.filter((g) => g.document === D1).map((g) => [g.unit, g.calendar.sumMs]),
  );
  assert.deepEqual(copies, {
    "000.00.00.G22": 0,
    "000.00.00.H41": 7 * 24 * H + (55 / 60) * H,
    "000.00.00.H14": H,
    "000.00.00.G17": 3 * H,
  });
  const egov = t.egov({ by: "level" }).total;
  assert.equal(egov.signed, 1);
  assert.equal(egov.electronic, 2);
}

test("the fixture log, as bytes and as text", () => {
  const a = new Tracker();
  check(a, a.importEdxml(bytes()));
  const b = new Tracker();
  check(b, b.importEdxml(new TextDecoder().decode(bytes())));
  assert.deepEqual(b.overdue(), a.overdue());
  a.free();
  b.free();
});

test("malformed messages are rejected with line and element; the others are read", () => {
  const t = new Tracker();
  const good = file("status_03").toString();
  const bad = good.replace("<edXML:StatusCode>03", "<edXML:StatusCode>09").replace("2026/03/02 09:00:00", "2026/03/02 09:30:00");
  const truncated = file("status_05").toString().slice(0, 600);
  const r = t.importEdxml(good + bad + truncated);
  assert.equal(r.accepted, 1);
  assert.deepEqual(r.rejected, [
    { index: 1, line: 26 + 20, field: "StatusCode", message: 'unknown status code "09": the known codes are 01–06, 13, 15 and 16' },
    {
      index: 2,
      line: 52 + truncated.split("\n").length,
      field: "edXML",
      message: "the input ends inside the message opened at line 54 (truncated): it is not read",
    },
  ]);
  t.free();
});

test("input that is not edXML throws BAD_INPUT with its line", () => {
  const t = new Tracker();
  const cases = [
    ["", undefined, "not an edXML file: the input is empty"],
    ["Số hiệu,Đơn vị\n12/UBND,H41\n", 1, "line 1: not XML: no element found"],
    ['<?xml version="1.0"?>\n<log><trace/></log>', 2, "line 2: log: not an edXML file: the root element is <log>; expected <edXML> messages (QCVN 102:2016 document packages or status messages)"],
    [new Uint8Array([0xff, 0xfe, 0x3c, 0]), 1, "line 1: UTF-16 text is not read: save the file as UTF-8, the encoding of edXML"],
  ];
  for (const [input, line, message] of cases) {
    assert.throws(
      () => t.importEdxml(input),
      (e) => {
        assert.ok(e instanceof LienthongError, String(e));
        assert.equal(e.code, "BAD_INPUT");
        assert.equal(e.line, line);
        assert.equal(e.message, message);
        return true;
      },
    );
  }
  for (const v of [42, null, undefined, {}, [1, 2], new Uint16Array(2), new ArrayBuffer(4)]) {
    assert.throws(() => t.importEdxml(v), (e) => e instanceof LienthongError && e.code === "BAD_INPUT");
  }
  assert.throws(() => t.importEdxml("<edXML>\ud800</edXML>"), (e) => e.code === "BAD_INPUT" && /lone surrogate/.test(e.message));
  // The tracker answers afterwards.
  assert.equal(t.summary().events, 0);
  t.free();
});

test("mutated files never give INTERNAL", () => {
  const t = new Tracker();
  const base = bytes();
  let seed = 0x5eed;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
  for (let i = 0; i < 300; i++) {
    const v = base.slice(next() % base.length);
    for (let k = 0; k < 8; k++) v[next() % v.length] = next() & 0xff;
    try {
      t.importEdxml(v.subarray(0, next() % v.length));
    } catch (e) {
      assert.ok(e instanceof LienthongError && e.code === "BAD_INPUT", `case ${i}: ${e?.code} ${e?.message}`);
    }
  }
  t.summary();
  t.free();
});
