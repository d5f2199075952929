#!/usr/bin/env python3
"""PM4Py side of the import-and-analyse benchmark (BENCHMARKS.md, "Import and analyses against
PM4Py"): the same work lienthong does in tests/js/bench-node.mjs (and bench-import.mjs), on the
same CSV file.

  python3 scripts/bench_pm4py.py EVENTS.csv DOCUMENTS.csv

Steps, timed together (file read included): read the events CSV with pandas and parse times;
directly-follows graph with times (count and mean per arc) on unit and on action; processing
time per unit (time from an event to the next event of the same document, grouped by the unit
of the first: the sojourn lienthong's `processingTimes({by: "unit"})` reports); documents
finished after their due date. Prints one JSON line: the wall times, and `cpu_s`, the process's
CPU time over the same span (every thread), which tests/js/bench-node.mjs reports as "CPU"."""
import json
import sys
import time

import pandas as pd
import pm4py

events_csv, documents_csv = sys.argv[1], sys.argv[2]
c0 = time.process_time()
t0 = time.perf_counter()
df = pd.read_csv(events_csv, dtype=str, keep_default_na=False)
df["at"] = pd.to_datetime(df["at"], utc=True, format="ISO8601")
df = pm4py.format_dataframe(df, case_id="doc", activity_key="action", timestamp_key="at")
t_read = time.perf_counter()
perf_unit = pm4py.discover_performance_dfg(df, activity_key="unit")
perf_action = pm4py.discover_performance_dfg(df, activity_key="action")
t_dfg = time.perf_counter()
d = df.sort_values(["case:concept:name", "time:timestamp"], kind="stable")
nxt = d.groupby("case:concept:name")["time:timestamp"].shift(-1)
soj = (nxt - d["time:timestamp"]).dt.total_seconds()
by_unit = soj.groupby(d["unit"]).agg(["count", "mean", "median"])
t_pt = time.perf_counter()
docs = pd.read_csv(documents_csv, dtype=str, keep_default_na=False)
due_ms = pd.Series(pd.to_numeric(docs["due"], errors="coerce").values, index=docs["id"])
last = d.groupby("case:concept:name")["time:timestamp"].max()
last_ms = (last - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(milliseconds=1)
late = int((last_ms > due_ms.reindex(last.index)).sum())
t_late = time.perf_counter()
cpu = time.process_time() - c0
print(json.dumps({
    "events": int(len(df)),
    "documents": int(df["case:concept:name"].nunique()),
    "read_s": round(t_read - t0, 3),
    "dfg_s": round(t_dfg - t_read, 3),
    "processing_s": round(t_pt - t_dfg, 3),
    "late_s": round(t_late - t_pt, 3),
    "total_s": round(t_late - t0, 3),
    "cpu_s": round(cpu, 3),
    "arcs_unit": len(perf_unit[0]) if isinstance(perf_unit, tuple) else len(perf_unit),
    "units": int(len(by_unit)),
    "late": late,
}))
