"""Test support: a metrics-shaped table from a gold mentions file, to test the comparison on.

The gold files (``tests/corpus/*/gold_mentions.jsonl``) are hand-checked mentions beside their texts.
Turned into facts the way the pipeline turns mentions into facts — headline repeats dropped, one row
per remaining mention, department ids resolved, sentences cut from the text — they let the
comparison be measured against ``expected_yoy.csv`` without depending on the extractor.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd

from govmetrics.compare.ids import assign_metric_ids
from govmetrics.departments import resolve
from schemas import Metrics

_YEAR = re.compile(r"(19|20)\d{2}")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() if right else len(text)].strip()


def metrics_from_gold(gold_path: str | Path, *, city: str) -> pd.DataFrame:
    """Facts of every gold mention except headline repeats, with metric ids assigned.

    The report year is the year in the document name; doc_id is the first 16 hex digits of the
    SHA-256 of the text file beside the gold file (as the pipeline derives it from the raw file).
    """
    gold_path = Path(gold_path)
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts: dict[str, tuple[str, str]] = {}
    rows = []
    for rec in records:
        if rec.get("headline"):
            continue
        doc = rec["doc"]
        if doc not in texts:
            raw = (gold_path.parent / f"{doc}.txt").read_bytes()
            texts[doc] = (hashlib.sha256(raw).hexdigest()[:16], raw.decode("utf-8"))
        doc_id, text = texts[doc]
        dept = resolve(rec["department"]) if rec.get("department") else None
        rows.append(
            {
                "fact_id": f"{doc_id}:{rec['start']}-{rec['end']}",
                "metric_id": "",
                "indicator_name_zh": None,
                "report_year": int(_YEAR.search(doc).group(0)),
                "city": city,
                "department": dept.name_zh if dept else None,
                "department_id": dept.department_id if dept else None,
                "label": rec.get("label"),
                "value": None if rec.get("value") is None else float(rec["value"]),
                "value_min": None,
                "value_max": None,
                "unit": rec.get("unit"),
                "qualifier": rec.get("qualifier") or "exact",
                "role": rec.get("role") or "value",
                "direction": rec.get("direction"),
                "period": rec.get("period"),
                "in_headline": False,
                "n_mentions": 1,
                "doc_id": doc_id,
                "start": int(rec["start"]),
                "end": int(rec["end"]),
                "quantity_text": rec["quantity_text"],
                "sentence": _sentence(text, int(rec["start"]), int(rec["end"])),
            }
        )
    frame = pd.DataFrame(rows, columns=list(Metrics.to_schema().columns))
    return assign_metric_ids(frame)
