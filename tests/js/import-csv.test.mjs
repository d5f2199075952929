// CSV import through the package: `importCsv` on text, bytes and an ArrayBuffer; the streaming
// `importer("csv")` fed by a ReadableStream cut in odd chunks gives the same report and store;
// progress grows; a bad file throws LienthongError with code, line and field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { openAsBlob } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as lib from "lienthong";

const T = Date.parse("2026-03-02T08:00:00+07:00");
const H = 3_600_000;

/** An office export: `docs` documents of four events each (sent by the province to two
 *  districts, arrived, completed at one), `;`-separated, Vietnamese headers, document fields
 *  repeated on every row. */
function officeCsv(docs) {
  const iso = (ms) => new Date(ms + 7 * H).toISOString().slice(0, 19).replace("T", " ");
  const rows = ["Số hiệu;Đơn vị;Trạng thái;Thời gian;Nơi nhận;Hạn xử lý;Độ khẩn;Ghi chú"];
  for (let d = 0; d < docs; d++) {
    const at = T + d * 60_000;
    const doc = `${d}/UBND-VP`;
    rows.push(`${doc};UBND tỉnh;sent;${iso(at)};"Huyện A|Huyện B";2026-03-20;khẩn;`);
    rows.push(`${doc};Huyện A;arrived;${iso(at + H)};;2026-03-20;khẩn;"nhận; đã vào sổ"`);
    rows.push(`${doc};Huyện B;arrived;${iso(at + 2 * H)};;2026-03-20;khẩn;`);
    rows.push(`${doc};Huyện A;completed;${iso(at + 30 * H)};;2026-03-20;khẩn;"xong,\nbáo cáo"`);
  }
  return rows.join("\r\n") + "\r\n";
}

const TEXT = officeCsv(20_000);
const BYTES = new TextEncoder().encode(TEXT);

/** A ReadableStream of `bytes` in chunks of odd sizes (1 byte to 97 KiB). */
function oddStream(bytes) {
  let at = 0, i = 0;
  const sizes = [1, 2, 3, 7, 4093, 65_537, 99_331, 13];
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      const n = sizes[i++ % sizes.length];
      c.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
}

test("importCsv reads text, bytes and an ArrayBuffer alike", () => {
  const reports = [];
  const summaries = [];
  for (const input of [TEXT, BYTES, BYTES.buffer.slice(0)]) {
    const t = new lib.Tracker();
    const r = t.importCsv(input);
    reports.push(r);
    summaries.push(t.summary());
    t.free();
  }
  const r = reports[0];
  assert.equal(r.accepted, 80_000);
  assert.deepEqual(r.rejected, []);
  assert.deepEqual([...r.createdUnits].sort(), ["Huyện A", "Huyện B", "UBND tỉnh"]);
  assert.deepEqual(reports[1], r);
  assert.deepEqual(reports[2], r);
  const s = summaries[0];
  assert.equal(s.documents, 20_000);
  assert.equal(s.events, 80_000);
  assert.equal(s.copies, 40_000);
  assert.deepEqual(summaries[1], s);
  assert.deepEqual(summaries[2], s);
});

test("the streaming importer fed from a ReadableStream gives the same report and store", async () => {
  const one = new lib.Tracker();
  const r1 = one.importCsv(BYTES);
  const t = new lib.Tracker();
  const imp = t.importer("csv");
  const seen = [];
  for await (const chunk of oddStream(BYTES)) {
    imp.push(chunk);
    seen.push(imp.progress());
  }
  const r2 = imp.finish();
  assert.deepEqual(r2, r1);
  assert.deepEqual(t.summary(), one.summary());
  assert.deepEqual(t.directlyFollows({ key: "unit" }), one.directlyFollows({ key: "unit" }));
  // Progress: bytes, rows and events only grow; events are loaded in batches along the way.
  for (let i = 1; i < seen.length; i++) {
    for (const k of ["bytes", "rows", "events"]) assert.ok(seen[i][k] >= seen[i - 1][k], k);
  }
  const last = seen[seen.length - 1];
  assert.equal(last.bytes, BYTES.length);
  assert.equal(last.rows, 80_000);
  assert.ok(last.events >= 65_536 && last.events < 80_000, `events loaded before finish: ${last.events}`);
  assert.equal(imp.progress().events, 80_000);
  imp.free();
  assert.throws(() => imp.push("x"), (e) => e instanceof lib.LienthongError && e.code === "FREED");
});

