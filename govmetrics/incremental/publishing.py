"""Publishing the collection: stream every table into a release, or say nothing changed without writing.

A release is a function of the documents it holds and the code that read them. The key of both
(``Collection.key`` and the comparison tables' fingerprints) is recorded beside the store with the
data files' hashes it produced; when a later build has the same key and the latest release still
has those hashes, nothing is assembled at all: a rebuild with nothing changed costs a few file
stats. Otherwise the tables are streamed into ``govmetrics.release.publish``, which compares hashes
again and publishes only a real change.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from govmetrics.incremental import store
from govmetrics.incremental.collection import Collection, inputs_key
from govmetrics.incremental.fingerprint import combined_key
from govmetrics.release import PublishResult, publish, sources_from_documents
from govmetrics.release.checksums import parse_sha256sums, sha256_file
from govmetrics.release.versioning import read_pointer
from schemas import TABLES

_PER_DOCUMENT = ("metrics", "mentions", "sections", "documents", "documents_rejected")
_COMPUTED = ("label_crosswalk", "metric_changes")


def _record_path(base: str | Path, outputs: Path) -> Path:
    name = combined_key([str(outputs.resolve())], version="outputs")
    return Path(base) / "_published" / f"{name}.json"


def _data_sums(release_dir: Path) -> dict[str, str] | None:
    try:
        sums = parse_sha256sums((release_dir / "SHA256SUMS").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {p: h for p, h in sums.items() if p.endswith((".parquet", ".csv"))}


def _files_match(release_dir: Path, sums: Mapping[str, str]) -> bool:
    """Whether every listed data file is there with its recorded bytes (a damaged release is no match)."""
    try:
        return all(sha256_file(release_dir / rel) == digest for rel, digest in sums.items())
    except OSError:
        return False


def _release_key(collection: Collection, computed: Mapping[str, Path]) -> str:
    return combined_key([collection.key()] + [f"{n}:{store.fingerprint_of(p)}" for n, p in sorted(computed.items())])


def _unchanged(key: str, outputs: Path, base: str | Path) -> PublishResult | None:
    """The latest release, when it was published from ``key`` and its data files still check out."""
    record = _record_path(base, outputs)
    latest = read_pointer(outputs) if outputs.is_dir() else None
    if latest is None or not record.is_file():
        return None
    try:
        known = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    data = known.get("data")
    if known.get("key") != key or not data or data != _data_sums(outputs / latest) or not _files_match(outputs / latest, data):
        return None
    return PublishResult(latest, outputs / latest, False,
                         f"no change: the data files equal those of {latest}; nothing published", previous_version=latest)


def unchanged_release(base: str | Path, units: list[str], outputs_dir: str | Path) -> PublishResult | None:
    """Without running anything: the latest release when publishing now would publish nothing.

    True when every unit's stored tables, the comparison tables computed from exactly them and the
    latest release's files are what the last publish recorded. A planner that found every unit up
    to date calls this to skip the publish run as well.
    """
    tables = {t: {u: store.table_path(base, t, u) for u in units} for t in _PER_DOCUMENT}
    if any(not p.is_file() for t in tables.values() for p in t.values()):
        return None
    computed = {name: store.table_path(base, name, "all") for name in _COMPUTED}
    inputs = {"metrics": tables["metrics"], "documents": tables["documents"]}
    if any(store.fingerprint_of(p) != inputs_key(name, inputs) for name, p in computed.items()):
        return None
    return _unchanged(_release_key(Collection(tables), computed), Path(outputs_dir), base)


def publish_collection(
    collection: Collection,
    computed: Mapping[str, Path],
    outputs_dir: str | Path,
    base: str | Path,
    *,
    validate: bool = True,
) -> PublishResult:
    """Publish the collection's tables and the computed ones (``label_crosswalk``, ``metric_changes``).

    ``computed`` maps each table that is not per-document to its stored Parquet file.
    """
    outputs = Path(outputs_dir)
    key = _release_key(collection, computed)
    unchanged = _unchanged(key, outputs, base)
    if unchanged is not None:
        return unchanged
    record = _record_path(base, outputs)

    def computed_table(path: Path):
        def batches():
            table = store.read_table(path)
            if table is None:
                raise FileNotFoundError(f"{path}: stored table missing; rebuild")
            yield table.replace_schema_metadata(None)
        return batches

    tables = {}
    for name in TABLES:
        if name in _PER_DOCUMENT:
            tables[name] = (lambda n=name: collection.stream(n))
        elif name in computed:
            tables[name] = computed_table(computed[name])
        else:
            raise KeyError(f"no source for table {name!r}")
    result = publish(tables, outputs, sources=sources_from_documents(collection.sources()),
                     report_years=collection.years or None, validate=validate)
    if result.path is not None:
        data = _data_sums(result.path)
        record.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".record.", dir=record.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"key": key, "data": data}, fh)
        os.replace(tmp, record)
    return result
