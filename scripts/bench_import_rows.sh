#!/usr/bin/env bash
# Instructions a row of `importCsv` in the npm package's wasm, counted by valgrind (callgrind):
# the steady figure for comparing two builds of the importer on a shared machine, where wall
# times swing by 2x from minute to minute and these counts by about 2 %.
#
#   scripts/bench_import_rows.sh EVENTS.csv [PKG_DIR=pkg] [ROWS=100000]
#
# Node runs with --no-liftoff (every function compiled by TurboFan before it runs: the code a
# warm import runs, without V8's tier-up timing, which valgrind's one-thread-at-a-time
# scheduling would change). The first ROWS rows of the file are imported in one call, then the
# first 30; the difference divided by the rows between is the figure. It is not a time, and
# not comparable with another program's instructions (pandas' C loops, say). Takes 1-2 minutes.
set -euo pipefail
events=$(realpath "$1")
pkg=$(realpath "${2:-$(dirname "$0")/../pkg}")
rows=${3:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -n "$((rows + 1))" "$events" > "$tmp/many.csv"
head -n 31 "$events" > "$tmp/few.csv"
cat > "$tmp/import.mjs" <<JS
import { readFileSync } from "node:fs";
const { Tracker } = await import("$pkg/node/index.mjs");
const r = new Tracker().importCsv(readFileSync(process.argv[2]));
if (r.rejected.length) throw new Error("rows rejected: " + r.rejected.length);
JS
count() {
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null node --no-liftoff "$tmp/import.mjs" "$1" 2>&1 >/dev/null |
    sed -n 's/.*refs: *//p' | tr -d ,
}
many=$(count "$tmp/many.csv")
few=$(count "$tmp/few.csv")
echo "$(( (many - few) / (rows - 30) )) instructions a row ($many for $rows rows, $few for 30; $pkg)"
