"""Snapshots of one source: the newest is the report, the older ones are history.

``govmetrics fetch`` never overwrites a snapshot: when a page changes, the new version is saved
beside the old one. Both carry the page's ``source_url`` in their sidecars, and only the one
retrieved last is published; each older one is recorded in ``documents_rejected`` as
``superseded``, naming the snapshot that replaced it, so the history stays visible without any
report being counted twice. Files with no ``source_url`` (saved by hand) are left alone.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from govmetrics.ingest.errors import Rejection
from govmetrics.model import Document

_NEVER = datetime.min.replace(tzinfo=timezone.utc)


def retrieval_time(retrieved: str | None) -> datetime:
    """``retrieved`` as an aware time for ordering; a date counts from its midnight UTC, a missing one as oldest."""
    if not retrieved:
        return _NEVER
    try:
        moment = datetime.fromisoformat(retrieved)
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(retrieved), datetime.min.time())
        except ValueError:
            return _NEVER
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def newest_key(retrieved: str | None, path: str) -> tuple[datetime, str]:
    """Sort key of snapshots of one source, newest last; the path breaks a tie the same way every run."""
    return retrieval_time(retrieved), path


def drop_superseded(documents: list[Document]) -> tuple[list[Document], list[Rejection]]:
    """Documents with only the newest snapshot of each ``source_url``, and a rejection per older one."""
    by_url: dict[str, list[Document]] = {}
    for doc in documents:
        if doc.meta.get("source_url"):
            by_url.setdefault(doc.meta["source_url"], []).append(doc)
    older: dict[str, Rejection] = {}
    for url, snapshots in by_url.items():
        if len(snapshots) < 2:
            continue
        ordered = sorted(snapshots, key=lambda d: newest_key(d.meta.get("retrieved"), d.path))
        newest = ordered[-1]
        when = newest.meta.get("retrieved") or "no retrieval time"
        for doc in ordered[:-1]:
            older[doc.path] = Rejection(
                source_file=doc.path,
                sha256=doc.sha256,
                reason="superseded",
                detail=f"{doc.path}: an older snapshot of {url}; the newest, {newest.path} (retrieved {when}), is published",
                report_year=doc.meta.get("report_year"),
            )
    kept = [doc for doc in documents if doc.path not in older]
    return kept, sorted(older.values(), key=lambda r: r.source_file)
