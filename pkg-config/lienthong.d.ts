// Type declarations of the npm package `lienthong` (hand-written; see SPEC §5).
// Instants in results are epoch milliseconds; durations are milliseconds.

/** An instant as input: ISO 8601 text (local time of the tracker's zone when it has no
 *  offset; `dd/mm/yyyy hh:mm` is accepted too), a `Date`, or epoch milliseconds. */
export type TimeInput = string | number | Date;

/** A duration: `"3d"`, `"4h"`, `"90m"`, `"1d4h"`, `"2w"`, or milliseconds. Days are working
 *  days where a working calendar applies. */
export type DurationInput = string | number;

/** Epoch milliseconds. */
export type Instant = number;

export type Level = "central" | "province" | "district" | "commune";
export type Urgency = "normal" | "urgent" | "very-urgent" | "flash";
export type Direction = "down" | "up" | "same" | "unknown";
export type Locale = "vi" | "en";

/** Known actions (any other string is accepted too). */
export type KnownAction =
  | "sent"
  | "arrived"
  | "rejected"
  | "accepted"
  | "assigned"
  | "processing"
  | "completed"
  | "recalled"
  | "recall-accepted"
  | "recall-refused";

export interface TrackerOptions {
  /** Zone of times written without an offset, and of day/week/month buckets: `"+07:00"`
   *  (default) or minutes east of UTC. */
  timeZone?: string | number;
  /** Actions that close a document. Default `["completed", "rejected", "recall-accepted"]`. */
  terminalActions?: string[];
  /** Language of reasons and labels. Default `"vi"`. */
  locale?: Locale | string;
  /** Working time: the Vietnamese calendar (default, `"vietnam"`), a `Calendar` or its spec
   *  (the tracker keeps a copy: later changes to the Calendar, or freeing it, do not reach the
   *  tracker), or `"continuous"` (every millisecond is working time). */
  calendar?: Calendar | CalendarOptions | "vietnam" | "continuous";
  /** Deadlines of copies without one of their own, counted from the copy's first event; the
   *  most specific matching rule applies (type and urgency, then type, then urgency). */
  dueRules?: DueRule[];
  /** The log is historical and complete: a copy with no later event is closed at its last
   *  event, so lead times end there and nothing is open or overdue at the end of the log.
   *  Default `false`. */
  assumeClosed?: boolean;
  /** The most bytes this tracker may hold: a load that could take it past this is refused
   *  before it starts (`OUT_OF_MEMORY`, nothing loaded). Every load is also checked against
   *  the 4 GiB of WebAssembly memory. Default: no limit of its own. */
  memoryLimit?: number;
}

/** `{ type: "công văn", urgency: "urgent", within: "3d" }`: 3 working days. */
export interface DueRule {
  /** Document type; every type when omitted. */
  type?: string;
  /** Every urgency when omitted. */
  urgency?: Urgency | string;
  /** Working time allowed: `"3d"`, `"4h"`, `"1d4h"` or milliseconds. */
  within: DurationInput;
}

/** A day of the calendar: `"2026-12-31"`, `"31/12/2026"`, or a date-time, `Date` or epoch
 *  milliseconds, read as its day in Vietnam (UTC+7). */
export type DateInput = TimeInput;

export interface DayOff {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `Tết Nguyên Đán`, `Nghỉ bù Giỗ Tổ Hùng Vương`, …, or the custom name. */
  name: string;
}

/** A schedule the Government announced for a year: every weekday off and every weekend day
 *  worked (làm bù), dates of that year. It replaces the year's computed days off. */
export interface Schedule {
  year: number;
  daysOff?: (DateInput | { date: DateInput; name?: string })[];
  workingDays?: DateInput[];
}

export interface CalendarOptions {
  /** Office hours. Default `"07:30-11:30,13:30-17:00"`. */
  hours?: string;
  /** Custom days off. */
  daysOff?: (DateInput | { date: DateInput; name?: string })[];
  /** Custom working days. */
  workingDays?: DateInput[];
  /** Schedules of newly announced years. */
  schedules?: Schedule[];
}

/** `Calendar.toJSON()`: what was changed in the Vietnamese calendar. */
export interface CalendarSpec extends CalendarOptions {
  hours: string;
  daysOff: DayOff[];
  workingDays: string[];
  schedules: ScheduleSpec[];
}

