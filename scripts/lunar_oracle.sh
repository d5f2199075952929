#!/usr/bin/env bash
# Compares lienthong's lunar calendar, day by day 1900-01-31..2100-12-31, with an independent
# MIT-licensed package (PyPI lunar-vn, installed by scripts/setup.sh; a test tool only, never
# shipped or linked). Prints a one-line summary; exits non-zero on an unexplained disagreement.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import lunar_vn" 2>/dev/null || { echo "lunar_oracle: lunar-vn missing (run scripts/setup.sh)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 scripts/lunar_oracle.py > "$dir/oracle.txt"
LUNAR_ORACLE="$dir/oracle.txt" cargo test --quiet --release --test lunar oracle_day_by_day_1900_2100 -- --nocapture
