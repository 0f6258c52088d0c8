"""The govmetrics code location: one ``Definitions`` built from plain settings, with no side effects."""

from __future__ import annotations

import os
from pathlib import Path

from dagster import Definitions, ExecutorDefinition

from pipelines.assets.compared import identified, label_crosswalk_table, metric_changes_table
from pipelines.assets.documents import report_unit_tables
from pipelines.assets.fetched import raw_snapshots
from pipelines.assets.parts import metric_changes_part, site_pages
from pipelines.assets.published import release
from pipelines.automation import daily_build, publish_after_build, raw_files_sensor
from pipelines.fetching import fetch_sources_job, weekly_fetch
from pipelines.io import BuildStore, ParquetIOManager
from pipelines.jobs import (
    assemble_release,
    build_changes_part,
    build_report_unit,
    build_site_part,
    identify_collection,
    publish_release,
)
from pipelines.resources import ProjectPaths

CODE_LOCATION = "govmetrics"


def build_definitions(
    raw_dir: str | Path | None = None,
    outputs_dir: str | Path | None = None,
    storage_dir: str | Path | None = None,
    executor: ExecutorDefinition | None = None,
    shards: int | None = None,
    shared_base: str | None = None,
) -> Definitions:
    """Definitions for one project directory.

    Paths default to ``raw/`` and ``outputs/`` under the working directory (or $GOVMETRICS_RAW_DIR,
    $GOVMETRICS_OUTPUTS_DIR). Intermediate tables live as Parquet in ``storage_dir`` (default: the
    Dagster instance's storage), which is also the per-document cache, and, with ``shared_base``
    (or $GOVMETRICS_STORAGE_BASE: an fsspec URL), under a base every worker can read. Each report
    year is split into ``shards`` units (or $GOVMETRICS_SHARDS; default 1).

    The in-process executor is the default because a step costs seconds in a new process on a
    small machine; multiprocess, Celery or Kubernetes executors scale it out (``pipelines.runs``),
    chosen by ``executor`` or, when the code location is loaded by ``dagster dev`` or a Kubernetes
    deployment, by $GOVMETRICS_EXECUTOR (in_process, multiprocess, celery, k8s).
    """
    if executor is None:
        from pipelines.runs import executor_def

        executor = executor_def(os.environ.get("GOVMETRICS_EXECUTOR", "in_process"))
    shards = shards or int(os.environ.get("GOVMETRICS_SHARDS", "1"))
    shared_base = shared_base or os.environ.get("GOVMETRICS_STORAGE_BASE") or None
    raw = Path(raw_dir or os.environ.get("GOVMETRICS_RAW_DIR", "raw")).resolve()
    outputs = Path(outputs_dir or os.environ.get("GOVMETRICS_OUTPUTS_DIR", "outputs")).resolve()
    base = str(storage_dir) if storage_dir is not None else None
    resources: dict[str, object] = {
        "paths": ProjectPaths(raw_dir=str(raw), outputs_dir=str(outputs), shards=shards),
        "io_manager": ParquetIOManager(base_dir=base, shared_base=shared_base),
        "build_store": BuildStore(base_dir=base),
    }
    return Definitions(
        assets=[raw_snapshots, report_unit_tables, identified, label_crosswalk_table, metric_changes_part, metric_changes_table,
                site_pages, release],
        jobs=[build_report_unit, identify_collection, build_changes_part, build_site_part, publish_release, assemble_release,
              fetch_sources_job],
        schedules=[daily_build, weekly_fetch],
        sensors=[raw_files_sensor, publish_after_build],
        resources=resources,
        executor=executor,
    )


defs = build_definitions()