export interface ScheduleSpec extends Schedule {
  year: number;
  daysOff: string[];
  workingDays: string[];
}

export interface UnitInput {
  id: string;
  name?: string | null;
  /** `central`, `province`, `district`, `commune` (Vietnamese names accepted). */
  level?: Level | string | null;
  parent?: string | null;
  validFrom?: TimeInput | null;
  validTo?: TimeInput | null;
  successor?: string | null;
}

export interface DocumentInput {
  id: string;
  /** Số/ký hiệu, e.g. `123/UBND-VP`. */
  number?: string | null;
  /** e.g. `công văn`, `quyết định`. */
  type?: string | null;
  urgency?: Urgency | string | null;
  due?: TimeInput | null;
  issuer?: string | null;
  subject?: string | null;
  attributes?: Record<string, string | number | boolean>;
  /** Digitally signed (ký số), when known. */
  signed?: boolean | null;
  /** `"electronic"` or `"paper"` (`"điện tử"`, `"giấy"` accepted), when known. */
  format?: DocFormat | string | null;
}

export interface EventInput {
  doc: string;
  unit: string;
  action: KnownAction | string;
  at: TimeInput;
  /** Target unit of a send/forward, or a list of them (a document sent to many recipients at
   *  once: each target handles its own copy). */
  to?: string | string[] | null;
  /** On a `sent`: the deadline given to these recipients (a date alone means 17:00 that day).
   *  A copy's deadline is this, else the document's `due`. */
  due?: TimeInput | null;
  actor?: string | null;
  note?: string | null;
  /** Channel of a `sent`/`arrived`: the national interconnection axis, the province's own
   *  network, paper (Vietnamese names accepted), or any other name. */
  channel?: Channel | string | null;
}

/** Events as columns: event `i` is document `docs[doc[i]]` at unit `units[unit[i]]`, action
 *  `actions[action[i]]`, at `at[i]` (epoch ms), sent to `units[to[i]]` when `to[i] >= 0`, with
 *  the deadline `due[i]` (epoch ms) when `due[i]` is not `NaN`. */
export interface EventColumns {
  docs: string[];
  units: string[];
  actions: string[];
  doc: Uint32Array | Int32Array | number[];
  unit: Uint32Array | Uint16Array | Uint8Array | Int32Array | number[];
  action: Uint32Array | Uint16Array | Uint8Array | Int32Array | number[];
  at: Float64Array | number[];
  to?: Int32Array | number[];
  due?: Float64Array | number[];
}

export interface Rejection {
  /** Position of the record in the call's input (0-based). */
  index: number;
  /** Line in the source text (1-based), for text importers. */
  line?: number;
  /** Column in the source text (1-based), for importers that know it (CSV: the field's position in the row). */
  column?: number;
  /** The field at fault (`doc`, `at`, `level`, …; for edXML the element, `From`, `Timestamp`, …);
   *  empty when the record is not an object. */
  field: string;
  message: string;
}

export interface IngestReport {
  accepted: number;
  rejected: Rejection[];
  /** Indexes of events skipped as exact duplicates of one already loaded. */
  duplicates: number[];
  /** Units created because a record named an undeclared unit. */
  createdUnits: string[];
  /** Documents created because an event named an undeclared document. */
  createdDocuments: string[];
  /** Records loaded that deserve a look: an event at a unit outside its `validFrom`/`validTo`
   *  (field `unit`), … */
  warnings: Rejection[];
}

/** Which column holds each field of SPEC §5: header names, compared after NFC composition,
 *  trimming and lowercasing (ASCII and Vietnamese letters). Keys left out are found by their usual headers (Vietnamese,
 *  XES-style, the CLI's export): `document` ("Số hiệu", "case:concept:name", "doc"), `unit`
 *  ("Đơn vị", "org:group"), `action` ("Trạng thái", "concept:name"), `at` ("Thời gian",
 *  "time:timestamp"), `to` ("Nơi nhận"; several units separated by `;` or `|`), `due`
 *  ("Hạn xử lý"), … */
