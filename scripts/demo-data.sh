#!/usr/bin/env bash
# Sample files for the embedding page (www/embed.html) and the dashboard tests, in www/data/:
# a generated province as CSV (events.csv), XES (events.xes) and its unit list (units.json);
# the dashboard's default provinces (seed 2025, a slow and a paper unit, each size of its
# menu) generated here and saved as stores (province-N.lts, listed in saved.json with their
# ground truth), which the page restores with Tracker.fromBytes instead of generating them in
# the browser; and the embedding page's Vite app, built against www/pkg (run after the demo
# build).
set -euo pipefail
cd "$(dirname "$0")/.."
out=www/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
lt() { cargo run --quiet --release --bin lienthong -- "$@"; }
lt generate --out "$tmp/csv" --events 20000 --seed 7 --slow-unit --format csv > /dev/null
lt generate --out "$tmp/xes" --events 20000 --seed 7 --slow-unit --format xes > /dev/null
cp "$tmp/csv/events.csv" "$out/events.csv"
cp "$tmp/xes/log.xes" "$out/events.xes"
python3 - "$tmp/csv/units.csv" "$out/units.json" <<'PY'
import csv, json, sys
rows = [{k: v for k, v in r.items() if v} for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]
json.dump(rows, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
echo $(( $(wc -l < "$out/events.csv") - 1 )) > "$out/events.count"
for n in 10000 50000 200000 1000000; do
  lt generate --out "$tmp/p$n" --events "$n" --seed 2025 --slow-unit --paper-unit --format saved > /dev/null 2>&1
  cp "$tmp/p$n/log.lts" "$out/province-$n.lts"
done
python3 - "$tmp" "$out/saved.json" <<'PY'
import json, sys
tmp, path = sys.argv[1], sys.argv[2]
provinces = {n: {"file": f"province-{n}.lts", "truth": json.load(open(f"{tmp}/p{n}/truth.json"))}
             for n in ["10000", "50000", "200000", "1000000"]}
json.dump({"seed": "2025", "problems": ["slow-unit", "paper-unit"], "provinces": provinces}, open(path, "w"))
PY
node node_modules/vite/bin/vite.js build --config www/embed/vite-app/vite.config.mjs
echo "demo-data: $(cat "$out/events.count") events in $out"
