"""Jobs: build one report year (partitioned), and publish a release from every built year."""

from dagster import AssetSelection, define_asset_job

from pipelines.partitions import report_year_partitions

build_report_year = define_asset_job(
    "build_report_year",
    selection=AssetSelection.groups("ingested", "extracted"),
    partitions_def=report_year_partitions,
    description="Ingest, segment and extract one report year's raw files, with blocking schema checks.",
)

publish_release = define_asset_job(
    "publish_release",
    selection=AssetSelection.groups("published"),
    description="Compare years and publish a versioned release of every built report year into outputs/.",
    # The production instance's run queue lets one run with this tag go at a time (deploy/dagster.yaml).
    tags={"govmetrics/writes": "outputs"},
)
