#!/usr/bin/env python3
"""Checks lienthong's XES export with PM4Py's own XES reader.

Usage: pm4py_xes_check.py EVENTS.csv LOG.xes
Both files hold the same generated log (`lienthong generate --format csv` and `--format xes` with
the same seed). PM4Py reads the XES; the cases, the events and PM4Py's directly-follows graph on
units (org:group) and on actions (concept:name) must equal those of the CSV. Exits 1 otherwise.
"""
import sys
import warnings

warnings.filterwarnings("ignore")
import pandas as pd  # noqa: E402
import pm4py  # noqa: E402


def main():
    events_csv, log_xes = sys.argv[1], sys.argv[2]
    df = pd.read_csv(events_csv, dtype=str, keep_default_na=False)
    df["at"] = pd.to_datetime(df["at"], utc=True, format="ISO8601")
    xes = pm4py.read_xes(log_xes)
    problems = []
    if len(xes) != len(df):
        problems.append(f"events: XES {len(xes)}, CSV {len(df)}")
    if xes["case:concept:name"].nunique() != df["doc"].nunique():
        problems.append(f"cases: XES {xes['case:concept:name'].nunique()}, CSV {df['doc'].nunique()}")
    for xes_key, csv_key in [("org:group", "unit"), ("concept:name", "action")]:
        ours = pm4py.format_dataframe(df.copy(), case_id="doc", activity_key=csv_key, timestamp_key="at")
        theirs = pm4py.format_dataframe(xes.copy(), case_id="case:concept:name", activity_key=xes_key,
                                        timestamp_key="time:timestamp")
        a, _, _ = pm4py.discover_dfg(ours)
        b, _, _ = pm4py.discover_dfg(theirs)
        if dict(a) != dict(b):
            diff = set(a.items()) ^ set(b.items())
            problems.append(f"DFG on {csv_key} differs: {sorted(diff)[:5]}")
    if problems:
        print("XES MISMATCH: " + "; ".join(problems))
        sys.exit(1)
    print(f"XES export read by PM4Py: {len(xes)} events, {xes['case:concept:name'].nunique()} cases, "
          f"DFG on units and actions equal to the CSV's")


if __name__ == "__main__":
    main()
