"""Publishing a release: write aside, compare, diff, document, share, validate, rename, point.

The order is what makes a release trustworthy.  The previous release is verified against its own
checksums before anything is compared with it: a damaged one stops the publish (it is restored,
never published over).  Tables are streamed into a hidden temporary directory beside the releases
(so memory never holds a whole table), each file hashed as it is closed; an unchanged build stops
there, before a version number is spent, and leaves nothing behind (a lost pointer is put back on
the previous release).  Otherwise the release is diffed against the previous one, documented, its
site rendered from the files just written, every file that did not change is replaced by a hard
link to the previous release's (so a revision stores only what changed), the package is validated
with frictionless, and only a complete, valid directory is renamed to ``v<year>.<revision>``; the
``latest`` pointer moves last.  An exception at any point leaves the previous release and pointer
as they were.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

from govmetrics.release import versioning
from govmetrics.release.checksums import parse_sha256sums, sha256_file, sha256_hex, sha256sums
from govmetrics.release.datapackage import datapackage, datapackage_json, resource_entry
from govmetrics.release.diff import TableSnapshot, changes_json, changes_markdown, diff_release
from govmetrics.release.errors import ReleaseDiffError, ReleaseError
from govmetrics.release.info import PackageInfo, created_from_sources, normalize_sources
from govmetrics.release.readme import Coverage, citation_cff, readme
from govmetrics.release.schema_export import frictionless_schema
from govmetrics.release.stream import WrittenTable, write_table
from govmetrics.release.tables import prepare_table, to_arrow
from govmetrics.release.validate import validate_datapackage
from govmetrics.release.verify import require_intact
from govmetrics.durable import fsync_dir
from govmetrics.release.writers import write_file

SUMS_FILE = "SHA256SUMS"
DATA_SUFFIXES = (".parquet", ".csv")  # what "the release's content" means when comparing builds

#: A table to publish: a DataFrame (validated and sorted here), or Arrow tables already validated by
#: the table's model and in publishing order (or a function returning them), streamed as they come.
TableInput = Union[pd.DataFrame, Iterable[pa_arrow.Table], Callable[[], Iterable[pa_arrow.Table]]]


@dataclass(frozen=True)
class PublishResult:
    """What a publish did.

    ``version``/``path`` name the release that is latest afterwards: the new one when ``published``,
    otherwise the unchanged latest (None if there is none).  ``reason`` says why, in a sentence.
    ``timings`` gives the seconds each stage took; ``rows`` the rows of each table.
    """

    version: str | None
    path: Path | None
    published: bool
    reason: str
    previous_version: str | None = None
    timings: Mapping[str, float] = field(default_factory=dict)
    rows: Mapping[str, int] = field(default_factory=dict)
    shared_files: int = 0


def _default_models() -> Mapping[str, type[pa.DataFrameModel]]:
    from schemas import TABLES

    return TABLES


def _batches(name: str, value: TableInput, model: type[pa.DataFrameModel]) -> Iterable[pa_arrow.Table]:
    if isinstance(value, pd.DataFrame):
        return [to_arrow(prepare_table(name, value, model), model)]
    if callable(value):
        return value()
    return value


def _report_years(written: Iterable[WrittenTable], report_years: Iterable[int] | None) -> list[int]:
    """The years the release covers: as given (checked against the rows), or read from the rows."""
    found = set().union(*(set(t.per_year) for t in written))
    if report_years is None:
        years = sorted(found)
        if not years:
            raise ReleaseError("no table has report-year rows: pass report_years to name the release")
        return years
    years = sorted({int(y) for y in report_years})
    if not years:
        raise ReleaseError("report_years is empty: a release needs at least one report year")
    for t in written:
        stray = sorted(set(t.per_year) - set(years))
        if stray:
            raise ReleaseError(f"table {t.name!r} has report years {stray} not in report_years {years}")
    return years


def _resources(written: Iterable[WrittenTable]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for t in written:
        csv_bytes, csv_hash = t.files[f"{t.name}.csv"]
        pq_bytes, pq_hash = t.files[f"{t.name}.parquet"]
        out.append(resource_entry(t.name, f"{t.name}.csv", csv_bytes, csv_hash, fmt="csv", encoding="utf-8",
                                  description=t.spec.description, schema=frictionless_schema(t.model)))
        out.append(resource_entry(f"{t.name}-parquet", f"{t.name}.parquet", pq_bytes, pq_hash, fmt="parquet",
                                  tabular=False,
                                  description=f"The {t.name} table as Parquet (zstd), typed; same rows as {t.name}.csv."))
    return out


def _read_sums(release_dir: Path) -> dict[str, str]:
    try:
        return parse_sha256sums((release_dir / SUMS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReleaseDiffError(f"previous release {release_dir.name}: unreadable {SUMS_FILE}: {exc}") from exc


def _previous_snapshots(release_dir: Path, sums: Mapping[str, str]) -> dict[str, TableSnapshot]:
    """The previous release's tables, as its Parquet files, after checking their sha256."""
    snaps: dict[str, TableSnapshot] = {}
    for rel in sorted(p for p in sums if p.endswith(".parquet") and "/" not in p):
        path = release_dir / rel
        try:
            digest = sha256_file(path)
        except OSError as exc:
            raise ReleaseDiffError(f"previous release {release_dir.name}: cannot read {rel}: {exc}") from exc
        if digest != sums[rel]:
            raise ReleaseDiffError(f"previous release {release_dir.name}: {rel} does not match its SHA256SUMS")
        name = rel[: -len(".parquet")]
        try:
            snaps[name] = TableSnapshot.of(name, path)
        except ReleaseDiffError as exc:
            raise ReleaseDiffError(f"previous release {release_dir.name}: {exc}") from exc
    return snaps


