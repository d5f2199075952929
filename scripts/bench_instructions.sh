#!/usr/bin/env bash
# Instructions executed for the CSV benchmark's end-to-end work, lienthong (the npm package in
# pkg/, wasm under Node) against PM4Py (scripts/bench_pm4py.py), counted by valgrind
# (callgrind). Wall and CPU times on a shared 2-core machine swing by 2x from minute to minute
# for both; the instruction counts do not (within about 2 %), so their ratio is the steady
# figure beside the timed rounds of BENCHMARKS.md. It is not a time ratio: an instruction of
# pandas' C loops and one of V8's wasm code do not take the same time.
#
#   scripts/bench_instructions.sh EVENTS.csv DOCUMENTS.csv
#
# Each side is counted twice: the work (Node: the file streamed into importer("csv"), the four
# analyses, one run; Python: the whole script), and a baseline that only starts the process and
# loads the libraries (BASELINE=1; `import pandas, pm4py`). The difference is the work. Every
# thread is counted (V8's compiler threads too). Takes 10-20 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
events=$1
documents=$2
count() {
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*refs: *//p' | tr -d ,
}
node_work=$(WAYS=streamed NO_OBJECTS=1 count node tests/js/bench-node.mjs "$events" 1)
node_base=$(BASELINE=1 count node tests/js/bench-node.mjs "$events" 1)
py_work=$(count python3 scripts/bench_pm4py.py "$events" "$documents")
py_base=$(count python3 -c "import pandas, pm4py")
lt=$((node_work - node_base))
pm=$((py_work - py_base))
echo "lienthong (wasm, Node): $node_work - $node_base = $lt instructions"
echo "PM4Py:                  $py_work - $py_base = $pm instructions"
awk -v a="$pm" -v b="$lt" 'BEGIN { printf "PM4Py executes %.1fx the instructions of lienthong\n", a / b }'
