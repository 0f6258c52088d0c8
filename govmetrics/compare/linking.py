"""Linking one indicator across years when its wording changes (the contract: year-over-year.md).

Reports reword: 发生各类生产安全亡人事故 one year is 亡人事故 the next, 因灾死亡失踪 becomes 因灾死亡,
发生各类火灾事故 becomes 发生火灾. Ids from the wording cannot meet, so consecutive reports of one city
are compared level by level:

- *candidates*: a level of the later year whose id the earlier year lacks, and a level of the earlier
  year whose id the later year lacks, of the same city and department (department_id), in equivalent
  units. Two catalogue indicators are never joined (the catalogue says they differ);
- *wording*: the two labels reduced to their measure (``measure``: the department's name, scene words
  such as 发生, 各类, 全年, 共 and the words normalization drops; Traditional folded into Simplified)
  scored by ``similarity.similarity``, which a decisive word (新增, 城市/农村, 死亡 …) sets to 0;
- *evidence*: a change stated against last year (``implied.stated_changes``) implies last year's value;
  a candidate whose printed figure equals it within rounding is the same indicator, whatever the
  wording, as long as the two measures share a word (a bigram, or one inside the other);
- *decision*: a later level with exactly one candidate that the evidence confirms is linked (score 1,
  ``stated_change``); otherwise with exactly one candidate at or above ``LINK_THRESHOLD`` on wording
  alone, that earlier level having no other such candidate either (score = the similarity,
  ``same_label`` or ``similar_label``). Two candidates with similar words and no evidence to tell them
  apart leave the level unlinked: a wrong link is worse than a missing one. Links are one-to-one per
  pair of years, strongest first, ties by id, so the result does not depend on row order.

Linked ids are merged (``apply_links``): the catalogue's id wins, then an id already published, then
the id of the earlier year; the merged id is an alias from then on, and the registry keeps the link.
"""

from __future__ import annotations

from functools import lru_cache

from dataclasses import dataclass

import numpy as np
import pandas as pd

from govmetrics.compare.catalogue import Catalogue
from govmetrics.compare.implied import StatedChange, stated_changes
from govmetrics.compare.labels import normalize_label
from govmetrics.compare.precision import Figure
from govmetrics.compare.similarity import _bigrams, similarity
from govmetrics.compare.units import unit_class
from govmetrics.departments import find_department
from govmetrics.textnorm import fold_width, to_simplified

# Wording alone links at or above this similarity. The dev corpus's rewordings of one indicator score
# 0.71 and up, distinct catalogue indicators of one department below 0.7 (tests/test_compare_catalogue.py).
LINK_THRESHOLD = 0.7
# Scene words and verbs of reporting that never change the measure (the contract's list).
SCENE_WORDS: tuple[str, ...] = ("发生", "各类", "全年", "全市", "共计", "总计", "共", "年内", "当年", "今年", "累计完成", "完成")


@dataclass(frozen=True, slots=True)
class Link:
    """Two facts of consecutive reports found to be one indicator, and why."""

    city: str
    year: int
    previous_year: int
    metric_id: str
    previous_metric_id: str
    fact_id: str
    previous_fact_id: str
    score: float
    evidence: str  # "stated_change", "same_label" or "similar_label" (joined with + when several hold)


def _text(v: object) -> str | None:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    return str(v) or None


@lru_cache(maxsize=65_536)  # the same labels recur in every city and year
def measure(label: str | None, role: str = "value") -> str:
    """What a label counts, with the words that never change it taken off (for linking only)."""
    text = to_simplified(fold_width(label or "")).replace(" ", "")
    dept = find_department(text)
    if dept and len(text) > len(dept) + 1:
        text = text[len(dept):]
    changed = True
    while changed:
        changed = False
        text = normalize_label(text, role)
        for w in SCENE_WORDS:
            if text.startswith(w) and len(text) > len(w) + 1:
                text = text[len(w):]
                changed = True
    return text


def share_a_word(a: str, b: str) -> bool:
    """Whether two measures have a word in common: a bigram, or one inside the other."""
    if not a or not b:
        return False
    return a in b or b in a or bool(_bigrams(a) & _bigrams(b))


