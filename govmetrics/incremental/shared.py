"""The tables steps hand each other, under a base every worker can read: object storage or a shared disk.

A build keeps its store (``govmetrics.incremental.store``) on a local disk: the per-document cache,
spills and manifests are a worker's own business. What one step hands the next (a unit's five
tables, the comparison tables) must be readable by whichever worker runs the next step, perhaps on
another machine: with a shared base, every such table is also written under it
(``<base>/<table>/<unit>.parquet``), and a worker that lacks a table, or holds another version of
it, fetches it into its own store before reading. The base is any fsspec URL (``s3://bucket/path``,
``gs://…``, ``file:///mnt/shared/…``, ``memory://…`` in tests), opened through universal-pathlib.

Parquet throughout, and each file carries the fingerprint of what it was made from in its footer:
a worker compares footers (a few kilobytes) and copies only what differs. A file appears under its
final name whole or not at all (written under a temporary name, then moved).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from upath import UPath

from govmetrics.incremental import store


def is_url(base: str | None) -> bool:
    """Whether ``base`` names a filesystem through fsspec (``scheme://…``) rather than a local directory."""
    return bool(base) and "://" in str(base)


class SharedTables:
    """The tables under one shared base, mirrored to and from a worker's local store."""

    def __init__(self, url: str) -> None:
        if not is_url(url):
            raise ValueError(f"{url!r}: a shared base is a URL such as s3://bucket/path or file:///mnt/shared")
        self.root = UPath(url)

    def path(self, table: str, unit: str) -> UPath:
        return self.root / table / f"{unit}.parquet"

    def fingerprint(self, table: str, unit: str) -> str | None:
        """The fingerprint in the footer of the shared file, or None when there is none."""
        path = self.path(table, unit)
        try:
            with path.open("rb") as fh:
                meta = pq.read_schema(fh).metadata or {}
        except (OSError, pa.ArrowInvalid):
            return None
        value = meta.get(store.FINGERPRINT_KEY)
        return value.decode("ascii") if value else ""

    def exists(self, table: str, unit: str) -> bool:
        return self.path(table, unit).exists()

    def put(self, local: Path, table: str, unit: str) -> UPath:
        """Copy a stored table to the shared base (a temporary name, then moved into place)."""
        final = self.path(table, unit)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.parent / f".{final.name}.{uuid.uuid4().hex}"
        fs = final.fs
        fs.put_file(str(local), tmp.path)
        fs.mv(tmp.path, final.path)
        return final

    def get(self, table: str, unit: str, local: Path) -> bool:
        """Bring the shared table into the local store unless the local copy already has its
        fingerprint; returns False when the shared base has no such table."""
        remote = self.fingerprint(table, unit)
        if remote is None:
            return False
        if local.is_file() and store.fingerprint_of(local) == remote and remote:
            return True
        local.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{local.name}.", dir=local.parent)
        os.close(fd)
        try:
            path = self.path(table, unit)
            path.fs.get_file(path.path, tmp)
            os.replace(tmp, local)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        return True
