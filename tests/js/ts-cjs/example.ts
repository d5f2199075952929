// The package's CommonJS types (lienthong.d.cts re-exports the ESM declarations): compiled by
// `tsc --strict` as a CommonJS module (this folder's package.json), then run with Node.
import { Calendar, Tracker, type OverdueReport, type Summary } from "lienthong";

const t = new Tracker({ locale: "vi", dueRules: [{ type: "công văn", within: "3d" }] });
t.addUnits([{ id: "X", name: "UBND xã", level: "commune" }]);
t.addDocuments([{ id: "d1", type: "công văn" }]);
t.addEvents([{ doc: "d1", unit: "X", action: "arrived", at: "2026-02-13T10:00" }]);
const s: Summary = t.summary({});
const o: OverdueReport = t.overdue({ asOf: "2026-02-26T09:00" });
const cal = new Calendar();
declare const module: unknown;
// Due Wednesday 25 February 10:00 (3 working days after Friday 13 February 10:00, across Tết).
console.log(s.documents, cal.lunarNewYear(2026), o.overdue[0]?.latenessWorkingDays, typeof module);
t.free();
