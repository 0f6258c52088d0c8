"""Parquet writer options, and the functions that put a release's bytes on disk.

The bytes of every file depend only on the rows and the model: no clock, no host, no library
metadata blob. Tables are streamed to disk (``govmetrics.release.stream``); the small documents
around them (README, datapackage.json, ...) are rendered in memory and written whole.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO


PARQUET_OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "version": "2.6",
    "use_dictionary": True,
    "write_statistics": True,
    "store_schema": True,
}
#: The same options for a streaming ``pyarrow.parquet.ParquetWriter``.
PARQUET_WRITER_OPTIONS = dict(PARQUET_OPTIONS)


def new_file(path: Path) -> BinaryIO:
    """Create ``path`` for writing; refuses to overwrite an existing file.

    Every file of a release is created here (whole files by :func:`write_file`, tables streamed by
    ``govmetrics.release.stream``), so a test can make it fail part-way to prove that a crash leaves
    no partial release.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    return open(path, "xb")


def finish_file(fh: BinaryIO) -> None:
    """Flush a file created by :func:`new_file` to disk and close it."""
    if fh.closed:
        return
    fh.flush()
    os.fsync(fh.fileno())
    fh.close()


def write_file(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` and flush it to disk; refuses to overwrite an existing file.

    All release files go through this one function: it never replaces anything, and a test can make
    it fail part-way to prove a crash leaves no partial release.
    """
    fh = new_file(path)
    try:
        fh.write(data)
    finally:
        finish_file(fh)
