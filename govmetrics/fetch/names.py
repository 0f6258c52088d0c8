"""File names for snapshots, made from the manifest and never from what a server sends.

A name is built only from ASCII letters, digits and hyphens, so it can hold no ``/``, no ``..``,
no drive letter and nothing a shell or a file system treats specially; its directory is
``raw/<report_year>/`` with the year an integer from the manifest. A server's
``Content-Disposition`` or the path of a redirect never reaches the file system.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime, timezone
from urllib.parse import urlsplit

MAX_NAME = 80
_NOT_SAFE = re.compile(r"[^a-z0-9]+")
# Common page suffixes carry no meaning in a name: the snapshot gets its own extension.
_PAGE_SUFFIX = re.compile(r"\.(s?html?|php|aspx?|jsp|txt)$", re.IGNORECASE)


def slug(text: str, limit: int = MAX_NAME) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens (``"Qingdao 三民/2022"`` -> ``qingdao-2022``)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _NOT_SAFE.sub("-", folded).strip("-")[:limit].rstrip("-")


def source_name(url: str, name: str | None = None) -> str:
    """The stem every snapshot of a source starts with.

    An explicit manifest ``name`` is used as given (made file-safe); otherwise the host and path of
    the URL, followed by eight hex digits of its hash, because two URLs that differ only in their
    query or in characters dropped here must not share snapshots.
    """
    if name is not None and slug(name):
        return slug(name)
    parts = urlsplit(url)
    readable = slug(f"{parts.hostname or ''} {_PAGE_SUFFIX.sub('', parts.path)}", MAX_NAME - 9) or "source"
    return f"{readable}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"


def snapshot_name(stem: str, retrieved: datetime, sha256: str, extension: str) -> str:
    """``<stem>-<UTC time of retrieval>-<8 hex digits of the content hash>.<extension>``.

    Snapshots of one source sort by when they were taken; the hash keeps two versions fetched in
    the same second apart.
    """
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem) or extension not in ("html", "txt"):
        raise ValueError(f"unsafe snapshot name {stem!r}.{extension!r}")
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    stamp = retrieved.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{stem}-{stamp}-{sha256[:8]}.{extension}"
