// Compiled with tsc --strict against the package's declarations: every input and output is typed.
import init, {
  Tracker,
  LienthongError,
  generate,
  type DfgArc,
  type EventInput,
  type IngestReport,
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
const g = generate({ events: 1000, seed: 1, problems: [{ kind: "slow-unit", factor: 3 }] });
const truth: string[] = g.truth.slowUnits;
g.tracker.free();
t.free();
if (report.accepted !== 2 || s.closed !== 1 || arcs[0].meanMs !== 172_800_000 || code !== "UNKNOWN_UNIT") {
  throw new Error(`unexpected: ${JSON.stringify({ report, s, arcs, code })}`);
}
console.log("ts example ok", o.late.length, slow !== undefined, weeks, byUnit.length, matrix, truth.length);
