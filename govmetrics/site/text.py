"""How the site words values, qualifiers, periods and flags in Chinese.

Plain functions of the table values, kept apart from the pages so that every page says the same
thing the same way (a qualifier is always the same mark, a partial year always the same note).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Qualifier -> (mark, how the report words it).  ``nearly`` (近) is just under the figure: ≈ with
# its own wording, so the mark set stays the five an analyst knows.
QUALIFIER_MARKS: dict[str, tuple[str, str]] = {
    "exact": ("", "确数"),
    "approx": ("≈", "约"),
    "nearly": ("≈", "近（略少于）"),
    "more_than": (">", "余、超过"),
    "at_least": ("≥", "以上、不少于"),
    "at_most": ("≤", "不超过、以内"),
    "less_than": ("<", "不足、低于"),
}
ROLES = {"value": "数值", "baseline": "基数", "change": "变化", "target": "目标", "rank": "排名"}
KINDS = {"stock": "存量（时点数）", "flow": "流量（期间累计）", "rate": "比率", "ratio": "比值", "rank": "排名"}
SOURCES = {
    "previous_report": "上年报告",
    "in_text_baseline": "本年报告文中所述基数",
    "both": "上年报告（本年文中另述基数）",
    "implied_by_change": "由本年报告所述变化推算",
}
FLAGS = {
    "unit_mismatch": "单位不一致，不作比较",
    "period_mismatch": "统计期间不同，不作比较",
    "multiple_values": "同一年有多个数值，不作比较",
    "baseline_period_unknown": "文中未说明基数所属年份",
}
# Units whose figures are never rewritten with 万/亿 (shares, points, ranks are small numbers).
_NO_SCALE_UNITS = {"%", "‰", "百分点", "个百分点"}
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:/(\d{4})(?:-(\d{2}))?)?$")


def number(value: float | None) -> str:
    """A figure as a Chinese reader writes it: 1630000 -> 163万, 160000000 -> 1.6亿, 88.5 -> 88.5."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    a = abs(value)
    if a >= 1e8:
        return _plain(value / 1e8) + "亿"
    if a >= 1e4:
        return _plain(value / 1e4) + "万"
    return _plain(value)


def _plain(x: float) -> str:
    text = f"{x:.10g}"
    if "e" in text:  # tiny or huge: keep the full figure rather than an exponent
        text = f"{x:.10f}".rstrip("0").rstrip(".")
    return text


def quantity(value: float | None, unit: str | None, role: str | None = None, direction: str | None = None) -> str:
    """Value with its unit, without qualifier mark: 163万人, 95%, 第1位, ↑10%."""
    unit = unit or ""
    if role == "rank":
        return f"第{_plain(value)}{unit}" if value is not None and not _isnan(value) else "—"
    body = _plain(value) if unit in _NO_SCALE_UNITS and value is not None and not _isnan(value) else number(value)
    arrow = {"up": "↑", "down": "↓"}.get(direction or "", "")
    return f"{arrow}{body}{unit}"


def value_range(low: float, high: float, unit: str | None) -> str:
    """A figure stated as a range (1-2项, 1.5-2亿元): both ends, the unit once."""
    unit = unit or ""
    if unit in _NO_SCALE_UNITS:
        return f"{_plain(low)}–{_plain(high)}{unit}"
    return f"{number(low)}–{number(high)}{unit}"


def _isnan(v: float) -> bool:
    return isinstance(v, float) and math.isnan(v)


def mark(qualifier: str | None) -> str:
    return QUALIFIER_MARKS.get(qualifier or "exact", ("", ""))[0]


def mark_title(qualifier: str | None) -> str:
    return QUALIFIER_MARKS.get(qualifier or "exact", ("", qualifier or ""))[1]


def change(absolute: float | None, unit: str | None, role: str | None = None) -> str:
    """A signed change: +17万人, -2.5个百分点 (a change of a share is in percentage points)."""
    if absolute is None or _isnan(absolute):
        return "—"
    sign = "+" if absolute > 0 else ("−" if absolute < 0 else "±")
    unit = unit or ""
    if unit == "%":
        return f"{sign}{_plain(abs(absolute))}个百分点"
    if role == "rank":
        return f"{sign}{_plain(abs(absolute))}位"
    body = _plain(abs(absolute)) if unit in _NO_SCALE_UNITS else number(abs(absolute))
    return f"{sign}{body}{unit}"


def percent(value: float | None) -> str:
    if value is None or _isnan(value):
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{abs(value):.1f}%"


@dataclass(frozen=True)
class Period:
    text: str
    partial: bool


def period(value: str | None, report_year: int | None = None) -> Period | None:
    """What a period covers, in words, and whether it is less than a full year.

    None when there is nothing to note: no period, or exactly the report's own year.
    """
    if not value:
        return None
    m = _PERIOD.match(value)
    if not m:
        return Period(value, False)
    y1, m1, y2, m2 = m.groups()
    if y2 is None and m1 is not None:  # one month
        return Period(f"{y1}年{int(m1)}月", True)
    y2 = y2 or y1
    if y1 == y2 and (m1 or "01") == "01" and (m2 or "12") == "12":  # the whole of one year
        if report_year is not None and int(y1) == report_year:
            return None
        return Period(f"{y1}年", False)
    start = f"{y1}年{int(m1)}月" if m1 else f"{y1}年"
    if y1 == y2:
        return Period(f"{start}–{int(m2)}月" if m2 else f"{start}起", True)
    end = f"{y2}年{int(m2)}月" if m2 else f"{y2}年"
    return Period(f"{start}–{end}", False)


def size(n: int) -> str:
    """A file size for people (the exact byte count is shown beside it)."""
    if n < 1024:
        return f"{n} B"
    x = n / 1024
    for unit in ("KB", "MB"):
        if x < 1024:
            return f"{x:.1f} {unit}"
        x /= 1024
    return f"{x:.1f} GB"