def _link_over(source: Path, target: Path) -> bool:
    """Replace ``target`` by a hard link to ``source``; False where links are impossible (another device)."""
    tmp = target.with_name(f".{target.name}.link")
    try:
        os.link(source, tmp)
    except OSError as exc:
        if exc.errno in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            return False
        raise
    os.replace(tmp, target)
    return True


def share_unchanged(new_dir: Path, previous_dir: Path, new_sums: Mapping[str, str], previous_sums: Mapping[str, str]) -> int:
    """Hard-link every file of ``new_dir`` whose bytes equal the previous release's file of that name.

    The previous file is hashed again first, so a file damaged since its release is never passed on.
    Where a link cannot be made (another device) the new file stays a copy. Returns the files shared.
    """
    shared = 0
    for rel, digest in sorted(new_sums.items()):
        old = previous_dir / rel
        if previous_sums.get(rel) != digest or not old.is_file():
            continue
        try:
            if sha256_file(old) != digest:
                continue
        except OSError:
            continue
        shared += _link_over(old, new_dir / rel)
    return shared


def publish(
    tables: Mapping[str, TableInput],
    outputs_dir: Path | str,
    *,
    sources: Iterable[Mapping[str, Any]],
    report_years: Iterable[int] | None = None,
    info: PackageInfo = PackageInfo(),
    models: Mapping[str, type[pa.DataFrameModel]] | None = None,
    created: str | None = None,
    validate: bool = True,
    notes: Callable[[str], str] | None = None,
    pages: Iterable[tuple[str, bytes]] | None = None,
    validate_aside: bool = False,
) -> PublishResult:
    """Publish ``tables`` as the next release in ``outputs_dir``, unless nothing changed.

    - ``tables``: table name -> rows, exactly one per registered model: a DataFrame (validated
      against its model and sorted here), or Arrow tables already validated and in publishing order
      (the pipeline streams its stored units this way).
    - ``outputs_dir``: the directory holding all releases and the ``LATEST`` pointer.
    - ``sources``: one dict per raw input file: ``path`` and ``sha256`` required; ``title``,
      ``publisher``, ``published`` / ``retrieved`` (ISO dates), ``url``, ``license`` optional.
    - ``report_years``: the report years the build covers; the newest names the version.  Defaults
      to the years found in the tables' report-year columns; when given, every row's year must be in it.
    - ``info``: title, description, licences, authors and caveats (defaults describe govmetrics).
    - ``models``: table name -> pandera model; defaults to ``schemas.TABLES``.
    - ``created``: RFC 3339 timestamp to stamp the release with; defaults to the newest source date.
    - ``validate``: run frictionless on the written package before it is renamed into place.
    - ``notes``: given the new version, more Markdown for the end of CHANGES.md (the pipeline lists
      the indicator ids that changed there).
    - ``pages``: the site's pages that show the tables alone (``site/...``, bytes), rendered beforehand from these same tables
      (``govmetrics.site.render.emit_collection_pages``); without them the whole site is rendered here.
    - ``validate_aside``: validate in a process of its own while the site is rendered, for a caller
      that has a second core to give (a build with more than one worker, when only this step runs).
      The package is checked the same way; only the wait changes.

    Raises :class:`ReleaseValidationError` (a table breaks its model, or the package fails
    Frictionless), :class:`ReleaseIntegrityError` (the previous release fails its checksums),
    :class:`ReleaseDiffError` (no diff against the previous release can be made) or
    :class:`ReleaseError`; in every case nothing is published.
    """
    outputs_dir = Path(outputs_dir)
    models = dict(models if models is not None else _default_models())
    missing = [n for n in models if n not in tables]
    unknown = [n for n in tables if n not in models]
    if missing or unknown:
        raise ReleaseError(
            "tables do not match the registered models: "
            + "; ".join(filter(None, [missing and f"missing {missing}", unknown and f"unregistered {unknown}"]))
        )
    srcs = normalize_sources(sources)
    created = created or created_from_sources(srcs)
    timings: dict[str, float] = {}

    outputs_dir.mkdir(parents=True, exist_ok=True)
    with versioning.publish_lock(outputs_dir):
        versioning.remove_stale_temps(outputs_dir)
        previous = versioning.read_pointer(outputs_dir)
        prev_dir = outputs_dir / previous if previous else None
        if prev_dir:
            require_intact(prev_dir)
        prev_sums = _read_sums(prev_dir) if prev_dir else {}
        tmp = versioning.make_temp_dir(outputs_dir, "next")
        checker: Future[None] | None = None
        try:
            t0 = time.perf_counter()
            written = [write_table(tmp, name, model, _batches(name, tables[name], model)) for name, model in models.items()]
            timings["write tables"] = time.perf_counter() - t0
            rows = {t.name: t.rows for t in written}
            years = _report_years(written, report_years)
            data = {rel: digest for t in written for rel, (_, digest) in t.files.items()}
            if prev_dir and {p: h for p, h in prev_sums.items() if p.endswith(DATA_SUFFIXES)} == data:
                shutil.rmtree(tmp, ignore_errors=True)
                reason = f"no change: the data files equal those of {previous}; nothing published"
                if not (outputs_dir / versioning.POINTER_FILE).is_file():
                    versioning.set_pointer(outputs_dir, previous)
                    reason += f"; {versioning.POINTER_FILE} was missing and names {previous} again"
                return PublishResult(previous, prev_dir, False, reason, previous_version=previous,
                                     timings=timings, rows=rows)

            version = versioning.next_version(versioning.list_versions(outputs_dir), years[-1])
            t0 = time.perf_counter()
            old = _previous_snapshots(prev_dir, prev_sums) if prev_dir else None
            new = {t.name: TableSnapshot(t.name, tmp / f"{t.name}.parquet", _schema(tmp, t.name), t.spec.primary_key)
                   for t in written}
            changes = diff_release(old, new, version=version, previous_version=previous)
            timings["diff"] = time.perf_counter() - t0

            t0 = time.perf_counter()
            docs: dict[str, bytes] = {}
            docs["changes.json"] = changes_json(changes)
            extra = notes(version) if notes is not None else ""
            docs["CHANGES.md"] = (changes_markdown(changes) + ("\n" + extra if extra else "")).encode("utf-8")
            docs["datapackage.json"] = datapackage_json(
                datapackage(info=info, version=version, created=created, sources=srcs, resources=_resources(written))
            )
            docs["CITATION.cff"] = citation_cff(info, version, created)
            sizes = {rel: n for t in written for rel, (n, _) in t.files.items()} | {p: len(b) for p, b in docs.items()}
            docs["README.md"] = readme(
                info=info, version=version, created=created, models=models,
                tables={t.name: Coverage(t.rows, dict(t.per_year), t.distinct) for t in written},
                report_years=years, sources=srcs, changes=changes, files=dict(sorted(sizes.items())),
            )
            for rel in sorted(docs):
                write_file(tmp / rel, docs[rel])
            timings["document"] = time.perf_counter() - t0

            # Validation reads the data files and datapackage.json only, never site/: it can run beside the site.
            checker = _start_validation(tmp / "datapackage.json") if validate and validate_aside else None
            t0 = time.perf_counter()
            from govmetrics.site import release_site  # here: the site reads releases with this package's readers
            from govmetrics.site.inputs import ReleaseFiles

            # site/: pages made from the files just written (read one at a time), each written as it is
            # rendered and listed in SHA256SUMS
            site_sums: dict[str, str] = {}

            def emit(rel: str, data: bytes) -> None:
                write_file(tmp / rel, data)
                site_sums[rel] = sha256_hex(data)

            release_site(ReleaseFiles(tmp), emit, pages)
            timings["site"] = time.perf_counter() - t0

            if checker is not None:  # before any file is replaced by a link to the previous release's
                t0 = time.perf_counter()
                _finish_validation(checker)
                timings["validate"] = time.perf_counter() - t0

            t0 = time.perf_counter()
            sums = dict(data) | {rel: sha256_hex(b) for rel, b in docs.items()} | site_sums
            sums_bytes = sha256sums_from_hashes(sums)
            write_file(tmp / SUMS_FILE, sums_bytes)
            sums[SUMS_FILE] = sha256_hex(sums_bytes)
            shared = share_unchanged(tmp, prev_dir, sums, prev_sums | _sums_file_hash(prev_dir)) if prev_dir else 0
            fsync_dir(tmp)
            timings["share"] = time.perf_counter() - t0

            if validate and checker is None:
                t0 = time.perf_counter()
                validate_datapackage(tmp / "datapackage.json")
                timings["validate"] = time.perf_counter() - t0
            final = outputs_dir / version
            versioning.move_into_place(tmp, final)
        except BaseException:
            if checker is not None:  # let it finish reading before its files go
                wait([checker])
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        versioning.set_pointer(outputs_dir, version)

    summary = ", ".join(
        f"{n}: +{s['added']} -{s['removed']} ~{s['changed']}" for n, s in changes["summary"].items()
    )
    since = f"since {previous}" if previous else "first release"
    return PublishResult(version, final, True, f"published {version} ({since}; {summary})",
                         previous_version=previous, timings=timings, rows=rows, shared_files=shared)


