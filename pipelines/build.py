"""Build the whole dataset in-process: register report years, build each, then publish.

This is what ``govmetrics build`` (and ``make run``) runs: embedded Dagster, no server. Each
report year is one partition run of ``build_report_year``; the release is published only when
every year built and passed its blocking checks. The store of intermediate tables (the
per-document cache) is kept between builds when there is a place for it: ``cache_dir``, else
``$DAGSTER_HOME/storage``; without either a build starts from nothing. The outcome carries the
figures of the closing summary, read from the runs' asset metadata.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow
from dagster import AssetCheckSeverity, DagsterInstance, ExecuteInProcessResult

from govmetrics.incremental.publishing import unchanged_release
from govmetrics.incremental.rawfiles import list_raw, report_years
from govmetrics.incremental.unit import current_unit, known_sidecars
from govmetrics.release import ReleaseError
from pipelines.definitions import build_definitions
from pipelines.partitions import report_year_partitions

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
    #: Per report year: files, read, cached, extracted, quarantined, seconds (the documents asset's metadata).
    year_stats: dict[str, dict[str, float]] = field(default_factory=dict)
    #: Rows of each published table, and the seconds of each stage after the years.
    rows: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    documents_published: int | None = None

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
        stages = {f"year {y}": s.get("seconds", 0.0) for y, s in self.year_stats.items()} | self.stage_seconds
        if stages:
            lines.append("seconds: " + ", ".join(f"{n} {v:.1f}" for n, v in stages.items()))
        return lines


def build(
    raw_dir: str | Path = "raw",
    outputs_dir: str | Path = "outputs",
    *,
    instance: DagsterInstance | None = None,
    cache_dir: str | Path | None = None,
) -> BuildOutcome:
    """Materialize every asset for every report year in ``raw_dir``, then publish into ``outputs_dir``.

    A year whose stored tables are up to date with its raw files (``current_unit``) is not run again.

    With $DAGSTER_HOME set, runs are recorded in that instance (so ``make ui`` shows them);
    otherwise an ephemeral instance is used. Intermediate tables and the per-document cache live in
    ``cache_dir``, else ``$DAGSTER_HOME/storage``, else a temporary directory (no reuse).
    """
    raw = Path(raw_dir).resolve()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw directory not found: {raw}")
    # Arrow's default allocator keeps what a report year's tables freed; the system one gives it back,
    # so one year's peak is not carried into the next.
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    with ExitStack() as stack:
        if instance is None:
            if os.environ.get("DAGSTER_HOME"):
                instance = stack.enter_context(DagsterInstance.get())
            else:
                instance = stack.enter_context(DagsterInstance.ephemeral())
        if cache_dir is not None:
            storage = Path(cache_dir)
        elif os.environ.get("DAGSTER_HOME"):
            storage = Path(os.environ["DAGSTER_HOME"]) / "storage"
        else:
            storage = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="govmetrics-build-")))
        defs = build_definitions(raw_dir=raw, outputs_dir=outputs_dir, storage_dir=storage)

        entries = list_raw(raw, known_sidecars(storage))  # one listing of raw/ for the whole plan
        years = [str(y) for y in report_years(raw, entries=entries)]
        registered = set(instance.get_dynamic_partitions(report_year_partitions.name))
        new = [y for y in years if y not in registered]
        if new:
            instance.add_dynamic_partitions(report_year_partitions.name, new)
        for stale in sorted(registered - set(years)):
            instance.delete_dynamic_partition(report_year_partitions.name, stale)

        outcome = BuildOutcome(years=years)
        year_job = defs.resolve_job_def("build_report_year")
        ran = False
        for year in years:
            current = current_unit(raw, int(year), storage, entries)
            if current is not None:  # nothing to read: the year's stored tables are up to date
                outcome.year_stats[year] = {k: float(v) for k, v in vars(current).items()}
                continue
            ran = True
            result = year_job.execute_in_process(
                instance=instance, partition_key=year, run_config=_QUIET, raise_on_error=False
            )
            for materialization in result.asset_materializations_for_node("report_year_tables"):
                if materialization.asset_key.path[-1] == "documents":
                    outcome.year_stats[year] = _numbers(materialization.metadata)
            if not result.success:
                outcome.failed_years.append(year)
                outcome.problems.extend(f"{year}: {problem}" for problem in _problems(result))
        if not outcome.ok:
            outcome.reason = f"not published: the build of {', '.join(outcome.failed_years)} failed"
            return outcome

        try:
            unchanged = None if ran else unchanged_release(storage, years, outputs_dir)
        except ReleaseError as exc:  # a damaged latest release: refused here as the release step would
            outcome.release_failed = True
            outcome.problems.append(str(exc))
            outcome.reason = "not published: the release step failed"
            return outcome
        if unchanged is not None:  # nothing read, nothing to publish: no run at all
            outcome.version, outcome.reason = unchanged.version, unchanged.reason
            return outcome
        result = defs.resolve_job_def("publish_release").execute_in_process(
            instance=instance, run_config=_QUIET, raise_on_error=False
        )
        if not result.success:
            outcome.release_failed = True
            outcome.problems.extend(_problems(result))
            outcome.reason = "not published: the release step failed"
            return outcome
        for node in ("identified", "label_crosswalk", "metric_changes"):
            for materialization in result.asset_materializations_for_node(node):
                if "seconds" in materialization.metadata:
                    outcome.stage_seconds[node] = float(materialization.metadata["seconds"].value)
        for materialization in result.asset_materializations_for_node("release"):
            metadata = materialization.metadata
            if "published" in metadata:
                outcome.published = bool(metadata["published"].value)
                outcome.version = str(metadata["version"].value) or None
                outcome.reason = str(metadata["reason"].value)
                outcome.rows = dict(metadata["rows"].value) if "rows" in metadata else {}
                stages = dict(metadata["stage_seconds"].value) if "stage_seconds" in metadata else {}
                outcome.stage_seconds.update({f"release: {k}": float(v) for k, v in stages.items()})
                if "seconds" in metadata:
                    outcome.stage_seconds["release"] = float(metadata["seconds"].value)
                if "documents_published" in metadata:
                    outcome.documents_published = int(metadata["documents_published"].value)
        return outcome


def _numbers(metadata: dict) -> dict[str, float]:
    return {k: float(v.value) for k, v in metadata.items() if isinstance(getattr(v, "value", None), (int, float))
            and not isinstance(v.value, bool)}


def _problems(result: ExecuteInProcessResult) -> list[str]:
    """What stopped a run, in a line each: failed steps and failed blocking checks."""
    problems = []
    for event in result.all_events:
        data = event.event_specific_data
        if event.event_type_value == "STEP_FAILURE" and data is not None and data.error is not None:
            error = data.error
            while error.cause is not None:  # the exception the step raised, not Dagster's wrapper of it
                error = error.cause
            first = (error.message or "").strip().splitlines()
            problems.append(f"step {event.step_key} failed: {first[-1] if first else error.cls_name}")
        elif event.event_type_value == "ASSET_CHECK_EVALUATION" and data is not None and not data.passed:
            if data.severity == AssetCheckSeverity.ERROR:
                cases = data.metadata.get("failures")
                detail = f" ({cases.value} failure cases, see the check's metadata)" if cases is not None else ""
                problems.append(f"check {'/'.join(data.asset_key.path)}.{data.check_name} failed{detail}")
    return problems
