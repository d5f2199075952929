// The demo build's declarations (www/pkg/lienthong.d.ts: the package's, plus generate() and the
// saved trackers) under tsc --strict; type-checked only (scripts/test.sh), the calls run in
// tests/js/demo-build.test.mjs.
import { generate, Tracker } from "../../../www/pkg/lienthong.js";

const g = generate({ events: 1000, seed: "7" });
const bytes: Uint8Array = g.tracker.toBytes();
const restored: Tracker = Tracker.fromBytes(bytes, { locale: "en", timeZone: "+07:00" });
const fromBuffer: Tracker = Tracker.fromBytes(bytes.slice().buffer);
const documents: number = restored.summary().documents + fromBuffer.summary().documents;
console.log(documents, g.truth.events);