test("a file from disk through Blob.stream(), and Excel's UTF-16 Unicode text", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lienthong-"));
  const path = join(dir, "events.csv");
  // UTF-16LE with a byte-order mark, tab-separated (what Excel's "Unicode text" writes).
  const tabs = officeCsv(300).replaceAll(";", "\t").replaceAll('"Huyện A|Huyện B"', "Huyện A|Huyện B");
  writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabs, "utf16le")]));
  const t = new lib.Tracker();
  const imp = t.importer("csv", { document: "SỐ HIỆU" });
  for await (const chunk of (await openAsBlob(path)).stream()) imp.push(chunk);
  const r = imp.finish();
  assert.equal(r.accepted, 1200);
  assert.deepEqual(r.rejected, []);
  assert.equal(t.summary().copies, 600);
});

test("rejected rows name line, column and field; bad input throws with code and line", () => {
  const t = new lib.Tracker();
  const r = t.importCsv("doc,unit,action,at\nd1,A,arrived,2026-03-02 08:00\nd1,A,completed,31/02/2026 08:00\n");
  assert.equal(r.accepted, 1);
  assert.equal(r.rejected.length, 1);
  const { index, line, column, field } = r.rejected[0];
  assert.deepEqual({ index, line, column, field }, { index: 1, line: 3, column: 4, field: "at" });

  const bad = 'doc,unit,action,at\nd1,A,arrived,2026-03-02 08:00\nd1,A,"completed,2026-03-03 08:00\nd2,B,arrived,2026-03-04 08:00\n';
  for (const feed of [(t) => t.importCsv(bad), (t) => { const i = t.importer("csv"); i.push(bad); i.finish(); }]) {
    const t2 = new lib.Tracker();
    assert.throws(() => feed(t2), (e) => {
      assert.ok(e instanceof lib.LienthongError);
      assert.equal(e.code, "BAD_INPUT");
      assert.equal(e.line, 3);
      assert.equal(e.field, "action");
      assert.match(e.message, /unbalanced quote/);
      return true;
    });
    // The row before the fault is loaded.
    assert.equal(t2.counts().events, 1);
  }
  assert.throws(() => t.importCsv("Số hiệu,Đơn vị\nd1,A\n"), (e) => e.code === "BAD_INPUT" && e.field === "action" && e.line === 1);
  assert.throws(() => t.importCsv(""), (e) => e.code === "BAD_INPUT" && /empty/.test(e.message));
  assert.throws(() => t.importCsv(BYTES, null, { maxBytes: 1000 }), (e) => e.code === "BAD_INPUT" && /limit of 1000 bytes/.test(e.message));
  assert.throws(() => t.importCsv(42), (e) => e.code === "BAD_INPUT" && /Uint8Array/.test(e.message));
  assert.throws(() => t.importCsv("x", { place: "Nơi" }), (e) => e.code === "BAD_OPTION" && e.field === "place");
  assert.throws(() => t.importCsv("x", { unit: 3 }), (e) => e.code === "BAD_OPTION" && e.field === "unit");
  assert.throws(() => t.importer("xls"), (e) => e.code === "BAD_OPTION" && e.field === "kind");
  // A spent importer, an importer whose tracker was freed.
  const imp = t.importer("csv");
  imp.push("doc,unit,action,at\n");
  imp.finish();
  assert.throws(() => imp.push("d1,A,arrived,2026-03-02 08:00\n"), (e) => e.code === "BAD_INPUT" && /spent/.test(e.message));
  const t3 = new lib.Tracker();
  const orphan = t3.importer("csv");
  t3.free();
  assert.throws(() => orphan.push("doc"), (e) => e.code === "BAD_INPUT" && /freed/.test(e.message));
  // A detached buffer is an error, not a crash.
  const buf = new ArrayBuffer(8);
  structuredClone(buf, { transfer: [buf] });
  assert.throws(() => t.importCsv(buf), (e) => e.code === "BAD_INPUT");
});
