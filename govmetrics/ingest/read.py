"""Decode a raw file into its published text (placeholder reader for UTF-8 text files)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from govmetrics.ingest.header import parse_header
from govmetrics.model import Document


def read_document(path: str | Path) -> Document:
    path = Path(path)
    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    meta = parse_header(text)
    return Document(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        encoding="utf-8",
        format="txt",
        meta=meta,
    )
