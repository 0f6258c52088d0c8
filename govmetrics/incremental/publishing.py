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
from govmetrics.incremental.collection import Collection
from govmetrics.incremental.fingerprint import combined_key
from govmetrics.release import PublishResult, publish, sources_from_documents
from govmetrics.release.checksums import parse_sha256sums, sha256_file
from govmetrics.release.versioning import read_pointer
from schemas import TABLES

_PER_DOCUMENT = ("metrics", "mentions", "sections", "documents", "documents_rejected")


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
    key = combined_key([collection.key()] + [f"{n}:{store.fingerprint_of(p)}" for n, p in sorted(computed.items())])
    record = _record_path(base, outputs)
    latest = read_pointer(outputs) if outputs.is_dir() else None
    if latest is not None and record.is_file():
        try:
            known = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        data = known.get("data")
        if known.get("key") == key and data and data == _data_sums(outputs / latest) and _files_match(outputs / latest, data):
            return PublishResult(latest, outputs / latest, False,
                                 f"no change: the data files equal those of {latest}; nothing published",
                                 previous_version=latest)

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
