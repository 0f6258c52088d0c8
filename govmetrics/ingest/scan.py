"""Everything under ``raw/``: the files a sensor watches, and a whole directory read into documents.

Whatever lands in ``raw/`` becomes a document or a rejection, never an exception and never nothing:
an unsupported file is rejected as such, and a sidecar with no report beside it is rejected too
(it is most likely a renamed or deleted report). Only dotfiles, dot-directories and the fetch
manifest ``raw/sources.yml`` are skipped; of several snapshots of one source only the newest is read
(``govmetrics.ingest.superseded``).
Order is the sorted relative POSIX path, so two runs over the same files give the same lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govmetrics.ingest.dedup import drop_duplicates
from govmetrics.ingest.errors import RejectedFile, Rejection
from govmetrics.ingest.files import MANIFEST_NAME, directory_year, is_hidden, is_sidecar, relative_name, sha256_file, sidecar_path
from govmetrics.ingest.read import read_document
from govmetrics.ingest.sidecar import load_sidecar
from govmetrics.ingest.superseded import drop_superseded
from govmetrics.model import Document


@dataclass(frozen=True, slots=True)
class RawFile:
    """A file under ``raw/`` as a sensor sees it: what changed, and which year partition it feeds.

    ``sidecar_sha256`` is the hash of the file's ``.meta.yml`` when there is one, so that editing a
    sidecar counts as a change of the report; ``key`` combines both into one content key.
    """

    path: str
    sha256: str
    report_year: int | None
    sidecar_sha256: str | None = None

    @property
    def key(self) -> str:
        suffix = f"+{self.sidecar_sha256}" if self.sidecar_sha256 else ""
        return f"{self.path}@{self.sha256}{suffix}"


@dataclass(slots=True)
class Ingested:
    """The result of reading a raw directory: one entry per file, in exactly one of the two lists."""

    documents: list[Document] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def raw_files(raw_dir: str | Path) -> tuple[list[Path], list[Path]]:
    """Report candidates and orphan sidecars under ``raw_dir``, each sorted by relative POSIX path."""
    root = Path(raw_dir)
    files = []
    sidecars = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if is_hidden(relative) or not path.is_file() or relative.as_posix() == MANIFEST_NAME:
            continue
        (sidecars if is_sidecar(path) else files).append(path)
    claimed = {sidecar_path(path) for path in files}
    orphans = [path for path in sidecars if path not in claimed]
    order = lambda p: p.relative_to(root).as_posix()  # noqa: E731
    return sorted(files, key=order), sorted(orphans, key=order)


def partition_year(path: Path, raw_root: Path) -> int | None:
    """The report year a file is filed under, from its sidecar or its ``raw/<year>/`` directory.

    Cheap: neither reads the file. A bad sidecar counts as silent, so its rejection still lands in
    the directory's year.
    """
    try:
        sidecar = load_sidecar(sidecar_path(path), relative_name(sidecar_path(path), raw_root))
    except RejectedFile:
        sidecar = {}
    year = sidecar.get("report_year")
    return int(year) if year is not None else directory_year(path, raw_root)


def _orphan_year(sidecar: Path, raw_root: Path) -> int | None:
    try:
        year = load_sidecar(sidecar, relative_name(sidecar, raw_root)).get("report_year")
    except RejectedFile:
        year = None
    return int(year) if year is not None else directory_year(sidecar, raw_root)


def _report_year(path: Path, raw_root: Path) -> int | None:
    year = partition_year(path, raw_root)
    if year is not None:
        return year
    try:  # only a file outside raw/<year>/ without a sidecar year: its title may still say
        return read_document(path, raw_root).meta.get("report_year")
    except RejectedFile:
        return None


def scan_raw_dir(raw_dir: str | Path) -> list[RawFile]:
    """Every file a run would read (orphan sidecars included), with its content hash and partition year."""
    root = Path(raw_dir)
    files, orphans = raw_files(root)
    out = []
    for path in files:
        meta = sidecar_path(path)
        out.append(
            RawFile(
                path=relative_name(path, root),
                sha256=sha256_file(path),
                report_year=_report_year(path, root),
                sidecar_sha256=sha256_file(meta) if meta.is_file() else None,
            )
        )
    for path in orphans:
        out.append(RawFile(relative_name(path, root), sha256_file(path), _orphan_year(path, root)))
    return sorted(out, key=lambda f: f.path)


def ingest_raw_dir(raw_dir: str | Path) -> Ingested:
    """Read every file under ``raw_dir``: documents (one per distinct report) and rejections.

    Source paths are relative to ``raw_dir``. Duplicates are resolved across the whole directory
    (see ``govmetrics.ingest.dedup``); each rejection carries the year partition it belongs to.
    """
    root = Path(raw_dir)
    files, orphans = raw_files(root)
    documents: list[Document] = []
    rejected: list[Rejection] = []
    for path in files:
        try:
            documents.append(read_document(path, root))
        except RejectedFile as exc:
            rejected.append(
                Rejection(relative_name(path, root), exc.sha256, exc.reason, exc.detail, partition_year(path, root))
            )
    for path in orphans:
        name = relative_name(path, root)
        rejected.append(
            Rejection(
                name,
                sha256_file(path),
                "invalid_metadata",
                f"{name}: a sidecar with no report beside it (expected the same name with .txt, .html or .htm)",
                _orphan_year(path, root),
            )
        )
    documents, superseded = drop_superseded(documents)
    rejected.extend(superseded)
    kept, duplicates = drop_duplicates(documents)
    rejected.extend(duplicates)
    return Ingested(documents=kept, rejected=sorted(rejected, key=lambda r: r.source_file))
