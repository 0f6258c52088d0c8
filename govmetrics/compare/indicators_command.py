"""``govmetrics indicators [SEARCH]``: find indicators of the latest release by id, name or old id.

SEARCH is matched against metric_id, the Chinese and English names and the definition (case does not
matter); an id an older release published finds the indicator it is now, through metric_id_aliases.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from govmetrics.compare.display import _aligned, _missing, render_csv
from govmetrics.departments import resolve

HEADERS = ("metric_id", "name", "name (en)", "unit", "kind", "years", "facts", "catalogue")


def search(indicators: pd.DataFrame, aliases: pd.DataFrame | None, text: str | None, department: str | None) -> pd.DataFrame:
    """The indicators matching ``text`` (and ``department``), with the old id that found each, if any."""
    mask = pd.Series(True, index=indicators.index)
    if department:
        mask &= indicators["department_id"].isin({department, resolve(department).department_id})
    found = indicators.assign(found_by=None)
    if text:
        needle = text.casefold()
        columns = ["metric_id", "name_zh", "name_en", "definition"]
        hay = indicators[columns].fillna("").astype(str).agg("\n".join, axis=1).str.casefold()
        hit = hay.str.contains(needle, regex=False)
        if aliases is not None and len(aliases):
            old = aliases[aliases["old_metric_id"].str.casefold().str.contains(needle, regex=False)]
            via = dict(zip(old["metric_id"], old["old_metric_id"], strict=True))
            found["found_by"] = indicators["metric_id"].map(via)
            hit |= found["found_by"].notna()
        mask &= hit
    return found.loc[mask].sort_values(["department_id", "metric_id"], na_position="last", kind="stable").reset_index(drop=True)


def _years(r: pd.Series) -> str:
    if _missing(r["first_year"]):
        return ""
    a, b = int(r["first_year"]), int(r["last_year"])
    return str(a) if a == b else f"{a}-{b}"


def render(rows: pd.DataFrame) -> str:
    body = []
    for _, r in rows.iterrows():
        metric_id = str(r["metric_id"]) + (f" (was {r['found_by']})" if not _missing(r["found_by"]) else "")
        body.append((
            metric_id, str(r["name_zh"]), "" if _missing(r["name_en"]) else str(r["name_en"]),
            "" if _missing(r["unit"]) else str(r["unit"]), "" if _missing(r["kind"]) else str(r["kind"]),
            _years(r), str(int(r["n_facts"])), "yes" if bool(r["in_catalogue"]) else "no",
        ))
    return _aligned(HEADERS, body, {"facts"})


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Entry point of the subcommand (arguments as ``govmetrics.cli`` defines them)."""
    from govmetrics.release import load_latest

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        indicators = load_latest(Path(args.outputs), "indicators")
    except (FileNotFoundError, KeyError) as exc:
        print(f"govmetrics indicators: {exc}", file=err)
        return 1
    try:
        aliases = load_latest(Path(args.outputs), "metric_id_aliases")
    except KeyError:
        aliases = None
    rows = search(indicators, aliases, args.search, args.department)
    if rows.empty:
        what = " ".join(filter(None, [args.search and repr(args.search), args.department and f"--department {args.department}"]))
        print(f"govmetrics indicators: no indicator matches {what} in the latest release of {args.outputs}", file=err)
        return 1
    out.write(render_csv(rows.drop(columns=["found_by"])) if args.format == "csv" else render(rows))
    return 0
