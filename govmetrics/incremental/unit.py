"""A unit of work: the raw files of one report year (or of one shard of it), each read and extracted only when it changed.

For every file the unit looks at the stat signature first. An untouched file whose key (path,
SHA-256 of its bytes and of its sidecar, code version) has rows in the unit's stored tables is not
opened: its rows are taken from there. A new or changed file is read once; if its bytes turn out to
be unchanged (it was only touched) its stored rows are still reused, otherwise it is extracted.
New rows are validated by their pandera models in batches of documents, never as one frame of the
whole year, and spilled to disk; every table of the unit is then written as one Parquet file (rows
tagged with the key of the document they came from), a doc_id range at a time, so memory holds a
batch or a range, not the year.

The result does not depend on how files are grouped into units or batches: each document's rows are
a function of its key alone, and every table is sorted by its model's order.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc

from govmetrics.departments import unknown_departments
from govmetrics.facts import facts_from_mentions
from govmetrics.incremental import store
from govmetrics.incremental.document import DocumentRows, extract_rows, orphan_rejection, read_raw_file, refused_rejection
from govmetrics.incremental.fingerprint import code_version, combined_key, document_key
from govmetrics.incremental.rawfiles import RawEntry, list_raw
from govmetrics.incremental.shards import Unit
from govmetrics.release.schema_export import arrow_schema, table_spec
from govmetrics.release.tables import sort_arrow, to_arrow
from schemas import Documents, DocumentsRejected, Mentions, Metrics, Sections

#: The per-document tables a unit writes, with their models.
UNIT_TABLES: dict[str, type[pa.DataFrameModel]] = {
    "documents": Documents,
    "documents_rejected": DocumentsRejected,
    "sections": Sections,
    "mentions": Mentions,
    "metrics": Metrics,
}
KEY = "_key"
#: Extra columns of a unit's documents table, for finding the same report saved twice across units.
DEDUP_COLUMNS = ("_dedup_key", "_dedup_shape")
# A key that failed validation is stored under this prefix, so no later build takes its rows as valid.
_INVALID = "invalid:"
_COMPLETE = b"govmetrics_complete"

MANIFEST_SCHEMA = pa_arrow.schema(
    [
        ("path", pa_arrow.string()),
        ("signature", pa_arrow.string()),
        ("sidecar_signature", pa_arrow.string()),
        ("orphan", pa_arrow.bool_()),
        ("sidecar_year", pa_arrow.int64()),
        ("year", pa_arrow.int64()),
        ("sha256", pa_arrow.string()),
        ("sidecar_sha256", pa_arrow.string()),
        ("key", pa_arrow.string()),
        ("outcome", pa_arrow.string()),  # document, rejected, elsewhere (a document of another year), or null
    ]
)


def unit_schema(table: str) -> pa_arrow.Schema:
    """The Arrow schema of a unit's table: the model's fields, then the internal columns."""
    schema = arrow_schema(UNIT_TABLES[table])
    extra = [pa_arrow.field(KEY, pa_arrow.string(), nullable=False)]
    if table == "documents":
        extra += [pa_arrow.field(c, pa_arrow.string()) for c in DEDUP_COLUMNS]
    for f in extra:
        schema = schema.append(f)
    return schema


@dataclass
class CheckOutcome:
    """A table's schema check over the rows made in this build (stored rows passed theirs already)."""

    rows_checked: int = 0
    failures: pd.DataFrame | None = None

    @property
    def passed(self) -> bool:
        return self.failures is None or self.failures.empty


@dataclass
class UnitStats:
    files: int = 0
    read: int = 0  # raw files opened in this build
    cached: int = 0  # files whose rows were reused (not extracted)
    extracted: int = 0
    quarantined: int = 0
    seconds: float = 0.0


