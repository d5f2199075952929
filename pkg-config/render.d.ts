// Declarations of the SVG renderers (the Cargo feature `render` of the JS
// binding): scripts/build-pkg.sh appends them to lienthong.d.ts in a build that has the
// feature. The methods merge into the Tracker class (declaration merging).
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

export interface Tracker {
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
}
