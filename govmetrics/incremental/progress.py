"""What a long build says while it runs: which report year, how far, how fast.

On a terminal one status line is rewritten in place a few times a second; in a log (stderr not a
terminal) a line is written every ``log_every`` seconds, so a scheduler's log shows a build is alive
without a line per document.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from govmetrics.incremental.unit import UnitStats


class TerminalProgress:
    """A ``Progress`` callback for ``build_unit`` that writes to ``stream`` (stderr by default)."""

    def __init__(self, stream: TextIO | None = None, *, interval: float = 0.25, log_every: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = interval if self.tty else log_every
        self._start: dict[str, float] = {}
        self._last = 0.0
        self._width = 0

    def __call__(self, unit: str, done: int, total: int, stats: UnitStats) -> None:
        now = time.perf_counter()
        start = self._start.setdefault(unit, now)
        finished = done >= total and stats.seconds > 0
        if not finished and now - self._last < self.interval:
            return
        self._last = now
        elapsed = now - start
        rate = f", {done / elapsed:,.0f}/s" if elapsed >= 0.5 else ""
        line = (
            f"{unit}: {done}/{total} documents{rate} "
            f"({stats.extracted} extracted, {stats.cached} cached, {stats.quarantined} quarantined)"
        )
        if self.tty:
            pad = " " * max(0, self._width - len(line))
            self.stream.write("\r" + line + pad + ("\n" if finished else ""))
            self._width = 0 if finished else len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def progress_enabled() -> bool:
    """Progress is shown unless ``GOVMETRICS_PROGRESS=0``."""
    return os.environ.get("GOVMETRICS_PROGRESS", "1") != "0"
