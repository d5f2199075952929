#!/usr/bin/env python3
"""Cross-check lienthong's directly-follows graph against PM4Py on the same generated log.

Usage: pm4py_crosscheck.py EVENTS.csv LIENTHONG_DFG.json KEY
       pm4py_crosscheck.py --xes EVENTS.xes LIENTHONG_DFG.json KEY "events N cases M"
Reads the events CSV (doc,unit,action,at[,…]) with pandas, or the XES log with pm4py.read_xes
(case = the trace's concept:name, unit = org:group, action = the event's concept:name), computes
PM4Py's frequency and performance DFG (case = doc, activity = KEY column, timestamp = at), and
compares every arc's count, mean, median, min, max, sum and stdev with lienthong's output (and,
for XES, the event and case counts lienthong read). Exits 1 on any difference.
"""
import json
import math
import sys
import warnings

warnings.filterwarnings("ignore")
import pandas as pd  # noqa: E402
import pm4py  # noqa: E402
from pm4py.algo.discovery.dfg.adapters.pandas import df_statistics  # noqa: E402


def read_xes(path):
    """The XES log as the CSV columns: doc, unit, action, at."""
    log = pm4py.read_xes(path)
    df = pd.DataFrame({
        "doc": log["case:concept:name"].astype(str),
        "unit": log["org:group"].astype(str),
        "action": log["concept:name"].astype(str),
        "at": pd.to_datetime(log["time:timestamp"], utc=True),
    })
    return df


def main():
    xes = sys.argv[1] == "--xes"
    args = sys.argv[2:] if xes else sys.argv[1:]
    events_file, ours_json, key = args[0], args[1], args[2]
    if xes:
        df = read_xes(events_file)
    else:
        df = pd.read_csv(events_file, dtype=str, keep_default_na=False)
        df["at"] = pd.to_datetime(df["at"], utc=True, format="ISO8601")
    if key == "level":
        raise SystemExit("level key needs the units table; compare unit and action")
    counts_problem = None
    if xes:
        theirs = f"events {len(df)} cases {df['doc'].nunique()}"
        if args[3] != theirs:
            counts_problem = f"counts differ: lienthong {args[3]!r}, PM4Py {theirs!r}"
    df = pm4py.format_dataframe(df, case_id="doc", activity_key=key, timestamp_key="at")
    # PM4Py sorts by case and timestamp; a stable sort keeps ties in file order, as lienthong does.
    freq, perf = df_statistics.get_dfg_graph(
        df, measure="both", activity_key="concept:name", case_id_glue="case:concept:name",
        timestamp_key="time:timestamp", perf_aggregation_key="all", sort_caseid_required=True,
        sort_timestamp_along_case_id=True,
    )
    ours = {(a["from"], a["to"]): a for a in json.load(open(ours_json))}
    problems = [counts_problem] if counts_problem else []
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
    source = "XES (pm4py.read_xes)" if xes else "CSV"
    print(f"pm4py {pm4py.__version__}: {source}: key={key}: {compared} arcs, {pairs} directly-follows pairs, "
          f"{len(df)} events, {df['case:concept:name'].nunique()} documents: count, mean, median, min, max, sum, "
          f"stdev all equal")


if __name__ == "__main__":
    main()
