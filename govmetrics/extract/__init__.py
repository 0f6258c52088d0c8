"""Metric extraction: every figure in a report text, read the way a careful analyst does.

Plain Python with no pipeline imports. ``extract_mentions`` reads text that is already in the
canonical reading form (Simplified script, half-width digits; see ``govmetrics.textnorm``).
"""

from __future__ import annotations

from govmetrics.model import Mention


def extract_mentions(text: str, *, report_year: int | None = None) -> list[Mention]:
    """All mentions in ``text``, in text order. Never raises on any input string."""
    raise NotImplementedError
