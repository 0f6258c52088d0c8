"""One raw file to one ``Document``, or a ``RejectedFile`` saying why not.

The checks run cheapest first and never load a file that is too large: where the path leads (a link
out of ``raw/`` is never opened), what kind of file it is, format from the name, size from
``stat``, then the sidecar (it may name the encoding), the bytes, the text, the article of a page,
and last the merged metadata.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from govmetrics.ingest.decode import decode
from govmetrics.ingest.errors import RejectedFile
from govmetrics.ingest.files import (
    FORMATS,
    MAX_BYTES,
    check_inside,
    directory_year,
    file_format,
    relative_name,
    sha256_file,
    sidecar_path,
)
from govmetrics.ingest.header import parse_header
from govmetrics.ingest.html import declared_charset, extract_article
from govmetrics.ingest.metadata import merge_metadata
from govmetrics.ingest.sidecar import load_sidecar
from govmetrics.model import Document


def read_document(path: str | Path, raw_root: str | Path | None = None, *, require_metadata: bool = True) -> Document:
    """Read a raw report; ``Document.text`` is the published text every span will index.

    ``raw_root`` is the ``raw/`` directory: ``Document.path`` is then relative to it and the
    ``raw/<year>/`` directory counts as a source of the report year. Without it the path is kept as
    given and a parent directory named like a year still counts. ``require_metadata=False`` lets a
    report with no derivable city or year through (for one-off reading on the command line).
    Raises ``RejectedFile`` with ``reason``/``detail``/``sha256`` for every file that cannot be a
    document; any other exception is a bug.
    """
    path = Path(path)
    root = Path(raw_root) if raw_root is not None else None
    name = relative_name(path, root)
    if root is not None:
        check_inside(path, root, name)
    try:
        info = path.stat()
    except OSError as exc:
        raise RejectedFile("undecodable", f"{name}: cannot be read: {exc.strerror or type(exc).__name__}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)"
        raise RejectedFile("unsupported_format", f"{name}: {kind}; only regular files are read")
    fmt = file_format(path)
    if fmt is None:
        kind = f"{path.suffix!r} files are" if path.suffix else "files without an extension are"
        detail = f"{name}: {kind} not read; supported: {', '.join(sorted(FORMATS))}"
        raise RejectedFile("unsupported_format", detail, sha256=_sha256_or_none(path))
    try:
        if info.st_size > MAX_BYTES:
            raise RejectedFile(
                "too_large",
                f"{name}: {info.st_size:,} bytes, above the {MAX_BYTES:,}-byte limit (real reports are under 1 MB)",
                sha256=sha256_file(path),
            )
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # a file that grew since stat() is still not read whole
        if len(data) > MAX_BYTES:
            raise RejectedFile("too_large", f"{name}: above the {MAX_BYTES:,}-byte limit", sha256=sha256_file(path))
    except OSError as exc:
        raise RejectedFile("undecodable", f"{name}: cannot be read: {exc.strerror or type(exc).__name__}") from None
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        return _read(path, root, name, fmt, data, sha256, require_metadata)
    except RejectedFile as exc:
        exc.sha256 = exc.sha256 or sha256
        raise


def _sha256_or_none(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


def _read(
    path: Path, root: Path | None, name: str, fmt: str, data: bytes, sha256: str, require_metadata: bool
) -> Document:
    if not data:
        raise RejectedFile("empty", f"{name}: the file is empty (0 bytes)")
    meta_path = sidecar_path(path)
    meta_name = relative_name(meta_path, root)
    sidecar = load_sidecar(meta_path, meta_name, root)
    if "sha256" in sidecar and sidecar["sha256"] != sha256:
        raise RejectedFile(
            "invalid_metadata",
            f"{meta_name}: field 'sha256' is {sidecar['sha256'][:12]}…, but {name} hashes to {sha256[:12]}… "
            f"(the file changed after the sidecar was written)",
        )
    hint = declared_charset(data) if fmt == "html" else None
    decoded = decode(data, name, declared=sidecar.get("encoding"), hint=hint)
    if not decoded.text.strip():
        raise RejectedFile("empty", f"{name}: the file holds only whitespace")
    page: dict[str, str] = {}
    text = decoded.text
    if fmt == "html":
        article = extract_article(decoded.text)
        if article is None:
            raise RejectedFile("no_article", f"{name}: the page has no article text (only navigation, links or boilerplate)")
        text, page = article.text, dict(article.meta)
        if page.get("title") and (year := parse_header(page["title"]).get("title_year")) is not None:
            page["title_year"] = year
    header = parse_header(text)
    meta = merge_metadata(
        name,
        text,
        sidecar=sidecar,
        sidecar_name=meta_name,
        header=header,
        page=page,
        directory_year=directory_year(path, root),
        require=require_metadata,
    )
    return Document(path=name, sha256=sha256, text=text, encoding=decoded.encoding, format=fmt, meta=meta)
