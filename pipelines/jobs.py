"""Jobs: build one unit of report files (partitioned), and publish a release from every built unit."""

from dagster import AssetSelection, define_asset_job

from pipelines.partitions import report_unit_partitions

build_report_unit = define_asset_job(
    "build_report_unit",
    selection=AssetSelection.groups("ingested", "extracted"),
    partitions_def=report_unit_partitions,
    description="Ingest, segment and extract one unit's raw files (a report year, or a shard of one), with "
    "blocking schema checks.",
)

publish_release = define_asset_job(
    "publish_release",
    selection=AssetSelection.groups("published"),
    description="Compare years and publish a versioned release of every built report year into outputs/.",
    # The production instance's run queue lets one run with this tag go at a time (deploy/dagster.yaml).
    tags={"govmetrics/writes": "outputs"},
)
