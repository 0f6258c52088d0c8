"""Build the whole dataset: register the units of work, build each, then publish.

This is what ``govmetrics build`` (and ``make run``) runs: embedded Dagster, no server. Each unit
(a report year, or a shard of one) is one partition run of ``build_report_unit``, several at once
with more than one worker; the release is published only when every unit built and passed its
blocking checks. The store of intermediate tables (the
per-document cache) is kept between builds when there is a place for it: ``cache_dir``, else
``$DAGSTER_HOME/storage``; without either a build starts from nothing. The outcome carries the
figures of the closing summary, read from the runs' asset metadata.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow
from dagster import DagsterInstance

from govmetrics.buildlock import build_lock
from govmetrics.incremental.publishing import unchanged_release
from govmetrics.incremental.rawfiles import list_raw, report_years
from govmetrics.incremental.shards import units_of
from govmetrics.incremental.unit import current_unit, known_sidecars
from govmetrics.release import ReleaseError
from pipelines.assets.parts import expected_parts
from pipelines.partitions import collection_part_partitions, report_unit_partitions
from pipelines.runs import Runner, RunSpec

# Step-by-step DEBUG events are for the UI; the command line shows warnings (quarantined files) and errors.
_QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


@dataclass
class BuildOutcome:
    years: list[str]
    failed_years: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    published: bool = False
    version: str | None = None
    reason: str = ""
    release_failed: bool = False
    #: Per unit (a report year, or a shard of one): files, read, cached, extracted, quarantined, seconds
    #: (the documents asset's metadata).
    year_stats: dict[str, dict[str, float]] = field(default_factory=dict)
    #: Rows of each published table, and the seconds of each stage after the years.
    rows: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    documents_published: int | None = None
    #: Parts of the site's pages the release took as the part runs rendered them (0: it rendered them).
    pages_from_parts: int = 0

    @property
    def ok(self) -> bool:
        """False whenever something did not happen that should have: a year or the release step failed."""
        return not self.failed_years and not self.release_failed

    def summary(self) -> list[str]:
        """The closing summary: documents read, cached and quarantined; rows published; time per stage."""
        totals = {k: int(sum(s.get(k, 0) for s in self.year_stats.values()))
                  for k in ("files", "read", "cached", "extracted", "quarantined")}
        lines = [
            f"documents: {totals['files']} raw files, {totals['read']} read, {totals['cached']} cached, "
            f"{totals['extracted']} extracted, {totals['quarantined']} quarantined"
            + (f", {self.documents_published} published" if self.documents_published is not None else "")
        ]
        if self.rows:
            lines.append("rows: " + ", ".join(f"{n} {r}" for n, r in self.rows.items()))
        stages = {f"{'unit' if '-' in u else 'year'} {u}": s.get("seconds", 0.0) for u, s in self.year_stats.items()}
        stages |= self.stage_seconds
        if stages:
            lines.append("seconds: " + ", ".join(f"{n} {v:.1f}" for n, v in stages.items()))
        return lines


def build(
    raw_dir: str | Path = "raw",
    outputs_dir: str | Path = "outputs",
    *,
    instance: DagsterInstance | None = None,
    cache_dir: str | Path | None = None,
    workers: int = 1,
    shards: int = 1,
    executor: str = "in_process",
    run_config: Mapping[str, Any] | None = None,
    shared_base: str | None = None,
    lock_timeout: float | None = None,
) -> BuildOutcome:
    """Materialize every asset for every unit of every report year in ``raw_dir``, then publish into ``outputs_dir``.

    A unit is a report year, or one of ``shards`` shards of it (``govmetrics.incremental.shards``);
    a unit whose stored tables are up to date with its raw files (``current_unit``) is not run again.
    ``workers`` unit runs go at once, each in a process of its own; ``executor`` and ``run_config``
    choose where each run's steps execute (``pipelines.runs``). The release is the same whatever
    the shards and workers.

    With $DAGSTER_HOME set, runs are recorded in that instance (so ``make ui`` shows them);
    otherwise an ephemeral instance is used (a temporary persistent one when runs go to other
    processes). Intermediate tables and the per-document cache live in ``cache_dir``, else
    ``$DAGSTER_HOME/storage``, else a temporary directory (no reuse); with ``shared_base`` (an
    fsspec URL) the tables steps hand on are also kept there, for workers on other machines. The
    build holds the instance's and the outputs directory's build locks throughout
    (``govmetrics.buildlock``), waiting ``lock_timeout`` seconds at most for another build's.
    """
    raw = Path(raw_dir).resolve()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw directory not found: {raw}")
    # Arrow's default allocator keeps what a report year's tables freed; the system one gives it back,
    # so one year's peak is not carried into the next.
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    home = os.environ.get("DAGSTER_HOME") if instance is None else None
    with ExitStack() as stack:
        stack.enter_context(build_lock(outputs_dir, home, raw_dir=raw, timeout=lock_timeout))
        if instance is None:
            if home:
                instance = stack.enter_context(DagsterInstance.get())
            elif workers > 1 or executor != "in_process":  # other processes must open the same instance
                temp_home = stack.enter_context(tempfile.TemporaryDirectory(prefix="govmetrics-instance-"))
                instance = stack.enter_context(DagsterInstance.local_temp(temp_home))
            else:
                instance = stack.enter_context(DagsterInstance.ephemeral())
        runner = stack.enter_context(Runner(instance, workers))
        if cache_dir is not None:
            storage = Path(cache_dir)
        elif home:
            storage = Path(home) / "storage"
        else:
            storage = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="govmetrics-build-")))
        spec = partial(RunSpec, raw_dir=str(raw), outputs_dir=str(Path(outputs_dir).resolve()), storage_dir=str(storage),
                       executor=executor, run_config={**_QUIET, **(run_config or {})}, shards=shards,
                       shared_base=shared_base)

        entries = list_raw(raw, known_sidecars(storage))  # one listing of raw/ for the whole plan
        years = [str(y) for y in report_years(raw, entries=entries)]
        units = [u for y in years for u in units_of(int(y), shards)]
        _register(instance, report_unit_partitions.name, [u.key for u in units])

        outcome = BuildOutcome(years=years)
        to_run = []
        for unit in units:
            current = current_unit(raw, unit.year, storage, entries, shard=unit.shard, shards=unit.shards)
            if current is not None:  # nothing to read: the unit's stored tables are up to date
                outcome.year_stats[unit.key] = {k: float(v) for k, v in vars(current).items()}
            else:
                to_run.append(spec("build_report_unit", partition_key=unit.key))
        for report in runner.run_all(to_run):
            for metadata in report.metadata("report_unit_tables", "documents"):
                outcome.year_stats[str(report.partition_key)] = _numbers(metadata)
            if not report.success:
                outcome.failed_years.append(str(report.partition_key))
                outcome.problems.extend(f"{report.partition_key}: {problem}" for problem in report.problems)
        outcome.year_stats = {u.key: outcome.year_stats[u.key] for u in units if u.key in outcome.year_stats}
        if not outcome.ok:
            outcome.reason = f"not published: the build of {', '.join(outcome.failed_years)} failed"
            return outcome

        try:
            unchanged = None if to_run else unchanged_release(storage, [u.key for u in units], outputs_dir)
        except ReleaseError as exc:  # a damaged latest release: refused here as the release step would
            outcome.release_failed = True
            outcome.problems.append(str(exc))
            outcome.reason = "not published: the release step failed"
            return outcome
        if unchanged is not None:  # nothing read, nothing to publish: no run at all
            outcome.version, outcome.reason = unchanged.version, unchanged.reason
            return outcome
        # With several shards, what the whole collection needs is split too: final ids (one run), then
        # metric_changes and the site's pages a part per run, as many at once as there are workers; the
        # release is then assembled from them.
        parts = expected_parts(shards)
        _register(instance, collection_part_partitions.name, parts)
        # The release runs alone: with more than one worker (processes of this machine), it has a core to
        # validate on while it renders the site.
        last = spec("assemble_release" if parts else "publish_release")
        if workers > 1 and executor == "in_process":
            last = replace(last, run_config=_with_release_config(last.run_config, validate_aside=True))
        stages = [[spec("identify_collection")], [spec("build_changes_part", partition_key=p) for p in parts],
                  [spec("build_site_part", partition_key=p) for p in parts], [last]] if parts else [[last]]
        reports = []
        for stage in stages:
            reports.extend(runner.run_all(stage))
            if not all(r.success for r in reports):
                break
        if not all(r.success for r in reports):
            outcome.release_failed = True
            outcome.problems.extend(p for r in reports for p in r.problems)
            outcome.reason = "not published: the release step failed"
            return outcome
        report = reports[-1]
        for node in ("identified", "label_crosswalk", "metric_changes_part", "metric_changes", "site_pages"):
            seconds = [float(m["seconds"]) for r in reports for m in r.metadata(node) if "seconds" in m]
            if seconds:  # parts: the longest, as they run at once when there are workers for them
                outcome.stage_seconds[node] = max(seconds)
        for metadata in report.metadata("release"):
            if "published" in metadata:
                outcome.published = bool(metadata["published"])
                outcome.version = str(metadata["version"]) or None
                outcome.reason = str(metadata["reason"])
                outcome.rows = dict(metadata.get("rows") or {})
                stages = dict(metadata.get("stage_seconds") or {})
                outcome.stage_seconds.update({f"release: {k}": float(v) for k, v in stages.items()})
                if "seconds" in metadata:
                    outcome.stage_seconds["release"] = float(metadata["seconds"])
                pages = metadata.get("item_pages_from_parts")
                outcome.pages_from_parts = int(pages) if isinstance(pages, (int, float)) else 0
                if "documents_published" in metadata:
                    outcome.documents_published = int(metadata["documents_published"])
        return outcome


def _register(instance: DagsterInstance, partitions: str, keys: list[str]) -> None:
    """Make ``keys`` the dynamic partitions of ``partitions``: add the new ones, drop the others."""
    registered = set(instance.get_dynamic_partitions(partitions))
    new = [k for k in keys if k not in registered]
    if new:
        instance.add_dynamic_partitions(partitions, new)
    for stale in sorted(registered - set(keys)):
        instance.delete_dynamic_partition(partitions, stale)


def _with_release_config(run_config: Mapping[str, Any], **config: Any) -> dict[str, Any]:
    """``run_config`` with ``config`` for the release step (``pipelines.assets.published.ReleaseConfig``)."""
    ops = dict(run_config.get("ops") or {})
    release = dict(ops.get("release") or {})
    ops["release"] = {**release, "config": {**(release.get("config") or {}), **config}}
    return {**run_config, "ops": ops}


def _numbers(metadata: dict) -> dict[str, float]:
    return {k: float(v) for k, v in metadata.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
