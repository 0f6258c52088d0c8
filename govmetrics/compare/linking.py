"""Linking indicators across years when the wording changes (placeholder until the rules land)."""

from __future__ import annotations

import pandas as pd


def link_years(metrics: pd.DataFrame, catalogue, keep=frozenset()) -> list:
    return []


def apply_links(metrics: pd.DataFrame, links: list, catalogue, registry) -> tuple[pd.DataFrame, dict[str, str]]:
    return metrics, {}
