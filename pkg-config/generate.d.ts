// Declarations of the demo build only (`PKG_FEATURES=demo scripts/build-pkg.sh`, what
// scripts/demo.sh serves): the in-browser generator. scripts/build-pkg.sh appends them to
// lienthong.d.ts in that build; the npm package does not ship the generator.
/** A problem injected on purpose by the generator. */
export type GeneratorProblem =
  | { kind: "slow-unit"; /** Default: a busy provincial department. */ unit?: string; /** Default 4. */ factor?: number }
  | {
      kind: "flaky-edge";
      from?: string;
      to?: string;
      /** Probability that an arrival on the edge is delayed. Default 0.3. */
      probability?: number;
      /** Typical delay in working hours. Default 24. */
      delayHours?: number;
    }
  | { kind: "paper-unit"; /** Default: a district. The unit sends its documents on paper. */ unit?: string };

export interface GenerateOptions {
  /** Target number of events, 100 to 10 000 000 (±10 %). Default 10 000. */
  events?: number;
  /** Seed; a random one when omitted (the one used is returned). */
  seed?: number | bigint | string;
  /** First document. Default 2025-01-06T07:30+07:00. */
  start?: TimeInput;
  /** Days over which documents are created; 0 derives it from `events`. */
  days?: number;
  /** Default `"four-level"`. `"reform"` dissolves districts on 1 July 2025. */
  structure?: "four-level" | "three-level" | "reform";
  districts?: number;
  communesPerDistrict?: number;
  departments?: number;
  problems?: GeneratorProblem[];
  /** Share of documents still open at the end. Default 0.1. */
  openShare?: number;
  /** Share of directives sent at once to many recipients (every district or commune, every
   * department), each handling its own copy. Default 0.3; 0 gives single-route documents. */
  fanOut?: number;
  /** Options of the returned tracker. */
  tracker?: TrackerOptions;
}

/** What the generator injected, so that a page or a test knows the answer. */
export interface GroundTruth {
  slowUnits: string[];
  slowFactors: number[];
  flakyEdges: [string, string][];
  /** The end of the log. */
  asOf: Instant;
  documents: number;
  /** Documents with at least one unfinished copy. */
  openDocuments: number;
  overdueDocuments: number;
  /** Copies still open at the end, and those of them past due. */
  openCopies: number;
  overdueCopies: number;
  /** Targets of the `sent` events kept: copies opened by a send. */
  copiesOpenedBySent: number;
  /** Documents with a `sent` naming two or more targets. */
  fanOutDocuments: number;
  /** `recalled` events kept. */
  recalls: number;
  /** Units injected as still sending on paper. */
  paperUnits: string[];
  electronicDocuments: number;
  signedDocuments: number;
  /** Handovers (targets of kept `sent` events) per channel. */
  axisHandovers: number;
  provinceHandovers: number;
  paperHandovers: number;
  cutover: Instant | null;
  units: number;
  events: number;
}

export interface Generated {
  tracker: Tracker;
  /** The seed used, as a decimal string (seeds are 64-bit). */
  seed: string;
  truth: GroundTruth;
  report: IngestReport;
}

/** Generates a province (deterministic for a seed) and loads it into a new Tracker. */
export declare function generate(options?: GenerateOptions): Generated;
