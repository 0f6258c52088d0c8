"""Everything under ``raw/``: the files a sensor watches, and a whole directory read into documents.

Whatever lands in ``raw/`` becomes a document or a rejection, never an exception and never nothing:
an unsupported file is rejected as such, and a sidecar with no report beside it is rejected too
(it is most likely a renamed or deleted report). Only dotfiles, dot-directories and the fetch
manifest ``raw/sources.yml`` are skipped; of several snapshots of one source only the newest is read
(``govmetrics.ingest.superseded``). Everything read must resolve inside ``raw/``: a link out of it is rejected unread (``outside_raw``),
a linked directory inside it is read under its own name, and a link back into a directory that
contains it is rejected (``link_loop``) rather than walked forever.
Order is the sorted relative POSIX path, so two runs over the same files give the same lists.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from govmetrics.ingest.dedup import drop_duplicates
from govmetrics.ingest.errors import RejectedFile, Rejection
from govmetrics.ingest.files import (
    MANIFEST_NAME,
    check_inside,
    directory_year,
    is_sidecar,
    relative_name,
    sha256_file,
    sidecar_path,
)
from govmetrics.ingest.read import read_document
from govmetrics.ingest.sidecar import conflicting_year, load_sidecar
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


@dataclass(slots=True)
class RawListing:
    """What a walk of ``raw/`` found, each list sorted by relative POSIX path.

    ``files`` are report candidates (regular files, links to files, anything else that is not a
    directory: reading decides), ``orphans`` sidecars no candidate claims, and ``refused`` the
    directory links that are not followed, each with the reason why.
    """

    files: list[Path]
    orphans: list[Path]
    refused: list[tuple[Path, RejectedFile]]


def raw_listing(root: Path) -> RawListing:
    """Walk ``root``, following a directory link only when it resolves inside ``root`` and is no loop.

    A linked directory inside raw/ is read under its own name; one that resolves outside it, or back
    into a directory the walk is already in, is refused with a reason rather than skipped.
    """
    real_root = root.resolve()
    found: list[Path] = []
    refused: list[tuple[Path, RejectedFile]] = []

    def walk(directory: Path, trail: tuple[Path, ...]) -> None:
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if directory == root:
                raise
            name = relative_name(directory, root)
            reason = f"{name}: a directory that cannot be listed: {exc.strerror or type(exc).__name__}"
            refused.append((directory, RejectedFile("undecodable", reason)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = directory / entry.name
            if entry.is_dir(follow_symlinks=False):
                walk(path, (*trail, path.resolve()))
            elif entry.is_symlink() and path.is_dir():
                name = relative_name(path, root)
                try:
                    check_inside(path, root, name)
                except RejectedFile as exc:
                    refused.append((path, exc))
                    continue
                target = path.resolve()
                if target in trail:
                    refused.append((path, RejectedFile(
                        "link_loop", f"{name}: a symbolic link to a directory it is itself inside; a loop is not followed"
                    )))
                    continue
                walk(path, (*trail, target))
            elif path.relative_to(root).as_posix() != MANIFEST_NAME:
                found.append(path)

    walk(root, (real_root,))
    files = [path for path in found if not is_sidecar(path)]
    claimed = {sidecar_path(path) for path in files} | {sidecar_path(path) for path, _ in refused}
    orphans = [path for path in found if is_sidecar(path) and path not in claimed]
    order = lambda p: p.relative_to(root).as_posix()  # noqa: E731
    return RawListing(sorted(files, key=order), sorted(orphans, key=order), sorted(refused, key=lambda r: order(r[0])))


def content_sha256(path: Path, raw_root: Path) -> str | None:
    """SHA-256 of a file that may be read: a regular file inside ``raw_root``; ``None`` for anything else."""
    try:
        check_inside(path, raw_root, "")
        return sha256_file(path) if path.is_file() else None
    except (RejectedFile, OSError):
        return None


def sidecar_key(sidecar: Path, raw_root: Path) -> str | None:
    if not sidecar.is_symlink() and not sidecar.exists():
        return None
    return content_sha256(sidecar, raw_root) or unread_key(sidecar)


def unread_key(path: Path) -> str:
    """A stand-in content key for what is never read: changes when what the path is changes."""
    try:
        what = f"link:{os.readlink(path)}" if path.is_symlink() else f"mode:{path.lstat().st_mode:o}"
    except OSError as exc:
        what = f"error:{exc.errno}"
    return hashlib.sha256(what.encode("utf-8", "surrogateescape")).hexdigest()


def partition_year(path: Path, raw_root: Path) -> int | None:
    """The report year a file is filed under, from its sidecar or its ``raw/<year>/`` directory.

    Cheap: neither reads the file. A bad sidecar counts as silent, and so does a sidecar year that
    conflicts with the directory: the rejection still lands in the directory's year.
    """
    return _filed_year(sidecar_path(path), path, raw_root)


def _filed_year(sidecar: Path, path: Path, raw_root: Path) -> int | None:
    try:
        values = load_sidecar(sidecar, relative_name(sidecar, raw_root), raw_root)
    except RejectedFile:
        values = {}
    folder = directory_year(path, raw_root)
    year = values.get("report_year")
    if year is None or conflicting_year(values, folder) is not None:
        return folder
    return int(year)


def _orphan_year(sidecar: Path, raw_root: Path) -> int | None:
    return _filed_year(sidecar, sidecar, raw_root)


def own_year(directory: Path, raw_root: Path) -> int | None:
    """The year of a directory that is not walked: its own name when it is ``raw/<year>``."""
    return directory_year(directory / "-", raw_root)


def _report_year(path: Path, raw_root: Path) -> int | None:
    year = partition_year(path, raw_root)
    if year is not None:
        return year
    try:  # only a file outside raw/<year>/ without a sidecar year: its title may still say
        return read_document(path, raw_root).meta.get("report_year")
    except RejectedFile:
        return None


def scan_raw_dir(raw_dir: str | Path) -> list[RawFile]:
    """Every file a run would read (orphan sidecars, refused links), with its content hash and partition year.

    Nothing outside ``raw_dir`` is opened: a link out of it is keyed by where it points, not by
    what is there.
    """
    root = Path(raw_dir)
    listing = raw_listing(root)
    out = []
    for path in listing.files:
        meta = sidecar_path(path)
        out.append(
            RawFile(
                path=relative_name(path, root),
                sha256=content_sha256(path, root) or unread_key(path),
                report_year=_report_year(path, root),
                sidecar_sha256=sidecar_key(meta, root),
            )
        )
    for path in listing.orphans:
        key = content_sha256(path, root) or unread_key(path)
        out.append(RawFile(relative_name(path, root), key, _orphan_year(path, root)))
    for path, _ in listing.refused:
        out.append(RawFile(relative_name(path, root), unread_key(path), own_year(path, root)))
    return sorted(out, key=lambda f: f.path)


def ingest_raw_dir(raw_dir: str | Path) -> Ingested:
    """Read every file under ``raw_dir``: documents (one per distinct report) and rejections.

    Source paths are relative to ``raw_dir``. Duplicates are resolved across the whole directory
    (see ``govmetrics.ingest.dedup``); each rejection carries the year partition it belongs to.
    """
    root = Path(raw_dir)
    listing = raw_listing(root)
    documents: list[Document] = []
    rejected: list[Rejection] = []
    for path in listing.files:
        try:
            documents.append(read_document(path, root))
        except RejectedFile as exc:
            rejected.append(
                Rejection(relative_name(path, root), exc.sha256, exc.reason, exc.detail, partition_year(path, root))
            )
    for path in listing.orphans:
        name = relative_name(path, root)
        try:
            check_inside(path, root, name)
        except RejectedFile as exc:
            rejected.append(Rejection(name, None, exc.reason, exc.detail, directory_year(path, root)))
            continue
        rejected.append(
            Rejection(
                name,
                content_sha256(path, root),
                "invalid_metadata",
                f"{name}: a sidecar with no report beside it (expected the same name with .txt, .html or .htm)",
                _orphan_year(path, root),
            )
        )
    for path, exc in listing.refused:
        rejected.append(Rejection(relative_name(path, root), None, exc.reason, exc.detail, own_year(path, root)))
    documents, superseded = drop_superseded(documents)
    rejected.extend(superseded)
    kept, duplicates = drop_duplicates(documents)
    rejected.extend(duplicates)
    return Ingested(documents=kept, rejected=sorted(rejected, key=lambda r: r.source_file))
