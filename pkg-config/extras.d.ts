// Declarations of the parts of the binding outside the npm package's size budget (Cargo
// features `render`, `xml`, `exports`; all three in the demo build that scripts/demo.sh serves).
// scripts/build-pkg.sh appends them to lienthong.d.ts in a build that has them. The methods
// merge into the Tracker class (declaration merging).
/** The charts `renderSvg` draws (SPEC §6; the flow map has its own method). */
export type ChartKind = "sankey" | "deadlines" | "bottlenecks" | "distribution" | "timeline";

/** Options of `renderSvg`: how to draw, and the query of the analysis behind the chart. */
export interface ChartOptions extends Query {
  /** Width in px. Default 720. */
  width?: number;
  /** Height in px. Default: the chart's natural height (bar charts grow with their rows). */
  height?: number;
  /** Language of the labels. Default: the tracker's locale. */
  locale?: Locale;
  /** Prefix of the ids inside the SVG, so that several charts can share a page. Default
   *  `"lt-chart"`. */
  idPrefix?: string;
  /** Widths of characters in em as the page's font draws them (e.g. from a canvas
   *  `measureText`), one-character keys; default: DejaVu Sans metrics shipped in the package. */
  charWidths?: Record<string, number>;
  /** Most rows (units, groups) a bar chart draws; the rest are counted in a note. Default 30. */
  maxRows?: number;
}
/** `renderSvg("deadlines", …)`: the Vietnamese 2×2 (finished on time / late, unfinished within
 *  the deadline / overdue) of the period report `[from, to)`. */
export interface DeadlineChartOptions extends ChartOptions {
  /** Bars per unit or per level. Default `"unit"`. */
  by?: ReportBy;
  /** Default `"2d"`. */
  dueSoonWithin?: DurationInput;
}
/** `renderSvg("distribution", …)`: box plots of working processing times. */
export interface DistributionChartOptions extends ChartOptions {
  /** A box per unit or per level. Default `"unit"`. */
  by?: ReportBy;
}
/** `renderSvg("bottlenecks", …)`. */
export interface BottleneckChartOptions extends ChartOptions {
  /** Units to rank. Default 10. */
  top?: number;
}
/** `renderSvg("timeline", …)`. */
export interface TimelineChartOptions extends ChartOptions {
  /** Default `"week"`. */
  bucket?: Bucket;
}

/** Options of `renderFlowSvg`: the query plus how to draw (SPEC §6, docs/SEMANTICS.md "Flow map"). */
export interface FlowMapOptions extends Query {
  /** Canvas width in px, 320 to 20000. Default 960. */
  width?: number;
  /** Minimum canvas height in px; the picture grows with its content. Default 0. */
  height?: number;
  /** Language of the labels. Default: the tracker's locale. */
  locale?: "vi" | "en" | string;
  /** Prefix of every id in the SVG (several pictures on one page). Default `"lt-flow"`. */
  idPrefix?: string;
  /** Parent ids (`data-group` of an aggregated node) whose units are drawn one by one. */
  expand?: string | string[];
  /** The selected unit: highlighted (`lt-selected`, `aria-pressed="true"`), never aggregated. */
  selected?: string | null;
  /** Widths of characters in em, as the page measures them (e.g. canvas `measureText` at 1 px
   *  font size): `{ "a": 0.55, "ệ": 0.56 }`. Default: DejaVu Sans metrics shipped with the
   *  renderer. */
  charWidths?: Record<string, number>;
  /** Units drawn before the quiet ones are aggregated per parent. Default 80. */
  maxUnits?: number;
  /** Transit norm of the edge colours (working time, e.g. `"4h"`). Default: the median transit. */
  norm?: DurationInput;
}

/** Which XES attribute fills each field: an event attribute, or (`case:NAME`) a trace
 *  attribute; a name without `case:` is looked up on the event, then on its trace. Defaults:
 *  document `case:concept:name`, action `concept:name`, at `time:timestamp`, unit `org:group`
 *  else `org:resource`, due `deadline`. */
export interface XesMapping extends CsvMapping {}

export interface Tracker {
  /** edXML (QCVN 102:2016) document packages and status messages: one message, several
   *  concatenated, or a list element holding them; text, or bytes such as
   *  `new Uint8Array(await file.arrayBuffer())`. A package becomes a `sent` to every recipient
   *  and its trace's arrivals; a status message becomes its action (01 `arrived` … 16
   *  `recall-refused`). Rejections and warnings name the element (`From`, `Code`,
   *  `Timestamp`, …) and its `line`. Throws `LienthongError` `BAD_INPUT` (with `line`) for input
   *  that is not edXML at all, or a message over 16 MiB outside its attachments. */
  importEdxml(input: string | Uint8Array): IngestReport;
  /** Loads an XES log (IEEE 1849): `.xes` text or bytes, `.xes.gz` bytes; one event per
   *  `<event>`. Throws `LienthongError` (`BAD_INPUT`, with `line`) for input that cannot be
   *  read; the events read before stay loaded. */
  importXes(input: ImportInput, mapping?: XesMapping | null): IngestReport;
  /** A streaming XES importer loading into this tracker (plain or gzip bytes). */
  importer(kind: "xes", mapping?: XesMapping | null): Importer;
  /** A streaming edXML importer. */
  importer(kind: "edxml"): Importer;
  /** The flow map as an SVG string: units carry `data-unit`, aggregated groups `data-group`
   *  (pass it in `expand`); theme it with `lienthong/lienthong.css`. */
  renderFlowSvg(options?: FlowMapOptions): string;
  /** A chart as an SVG string: escaped labels, `<title>` tooltips with the exact figures,
   *  focusable unit marks (`data-unit`, `tabindex="0"`, `role="button"`), themed by the
   *  `--lt-…` custom properties of `lienthong/lienthong.css`. */
  renderSvg(kind: "sankey", options?: ChartOptions): string;
  renderSvg(kind: "deadlines", options?: DeadlineChartOptions): string;
  renderSvg(kind: "bottlenecks", options?: BottleneckChartOptions): string;
  renderSvg(kind: "distribution", options?: DistributionChartOptions): string;
  renderSvg(kind: "timeline", options?: TimelineChartOptions): string;
  /** The whole log as CSV, one row per event with its document's fields:
   *  `doc,unit,action,at,to,due,actor,note,channel,type,urgency,number,subject,issuer,signed,format`
   *  (`due`: a `sent`'s deadline for its recipients, on other rows the document's). */
  exportCsv(): string;
  /** The whole log as XES (IEEE 1849-2016): a trace per document, an event per event. */
  exportXes(): string;
  /** An analysis result as a CSV table: the columns of its JSON, nested fields joined with
   *  dots (`leadTime.medianMs`); `options` are the analysis's. */
  analysisCsv(name: "summary" | "flowNodes" | "flowEdges", options?: Query): string;
  analysisCsv(name: "directlyFollows", options?: DirectlyFollowsOptions): string;
  analysisCsv(name: "processingTimes", options?: ProcessingTimesOptions): string;
  analysisCsv(name: "bottleneckUnits" | "bottleneckEdges", options?: BottlenecksOptions): string;
  analysisCsv(name: "overdue", options?: OverdueOptions): string;
  analysisCsv(name: "report", options?: ReportOptions): string;
  analysisCsv(name: "timeline", options?: TimelineOptions): string;
  analysisCsv(name: "egov", options?: EgovOptions): string;
}
