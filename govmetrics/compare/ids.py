"""Indicator identifiers of one report's facts, and the crosswalk that shows how each label got its id.

Within one report year a fact's ``metric_id`` is provisional: the catalogue indicator its label names
(``catalogue.Catalogue.match``), or else the readable id its wording would get (``slugs.base_slug``).
The final ids, stable across releases and linked across years, are given with every year at hand by
``identify.identify``; the crosswalk is built from those.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from govmetrics.compare.catalogue import Catalogue, load_catalogue
from govmetrics.compare.labels import clean_label, normalize_label
from govmetrics.compare.slugs import base_slug
from govmetrics.compare.units import canonical_unit


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) or value is pd.NA else str(value)


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one (department, label, unit, role) got its metric id."""

    metric_id: str
    normalized_label: str
    source: str  # "catalogue" or "automatic"
    match: str  # "variant", "similar", "clause" or "automatic"
    score: float | None
    matched_variant: str | None
    name_zh: str | None
    name_en: str | None


def resolve_metric(
    department_id: str | None, label: str | None, unit: str | None, role: str = "value",
    catalogue: Catalogue | None = None,
) -> Resolution:
    """The metric id of one label, with the reason it was chosen."""
    catalogue = catalogue or load_catalogue()
    department_id = _text(department_id) or None
    normalized = normalize_label(label, role)
    found = catalogue.match(department_id, label, unit, role)
    if found is not None:
        ind = found.indicator
        return Resolution(ind.metric_id, normalized, "catalogue", found.match, found.score, found.variant, ind.name_zh, ind.name_en)
    return Resolution(base_slug(department_id, normalized), normalized, "automatic", "automatic", None, None, None, None)


_KEY = ["department_id", "label", "unit", "role"]


def _keys(metrics: pd.DataFrame) -> list[tuple[str | None, str | None, str | None, str]]:
    out = []
    for d, lbl, u, r in zip(*(metrics[c] for c in _KEY), strict=True):
        out.append((_text(d) or None, _text(lbl) or None, canonical_unit(u), _text(r) or "value"))
    return out


def assign_metric_ids(metrics: pd.DataFrame, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """A copy of a metrics-shaped frame with provisional ``metric_id`` and ``indicator_name_zh`` on every row.

    Needs the columns department_id, label, unit and role; every other column is kept as it is.
    """
    catalogue = catalogue or load_catalogue()
    out = metrics.copy()
    cache: dict[tuple, Resolution] = {}
    ids, names = [], []
    for key in _keys(out):
        if key not in cache:
            cache[key] = resolve_metric(*key, catalogue=catalogue)
        res = cache[key]
        ids.append(res.metric_id)
        names.append(res.name_zh or (clean_label(key[1]) or None))
    out["metric_id"] = pd.Series(ids, index=out.index, dtype="str")
    out["indicator_name_zh"] = pd.Series(names, index=out.index, dtype="object")
    return out


CROSSWALK_COLUMNS = [
    "crosswalk_id", "department", "department_id", "label", "role", "unit", "normalized_label", "metric_id",
    "source", "match", "score", "matched_variant", "name_zh", "name_en", "n_facts", "first_year", "last_year",
]


def crosswalk_id(department_id: str | None, label: str | None, unit: str | None, role: str) -> str:
    key = "|".join((_text(department_id), _text(label), _text(unit), role))
    return "xw_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def label_crosswalk(metrics: pd.DataFrame, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Every source label (per department, unit and role) with its metric id and how it was found.

    One row per distinct (department_id, label, unit, role) of the metrics, with the ``metric_id`` its
    facts carry (the final ids of ``identify.identify``); ``n_facts`` and the year range say how much of
    the dataset the row covers. A label whose facts were linked to a catalogue indicator of another year
    shows match ``linked``.
    """
    catalogue = catalogue or load_catalogue()
    rows: dict[tuple, dict] = {}
    years = metrics["report_year"] if "report_year" in metrics else pd.Series([None] * len(metrics), index=metrics.index)
    departments = metrics["department"] if "department" in metrics else pd.Series([None] * len(metrics), index=metrics.index)
    given = metrics["metric_id"].astype(str) if "metric_id" in metrics else pd.Series([None] * len(metrics), index=metrics.index)
    for key, dept, year, metric_id in zip(_keys(metrics), departments, years, given, strict=True):
        row = rows.get(key)
        if row is None:
            res = _as_carried(resolve_metric(*key, catalogue=catalogue), metric_id, catalogue)
            row = rows[key] = {
                "crosswalk_id": crosswalk_id(*key),
                "department": _text(dept) or None,
                "department_id": key[0],
                "label": key[1],
                "role": key[3],
                "unit": key[2],
                "normalized_label": res.normalized_label,
                "metric_id": res.metric_id,
                "source": res.source,
                "match": res.match,
                "score": res.score,
                "matched_variant": res.matched_variant,
                "name_zh": res.name_zh,
                "name_en": res.name_en,
                "n_facts": 0,
                "first_year": None,
                "last_year": None,
            }
        row["n_facts"] += 1
        if year is not None and year == year:
            y = int(year)
            row["first_year"] = y if row["first_year"] is None else min(row["first_year"], y)
            row["last_year"] = y if row["last_year"] is None else max(row["last_year"], y)
    frame = pd.DataFrame(list(rows.values()), columns=CROSSWALK_COLUMNS)
    frame["score"] = frame["score"].astype("float64")
    frame["n_facts"] = frame["n_facts"].astype("int64")
    return frame.sort_values(["department_id", "metric_id", "label", "unit", "role"], na_position="last", kind="stable").reset_index(drop=True)


def fallback_labels(crosswalk: pd.DataFrame) -> pd.DataFrame:
    """The crosswalk rows whose label no catalogue indicator fits (they carry an automatic id).

    Meant for a non-blocking check's metadata: each is a candidate for a new catalogue row or variant.
    """
    columns = ["department", "department_id", "label", "unit", "role", "metric_id", "n_facts"]
    out = crosswalk.loc[crosswalk["source"] == "automatic", columns]
    return out.sort_values(["department_id", "label", "unit", "role"], na_position="last", kind="stable").reset_index(drop=True)


def _as_carried(res: Resolution, metric_id: str | None, catalogue: Catalogue) -> Resolution:
    """The resolution of a label as its facts carry it: their id may differ from what the label alone gives."""
    if not metric_id or metric_id == res.metric_id:
        return res
    ind = catalogue.get(metric_id)
    if ind is not None:
        return Resolution(metric_id, res.normalized_label, "catalogue", "linked", None, None, ind.name_zh, ind.name_en)
    return Resolution(metric_id, res.normalized_label, "automatic", "automatic", None, None, None, None)
