"""Ranges: a figure stated as two ends (1-2项, 3至5年, 1.5-2亿元) is one fact with a lower and an upper end.

The extractor reads a range as one mention with no single value. Publishing it with an empty value
and nothing else would lose what the report says, and a midpoint would say more than it does; so a
range keeps ``value`` empty and carries its ends in ``value_min`` and ``value_max`` (in base units,
a scale word written once after the second end applying to both: 1.5-2亿元 is 1.5亿 to 2亿).
"""

from __future__ import annotations

import re

from govmetrics.extract.numerals import parse_number
from govmetrics.textnorm import fold_width, to_simplified

_SEPARATOR = re.compile(r"\s*(?:-|~|～|—|–|至|到)\s*")
_SCALE = re.compile(r"(万亿|亿|万|千|百)$")
_HEDGES = ("约", "近", "超过", "超", "逾", "以上", "以内", "左右", "余", "多")


def range_ends(quantity_text: str | None, unit: str | None) -> tuple[float, float] | None:
    """The two ends of a range as written, in base units, or ``None`` when the text is no range."""
    if not quantity_text:
        return None
    text = to_simplified(fold_width(quantity_text)).strip()
    if unit:
        u = to_simplified(fold_width(unit))
        if text.endswith(u):
            text = text[: -len(u)]
        elif u.startswith("个") and text.endswith(u[1:]):
            text = text[: -len(u) + 1]
    text = text.rstrip("个")
    for hedge in _HEDGES:
        text = text.removeprefix(hedge).removesuffix(hedge)
    parts = _SEPARATOR.split(text)
    if len(parts) != 2 or not all(parts):
        return None
    low, high = parts
    scale = _SCALE.search(high)
    if scale and not _SCALE.search(low):
        low += scale.group(1)
    lo, hi = parse_number(low), parse_number(high)
    if lo is None or hi is None or lo > hi:
        return None
    return float(lo), float(hi)
