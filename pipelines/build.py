"""Build the whole dataset in-process: register report years, build each, then publish.

This is what ``govmetrics build`` (and ``make run``) runs: embedded Dagster, no server. Each
report year is one partition run of ``build_report_year``; the release is published only when
every year built and passed its blocking checks.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import ExitStack
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from dagster import DagsterInstance

from govmetrics.buildlock import build_lock
from govmetrics.raw_year import report_years
from pipelines.partitions import report_year_partitions
from pipelines.runs import RunSpec, execute, run_all

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
    workers: int = 1,
    executor: str = "in_process",
    run_config: Mapping[str, Any] | None = None,
    lock_timeout: float | None = None,
) -> BuildOutcome:
    """Materialize every asset for every report year in ``raw_dir``, then publish into ``outputs_dir``.

    With $DAGSTER_HOME set, runs are recorded in that instance (so ``make ui`` shows them);
    otherwise an ephemeral instance and a temporary storage directory are used (a temporary
    persistent one when runs go to other processes). ``workers`` runs that many partition runs at
    once; ``executor`` and ``run_config`` choose where each run's steps execute (``pipelines.runs``).
    The build holds the instance's and the outputs directory's build locks throughout
    (``govmetrics.buildlock``); ``lock_timeout`` is how long it waits for another build's.
    """
    raw = Path(raw_dir).resolve()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw directory not found: {raw}")
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
        if home:
            storage = Path(home) / "storage"
        else:
            storage = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="govmetrics-build-")))
        spec = partial(RunSpec, raw_dir=str(raw), outputs_dir=str(Path(outputs_dir).resolve()),
                       storage_dir=str(storage), executor=executor, run_config={**_QUIET, **(run_config or {})})

        years = [str(y) for y in report_years(raw)]
        registered = set(instance.get_dynamic_partitions(report_year_partitions.name))
        new = [y for y in years if y not in registered]
        if new:
            instance.add_dynamic_partitions(report_year_partitions.name, new)
        for stale in sorted(registered - set(years)):
            instance.delete_dynamic_partition(report_year_partitions.name, stale)

        outcome = BuildOutcome(years=years)
        year_runs = [spec("build_report_year", partition_key=year) for year in years]
        for report in run_all(year_runs, instance, workers):
            if not report.success:
                outcome.failed_years.append(str(report.partition_key))
                outcome.problems.extend(f"{report.partition_key}: {problem}" for problem in report.problems)
        if not outcome.ok:
            outcome.reason = f"not published: the build of {', '.join(outcome.failed_years)} failed"
            return outcome

        report = execute(spec("publish_release"), instance)
        if not report.success:
            outcome.release_failed = True
            outcome.problems.extend(report.problems)
            outcome.reason = "not published: the release step failed"
            return outcome
        for metadata in report.metadata("release"):
            if "published" in metadata:
                outcome.published = bool(metadata["published"])
                outcome.version = str(metadata["version"]) or None
                outcome.reason = str(metadata["reason"])
        return outcome
