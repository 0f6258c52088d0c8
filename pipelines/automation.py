"""Keeping the dataset fresh: a sensor on raw/, a daily schedule, and publishing after each build."""


import hashlib
import json

from dagster import (
    DagsterRunStatus,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    ScheduleEvaluationContext,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    run_status_sensor,
    schedule,
    sensor,
)

from govmetrics.incremental.shards import units_of
from govmetrics.ingest import scan_raw_dir
from pipelines.jobs import build_report_unit, publish_release
from pipelines.partitions import report_unit_partitions, unit_keys
from pipelines.resources import ProjectPaths


def _run_key(unit: str, files: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256(json.dumps(sorted(files)).encode("utf-8")).hexdigest()[:16]
    return f"{unit}:{digest}"


@sensor(job=build_report_unit, minimum_interval_seconds=60, default_status=DefaultSensorStatus.RUNNING)
def raw_files_sensor(context: SensorEvaluationContext, paths: ProjectPaths) -> SensorResult | SkipReason:
    """Request a build of a unit (a report year, or the shard of one) when a raw file of it is new or changed.

    The cursor remembers each file's key (path, sha256 and its sidecar's sha256), so a file is
    processed once per content; the run key (unit + the changed keys) makes a repeated request a
    no-op for Dagster too.
    """
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    current = {f.path: (f.key, f.report_year) for f in scan_raw_dir(paths.raw)}
    changed: dict[int, list[tuple[str, str]]] = {}
    for path, (key, year) in current.items():
        if seen.get(path) != key and year is not None:
            changed.setdefault(year, []).append((path, key))
    cursor = json.dumps({path: key for path, (key, _) in sorted(current.items())}, ensure_ascii=False)
    if not changed:
        context.update_cursor(cursor)
        return SkipReason("no new or changed raw files")
    existing = set(context.instance.get_dynamic_partitions(report_unit_partitions.name))
    requests = [
        RunRequest(partition_key=unit.key, run_key=_run_key(unit.key, [f for f in files if unit.owns(f[0])]))
        for year, files in sorted(changed.items())
        for unit in units_of(year, paths.shards)
        if any(unit.owns(path) for path, _ in files)
    ]
    new_units = sorted({r.partition_key for r in requests} - existing)  # type: ignore[misc]
    return SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[report_unit_partitions.build_add_request(new_units)] if new_units else [],
        cursor=cursor,
    )


@schedule(
    job=build_report_unit,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=DefaultScheduleStatus.RUNNING,
)
def daily_build(context: ScheduleEvaluationContext, paths: ProjectPaths):
    """Rebuild every unit of every report year each morning, Beijing time, registering units that appeared in raw/."""
    years = sorted({str(f.report_year) for f in scan_raw_dir(paths.raw) if f.report_year is not None})
    units = unit_keys(years, paths.shards)
    existing = set(context.instance.get_dynamic_partitions(report_unit_partitions.name))
    missing = [u for u in units if u not in existing]
    if missing:
        context.instance.add_dynamic_partitions(report_unit_partitions.name, missing)
    scheduled = context.scheduled_execution_time.strftime("%Y-%m-%d") if context.scheduled_execution_time else ""
    return [RunRequest(partition_key=u, run_key=f"daily:{scheduled}:{u}") for u in units]


@run_status_sensor(
    run_status=DagsterRunStatus.SUCCESS,
    monitored_jobs=[build_report_unit],
    request_job=publish_release,
    default_status=DefaultSensorStatus.RUNNING,
)
def publish_after_build(context):
    """Publish once a report year has been rebuilt; an unchanged dataset publishes nothing."""
    return RunRequest(run_key=f"publish:{context.dagster_run.run_id}")
