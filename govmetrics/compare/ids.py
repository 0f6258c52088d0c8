"""Stable indicator identifiers for facts, and the crosswalk that shows how each label got its id.

A fact's ``metric_id`` is the catalogue indicator its label names (``catalogue.Catalogue.match``),
or else an automatic id: ``auto_`` and the first 12 hex digits of the SHA-256 of
``department_id|normalized label|unit class``. The automatic id depends on nothing but those three
strings, so the same label of the same department in the same unit gets the same id in every year
and every build; a label reworded next year gets a different one, which is what the catalogue is for.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from govmetrics.compare.catalogue import Catalogue, load_catalogue
from govmetrics.compare.labels import normalize_label
from govmetrics.compare.units import canonical_unit, unit_class

AUTO_PREFIX = "auto_"


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) or value is pd.NA else str(value)


def auto_metric_id(department_id: str | None, normalized_label: str, unit: str | None) -> str:
    """The automatic id of a label no catalogue indicator fits (deterministic, no state)."""
    key = "|".join((_text(department_id), normalized_label, _text(unit_class(unit))))
    return AUTO_PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


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
    return Resolution(auto_metric_id(department_id, normalized, unit), normalized, "automatic", "automatic", None, None, None, None)


_KEY = ["department_id", "label", "unit", "role"]


def _keys(metrics: pd.DataFrame) -> list[tuple[str | None, str | None, str | None, str]]:
    out = []
    for d, lbl, u, r in zip(*(metrics[c] for c in _KEY), strict=True):
        out.append((_text(d) or None, _text(lbl) or None, canonical_unit(u), _text(r) or "value"))
    return out


def assign_metric_ids(metrics: pd.DataFrame, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """A copy of a metrics-shaped frame with ``metric_id`` set for every row.

    Needs the columns department_id, label, unit and role; every other column is kept as it is.
    """
    catalogue = catalogue or load_catalogue()
    out = metrics.copy()
    cache: dict[tuple, str] = {}
    ids = []
    for key in _keys(out):
        if key not in cache:
            cache[key] = resolve_metric(*key, catalogue=catalogue).metric_id
        ids.append(cache[key])
    out["metric_id"] = pd.Series(ids, index=out.index, dtype="str")
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

    One row per distinct (department_id, label, unit, role) of the metrics; ``n_facts`` and the
    year range say how much of the dataset the row covers.
    """
    catalogue = catalogue or load_catalogue()
    rows: dict[tuple, dict] = {}
    years = metrics["report_year"] if "report_year" in metrics else pd.Series([None] * len(metrics), index=metrics.index)
    departments = metrics["department"] if "department" in metrics else pd.Series([None] * len(metrics), index=metrics.index)
    for key, dept, year in zip(_keys(metrics), departments, years, strict=True):
        row = rows.get(key)
        if row is None:
            res = resolve_metric(*key, catalogue=catalogue)
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
