"""The ``metric_changes`` table: every indicator's figure beside its previous one.

One row per (city, metric_id, role, unit, year) that has something to compare with. The rules:

- *What is compared.* Levels (role ``value``) with levels, stated changes with stated changes
  (增长16.5% against last year's 增长21.3%), targets with targets and ranks with ranks: a figure is
  only set beside a figure of the same role. Baselines are not rows of their own; they are the
  in-text previous figure of the level they belong to (``baselines.pair_baselines``). Figures without
  a unit (讨薪1.3亿) are not compared.
- *The previous report.* The latest earlier report of the same city that states the indicator in the
  same role; when this year's text gives a baseline of a known year, the report of exactly that year.
  Within that report the figure of an equivalent unit is used, else any figure of the indicator
  (then the row is flagged ``unit_mismatch``).
- *The in-text baseline.* Its period gives previous_year (去年 -> year - 1); without one the year is
  unknown and not guessed (flag ``baseline_period_unknown``, and it is not checked against a report).
- *previous_value* is the previous report's figure when there is one (it is what that year
  published), else the baseline. With both for the same year, ``conflict`` says whether they disagree
  beyond their printed precision and qualifiers (``precision.disagree``).
- *Stated changes.* A change this year's text states against last year (同比减少120起 after 480起)
  implies last year's value (``implied.stated_changes``). It is published beside the row, checked
  against last year's report (a disagreement beyond rounding is a conflict, ``conflict_with``
  implied_by_change), and is the previous value itself when last year's report is missing.
- *Links.* Each row with a previous report says why its two figures are one indicator
  (``link_evidence``, ``link_score``): the catalogue, the stated change, the same or a similar
  measure, or the registry that kept a link made by an earlier release.
- *Honesty.* Stated periods that cover different spans (1-10月份 vs 前三季度) flag
  ``period_mismatch``; several different figures of the indicator in one year flag
  ``multiple_values``; all three block the comparison (the change columns stay empty). Either figure
  qualified (逾, 近, 约 …) marks the row ``approximate``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from govmetrics.compare.baselines import pair_baselines
from govmetrics.compare.catalogue import load_catalogue
from govmetrics.compare.implied import StatedChange, stated_changes
from govmetrics.compare.linking import LINK_THRESHOLD, measure
from govmetrics.compare.similarity import similarity
from govmetrics.compare.periods import period_year, periods_differ
from govmetrics.compare.precision import Figure, disagree
from govmetrics.compare.units import canonical_unit, equivalent, unit_class
from schemas.metric_changes import BLOCKING_FLAGS, COMPARED_ROLES, FLAGS, MetricChanges

COLUMNS = list(MetricChanges.to_schema().columns)


@dataclass(frozen=True, slots=True)
class _Fact:
    fact_id: str
    year: int
    city: str
    metric_id: str
    role: str
    department: str | None
    department_id: str | None
    label: str | None
    value: float
    unit: str
    qualifier: str
    direction: str | None
    period: str | None
    quantity_text: str | None
    doc_id: str
    start: int

    @property
    def figure(self) -> Figure:
        return Figure(self.value, self.qualifier, self.quantity_text)

    @property
    def signed(self) -> float:
        # A change keeps its magnitude in `value`; comparing two changes needs the sign back.
        return -self.value if self.role == "change" and self.direction == "down" else self.value


def _opt(v: object) -> str | None:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    return str(v)


def _facts(metrics: pd.DataFrame) -> list[_Fact]:
    out = []
    for r in metrics.itertuples(index=False):
        unit = canonical_unit(getattr(r, "unit"))
        value = getattr(r, "value")
        if unit is None or value is None or value != value:
            continue
        out.append(
            _Fact(
                fact_id=str(r.fact_id), year=int(r.report_year), city=str(r.city), metric_id=str(r.metric_id),
                role=str(r.role), department=_opt(r.department), department_id=_opt(r.department_id),
                label=_opt(r.label), value=float(value), unit=unit, qualifier=_opt(r.qualifier) or "exact",
                direction=_opt(r.direction), period=_opt(r.period), quantity_text=_opt(getattr(r, "quantity_text", None)),
                doc_id=str(r.doc_id), start=int(r.start),
            )
        )
    return out


def _distinct(values: list[_Fact]) -> bool:
    return len({round(f.value, 9) for f in values}) > 1


def _in_class(facts: list[_Fact], unit: str) -> list[_Fact]:
    return [f for f in facts if equivalent(f.unit, unit)]


def metric_changes(metrics: pd.DataFrame) -> pd.DataFrame:
    """The metric_changes rows for a metrics-shaped frame whose ``metric_id`` is already assigned.

    ``metrics`` holds every year to compare (all partitions), with at least fact_id, metric_id,
    report_year, city, department, department_id, label, value, unit, qualifier, role, direction,
    period, doc_id, start and quantity_text.
    """
    if metrics.empty:
        return _frame([])
    ids = metrics["metric_id"] if "metric_id" in metrics else None
    if ids is None or ids.isna().any() or (ids.astype("str") == "").any():
        raise ValueError("metric_changes needs metric_id on every row: call assign_metric_ids(metrics) first")
    facts = _facts(metrics)
    by_id = {f.fact_id: f for f in facts}
    baseline_of = {v: by_id[b] for v, b in pair_baselines(metrics).items() if b in by_id and v in by_id}
    stated = stated_changes(metrics)

    groups: dict[tuple[str, str, str], dict[int, list[_Fact]]] = {}
    for f in facts:
        if f.role in COMPARED_ROLES:
            groups.setdefault((f.city, f.metric_id, f.role), {}).setdefault(f.year, []).append(f)

    rows = []
    for _key, years in sorted(groups.items()):
        for year in sorted(years):
            current = sorted(years[year], key=lambda f: (f.doc_id, f.start))
            classes = list(dict.fromkeys(unit_class(f.unit) for f in current))
            for cls in classes:
                same = [f for f in current if unit_class(f.unit) == cls]
                row = _compare(same, year, years, baseline_of, stated)
                if row is not None:
                    rows.append(row)
    return _frame(rows)


def _compare(
    same: list[_Fact], year: int, years: dict[int, list[_Fact]], baseline_of: dict[str, _Fact],
    stated: dict[str, StatedChange],
) -> dict | None:
    fact = same[0]
    baseline = next((baseline_of[f.fact_id] for f in same if f.fact_id in baseline_of), None)
    implied = stated.get(fact.fact_id) if fact.role == "value" else None
    baseline_year = period_year(baseline.period) if baseline else None
    if baseline_year is not None and baseline_year >= year:
        baseline_year = None  # a "previous" year that is not earlier is no year we can use

    earlier = [y for y in years if y < year]
    if baseline is not None and baseline_year is not None:
        report_year = baseline_year if baseline_year in earlier else None
    else:
        report_year = max(earlier) if earlier else None

    report, report_multiple = None, False
    if report_year is not None:
        candidates = sorted(years[report_year], key=lambda f: (f.doc_id, f.start))
        alike = _in_class(candidates, fact.unit)
        pool = alike or candidates
        report, report_multiple = pool[0], _distinct(pool)

    implied_here = implied is not None and (report is None or report.year == year - 1)
    if report is not None and ((baseline is not None and baseline_year is not None) or implied_here):
        source = "both"
    elif report is not None:
        source = "previous_report"
    elif baseline is not None:
        source = "in_text_baseline"
    elif implied is not None:
        source = "implied_by_change"
    else:
        return None

    previous = report if report is not None else (baseline if baseline is not None else _implied_fact(fact, implied, year))
    flags = set()
    if report is not None and not equivalent(report.unit, fact.unit):
        flags.add("unit_mismatch")
    if report is not None and periods_differ(fact.period, year, report.period, report.year):
        flags.add("period_mismatch")
    if _distinct(same) or report_multiple:
        flags.add("multiple_values")
    if baseline is not None and baseline_year is None:
        flags.add("baseline_period_unknown")
    flag = next((f for f in FLAGS if f in flags), None)
    comparable = flag not in BLOCKING_FLAGS

    conflict_with = None
    if source == "both" and baseline is not None and baseline_year is not None and equivalent(report.unit, baseline.unit) and disagree(report.figure, baseline.figure):
        conflict_with = "in_text_baseline"
    elif source == "both" and implied_here and equivalent(report.unit, fact.unit) and implied.bounded and not implied.agrees(report.figure):
        conflict_with = "implied_by_change"
    conflict = conflict_with is not None
    absolute = percent = None
    if comparable:
        absolute = fact.signed - previous.signed
        if fact.role in ("value", "target") and previous.value:
            # Relative to the size of the previous figure, so a rise is positive even from below zero.
            percent = (fact.value - previous.value) / abs(previous.value) * 100

    return {
        "city": fact.city,
        "metric_id": fact.metric_id,
        "role": fact.role,
        "department": fact.department,
        "department_id": fact.department_id,
        "label": fact.label,
        "unit": fact.unit,
        "year": year,
        "value": fact.value,
        "qualifier": fact.qualifier,
        "direction": fact.direction,
        "period": fact.period,
        "fact_id": fact.fact_id,
        "previous_year": report.year if report is not None else (baseline_year if baseline is not None else year - 1),
        "previous_label": previous.label,
        "previous_value": previous.value,
        "previous_qualifier": previous.qualifier,
        "previous_direction": previous.direction,
        "previous_period": previous.period,
        "previous_source": source,
        "previous_report_value": report.value if report is not None else None,
        "previous_report_fact_id": report.fact_id if report is not None else None,
        "in_text_baseline_value": baseline.value if baseline is not None else None,
        "in_text_baseline_fact_id": baseline.fact_id if baseline is not None else None,
        "implied_previous_value": implied.value if implied_here else None,
        "implied_previous_min": implied.low if implied_here else None,
        "implied_previous_max": implied.high if implied_here else None,
        "implied_by_fact_id": implied.change_fact_id if implied_here else None,
        "absolute_change": absolute,
        "percent_change": percent,
        "conflict": conflict,
        "conflict_with": conflict_with,
        "approximate": fact.qualifier != "exact" or previous.qualifier != "exact",
        "comparable": comparable,
        **_link(fact, report, implied if implied_here else None),
        "flag": flag,
    }


def _implied_fact(fact: _Fact, implied: StatedChange, year: int) -> _Fact:
    """The previous figure a stated change implies, in the shape of a fact (it has no span of its own)."""
    return _Fact(
        fact_id=implied.change_fact_id, year=year - 1, city=fact.city, metric_id=fact.metric_id, role=fact.role,
        department=fact.department, department_id=fact.department_id, label=None, value=implied.value,
        unit=fact.unit, qualifier="exact" if implied.exact else "approx", direction=None, period=None,
        quantity_text=None, doc_id=fact.doc_id, start=fact.start,
    )


def _link(fact: _Fact, report: _Fact | None, implied: StatedChange | None) -> dict:
    """Why this year's figure and the previous report's are one indicator, and how sure that is."""
    if report is None:
        return {"link_evidence": None, "link_score": None}
    evidence, score = [], 0.0
    if load_catalogue().get(fact.metric_id) is not None:
        evidence.append("catalogue")
        score = 1.0
    if implied is not None and implied.bounded and implied.agrees(report.figure):
        evidence.append("stated_change")
        score = 1.0
    words = similarity(measure(fact.label, fact.role), measure(report.label, report.role))
    if words >= 1.0:
        evidence.append("same_label")
        score = 1.0
    elif words >= LINK_THRESHOLD:
        evidence.append("similar_label")
        score = max(score, words)
    if not evidence:
        evidence.append("registry")
        score = words
    return {"link_evidence": "+".join(evidence), "link_score": round(score, 6)}


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in (
        "value", "previous_value", "previous_report_value", "in_text_baseline_value", "implied_previous_value",
        "implied_previous_min", "implied_previous_max", "absolute_change", "percent_change", "link_score",
    ):
        frame[col] = frame[col].astype("float64")
    for col in ("conflict", "approximate", "comparable"):
        frame[col] = frame[col].astype("bool")
    frame["year"] = frame["year"].astype("int64")
    frame["previous_year"] = frame["previous_year"].astype("Int64")
    sort_by = MetricChanges.__config__.metadata["sort_by"]
    return frame.sort_values(sort_by, na_position="last", kind="stable").reset_index(drop=True)
