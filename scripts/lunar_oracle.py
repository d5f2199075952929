#!/usr/bin/env python3
"""Prints the lunar date of every day 1900-01-31..2100-12-31 from an independent Vietnamese
lunar-calendar package, as a test oracle for src/calendar/lunar.rs.

Oracle: PyPI `lunar-vn` (MIT licence; computes new moons and solar terms for a time zone, called
here with UTC+7). It is only run, never copied or shipped; scripts/setup.sh installs it, this
script installs nothing.

Output: a first line `start YYYY-MM-DD`, then one line per consecutive day: `year month day leap`
of the lunar date (leap is 0 or 1).
"""
import datetime
import sys

import lunar_vn

START = datetime.date(1900, 1, 31)
END = datetime.date(2100, 12, 31)


def main() -> None:
    out = [f"start {START.isoformat()}"]
    day = START
    one = datetime.timedelta(days=1)
    while day <= END:
        d = lunar_vn.solar_to_lunar(day, time_zone=7.0)
        out.append(f"{d.year} {d.month} {d.day} {int(d.leap)}")
        day += one
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
