"""Publishing a release: validate, render in memory, compare, diff, write aside, rename, point.

The order is what makes a release trustworthy.  Everything is checked and rendered before the disk is
touched; an unchanged build stops before a version number is spent; the files are written under a
hidden temporary name, validated with frictionless there, and only a complete, valid directory is
renamed to ``v<year>.<revision>``; the ``latest`` pointer moves last.  An exception at any point
leaves the previous release and pointer as they were.  The previous release is verified against its
own checksums before anything is compared with it: a damaged one stops the publish (it is restored,
never published over), and a lost pointer is put back on it when nothing changed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from govmetrics.release import versioning
from govmetrics.release.checksums import parse_sha256sums, sha256_hex, sha256sums
from govmetrics.release.datapackage import datapackage, datapackage_json, resource
from govmetrics.release.diff import TableSnapshot, changes_json, changes_markdown, diff_release
from govmetrics.release.errors import ReleaseDiffError, ReleaseError, ReleaseIntegrityError
from govmetrics.release.info import PackageInfo, created_from_sources, normalize_sources
from govmetrics.release.readme import citation_cff, readme
from govmetrics.release.schema_export import TableSpec, frictionless_schema, table_spec
from govmetrics.release.tables import from_arrow, prepare_table, to_arrow
from govmetrics.release.validate import validate_datapackage
from govmetrics.release.verify import require_intact
from govmetrics.release.writers import csv_bytes, parquet_bytes, write_tree, zip_bytes

SUMS_FILE = "SHA256SUMS"
DATA_SUFFIXES = (".parquet", ".csv")  # what "the release's content" means when comparing builds


@dataclass(frozen=True)
class PublishResult:
    """What a publish did.

    ``version``/``path`` name the release that is latest afterwards: the new one when ``published``,
    otherwise the unchanged latest (None if there is none).  ``reason`` says why, in a sentence.
    """

    version: str | None
    path: Path | None
    published: bool
    reason: str
    previous_version: str | None = None


@dataclass(frozen=True)
class _Table:
    name: str
    spec: TableSpec
    model: type[pa.DataFrameModel]
    rows: pd.DataFrame
    arrow: pa_arrow.Table


def _default_models() -> Mapping[str, type[pa.DataFrameModel]]:
    from schemas import TABLES

    return TABLES


def _prepare(tables: Mapping[str, pd.DataFrame], models: Mapping[str, type[pa.DataFrameModel]]) -> list[_Table]:
    missing = [n for n in models if n not in tables]
    unknown = [n for n in tables if n not in models]
    if missing or unknown:
        raise ReleaseError(
            "tables do not match the registered models: "
            + "; ".join(filter(None, [missing and f"missing {missing}", unknown and f"unregistered {unknown}"]))
        )
    out = []
    for name, model in models.items():
        rows = prepare_table(name, tables[name], model)
        out.append(_Table(name, table_spec(model), model, rows, to_arrow(rows, model)))
    return out


def _years_in(t: _Table) -> set[int]:
    col = t.spec.year_column
    return set(t.rows[col].dropna().astype(int)) if col else set()


def _report_years(prepared: Sequence[_Table], report_years: Iterable[int] | None) -> list[int]:
    """The years the release covers: as given (checked against the rows), or read from the rows."""
    found = set().union(*(_years_in(t) for t in prepared)) if prepared else set()
    if report_years is None:
        years = sorted(found)
        if not years:
            raise ReleaseError("no table has report-year rows: pass report_years to name the release")
        return years
    years = sorted({int(y) for y in report_years})
    if not years:
        raise ReleaseError("report_years is empty: a release needs at least one report year")
    for t in prepared:
        stray = sorted(_years_in(t) - set(years))
        if stray:
            raise ReleaseError(f"table {t.name!r} has report years {stray} not in report_years {years}")
    return years


def _data_files(prepared: Sequence[_Table], years: Sequence[int]) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """Every data file of the release and its datapackage resource, in reading order."""
    files: dict[str, bytes] = {}
    resources: list[dict[str, Any]] = []
    for t in prepared:
        parquet = parquet_bytes(t.arrow)
        csv = csv_bytes(t.rows, t.spec)
        excel = csv_bytes(t.rows, t.spec, excel=True)
        files[f"{t.name}.csv"] = csv
        files[f"{t.name}.parquet"] = parquet
        files[f"{t.name}.excel.csv"] = excel
        resources.append(resource(t.name, f"{t.name}.csv", csv, fmt="csv", encoding="utf-8",
                                  description=t.spec.description, schema=frictionless_schema(t.model)))
        resources.append(resource(f"{t.name}-parquet", f"{t.name}.parquet", parquet, fmt="parquet", tabular=False,
                                  description=f"The {t.name} table as Parquet (zstd), typed; same rows as {t.name}.csv."))
        resources.append(resource(f"{t.name}-excel", f"{t.name}.excel.csv", excel, fmt="csv", encoding="utf-8-sig",
                                  tabular=False, description=f"The {t.name} table for Excel: UTF-8 with BOM, text "
                                  "cells that could run as formulas prefixed with an apostrophe."))
    for t in prepared:
        col = t.spec.year_column
        if col is None:
            continue
        year_schema = frictionless_schema(t.model, foreign_keys=False)
        for y in years:
            rows = t.rows[t.rows[col] == y]
            base = f"by_year/{y}/{t.name}"
            csv = csv_bytes(rows, t.spec)
            excel = csv_bytes(rows, t.spec, excel=True)
            files[f"{base}.csv"] = csv
            files[f"{base}.excel.csv"] = excel
            resources.append(resource(f"{t.name}-{y}", f"{base}.csv", csv, fmt="csv", encoding="utf-8",
                                      description=f"Rows of {t.name} with {col} {y}.", schema=year_schema))
            resources.append(resource(f"{t.name}-{y}-excel", f"{base}.excel.csv", excel, fmt="csv",
                                      encoding="utf-8-sig", tabular=False,
                                      description=f"Rows of {t.name} with {col} {y}, for Excel."))
    return files, resources


def _data_hashes(sums: Mapping[str, str]) -> dict[str, str]:
    return {p: h for p, h in sums.items() if p.endswith(DATA_SUFFIXES)}


def _previous_snapshots(release_dir: Path, sums: Mapping[str, str]) -> dict[str, TableSnapshot]:
    """The previous release's tables, read from its Parquet files after checking their sha256."""
    snaps: dict[str, TableSnapshot] = {}
    for rel in sorted(p for p in sums if p.endswith(".parquet") and "/" not in p):
        path = release_dir / rel
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReleaseDiffError(f"previous release {release_dir.name}: cannot read {rel}: {exc}") from exc
        if sha256_hex(data) != sums[rel]:
            raise ReleaseDiffError(f"previous release {release_dir.name}: {rel} does not match its SHA256SUMS")
        table = pq.read_table(pa_arrow.BufferReader(data))
        meta = table.schema.metadata or {}
        if b"primary_key" not in meta:
            raise ReleaseDiffError(f"previous release {release_dir.name}: {rel} records no primary key")
        pk = tuple(json.loads(meta[b"primary_key"]))
        name = rel[: -len(".parquet")]
        snaps[name] = TableSnapshot(name, from_arrow(table), table.schema, pk)
    return snaps


