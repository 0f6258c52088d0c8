"""The files under ``raw/`` and which unit of work each belongs to, found without reading them.

A file is told apart from its previous state by its stat signature (size, modification and change
times in nanoseconds, inode), as ``git status`` does: an untouched file is never opened again, and
any write changes the change time, which no tool can set back. The report year a file is filed
under comes from its sidecar (parsed again only when the sidecar's own signature changed) or its
``raw/<year>/`` directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from govmetrics.ingest import RejectedFile, read_document
from govmetrics.ingest.files import directory_year, relative_name, sidecar_path
from govmetrics.ingest.scan import own_year, raw_listing
from govmetrics.ingest.sidecar import conflicting_year, load_sidecar


def signature(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One file under ``raw/`` as a build first sees it.

    ``orphan`` marks a sidecar with no report beside it (it is quarantined on its own; its
    ``sidecar_signature`` is its own). ``refused`` is the (reason, detail) of a directory link the
    walk does not follow (out of raw/, or a loop): quarantined unread. ``year`` is the partition
    year: the sidecar's ``report_year`` (``sidecar_year``; not when it conflicts with the directory),
    else the ``raw/<year>/`` directory, else None (then only reading the file can tell, from its title).
    """

    path: str
    signature: str
    sidecar_signature: str | None
    orphan: bool
    sidecar_year: int | None
    year: int | None
    refused: tuple[str, str] | None = None


def _stat_signature(path: Path) -> str | None:
    try:
        return signature(path.stat())
    except OSError:
        return None


def _lstat_signature(path: Path) -> str:
    """The signature of a link itself (a link that loops or dangles has no target to stat)."""
    try:
        return "link:" + signature(path.lstat())
    except OSError:
        return ""


# Sidecar years by (sidecar, signature): a planner and the units of one process parse each sidecar once.
_SIDECAR_YEARS: dict[tuple[str, str], int | None] = {}


def _sidecar_year(sidecar: Path, root: Path, sig: str) -> int | None:
    key = (str(sidecar), sig)
    if key not in _SIDECAR_YEARS:
        _SIDECAR_YEARS[key] = _parse_sidecar_year(sidecar, root)
    return _SIDECAR_YEARS[key]


def _parse_sidecar_year(sidecar: Path, root: Path) -> int | None:
    """The year a sidecar files its report under; None when it says none, is bad, or conflicts with
    the ``raw/<year>/`` directory (the rejection then lands in the directory's year)."""
    try:
        values = load_sidecar(sidecar, relative_name(sidecar, root), root)
    except RejectedFile:
        return None  # a bad sidecar is reported when the file is read; its directory still files it
    year = values.get("report_year")
    if year is None or conflicting_year(values, directory_year(sidecar, root)) is not None:
        return None
    return int(year)


def list_raw(raw_dir: str | Path, known: dict[str, tuple[str | None, int | None]] | None = None) -> list[RawEntry]:
    """Every report and orphan sidecar under ``raw_dir``, sorted by path.

    ``known`` maps a path to the (sidecar signature, sidecar year) of an earlier listing, so a
    sidecar is parsed only when it changed.
    """
    root = Path(raw_dir)
    known = known or {}
    listing = raw_listing(root)
    out: list[RawEntry] = []
    for path, exc in listing.refused:
        out.append(RawEntry(path.relative_to(root).as_posix(), _stat_signature(path) or _lstat_signature(path), None,
                            False, None, own_year(path, root), (exc.reason, exc.detail)))
    for path, orphan in [(p, False) for p in listing.files] + [(p, True) for p in listing.orphans]:
        name = path.relative_to(root).as_posix()  # as listed: no symlink resolution per file
        sig = _stat_signature(path) or ""
        meta = path if orphan else sidecar_path(path)
        meta_sig = _stat_signature(meta)
        sidecar_year: int | None = None
        if meta_sig is not None:
            previous = known.get(name)
            if previous is not None and previous[0] == meta_sig:
                sidecar_year = previous[1]
            else:
                sidecar_year = _sidecar_year(meta, root, meta_sig)
        year = sidecar_year if sidecar_year is not None else directory_year(path, root)
        out.append(RawEntry(name, sig, meta_sig, orphan, sidecar_year, year))
    return sorted(out, key=lambda e: e.path)


def report_years(
    raw_dir: str | Path,
    known: dict[str, tuple[str | None, int | None]] | None = None,
    entries: list[RawEntry] | None = None,
) -> list[int]:
    """Years that have at least one raw file (from the sidecar, the folder, or else the file's title)."""
    root = Path(raw_dir)
    entries = entries if entries is not None else list_raw(root, known)
    years = {e.year for e in entries if e.year is not None}
    for e in entries:
        if e.year is None and not e.orphan and e.refused is None:  # only reading tells: rare (a file outside raw/<year>/, no sidecar year)
            try:
                year = read_document(root / e.path, root).meta.get("report_year")
            except RejectedFile:
                continue
            if year is not None:
                years.add(int(year))
    return sorted(years)
