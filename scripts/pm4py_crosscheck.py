#!/usr/bin/env python3
"""Cross-check lienthong's directly-follows graph against PM4Py on the same generated log.

Usage: pm4py_crosscheck.py EVENTS.csv LIENTHONG_DFG.json KEY
Reads the events CSV (doc,unit,action,at[,…]) with pandas, computes PM4Py's frequency and
performance DFG (case = doc, activity = KEY column, timestamp = at), and compares every arc's
count, mean, median, min, max, sum and stdev with lienthong's output. Exits 1 on any difference.
"""
import json
import math
import sys
import warnings

warnings.filterwarnings("ignore")
import pandas as pd  # noqa: E402
import pm4py  # noqa: E402
from pm4py.algo.discovery.dfg.adapters.pandas import df_statistics  # noqa: E402


def main():
    events_csv, ours_json, key = sys.argv[1], sys.argv[2], sys.argv[3]
    df = pd.read_csv(events_csv, dtype=str, keep_default_na=False)
    df["at"] = pd.to_datetime(df["at"], utc=True, format="ISO8601")
    if key == "level":
        raise SystemExit("level key needs the units table; compare unit and action")
    df = pm4py.format_dataframe(df, case_id="doc", activity_key=key, timestamp_key="at")
    # PM4Py sorts by case and timestamp; a stable sort keeps ties in file order, as lienthong does.
    freq, perf = df_statistics.get_dfg_graph(
        df, measure="both", activity_key="concept:name", case_id_glue="case:concept:name",
        timestamp_key="time:timestamp", perf_aggregation_key="all", sort_caseid_required=True,
        sort_timestamp_along_case_id=True,
    )
    ours = {(a["from"], a["to"]): a for a in json.load(open(ours_json))}
    problems = []
    if set(ours) != set(freq):
        problems.append(f"arc sets differ: only lienthong {sorted(set(ours) - set(freq))[:5]}, "
                        f"only PM4Py {sorted(set(freq) - set(ours))[:5]}")
    compared = 0
    for arc, count in freq.items():
        a = ours.get(arc)
        if a is None:
            continue
        p = perf[arc]
        checks = [("count", a["count"], count)]
        for ours_key, pm_key in [("meanMs", "mean"), ("medianMs", "median"), ("minMs", "min"),
                                 ("maxMs", "max"), ("sumMs", "sum"), ("stdevMs", "stdev")]:
            theirs = p[pm_key]
            if pm_key == "stdev" and (theirs is None or (isinstance(theirs, float) and math.isnan(theirs))):
                theirs = 0.0  # pandas: NaN for one value; lienthong: 0
            checks.append((ours_key, a[ours_key] / 1000.0, float(theirs)))
        for name, x, y in checks:
            if not math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-6):
                problems.append(f"{arc} {name}: lienthong {x} PM4Py {y}")
        compared += 1
    pairs = sum(freq.values())
    if problems:
        print(f"MISMATCH on key={key}: {len(problems)} differences")
        for p in problems[:20]:
            print("  " + p)
        sys.exit(1)
    print(f"pm4py {pm4py.__version__}: key={key}: {compared} arcs, {pairs} directly-follows pairs, "
          f"{len(df)} events, {df['case:concept:name'].nunique()} documents: count, mean, median, min, max, sum, "
          f"stdev all equal")


if __name__ == "__main__":
    main()
