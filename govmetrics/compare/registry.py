"""The id registry: which metric_id every published fact and label carries, read back from the releases.

Why the registry is the previous release and not a file checked in beside the code:

- an id is a promise the *published data* makes, so the published data is the authority on it. The
  release already carries everything needed: ``metrics`` (fact -> id), ``label_crosswalk`` (wording ->
  id), ``indicators`` (every id with its names) and ``metric_id_aliases`` (every retired id). A build
  reads them from the latest release in the outputs directory, so the ids travel with the data: a
  copy of a release is enough to keep building on its ids, and no build writes back into the source
  tree (a checked-in file would need a commit after every publish to stay true, and would silently
  drift from what was published when that commit is forgotten);
- a build into an outputs directory with no release starts from an empty registry, which is right
  for a new dataset (nothing has been promised yet);
- releases published before ``indicators`` existed have no alias table; for them every release in
  the directory is read, so each id any of them published is known.

A fact keeps its id through the registry in this order (``identify.assign_ids``): the catalogue's
indicator when the catalogue names it (the catalogue is checked by hand and wins), else the id its
exact wording was published with, else the id the same figure (fact_id) was published with, else a
new id. Old ids that end up unused become aliases, so nothing published ever stops resolving.
"""

from __future__ import annotations

from functools import lru_cache

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from govmetrics.compare.labels import normalize_label
from govmetrics.compare.units import unit_class

# Ids hashed from the wording by releases before the registry existed: never given to a fact again.
LEGACY_ID = re.compile(r"^auto_[0-9a-f]{12}$")

LabelKey = tuple[str | None, str, str | None]


def label_key(department_id: object, label: object, unit: object, role: object) -> LabelKey:
    """What a wording is, for the registry: department, normalized label (role words off), unit class."""
    dept = None if _missing(department_id) else str(department_id) or None
    text = None if _missing(label) else str(label)
    r = "value" if _missing(role) else str(role)
    return _label_key(dept, text, None if _missing(unit) else str(unit), r)


@lru_cache(maxsize=65_536)  # the same wordings recur in every city and year
def _label_key(dept: str | None, text: str | None, unit: str | None, role: str) -> LabelKey:
    return (dept, normalize_label(text, role), unit_class(unit))


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


@dataclass(frozen=True)
class Alias:
    metric_id: str
    since_version: str
    reason: str


@dataclass(frozen=True)
class Registry:
    """Ids as the releases in one outputs directory published them."""

    version: str | None = None  # the latest release read, None for an empty registry
    fact_ids: Mapping[str, str] = field(default_factory=dict)  # fact_id -> metric_id
    labels: Mapping[LabelKey, str] = field(default_factory=dict)  # label_key -> metric_id
    indicators: Mapping[str, dict] = field(default_factory=dict)  # metric_id -> indicators row
    aliases: Mapping[str, Alias] = field(default_factory=dict)  # old_metric_id -> alias
    published: frozenset[str] = frozenset()  # every metric_id any release published
    carried: Mapping[str, frozenset[str]] = field(default_factory=dict)  # metric_id -> facts it was ever given

    def facts_of(self, metric_id: str) -> list[str]:
        return sorted(self.carried.get(metric_id, ()))

    def keys_of(self, metric_id: str) -> list[LabelKey]:
        return sorted((k for k, m in self.labels.items() if m == metric_id), key=repr)


EMPTY = Registry()


def _read(release: Path, table: str) -> pd.DataFrame | None:
    from govmetrics.release import load_release

    if not (release / f"{table}.parquet").is_file():
        return None
    return load_release(release, table)


def _ids_of(frame: pd.DataFrame | None, *columns: str) -> set[str]:
    out: set[str] = set()
    if frame is None:
        return out
    for c in columns:
        if c in frame.columns:
            out.update(str(v) for v in frame[c].dropna())
    return out


def load_registry(outputs_dir: Path | str) -> Registry:
    """The registry of the releases in ``outputs_dir`` (empty when none has been published)."""
    from govmetrics.release.verify import require_intact
    from govmetrics.release.versioning import list_versions, read_pointer

    outputs = Path(outputs_dir)
    latest = read_pointer(outputs) if outputs.is_dir() else None
    if latest is None:
        return EMPTY
    current = outputs / latest
    if (current / "indicators.parquet").is_file() and (current / "metric_id_aliases.parquet").is_file():
        releases = [current]
    else:  # releases from before the registry: each may have published ids the others do not know
        releases = [outputs / v for v in list_versions(outputs)]
        if current not in releases:
            releases.append(current)

    fact_ids: dict[str, str] = {}
    labels: dict[LabelKey, str] = {}
    indicators: dict[str, dict] = {}
    aliases: dict[str, Alias] = {}
    published: set[str] = set()
    carried: dict[str, set[str]] = {}
    for release in releases:
        require_intact(release)
    for release in releases:  # oldest first: a later release's word wins
        metrics = _read(release, "metrics")
        crosswalk = _read(release, "label_crosswalk")
        changes = _read(release, "metric_changes")
        published |= _ids_of(metrics, "metric_id") | _ids_of(crosswalk, "metric_id") | _ids_of(changes, "metric_id")
        if metrics is not None:
            for fact, metric_id in zip(metrics["fact_id"].astype(str), metrics["metric_id"].astype(str), strict=True):
                fact_ids[fact] = metric_id
                carried.setdefault(metric_id, set()).add(fact)
        if crosswalk is not None:
            for row in crosswalk.itertuples(index=False):
                key = label_key(row.department_id, row.label, row.unit, row.role)
                labels[key] = str(row.metric_id)
                # An indicator of a release without an indicators table is known by its crosswalk rows.
                indicators.setdefault(str(row.metric_id), _legacy_indicator(row))
        table = _read(release, "indicators")
        if table is not None:
            published |= _ids_of(table, "metric_id")
            for row in table.to_dict("records"):
                indicators[str(row["metric_id"])] = {k: (None if _missing(v) else v) for k, v in row.items()}
        table = _read(release, "metric_id_aliases")
        if table is not None:
            published |= _ids_of(table, "old_metric_id")
            for row in table.itertuples(index=False):
                aliases[str(row.old_metric_id)] = Alias(str(row.metric_id), str(row.since_version), str(row.reason))
    return Registry(
        version=latest, fact_ids=fact_ids, labels=labels, indicators=indicators, aliases=aliases,
        published=frozenset(published), carried={m: frozenset(f) for m, f in carried.items()},
    )


def _legacy_indicator(row: object) -> dict:
    name = getattr(row, "name_zh", None)
    label = getattr(row, "label", None)
    return {
        "metric_id": str(row.metric_id),  # type: ignore[attr-defined]
        "name_zh": name if not _missing(name) else (label if not _missing(label) else str(row.metric_id)),  # type: ignore[attr-defined]
        "name_en": None if _missing(getattr(row, "name_en", None)) else row.name_en,  # type: ignore[attr-defined]
        "department_id": None if _missing(row.department_id) else row.department_id,  # type: ignore[attr-defined]
        "unit": None if _missing(row.unit) else row.unit,  # type: ignore[attr-defined]
    }
