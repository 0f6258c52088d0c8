"""Fetch every source of the manifest into ``raw/``: one outcome per source, whatever happens to the others.

Each source ends in one of three states. ``fetched``: the page is new or differs from the source's
newest snapshot, and a new snapshot was written. ``unchanged``: the server answered 304 to the
validators of the newest snapshot, or sent the same bytes again; nothing is written, so a weekly
run over unchanged pages leaves ``raw/`` (and the raw/ sensor) untouched. ``failed``: the reason
and a sentence, and the run goes on with the next source.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import httpx

from govmetrics.fetch.client import FetchError, FetchSettings, get, open_client
from govmetrics.fetch.content import UnusableContent, parse_content_type, snapshot_format
from govmetrics.fetch.manifest import Source
from govmetrics.fetch.snapshots import Snapshot, index_snapshots, write_snapshot
from govmetrics.ingest.files import relative_name

STATUSES = ("fetched", "unchanged", "failed")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one source. ``path`` is the snapshot written (or the newest one, if unchanged), relative to raw/."""

    url: str
    status: str
    path: str | None = None
    reason: str | None = None
    detail: str | None = None

    def line(self) -> str:
        """One line for a log or a terminal."""
        if self.status == "failed":
            return f"failed     {self.url}: {self.reason}: {self.detail}"
        where = f" -> {self.path}" if self.status == "fetched" else f" ({self.detail}; newest: {self.path})"
        return f"{self.status:<10} {self.url}{where}"


def utc_now() -> datetime:
    """The retrieval time, to the microsecond: two versions fetched within one second must still have an order."""
    return datetime.now(timezone.utc)


def fetch_sources(
    sources: Iterable[Source],
    raw_dir: str | Path,
    settings: FetchSettings | None = None,
    *,
    client: httpx.Client | None = None,
    now: Callable[[], datetime] = utc_now,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Outcome]:
    """Fetch each source in order; never raises for one source's failure."""
    raw = Path(raw_dir)
    settings = settings or FetchSettings()
    snapshots = index_snapshots(raw)
    own_client = client is None
    client = client or open_client(settings)
    try:
        return [_fetch_one(source, raw, settings, client, snapshots, now, sleep) for source in sources]
    finally:
        if own_client:
            client.close()


def _fetch_one(
    source: Source,
    raw: Path,
    settings: FetchSettings,
    client: httpx.Client,
    snapshots: dict[str, list[Snapshot]],
    now: Callable[[], datetime],
    sleep: Callable[[float], None],
) -> Outcome:
    previous = (snapshots.get(source.url) or [None])[-1]
    try:
        fetched = get(client, source.url, settings, previous.validators if previous else None, sleep=sleep)
        if fetched.status == 304:
            if previous is None:
                raise FetchError("http_error", "HTTP 304 Not Modified to a request that sent no validators")
            return Outcome(source.url, "unchanged", relative_name(previous.path, raw), detail="304 Not Modified")
        assert fetched.body is not None
        served = parse_content_type(fetched.content_type)
        fmt = snapshot_format(served.media_type, fetched.body)
        sha256 = hashlib.sha256(fetched.body).hexdigest()
        if previous is not None and previous.sha256 == sha256:
            return Outcome(source.url, "unchanged", relative_name(previous.path, raw), detail="same content")
        path = write_snapshot(raw, source, fetched, served, now(), fmt)
    except FetchError as exc:
        return Outcome(source.url, "failed", reason=exc.reason, detail=exc.detail)
    except UnusableContent as exc:
        return Outcome(source.url, "failed", reason=exc.reason, detail=exc.detail)
    except OSError as exc:
        return Outcome(source.url, "failed", reason="write_error", detail=f"cannot write the snapshot: {exc}")
    return Outcome(source.url, "fetched", relative_name(path, raw))


def summary(outcomes: list[Outcome]) -> dict[str, int]:
    """How many sources ended in each state (every state present, zero or not)."""
    return {status: sum(1 for o in outcomes if o.status == status) for status in STATUSES}
