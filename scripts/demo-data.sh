#!/usr/bin/env bash
# Sample files for the embedding page (www/embed.html) and the dashboard tests, in www/data/:
# a generated province as CSV (events.csv), XES (events.xes) and its unit list (units.json);
# and the embedding page's Vite app, built against www/pkg (run after the demo build).
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
node node_modules/vite/bin/vite.js build --config www/embed/vite-app/vite.config.mjs
echo "demo-data: $(cat "$out/events.count") events in $out"
