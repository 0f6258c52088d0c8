"""Jobs: build one unit of report files (partitioned), and publish a release from every built unit.

With more than one shard, the build also runs the collection in parts between the two: final ids
first, then metric_changes and the site's pages a part per run, so several workers share them, and
the release is assembled from the parts.
"""

from dagster import AssetSelection, define_asset_job

from pipelines.partitions import collection_part_partitions, report_unit_partitions

build_report_unit = define_asset_job(
    "build_report_unit",
    selection=AssetSelection.groups("ingested", "extracted"),
    partitions_def=report_unit_partitions,
    description="Ingest, segment and extract one unit's raw files (a report year, or a shard of one), with "
    "blocking schema checks.",
)

identify_collection = define_asset_job(
    "identify_collection",
    selection=AssetSelection.assets("linked_metrics", "indicators", "metric_id_aliases", "label_crosswalk"),
    description="Give every fact of every unit its final id, before the parts of the collection are built.",
)

build_changes_part = define_asset_job(
    "build_changes_part",
    selection=AssetSelection.assets("metric_changes_part"),
    partitions_def=collection_part_partitions,
    description="metric_changes of one part of the collection's cities.",
)

build_site_part = define_asset_job(
    "build_site_part",
    selection=AssetSelection.assets("site_pages"),
    partitions_def=collection_part_partitions,
    description="Render one part of the site's pages that show the collection alone.",
)

publish_release = define_asset_job(
    "publish_release",
    selection=AssetSelection.groups("published"),
    description="Compare years and publish a versioned release of every built report year into outputs/.",
    # The production instance's run queue lets one run with this tag go at a time (deploy/dagster.yaml).
    tags={"govmetrics/writes": "outputs"},
)

assemble_release = define_asset_job(
    "assemble_release",
    selection=AssetSelection.assets("metric_changes", "release"),
    description="Join the parts of the collection and publish the release: the last run of a build in parts, "
    "after identify_collection and the parts' runs made everything else the release takes.",
    tags={"govmetrics/writes": "outputs"},
)
