"""The extraction pass: scan, share list units, filter, then role, period and label each figure."""

from __future__ import annotations

from govmetrics.extract import labels as lb
from govmetrics.extract import lexicon as lx
from govmetrics.extract.budgets import BudgetScopes
from govmetrics.extract.context import Context, positions
from govmetrics.extract.filters import Marks, is_metric
from govmetrics.extract.numerals import parse_number
from govmetrics.extract.periods import PeriodReader
from govmetrics.extract.plans import PlanScopes
from govmetrics.extract.roles import (
    assign_role,
    follow_bracket,
    follows_baseline,
    settle_part,
    settle_sign,
    spread_list_roles,
)
from govmetrics.extract.scanner import Quantity, scan
from govmetrics.model import Mention


def extract(text: str, report_year: int | None = None, *, strict: bool = True) -> list[Mention]:
    """All mentions in ``text``; with ``strict=False`` a failing figure is skipped, never raised.

    (A ``try`` that does not raise costs nothing, so the lenient mode guards each figure.)
    """
    quantities = scan(text, strict=strict)
    if not quantities:
        return []
    _share_units(text, quantities)
    ctx = Context(text)
    marks = Marks(text)
    plans = PlanScopes(text, ctx, report_year)
    budgets = BudgetScopes(text, report_year)
    budget_at = budgets.year_at if budgets else None
    kept: list[tuple[Quantity, tuple[int, int]]] = []
    sentences: list[tuple[int, int]] = []
    opening = positions(text, "(") | positions(text, "（")  # brackets, which few figures are right before
    last_baseline = -1  # where the last from-value kept ends
    bracketed: Quantity | None = None  # a figure kept right before an opening bracket (增长9.0%(全国…)
    for q in quantities:
        try:
            clause = ctx.clause(q.core_start)
            if is_metric(text, q, clause[0], marks, clause[1]):
                sentence = ctx.sentence(q.core_start)
                assign_role(text, q, clause[0], clause[1], report_year, sentence[0], plans.covers(q.core_start),
                            last_baseline > sentence[0], budget_at(q.core_start) if budget_at else None)
                if q.role == "value":
                    if last_baseline >= 0 and kept[-1][0].end == last_baseline and kept[-1][1] == clause:
                        follows_baseline(text, q, kept[-1][0])
                    if bracketed is not None and not follow_bracket(text, q, bracketed):
                        bracketed = None
                if q.role == "change":
                    settle_part(text, q, clause[0], _whole(kept, sentences, sentence, q.unit))
                elif q.role == "baseline":
                    last_baseline = q.end
                kept.append((q, clause))
                sentences.append(sentence)
                if q.end in opening:
                    bracketed = q
        except Exception:  # noqa: BLE001 - one odd figure must not cost the report its other figures
            if strict:
                raise
    for group in _list_groups(text, [q for q, _ in kept]):
        spread_list_roles(group)
        for q in group:
            settle_sign(text, q)
    periods = PeriodReader(text, report_year, plans)
    labeller = lb.Labeller(text, kept, ctx, opening)
    mentions = []
    for i, (q, clause) in enumerate(kept):
        try:
            mentions.append(_mention(text, q, clause, sentences[i], labeller, i, periods))
        except Exception:  # noqa: BLE001
            if strict:
                raise
    return mentions


def _whole(
    kept: list[tuple[Quantity, tuple[int, int]]], sentences: list[tuple[int, int]], sentence: tuple[int, int],
    unit: str | None,
) -> Quantity | None:
    """The nearest figure kept before, in ``sentence``, with ``unit``: what a part of it is part of."""
    for i in range(len(kept) - 1, max(-1, len(kept) - 9), -1):
        if sentences[i] != sentence:
            return None
        if kept[i][0].unit == unit:
            return kept[i][0]
    return None


def _share_units(text: str, qs: list[Quantity]) -> None:
    """``分别达到8683、9776家``: a unit written once after a list applies to each member;
    ``百分之98.7及79.3``: a 百分之 before a list applies to each member too."""
    for i in range(len(qs) - 2, -1, -1):
        a, b = qs[i], qs[i + 1]
        if (a.unit is None and a.kind == "num" and b.unit is not None and b.kind in ("num", "pct")
                and lb.listed(text, a, b) and not _is_year(b)):
            a.unit = b.unit
            a.inherited_unit = True
            if b.scale_text and not a.scale_text and not a.chinese:
                value = parse_number(a.numeral + b.scale_text)
                if value is not None:
                    a.value, a.scale, a.scale_text = value, b.scale, b.scale_text
        elif (a.unit in lx.SHARED_UNIT_LEADS and b.unit != a.unit and b.unit in lx.SHARED_UNIT_LEADS[a.unit]
              and b.kind == "num" and a.kind == "num" and lb.listed(text, a, b)
              and text.startswith(a.unit, a.end - len(a.unit)) and a.unit in text[b.core_end : b.end]):
            # 分别压缩至3个、1个工作日: the first member writes only the lead of the unit written after
            # the last; it keeps its text (3个) and takes the whole unit.
            a.unit = b.unit
            a.inherited_unit = True
    for i in range(1, len(qs)):
        a, b = qs[i - 1], qs[i]
        if (b.unit is None and b.kind == "num" and a.kind == "pct" and a.unit is not None
                and lb.listed(text, a, b)):
            b.unit = a.unit
            b.inherited_unit = True


def _is_year(q: Quantity) -> bool:
    """``2024年``: a year is never a unit for the numbers listed before it (三、2024年工作打算)."""
    return q.unit in lx.YEAR_UNITS and q.value is not None and q.value >= 100


def _list_groups(text: str, qs: list[Quantity]) -> list[list[Quantity]]:
    """Runs of figures joined by list connectors (8683、9776家), two members or more."""
    groups: list[list[Quantity]] = []
    current: list[Quantity] | None = None
    previous: Quantity | None = None
    for q in qs:
        if previous is not None and q.start - previous.end <= 2 and lb.listed(text, previous, q):
            if current is None:
                current = [previous]
                groups.append(current)
            current.append(q)
        else:
            current = None
        previous = q
    return groups


def _mention(
    text: str,
    q: Quantity,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    labeller: lb.Labeller,
    index: int,
    periods: PeriodReader,
) -> Mention:
    period = periods.period_at(q.start, sentence[0], sentence[1], q.role == "target")
    if q.role == "baseline":
        period = periods.local_period(q.start, clause[0]) or period
    label = labeller.label(index)
    return Mention(
        start=q.start,
        end=q.end,
        quantity_text=text[q.start : q.end],
        value=q.value,
        unit=q.unit,
        qualifier=q.qualifier,
        role=q.role,
        direction=q.direction if q.role == "change" else None,
        label=label or None,
        period=period,
        sentence_start=sentence[0],
        sentence_end=sentence[1],
    )
