"""Periods of figures: which year a baseline belongs to, and whether two years' figures cover alike spans.

Periods are written ``YYYY``, ``YYYY-MM/YYYY-MM`` or ``YYYY/YYYY`` (schemas.vocabularies.PERIOD_PATTERN).

- A baseline's period names the year it describes (去年 -> the report year minus one); a baseline
  without one has no known year, and none is guessed.
- Figures of two years cover *alike* spans when their periods, taken relative to each figure's own
  report year, are the same months (1-10月份 in 2021 and in 2022). 1-10月份 against 前三季度 is not
  alike, nor is a whole year against part of one. A figure with no stated period is taken as
  unknown, not as different: only two stated periods can be told apart.
"""

from __future__ import annotations

import re

_PART = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def _bounds(period: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    parts = period.split("/")
    if len(parts) > 2:
        return None
    parsed = []
    for p in parts:
        m = _PART.match(p.strip())
        if not m:
            return None
        parsed.append((int(m.group(1)), int(m.group(2)) if m.group(2) else None))
    (y0, m0), (y1, m1) = parsed[0], parsed[-1]
    return (y0, m0 or 1), (y1, m1 or 12)


def period_year(period: str | None) -> int | None:
    """The year a period ends in (the year a baseline describes), or ``None`` when unknown."""
    if not isinstance(period, str) or not period:
        return None
    bounds = _bounds(period)
    return bounds[1][0] if bounds else None


def period_shape(period: str | None, report_year: int) -> tuple[int, int, int, int] | None:
    """The months a period covers, relative to the report year: (year offset, month) at each end."""
    if not isinstance(period, str) or not period:
        return None
    bounds = _bounds(period)
    if bounds is None:
        return None
    (y0, m0), (y1, m1) = bounds
    return (y0 - report_year, m0, y1 - report_year, m1)


def periods_differ(period_a: str | None, year_a: int, period_b: str | None, year_b: int) -> bool:
    """True only when both periods are stated and cover different spans of their years."""
    a, b = period_shape(period_a, year_a), period_shape(period_b, year_b)
    return a is not None and b is not None and a != b
