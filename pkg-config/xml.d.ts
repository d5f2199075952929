// Declarations of the XES and edXML importers (the Cargo feature `xml` of the JS
// binding): scripts/build-pkg.sh appends them to lienthong.d.ts in a build that has the
// feature. The methods merge into the Tracker class (declaration merging).
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
}
