// Exports through the package: exportCsv / exportXes (the whole log),
// analysisCsv(name, options) (an analysis as a CSV table), and the tracker options for
// historical logs (assumeClosed, terminalActions). The log is tests/js/fixtures/fan-out.cjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Tracker, LienthongError } from "../../www/pkg/node/index.mjs"; // the demo build: the npm package plus the exports (Cargo feature `exports`) and generate()

const require = createRequire(import.meta.url);
const { units, documents, events } = require("./fixtures/fan-out.cjs");

function tracker(options) {
  const t = new Tracker(options);
  t.addUnits(units);
  t.addDocuments(documents);
  assert.equal(t.addEvents(events).rejected.length, 0);
  return t;
}

/** Parses CSV text (RFC 4180) into rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  assert.equal(field, "", "the text ends with a line break");
  return rows;
}

test("exportCsv: one row per event, the document's fields on each", () => {
  const t = tracker();
  const rows = parseCsv(t.exportCsv());
  assert.deepEqual(rows[0], [
    "doc", "unit", "action", "at", "to", "due", "actor", "note", "channel",
    "type", "urgency", "number", "subject", "issuer", "signed", "format",
  ]);
  assert.equal(rows.length, events.length + 1);
  const f1 = rows.filter((r) => r[0] === "f1");
  // f1's `sent` names three targets and gives them its own deadline; other rows carry the
  // document's (none) and its type, urgency, subject and issuer.
  const sent = f1.find((r) => r[2] === "sent");
  assert.equal(sent[4], "A;B;C");
  assert.equal(sent[5], "2026-10-09T17:00:00+07:00");
  for (const r of f1) assert.deepEqual([r[9], r[10], r[12], r[13]], ["công văn", "urgent", "Chỉ đạo gửi ba xã", "P"]);
  // c1's rows that are not `sent` carry its deadline.
  const c1 = rows.filter((r) => r[0] === "c1" && r[2] !== "sent");
  assert.ok(c1.length > 0 && c1.every((r) => r[5] === "2026-10-16T17:00:00+07:00"));
});

test("exportXes: a trace per document, an event per event, text escaped", () => {
  const t = tracker();
  t.addEvents([{ doc: "<x&y>", unit: "P", action: 'a "quoted" <b>', at: "2026-11-06T08:00" }]);
  const xes = t.exportXes();
  assert.ok(xes.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1849-2016"'));
  assert.equal((xes.match(/<trace>/g) || []).length, t.counts().documents);
  assert.equal((xes.match(/<event>/g) || []).length, events.length + 1);
  assert.ok(xes.includes('<string key="concept:name" value="&lt;x&amp;y&gt;"/>'));
  assert.ok(xes.includes('value="a &quot;quoted&quot; &lt;b&gt;"'));
  assert.ok(!xes.includes("<b>"));
});

test("analysisCsv: a table per analysis, its options those of the analysis", () => {
  const t = tracker();
  const dfg = parseCsv(t.analysisCsv("directlyFollows", { key: "action" }));
  assert.deepEqual(dfg[0].slice(0, 3), ["from", "to", "count"]);
  assert.equal(dfg.length - 1, t.directlyFollows({ key: "action" }).length);
  const o = t.overdue({ asOf: "2026-11-01" });
  const rows = parseCsv(t.analysisCsv("overdue", { asOf: "2026-11-01" }));
  assert.deepEqual(rows[0].slice(0, 3), ["state", "id", "unit"]);
  assert.equal(rows.length - 1, o.late.length + o.overdue.length + o.dueSoon.length);
  const rep = parseCsv(t.analysisCsv("report", { from: "2026-10-01", to: "2026-11-01" }));
  assert.equal(rep.at(-1)[0], "total");
  const s = parseCsv(t.analysisCsv("summary"));
  assert.equal(s.length, 2);
  assert.equal(s[1][s[0].indexOf("documents")], String(t.summary().documents));
  for (const name of ["flowNodes", "flowEdges", "processingTimes", "bottleneckUnits", "bottleneckEdges", "timeline", "egov"]) {
    assert.ok(t.analysisCsv(name).length > 0, name);
  }
  const err = (f) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof LienthongError, String(e));
      return e;
    }
    assert.fail("expected a throw");
  };
  assert.equal(err(() => t.analysisCsv("nope")).code, "BAD_QUERY");
  assert.match(err(() => t.analysisCsv("nope")).message, /"summary"/);
  assert.equal(err(() => t.analysisCsv("directlyFollows", { key: "x" })).code, "BAD_QUERY");
  assert.equal(err(() => t.analysisCsv("overdue", { bogus: 1 })).code, "BAD_QUERY");
});

// The command line's `table` (Rust, src/export/table.rs) and analysisCsv (flattened in
// JavaScript, src/wasm/table.js) write the same text for the same log, table by table. The
// command line is the one `cargo test` built (scripts/test.sh runs it first).
test("analysisCsv writes what the command line's `table` writes", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const cli = [process.env.LIENTHONG_CLI, "target/debug/lienthong", "target/release/lienthong"]
    .filter(Boolean)
    .map((p) => path.resolve(root, p))
    .find((p) => existsSync(p));
  assert.ok(cli, "no lienthong command line: run cargo build (or set LIENTHONG_CLI)");
  const dir = mkdtempSync(path.join(tmpdir(), "lt-table-"));
  try {
    execFileSync(cli, ["generate", "--out", dir, "--events", "20000", "--seed", "3"], { stdio: "ignore" });
    const file = path.join(dir, "events.csv");
    const t = new Tracker();
    assert.equal(t.importCsv(readFileSync(file)).rejected.length, 0);
    const report = { from: "2025-01-06", to: "2025-02-01" };
    const cases = [
      ["summary", {}, []],
      ["directlyFollows", { key: "action" }, ["--key", "action"]],
      ["directlyFollows", { key: "unit", case: "copy" }, ["--key", "unit", "--case", "copy"]],
      ["flowNodes", {}, []],
      ["flowEdges", {}, []],
      ["processingTimes", { by: "unit" }, ["--by", "unit"]],
      ["processingTimes", { by: "edge" }, ["--by", "edge"]],
      ["bottleneckUnits", { top: 5 }, ["--top", "5"]],
      ["bottleneckEdges", { top: 5 }, ["--top", "5"]],
      ["overdue", {}, []],
      ["report", { ...report, by: "unit" }, ["--from", report.from, "--to", report.to, "--by", "unit"]],
      ["report", { ...report, by: "level" }, ["--from", report.from, "--to", report.to, "--by", "level"]],
      ["timeline", { bucket: "week" }, ["--bucket", "week"]],
      ["egov", { by: "month" }, ["--by", "month"]],
    ];
    for (const [name, options, args] of cases) {
      const rust = execFileSync(cli, ["table", name, file, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      const js = t.analysisCsv(name, options);
      assert.ok(js.split("\n").length > 2, `${name}: some rows`);
      assert.equal(js, rust, `${name} ${JSON.stringify(options)}`);
    }
    t.free();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The flattening itself (the built package's snippet, minified as shipped), on values no
// generated log gives: numbers as Rust's Display writes them (no exponent), quoting, lists,
// optional groups.
test("analysisCsv's flattening: numbers without exponents, quotes, lists, groups", async () => {
  const snippets = path.resolve(import.meta.dirname, "../../www/pkg/snippets");
  const [hash] = readdirSync(snippets);
  const { tableCsv } = await import(path.join(snippets, hash, "src/wasm/table.js"));
  const row = { a: 1.5e-7, b: 1e21, c: -2.5e-8, d: -0, e: 123.456, f: NaN, g: 5e-324 };
  assert.equal(
    tableCsv(row, 0, "", ""),
    "a,b,c,d,e,f,g\n0.00000015,1000000000000000000000,-0.000000025,-0,123.456,,0." + "0".repeat(323) + "5\n",
  );
  const rows = [
    { id: 'say "hi"', at: null, to: ["A", "B"], pairs: [{ u: "C", n: 1 }], split: null, leadTime: { count: 2 } },
    { id: " padded", at: 5, to: [], pairs: [], split: { x: 1 }, leadTime: { count: 3, extra: true } },
  ];
  assert.equal(
    tableCsv(rows, 1, "", ""),
    'id,at,to,pairs,split.x,leadTime.count,leadTime.extra\n"say ""hi""",,A;B,C:1,,2,\n" padded",5,,,1,3,true\n',
  );
  const fields = { late: [{ id: "x" }], overdue: [], dueSoon: [{ id: "y" }], asOf: 1 };
  assert.equal(tableCsv(fields, 2, "late,overdue,dueSoon", "state"), "state,id\nlate,x\ndueSoon,y\n");
});

test("assumeClosed and terminalActions read historical logs", () => {
  const log = [
    { doc: "x1", unit: "U", action: "Register", at: "2026-01-05T08:00" },
    { doc: "x1", unit: "U", action: "Close", at: "2026-01-06T08:00" },
    { doc: "x2", unit: "U", action: "Register", at: "2026-01-05T09:00" },
    { doc: "x2", unit: "V", action: "Review", at: "2026-01-07T09:00" },
  ];
  const summary = (options) => {
    const t = new Tracker(options);
    t.addEvents(log);
    return t.summary();
  };
  assert.deepEqual([summary().open, summary().closed], [2, 0]);
  assert.deepEqual([summary({ terminalActions: ["Close"] }).open, summary({ terminalActions: ["Close"] }).closed], [1, 1]);
  const s = summary({ assumeClosed: true });
  assert.deepEqual([s.open, s.closed, s.leadTime.maxMs], [0, 2, 2 * 86_400_000]);
  assert.throws(() => new Tracker({ assumeClosed: "yes" }), (e) => e instanceof LienthongError && e.code === "BAD_OPTION");
});

test("exportCsv read back by importCsv gives the same analyses", { skip: typeof Tracker.prototype.importCsv !== "function" && "importCsv is not built yet" }, () => {
  const a = tracker();
  const b = new Tracker();
  b.addUnits(units);
  const r = b.importCsv(a.exportCsv());
  assert.equal(r.rejected.length, 0);
  assert.deepEqual(b.summary(), a.summary());
  assert.deepEqual(b.directlyFollows({ key: "unit" }), a.directlyFollows({ key: "unit" }));
  assert.deepEqual(b.overdue(), a.overdue());
  assert.deepEqual(b.report({ from: "2026-10-01", to: "2026-11-01" }), a.report({ from: "2026-10-01", to: "2026-11-01" }));
  assert.equal(b.exportCsv(), a.exportCsv());
});
