// Declarations of saved trackers (the Cargo feature `snapshot` of the JS binding, in the demo
// build): scripts/build-pkg.sh appends them to lienthong.d.ts in a build that has the feature.
// The method merges into the Tracker class, the static one through a namespace.
export interface Tracker {
  /** The loaded log (units, documents, events and their texts) as bytes, for
   *  `Tracker.fromBytes` (a cache in IndexedDB, a file served to pages). The options are not
   *  in it. About 15 bytes an event. */
  toBytes(): Uint8Array;
}
export declare namespace Tracker {
  /** A tracker with the log saved by `toBytes()` (or `lienthong export --format saved`), and
   *  the options of `new Tracker(options)`: the same analyses as the tracker that saved it,
   *  without loading again. Throws `LienthongError` `BAD_INPUT` naming the part at fault
   *  (`field`) for bytes that are not a saved log. */
  function fromBytes(bytes: Uint8Array | ArrayBuffer, options?: TrackerOptions): Tracker;
  /** Reads a saved log (as `fromBytes` does) from pieces pushed as they arrive, each part as
   *  soon as it is whole, so that a page restores while it downloads:
   *  `const r = Tracker.restorer(length); for await (const c of response.body) r.push(c);
   *  const t = r.finish(options);`. `length`: the bytes announced (a `Content-Length`), checked
   *  against the memory at once; more bytes, or fewer at `finish`, are refused. */
  function restorer(length?: number): TrackerRestorer;
}
/** A saved log being restored piece by piece (`Tracker.restorer`). */
export declare class TrackerRestorer {
  private constructor();
  /** The next bytes. Throws `LienthongError` `BAD_INPUT` naming the part at fault (`field`)
   *  as soon as a part is read and wrong; the restorer is then spent. */
  push(chunk: Uint8Array): void;
  /** The tracker, with the options of `new Tracker(options)`, once every byte was pushed. */
  finish(options?: TrackerOptions): Tracker;
  /** Frees the bytes held (a restorer not finished). */
  free(): void;
}
