// Declarations of the exports (the Cargo feature `exports` of the JS
// binding): scripts/build-pkg.sh appends them to lienthong.d.ts in a build that has the
// feature. The methods merge into the Tracker class (declaration merging).
export interface Tracker {
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