export interface CsvMapping {
  document?: string;
  /** Same as `document`. */
  doc?: string;
  unit?: string;
  action?: string;
  at?: string;
  to?: string;
  due?: string;
  type?: string;
  urgency?: string;
  actor?: string;
  note?: string;
  channel?: string;
  number?: string;
  subject?: string;
  issuer?: string;
  signed?: string;
  format?: string;
}

/** Options of the file importers. */
export interface ImportOptions {
  /** Refuse input over this many bytes (`BAD_INPUT`); rows read before stay loaded. */
  maxBytes?: number;
}

/** The input of an importer: text, or bytes as `File.arrayBuffer()` or `File.stream()` give
 *  them (UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1258, detected). */
export type ImportInput = string | Uint8Array | ArrayBuffer;

/** The file importers `tracker.importer(kind)` makes. */
export type ImporterKind = "csv" | "xes";

/** How far a streaming import has come. */
export interface ImportProgress {
  /** Input bytes pushed so far (compressed bytes for `.xes.gz`). */
  bytes: number;
  /** Rows (CSV records, XES events) read so far, rejected ones included. */
  rows: number;
  /** Events loaded into the tracker so far (rows are loaded in batches of 65 536). */
  events: number;
}

/** A streaming importer made by `tracker.importer(kind)`: push the chunks of a file (cut
 *  anywhere), then `finish()`. The same code as the one-shot `importCsv` and `importXes`.
 *
 *  ```js
 *  const imp = tracker.importer("csv");
 *  for await (const chunk of file.stream()) { imp.push(chunk); show(imp.progress()); }
 *  const report = imp.finish(); imp.free();
 *  ``` */
export declare class Importer {
  private constructor();
  /** Reads the next chunk. Throws `LienthongError` (`BAD_INPUT`, with `line`/`field` where
   *  known) when the input cannot be read further; rows read before stay loaded, and the
   *  importer is spent. */
  push(chunk: ImportInput): void;
  /** Reads what is left and returns the report of the whole input (rejections with `line`,
   *  `column` and `field`). The importer is spent afterwards. */
  finish(): IngestReport;
  /** Bytes pushed, rows read and events loaded so far. */
  progress(): ImportProgress;
  free(): void;
}

/** The filter every analysis takes. */
export interface Query {
  /** Window start (inclusive). */
  from?: TimeInput | null;
  /** Window end (exclusive). */
  to?: TimeInput | null;
  /** The moment of the report; default: the latest event time in the window. */
  asOf?: TimeInput | null;
  levels?: Level | Level[];
  /** Unit ids, each with its subtree. */
  units?: string | string[];
  /** Document types. */
  types?: string | string[];
  urgency?: Urgency | Urgency[];
  /** Count a merged or renamed unit (`successor`) as its current successor. Default `true`;
   *  `false` shows the units as they were. */
  rollUp?: boolean;
}

export type DfgKey = "unit" | "action" | "level";
/** What a case of the directly-follows graph is: the document (PM4Py's view) or the copy (a
 *  document at one unit). */
export type DfgCase = "document" | "copy";
export type GroupBy = "document" | "copy" | "unit" | "level" | "type" | "urgency" | "edge";
export type ReportBy = "unit" | "level";
export type Bucket = "day" | "week" | "month";

export interface DirectlyFollowsOptions extends Query {
  /** Default `"unit"`. */
  key?: DfgKey;
  /** Default `"document"`. */
  case?: DfgCase;
  /** Also give each arc's times in working time (`working`). Default false. */
  working?: boolean;
}
export interface ProcessingTimesOptions extends Query {
  /** Default `"unit"`. */
  by?: GroupBy;
}
export interface BottlenecksOptions extends Query {
  /** Default 10. */
  top?: number;
}
export interface OverdueOptions extends Query {
  /** Default `"2d"`. */
  dueSoonWithin?: DurationInput;
  /** Treat every copy as closed at its last event (historical logs). */
  assumeClosed?: boolean;
  /** At most this many entries in each of `late`, `overdue` and `dueSoon`: the first of its
   *  order (a page showing the most overdue of a province's ten thousand). The full lengths are
   *  then in `totals`; every other count is of all. Default: whole lists. */
  limit?: number;
}
/** The period is the query's `[from, to)`. */
export type DocFormat = "electronic" | "paper";
export type Channel = "axis" | "province" | "paper";
export type EgovBy = "unit" | "level" | "month";

