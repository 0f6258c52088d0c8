"""The weekly fetch: a job that snapshots every listed source, on a schedule.

What a fetch writes into raw/ is built by ``raw_files_sensor`` like any other new raw file, and
published by ``publish_after_build``: notice a new report online, snapshot it, build, publish.
"""

from dagster import AssetSelection, DefaultScheduleStatus, ScheduleDefinition, define_asset_job

fetch_sources_job = define_asset_job(
    "fetch_sources",
    selection=AssetSelection.assets("raw_snapshots"),
    description="Fetch the sources listed in raw/sources.yml; a new or changed page becomes a new snapshot in raw/.",
)

# Monday 05:00 Beijing time: before the 06:00 daily build, when government portals are quiet.
weekly_fetch = ScheduleDefinition(
    name="weekly_fetch",
    job=fetch_sources_job,
    cron_schedule="0 5 * * 1",
    execution_timezone="Asia/Shanghai",
    default_status=DefaultScheduleStatus.RUNNING,
)