@dataclass(frozen=True, slots=True)
class _Level:
    metric_id: str
    fact_id: str
    department_id: str
    unit_class: str
    measure: str
    figure: Figure
    change: StatedChange | None


def _levels(rows: list[tuple], changes: dict[str, StatedChange], skip: set[str] | frozenset[str] = frozenset()) -> dict[str, _Level]:
    """The first level of each id in one city's year (the figure a comparison would use), but for the
    ids in ``skip``; ``rows`` in document order (doc_id, start), each (metric_id, fact_id,
    department_id, label, unit, value, qualifier, quantity_text)."""
    out: dict[str, _Level] = {}
    for metric_id, fact_id, department_id, label, unit, value, qualifier, quantity_text in rows:
        m = str(metric_id)
        if m in out or m in skip:
            continue
        dept, cls = _text(department_id), unit_class(_text(unit))
        if dept is None or cls is None or value is None or value != value:
            continue
        out[m] = _Level(
            metric_id=m, fact_id=str(fact_id), department_id=dept, unit_class=cls,
            measure=measure(_text(label)), figure=Figure(float(value), _text(qualifier), _text(quantity_text)),
            change=changes.get(str(fact_id)),
        )
    return out


def link_years(
    metrics: pd.DataFrame, catalogue: Catalogue, changes: dict[str, StatedChange] | None = None
) -> list[Link]:
    """The links between consecutive reports of each city (``metrics`` holds every year, ids assigned).

    ``changes`` are ``implied.stated_changes`` of ``metrics`` when already worked out.
    """
    changes = stated_changes(metrics) if changes is None else changes
    levels = metrics[(metrics["role"] == "value") & metrics["unit"].notna() & metrics["value"].notna()]
    levels = levels[_LEVEL_COLUMNS]
    # Only a row with a department and a unit of a known class can be a level, and only the first of
    # each id in a city's year is used (``_levels``): the others are left out before rows are walked.
    classes: dict[object, str | None] = {}
    for u in levels["unit"].unique().tolist():
        classes[u] = unit_class(_text(u))
    usable = [_text(d) is not None and classes[u] is not None
              for d, u in zip(levels["department_id"].tolist(), levels["unit"].tolist(), strict=True)]
    levels = levels[np.array(usable, dtype=bool)].sort_values(["doc_id", "start"], kind="stable")
    levels = levels[~levels.duplicated(["city", "report_year", "metric_id"], keep="first")]
    # Each city's and year's rows in document order, found in one pass (a stable sort of all rows keeps
    # the order a sort of each city's year would give), not by filtering every fact once per city.
    levels_of: dict[tuple[str, int], list] = {}
    for r in levels.itertuples(index=False, name=None):
        levels_of.setdefault((str(r[0]), int(r[1])), []).append(r[4:])
    links: list[Link] = []
    ids_of = ids_by_city_year(metrics)
    for city in sorted({c for c, _y in ids_of}):
        years = sorted(y for c, y in ids_of if c == city)
        for y0, y1 in zip(years, years[1:]):
            # Only the ids one year lacks are candidates: the levels of the others are not made at all.
            later = _levels(levels_of.get((city, y1), []), changes, skip=ids_of[(city, y0)])
            earlier = _levels(levels_of.get((city, y0), []), changes, skip=ids_of[(city, y1)])
            links += _link_pair(city, y0, y1, later, earlier, catalogue)
    return links


# The keys a level is found and ordered by, then what ``_levels`` reads of it (in its order).
_LEVEL_COLUMNS = ["city", "report_year", "doc_id", "start", "metric_id", "fact_id", "department_id", "label", "unit",
                  "value", "qualifier", "quantity_text"]


def ids_by_city_year(metrics: pd.DataFrame) -> dict[tuple[str, int], set[str]]:
    """The ids each city's report of each year uses, in one pass over the rows (rows with no city or
    year, which belong to no report, left out)."""
    out: dict[tuple[str, int], set[str]] = {}
    known = (metrics["city"].notna() & metrics["report_year"].notna()).tolist()
    columns = (metrics["city"].tolist(), metrics["report_year"].tolist(), metrics["metric_id"].astype(str).tolist())
    for ok, c, y, m in zip(known, *columns, strict=True):
        if ok:
            out.setdefault((str(c), int(y)), set()).add(m)
    return out


