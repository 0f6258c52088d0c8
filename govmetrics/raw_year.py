"""The raw files of one report year, the unit the pipeline partitions by.

Ingestion reads the whole ``raw/`` directory at once, because a duplicate can sit in another
year's folder; this module picks out one year's share of the result.
"""

from __future__ import annotations

from pathlib import Path

from govmetrics.ingest import Ingested, ingest_raw_dir, scan_raw_dir


def report_years(raw_dir: str | Path) -> list[int]:
    """Years that have at least one raw file (from the folder, the sidecar or the title)."""
    return sorted({f.report_year for f in scan_raw_dir(raw_dir) if f.report_year is not None})


def ingest_year(raw_dir: str | Path, year: int) -> Ingested:
    """Documents and rejections of one report year.

    A rejected file whose year cannot be told is reported with every year, so that it is never
    lost; the release keeps one record per file.
    """
    ingested = ingest_raw_dir(raw_dir)
    return Ingested(
        documents=[d for d in ingested.documents if d.meta.get("report_year") == year],
        rejected=[r for r in ingested.rejected if r.report_year in (year, None)],
    )
