"""Test support: how a row of the dev corpus's expected_yoy.csv is matched in a metric_changes table."""

import math

import pandas as pd


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def expected_pairs(row: dict[str, str]) -> list[tuple[int, float, int, float]]:
    """The (previous year, previous value, year, value) pairs an expected_yoy.csv row asks for.

    A row lists the gold value of each year the indicator appears in; each value is compared with the
    value of the nearest earlier year the row has (2021 -> 2023 when 2022 is blank).
    """
    years = [(y, float(row[f"value_{y}"])) for y in (2021, 2022, 2023) if row[f"value_{y}"]]
    return [(y0, v0, y1, v1) for (y0, v0), (y1, v1) in zip(years, years[1:])]


def reproduced(row: dict[str, str], changes: pd.DataFrame) -> bool:
    """An expected row is reproduced when, for every pair it asks for, metric_changes has exactly one
    row of the same department, unit and role for that year, whose previous_year, previous_value and
    value equal the pair's. Labels are not compared: they vary between years by design."""
    for y0, v0, y1, v1 in expected_pairs(row):
        hits = changes[
            (changes["department"] == row["department"])
            & (changes["unit"] == row["unit"])
            & (changes["role"] == row["role"])
            & (changes["year"] == y1)
            & (changes["previous_year"] == y0)
        ]
        hits = hits[[close(a, v1) and close(b, v0) for a, b in zip(hits["value"], hits["previous_value"], strict=True)]]
        if len(hits) != 1:
            return False
    return True


def linked_rows(changes: pd.DataFrame) -> pd.DataFrame:
    """The rows of metric_changes that set a figure beside the previous report's: the links made."""
    return changes[changes["previous_report_value"].notna()]


def link_quality(rows: list[dict[str, str]], changes: pd.DataFrame) -> tuple[float, float, int, int]:
    """Precision and recall of the links in ``changes`` against the dev corpus's expected_yoy.csv rows.

    Every (previous year, year) pair an expected row asks for is one expected link; every row of
    metric_changes with a previous report is one link made. A link made is right when an expected pair
    has its department, unit, role, years and both values; a link that matches none joins two figures
    the corpus does not take for one indicator.
    """
    expected = {
        (row["department"], row["unit"], row["role"], y0, y1, v0, v1)
        for row in rows
        for y0, v0, y1, v1 in expected_pairs(row)
    }
    made = linked_rows(changes)
    right = 0
    found = set()
    for r in made.itertuples(index=False):
        hit = next(
            (e for e in expected
             if (e[0], e[1], e[2], e[3], e[4]) == (r.department, r.unit, r.role, r.previous_year, r.year)
             and close(e[5], r.previous_report_value) and close(e[6], r.value)),
            None,
        )
        if hit is not None:
            right += 1
            found.add(hit)
    precision = right / len(made) if len(made) else 1.0
    recall = len(found) / len(expected) if expected else 1.0
    return precision, recall, len(made), len(expected)
