"""Rows of the published tables, built from documents, sections and mentions.

Identifiers are functions of content, never row numbers: a document is the first 16 hex digits of
its raw file's SHA-256, and a section or mention is its document plus its span. The same report
therefore gives the same ids in every build, and a release diff can follow rows by key.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from govmetrics.departments import resolve
from govmetrics.model import Document, Section
from govmetrics.reading import LocatedMention
from govmetrics.sentences import bounded_sentence
from schemas import Documents, DocumentsRejected, Mentions, Sections

DOCUMENT_META_FIELDS = (
    "city", "report_year", "title", "department", "publisher", "site", "published",
    "source_url", "retrieved", "license", "source_note",
)


def doc_id(sha256: str) -> str:
    return sha256[:16]


def section_id(doc: str, section: Section) -> str:
    return f"{doc}:s{section.start}-{section.end}"


def mention_id(doc: str, start: int, end: int) -> str:
    return f"{doc}:{start}-{end}"


def _frame(rows: list[dict[str, Any]], model: type) -> pd.DataFrame:
    columns = list(model.to_schema().columns)
    return pd.DataFrame(rows, columns=columns)


def concat_tables(frames: Sequence[pd.DataFrame], model: type) -> pd.DataFrame:
    """Per-document tables as one; with no documents, an empty table that still has the model's columns."""
    return pd.concat(frames, ignore_index=True) if frames else _frame([], model)


def document_row(doc: Document) -> dict[str, Any]:
    """The documents-table row of one document."""
    meta = doc.meta
    row: dict[str, Any] = {name: meta.get(name) for name in DOCUMENT_META_FIELDS}
    row.update(
        doc_id=doc_id(doc.sha256),
        source_file=doc.path,
        sha256=doc.sha256,
        format=doc.format,
        encoding=doc.encoding,
        script=meta.get("script", "simplified"),
        n_chars=len(doc.text),
        text=doc.text,
    )
    return row


def documents_frame(documents: Iterable[Document]) -> pd.DataFrame:
    return _frame([document_row(doc) for doc in documents], Documents)


def section_rows(doc: Document, sections: Sequence[Section]) -> list[dict[str, Any]]:
    """The sections-table rows of one document, in text order."""
    rows = []
    did = doc_id(doc.sha256)
    for s in sections:
        department = resolve(s.department) if s.department else None
        body_start = max(x for x in (s.start, s.heading_end, s.headline_end) if x is not None)
        rows.append(
            {
                "section_id": section_id(did, s),
                "doc_id": did,
                "seq": s.seq,
                "report_year": doc.meta["report_year"],
                "city": doc.meta["city"],
                "department": department.name_zh if department and department.known else s.department,
                "department_id": department.department_id if department else None,
                "department_en": department.name_en if department else None,
                "start": s.start,
                "end": s.end,
                "heading": _slice(doc.text, s.heading_start, s.heading_end),
                "headline": _slice(doc.text, s.headline_start, s.headline_end),
                "body": doc.text[body_start : s.end].strip(),
            }
        )
    return rows


def sections_frame(doc: Document, sections: Sequence[Section]) -> pd.DataFrame:
    return _frame(section_rows(doc, sections), Sections)


def mention_rows(doc: Document, sections: Sequence[dict[str, Any]], located: Sequence[LocatedMention]) -> list[dict[str, Any]]:
    """Mention rows; department columns come from the section rows so both tables agree.

    ``sentence`` is the sentence around the figure, bounded (``govmetrics.sentences.SENTENCE_CAP``).
    """
    did = doc_id(doc.sha256)
    ordered = sorted(sections, key=lambda s: int(s["start"]))
    starts = [int(s["start"]) for s in ordered]
    rows = []
    for item in located:
        m = item.mention
        i = bisect_right(starts, m.start) - 1
        sec = ordered[i] if i >= 0 and m.start < int(ordered[i]["end"]) else None
        rows.append(
            {
                "mention_id": mention_id(did, m.start, m.end),
                "doc_id": did,
                "section_id": sec["section_id"] if sec else None,
                "report_year": doc.meta["report_year"],
                "city": doc.meta["city"],
                "department": sec["department"] if sec else None,
                "department_id": sec["department_id"] if sec else None,
                "label": m.label,
                "value": m.value,
                "unit": m.unit,
                "qualifier": m.qualifier,
                "role": m.role,
                "direction": m.direction,
                "period": m.period,
                "headline": item.headline,
                "quantity_text": m.quantity_text,
                "start": m.start,
                "end": m.end,
                "sentence": bounded_sentence(doc.text, m.sentence_start, m.sentence_end, m.start, m.end)
                or m.quantity_text,
            }
        )
    return rows


def mentions_frame(doc: Document, sections: pd.DataFrame, located: Sequence[LocatedMention]) -> pd.DataFrame:
    """Mention rows; department columns come from the stored sections so both tables agree."""
    return _frame(mention_rows(doc, sections.to_dict("records"), located), Mentions)


def _slice(text: str, start: int | None, end: int | None) -> str | None:
    return None if start is None or end is None else text[start:end]


def rejection_row(r: Any) -> dict[str, Any]:
    return {"source_file": r.source_file, "sha256": r.sha256, "reason": r.reason, "detail": r.detail}


def rejected_frame(rejected: Iterable[Any]) -> pd.DataFrame:
    return _frame([rejection_row(r) for r in rejected], DocumentsRejected)


def document_from_row(row: pd.Series) -> Document:
    """A documents-table row back as a Document, for the steps that read its text."""
    meta = {name: (None if pd.isna(row[name]) else row[name]) for name in DOCUMENT_META_FIELDS}
    meta["report_year"] = int(row["report_year"])
    return Document(
        path=row["source_file"], sha256=row["sha256"], text=row["text"],
        encoding=row["encoding"], format=row["format"], meta=meta,
    )
