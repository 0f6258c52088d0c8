"""Where a build keeps what it made, so the next build can reuse it.

One directory (the Dagster instance's storage, or ``--cache``) holds, for each unit of work (a
report year today; any set of raw files works the same):

    <table>/<unit>.parquet      the unit's rows of a per-document table, each row tagged with the
                                ``_key`` of the document it came from (written by the IO manager)
    _manifests/<unit>.parquet   one row per raw file the unit looked at: its stat signature, its
                                SHA-256 and its sidecar's, its key, and what it became
    _aggregates/<name>/<key>.parquet
                                results over many units (metric_changes of a group of cities),
                                content-addressed by the keys of their inputs

Every file is written to a temporary name and renamed, so a reader sees a whole file or the
previous one. Parquet throughout: any worker that can read the directory can read every result.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

FINGERPRINT_KEY = b"govmetrics_fingerprint"
# Intermediate files are read back by the next step, not archived: fast compression. Row groups with
# statistics let a reader take one doc_id range without reading the rest.
_OPTIONS = {"compression": "zstd", "compression_level": 1, "use_dictionary": True, "write_statistics": True}
ROW_GROUP_ROWS = 16_384


def table_path(base: str | Path, table: str, unit: str) -> Path:
    return Path(base) / table / f"{unit}.parquet"


def manifest_path(base: str | Path, unit: str) -> Path:
    return Path(base) / "_manifests" / f"{unit}.parquet"


def aggregate_path(base: str | Path, name: str, key: str) -> Path:
    return Path(base) / "_aggregates" / name / f"{key}.parquet"


def with_fingerprint(table: pa.Table, fingerprint: str) -> pa.Table:
    meta = dict(table.schema.metadata or {})
    meta[FINGERPRINT_KEY] = fingerprint.encode("ascii")
    return table.replace_schema_metadata(meta)


def fingerprint_of(path: str | Path) -> str | None:
    """The fingerprint a stored table was written with (its footer only is read), or None."""
    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowInvalid):
        return None
    value = meta.get(FINGERPRINT_KEY)
    return value.decode("ascii") if value else None


def write_table(path: str | Path, table: pa.Table, *, row_group_size: int = ROW_GROUP_ROWS) -> None:
    """Write ``table`` to ``path`` atomically (a temporary file in the same directory, then a rename)."""
    with TableFile(path, table.schema, row_group_size=row_group_size) as out:
        out.write(table)


class TableFile:
    """A Parquet file written in pieces, appearing at ``path`` only when whole (temporary name, rename)."""

    def __init__(self, path: str | Path, schema: pa.Schema, *, row_group_size: int = ROW_GROUP_ROWS) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        os.close(fd)
        self.row_group_size = row_group_size
        self.writer = pq.ParquetWriter(self.tmp, schema, **_OPTIONS)

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            self.writer.write_table(table, row_group_size=self.row_group_size)

    def __enter__(self) -> TableFile:
        return self

    def __exit__(self, kind, value, tb) -> None:
        self.writer.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.tmp)


def commit_file(staged: str | Path, path: str | Path) -> None:
    """Move a staged file into place (a rename on one filesystem: readers see the old file or the new)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staged, path)
    except OSError:
        tmp = Path(path).with_name(f".{Path(path).name}.copy")
        shutil.copyfile(staged, tmp)
        os.replace(tmp, path)


def read_table(path: str | Path, columns: list[str] | None = None, filters: list | None = None) -> pa.Table | None:
    """A stored table, or None when there is none (or it cannot be read: it is then rebuilt)."""
    try:
        return pq.read_table(path, columns=columns, filters=filters)
    except (OSError, pa.ArrowInvalid):
        return None