def _link_pair(city: str, y0: int, y1: int, later: dict[str, _Level], earlier: dict[str, _Level], catalogue: Catalogue) -> list[Link]:
    proposals: list[tuple[tuple, Link]] = []
    wording: dict[str, list[str]] = {}  # earlier id -> later ids it is a wording candidate of
    options: dict[str, tuple[list, list]] = {}
    for m1, a in sorted(later.items()):
        confirmed, worded = [], []
        for m0, b in sorted(earlier.items()):
            if a.department_id != b.department_id or a.unit_class != b.unit_class:
                continue
            if catalogue.get(m1) is not None and catalogue.get(m0) is not None:
                continue
            score = similarity(a.measure, b.measure)
            stated = a.change is not None and a.change.bounded and a.change.agrees(b.figure)
            if stated and share_a_word(a.measure, b.measure):
                confirmed.append((score, m0))
            if score >= LINK_THRESHOLD:
                worded.append((score, m0))
                wording.setdefault(m0, []).append(m1)
        options[m1] = (confirmed, worded)
    for m1, (confirmed, worded) in options.items():
        a = later[m1]
        if len(confirmed) == 1:
            score, m0 = confirmed[0]
            evidence = "stated_change" + ("+" + _wording(score) if score >= LINK_THRESHOLD else "")
            proposals.append(((1, 1.0, score), _link(city, y0, y1, a, earlier[m0], 1.0, evidence)))
        elif not confirmed and len(worded) == 1 and len(wording[worded[0][1]]) == 1:
            score, m0 = worded[0]
            proposals.append(((0, score, score), _link(city, y0, y1, a, earlier[m0], score, _wording(score))))
    used0: set[str] = set()
    used1: set[str] = set()
    out = []
    for _rank, link in sorted(proposals, key=lambda p: (tuple(-x for x in p[0]), p[1].metric_id, p[1].previous_metric_id)):
        if link.metric_id in used1 or link.previous_metric_id in used0:
            continue
        used1.add(link.metric_id)
        used0.add(link.previous_metric_id)
        out.append(link)
    return out


def _wording(score: float) -> str:
    return "same_label" if score >= 1.0 else "similar_label"


def _link(city: str, y0: int, y1: int, a: _Level, b: _Level, score: float, evidence: str) -> Link:
    return Link(city, y1, y0, a.metric_id, b.metric_id, a.fact_id, b.fact_id, round(score, 6), evidence)


def apply_links(
    metrics: pd.DataFrame, links: list[Link], catalogue: Catalogue, registry: object
) -> tuple[pd.DataFrame, dict[str, str]]:
    """``metrics`` with each linked group of ids merged into one, and the merged id -> kept id map.

    A merge never puts two ids that one city's report of one year both uses under one id.
    """
    published = set(getattr(registry, "published", ()) or ())
    first_year = metrics.groupby("metric_id")["report_year"].min().to_dict()
    used = ids_by_city_year(metrics)
    parent: dict[str, str] = {}

    def find(m: str) -> str:
        while parent.get(m, m) != m:
            m = parent[m]
        return m

    def members(root: str) -> set[str]:
        return {m for m in set(parent) | {root} if find(m) == root}

    def rank(m: str) -> tuple:
        return (catalogue.get(m) is None, m not in published, first_year.get(m, 9999), m)

    for link in sorted(links, key=lambda k: (k.previous_year, k.year, k.metric_id, k.previous_metric_id)):
        a, b = find(link.metric_id), find(link.previous_metric_id)
        if a == b:
            continue
        group_a, group_b = members(a), members(b)
        if catalogue.get(a) is not None and catalogue.get(b) is not None:
            continue
        if any(ids & group_a and ids & group_b for ids in used.values()):
            continue
        keep, drop = sorted((a, b), key=rank)
        parent[drop] = keep
        parent.setdefault(keep, keep)
    mapping = {m: find(m) for m in parent if find(m) != m}
    if not mapping:
        return metrics, {}
    out = metrics.copy()
    out["metric_id"] = out["metric_id"].astype(str).map(lambda m: mapping.get(m, m))
    return out, {m: k for m, k in mapping.items() if m in published}
