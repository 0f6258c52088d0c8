"""From mentions to facts: the ``metrics`` table keeps one row per reported fact.

A range (1-2项) is one fact with an empty value and its two ends (``ranges.range_ends``).

A section's headline line usually repeats a figure of its body ("提供公办学位8万余个" above a
paragraph that says it again). Both are mentions, but an analyst summing a department's figures
must see the fact once, so the headline mention is folded into the body mention it repeats.
"""

from __future__ import annotations

import pandas as pd

from govmetrics.compare import assign_metric_ids
from govmetrics.ranges import range_ends
from schemas import Metrics

_FACT_KEY = ["section_id", "value", "unit", "role", "direction"]


def _same_fact_key(row: pd.Series) -> tuple:
    return tuple(None if pd.isna(row[k]) else row[k] for k in _FACT_KEY)


def facts_from_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per fact: body mentions, with each headline mention folded into the one it repeats."""
    columns = list(Metrics.to_schema().columns)
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    mentions = mentions.sort_values(["doc_id", "start"])
    body = mentions[~mentions["headline"].astype(bool)]
    first_body: dict[tuple, str] = {}
    for _, row in body.iterrows():
        first_body.setdefault(_same_fact_key(row), row["mention_id"])

    in_headline: set[str] = set()
    standalone: list[str] = []
    for _, row in mentions[mentions["headline"].astype(bool)].iterrows():
        target = first_body.get(_same_fact_key(row))
        if target is None:
            standalone.append(row["mention_id"])
        else:
            in_headline.add(target)

    kept = mentions[~mentions["headline"].astype(bool) | mentions["mention_id"].isin(standalone)].copy()
    kept["fact_id"] = kept["mention_id"]
    kept["in_headline"] = kept["mention_id"].isin(in_headline) | kept["headline"].astype(bool)
    kept["n_mentions"] = 1 + kept["mention_id"].isin(in_headline).astype(int)
    ends = [range_ends(q, u) if v is None or v != v else None for q, u, v in zip(kept["quantity_text"], kept["unit"], kept["value"], strict=True)]
    kept["value_min"] = [e[0] if e else None for e in ends]
    kept["value_max"] = [e[1] if e else None for e in ends]
    kept["metric_id"] = None
    kept["indicator_name_zh"] = None
    return assign_metric_ids(kept[columns].reset_index(drop=True))
