"""Why a raw file did not become a document.

A rejection is data, not a crash: the run goes on and the file is published in the
``documents_rejected`` table with one reason from a closed vocabulary and a sentence a person can act
on. Every check in the ingest package raises ``RejectedFile``; only the directory scan turns it into
a ``Rejection`` record.
"""

from __future__ import annotations

from dataclasses import dataclass


class RejectedFile(Exception):
    """A raw file that cannot be ingested; ``reason`` is one of ``REJECTION_REASONS``.

    ``detail`` names the file and the problem, so that the message stands on its own in a log line
    or a table cell.
    """

    def __init__(self, reason: str, detail: str, *, sha256: str | None = None) -> None:
        # Imported here: importing ``schemas`` loads pandera and pandas, which ``govmetrics extract`` never needs.
        from schemas.vocabularies import REJECTION_REASONS

        if reason not in REJECTION_REASONS:
            raise ValueError(f"unknown rejection reason {reason!r}; expected one of {REJECTION_REASONS}")
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.sha256 = sha256


@dataclass(frozen=True, slots=True)
class Rejection:
    """One quarantined raw file: a row of ``documents_rejected`` plus the partition it belongs to.

    ``report_year`` is the year the file would have been filed under (its sidecar or its
    ``raw/<year>/`` directory), or ``None`` when nothing tells; it lets a year-partitioned pipeline
    publish the rejection with that year's release.
    """

    source_file: str
    sha256: str | None
    reason: str
    detail: str
    report_year: int | None = None
