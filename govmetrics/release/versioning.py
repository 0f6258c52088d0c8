"""Release names, the ``latest`` pointer, and the moves that make publishing atomic.

A release lives in ``<outputs>/v<year>.<revision>/`` and is never rewritten or deleted.  It is
written under a hidden temporary name inside ``<outputs>`` (same filesystem, so the final rename is
atomic) and only then renamed into place; the pointer is switched last, by another atomic rename.
A crash before the directory rename leaves only a hidden temporary directory, which the next publish
removes; a crash between the two renames leaves a complete release the pointer does not name yet
(readers keep seeing the previous one) and the next publish numbers after it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from govmetrics.release.errors import ReleaseError
from govmetrics.durable import fsync_dir

VERSION_RE = re.compile(r"^v(\d{4})\.([1-9]\d*)$")
# Holds the newest version's name.  A plain file rather than a symlink: it survives git on every
# platform, and a ``latest`` symlink beside it would clash with it on case-insensitive filesystems.
POINTER_FILE = "LATEST"
TEMP_PREFIX = ".tmp-"


def parse_version(name: str) -> tuple[int, int] | None:
    """``"v2022.3"`` -> ``(2022, 3)``; anything else -> None."""
    m = VERSION_RE.match(name)
    return (int(m.group(1)), int(m.group(2))) if m else None


def format_version(year: int, revision: int) -> str:
    return f"v{year}.{revision}"


def list_versions(outputs_dir: Path) -> list[str]:
    """Every published release directory, oldest first by (year, revision)."""
    if not outputs_dir.is_dir():
        return []
    found = [
        p.name
        for p in outputs_dir.iterdir()
        if p.is_dir() and not p.is_symlink() and parse_version(p.name) is not None
    ]
    return sorted(found, key=lambda n: parse_version(n) or (0, 0))


def next_version(existing: Iterable[str], latest_report_year: int) -> str:
    """The next free name for a release whose newest report year is ``latest_report_year``.

    Revisions count per year and never reuse a number, even one whose directory was left behind by an
    interrupted publish: a name, once on disk, always means the same files.
    """
    revisions = [rev for year, rev in filter(None, map(parse_version, existing)) if year == latest_report_year]
    return format_version(latest_report_year, max(revisions, default=0) + 1)


def read_pointer(outputs_dir: Path) -> str | None:
    """The version ``latest`` names, or None before the first release.

    Without a ``LATEST`` file (e.g. deleted by hand) the newest release directory stands in, so a
    lost pointer never makes the history look empty.
    """
    pointer = outputs_dir / POINTER_FILE
    if pointer.is_file():
        name = pointer.read_text(encoding="utf-8").strip()
        if parse_version(name) is None:
            raise ReleaseError(f"{pointer} holds {name!r}, which is not a release name")
        if not (outputs_dir / name).is_dir():
            raise ReleaseError(f"{pointer} names {name}, but {outputs_dir / name} does not exist")
        return name
    versions = list_versions(outputs_dir)
    return versions[-1] if versions else None


def _replace_atomically(outputs_dir: Path, final_name: str, make_temp) -> None:
    tmp = outputs_dir / f".{final_name}.tmp-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    make_temp(tmp)
    os.replace(tmp, outputs_dir / final_name)


def set_pointer(outputs_dir: Path, version: str) -> None:
    """Point ``LATEST`` at ``version`` by one atomic rename of a fully written file."""
    if not (outputs_dir / version).is_dir():
        raise ReleaseError(f"cannot point latest at {version}: no such release in {outputs_dir}")

    def write_pointer(tmp: Path) -> None:
        with open(tmp, "x", encoding="utf-8") as fh:
            fh.write(version + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    _replace_atomically(outputs_dir, POINTER_FILE, write_pointer)
    fsync_dir(outputs_dir)


def make_temp_dir(outputs_dir: Path, version: str) -> Path:
    """A fresh hidden directory beside the releases, on the same filesystem as its final name."""
    tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{version}-", dir=outputs_dir))
    os.chmod(tmp, 0o755)  # mkdtemp makes it private; a published release is world-readable
    return tmp


def remove_stale_temps(outputs_dir: Path) -> list[str]:
    """Delete what interrupted publishes left behind (call with the publish lock held)."""
    removed = []
    for p in sorted(outputs_dir.iterdir()):
        stale_dir = p.name.startswith(TEMP_PREFIX) and p.is_dir() and not p.is_symlink()
        stale_pointer = p.name.startswith(f".{POINTER_FILE}.tmp-")
        if stale_dir:
            shutil.rmtree(p)
            removed.append(p.name)
        elif stale_pointer:
            p.unlink()
            removed.append(p.name)
    return removed


def move_into_place(tmp_dir: Path, final_dir: Path) -> None:
    """Rename the finished temporary directory to its release name; never over an existing one."""
    if final_dir.exists() or final_dir.is_symlink():
        raise ReleaseError(f"{final_dir} already exists; a published release is never rewritten")
    os.rename(tmp_dir, final_dir)
    fsync_dir(final_dir.parent)


@contextlib.contextmanager
def publish_lock(outputs_dir: Path) -> Iterator[None]:
    """Serialize publishers on one outputs directory (an advisory lock on the directory itself).

    Holding it makes cleaning temporary directories safe: none of them can belong to a live publish.
    Locking the directory rather than a lock file leaves nothing behind in ``outputs/``.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX: single publisher assumed
        yield
        return
    fd = os.open(outputs_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
