"""Publishing the collection: stream every table into a release, or say nothing changed without writing.

A release is a function of the documents it holds, the code that read them and wrote it, and the
ids of the release before it. The key of the first two (``Collection.key`` and the publishing
code's version) is recorded beside the store with the data files' hashes it produced. The ids are
stable by construction: a build from the same documents on the release it published gives that
release's ids again (the registry keeps every id it published). So when a later build has the same
key and the latest release is intact and still has those hashes, nothing is assembled at all: a
rebuild with nothing changed costs a few file stats and one pass over the latest release's
checksums (a damaged release is refused, as a full build would; a lost ``LATEST`` is put back).
Otherwise the tables are streamed into ``govmetrics.release.publish``, which compares hashes again
and publishes only a real change.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from govmetrics.incremental import store
from govmetrics.incremental.collection import Collection
from govmetrics.incremental.fingerprint import combined_key, publishing_version
from govmetrics.release import PublishResult, publish, sources_from_documents, versioning
from govmetrics.release.checksums import parse_sha256sums
from govmetrics.release.verify import require_intact
from schemas import TABLES

#: Tables published from the units' stored rows.
_PER_DOCUMENT = ("mentions", "sections", "documents", "documents_rejected")
#: Tables the stored units are made of (metrics is published with its final ids, from ``linked_metrics``).
_UNIT_TABLES = ("metrics", *_PER_DOCUMENT)
_BATCH_ROWS = 65_536


def _record_path(base: str | Path, outputs: Path) -> Path:
    name = combined_key([str(outputs.resolve())], version="outputs")
    return Path(base) / "_published" / f"{name}.json"


def _data_sums(release_dir: Path) -> dict[str, str] | None:
    try:
        sums = parse_sha256sums((release_dir / "SHA256SUMS").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {p: h for p, h in sums.items() if p.endswith((".parquet", ".csv"))}


def _release_key(collection: Collection) -> str:
    return combined_key([collection.key(), publishing_version()])


def _unchanged(key: str, outputs: Path, base: str | Path) -> PublishResult | None:
    """The latest release, when it was published from ``key`` and is intact.

    Raises ``ReleaseIntegrityError`` when the latest release no longer matches its checksums: a
    build never reports "no change" against a damaged release. A missing ``LATEST`` is written again.
    """
    record = _record_path(base, outputs)
    latest = versioning.read_pointer(outputs) if outputs.is_dir() else None
    if latest is None or not record.is_file():
        return None
    try:
        known = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    data = known.get("data")
    if known.get("key") != key or not data or data != _data_sums(outputs / latest):
        return None
    require_intact(outputs / latest)
    reason = f"no change: the data files equal those of {latest}; nothing published"
    if not (outputs / versioning.POINTER_FILE).is_file():
        with versioning.publish_lock(outputs):
            versioning.set_pointer(outputs, latest)
        reason += f"; {versioning.POINTER_FILE} was missing and names {latest} again"
    return PublishResult(latest, outputs / latest, False, reason, previous_version=latest)


def unchanged_release(base: str | Path, units: list[str], outputs_dir: str | Path) -> PublishResult | None:
    """Without running anything: the latest release when publishing now would publish nothing.

    True when every unit's stored tables and the publishing code are what the last publish recorded,
    and the latest release is intact with the recorded data files. A planner that found every unit
    up to date calls this to skip the publish run as well. Raises ``ReleaseIntegrityError`` for a
    damaged latest release.
    """
    tables = {t: {u: store.table_path(base, t, u) for u in units} for t in _UNIT_TABLES}
    if any(not p.is_file() for t in tables.values() for p in t.values()):
        return None
    return _unchanged(_release_key(Collection(tables)), Path(outputs_dir), base)


def _stored_batches(path: Path) -> Callable[[], object]:
    """A stored table's rows, a slice at a time, as published (without the store's fingerprint)."""
    def batches():
        try:
            parquet = pq.ParquetFile(path)
        except OSError as exc:
            raise FileNotFoundError(f"{path}: stored table missing or unreadable; rebuild") from exc
        for batch in parquet.iter_batches(batch_size=_BATCH_ROWS):
            yield pa.Table.from_batches([batch]).replace_schema_metadata(None)
    return batches


def publish_collection(
    collection: Collection,
    computed: Mapping[str, Path],
    outputs_dir: str | Path,
    base: str | Path,
    *,
    created: str | None = None,
    notes: Callable[[str], str] | None = None,
    validate: bool = True,
    pages: Iterable[tuple[str, bytes]] | None = None,
    validate_aside: bool = False,
) -> PublishResult:
    """Publish the collection's per-document tables and the computed ones.

    ``computed`` maps each table that is not published from the units to its stored Parquet file:
    ``metrics`` (the facts with their final ids), ``label_crosswalk``, ``metric_changes``,
    ``indicators`` and ``metric_id_aliases``. ``created``, ``notes``, ``pages`` (the site's item
    pages, rendered beforehand from these same tables) and ``validate_aside`` are passed to ``publish``.
    """
    outputs = Path(outputs_dir)
    key = _release_key(collection)
    unchanged = _unchanged(key, outputs, base)
    if unchanged is not None:
        return unchanged
    record = _record_path(base, outputs)

    tables = {}
    for name in TABLES:
        if name in _PER_DOCUMENT:
            tables[name] = (lambda n=name: collection.stream(n))
        elif name in computed:
            tables[name] = _stored_batches(computed[name])
        else:
            raise KeyError(f"no source for table {name!r}")
    result = publish(tables, outputs, sources=sources_from_documents(collection.sources()),
                     report_years=collection.years or None, created=created, notes=notes, validate=validate,
                     pages=pages, validate_aside=validate_aside)
    if result.path is not None:
        data = _data_sums(result.path)
        record.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".record.", dir=record.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"key": key, "data": data}, fh)
        os.replace(tmp, record)
    return result
