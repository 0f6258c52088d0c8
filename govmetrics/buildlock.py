"""One build at a time per Dagster instance and per outputs directory.

Two builds sharing a DAGSTER_HOME share its SQLite storage (created on first use: two processes
creating it at once break it for good), its store of intermediate tables and its registered report
years; two builds sharing an outputs directory number their releases from the same list. Each of
these is safe for one build at a time, so a build holds two advisory file locks for its whole
length: one in the instance's directory, one in the outputs directory, always taken in that order
(no two builds can each hold one and wait for the other). A second build waits for the first, up to
a timeout, and is refused with a message naming the holder when the timeout passes.

The locks are ``flock`` locks (the ``filelock`` package): the kernel drops them when the holding
process dies, so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = ".govmetrics-build.lock"
HOLDER_SUFFIX = ".holder"


class BuildLocked(RuntimeError):
    """Another build holds a lock this build needs; the message names the lock and its holder."""


def lock_paths(outputs_dir: str | Path, dagster_home: str | Path | None) -> list[Path]:
    """The lock files a build takes, in the order it takes them."""
    paths = [Path(dagster_home) / LOCK_NAME] if dagster_home else []
    return paths + [Path(outputs_dir) / LOCK_NAME]


def _holder(lock: Path) -> str:
    try:
        info = json.loads(lock.with_name(lock.name + HOLDER_SUFFIX).read_text(encoding="utf-8"))
        return f"pid {info['pid']} on {info['host']}, building {info['raw']} since {info['since']}"
    except (OSError, ValueError, KeyError):
        return "another build"


@contextlib.contextmanager
def build_lock(
    outputs_dir: str | Path,
    dagster_home: str | Path | None = None,
    *,
    raw_dir: str | Path = "",
    timeout: float | None = None,
) -> Iterator[None]:
    """Hold the instance's and the outputs directory's build locks for the ``with`` block.

    ``timeout`` is how long to wait for a lock held by another build: None waits as long as it
    takes, 0 refuses at once. Raises ``BuildLocked`` when a lock is still held after it.
    """
    with contextlib.ExitStack() as stack:
        for path in lock_paths(outputs_dir, dagster_home):
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(path)
            try:
                lock.acquire(timeout=0)
            except PermissionError:
                # A directory no build can write: nothing there to protect, and the step that needs to
                # write it fails on its own, naming the problem.
                continue
            except Timeout:
                print(f"waiting for {path}: held by {_holder(path)}", file=sys.stderr, flush=True)
                try:
                    lock.acquire(timeout=-1 if timeout is None else timeout)
                except Timeout:
                    raise BuildLocked(
                        f"{path} is held by {_holder(path)}; not built (try again when it has finished)"
                    ) from None
            stack.callback(lock.release)
            holder = path.with_name(path.name + HOLDER_SUFFIX)
            holder.write_text(
                json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "raw": str(raw_dir),
                            "since": time.strftime("%Y-%m-%dT%H:%M:%S%z")}),
                encoding="utf-8",
            )
            stack.callback(holder.unlink, missing_ok=True)
        yield
