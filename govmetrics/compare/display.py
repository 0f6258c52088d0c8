"""Printing metric_changes for people: an aligned table that survives Chinese text, or plain CSV.

Terminal columns are not characters: a CJK character takes two cells, so padding by ``len`` would
skew every row with a Chinese label. Widths here count East Asian wide and full-width characters as
two cells and combining marks as none.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence

import pandas as pd

# Qualifiers written the way reports write them (约28, 95以上), in characters whose terminal width is
# never ambiguous (≈ or ≥ take one cell in some terminals and two in others).
QUALIFIER_MARKS = {
    "exact": ("", ""),
    "approx": ("约", ""),
    "nearly": ("近", ""),
    "more_than": ("超", ""),
    "at_least": ("", "以上"),
    "at_most": ("", "以内"),
    "less_than": ("不足", ""),
}


def cell_width(text: str) -> int:
    """Terminal cells the text takes."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(0, width - cell_width(text))
    return fill + text if right else text + fill


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def format_number(value: float | None, *, signed: bool = False) -> str:
    """A figure as a report would print it: 231亿, 163万, 6,352, 2.61 (exact values are in the CSV)."""
    if _missing(value):
        return ""
    v = float(value)
    sign = "+" if signed and v > 0 else ("-" if v < 0 else "")
    a = abs(v)
    if a >= 1e8:
        body, scale = a / 1e8, "亿"
    elif a >= 1e5:
        body, scale = a / 1e4, "万"
    else:
        body, scale = a, ""
    text = f"{body:,.4f}".rstrip("0").rstrip(".") if scale else f"{body:,.2f}".rstrip("0").rstrip(".")
    return sign + text + scale


def format_figure(value: float | None, qualifier: str | None, direction: str | None = None) -> str:
    """A figure with its qualifier; a change that went down gets its minus sign back."""
    if _missing(value):
        return ""
    before, after = QUALIFIER_MARKS.get(qualifier or "exact", ("", ""))
    v = -float(value) if direction == "down" else float(value)
    return before + format_number(v, signed=direction is not None) + after


def _year(v: object) -> str:
    return "?" if _missing(v) else str(int(v))


# Units whose differences are percentage points: 60% -> 70% is +10 pp, not +10%.
POINT_UNITS = frozenset({"%", "百分点"})


def format_change(value: float | None, unit: str | None) -> str:
    """A change in the unit of its figures, marked pp when those are percentages (so +10 pp is not +10%)."""
    text = format_number(value, signed=True)
    return f"{text} pp" if text and unit in POINT_UNITS else text


def _notes(row: pd.Series) -> str:
    notes = []
    if bool(row["conflict"]):
        if row.get("conflict_with") == "implied_by_change":
            notes.append(f"conflict: stated change implies {format_figure(row['implied_previous_value'], None)}")
        else:
            notes.append(f"conflict: text says {format_figure(row['in_text_baseline_value'], None)}")
    if not _missing(row["flag"]):
        notes.append(str(row["flag"]))
    if bool(row["approximate"]):
        notes.append("approximate")
    return "; ".join(notes)


HEADERS = ("department", "indicator", "unit", "from", "previous", "to", "value", "change", "change %", "source", "notes")


def table_rows(changes: pd.DataFrame) -> list[tuple[str, ...]]:
    rows = []
    for _, r in changes.iterrows():
        label = r["label"] if not _missing(r["label"]) else r["metric_id"]
        if r["role"] != "value":
            label = f"{label} [{r['role']}]"
        value = format_figure(r["value"], r["qualifier"], None if _missing(r["direction"]) else r["direction"])
        previous = format_figure(
            r["previous_value"], r["previous_qualifier"],
            None if _missing(r["previous_direction"]) else r["previous_direction"],
        )
        percent = "" if _missing(r["percent_change"]) else f"{r['percent_change']:+.1f}%"
        rows.append((
            "" if _missing(r["department"]) else str(r["department"]),
            str(label),
            str(r["unit"]),
            _year(r["previous_year"]),
            previous,
            _year(r["year"]),
            value,
            format_change(r["absolute_change"], str(r["unit"])),
            percent,
            str(r["previous_source"]),
            _notes(r),
        ))
    return rows


RIGHT_ALIGNED = {"from", "previous", "to", "value", "change", "change %"}


def render_table(changes: pd.DataFrame) -> str:
    """An aligned text table of the comparisons, one line per row."""
    return _aligned(HEADERS, table_rows(changes), RIGHT_ALIGNED)


SERIES_HEADERS = ("city", "indicator", "department", "unit", "year", "value", "change", "change %", "as worded")
SERIES_RIGHT = {"year", "value", "change", "change %"}


def _range_or_figure(r: pd.Series) -> str:
    if _missing(r["value"]) and not _missing(r.get("value_min")) and not _missing(r.get("value_max")):
        return f"{format_number(r['value_min'])}-{format_number(r['value_max'])}"
    return format_figure(r["value"], r["qualifier"], None if _missing(r["direction"]) else r["direction"])


def render_series(rows: pd.DataFrame) -> str:
    """One line per figure: city, indicator, year and value, with the change against the year before."""
    body = []
    for _, r in rows.sort_values(["metric_id", "role", "unit", "city", "year"], kind="stable").iterrows():
        name = r["indicator_name_zh"] if not _missing(r["indicator_name_zh"]) else r["metric_id"]
        if r["role"] != "value":
            name = f"{name} [{r['role']}]"
        percent = "" if _missing(r["percent_change"]) else f"{r['percent_change']:+.1f}%"
        body.append((
            str(r["city"]), str(name), "" if _missing(r["department"]) else str(r["department"]),
            "" if _missing(r["unit"]) else str(r["unit"]), _year(r["year"]), _range_or_figure(r),
            format_change(r["absolute_change"], None if _missing(r["unit"]) else str(r["unit"])), percent,
            "" if _missing(r["label"]) else str(r["label"]),
        ))
    return _aligned(SERIES_HEADERS, body, SERIES_RIGHT)


def _aligned(headers: Sequence[str], rows: Sequence[tuple[str, ...]], right: set[str]) -> str:
    widths = [max([cell_width(h)] + [cell_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = []
    for cells in [tuple(headers), *rows]:
        parts = [pad(c, widths[i], right=headers[i] in right) for i, c in enumerate(cells)]
        lines.append("  ".join(parts).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def render_csv(changes: pd.DataFrame) -> str:
    """The rows as CSV (UTF-8, every column of the table, exact values)."""
    buf = io.StringIO()
    changes.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()
