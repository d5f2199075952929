// XES import from JS: importXes on text, bytes and .xes.gz bytes; the streaming importer fed in
// odd chunks (inside tags, values and multi-byte characters; the gzip stream cut anywhere);
// errors as LienthongError with code BAD_INPUT and line, rows read before kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { Tracker, Importer, LienthongError } from "lienthong"; // the npm package: it has the renderers, the XES/edXML importers and the exports

const event = (action, unit, at, extra = "") =>
  `    <event>
      <string key="concept:name" value="${action}"/>
      <string key="org:group" value="${unit}"/>
      <date key="time:timestamp" value="${at}"/>${extra}
    </event>\n`;

const XES = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016">
  <global scope="event"><string key="lifecycle:transition" value="complete"/></global>
  <trace>
    <string key="concept:name" value="12/UBND-VP &amp; Sở Nội vụ"/>
    <date key="deadline" value="2026-03-05T17:00:00+07:00"/>
    <string key="loại" value="Công văn"/>
${event("sent", "UBND tỉnh", "2026-03-02T08:00:00.000+07:00")}${event("arrived", "Sở Nội vụ", "2026-03-02T10:00:00.000+07:00")}${event("completed", "Sở Nội vụ", "2026-03-04T09:00:00.000+07:00")}  </trace>
  <trace>
    <string key="concept:name" value="d2"/>