@dataclass
class UnitResult:
    """What a unit made: each table as a staged Parquet file to move into the store (``commit_unit``,
    or the IO manager), or ``None`` when the stored file is already right."""

    unit: str
    fingerprint: str
    tables: dict[str, Path | None]
    rows: dict[str, int]
    manifest: pa_arrow.Table
    checks: dict[str, CheckOutcome]
    span_mismatches: list[str]
    unknown_departments: list[str]
    stats: UnitStats
    extracted_paths: list[str] = field(default_factory=list)
    spill: Path | None = None  # the working directory of the unit; removed by ``save_manifest``

    @property
    def changed(self) -> bool:
        return any(t is not None for t in self.tables.values())


Progress = Callable[[str, int, int, UnitStats], None]


class _Previous:
    """The unit's stored state: its manifest and the keys its stored tables hold rows for.

    The stored rows are trusted only when every table carries the fingerprint the manifest was
    written with: a table lost or left from another build makes the whole unit be read again.
    """

    def __init__(self, base: Path, unit: str, version: str) -> None:
        self.base, self.unit = base, unit
        manifest = store.read_table(store.manifest_path(base, unit))
        self.entries: dict[str, dict[str, Any]] = {}
        fingerprint = None
        if manifest is not None:
            self.entries = {row["path"]: row for row in manifest.to_pylist()}
            fingerprint = (manifest.schema.metadata or {}).get(store.FINGERPRINT_KEY, b"").decode() or None
        whole = fingerprint is not None and all(
            store.fingerprint_of(store.table_path(base, name, unit)) == fingerprint for name in UNIT_TABLES
        )
        self.keys: dict[str, set[str]] = {}
        for name in UNIT_TABLES:
            keys = store.read_table(store.table_path(base, name, unit), columns=[KEY]) if whole else None
            self.keys[name] = set(keys.column(KEY).to_pylist()) if keys is not None else set()
        self.all_keys = set().union(*self.keys.values())
        self.version = version

    def known_sidecars(self) -> dict[str, tuple[str | None, int | None]]:
        return {p: (e["sidecar_signature"], e["sidecar_year"]) for p, e in self.entries.items()}

    def has_rows(self, key: str, outcome: str) -> bool:
        if outcome == "document":
            return key in self.keys["documents"]
        if outcome == "rejected":
            return key in self.keys["documents_rejected"]
        return outcome == "elsewhere"

    def rows(self, name: str, keys: set[str], doc_ids: tuple[str, str] | None = None) -> pa_arrow.Table | None:
        """The stored rows of ``keys``, only those with ``lo <= doc_id < hi`` when ``doc_ids`` is given."""
        wanted = keys & self.keys[name]
        if not wanted:
            return None
        filters = [("doc_id", ">=", doc_ids[0]), ("doc_id", "<", doc_ids[1])] if doc_ids else None
        table = store.read_table(store.table_path(self.base, name, self.unit), filters=filters)
        if table is None:
            return None
        mask = pc.is_in(table.column(KEY), value_set=pa_arrow.array(sorted(wanted), pa_arrow.string()))
        return table.filter(mask)


