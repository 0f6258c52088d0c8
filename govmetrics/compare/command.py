"""``govmetrics compare``: the latest release's year-over-year comparisons, filtered and printed.

With ``--series`` it prints one indicator's figures instead: every city and year the latest release
has, including a year with nothing to compare it with. Nothing to print is an error (exit 1), with
a message that says what was looked for and where, so a script cannot mistake it for an empty result.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from govmetrics.compare.display import render_csv, render_series, render_table
from govmetrics.departments import resolve

TABLE = "metric_changes"
_CJK = re.compile(r"[\u3400-\u9fff]")


def read_metric_changes(outputs: str | Path) -> pd.DataFrame:
    """The metric_changes table of the latest release in ``outputs`` (FileNotFoundError before any)."""
    from govmetrics.release import load_latest

    return load_latest(Path(outputs), TABLE)


def read_table(outputs: str | Path, table: str) -> pd.DataFrame | None:
    """A table of the latest release, or ``None`` when that release does not have it (older releases)."""
    from govmetrics.release import load_latest

    try:
        return load_latest(Path(outputs), table)
    except KeyError:
        return None


def resolve_alias(metric: str, aliases: pd.DataFrame | None) -> str:
    """The current id of a metric_id an older release published (itself when it is not an alias)."""
    if aliases is None or aliases.empty:
        return metric
    found = aliases.loc[aliases["old_metric_id"] == metric, "metric_id"]
    return str(found.iloc[0]) if len(found) else metric


def select(
    changes: pd.DataFrame,
    *,
    department: str | None = None,
    metric: str | None = None,
    years: tuple[int, int] | None = None,
    city: str | None = None,
) -> pd.DataFrame:
    """Rows matching the filters.

    - city: the city as the release names it (青岛);
    - department: a department's name in any variant (市人社局) or its department_id;
    - metric: a metric_id, or Chinese text found in the label this year or the previous one;
    - years (y1, y2): comparisons that end in (y1, y2] and do not start before y1 (a baseline whose
      year the text does not give is kept when its row ends in the range).
    """
    mask = pd.Series(True, index=changes.index)
    if city:
        mask &= changes["city"] == city
    if department:
        wanted = {department, resolve(department).department_id}
        mask &= changes["department_id"].isin(wanted) | changes["department"].isin(wanted)
    if metric:
        if _CJK.search(metric):
            columns = [c for c in ("label", "previous_label", "indicator_name_zh") if c in changes.columns]
            labels = changes[columns].fillna("").astype(str).agg("\n".join, axis=1)
            mask &= labels.str.contains(metric, regex=False)
        else:
            mask &= changes["metric_id"] == metric
    if years:
        y1, y2 = years
        if "previous_year" in changes.columns:
            previous = pd.to_numeric(changes["previous_year"], errors="coerce")
            mask &= (changes["year"] > y1) & (changes["year"] <= y2) & (previous.isna() | (previous >= y1))
        else:  # a series: the years themselves
            mask &= (changes["year"] >= y1) & (changes["year"] <= y2)
    out = changes.loc[mask]
    order = [c for c in ("city", "department_id", "metric_id", "role", "unit", "year") if c in out.columns]
    return out.sort_values(order, na_position="last", kind="stable").reset_index(drop=True)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Entry point of the subcommand (arguments as ``govmetrics.cli`` defines them)."""
    out = out or sys.stdout
    err = err or sys.stderr
    years = tuple(args.years) if args.years else None
    if years and years[0] >= years[1]:
        print(f"govmetrics compare: --years {years[0]} {years[1]}: the first year must be earlier", file=err)
        return 2
    if getattr(args, "series", False) and not args.metric:
        print("govmetrics compare: --series needs --metric (a metric_id, or Chinese text of its name)", file=err)
        return 2
    try:
        changes = read_metric_changes(args.outputs)
    except (FileNotFoundError, KeyError) as exc:
        print(f"govmetrics compare: {exc}", file=err)
        return 1
    aliases = read_table(args.outputs, "metric_id_aliases")
    metric = resolve_alias(args.metric, aliases) if args.metric else None
    city = getattr(args, "city", None)
    if getattr(args, "series", False):
        table = series(read_table(args.outputs, "metrics"), changes)
        rows = select(table, department=args.department, metric=metric, years=years, city=city)
        what = "figures"
    else:
        rows = select(changes, department=args.department, metric=metric, years=years, city=city)
        what = "comparisons"
    if rows.empty:
        print(f"govmetrics compare: no {what} match {_filters(args)} in the latest release of {args.outputs}; "
              "`govmetrics indicators SEARCH` lists the indicators", file=err)
        return 1
    if args.format == "csv":
        out.write(render_csv(rows))
    else:
        out.write(render_series(rows) if getattr(args, "series", False) else render_table(rows))
    return 0


def _filters(args: argparse.Namespace) -> str:
    given = [f"--{name.replace('_', '-')} {value}" for name in ("city", "department", "metric") if (value := getattr(args, name, None))]
    if args.years:
        given.append(f"--years {args.years[0]} {args.years[1]}")
    return " ".join(given) or "(no filter)"


SERIES_COLUMNS = [
    "city", "metric_id", "indicator_name_zh", "department", "department_id", "label", "role", "unit", "year",
    "value", "value_min", "value_max", "qualifier", "direction", "period", "absolute_change", "percent_change",
    "conflict", "fact_id",
]


def series(metrics: pd.DataFrame | None, changes: pd.DataFrame) -> pd.DataFrame:
    """Every figure of the release, one row per fact, with its change against the previous year when there is one.

    A year that has nothing to compare with still has its row: a series shows what was stated.
    """
    if metrics is None:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame = metrics.rename(columns={"report_year": "year"})
    for column in ("indicator_name_zh", "value_min", "value_max"):
        if column not in frame.columns:
            frame[column] = None
    compared = changes[["fact_id", "absolute_change", "percent_change", "conflict"]]
    frame = frame.merge(compared, on="fact_id", how="left", validate="1:1")
    frame["conflict"] = frame["conflict"].fillna(False).astype(bool)
    return frame[SERIES_COLUMNS]
