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

# XES: a generated log written as XES (tests/support/xes_writer.rs) is read by PM4Py
# (pm4py.read_xes) and by lienthong's XES importer (the ignored runner test of
# tests/import_xes.rs, until the CLI reads XES); event and case counts and every arc agree.
XES_WRITE="$dir/events.xes" EVENTS="$EVENTS" SEED=11 \
  cargo test --quiet --release --test import_xes -- --ignored xes_crosscheck_runner > /dev/null
for key in unit action; do
  XES_DFG="$dir/events.xes" KEY="$key" OUT="$dir/xes-dfg-$key.json" \
    cargo test --quiet --release --test import_xes -- --ignored --nocapture xes_crosscheck_runner 2> "$dir/xes-counts-$key.txt" > /dev/null
  python3 scripts/pm4py_crosscheck.py --xes "$dir/events.xes" "$dir/xes-dfg-$key.json" "$key" \
    "$(grep -o 'events [0-9]* cases [0-9]*' "$dir/xes-counts-$key.txt")"
done
# The XES export of the same log, read by PM4Py's XES reader: same cases, events and DFGs.
cargo run --quiet --release --bin lienthong -- generate --out "$dir/xes" --events "$EVENTS" --seed 11 --slow-unit --flaky-edge --format xes
python3 scripts/pm4py_xes_check.py "$dir/events.csv" "$dir/xes/log.xes"
