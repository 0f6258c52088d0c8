"""In-text baselines: which level a from-value (由去年的60%提升至70%) is the previous figure of.

A ``baseline`` fact has no meaning alone: it is the earlier value of a level stated beside it. It
belongs to a ``value`` fact of the same document, department and sentence whose unit is equivalent:

1. the fact right after it in the text, when that is such a value (由去年的55%提升至63%);
2. otherwise the candidate in the sentence whose label is most like the baseline's, the nearer one on
   a tie — which is the level stated before it in 注册志愿者人数达到163万人,比去年的150万人增加13万人.

Each value takes at most one baseline; a baseline with no candidate stays unpaired.
"""

from __future__ import annotations

from itertools import groupby

import pandas as pd

from govmetrics.compare.labels import normalize_label
from govmetrics.compare.similarity import dice
from govmetrics.compare.units import equivalent

# Without sentence text, facts this close (in characters) are taken as one sentence.
NEAR_WITHOUT_SENTENCE = 40
# Never pair across more than this many characters, even within one long sentence.
MAX_DISTANCE = 300


def _text(v: object) -> str | None:
    if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
        return None
    return str(v) or None


def _one_sentence(a: pd.Series, b: pd.Series) -> bool:
    distance = abs(int(a["start"]) - int(b["start"]))
    if distance > MAX_DISTANCE:
        return False
    sa, sb = _text(a.get("sentence")), _text(b.get("sentence"))
    if sa and sb:
        return sa == sb
    return distance <= NEAR_WITHOUT_SENTENCE


def pair_baselines(metrics: pd.DataFrame) -> dict[str, str]:
    """Map each paired value fact's ``fact_id`` to the ``fact_id`` of its in-text baseline."""
    pairs: dict[str, str] = {}
    if metrics.empty:
        return pairs
    # Plain dicts, made once for the whole frame: a Series per row (iterrows) or a frame per
    # document cost more than the pairing itself.
    records = metrics.sort_values(["doc_id", "start"], kind="stable").to_dict("records")
    for _doc, group in groupby(records, key=lambda r: r["doc_id"]):
        rows = list(group)
        taken: set[str] = set()
        for i, base in enumerate(rows):
            if base["role"] != "baseline":
                continue

            def fits(row: pd.Series, base: pd.Series = base) -> bool:
                return (
                    row["role"] == "value"
                    and row["fact_id"] not in taken
                    and _text(row["department_id"]) == _text(base["department_id"])
                    and equivalent(row["unit"], base["unit"])
                    and _one_sentence(row, base)
                )

            chosen = None
            if i + 1 < len(rows) and fits(rows[i + 1]):
                chosen = rows[i + 1]
            else:
                key = normalize_label(_text(base["label"]))
                scored = [
                    (dice(key, normalize_label(_text(r["label"]))), -abs(int(r["start"]) - int(base["start"])), j)
                    for j, r in enumerate(rows)
                    if j != i and fits(r)
                ]
                if scored:
                    chosen = rows[max(scored)[2]]
            if chosen is not None:
                taken.add(chosen["fact_id"])
                pairs[chosen["fact_id"]] = base["fact_id"]
    return pairs


def unpaired_baselines(metrics: pd.DataFrame) -> pd.DataFrame:
    """Baseline facts no value claims (worth a look: the extractor or the pairing missed something)."""
    paired = set(pair_baselines(metrics).values())
    mask = (metrics["role"] == "baseline") & ~metrics["fact_id"].isin(paired)
    return metrics.loc[mask].reset_index(drop=True)