def _read_sums(release_dir: Path) -> dict[str, str]:
    try:
        return parse_sha256sums((release_dir / SUMS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReleaseDiffError(f"previous release {release_dir.name}: unreadable {SUMS_FILE}: {exc}") from exc


def _zip_time(created: str | None) -> tuple[int, int, int, int, int, int]:
    # ZIP cannot store dates before 1980; the release date makes listings meaningful.
    if created and int(created[:4]) >= 1980:
        return (int(created[:4]), int(created[5:7]), int(created[8:10]), 0, 0, 0)
    return (1980, 1, 1, 0, 0, 0)


def publish(
    tables: Mapping[str, pd.DataFrame],
    outputs_dir: Path | str,
    *,
    sources: Iterable[Mapping[str, Any]],
    report_years: Iterable[int] | None = None,
    info: PackageInfo = PackageInfo(),
    models: Mapping[str, type[pa.DataFrameModel]] | None = None,
    created: str | None = None,
    validate: bool = True,
    notes: Callable[[str], str] | None = None,
) -> PublishResult:
    """Publish ``tables`` as the next release in ``outputs_dir``, unless nothing changed.

    - ``tables``: table name -> DataFrame, exactly one per registered model.
    - ``outputs_dir``: the directory holding all releases and the ``LATEST`` pointer.
    - ``sources``: one dict per raw input file: ``path`` and ``sha256`` required; ``title``,
      ``publisher``, ``published`` / ``retrieved`` (ISO dates), ``url``, ``license`` optional.
    - ``report_years``: the report years the build covers; the newest names the version.  Defaults
      to the years found in the tables' report-year columns; when given, every row's year must be in it
      (a year with no rows still gets its per-year extracts).
    - ``info``: title, description, licences, authors and caveats (defaults describe govmetrics).
    - ``models``: table name -> pandera model; defaults to ``schemas.TABLES``.
    - ``created``: RFC 3339 timestamp to stamp the release with; defaults to the newest source date.
    - ``validate``: run frictionless on the written package before it is renamed into place.
    - ``notes``: given the new version, more Markdown for the end of CHANGES.md (the pipeline lists
      the indicator ids that changed there).

    Raises :class:`ReleaseValidationError` (a table breaks its model, or the package fails
    Frictionless), :class:`ReleaseIntegrityError` (the previous release fails its checksums),
    :class:`ReleaseDiffError` (no diff against the previous release can be made) or
    :class:`ReleaseError`; in every case nothing is published.
    """
    outputs_dir = Path(outputs_dir)
    models = dict(models if models is not None else _default_models())
    srcs = normalize_sources(sources)
    created = created or created_from_sources(srcs)

    prepared = _prepare(tables, models)
    years = _report_years(prepared, report_years)
    data, resources = _data_files(prepared, years)

    outputs_dir.mkdir(parents=True, exist_ok=True)
    with versioning.publish_lock(outputs_dir):
        versioning.remove_stale_temps(outputs_dir)
        previous = versioning.read_pointer(outputs_dir)
        prev_dir = outputs_dir / previous if previous else None
        if prev_dir:
            require_intact(prev_dir)
        prev_sums = _read_sums(prev_dir) if prev_dir else {}
        if prev_dir and _data_hashes(prev_sums) == {p: sha256_hex(b) for p, b in data.items()}:
            reason = f"no change: the data files equal those of {previous}; nothing published"
            if not (outputs_dir / versioning.POINTER_FILE).is_file():
                versioning.set_pointer(outputs_dir, previous)
                reason += f"; {versioning.POINTER_FILE} was missing and names {previous} again"
            return PublishResult(previous, prev_dir, False, reason, previous_version=previous)

        version = versioning.next_version(versioning.list_versions(outputs_dir), years[-1])
        old = _previous_snapshots(prev_dir, prev_sums) if prev_dir else None
        new = {t.name: TableSnapshot(t.name, from_arrow(t.arrow), t.arrow.schema, t.spec.primary_key) for t in prepared}
        changes = diff_release(old, new, version=version, previous_version=previous)

        files = dict(data)
        files["changes.json"] = changes_json(changes)
        extra = notes(version) if notes is not None else ""
        files["CHANGES.md"] = (changes_markdown(changes) + ("\n" + extra if extra else "")).encode("utf-8")
        files["datapackage.json"] = datapackage_json(
            datapackage(info=info, version=version, created=created, sources=srcs, resources=resources)
        )
        files["CITATION.cff"] = citation_cff(info, version, created)
        zip_name = f"{info.name}-{version}.zip"
        files["README.md"] = readme(
            info=info, version=version, created=created, models=models,
            tables={t.name: t.rows for t in prepared}, report_years=years, sources=srcs, changes=changes,
            files={p: len(b) for p, b in sorted(files.items())}, zip_name=zip_name,
        )
        from govmetrics.site import release_site  # here: the site reads releases with this package's readers

        files.update(release_site(files))  # site/: pages made from these very files, listed in SHA256SUMS
        files[SUMS_FILE] = sha256sums(files)
        archive = zip_bytes(files, root=f"{info.name}-{version}", date_time=_zip_time(created))
        order = sorted(data) + sorted(set(files) - set(data) - {SUMS_FILE}) + [SUMS_FILE]
        files[zip_name] = archive
        files[f"{zip_name}.sha256"] = sha256sums({zip_name: archive})
        order += [zip_name, f"{zip_name}.sha256"]

        tmp = versioning.make_temp_dir(outputs_dir, version)
        try:
            write_tree(tmp, files, order)
            if validate:
                validate_datapackage(tmp / "datapackage.json")
            final = outputs_dir / version
            versioning.move_into_place(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        versioning.set_pointer(outputs_dir, version)

    summary = ", ".join(
        f"{n}: +{s['added']} -{s['removed']} ~{s['changed']}" for n, s in changes["summary"].items()
    )
    since = f"since {previous}" if previous else "first release"
    return PublishResult(version, final, True, f"published {version} ({since}; {summary})", previous_version=previous)
