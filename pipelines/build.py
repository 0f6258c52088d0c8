"""Build the whole dataset in-process: register report years, build each, then publish.

This is what ``govmetrics build`` (and ``make run``) runs: embedded Dagster, no server. Each
report year is one partition run of ``build_report_year``; the release is published only when
every year built and passed its blocking checks.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from dagster import AssetCheckSeverity, DagsterInstance, ExecuteInProcessResult

from govmetrics.raw_year import report_years
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

    @property
    def ok(self) -> bool:
        """False whenever something did not happen that should have: a year or the release step failed."""
        return not self.failed_years and not self.release_failed


def build(
    raw_dir: str | Path = "raw",
    outputs_dir: str | Path = "outputs",
    *,
    instance: DagsterInstance | None = None,
) -> BuildOutcome:
    """Materialize every asset for every report year in ``raw_dir``, then publish into ``outputs_dir``.

    With $DAGSTER_HOME set, runs are recorded in that instance (so ``make ui`` shows them);
    otherwise an ephemeral instance and a temporary storage directory are used.
    """
    raw = Path(raw_dir).resolve()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw directory not found: {raw}")
    with ExitStack() as stack:
        if instance is None:
            if os.environ.get("DAGSTER_HOME"):
                instance = stack.enter_context(DagsterInstance.get())
            else:
                instance = stack.enter_context(DagsterInstance.ephemeral())
        if os.environ.get("DAGSTER_HOME"):
            storage = Path(os.environ["DAGSTER_HOME"]) / "storage"
        else:
            storage = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="govmetrics-build-")))
        defs = build_definitions(raw_dir=raw, outputs_dir=outputs_dir, storage_dir=storage)

        years = [str(y) for y in report_years(raw)]
        registered = set(instance.get_dynamic_partitions(report_year_partitions.name))
        new = [y for y in years if y not in registered]
        if new:
            instance.add_dynamic_partitions(report_year_partitions.name, new)
        for stale in sorted(registered - set(years)):
            instance.delete_dynamic_partition(report_year_partitions.name, stale)

        outcome = BuildOutcome(years=years)
        year_job = defs.resolve_job_def("build_report_year")
        for year in years:
            result = year_job.execute_in_process(
                instance=instance, partition_key=year, run_config=_QUIET, raise_on_error=False
            )
            if not result.success:
                outcome.failed_years.append(year)
                outcome.problems.extend(f"{year}: {problem}" for problem in _problems(result))
        if not outcome.ok:
            outcome.reason = f"not published: the build of {', '.join(outcome.failed_years)} failed"
            return outcome

        result = defs.resolve_job_def("publish_release").execute_in_process(
            instance=instance, run_config=_QUIET, raise_on_error=False
        )
        if not result.success:
            outcome.release_failed = True
            outcome.problems.extend(_problems(result))
            outcome.reason = "not published: the release step failed"
            return outcome
        for materialization in result.asset_materializations_for_node("release"):
            metadata = materialization.metadata
            if "published" in metadata:
                outcome.published = bool(metadata["published"].value)
                outcome.version = str(metadata["version"].value) or None
                outcome.reason = str(metadata["reason"].value)
        return outcome


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
