"""Serializing published tables to bytes, and the one function that puts bytes on disk.

Every file of a release is rendered in memory first, so its hash is known before anything is written
and the whole release can be compared with the previous one without touching ``outputs/``.  The bytes
depend only on the rows and the model: no clock, no host, no library metadata blob.
"""

from __future__ import annotations

import csv
import io
import math
import os
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from govmetrics.release.schema_export import TableSpec

# Excel (and LibreOffice, Google Sheets) run a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"

PARQUET_OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "version": "2.6",
    "use_dictionary": True,
    "write_statistics": True,
    "store_schema": True,
}


def parquet_bytes(table: pa_arrow.Table) -> bytes:
    """Parquet (zstd) with every writer option spelled out, so a pyarrow default can't drift in."""
    sink = pa_arrow.BufferOutputStream()
    pq.write_table(table, sink, **PARQUET_OPTIONS)
    return sink.getvalue().to_pybytes()


def neutralize(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would evaluate as a formula (OWASP CSV injection)."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _format_number(x: float) -> str:
    # repr is the shortest text that reads back to the same float; Table Schema spells infinities.
    if math.isinf(x):
        return "INF" if x > 0 else "-INF"
    return repr(float(x))


def _cells(series: pd.Series, kind: str, excel: bool) -> list[str | None]:
    values = series.tolist()
    out: list[str | None] = []
    for v in values:
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            out.append(None)
        elif kind == "string":
            out.append(neutralize(v) if excel else v)
        elif kind == "integer":
            out.append(str(int(v)))
        elif kind == "number":
            out.append(_format_number(v))
        elif kind == "boolean":
            out.append("true" if v else "false")
        else:  # pragma: no cover - schema_export refuses other kinds
            raise TypeError(kind)
    return out


def csv_text(df: pd.DataFrame, spec: TableSpec, *, excel: bool = False) -> str:
    """Canonical CSV: header of field names, nulls as empty cells, booleans as true/false.

    The Excel variant differs only where Excel needs it: a BOM so it detects UTF-8, CRLF line ends,
    and text cells neutralized against formula injection.  Numeric columns are never touched, so a
    negative number stays a number.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n" if excel else "\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(spec.field_names)
    columns = [_cells(df[f.name], f.kind, excel) for f in spec.fields]
    writer.writerows(zip(*columns))
    text = buf.getvalue()
    return UTF8_BOM + text if excel else text


def csv_bytes(df: pd.DataFrame, spec: TableSpec, *, excel: bool = False) -> bytes:
    return csv_text(df, spec, excel=excel).encode("utf-8")


def zip_bytes(files: Mapping[str, bytes], *, root: str, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A ZIP whose bytes depend only on the files: sorted entries, fixed times, modes and creator."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{root}/{name}", date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so external_attr means the same everywhere
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def write_file(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` and flush it to disk; refuses to overwrite an existing file.

    All release files go through this one function: it never replaces anything, and a test can make
    it fail part-way to prove a crash leaves no partial release.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename or file creation inside ``path`` durable (a no-op where directories can't be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_tree(root: Path, files: Mapping[str, bytes], order: Iterable[str] | None = None) -> None:
    """Write every file under ``root`` (relative POSIX paths), then sync the directories."""
    for rel in order if order is not None else sorted(files):
        write_file(root / rel, files[rel])
    for d in sorted({(root / rel).parent for rel in files}, key=lambda p: len(p.parts), reverse=True):
        fsync_dir(d)
    fsync_dir(root)
