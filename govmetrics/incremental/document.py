"""One raw file, read once, to the rows it contributes to every per-document table.

This is the unit of work a build repeats for each new or changed file: decode, normalize once,
segment, extract, and lay the results out as rows. Nothing here keeps state, so any worker can run
it on any file and get the same rows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govmetrics.ingest import RejectedFile, read_document
from govmetrics.ingest.files import check_inside, relative_name, sidecar_path
from govmetrics.ingest.scan import content_sha256, sidecar_key, unread_key
from govmetrics.model import Document
from govmetrics.reading import read_mentions, read_sections
from govmetrics.tables import document_row, mention_rows, section_rows
from govmetrics.textnorm import normalize

_SPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class DocumentRows:
    """What one raw file yields: a document with its rows, or a rejection, and the hashes that key it."""

    path: str
    sha256: str | None
    sidecar_sha256: str | None
    year: int | None  # the document's report year (None for a rejection)
    document: dict[str, Any] | None = None
    sections: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    rejection: dict[str, Any] | None = None
    span_mismatches: list[str] = field(default_factory=list)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def dedup_keys(reading_text: str) -> tuple[str, str]:
    """(exact, shape) keys for finding the same report saved twice (see ``govmetrics.ingest.dedup``).

    ``exact`` hashes the reading text without whitespace; ``shape`` hashes its length and everything
    but its Han characters, which a Traditional copy shares with its Simplified original.
    """
    key = _SPACE.sub("", reading_text)
    return _digest(key), _digest(f"{len(key)}|{_HAN.sub('', key)}")


def orphan_rejection(path: Path, raw_root: Path) -> DocumentRows:
    """A sidecar with no report beside it: quarantined as it stands (one that links out of raw/ unread)."""
    name = relative_name(path, raw_root)
    try:
        check_inside(path, raw_root, name)
    except RejectedFile as exc:
        return refused_rejection(path, raw_root, exc.reason, exc.detail)
    sha = content_sha256(path, raw_root)
    detail = f"{name}: a sidecar with no report beside it (expected the same name with .txt, .html or .htm)"
    rejection = {"source_file": name, "sha256": sha, "reason": "invalid_metadata", "detail": detail}
    return DocumentRows(name, sha or unread_key(path), None, None, rejection=rejection)


def refused_rejection(path: Path, raw_root: Path, reason: str, detail: str) -> DocumentRows:
    """A path that is never opened (a link out of raw/, a loop): quarantined, keyed by what the link is."""
    rejection = {"source_file": relative_name(path, raw_root), "sha256": None, "reason": reason, "detail": detail}
    return DocumentRows(rejection["source_file"], unread_key(path), None, None, rejection=rejection)


def read_raw_file(path: Path, raw_root: Path) -> tuple[Document | None, DocumentRows]:
    """Read a report file (once); the document, or the rejection rows saying why not.

    A file that is never read (it links out of raw/) is keyed by where it points, as the raw/ sensor does.
    """
    name = relative_name(path, raw_root)
    sidecar_sha = sidecar_key(sidecar_path(path), raw_root)
    try:
        doc = read_document(path, raw_root)
    except RejectedFile as exc:
        rejection = {"source_file": name, "sha256": exc.sha256, "reason": exc.reason, "detail": exc.detail}
        key = exc.sha256 or content_sha256(path, raw_root) or unread_key(path)
        return None, DocumentRows(name, key, sidecar_sha, None, rejection=rejection)
    return doc, DocumentRows(name, doc.sha256, sidecar_sha, int(doc.meta["report_year"]))


def extract_rows(doc: Document, rows: DocumentRows) -> DocumentRows:
    """Fill ``rows`` with the document's row, its sections and its mentions (text normalized once)."""
    reading = normalize(doc.text)
    default_department = doc.meta.get("department")
    sections = read_sections(doc.text, default_department=default_department, reading=reading)
    located = read_mentions(doc.text, sections, report_year=doc.meta["report_year"], reading=reading)
    row = document_row(doc)
    row["_dedup_key"], row["_dedup_shape"] = dedup_keys(reading.text)
    rows.document = row
    rows.sections = section_rows(doc, sections)
    rows.mentions = mention_rows(doc, rows.sections, located)
    rows.span_mismatches = [
        m["mention_id"] for m in rows.mentions if doc.text[m["start"] : m["end"]] != m["quantity_text"]
    ]
    return rows
