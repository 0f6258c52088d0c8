"""Snapshots under ``raw/<year>/``: finding the last one of a source, and writing a new one.

A snapshot is a pair: the body exactly as served, and its ``.meta.yml`` sidecar with the
manifest's fields and what the server said (status, type, charset, validators). Both are written
to hidden temporary files (the build and the raw/ sensor skip dotfiles), flushed to disk and then
linked to their final names, which fails instead of replacing a file that exists: a snapshot is
never overwritten, and a crash leaves either a whole snapshot or none. The report is linked first,
so a sidecar never appears without its report.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from govmetrics.fetch.client import Fetched, Validators
from govmetrics.fetch.content import ContentType
from govmetrics.fetch.manifest import Source
from govmetrics.fetch.names import snapshot_name, source_name
from govmetrics.ingest.errors import RejectedFile
from govmetrics.ingest.files import FORMATS, SIDECAR_SUFFIX, is_hidden, relative_name, sha256_file, sidecar_path
from govmetrics.ingest.sidecar import load_sidecar
from govmetrics.ingest.superseded import newest_key
from govmetrics.durable import fsync_dir

_MODE = 0o644


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A snapshot already in ``raw/``: its report file, content hash, and the validators to send back."""

    path: Path
    sha256: str
    retrieved: str | None
    validators: Validators


def index_snapshots(raw_dir: Path) -> dict[str, list[Snapshot]]:
    """Every snapshot under ``raw_dir`` by ``source_url``, oldest first (the build's order of newness).

    Read from sidecars only; a sidecar that cannot be read, or whose report is gone, is no
    snapshot here (the build reports it).
    """
    found: dict[str, list[Snapshot]] = {}
    if not raw_dir.is_dir():
        return found
    for meta in raw_dir.rglob(f"*{SIDECAR_SUFFIX}"):
        if is_hidden(meta.relative_to(raw_dir)) or not meta.is_file():
            continue
        try:
            fields = load_sidecar(meta, relative_name(meta, raw_dir))
        except RejectedFile:
            continue
        url = fields.get("source_url")
        stem = meta.name[: -len(SIDECAR_SUFFIX)]
        report = next((p for ext in FORMATS if (p := meta.with_name(stem + ext)).is_file()), None)
        if not url or report is None:
            continue
        found.setdefault(url, []).append(
            Snapshot(
                path=report,
                sha256=fields.get("sha256") or sha256_file(report),
                retrieved=fields.get("retrieved"),
                validators=Validators(fields.get("etag"), fields.get("last_modified")),
            )
        )
    for snapshots in found.values():
        snapshots.sort(key=lambda s: newest_key(s.retrieved, relative_name(s.path, raw_dir)))
    return found


def sidecar_fields(
    source: Source, fetched: Fetched, served: ContentType, retrieved: datetime, sha256: str
) -> dict[str, Any]:
    """The sidecar of a new snapshot: the manifest's fields, then provenance, then the response as served."""
    fields = source.sidecar_fields()
    if fetched.url != source.url:
        fields["final_url"] = fetched.url
    fields["retrieved"] = retrieved.isoformat()
    fields["sha256"] = sha256
    fields["http_status"] = fetched.status
    fields["content_type"] = served.media_type
    fields["charset"] = served.charset
    fields["etag"] = fetched.etag
    fields["last_modified"] = fetched.last_modified
    return {key: value for key, value in fields.items() if value is not None}


def render_sidecar(fields: dict[str, Any]) -> bytes:
    header = "# Snapshot written by govmetrics fetch: the report beside it is kept byte for byte as served.\n"
    body = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return (header + body).encode("utf-8")


def write_snapshot(
    raw_dir: Path, source: Source, fetched: Fetched, served: ContentType, retrieved: datetime, fmt: str
) -> Path:
    """Write the body and its sidecar under ``raw_dir/<report_year>/``; returns the report's path."""
    assert fetched.body is not None
    sha256 = hashlib.sha256(fetched.body).hexdigest()
    fields = sidecar_fields(source, fetched, served, retrieved, sha256)
    directory = raw_dir / str(source.report_year)
    report = directory / snapshot_name(source_name(source.url, source.name), retrieved, sha256, fmt)
    if report.resolve().parent != directory.resolve():  # the name is built safe; this keeps it so
        raise ValueError(f"snapshot path {report} leaves {directory}")
    directory.mkdir(parents=True, exist_ok=True)
    _write_new(report, fetched.body)
    try:
        _write_new(sidecar_path(report), render_sidecar(fields))
    except BaseException:
        report.unlink(missing_ok=True)
        raise
    return report


def _write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once; ``FileExistsError`` if ``path`` exists."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, _MODE)
        try:
            os.link(temp, path)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            if path.exists():  # a file system without hard links: check, then rename
                raise FileExistsError(errno.EEXIST, "snapshot exists", str(path)) from None
            os.rename(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
    fsync_dir(path.parent)

