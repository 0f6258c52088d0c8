"""``govmetrics compare``: the latest release's year-over-year comparisons, filtered and printed."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from govmetrics.compare.display import render_csv, render_table
from govmetrics.departments import resolve

TABLE = "metric_changes"
_CJK = re.compile(r"[\u3400-\u9fff]")


def read_metric_changes(outputs: str | Path) -> pd.DataFrame:
    """The metric_changes table of the latest release in ``outputs`` (FileNotFoundError before any)."""
    from govmetrics.release import load_latest

    return load_latest(Path(outputs), TABLE)


def select(
    changes: pd.DataFrame,
    *,
    department: str | None = None,
    metric: str | None = None,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Rows matching the filters.

    - department: a department's name in any variant (市人社局) or its department_id;
    - metric: a metric_id, or Chinese text found in the label this year or the previous one;
    - years (y1, y2): comparisons that end in (y1, y2] and do not start before y1 (a baseline whose
      year the text does not give is kept when its row ends in the range).
    """
    mask = pd.Series(True, index=changes.index)
    if department:
        wanted = {department, resolve(department).department_id}
        mask &= changes["department_id"].isin(wanted) | changes["department"].isin(wanted)
    if metric:
        if _CJK.search(metric):
            labels = changes["label"].fillna("") + "\n" + changes["previous_label"].fillna("")
            mask &= labels.str.contains(metric, regex=False)
        else:
            mask &= changes["metric_id"] == metric
    if years:
        y1, y2 = years
        previous = pd.to_numeric(changes["previous_year"], errors="coerce")
        mask &= (changes["year"] > y1) & (changes["year"] <= y2) & (previous.isna() | (previous >= y1))
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
    try:
        changes = read_metric_changes(args.outputs)
    except (FileNotFoundError, KeyError) as exc:
        print(f"govmetrics compare: {exc}", file=err)
        return 1
    rows = select(changes, department=args.department, metric=args.metric, years=years)
    if args.format == "csv":
        out.write(render_csv(rows))
    elif rows.empty:
        print("no comparisons match", file=err)
    else:
        out.write(render_table(rows))
    return 0
