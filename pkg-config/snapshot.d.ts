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
}