export interface EgovOptions extends Query {
  /** Rows per unit (default), level or month. */
  by?: EgovBy;
}

/** Handovers per channel. */
export interface ChannelCounts {
  axis: number;
  province: number;
  paper: number;
  other: number;
  unknown: number;
}

/** Median transit (calendar ms) per channel; null when none of that channel arrived. */
export interface ChannelMedians {
  axis: number | null;
  province: number | null;
  paper: number | null;
  other: number | null;
  unknown: number | null;
}

export interface PaperSender {
  unit: string;
  name: string | null;
  count: number;
}

/** One row of the e-government indicators (or the total). */
export interface EgovRow {
  /** Unit id, level, month (`"2026-03"`), or `"total"`. */
  key: string;
  name: string | null;
  level: Level | null;
  /** Documents issued or received in the group. */
  documents: number;
  electronic: number;
  paper: number;
  formatUnknown: number;
  signed: number;
  unsigned: number;
  signedUnknown: number;
  /** electronic / (electronic + paper); 0 when both are 0. */
  electronicShare: number;
  /** signed / (signed + unsigned); 0 when both are 0. */
  signedShare: number;
  /** Handovers sent from the group. */
  handovers: ChannelCounts;
  transitMedianMs: ChannelMedians;
  /** Units of the group that sent on paper, most first. */
  paperSenders: PaperSender[];
}

export interface Egov {
  by: EgovBy;
  rows: EgovRow[];
  total: EgovRow;
}

export interface ReportOptions extends Query {
  /** Rows per unit (default) or per level. */
  by?: ReportBy;
  /** "Due soon" at the end of the period: due within this of as-of. Default `"2d"`. */
  dueSoonWithin?: DurationInput;
}
export interface TimelineOptions extends Query {
  /** Default `"week"`. */
  bucket?: Bucket;
}

/** Exact statistics of a set of durations (milliseconds). */
export interface Stats {
  count: number;
  meanMs: number;
  medianMs: number;
  p90Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  sumMs: number;
  stdevMs: number;
}

/** A duration in calendar and in working time. */
export interface Span {
  calendarMs: number;
  workingMs: number;
}

export interface Summary {
  units: number;
  unitsWithoutLevel: number;
  documents: number;
  documentsWithoutEvents: number;
  events: number;
  open: number;
  closed: number;
  late: number;
  overdue: number;
  inTransit: number;
  /** Copies received at units in scope, active in the window (the issuer's outgoing copies
   *  not counted). */
  copies: number;
  /** Of those, open at as-of (held or on their way). */
  copiesOpen: number;
  /** Of those, sent and not arrived yet. */
  copiesInTransit: number;
  /** Of those, finished after their deadline. */
  copiesLate: number;
  /** Of those, open and past their deadline at as-of. */
  copiesOverdue: number;
  leadTime: Stats;
  leadTimeWorking: Stats;
  asOf: Instant;
  firstEvent: Instant | null;
  lastEvent: Instant | null;
}

export interface DfgArc {
  from: string;
  to: string;
  count: number;
  meanMs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  sumMs: number;
  stdevMs: number;
  /** The arc's times in working time, when asked for (`working: true`). */
  working?: DfgWorking;
}

export interface DfgWorking {
  meanMs: number;
  medianMs: number;
  sumMs: number;
}

export interface FlowNode {
  id: string;
  name: string | null;
  level: Level | null;
  parent: string | null;
  visits: number;
  /** Received copies held now. */
  wip: number;
  /** Of the copies held, those past their due time. */
  overdue: number;
  /** Copies sent to this unit and not yet arrived. */
  incoming: number;
}

export interface FlowEdge {
  from: string;
  to: string;
  /** Handovers: copies sent along this edge (arrived or not). */
  count: number;
  /** Of those, not arrived yet (no transit time yet). */
  inTransit: number;
  direction: Direction;
  /** Transit times of the handovers that arrived. */
  transit: Stats;
  transitWorking: Stats;
}

export interface DirectionFlow {
  direction: Direction;
  count: number;
  transit: Stats;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** `levelMatrix[from][to]`: handovers, levels indexed central = 0 … commune = 3. */
  levelMatrix: [
    [number, number, number, number],
    [number, number, number, number],
    [number, number, number, number],
    [number, number, number, number],
  ];
  directions: DirectionFlow[];
  handovers: number;
}

