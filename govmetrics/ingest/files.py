"""Which files under ``raw/`` are reports, where their sidecars are, and how to hash them cheaply."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

from govmetrics.ingest.errors import RejectedFile

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


def is_hidden(relative: PurePosixPath) -> bool:
    """Dotfiles and anything inside a dot-directory (``.gitkeep``, ``.DS_Store``, ``.git/``)."""
    return any(part.startswith(".") for part in relative.parts)


def is_sidecar(path: Path | PurePosixPath) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def sidecar_path(path: Path) -> Path:
    """``<name>.meta.yml`` beside ``<name>.<ext>``: only the last extension is replaced."""
    return path.with_name(path.stem + SIDECAR_SUFFIX) if path.suffix else path.with_name(path.name + SIDECAR_SUFFIX)


def file_format(path: Path | PurePosixPath) -> str | None:
    """``txt`` or ``html`` from the extension (any case), ``None`` for anything else."""
    return FORMATS.get(path.suffix.lower())


def relative_name(path: Path, raw_root: Path | None) -> str:
    """The path as published in ``source_file``: relative to ``raw/`` in POSIX form.

    Relative to the path as found, not as resolved: a link ``raw/2023/a.txt`` keeps its own name
    rather than taking its target's. Under a raw root the result is never an absolute path, so no
    host path can reach a published file.
    """
    if raw_root is None:
        return path.as_posix()
    relative = _lexical_parts(path, raw_root)
    if relative is not None:
        return "/".join(relative)
    return path.name


def _lexical_parts(path: Path, raw_root: Path) -> tuple[str, ...] | None:
    for p, root in ((path, raw_root), (path.absolute(), raw_root.absolute())):
        try:
            return p.relative_to(root).parts
        except ValueError:
            continue
    return None


def check_inside(path: Path, raw_root: Path, name: str) -> None:
    """Raise ``RejectedFile`` unless ``path``, through every symbolic link, stays inside ``raw_root``.

    Whatever resolves elsewhere (``raw/2022/a.txt -> /etc/passwd``) is never opened, not even to be
    hashed, and the message names only the path inside ``raw/``: the target is a host path.
    """
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:  # a dangling link: where it points still decides
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop: OSError from Python 3.13, RuntimeError before
        raise RejectedFile("link_loop", f"{name}: a symbolic link that never resolves (it loops)") from None
    if not target.is_relative_to(raw_root.resolve()):
        raise RejectedFile(
            "outside_raw", f"{name}: a symbolic link that resolves outside raw/; only files inside raw/ are read"
        )


def directory_year(path: Path, raw_root: Path | None) -> int | None:
    """The year of the ``raw/<year>/`` directory a file was filed under, if it was.

    With a raw root, the first directory below it counts; without one, the file's own parent does.
    """
    if raw_root is not None:
        parts = (_lexical_parts(path, raw_root) or ())[:-1]
        candidate = parts[0] if parts else None
    else:
        candidate = path.parent.name
    return int(candidate) if candidate and _YEAR_DIR.match(candidate) else None