def _start_validation(path: Path) -> Future[None]:
    """``validate_datapackage(path)`` started in a forked process; :func:`_finish_validation` waits for it."""
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    try:
        return pool.submit(validate_datapackage, path)
    finally:
        pool.shutdown(wait=False)


def _finish_validation(checker: Future[None]) -> None:
    """Wait for the validation; its error (a :class:`ReleaseValidationError`) is raised here, as inline."""
    try:
        checker.result()
    except BrokenProcessPool as exc:  # the process died (killed, out of memory): nothing was validated
        raise ReleaseError(f"the release could not be validated: the validating process ended ({exc})") from exc


def _schema(root: Path, name: str) -> pa_arrow.Schema:
    import pyarrow.parquet as pq

    return pq.read_schema(root / f"{name}.parquet")


def _sums_file_hash(release_dir: Path) -> dict[str, str]:
    """The previous SHA256SUMS's own hash, so an identical SHA256SUMS is shared too."""
    try:
        return {SUMS_FILE: sha256_file(release_dir / SUMS_FILE)}
    except OSError:
        return {}


def sha256sums_from_hashes(hashes: Mapping[str, str]) -> bytes:
    """The ``SHA256SUMS`` file from known digests (the same bytes :func:`sha256sums` writes)."""
    return "".join(f"{hashes[name]}  {name}\n" for name in sorted(hashes)).encode("utf-8")


__all__ = ["PublishResult", "TableInput", "publish", "sha256sums", "share_unchanged"]