export interface Split {
  waiting: Stats;
  handling: Stats;
  waitingWorking: Stats;
  handlingWorking: Stats;
}

export interface ProcessingGroup {
  /** Document id, unit id, level, type, urgency, `from→to` for an edge, or `document@unit`
   *  for a copy (`#2`, … added for a unit's later copies of the same document). */
  key: string;
  label: string | null;
  level: Level | null;
  /** For `edge`. */
  from?: string;
  /** For `edge`. */
  to?: string;
  /** For `copy`: the document id. */
  document?: string;
  /** For `copy`: the unit id. */
  unit?: string;
  calendar: Stats;
  working: Stats;
  split: Split | null;
}

export interface ProcessingTimes {
  by: GroupBy;
  overall: Stats;
  overallWorking: Stats;
  groups: ProcessingGroup[];
}

export interface UnitBottleneck {
  rank: number;
  unit: string;
  name: string | null;
  level: Level | null;
  /** Excess hold time, working time (the ranking key):
   *  `totalSojournWorkingMs − visits × peerMeanWorkingMs` (at least 0). */
  scoreMs: number;
  /** The same in calendar time. */
  scoreCalendarMs: number;
  visits: number;
  totalSojournMs: number;
  medianSojournMs: number;
  meanSojournMs: number;
  /** Median sojourn of all visits at units of the same level. */
  peerMedianMs: number;
  /** Mean sojourn of those visits. */
  peerMeanMs: number;
  totalSojournWorkingMs: number;
  medianSojournWorkingMs: number;
  meanSojournWorkingMs: number;
  peerMedianWorkingMs: number;
  peerMeanWorkingMs: number;
  wip: number;
  arrivals: number;
  departures: number;
  backlogGrowth: number;
  overdueHeld: number;
  /** 0..1 */
  overdueShare: number;
  throughputPerDay: number;
  littleWip: number;
  littleRatio: number;
  /** One line, in the tracker's locale. */
  reason: string;
}

export interface EdgeBottleneck {
  rank: number;
  from: string;
  to: string;
  fromName: string | null;
  toName: string | null;
  /** Excess transit time, working time (the ranking key). */
  scoreMs: number;
  count: number;
  transit: Stats;
  transitWorking: Stats;
  overallMedianMs: number;
  overallMedianWorkingMs: number;
  /** Handovers slower than ten times the overall working median (and at least a working hour). */
  delayed: number;
  reason: string;
}

export interface Bottlenecks {
  units: UnitBottleneck[];
  edges: EdgeBottleneck[];
  overdueTotal: number;
  windowDays: number;
}

/** One late, overdue or due-soon copy (a document at one unit). */
export interface OverdueEntry {
  /** The document id. */
  id: string;
  /** The unit of the copy (where it was sent, or first seen). */
  unit: string;
  unitName: string | null;
  unitLevel: Level | null;
  number: string | null;
  type: string | null;
  urgency: Urgency;
  subject: string | null;
  due: Instant;
  holder: string | null;
  holderName: string | null;
  holderLevel: Level | null;
  inTransitTo: string | null;
  closedAt: Instant | null;
  lateness: Span;
  /** Lateness in whole working days, a started day counting as one (trễ N ngày làm việc). */
  latenessWorkingDays: number;
  remaining: Span;
  slowestUnit: string | null;
  slowestUnitMs: number;
}

export interface UnitOverdue {
  unit: string;
  name: string | null;
  level: Level | null;
  overdue: number;
  dueSoon: number;
  late: number;
}

export interface LevelOverdue {
  /** A level, or `"unknown"`. */
  level: Level | "unknown";
  overdue: number;
  dueSoon: number;
  late: number;
}

export interface OverdueReport {
  asOf: Instant;
  late: OverdueEntry[];
  overdue: OverdueEntry[];
  dueSoon: OverdueEntry[];
  onTime: number;
  openInTime: number;
  withoutDue: number;
  inTransit: number;
  byUnit: UnitOverdue[];
  byLevel: LevelOverdue[];
  /** With a `limit`: the full lengths of the three lists. */
  totals?: OverdueTotals;
}

