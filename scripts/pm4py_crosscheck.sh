#!/usr/bin/env bash
# Cross-checks lienthong's directly-follows graph against PM4Py on a generated log, and PM4Py reads
# its XES export back.
# Installs pm4py from PyPI if missing (a test tool only: it is never shipped or linked).
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${EVENTS:-20000}
python3 -c "import pm4py" 2>/dev/null || python3 -m pip install --quiet pm4py
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo run --quiet --release --bin lienthong -- generate --out "$dir" --events "$EVENTS" --seed 11 --slow-unit --flaky-edge
for key in unit action; do
  cargo run --quiet --release --bin lienthong -- dfg "$dir/events.csv" --key "$key" > "$dir/dfg-$key.json"
  python3 scripts/pm4py_crosscheck.py "$dir/events.csv" "$dir/dfg-$key.json" "$key"
done
# The XES export of the same log, read by PM4Py's XES reader: same cases, events and DFGs.
cargo run --quiet --release --bin lienthong -- generate --out "$dir/xes" --events "$EVENTS" --seed 11 --slow-unit --flaky-edge --format xes
python3 scripts/pm4py_xes_check.py "$dir/events.csv" "$dir/xes/log.xes"
