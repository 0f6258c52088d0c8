"""The raw files of one report year, read into documents and quarantine records.

A report year is the unit the pipeline partitions by; this selects a year's files from raw/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govmetrics.ingest import read_document
from govmetrics.model import Document


@dataclass(frozen=True, slots=True)
class Rejection:
    source_file: str
    sha256: str | None
    reason: str
    detail: str


@dataclass(slots=True)
class Ingested:
    documents: list[Document] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def report_years(raw_dir: Path) -> list[int]:
    return sorted(int(p.name) for p in raw_dir.iterdir() if p.is_dir() and p.name.isdigit())


def ingest_year(raw_dir: Path, year: int) -> Ingested:
    out = Ingested()
    for path in sorted((raw_dir / str(year)).rglob("*.txt")):
        doc = read_document(path)
        doc.path = path.relative_to(raw_dir).as_posix()
        doc.meta.setdefault("report_year", year)
        doc.meta.setdefault("city", "青岛")
        out.documents.append(doc)
    return out


@dataclass(frozen=True, slots=True)
class RawFile:
    path: str
    sha256: str
    report_year: int | None


def scan_raw_dir(raw_dir: Path) -> list[RawFile]:
    import hashlib

    out = []
    for year in report_years(raw_dir):
        for path in sorted((raw_dir / str(year)).rglob("*")):
            if path.is_file() and not path.name.endswith(".meta.yml"):
                out.append(RawFile(path.relative_to(raw_dir).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest(), year))
    return out