class _Batch:
    """Rows of documents extracted in this build, validated and turned to Arrow a batch at a time,
    then written to the spill (so memory holds one batch, not the unit)."""

    def __init__(self, size: int, spill: _Spill) -> None:
        self.size = size
        self.spill = spill
        self.pending: list[tuple[str, DocumentRows]] = []
        self.checks: dict[str, CheckOutcome] = {name: CheckOutcome() for name in UNIT_TABLES}

    def add(self, key: str, rows: DocumentRows) -> None:
        if rows.document is not None and any(
            r.document is not None and r.document["doc_id"] == rows.document["doc_id"] for _, r in self.pending
        ):
            self.flush()  # two copies of the same bytes: their rows share ids, so they go in separate batches
        self.pending.append((key, rows))
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        frames: dict[str, list[dict[str, Any]]] = {name: [] for name in UNIT_TABLES}
        keys: dict[str, list[str]] = {name: [] for name in UNIT_TABLES}
        for key, rows in self.pending:
            if rows.rejection is not None:
                frames["documents_rejected"].append(rows.rejection)
                keys["documents_rejected"].append(key)
                continue
            assert rows.document is not None
            frames["documents"].append(rows.document)
            keys["documents"].append(key)
            frames["sections"] += rows.sections
            keys["sections"] += [key] * len(rows.sections)
            frames["mentions"] += rows.mentions
            keys["mentions"] += [key] * len(rows.mentions)
        dfs = {name: _frame(frames[name], UNIT_TABLES[name]) for name in ("documents", "documents_rejected", "sections", "mentions")}
        dedup = {c: [r.get(c) for r in frames["documents"]] for c in DEDUP_COLUMNS}
        key_of_doc = dict(zip((r["doc_id"] for r in frames["documents"]), keys["documents"], strict=True))
        dfs["metrics"] = facts_from_mentions(dfs["mentions"])
        keys["metrics"] = [key_of_doc[d] for d in dfs["metrics"]["doc_id"]]
        failed: set[str] = set()
        tables: dict[str, pa_arrow.Table] = {}
        for name, model in UNIT_TABLES.items():
            df = dfs[name]
            check = self.checks[name]
            check.rows_checked += len(df)
            try:
                df = model.validate(df, lazy=True)
            except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
                cases = getattr(exc, "failure_cases", None)
                cases = cases if isinstance(cases, pd.DataFrame) else pd.DataFrame({"failure_case": [str(exc)]})
                check.failures = cases if check.failures is None else pd.concat([check.failures, cases])
                failed.update(keys[name])
            tables[name] = _arrow(name, df, model)
        for name, table in tables.items():
            tagged = [(_INVALID + k) if k in failed else k for k in keys[name]]
            table = table.append_column(unit_schema(name).field(KEY), pa_arrow.array(tagged, pa_arrow.string()))
            if name == "documents":
                for c in DEDUP_COLUMNS:
                    table = table.append_column(unit_schema(name).field(c), pa_arrow.array(dedup[c], pa_arrow.string()))
            self.spill.add(name, table)
        self.pending = []


#: Tables sorted by (report_year, doc_id, ...): split into doc_id ranges, each range is a contiguous run of
#: the sorted table, so a table is assembled a range at a time.
_BY_DOC_ID = ("sections", "mentions", "metrics")
#: doc_id ranges (first hex digit) a unit's tables are assembled by.
_RANGES = [f"{d:x}" for d in range(16)]
_SPILL_ROW_GROUP = 2048
# Below this many rows a table is assembled in one pass (a range at a time saves memory, not time).
_ONE_PASS_ROWS = 200_000


