"""Metric extraction: every figure in a report text, read the way a careful analyst does.

Plain Python with no pipeline imports. ``extract_mentions`` reads text that is already in the
canonical reading form (Simplified script, half-width digits; see ``govmetrics.textnorm``).

Modules, each with one job: ``numerals`` (number grammar), ``lexicon`` (units, qualifiers, cue
words, idioms), ``scanner`` (finding numbers and what is written around them), ``filters`` (what
is not a metric), ``roles``, ``periods`` and ``labels`` (reading the clause around a figure),
``plans`` (the headings, sentences and lists that set targets for the coming year), ``context``
(clause and sentence spans) and ``extractor`` (the pass that chains them).
"""

from __future__ import annotations

from govmetrics.extract.extractor import extract
from govmetrics.model import Mention


def extract_mentions(text: str, *, report_year: int | None = None) -> list[Mention]:
    """All mentions in ``text``, in text order. Never raises on any input string."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return extract(text, report_year, strict=False)
    except Exception:  # noqa: BLE001 - the contract: a report that cannot be read yields no mentions
        return []


__all__ = ["extract_mentions", "extract"]