/** The full lengths of the lists of an `OverdueReport` cut at a `limit`. */
export interface OverdueTotals {
  late: number;
  overdue: number;
  dueSoon: number;
}

/** One row of the period report: a unit or level, or the total. Finished and open counts add
 *  up to `toHandle = carriedOver + received`. */
export interface ReportRow {
  /** Unit id, or level (`unknown` for units without one), or `total`. */
  key: string;
  /** Unit name, or the level's Vietnamese name. */
  name: string | null;
  level: Level | null;
  /** Open at `from` (tồn kỳ trước). */
  carriedOver: number;
  /** Opened at the unit in the period (tiếp nhận trong kỳ). */
  received: number;
  /** `carriedOver + received` (cần xử lý). */
  toHandle: number;
  /** Finished in the period before the due day (trước hạn). */
  doneEarly: number;
  /** Finished in the period on the due day, in time (đúng hạn). */
  doneOnTime: number;
  /** Finished in the period after the due time (trễ hạn). */
  doneLate: number;
  /** Finished in the period, no deadline. */
  doneNoDue: number;
  /** Open at the end, within the deadline and not due soon. */
  openWithinDue: number;
  /** Open at the end, due soon (sắp đến hạn). */
  openDueSoon: number;
  /** Open at the end, past due (quá hạn). */
  openOverdue: number;
  /** Open at the end, no deadline. */
  openNoDue: number;
  /** `1 − lateRate` (a fraction); 0 when no copy to handle has a deadline. */
  onTimeRate: number;
  /** `(doneLate + openOverdue) / (copies to handle with a deadline)`; 0 when none has one. */
  lateRate: number;
  /** Median handling time (first event → finish) of the copies finished in the period,
   *  working time. */
  medianWorkingMs: number;
  /** The same, calendar time. */
  medianMs: number;
  /** Copies behind the medians. */
  finished: number;
}

/** The period report (báo cáo tình hình giải quyết văn bản). */
export interface PeriodReport {
  /** Period start (inclusive). */
  from: Instant;
  /** Period end (exclusive). */
  to: Instant;
  /** When open copies are judged: `to`, or the last event when the data ends earlier. */
  asOf: Instant;
  by: ReportBy;
  /** Units (top level first, then by id) or levels with at least one copy to handle. */
  rows: ReportRow[];
  total: ReportRow;
}

export interface TimelinePoint {
  start: Instant;
  /** `2026-02-16` (day, or the Monday of a week) or `2026-02` (month). */
  label: string;
  arrivals: number;
  completions: number;
  backlog: number;
  overdue: number;
}

export interface MemoryReport {
  events: number;
  /** Bytes of the event columns (their capacity). */
  eventBytes: number;
  /** Bytes of the unit and document tables and the interned strings. */
  tableBytes: number;
  /** Everything this tracker's store holds. */
  totalBytes: number;
  bytesPerEvent: number;
  /** Bytes held by the whole WebAssembly module (every tracker, importer and buffer). */
  moduleBytes: number;
  /** Size of the WebAssembly memory (it grows and never shrinks). */
  wasmMemoryBytes: number;
  /** The ceiling loads are checked against: 4 GiB, or the tracker's `memoryLimit`. */
  limitBytes: number;
  /** Bytes a load may still take under that ceiling. */
  headroomBytes: number;
  /** About how many more events one `addEventColumns` call could load now (a JSON or CSV load
   *  also needs room for its text). */
  eventsLeft: number;
}

export interface Counts {
  units: number;
  documents: number;
  events: number;
}

export type ErrorCode =
  | "BAD_OPTION"
  | "BAD_QUERY"
  | "UNKNOWN_UNIT"
  | "BAD_INPUT"
  | "OUT_OF_MEMORY"
  | "FREED"
  | "INTERNAL";

/** Every error the package throws. */
export declare class LienthongError extends Error {
  readonly name: "LienthongError";
  readonly code: ErrorCode;
  /** The option, query or input field at fault, where known. */
  readonly field?: string;
  /** 1-based line of the input text, where known. */
  readonly line?: number;
}

