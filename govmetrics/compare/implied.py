"""Stated changes against last year, and the previous value each one implies.

``全年接警出动1.41万次，按年升11.9%`` says last year's count was about 1.26万; ``亡人事故7起，按年减少2起``
says it was 9. A change stated against the previous year (同比, 按年, 比上年, 较上年, 比去年 …) implies
the previous value of the level it follows:

- an amount in the level's unit (or points for a level in %): previous = current ∓ amount;
- a percentage of a level that is not itself a share: previous = current / (1 ± p/100).

The implied value is an interval, not a point: each printed figure allows what its rounding and
qualifier allow (``precision.interval``), and the interval carries that through. Two figures agree
when their intervals overlap. A share changed by a percentage (覆盖率提高5%) is left alone: whether
that is points or a relative change, the text does not say.

A change is paired with the nearest level before it in the same sentence whose unit it can change; the
words between them must say the change is against last year.
"""

from __future__ import annotations

import math
import re
from collections import namedtuple
from dataclasses import dataclass
from operator import itemgetter

import pandas as pd

from govmetrics.compare.labels import normalize_label
from govmetrics.compare.similarity import dice
from govmetrics.compare.precision import Figure, interval, printed_step
from govmetrics.compare.units import canonical_unit, equivalent
from govmetrics.textnorm import fold_width, to_simplified

YEAR_ON_YEAR = ("同比", "按年", "比上年", "较上年", "比去年", "较去年", "比上一年", "较上一年", "与上年相比", "与去年相比")
_UP = ("增长", "增加", "上升", "提高", "提升", "升", "增", "多", "上涨")
_DOWN = ("下降", "减少", "降低", "回落", "下跌", "跌", "降", "少", "减")
# A share whose label ends in a change stated against last year is a change the reader did not mark:
# 火災事故按年升11.9% after a count.
_CHANGE_LABEL = re.compile(r"(?:" + "|".join(YEAR_ON_YEAR) + r")(" + "|".join(_UP + _DOWN) + r")$")
SHARE_UNITS = frozenset({"%", "‰", "百分点"})
# A change's label names its level when the two are at least this alike (近视率 is not 体质健康优良率,
# which share only 中小学生: 0.38).
NAMES_LEVEL = 0.5
# A level and its change are this close at most (characters of the sentence between them).
MAX_GAP = 24


def bounds(value: float, qualifier: str | None, quantity_text: str | None) -> tuple[float, float]:
    """The values a printed figure allows; a whole count printed in full (7起, 1380人) is exactly itself.

    Rounding to half a step either way is for figures that were rounded to be printed (1.41万, 11.9%):
    an amount must match exactly after scaling.
    """
    if (qualifier or "exact") == "exact" and float(value).is_integer() and printed_step(quantity_text, value) == 1.0:
        return float(value), float(value)
    return interval(value, qualifier, quantity_text)


@dataclass(frozen=True, slots=True)
class StatedChange:
    """A change stated against last year, and the previous value of its level that it implies."""

    level_fact_id: str
    change_fact_id: str
    amount: float
    unit: str
    direction: str  # "up" or "down"
    relative: bool  # a percentage of the level, rather than an amount in its unit
    value: float  # the implied previous value (point)
    low: float  # the interval of previous values the printed figures allow
    high: float

    @property
    def exact(self) -> bool:
        return math.isfinite(self.low) and math.isfinite(self.high) and math.isclose(self.low, self.high, rel_tol=1e-12)

    def agrees(self, figure: Figure) -> bool:
        """Whether a printed figure of the previous year can be the value this change implies."""
        lo, hi = bounds(figure.value, figure.qualifier, figure.quantity_text)
        eps = 1e-9 * max(1.0, abs(figure.value), abs(self.value))
        return not (hi + eps < self.low or self.high + eps < lo)

    @property
    def bounded(self) -> bool:
        """Whether the interval is finite (a qualifier such as 余 or 以上 leaves it open)."""
        return math.isfinite(self.low) and math.isfinite(self.high)


def _text(v: object) -> str | None:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    return str(v) or None


def _norm(text: str | None) -> str:
    return to_simplified(fold_width(text or ""))


def _direction(row: object) -> str | None:
    """The direction of a change fact, or of a share the extractor left as a level under a change's label."""
    role = _text(row.role)  # type: ignore[attr-defined]
    if role == "change":
        return _text(row.direction)  # type: ignore[attr-defined]
    if role == "value" and canonical_unit(_text(row.unit)) in SHARE_UNITS:  # type: ignore[attr-defined]
        m = _CHANGE_LABEL.search(_norm(_text(row.label)).replace(" ", ""))  # type: ignore[attr-defined]
        if m:
            return "up" if m.group(1) in _UP else "down"
    return None


def _between(sentence: str, level_text: str, change_text: str) -> str | None:
    """The words between a level and the change after it, in one sentence (None when not found so)."""
    i = sentence.find(level_text)
    while i >= 0:
        j = sentence.find(change_text, i + len(level_text))
        if j >= 0:
            gap = sentence[i + len(level_text) : j]
            if len(gap) <= MAX_GAP:
                return gap
        i = sentence.find(level_text, i + 1)
    return None