class _Spill:
    """New rows on disk until the unit's tables are assembled: ``<dir>/<table>/<batch>.parquet``.

    Each batch is written sorted, in small row groups with statistics, so assembling one doc_id
    range reads only that range's row groups of each batch.
    """

    def __init__(self, base: Path, unit: str) -> None:
        base.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=f".unit-{unit}-", dir=base))
        self.n = 0
        self.rows: dict[str, int] = {name: 0 for name in UNIT_TABLES}

    def add(self, name: str, table: pa_arrow.Table) -> None:
        if not table.num_rows:
            return
        self.n += 1
        self.rows[name] += table.num_rows
        table = sort_arrow(table, table_spec(UNIT_TABLES[name]), then=[KEY])
        store.write_table(self.dir / name / f"{self.n:06d}.parquet", table, row_group_size=_SPILL_ROW_GROUP)

    def parts(self, name: str, doc_ids: tuple[str, str] | None) -> list[pa_arrow.Table]:
        folder = self.dir / name
        if not folder.is_dir():
            return []
        filters = [("doc_id", ">=", doc_ids[0]), ("doc_id", "<", doc_ids[1])] if doc_ids else None
        return [t for p in sorted(folder.glob("*.parquet")) if (t := store.read_table(p, filters=filters)) is not None]

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _assemble(
    name: str, previous: _Previous, reused: set[str], spill: _Spill, target: Path, fingerprint: str
) -> int:
    """Write the unit's table ``name`` to ``target``: stored rows still wanted plus new rows, sorted.

    A large table sorted by doc_id is assembled one doc_id range at a time (the stored table and the
    spilled batches are read a range at a time through their row-group statistics), so memory holds
    a sixteenth of the table.
    """
    schema = store.with_fingerprint(unit_schema(name).empty_table(), fingerprint).schema
    spec = table_spec(UNIT_TABLES[name])

    def sorted_part(parts: list[pa_arrow.Table]) -> pa_arrow.Table:
        parts = [p for p in parts if p is not None and p.num_rows]
        if not parts:
            return schema.empty_table()
        combined = pa_arrow.concat_tables([p.select(schema.names).cast(schema) for p in parts])
        return sort_arrow(combined, spec, then=[KEY])

    rows = 0
    stored = _stored_rows(store.table_path(previous.base, name, previous.unit)) if previous.keys[name] else 0
    by_range = name in _BY_DOC_ID and stored + spill.rows[name] > _ONE_PASS_ROWS
    with store.TableFile(target, schema) as out:
        for r in _RANGES if by_range else ["all"]:
            lo_hi = (r, _next_range(r)) if by_range else None
            part = sorted_part([previous.rows(name, reused, lo_hi), *spill.parts(name, lo_hi)])
            rows += part.num_rows
            out.write(part)
    return rows


def _next_range(r: str) -> str:
    return _RANGES[_RANGES.index(r) + 1] if r != _RANGES[-1] else "g"  # "g" sorts after every hex digit


def _frame(rows: list[dict[str, Any]], model: type[pa.DataFrameModel]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(model.to_schema().columns))


