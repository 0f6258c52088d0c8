"""What a long build shows while it runs, and the closing summary it prints."""

from __future__ import annotations

import io

from govmetrics.incremental.progress import TerminalProgress
from govmetrics.incremental.unit import UnitStats
from pipelines.build import BuildOutcome


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_one_line_rewritten_in_place_with_the_year_and_the_rate():
    out = _Terminal()
    progress = TerminalProgress(out, interval=0.0)
    stats = UnitStats(files=3)
    for done in (1, 2):
        stats.extracted = done
        progress("2022", done, 3, stats)
    stats.extracted, stats.seconds = 3, 1.0
    progress("2022", 3, 3, stats)
    text = out.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "2022: 3/3 documents" in text and "(3 extracted, 0 cached, 0 quarantined)" in text


def test_a_log_gets_a_line_now_and_then_and_the_last_one():
    out = io.StringIO()
    progress = TerminalProgress(out, log_every=3600)
    stats = UnitStats(files=1000)
    for done in range(1, 1001):
        stats.cached = done
        if done == 1000:
            stats.seconds = 2.0
        progress("2023", done, 1000, stats)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in out.getvalue()
    assert lines[-1].startswith("2023: 1000/1000 documents") and "1000 cached" in lines[-1]


def test_the_closing_summary_counts_documents_rows_and_stage_times():
    outcome = BuildOutcome(years=["2022", "2023"])
    outcome.year_stats = {
        "2022": {"files": 10, "read": 1, "cached": 9, "extracted": 1, "quarantined": 0, "seconds": 1.5},
        "2023": {"files": 5, "read": 0, "cached": 5, "extracted": 0, "quarantined": 1, "seconds": 0.0},
    }
    outcome.rows = {"metrics": 120, "documents": 14}
    outcome.stage_seconds = {"metric_changes": 0.25, "release: validate": 1.0}
    outcome.documents_published = 14
    assert outcome.summary() == [
        "documents: 15 raw files, 1 read, 14 cached, 1 extracted, 1 quarantined, 14 published",
        "rows: metrics 120, documents 14",
        "seconds: year 2022 1.5, year 2023 0.0, metric_changes 0.2, release: validate 1.0",
    ]
