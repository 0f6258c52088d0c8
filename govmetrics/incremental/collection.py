"""The whole collection from its units: one copy of each report, tables in publishing order, comparisons.

Units are read one at a time and a table is handed on as Arrow tables of one report year each, so
memory follows the largest year of one table, never the collection. What depends on several
documents is computed here, from the units' stored rows:

- *duplicates*: the same report saved twice (in any units) is kept once, by the rule of
  ``govmetrics.ingest.dedup``, from each document's reading-text keys; of several snapshots of one
  ``source_url`` only the newest is kept (``govmetrics.ingest.superseded``);
- *facts with final ids*: every published fact, for ``govmetrics.compare.identify`` (``kept_metrics``);
- *metric_changes*: the comparison never crosses a city, so it runs per group of cities (a stable
  hash of the city picks the group) on the facts with their final ids, and a group's result is
  stored under the keys of its documents and its facts' ids: a report added in one city recomputes
  one group;
- *label_crosswalk*: the linked facts are read a slice at a time, each label resolved once.

Every result is sorted by its model's order, so it is the same whatever the units and groups were.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from govmetrics.compare import label_crosswalk, metric_changes
from govmetrics.facts import remembered_catalogue
from govmetrics.incremental import store
from govmetrics.incremental.fingerprint import combined_key
from govmetrics.incremental.unit import KEY, UNIT_TABLES
from govmetrics.ingest.dedup import PREFERENCE, _script_variants, reading_key
from govmetrics.ingest.superseded import newest_key
from govmetrics.release.schema_export import arrow_schema, table_spec
from govmetrics.release.tables import sort_arrow, to_arrow
from schemas import DocumentsRejected, LabelCrosswalk, MetricChanges

#: Groups of cities metric_changes is computed and stored by.
CITY_GROUPS = 64
#: Above this many facts, metric_changes splits them by group through files instead of memory.
SPILL_ROWS = 250_000
# Rows read from a stored table at a time.
_BATCH_ROWS = 65_536
_VALIDATE_ROWS = 50_000
# Columns metric_changes reads (the sentence tells two figures of one sentence apart).
_CHANGE_COLUMNS = [
    "fact_id", "metric_id", "report_year", "city", "department", "department_id", "label", "value", "unit",
    "qualifier", "role", "direction", "period", "doc_id", "start", "end", "quantity_text", "sentence",
    "value_min", "value_max",
]
_CROSSWALK_COLUMNS = ["department", "department_id", "label", "unit", "role", "report_year"]
_LIGHT_DOCUMENT_COLUMNS = [
    "doc_id", "source_file", "sha256", "report_year", "city", "title", "publisher", "site", "published",
    "source_url", "retrieved", "license", "format", "encoding", "script", KEY, "_dedup_key", "_dedup_shape",
]


def _read(path: Path | str, columns: list[str] | None = None) -> pa.Table:
    table = store.read_table(path, columns=columns)
    if table is None:
        raise FileNotFoundError(f"stored table {path} is missing or unreadable; rebuild its report year")
    return table


@dataclass
class Collection:
    """The stored tables of every unit: ``paths[table][unit]`` is the unit's Parquet file."""

    paths: Mapping[str, Mapping[str, Path]]
    documents: pa.Table = field(init=False)  # light columns of every unit's documents
    kept: set[str] = field(init=False)  # keys of the documents published
    duplicates: list[dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        parts = [_read(p, _LIGHT_DOCUMENT_COLUMNS) for _, p in sorted(self.paths["documents"].items())]
        self.documents = pa.concat_tables(parts) if parts else arrow_schema(UNIT_TABLES["documents"]).empty_table()
        self.kept, self.duplicates = self._dedup()
        self._kept_array = pa.array(sorted(self.kept), pa.string())

    # -- one copy of each report --------------------------------------------------------------

    def _dedup(self) -> tuple[set[str], list[dict[str, Any]]]:
        docs = self.documents.to_pylist() if self.documents.num_rows else []
        docs, superseded = _drop_superseded(docs)
        docs.sort(key=lambda d: (d["format"] != "txt", d["script"] == "traditional",
                                 not str(d["encoding"]).lower().startswith("utf-8"), d["source_file"]))
        exact: dict[str, dict[str, Any]] = {}
        by_shape: dict[str, list[dict[str, Any]]] = {}
        kept: set[str] = set()
        duplicates: list[dict[str, Any]] = []
        for doc in docs:
            original = exact.get(doc["_dedup_key"])
            traditional = doc["script"] == "traditional"
            if original is None:
                for other in by_shape.get(doc["_dedup_shape"], ()):
                    if (traditional or other["script"] == "traditional") and _script_variants(
                        self._reading_key(other), self._reading_key(doc)
                    ):
                        original = other
                        break
            if original is not None:
                duplicates.append({
                    "source_file": doc["source_file"], "sha256": doc["sha256"], "reason": "duplicate",
                    "detail": f"{doc['source_file']}: the same report as {original['source_file']}, which is kept ({PREFERENCE})",
                })
                continue
            exact[doc["_dedup_key"]] = doc
            by_shape.setdefault(doc["_dedup_shape"], []).append(doc)
            kept.add(doc[KEY])
        return kept, superseded + duplicates

    def _reading_key(self, doc: dict[str, Any]) -> str:
        """The full reading key of a document, from its text (only for the rare shape matches)."""
        if "_reading" not in doc:
            for path in self.paths["documents"].values():
                t = _read(path, [KEY, "text"])
                hit = t.filter(pc.equal(t.column(KEY), doc[KEY]))
                if hit.num_rows:
                    doc["_reading"] = reading_key(hit.column("text")[0].as_py())
                    break
        return doc["_reading"]

    # -- tables in publishing order -----------------------------------------------------------

    @property
    def years(self) -> list[int]:
        kept = self._kept_documents()
        return sorted(set(kept.column("report_year").to_pylist())) if kept.num_rows else []

    def _kept_documents(self) -> pa.Table:
        return self.documents.filter(pc.is_in(self.documents.column(KEY), value_set=self._kept_array))

    def _kept_rows(self, table: pa.Table) -> pa.Table:
        return table.filter(pc.is_in(table.column(KEY), value_set=self._kept_array))

    def _batches(self, path: Path, columns: list[str]) -> Iterator[pa.Table]:
        """A stored unit table's rows of published documents, a slice at a time (never the whole table)."""
        for batch in pq.ParquetFile(path).iter_batches(batch_size=_BATCH_ROWS, columns=columns + [KEY]):
            table = self._kept_rows(pa.Table.from_batches([batch]))
            if table.num_rows:
                yield table.drop_columns([KEY])

    def stream(self, name: str) -> Iterator[pa.Table]:
        """The published rows of a per-document table, a report year at a time, in publishing order."""
        model = UNIT_TABLES[name]
        spec = table_spec(model)
        fields = spec.field_names
        if name == "documents_rejected":
            yield self.rejected()
            return
        units = sorted(self.paths[name].items())
        years_of_unit = {unit: self._unit_years(name, path) for unit, path in units}
        for year in self.years:
            holding = [(unit, path) for unit, path in units if year in years_of_unit[unit]]
            if len(holding) == 1 and len(years_of_unit[holding[0][0]]) == 1:
                # One unit is the whole year, already in publishing order: stream it.
                yield from self._batches(holding[0][1], fields)
                continue
            parts = []
            for unit, path in holding:
                table = self._kept_rows(_read(path))
                table = table.filter(pc.equal(table.column("report_year"), year))
                parts.append(table.select(fields))
            if parts:
                yield sort_arrow(pa.concat_tables(parts), spec)

    def _unit_years(self, name: str, path: Path) -> set[int]:
        years = _read(path, ["report_year"]).column("report_year")
        return set(pc.unique(years).to_pylist())

    def rejected(self) -> pa.Table:
        """Quarantined files: every unit's, once each (a file of no known year is in every unit), and duplicates."""
        rows: dict[str, dict[str, Any]] = {}
        for _, path in sorted(self.paths["documents_rejected"].items()):
            for row in _read(path, ["source_file", "sha256", "reason", "detail"]).to_pylist():
                rows.setdefault(row["source_file"], row)
        for row in self.duplicates:
            rows.setdefault(row["source_file"], row)
        df = pd.DataFrame(list(rows.values()), columns=table_spec(DocumentsRejected).field_names)
        return sort_arrow(to_arrow(DocumentsRejected.validate(df, lazy=True), DocumentsRejected), table_spec(DocumentsRejected))

    def sources(self) -> pd.DataFrame:
        """The published documents' provenance columns (for the release's list of sources)."""
        return self._kept_documents().drop_columns([KEY, "_dedup_key", "_dedup_shape"]).to_pandas()

    def key(self) -> str:
        """One key for everything the collection's tables are made of."""
        return combined_key(sorted(self.kept) + [f"dup:{d['source_file']}" for d in self.duplicates]
                            + [f"{t}:{u}:{store.fingerprint_of(p)}" for t in sorted(self.paths) for u, p in sorted(self.paths[t].items())])

    # -- comparisons --------------------------------------------------------------------------

    def kept_metrics(self) -> pd.DataFrame:
        """Every published fact (provisional ids), in publishing order: what ids are made final from."""
        parts = list(self.stream("metrics"))
        return plain_frame(pa.concat_tables(parts) if parts else arrow_schema(UNIT_TABLES["metrics"]).empty_table())

    def metric_changes(
        self, base: str | Path, linked: Path, groups: int = CITY_GROUPS, spill_rows: int = SPILL_ROWS,
        part: int = 0, parts: int = 1,
    ) -> tuple[pa.Table, dict[str, int]]:
        """The metric_changes table of the facts in ``linked`` (final ids), computed per group of cities.

        Each group's result is stored under the keys of its documents and a digest of its facts' ids,
        so a group whose documents and ids did not change is reused. Returns the table and how many
        groups were reused or computed. When the facts number more than ``spill_rows``, they are
        split by group through files, so memory holds one slice or one group at a time.

        With ``parts`` > 1, only the groups of part ``part`` (``balanced_parts``) are computed and
        returned, and stored apart from the other parts', so the parts can be computed at the same time
        by different workers; the parts' tables together, sorted, are the whole table.
        """
        kept = self._kept_documents()
        group_of_city = {c: _group(c, groups) for c in pc.unique(kept.column("city")).to_pylist()}
        if parts > 1:
            load = dict.fromkeys(group_of_city.values(), 0)
            for item in pc.value_counts(pq.read_table(linked, columns=["city"]).column("city")).to_pylist():
                if (g := group_of_city.get(item["values"])) is not None:
                    load[g] += item["counts"]
            part_of = balanced_parts(load, parts)
            group_of_city = {c: g for c, g in group_of_city.items() if part_of[g] == part}
        kept = kept.filter(pc.is_in(kept.column("city"), value_set=pa.array(sorted(group_of_city), pa.string())))
        folder = "metric_changes" if parts == 1 else f"metric_changes-{part}of{parts}"
        keys_by_group: dict[int, list[str]] = {}
        for city, key in zip(kept.column("city").to_pylist(), kept.column(KEY).to_pylist(), strict=True):
            keys_by_group.setdefault(group_of_city[city], []).append(key)
        ids = _id_digests(linked, group_of_city)
        group_keys = {g: combined_key(["metric_changes", *keys, ids.get(g, "")]) for g, keys in keys_by_group.items()}
        results: dict[int, pa.Table] = {}
        for g, k in group_keys.items():
            cached = store.read_table(store.aggregate_path(base, folder, k))
            if cached is not None:
                results[g] = cached
        missing = sorted(set(group_keys) - set(results))
        if missing:
            Path(base).mkdir(parents=True, exist_ok=True)
            spill = Path(tempfile.mkdtemp(prefix="metric-changes-", dir=Path(base)))
            try:
                self._metric_changes_groups(base, folder, linked, spill, missing, group_of_city, group_keys, results,
                                            spill_rows)
            finally:
                shutil.rmtree(spill, ignore_errors=True)
        _forget_others(base, folder, set(group_keys.values()))
        parts = [results[g] for g in sorted(results)]
        schema = arrow_schema(MetricChanges)
        combined = pa.concat_tables([p.cast(schema) for p in parts]) if parts else schema.empty_table()
        return sort_arrow(combined, table_spec(MetricChanges)), {"reused": len(group_keys) - len(missing),
                                                               "computed": len(missing)}

    def _metric_changes_groups(
        self, base: str | Path, folder: str, linked: Path, spill: Path, missing: list[int], group_of_city: Mapping[str, int],
        group_keys: Mapping[int, str], results: dict[int, pa.Table], spill_rows: int,
    ) -> None:
        """Compute the groups not stored yet, a group at a time (see ``metric_changes``)."""
        cities = {g: [c for c, cg in group_of_city.items() if cg == g] for g in missing}
        total = pq.ParquetFile(linked).metadata.num_rows
        held: dict[int, list[pa.Table]] = {g: [] for g in missing}
        n = 0
        for batch in pq.ParquetFile(linked).iter_batches(batch_size=_BATCH_ROWS, columns=_CHANGE_COLUMNS):
            table = pa.Table.from_batches([batch])
            n += 1
            for g in missing:
                part = table.filter(pc.is_in(table.column("city"), value_set=pa.array(cities[g], pa.string())))
                if not part.num_rows:
                    continue
                if total > spill_rows:
                    store.write_table(spill / str(g) / f"{n:06d}.parquet", part)
                else:
                    held[g].append(part)
        computed: list[tuple[int, pd.DataFrame]] = []
        for g in missing:
            parts = held[g] or [_read(p) for p in sorted((spill / str(g)).glob("*.parquet"))]
            rows = plain_frame(pa.concat_tables(parts)) if parts else pd.DataFrame(columns=_CHANGE_COLUMNS)
            computed.append((g, metric_changes(rows)))
            # Validated a few groups at a time: one call per group would cost more than the groups.
            if sum(len(df) for _, df in computed) >= _VALIDATE_ROWS or g == missing[-1]:
                valid = MetricChanges.validate(pd.concat([df for _, df in computed], ignore_index=True), lazy=True)
                start = 0
                for done, df in computed:
                    part = valid.iloc[start : start + len(df)]
                    start += len(df)
                    result = to_arrow(part, MetricChanges)
                    store.write_table(store.aggregate_path(base, folder, group_keys[done]), result)
                    results[done] = result
                computed = []


def label_crosswalk_of(linked: Path) -> pa.Table:
    """Every label's resolution, from the facts with their final ids, read a slice at a time.

    A label's row is made by its first fact in publishing order (the id its facts carry) and the
    later slices add their counts and widen its years, so the table is the one all facts at once give.
    """
    catalogue = remembered_catalogue()
    merged: dict[str, dict[str, Any]] = {}
    columns = _CROSSWALK_COLUMNS + ["metric_id"]
    for batch in pq.ParquetFile(linked).iter_batches(batch_size=_BATCH_ROWS, columns=columns):
        part = label_crosswalk(plain_frame(pa.Table.from_batches([batch])), catalogue)  # type: ignore[arg-type]
        _merge(merged, part.to_dict("records"))
    df = pd.DataFrame(list(merged.values()), columns=table_spec(LabelCrosswalk).field_names)
    df = LabelCrosswalk.validate(df, lazy=True)
    return sort_arrow(to_arrow(df, LabelCrosswalk), table_spec(LabelCrosswalk))


def _id_digests(linked: Path, group_of_city: Mapping[str, int]) -> dict[int, str]:
    """Per group of cities, a digest of its facts' final ids (metric_changes depends on them)."""
    digests: dict[int, Any] = {}
    for batch in pq.ParquetFile(linked).iter_batches(batch_size=_BATCH_ROWS, columns=["city", "fact_id", "metric_id"]):
        for city, fact, metric in zip(*(batch.column(i).to_pylist() for i in range(3)), strict=True):
            g = group_of_city.get(city)
            if g is None:
                continue
            h = digests.get(g)
            if h is None:
                h = digests[g] = hashlib.sha256()
            h.update(f"{fact}\x1f{metric}\x1e".encode())
    return {g: h.hexdigest() for g, h in digests.items()}


def _drop_superseded(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Documents with only the newest snapshot of each ``source_url``, and a rejection row per older one."""
    by_url: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        if doc.get("source_url"):
            by_url.setdefault(doc["source_url"], []).append(doc)
    older: dict[str, dict[str, Any]] = {}
    for url, snapshots in by_url.items():
        if len(snapshots) < 2:
            continue
        ordered = sorted(snapshots, key=lambda d: newest_key(d.get("retrieved"), d["source_file"]))
        newest = ordered[-1]
        when = newest.get("retrieved") or "no retrieval time"
        for doc in ordered[:-1]:
            older[doc["source_file"]] = {
                "source_file": doc["source_file"], "sha256": doc["sha256"], "reason": "superseded",
                "detail": f"{doc['source_file']}: an older snapshot of {url}; the newest, {newest['source_file']} "
                          f"(retrieved {when}), is published",
            }
    kept = [doc for doc in docs if doc["source_file"] not in older]
    return kept, [older[k] for k in sorted(older)]


def _merge(merged: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    """Add label_crosswalk rows of some facts to those of others: counts add up, years widen."""
    for row in rows:
        have = merged.get(row["crosswalk_id"])
        if have is None:
            merged[row["crosswalk_id"]] = dict(row)
            continue
        have["n_facts"] += row["n_facts"]
        have["first_year"] = min(have["first_year"], row["first_year"])
        have["last_year"] = max(have["last_year"], row["last_year"])


def plain_frame(table: pa.Table) -> pd.DataFrame:
    """A DataFrame whose text columns hold Python strings (object dtype).

    The comparison code walks rows one by one; pandas 3's Arrow-backed ``str`` columns turn every
    such access into an Arrow scalar conversion, several times slower than a plain object column.
    """
    columns = {}
    for field in table.schema:
        column = table.column(field.name)
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            columns[field.name] = pd.Series(column.to_pylist(), dtype=object)
        else:
            columns[field.name] = column.to_pandas()
    return pd.DataFrame(columns, columns=table.column_names)


def inputs_key(name: str, tables: Mapping[str, Mapping[str, Path]]) -> str:
    """The key of a result computed from stored unit tables (``tables[table][unit]``): their fingerprints."""
    return combined_key([name] + [f"{t}:{u}:{store.fingerprint_of(p)}" for t in sorted(tables)
                                  for u, p in sorted(tables[t].items())])


def balanced_parts(load: Mapping[int, int], parts: int) -> dict[int, int]:
    """The part of each group, so the parts' loads (facts) come out even: the heaviest group first, each
    to the part with the least load so far. Every part computes it from the same facts, so they agree."""
    totals = [0] * parts
    part_of: dict[int, int] = {}
    for g in sorted(load, key=lambda g: (-load[g], g)):
        p = min(range(parts), key=lambda k: (totals[k], k))
        part_of[g] = p
        totals[p] += load[g]
    return part_of


def _group(city: str, groups: int) -> int:
    return int.from_bytes(hashlib.sha256(city.encode("utf-8")).digest()[:4], "big") % groups


def _forget_others(base: str | Path, name: str, keep: set[str]) -> None:
    """Remove stored results no current input needs (their documents changed or left)."""
    folder = Path(base) / "_aggregates" / name
    if not folder.is_dir():
        return
    for path in folder.glob("*.parquet"):
        if path.stem not in keep:
            path.unlink(missing_ok=True)