def _arrow(name: str, df: pd.DataFrame, model: type[pa.DataFrameModel]) -> pa_arrow.Table:
    try:
        return to_arrow(df, model)
    except (pa_arrow.ArrowInvalid, pa_arrow.ArrowTypeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{name}: rows that fail the {model.__name__} model cannot be stored: {exc}") from exc


def _owned(entries: Iterable[RawEntry], year: int, shard: Unit | None = None) -> list[RawEntry]:
    """The files a year's unit reads: filed under that year, or under none (only reading tells),
    and of the unit's shard when the year is split (``govmetrics.incremental.shards``)."""
    return [e for e in entries if e.year in (year, None) and (shard is None or shard.owns(e.path))]


def build_unit(
    raw_dir: str | Path,
    year: int,
    base: str | Path,
    *,
    progress: Progress | None = None,
    batch_size: int = 200,
    shard: int = 0,
    shards: int = 1,
) -> UnitResult:
    """Bring the stored tables of report year ``year`` up to date with ``raw_dir``; see the module docstring.

    ``base`` is the store directory (``govmetrics.incremental.store``). The caller writes the returned
    tables (or leaves the stored ones when a table is None) and then the manifest, in that order, so
    a crash in between costs only a re-read, never a wrong row.
    """
    t0 = time.perf_counter()
    raw, base = Path(raw_dir), Path(base)
    this = Unit(year, shard, shards)
    unit = this.key
    version = code_version()
    previous = _Previous(base, unit, version)
    entries = list_raw(raw, previous.known_sidecars())
    owned = _owned(entries, year, this)
    stats = UnitStats(files=len(owned))
    manifest_rows: list[dict[str, Any]] = []
    reused: set[str] = set()
    spill = _Spill(base, unit)
    batch = _Batch(batch_size, spill)
    span_mismatches: list[str] = []
    extracted: list[str] = []
    keys_in_unit: list[str] = []
    unreadable = False

    for n, entry in enumerate(owned, 1):
        row: dict[str, Any] = {
            "path": entry.path, "signature": entry.signature, "sidecar_signature": entry.sidecar_signature,
            "orphan": entry.orphan, "sidecar_year": entry.sidecar_year, "year": entry.year,
            "sha256": None, "sidecar_sha256": None, "key": None, "outcome": None,
        }
        manifest_rows.append(row)
        if progress is not None:
            progress(unit, n, len(owned), stats)
        old = previous.entries.get(entry.path)
        if (
            old is not None
            and old["signature"] == entry.signature
            and old["sidecar_signature"] == entry.sidecar_signature
            and old["outcome"] is not None
        ):
            key = document_key(entry.path, old["sha256"] or "", old["sidecar_sha256"], version)
            if previous.has_rows(key, old["outcome"]):
                row.update(sha256=old["sha256"], sidecar_sha256=old["sidecar_sha256"], key=key, outcome=old["outcome"])
                stats.cached += 1
                stats.quarantined += old["outcome"] == "rejected"
                if old["outcome"] != "elsewhere":
                    reused.add(key)
                    keys_in_unit.append(key)
                continue

        stats.read += 1
        path = raw / entry.path
        if entry.refused is not None:
            doc, rows = None, refused_rejection(path, raw, *entry.refused)
        elif entry.orphan:
            doc, rows = None, orphan_rejection(path, raw)
        else:
            doc, rows = read_raw_file(path, raw)
        key = document_key(entry.path, rows.sha256 or "", rows.sidecar_sha256, version)
        outcome = "rejected" if doc is None else ("document" if rows.year == year else "elsewhere")
        row.update(sha256=rows.sha256, sidecar_sha256=rows.sidecar_sha256, key=key, outcome=outcome)
        if outcome == "rejected":
            stats.quarantined += 1
        if outcome == "elsewhere":
            continue
        keys_in_unit.append(key)
        if rows.sha256 is not None and previous.has_rows(key, outcome):
            reused.add(key)  # only touched: same bytes, same rows
            stats.cached += 1
            continue
        if doc is not None:
            extract_rows(doc, rows)
            span_mismatches += rows.span_mismatches
            stats.extracted += 1
            extracted.append(entry.path)
        if rows.sha256 is None:
            key = _INVALID + "unreadable:" + entry.path  # no bytes, no key: read again next time
            row["key"] = None
            unreadable = True
        batch.add(key, rows)
    batch.flush()

    fingerprint = combined_key([unit, *keys_in_unit], version=version)
    unchanged = not any(spill.rows.values()) and reused == previous.all_keys
    tables: dict[str, Path | None] = {}
    rows_out: dict[str, int] = {}
    staging = spill.dir / "out"
    try:
        for name in UNIT_TABLES:
            path = store.table_path(base, name, unit)
            if unchanged and store.fingerprint_of(path) == fingerprint:
                tables[name] = None
                rows_out[name] = _stored_rows(path)
                continue
            tables[name] = staging / f"{name}.parquet"
            rows_out[name] = _assemble(name, previous, reused, spill, tables[name], fingerprint)  # type: ignore[arg-type]
        sections = tables["sections"] or store.table_path(base, "sections", unit)
        departments = store.read_table(sections, columns=["department"]).column("department")  # type: ignore[union-attr]
    except BaseException:
        spill.remove()
        raise
    unknown = [f"{d.name_zh} ({d.department_id})" for d in unknown_departments(pc.unique(departments).to_pylist())]
    stats.seconds = time.perf_counter() - t0
    if progress is not None:
        progress(unit, len(owned), len(owned), stats)
    return UnitResult(
        unit=unit,
        fingerprint=fingerprint,
        tables=tables,
        rows=rows_out,
        manifest=pa_arrow.Table.from_pylist(manifest_rows + _not_owned(entries, owned), schema=MANIFEST_SCHEMA)
        .replace_schema_metadata({
            b"code_version": version.encode(),
            store.FINGERPRINT_KEY: fingerprint.encode(),
            # Complete: every row stored is valid and every file was readable, so nothing would be read again.
            _COMPLETE: b"1" if all(c.passed for c in batch.checks.values()) and not unreadable else b"0",
        }),
        checks=batch.checks,
        span_mismatches=span_mismatches,
        unknown_departments=unknown,
        stats=stats,
        extracted_paths=extracted,
        spill=spill.dir,
    )


def current_unit(
    raw_dir: str | Path, year: int, base: str | Path, entries: list[RawEntry] | None = None,
    *, shard: int = 0, shards: int = 1,
) -> UnitStats | None:
    """The figures of a unit whose stored tables are up to date with ``raw_dir``, or None.

    Up to date means: made by this code version, complete, all five tables present with the
    manifest's fingerprint, and the same files with the same stat signatures (so ``build_unit``
    would read nothing). Costs a directory listing and a few Parquet footers: a planner can skip
    the unit's run altogether.
    """
    raw, base = Path(raw_dir), Path(base)
    this = Unit(year, shard, shards)
    unit = this.key
    manifest = store.read_table(store.manifest_path(base, unit))
    if manifest is None:
        return None
    meta = manifest.schema.metadata or {}
    fingerprint = meta.get(store.FINGERPRINT_KEY, b"").decode()
    if meta.get(b"code_version", b"").decode() != code_version() or meta.get(_COMPLETE) != b"1" or not fingerprint:
        return None
    if any(store.fingerprint_of(store.table_path(base, name, unit)) != fingerprint for name in UNIT_TABLES):
        return None
    rows = manifest.to_pylist()
    previous = {r["path"]: r for r in rows if r["outcome"] is not None}
    known = {r["path"]: (r["sidecar_signature"], r["sidecar_year"]) for r in rows}
    owned = _owned(entries if entries is not None else list_raw(raw, known), year, this)
    if {e.path for e in owned} != set(previous):
        return None
    for e in owned:
        old = previous[e.path]
        if old["signature"] != e.signature or old["sidecar_signature"] != e.sidecar_signature:
            return None
    quarantined = sum(r["outcome"] == "rejected" for r in previous.values())
    return UnitStats(files=len(owned), read=0, cached=len(owned), extracted=0, quarantined=quarantined)


def _stored_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def _not_owned(entries: list[RawEntry], owned: list[RawEntry]) -> list[dict[str, Any]]:
    """Files of other units, kept in the manifest only so their sidecars are not parsed again."""
    mine = {e.path for e in owned}
    return [
        {"path": e.path, "signature": e.signature, "sidecar_signature": e.sidecar_signature, "orphan": e.orphan,
         "sidecar_year": e.sidecar_year, "year": e.year, "sha256": None, "sidecar_sha256": None, "key": None,
         "outcome": None}
        for e in entries if e.path not in mine
    ]


def save_manifest(base: str | Path, result: UnitResult) -> None:
    """Record what the unit's stored tables were made from (after the tables are in place)."""
    store.write_table(store.manifest_path(base, result.unit), result.manifest)
    if result.spill is not None:
        shutil.rmtree(result.spill, ignore_errors=True)


def commit_unit(base: str | Path, result: UnitResult) -> None:
    """Store a unit's result without Dagster: its changed tables, then its manifest (the IO manager's order)."""
    for name, staged in result.tables.items():
        if staged is not None:
            store.commit_file(staged, store.table_path(base, name, result.unit))
    save_manifest(base, result)


def known_sidecars(base: str | Path) -> dict[str, tuple[str | None, int | None]]:
    """Sidecar signatures and years every unit's manifest recorded, so a planner parses no unchanged sidecar."""
    known: dict[str, tuple[str | None, int | None]] = {}
    folder = Path(base) / "_manifests"
    for path in sorted(folder.glob("*.parquet")) if folder.is_dir() else []:
        table = store.read_table(path, columns=["path", "sidecar_signature", "sidecar_year"])
        if table is not None:
            for row in table.to_pylist():
                known[row["path"]] = (row["sidecar_signature"], row["sidecar_year"])
    return known
