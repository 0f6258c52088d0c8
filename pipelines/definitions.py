"""The govmetrics code location: one ``Definitions`` built from plain settings, with no side effects."""

from __future__ import annotations

import os
from pathlib import Path

from dagster import Definitions, in_process_executor

from pipelines.assets.compared import identified, label_crosswalk_table, metric_changes_table
from pipelines.assets.documents import report_year_tables
from pipelines.assets.fetched import raw_snapshots
from pipelines.assets.published import release
from pipelines.automation import daily_build, publish_after_build, raw_files_sensor
from pipelines.fetching import fetch_sources_job, weekly_fetch
from pipelines.io import BuildStore, ParquetIOManager
from pipelines.jobs import build_report_year, publish_release
from pipelines.resources import ProjectPaths

CODE_LOCATION = "govmetrics"


def build_definitions(
    raw_dir: str | Path | None = None,
    outputs_dir: str | Path | None = None,
    storage_dir: str | Path | None = None,
) -> Definitions:
    """Definitions for one project directory.

    Paths default to ``raw/`` and ``outputs/`` under the working directory (or $GOVMETRICS_RAW_DIR,
    $GOVMETRICS_OUTPUTS_DIR). Intermediate tables live as Parquet in ``storage_dir`` (default: the
    Dagster instance's storage), which is also the per-document cache. The in-process executor is the default because a step costs seconds in a
    new process on a small machine; multiprocess, Celery or Kubernetes executors scale it out.
    """
    raw = Path(raw_dir or os.environ.get("GOVMETRICS_RAW_DIR", "raw")).resolve()
    outputs = Path(outputs_dir or os.environ.get("GOVMETRICS_OUTPUTS_DIR", "outputs")).resolve()
    base = str(storage_dir) if storage_dir is not None else None
    resources: dict[str, object] = {
        "paths": ProjectPaths(raw_dir=str(raw), outputs_dir=str(outputs)),
        "io_manager": ParquetIOManager(base_dir=base),
        "build_store": BuildStore(base_dir=base),
    }
    return Definitions(
        assets=[raw_snapshots, report_year_tables, identified, label_crosswalk_table, metric_changes_table, release],
        jobs=[build_report_year, publish_release, fetch_sources_job],
        schedules=[daily_build, weekly_fetch],
        sensors=[raw_files_sensor, publish_after_build],
        resources=resources,
        executor=in_process_executor,
    )


defs = build_definitions()
