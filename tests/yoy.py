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
