"""Cross-table check that every published span points at the text it claims to quote."""

from __future__ import annotations

import pandas as pd


def span_mismatches(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Mentions whose (start, end) do not slice their document's text to their quantity_text."""
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    bad = [
        i
        for i, (doc, start, end, quoted) in enumerate(
            zip(mentions["doc_id"], mentions["start"], mentions["end"], mentions["quantity_text"], strict=True)
        )
        if texts.get(doc, "")[int(start) : int(end)] != quoted
    ]
    return mentions.iloc[bad]
