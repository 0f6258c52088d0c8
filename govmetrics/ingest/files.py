"""Which files under ``raw/`` are reports, where their sidecars are, and how to hash them cheaply."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

# Real reports are well under 1 MB; anything far larger is not one, and must not be loaded into
# memory only to be rejected.
MAX_BYTES = 10 * 1024 * 1024
SIDECAR_SUFFIX = ".meta.yml"
# The list of sources ``govmetrics fetch`` reads, kept at the top of raw/: not a report.
MANIFEST_NAME = "sources.yml"
FORMATS = {".txt": "txt", ".html": "html", ".htm": "html"}
_YEAR_DIR = re.compile(r"^(19|20|21)\d{2}$")
_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in chunks so that a huge file costs time but not memory."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def is_sidecar(path: Path | PurePosixPath) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def is_hidden(relative: PurePosixPath) -> bool:
    """Dotfiles and anything inside a dot-directory (``.gitkeep``, ``.DS_Store``, ``.git/``)."""
    return any(part.startswith(".") for part in relative.parts)


def sidecar_path(path: Path) -> Path:
    """``<name>.meta.yml`` beside ``<name>.<ext>``: only the last extension is replaced."""
    return path.with_name(path.stem + SIDECAR_SUFFIX) if path.suffix else path.with_name(path.name + SIDECAR_SUFFIX)


def file_format(path: Path | PurePosixPath) -> str | None:
    """``txt`` or ``html`` from the extension (any case), ``None`` for anything else."""
    return FORMATS.get(path.suffix.lower())


def relative_name(path: Path, raw_root: Path | None) -> str:
    """The path as published in ``source_file``: relative to ``raw/`` in POSIX form when possible."""
    if raw_root is not None:
        try:
            return path.resolve().relative_to(raw_root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def directory_year(path: Path, raw_root: Path | None) -> int | None:
    """The year of the ``raw/<year>/`` directory a file was filed under, if it was.

    With a raw root, the first directory below it counts; without one, the file's own parent does.
    """
    if raw_root is not None:
        try:
            parts = path.resolve().relative_to(raw_root.resolve()).parts[:-1]
        except ValueError:
            parts = ()
        candidate = parts[0] if parts else None
    else:
        candidate = path.parent.name
    return int(candidate) if candidate and _YEAR_DIR.match(candidate) else None
