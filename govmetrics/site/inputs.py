"""What the site is made from: one release's own files, and nothing else.

The publish step hands over the bytes of the release it is writing; ``govmetrics site`` reads a
published release directory into the same mapping. Both go through :func:`release_inputs`, so a
site rendered at publish time and one rendered later from the directory are made from the same
inputs and come out byte-identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from govmetrics.release.checksums import sha256_hex
from govmetrics.release.tables import from_arrow

SITE_DIR = "site"
SUMS_FILE = "SHA256SUMS"
# Tables the site cannot do without, and tables it reads when the release has them (releases
# published before a table existed still render).
REQUIRED_TABLES = ("metrics", "documents")
OPTIONAL_TABLES = ("metric_changes", "indicators", "metric_id_aliases", "sections")
# Tables whose presence the site notes but whose rows no page shows (sections hold every report's
# text once more): never read.
_UNREAD = ("sections",)
# Columns no page shows, left unread so the site holds less: each fact's sentence is shown once, on its
# report's page, cut from ``documents.text``; links are shown by the facts they join, not their evidence.
_UNREAD_COLUMNS = {
    "metrics": frozenset({"sentence", "in_headline", "n_mentions"}),
    "metric_changes": frozenset({"label", "previous_label", "link_evidence", "link_score"}),
}


class SiteError(ValueError):
    """A release the site cannot be made from; the message names the file and the problem."""


@dataclass(frozen=True)
class Download:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class ReleaseInputs:
    """The parts of a release the site shows, read from its files."""

    version: str
    created: str | None
    datapackage: Mapping[str, Any]
    changes: Mapping[str, Any] | None
    tables: Mapping[str, pd.DataFrame]
    downloads: tuple[Download, ...]
    missing_tables: tuple[str, ...] = field(default=())


def _excluded(path: str) -> bool:
    """Files that do not exist yet when the site is rendered at publish time, or that contain it.

    SHA256SUMS lists the site's own files and an archive of the release holds them, so neither can
    be shown on a page of the site; the site links to SHA256SUMS without its digest instead.
    """
    return (
        path.startswith(f"{SITE_DIR}/")
        or path == SUMS_FILE
        or path.endswith(".zip")
        or path.endswith(".zip.sha256")
    )


def _json(files: Mapping[str, bytes], name: str, *, required: bool) -> Any:
    if name not in files:
        if required:
            raise SiteError(f"{name}: missing from the release")
        return None
    try:
        return json.loads(files[name].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SiteError(f"{name}: not valid UTF-8 JSON ({exc})") from exc


def _table(files: Mapping[str, bytes], name: str) -> pd.DataFrame:
    path = f"{name}.parquet"
    try:
        source = pa_arrow.BufferReader(files[path])
        return _frame(pq.read_table(source, columns=_read_columns(pq.read_schema(source).names, name)))
    except (pa_arrow.ArrowInvalid, OSError) as exc:
        raise SiteError(f"{path}: not a readable Parquet file ({exc})") from exc


def _read_columns(names: list[str], table: str) -> list[str]:
    unread = _UNREAD_COLUMNS.get(table, frozenset())
    return [c for c in names if c not in unread]


def _frame(table: pa_arrow.Table) -> pd.DataFrame:
    return from_arrow(table.replace_schema_metadata(None))


def table_inputs(tables: Mapping[str, pa_arrow.Table | None]) -> ReleaseInputs:
    """The inputs of the site's pages that show the collection, from the tables a release is about to publish (name -> its
    rows in publishing order; None for a table that is published but never read), before the release
    exists: with no version, date, downloads or changes, which only the pages about the release show.
    The same rows give the same pages as :func:`release_inputs` gives from the published files."""
    missing = [t for t in REQUIRED_TABLES if tables.get(t) is None]
    if missing:
        raise SiteError(f"{', '.join(missing)}: no rows to make the site's pages from")
    frames = {t: _frame(table.select(_read_columns(table.column_names, t)))
              for t, table in tables.items() if table is not None and t in (*REQUIRED_TABLES, *OPTIONAL_TABLES)
              and t not in _UNREAD}
    return ReleaseInputs(version="", created=None, datapackage={}, changes=None, tables=frames, downloads=(),
                         missing_tables=tuple(t for t in OPTIONAL_TABLES if t not in tables))


class ReleaseFiles(Mapping[str, bytes]):
    """A release directory's files as the site reads them: listed once, each read only when asked for,
    so a large release is never held in memory whole (the site's own files and checksums left out)."""

    def __init__(self, release_dir: Path) -> None:
        self.root = release_dir
        names = (p.relative_to(release_dir).as_posix() for p in release_dir.rglob("*") if p.is_file())
        self._names = sorted(n for n in names if not _excluded(n) and not n.rsplit("/", 1)[-1].startswith("."))
        self._known = set(self._names)

    def __getitem__(self, rel: str) -> bytes:
        if rel not in self._known:
            raise KeyError(rel)
        return (self.root / rel).read_bytes()

    def __contains__(self, rel: object) -> bool:
        return rel in self._known

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def release_inputs(files: Mapping[str, bytes], tables: Iterable[str] | None = None) -> ReleaseInputs:
    """Read the site's inputs from a release's files (path relative to the release -> bytes); of its
    tables, only ``tables`` when given (the pages about the release read the retired ids alone)."""
    if not isinstance(files, ReleaseFiles):
        files = {p: b for p, b in files.items() if not _excluded(p)}
    package = _json(files, "datapackage.json", required=True)
    if not isinstance(package, dict) or not package.get("version"):
        raise SiteError("datapackage.json: no version")
    missing = [t for t in REQUIRED_TABLES if f"{t}.parquet" not in files]
    if missing:
        raise SiteError(f"{', '.join(f'{t}.parquet' for t in missing)}: missing from the release")
    wanted = set(tables) if tables is not None else set(REQUIRED_TABLES + OPTIONAL_TABLES)
    read = {t: _table(files, t) for t in (*REQUIRED_TABLES, *OPTIONAL_TABLES)
            if t in wanted and f"{t}.parquet" in files and t not in _UNREAD}
    # The release's own files first, then those in folders (per-year extracts).
    downloads = tuple(_download(p, files[p]) for p in sorted(files, key=lambda p: ("/" in p, p)))
    created = package.get("created")
    return ReleaseInputs(
        version=str(package["version"]),
        created=str(created) if created else None,
        datapackage=package,
        changes=_json(files, "changes.json", required=False),
        tables=read,
        downloads=downloads,
        missing_tables=tuple(t for t in OPTIONAL_TABLES if f"{t}.parquet" not in files),
    )


def _download(path: str, data: bytes) -> Download:
    return Download(path, len(data), sha256_hex(data))


def read_release_dir(release_dir: Path) -> dict[str, bytes]:
    """Every file of a published release except its site, as the publish step would hand them over."""
    if not release_dir.is_dir():
        raise SiteError(f"{release_dir}: no such release directory")
    out = {}
    for path in sorted(release_dir.rglob("*")):
        rel = path.relative_to(release_dir).as_posix()
        if path.is_file() and not _excluded(rel):
            out[rel] = path.read_bytes()
    return out
