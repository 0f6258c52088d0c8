"""What a printed figure can mean: its rounding step, and the interval its qualifier allows.

A report that printed 146万人 last year and says 比去年的150万人 this year disagrees with itself;
one that printed 2.61% and says 由去年的2.61% does not, and neither does 28分钟左右 against
28分钟左右. Two figures *conflict* when the sets of true values they allow do not overlap:

- the printed *step* is one unit of the last digit written, scale words included (146万 -> 1万,
  1.45亿 -> 0.01亿 = 100万, 2.61% -> 0.01); a figure in Chinese numerals (两千, 一百零五万) is read
  to its last non-zero digit;
- an exact figure allows half a step either way (it was rounded to what is printed);
- 约/左右 allow one *loose step* either way, 近 up to one loose step below, 余/超/逾/以上 anything at
  or above, 不超过/以内/不足/以下 anything at or below. The loose step is the printed step or one
  unit of the second significant digit, whichever is larger (近4000 may be 3950, not only 3999.5).
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from govmetrics.textnorm import fold_width, to_simplified

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_GROUPING = re.compile(r"(?<=\d)[,\s](?=\d{3}(?!\d))")

INF = math.inf


class Figure(NamedTuple):
    """A figure as printed: its value in base units, its qualifier and its exact text."""

    value: float
    qualifier: str | None
    quantity_text: str | None


def printed_step(quantity_text: str | None, value: float) -> float:
    """One unit of the last digit the report printed, in the figure's base unit."""
    if value is None or value != value:
        return 0.0
    text = to_simplified(fold_width(quantity_text or "")).replace("·", ".")
    text = _GROUPING.sub("", text)
    match = _NUMBER.search(text)
    if match:
        token = match.group(0)
        decimals = len(token.split(".")[1]) if "." in token else 0
        number = float(token)
        scale = value / number if number else 1.0
        # A scale is a power of ten (万, 亿, 万亿); snap away float noise from the division.
        if scale > 0:
            scale = 10 ** round(math.log10(scale))
        return float(scale * 10 ** (-decimals))
    return _last_digit_step(value)


def _last_digit_step(value: float) -> float:
    if value == 0:
        return 1.0
    if float(value).is_integer():
        n, step = int(abs(value)), 1
        while n % 10 == 0 and n:
            n //= 10
            step *= 10
        return float(step)
    decimals = len(repr(float(value)).split(".")[1])
    return 10.0 ** (-decimals)


def loose_step(value: float, step: float) -> float:
    """The printed step or one unit of the second significant digit, whichever is larger."""
    if not value:
        return step
    magnitude = 10 ** (math.floor(math.log10(abs(value))) - 1)
    return max(step, magnitude)


def interval(value: float, qualifier: str | None, quantity_text: str | None) -> tuple[float, float]:
    """The true values a printed figure allows, given its qualifier."""
    step = printed_step(quantity_text, value)
    half = step / 2
    loose = loose_step(value, step)
    q = qualifier or "exact"
    if q == "approx":
        return value - loose, value + loose
    if q == "nearly":
        return value - loose, value + half
    if q in ("more_than", "at_least"):
        return value - half, INF
    if q in ("at_most", "less_than"):
        return -INF, value + half
    return value - half, value + half


def disagree(a: Figure, b: Figure) -> bool:
    """Whether two printed figures of one quantity cannot both be right (their intervals are disjoint)."""
    lo_a, hi_a = interval(a.value, a.qualifier, a.quantity_text)
    lo_b, hi_b = interval(b.value, b.qualifier, b.quantity_text)
    eps = 1e-9 * max(1.0, abs(a.value), abs(b.value))
    return hi_a + eps < lo_b or hi_b + eps < lo_a
