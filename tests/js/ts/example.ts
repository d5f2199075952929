// Compiled with tsc --strict against the package's declarations: every input and output is typed.
import init, {
  Tracker,
  Calendar,
  LienthongError,
  type CalendarSpec,
  type DayOff,
  type DueRule,
  type Schedule,
  type DfgArc,
  type EventInput,
  type IngestReport,
  type CsvMapping,
  type ImportProgress,
  Importer,
  type OverdueReport,
  type Summary,
} from "lienthong";

await init();
const t: Tracker = new Tracker({ locale: "vi", timeZone: "+07:00" });
t.addUnits([{ id: "H23", name: "UBND tỉnh Hà Nam", level: "province" }]);
t.addDocuments([{ id: "d1", type: "công văn", urgency: "urgent", due: new Date("2021-07-01T00:00:00+07:00") }]);
const events: EventInput[] = [
  { doc: "d1", unit: "H23", action: "arrived", at: "2021-06-26T08:00" },
  { doc: "d1", unit: "H23", action: "completed", at: Date.parse("2021-06-28T01:00:00Z") },
];
const report: IngestReport = t.addEvents(events);
const s: Summary = t.summary({ levels: ["province"] });
const arcs: DfgArc[] = t.directlyFollows({ key: "action", from: "2021-06-01" });
const o: OverdueReport = t.overdue({ asOf: Date.now(), dueSoonWithin: "2d" });
const slow: string | undefined = t.bottlenecks({ top: 3 }).units[0]?.reason;
const weeks: number = t.timeline({ bucket: "week" }).length;
const byUnit = t.processingTimes({ by: "unit" }).groups.map((g) => [g.key, g.calendar.medianMs] as const);
const matrix: number = t.flow().levelMatrix[1][1];
let code: string = "";
try {
  t.summary({ units: ["nowhere"] });
} catch (e) {
  if (e instanceof LienthongError) code = e.code;
}
// The working calendar: Tết, a newly announced year, custom days, and a tracker that uses it.
const cal = new Calendar({ hours: "07:30-11:30,13:30-17:00", daysOff: [{ date: "2026-12-31", name: "Nghỉ" }] });
const tetIsOff: boolean = !cal.isWorkingDay("2026-02-16") && cal.lunarNewYear(2026) === "2026-02-17";
const days: DayOff[] = cal.daysOff(2026);
const y2027: Schedule = { year: 2027, daysOff: ["2027-02-05", { date: "2027-02-08", name: "Tết" }], workingDays: [] };
cal.addSchedule(y2027);
cal.addDayOff(new Date("2026-03-02T00:00:00+07:00"), "Ngày hội");
cal.addWorkingDay(Date.parse("2026-03-07T00:00:00+07:00"));
const due: number = cal.addWorking("2026-02-13T09:00", "3d");
const back: number = cal.workingMsBetween("2026-02-13T09:00", due);
const spec: CalendarSpec = cal.toJSON();
const rules: DueRule[] = [{ type: "công văn", urgency: "urgent", within: "3d" }, { within: 4 * 3_600_000 }];
const ct = new Tracker({ calendar: cal, dueRules: rules });
cal.free();
ct.addDocuments([{ id: "d9", type: "công văn", urgency: "urgent" }]);
ct.addEvents([{ doc: "d9", unit: "S", action: "arrived", at: "2026-02-13T09:00" }]);
const late = ct.overdue({ asOf: "2026-02-26T10:00" }).overdue[0];
const lateDays: number = late.latenessWorkingDays;
ct.free();
new Tracker({ calendar: "continuous", dueRules: [] }).free();
new Tracker({ calendar: spec }).free();
// 3 working days of 7 h 30 from Friday 13 Feb 2026 09:00 end after Tết, on Wednesday 25 Feb 09:00.
if (!tetIsOff || days.length !== 14 || back !== 3 * 27_000_000 || late.due !== Date.parse("2026-02-25T09:00:00+07:00")) {
  throw new Error(`unexpected calendar figures: ${JSON.stringify({ tetIsOff, days, back, late, lateDays })}`);
}
t.free();
if (
  report.accepted !== 2 ||
  s.closed !== 1 ||
  arcs[0].meanMs !== 172_800_000 ||
  code !== "UNKNOWN_UNIT"
) {
  throw new Error(`unexpected: ${JSON.stringify({ report, s, arcs, code })}`);
}
// CSV import: one call, and the streaming importer with its progress.
const csvText = "Số hiệu;Đơn vị;Trạng thái;Thời gian\n12/UBND;S;arrived;26/06/2021 08:00\n";
const mapping: CsvMapping = { document: "Số hiệu", unit: "Đơn vị" };
const it = new Tracker();
const csvReport: IngestReport = it.importCsv(new TextEncoder().encode(csvText), mapping, { maxBytes: 1 << 20 });
const imp: Importer = it.importer("csv");
imp.push(csvText.replace("12/UBND", "13/UBND"));
const progress: ImportProgress = imp.progress();
const streamed: IngestReport = imp.finish();
imp.free();
it.free();
if (csvReport.accepted !== 1 || streamed.accepted !== 1 || progress.bytes !== new TextEncoder().encode(csvText).length) {
  throw new Error(`unexpected CSV import: ${JSON.stringify({ csvReport, streamed, progress })}`);
}
console.log("ts example ok", o.late.length, slow !== undefined, weeks, byUnit.length, matrix, lateDays);
