"""From mentions to facts: the ``metrics`` table keeps one row per reported fact.

A range (1-2项) is one fact with an empty value and its two ends (``ranges.range_ends``).

A section's headline line usually repeats a figure of its body ("提供公办学位8万余个" above a
paragraph that says it again). Both are mentions, but an analyst summing a department's figures
must see the fact once, so the headline mention is folded into the body mention it repeats.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

from govmetrics.compare import Catalogue, assign_metric_ids, load_catalogue
from govmetrics.ranges import range_ends
from schemas import Metrics

_FACT_KEY = ["section_id", "value", "unit", "role", "direction"]


def _plain(v: object) -> object:
    return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v


def _fact_keys(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(_plain(v) for v in key) for key in zip(*(frame[k].tolist() for k in _FACT_KEY))]


def facts_from_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per fact: body mentions, with each headline mention folded into the one it repeats.

    Works on any set of whole documents (the fact key holds the section), so a batch of documents
    gives the rows the same documents give in a whole year.
    """
    columns = list(Metrics.to_schema().columns)
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    mentions = mentions.sort_values(["doc_id", "start"], kind="stable")
    is_headline = mentions["headline"].astype(bool)
    body, heads = mentions[~is_headline], mentions[is_headline]
    first_body: dict[tuple, str] = {}
    for key, mid in zip(_fact_keys(body), body["mention_id"].tolist(), strict=True):
        first_body.setdefault(key, mid)

    in_headline: set[str] = set()
    standalone: list[str] = []
    for key, mid in zip(_fact_keys(heads), heads["mention_id"].tolist(), strict=True):
        target = first_body.get(key)
        if target is None:
            standalone.append(mid)
        else:
            in_headline.add(target)

    kept = mentions[~is_headline | mentions["mention_id"].isin(standalone)].copy()
    kept["fact_id"] = kept["mention_id"]
    kept["in_headline"] = kept["mention_id"].isin(in_headline) | kept["headline"].astype(bool)
    kept["n_mentions"] = 1 + kept["mention_id"].isin(in_headline).astype(int)
    ends = [range_ends(q, u) if v is None or v != v else None for q, u, v in zip(kept["quantity_text"], kept["unit"], kept["value"], strict=True)]
    kept["value_min"] = [e[0] if e else None for e in ends]
    kept["value_max"] = [e[1] if e else None for e in ends]
    kept["metric_id"] = None
    kept["indicator_name_zh"] = None
    out = kept[columns].reset_index(drop=True)
    resolved = _metric_ids(out)
    out["metric_id"] = pd.Series([r[0] for r in resolved], index=out.index, dtype="str")
    out["indicator_name_zh"] = pd.Series([r[1] for r in resolved], index=out.index, dtype="object")
    return out


# The provisional metric_id and indicator name are a function of (department_id, label, unit, role)
# alone (``assign_metric_ids``), and the same labels recur in every report: each distinct key is
# resolved against the catalogue once per process.
_ID_KEY = ["department_id", "label", "unit", "role"]
_METRIC_IDS: dict[tuple, tuple[str, str | None]] = {}


def _metric_ids(facts: pd.DataFrame) -> list[tuple[str, str | None]]:
    keys = [tuple(_plain(v) for v in key) for key in zip(*(facts[k].tolist() for k in _ID_KEY))]
    missing = [k for k in dict.fromkeys(keys) if k not in _METRIC_IDS]
    if missing:
        resolved = assign_metric_ids(pd.DataFrame(missing, columns=_ID_KEY), remembered_catalogue())
        pairs = zip(resolved["metric_id"].tolist(), resolved["indicator_name_zh"].tolist(), strict=True)
        _METRIC_IDS.update(zip(missing, ((m, _plain(n)) for m, n in pairs), strict=True))
    return [_METRIC_IDS[k] for k in keys]


class RememberedCatalogue:
    """The indicator catalogue with every match remembered: a label is matched once per process,
    whether it is met giving a fact its metric_id or listing it in the label crosswalk."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._matches: dict[tuple, Any] = {}

    def match(self, department_id: str | None, label: str | None, unit: str | None, role: str = "value") -> Any:
        key = (department_id, label, unit, role)
        if key not in self._matches:
            self._matches[key] = self._catalogue.match(department_id, label, unit, role)
        return self._matches[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._catalogue, name)


@lru_cache(maxsize=1)
def remembered_catalogue() -> Catalogue:
    """The process's remembered catalogue (the checked-in ``schemas/metric_catalogue.csv``)."""
    return RememberedCatalogue(load_catalogue())  # type: ignore[return-value]