${event("arrived", "Sở Tài chính", "2026-03-03T08:00:00+07:00")}${event("completed", "Sở Tài chính", "2026-03-03T15:30:00+07:00", '\n      <int key="cost" value="12"/>')}  </trace>
</log>
`;
const MAPPING = { type: "case:loại" };

/** The line (1-based) of `text` at offset `i`. */
const lineAt = (text, i) => text.slice(0, i).split("\n").length;
/** The line of the `<event>` holding `needle`. */
const eventLine = (text, needle) => lineAt(text, text.lastIndexOf("<event>", text.indexOf(needle)));

const figures = (t) => JSON.stringify([t.counts(), t.summary(), t.directlyFollows({ key: "action" })]);

const oneShot = (input) => {
  const t = new Tracker();
  const report = t.importXes(input, MAPPING);
  return { t, report };
};

test("importXes reads text, bytes, an ArrayBuffer and .xes.gz bytes alike", () => {
  const { t, report } = oneShot(XES);
  assert.equal(report.accepted, 5);
  assert.deepEqual(report.rejected, []);
  assert.deepEqual(t.counts(), { units: 3, documents: 2, events: 5 });
  const arcs = t.directlyFollows({ key: "action" });
  const ac = arcs.find((a) => a.from === "arrived" && a.to === "completed");
  // 47 h for the first document, 7.5 h for d2.
  assert.equal(ac.count, 2);
  assert.equal(ac.sumMs, (47 + 7.5) * 3_600_000);
  const expected = figures(t);
  const bytes = new TextEncoder().encode(XES);
  assert.equal(figures(oneShot(bytes).t), expected);
  assert.equal(figures(oneShot(bytes.buffer).t), expected);
  assert.equal(figures(oneShot(gzipSync(bytes)).t), expected);
  // The default mapping: no type, the same events.
  const d = new Tracker();
  assert.equal(d.importXes(XES).accepted, 5);
});

/** Feeds `bytes` to a streaming importer in chunks of the given sizes, in turn. */
const streamed = (bytes, sizes) => {
  const t = new Tracker();
  const imp = t.importer("xes", MAPPING);
  assert.ok(imp instanceof Importer);
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length];
    imp.push(bytes.subarray(at, at + n));
    at += n;
    assert.equal(imp.progress().bytes, Math.min(at, bytes.length));
  }
  const report = imp.finish();
  return { t, report, progress: imp.progress() };
};

test("the streaming importer gives the one-shot result for chunks cut anywhere", () => {
  const expected = figures(oneShot(XES).t);
  const bytes = new TextEncoder().encode(XES);
  for (const sizes of [[1], [2, 3], [7], [13, 1, 64], [4096]]) {
    const { t, report, progress } = streamed(bytes, sizes);
    assert.equal(report.accepted, 5);
    assert.equal(figures(t), expected, `chunks ${sizes}`);
    assert.deepEqual(progress, { bytes: bytes.length, rows: 5, events: 5 });
  }
  const gz = gzipSync(bytes);
  for (const sizes of [[1], [5, 2], [gz.length]]) {
    const { t, progress } = streamed(gz, sizes);
    assert.equal(figures(t), expected, `gzip chunks ${sizes}`);
    assert.equal(progress.bytes, gz.length);
  }
  // Text chunks too (a TextDecoderStream gives strings).
  const t = new Tracker();
  const imp = t.importer("xes", MAPPING);
  for (let i = 0; i < XES.length; i += 10) imp.push(XES.slice(i, i + 10));
  imp.finish();
  assert.equal(figures(t), expected);
});

const throws = (f, code, line) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof LienthongError, `a LienthongError, got ${e}`);
    assert.equal(e.code, code, e.message);
    if (line !== undefined) assert.equal(e.line, line, e.message);
    return e;
  }
  assert.fail("no error thrown");
};

test("unreadable input throws BAD_INPUT with the line, keeping the rows read before", () => {
  const cut = XES.slice(0, XES.indexOf("2026-03-03T15:30"));
  const t = new Tracker();
  const line = lineAt(cut, cut.lastIndexOf("<"));
  const e = throws(() => t.importXes(cut, MAPPING), "BAD_INPUT", line);
  assert.match(e.message, new RegExp(`^line ${line}, column 7: not well-formed XML: .*\\(truncated file\\?\\)$`));
  // The first trace, and d2's complete event.
  assert.equal(t.counts().events, 4);

  throws(() => new Tracker().importXes("doc,unit\nd1,A\n"), "BAD_INPUT", 1);
  const root = throws(() => new Tracker().importXes("<html/>"), "BAD_INPUT", 1);
  assert.equal(root.message, "line 1: not an XES log: the root element is <html>, expected <log>");
  const gz = gzipSync(new TextEncoder().encode(XES));
  throws(() => new Tracker().importXes(gz.subarray(0, gz.length - 12)), "BAD_INPUT");
  throws(() => new Tracker().importXes(42), "BAD_INPUT");
  const unknown = throws(() => new Tracker().importXes(XES, { colour: "x" }), "BAD_INPUT");
  assert.equal(unknown.field, "colour");
  throws(() => new Tracker().importer("json"), "BAD_OPTION");

  // Streaming: the error comes from the push that meets it; the importer is spent afterwards.
  const s = new Tracker();
  const imp = s.importer("xes");
  const at = XES.indexOf("<trace>");
  imp.push(XES.slice(0, at));
  const nope = throws(() => imp.push("</nope>"), "BAD_INPUT", lineAt(XES, at));
  assert.match(nope.message, /not well-formed XML: <\/nope> closes <log>$/);
  throws(() => imp.finish(), "BAD_INPUT");
});

test("rejected events come back with line and field", () => {
  const bad = XES.replace("2026-03-03T08:00:00+07:00", "yesterday").replace('value="12"', 'value="12a"');
  const t = new Tracker();
  const report = t.importXes(bad, { ...MAPPING, number: "cost" });
  assert.equal(report.accepted, 3);
  assert.deepEqual(
    report.rejected.map((r) => [r.index, r.line, r.field]),
    [
      [3, eventLine(bad, "yesterday"), "at"],
      [4, eventLine(bad, '"12a"'), "number"],
    ],
  );
  assert.match(report.rejected[0].message, /"yesterday"/);
});

test("an importer whose tracker was freed says so, and throws FREED once freed itself", () => {
  const t = new Tracker();
  const imp = t.importer("xes");
  imp.push(XES.slice(0, 300));
  t.free();
  // Nothing could read what it would load: the importer refuses to go on.
  assert.match(throws(() => imp.push(XES.slice(300)), "BAD_INPUT").message, /tracker of this importer was freed/);
  imp.free();
  throws(() => imp.push("x"), "FREED");
  throws(() => imp.progress(), "FREED");
  imp.free();
});

test("hostile chunks are BAD_INPUT, never INTERNAL", () => {
  const t = new Tracker();
  const imp = t.importer("xes");
  const detached = new Uint8Array([60, 108]);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  const e = throws(() => imp.push(detached), "BAD_INPUT");
  assert.match(e.message, /detached/);
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  throws(() => imp.push(proxy), "BAD_INPUT");
  throws(() => imp.push("\ud83d"), "BAD_INPUT");
  throws(() => imp.push({}), "BAD_INPUT");
  throws(() => t.importXes(XES, { unit: 42 }), "BAD_INPUT");
  throws(() => t.importXes(XES, new Map()), "BAD_INPUT");
  // A chunk that cannot be read is refused before the importer sees it: it goes on.
  imp.push(XES);
  assert.equal(imp.finish().accepted, 5);
});