/** The Vietnamese working calendar (SPEC §4): weekends, the Labour Code holidays with Tết and
 *  Giỗ Tổ from the lunar calendar, the announced schedules, office hours. Arguments of the
 *  questions throw `BAD_QUERY`, of the constructor and `add…` `BAD_OPTION`. Text without an
 *  offset is Vietnam time. */
export declare class Calendar {
  constructor(options?: CalendarOptions);
  isWorkingDay(date: DateInput): boolean;
  /** Tết Nguyên Đán: `lunarNewYear(2026)` is `"2026-02-17"`. Years 1900–2100. */
  lunarNewYear(year: number): string;
  /** The weekdays off of a year, in order. */
  daysOff(year: number): DayOff[];
  /** Working milliseconds from `a` to `b` (negative when `b` is earlier). */
  workingMsBetween(a: TimeInput, b: TimeInput): number;
  /** The instant (epoch ms) when `duration` of working time has passed since `at`. */
  addWorking(at: TimeInput, duration: DurationInput): Instant;
  addSchedule(schedule: Schedule): void;
  addDayOff(date: DateInput, name?: string): void;
  addWorkingDay(date: DateInput): void;
  /** `"07:30-11:30,13:30-17:00"`. */
  readonly hours: string;
  /** Working milliseconds of one working day (27 000 000 by default). */
  readonly workingDayMs: number;
  /** `new Calendar(cal.toJSON())` is an equal calendar. */
  toJSON(): CalendarSpec;
  free(): void;
}


/** Units, documents and events of one portal, and the analyses over them. */
export declare class Tracker {
  constructor(options?: TrackerOptions);
  addUnits(units: UnitInput[]): IngestReport;
  addDocuments(documents: DocumentInput[]): IngestReport;
  addEvents(events: EventInput[]): IngestReport;
  /** The text of a JSON array of units. */
  addUnitsJson(text: string): IngestReport;
  /** The text of a JSON array of documents. */
  addDocumentsJson(text: string): IngestReport;
  /** The text of a JSON array of events: one call, no JS object per event. */
  addEventsJson(text: string): IngestReport;
  /** Events as typed-array columns: the fastest way in. */
  addEventColumns(columns: EventColumns): IngestReport;
  /** A whole CSV file. Throws `LienthongError` (`BAD_INPUT`, with `line` and `field`) for input
   *  that cannot be read at all (no header line, a needed column missing, a quote left open,
   *  a field over 1 MiB); rows read before the fault stay loaded. */
  importCsv(input: ImportInput, mapping?: CsvMapping | null, options?: ImportOptions | null): IngestReport;
  /** A streaming importer loading into this tracker. */
  importer(kind: "csv", mapping?: CsvMapping | null, options?: ImportOptions | null): Importer;
  summary(query?: Query): Summary;
  directlyFollows(options?: DirectlyFollowsOptions): DfgArc[];
  flow(query?: Query): FlowGraph;
  processingTimes(options?: ProcessingTimesOptions): ProcessingTimes;
  bottlenecks(options?: BottlenecksOptions): Bottlenecks;
  overdue(options?: OverdueOptions): OverdueReport;
  /** Buckets from the window's start (or the first copy received) to as-of, at most 20 000 of
   *  them: a longer span keeps the latest 20 000 (the first label says where it starts). */
  timeline(options?: TimelineOptions): TimelinePoint[];
  /** The period report over `[from, to)`, per unit or level, with a total row. */
  report(options?: ReportOptions): PeriodReport;
  /** E-government indicators: electronic and signed documents, handovers per channel. */
  egov(options?: EgovOptions): Egov;
  /** Bytes held, and how close the page is to the 4 GiB WebAssembly ceiling. */
  memory(): MemoryReport;
  counts(): Counts;
  /** Throws `LienthongError` when `query` is malformed or names an unknown unit. */
  checkQuery(query?: Query): void;
  /** Releases the WebAssembly memory of this tracker; it cannot be used afterwards. */
  free(): void;
}

/** The crate version. */
export declare function version(): string;

/** Where the `.wasm` file comes from, for `init()` in browsers without a bundler. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the WebAssembly module. Needed once in a page without a bundler
 *  (`import init from "lienthong/web"`); does nothing in Node and under a bundler, where
 *  the module is ready on import. Safe to call more than once. */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;