def stated_changes(metrics: pd.DataFrame) -> dict[str, StatedChange]:
    """Level fact_id -> the change stated against last year right after it, with the value it implies."""
    out: dict[str, StatedChange] = {}
    if metrics.empty:
        return out
    # One pass over every row in (doc_id, start) order, cut into documents: the rows each document's
    # own sort would give, without a frame per document. Only the columns read here are walked, as plain
    # tuples; a row becomes a named one when it is a change and its level.
    columns = [c for c in _COLUMNS if c in metrics.columns]
    row_of = namedtuple("Row", columns)._make  # type: ignore[misc]
    col = {c: i for i, c in enumerate(columns)}
    doc, role, unit, value, sentence, dept = (col[c] for c in ("doc_id", "role", "unit", "value", "sentence", "department_id"))
    label_at, direction_at = col["label"], col.get("direction")
    wording = (itemgetter(role, direction_at, unit, label_at) if direction_at is not None
               else lambda t: (t[role], None, t[unit], t[label_at]))
    by_doc: dict[str, list] = {}
    for t in metrics[columns].sort_values(["doc_id", "start"], kind="stable").itertuples(index=False, name=None):
        by_doc.setdefault(t[doc], []).append(t)
    directions: dict[tuple, str | None] = {}  # the same wordings recur in every city and year
    for doc_id in sorted(by_doc):
        rows = by_doc[doc_id]
        dirs = []
        for t in rows:
            key = wording(t)
            if key not in directions:
                directions[key] = _direction(row_of(t))
            dirs.append(directions[key])
        for k, t in enumerate(rows):
            direction = dirs[k]
            if direction is None or _text(t[unit]) is None or t[value] is None or t[value] != t[value]:
                continue
            j = _level_before(rows, dirs, k, sentence, dept, role, unit, value)
            if j is None:
                continue
            change, level = row_of(t), row_of(rows[j])
            if str(level.fact_id) in out:
                continue
            sentence_text = _norm(_text(change.sentence))
            gap = _between(sentence_text, _norm(_text(level.quantity_text)), _norm(_text(change.quantity_text)))
            label = _norm(_text(change.label))
            if gap is None or not any(w in gap or w in label for w in YEAR_ON_YEAR):
                continue
            if not _names_level(change, level):
                continue
            implied = _implied(level, change, direction)
            if implied is not None:
                out[str(level.fact_id)] = implied
    return out


# What is read of a row here.
_COLUMNS = ["doc_id", "start", "fact_id", "department_id", "label", "value", "unit", "qualifier", "role", "direction",
            "quantity_text", "sentence"]


def _names_level(change: object, level: object) -> bool:
    """Whether a change's own label, if it names anything, names the level (近视率下降1.2个百分点 after
    优良率60.4% is a change of another indicator)."""
    own = normalize_label(_text(change.label), "change")  # type: ignore[attr-defined]
    for w in (*YEAR_ON_YEAR, *_UP, *_DOWN):
        own = own.replace(w, "")
    if len(own) < 2:
        return True
    target = normalize_label(_text(level.label))  # type: ignore[attr-defined]
    return own in target or target in own or dice(own, target) >= NAMES_LEVEL


def _level_before(rows: list[tuple], directions: list, k: int, sentence: int, dept: int, role: int, unit: int,
                  value: int) -> int | None:
    """The position of the level a change at ``k`` follows: the nearest value before it, in the same
    sentence and department, that is no change itself. ``rows`` are tuples; the other arguments say
    where each field is in them."""
    change = rows[k]
    for j in range(k - 1, -1, -1):
        r = rows[j]
        if _text(r[sentence]) != _text(change[sentence]) or _text(r[dept]) != _text(change[dept]):
            return None
        if _text(r[role]) == "value" and directions[j] is None and _text(r[unit]) and r[value] == r[value]:
            return j
    return None


def _implied(level: object, change: object, direction: str) -> StatedChange | None:
    lu, cu = canonical_unit(_text(level.unit)), canonical_unit(_text(change.unit))  # type: ignore[attr-defined]
    cur, amt = float(level.value), float(change.value)  # type: ignore[attr-defined]
    c_lo, c_hi = bounds(cur, _text(level.qualifier), _text(level.quantity_text))  # type: ignore[attr-defined]
    a_lo, a_hi = bounds(amt, _text(change.qualifier), _text(change.quantity_text))  # type: ignore[attr-defined]
    a_lo = max(a_lo, 0.0)
    up = direction == "up"
    if equivalent(lu, cu) or (lu == "%" and cu == "百分点"):
        value = cur - amt if up else cur + amt
        low, high = (c_lo - a_hi, c_hi - a_lo) if up else (c_lo + a_lo, c_hi + a_hi)
        relative = False
    elif cu == "%" and lu not in SHARE_UNITS:
        if not up and a_hi >= 100:
            return None
        value = cur / (1 + amt / 100) if up else cur / (1 - amt / 100)
        if up:
            low, high = c_lo / (1 + a_hi / 100), c_hi / (1 + a_lo / 100)
        else:
            low, high = c_lo / (1 - a_lo / 100), (c_hi / (1 - a_hi / 100) if a_hi < 100 else math.inf)
        relative = True
    else:
        return None
    return StatedChange(
        level_fact_id=str(level.fact_id), change_fact_id=str(change.fact_id), amount=amt, unit=cu or "",  # type: ignore[attr-defined]
        direction=direction, relative=relative, value=value, low=low, high=high,
    )
