"""What a server sent: its declared type and charset, and whether it is a report the build can read.

The build reads plain text and HTML pages only, so a snapshot is taken only of those; a PDF or an
image is a failure of its source, reported at fetch time rather than quarantined at build time.
The bytes themselves decide before the header does: a page served as ``text/html`` that starts with
``%PDF`` is binary whatever its header says.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from govmetrics.ingest.decode import sniff_binary

#: Media types kept, and the extension (and so the ingest format) each becomes.
FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "txt"}
# Types that say nothing about the content: the bytes decide.
_UNTYPED = {"", "application/octet-stream", "binary/octet-stream"}
_BINARY_FAMILIES = ("image/", "audio/", "video/", "font/", "model/")
# A byte-order mark proves text (UTF-16 is full of NUL bytes), as it does for the build's decoder.
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<?xml")


class UnusableContent(ValueError):
    """A body that cannot become a snapshot; ``reason`` is ``binary``, ``unsupported_type`` or ``empty``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class ContentType:
    """A ``Content-Type`` header as served: the media type (lower case) and the charset parameter."""

    media_type: str | None
    charset: str | None


def parse_content_type(header: str | None) -> ContentType:
    """``text/html; charset="GB2312"`` -> ``ContentType("text/html", "GB2312")``; the charset keeps its spelling."""
    if not header or not header.strip():
        return ContentType(None, None)
    media, *params = header.split(";")
    charset = None
    for param in params:
        key, sep, value = param.partition("=")
        if sep and key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").strip() or None
    return ContentType(media.strip().lower() or None, charset)


def snapshot_format(media_type: str | None, body: bytes) -> str:
    """``html`` or ``txt`` for a body the build can read; raises ``UnusableContent`` for anything else."""
    if not body.strip():
        raise UnusableContent("empty", "the response body is empty")
    declared = media_type or ""
    binary = None if body.startswith(_BOMS) else sniff_binary(body)
    if binary is not None:
        raise UnusableContent("binary", f"binary body ({declared or 'no Content-Type'}): {binary}")
    if declared.startswith(_BINARY_FAMILIES) or declared == "application/pdf":
        raise UnusableContent("binary", f"binary body: served as {declared}")
    if declared in FORMATS:
        return FORMATS[declared]
    if declared in _UNTYPED:
        return "html" if body.lstrip()[:512].lower().startswith(_HTML_START) else "txt"
    raise UnusableContent(
        "unsupported_type", f"served as {declared}; only HTML pages and plain text ({', '.join(FORMATS)}) are read"
    )
