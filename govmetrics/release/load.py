"""Reading published releases back, for ``govmetrics compare`` and other consumers of the dataset."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from govmetrics.release.tables import from_arrow
from govmetrics.release.versioning import read_pointer


def latest_version(outputs_dir: Path | str) -> str | None:
    """Name of the release ``latest`` points at, or None when nothing has been published."""
    return read_pointer(Path(outputs_dir))


def load_release(release_dir: Path | str, table: str) -> pd.DataFrame:
    """One table of one release, from its Parquet file, with the release's types (str, int64, float64, bool)."""
    path = Path(release_dir) / f"{table}.parquet"
    if not path.is_file():
        available = sorted(p.stem for p in Path(release_dir).glob("*.parquet"))
        raise KeyError(f"{Path(release_dir).name} has no table {table!r}; it has {available}")
    return from_arrow(pq.read_table(path))


def release_dir(outputs_dir: Path | str, version: str | None = None) -> Path:
    """The directory of release ``version``, or of the latest one; FileNotFoundError when there is none yet."""
    version = version or latest_version(outputs_dir)
    if version is None:
        raise FileNotFoundError(f"no release has been published in {outputs_dir}")
    return Path(outputs_dir) / version


def load_latest(outputs_dir: Path | str, table: str) -> pd.DataFrame:
    """One table of the latest release in ``outputs_dir``; FileNotFoundError when there is none yet."""
    return load_release(release_dir(outputs_dir), table)
