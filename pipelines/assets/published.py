"""Publish layer: all report years together become one versioned open-data release."""


import time
from pathlib import Path

import pyarrow.parquet as pq
from dagster import AllPartitionMapping, AssetExecutionContext, AssetIn, Config, MaterializeResult, MetadataValue, asset

from govmetrics.compare.identify import id_changes_markdown
from govmetrics.incremental import store
from govmetrics.incremental.collection import Collection
from govmetrics.incremental.pages import stored_pages
from govmetrics.incremental.publishing import publish_collection
from govmetrics.release.info import release_created
from pipelines.assets.compared import crosswalk_key, identified_key
from pipelines.assets.parts import changes_part_key, current_parts, expected_parts, site_part_key
from pipelines.io import BuildStore
from pipelines.partitions import all_units
from pipelines.resources import ProjectPaths


class ReleaseConfig(Config):
    """How the release step may use the machine: set by a build with more than one worker."""

    #: Validate the package in a process of its own while the site is rendered. The release runs
    #: alone, after every other run of the build, so a build with several workers has idle cores then.
    validate_aside: bool = False


_YEAR_TABLES = ("mentions", "sections", "documents", "documents_rejected")
_ALL_YEAR_TABLES = ("metric_changes", "label_crosswalk", "indicators", "metric_id_aliases")


@asset(
    group_name="published",
    ins={
        **{name: all_units() for name in _YEAR_TABLES},
        **{name: AssetIn() for name in _ALL_YEAR_TABLES},
        "metrics": AssetIn("linked_metrics"),  # every year's facts with their final, linked ids
        # Every year's stored facts: with the other per-document tables, what the release is made of.
        "unit_metrics": AssetIn("metrics", partition_mapping=AllPartitionMapping(), metadata={"allow_missing_partitions": True}),
        # The site's pages that show the collection, rendered a part at a time, used when every part is up to date.
        "site_pages": all_units(),
        "metric_changes_part": all_units(),
    },
    description="The versioned release in outputs/: every table as Parquet and CSV with datapackage.json, "
    "README, SHA256SUMS and the changes since the previous release. Publishes nothing when nothing changed; "
    "files that did not change are hard links to the previous release's.",
)
def release(context: AssetExecutionContext, config: ReleaseConfig, paths: ProjectPaths, build_store: BuildStore, **tables: object) -> MaterializeResult:
    """Stream every table into the release; a year's rows are read from its stored Parquet files as written."""
    t0 = time.perf_counter()
    base = build_store.base(context.instance)
    _require_current_ids(paths.outputs, tables)
    collection = Collection({**{name: tables[name] for name in _YEAR_TABLES}, "metrics": tables["unit_metrics"]})  # type: ignore[misc]
    computed = {name: tables[name] for name in (*_ALL_YEAR_TABLES, "metrics")}
    aliases = pq.read_table(computed["metric_id_aliases"]).to_pandas()  # type: ignore[arg-type]
    pages = _current_pages(paths.shards, tables)
    result = publish_collection(
        collection, computed, paths.outputs, base,  # type: ignore[arg-type]
        created=release_created(paths.raw),  # the commit's time (or $SOURCE_DATE_EPOCH): rebuilds stay identical
        notes=lambda version: id_changes_markdown(aliases, version),
        pages=stored_pages(pages) if pages else None,
        validate_aside=config.validate_aside,
    )
    context.log.info(result.reason)
    return MaterializeResult(
        metadata={
            "published": result.published,
            "version": result.version or "",
            "path": MetadataValue.path(str(result.path)) if result.path else "",
            "reason": result.reason,
            "documents_published": len(collection.kept),
            "duplicates": len(collection.duplicates),
            "rows": MetadataValue.json(dict(result.rows)),
            "stage_seconds": MetadataValue.json({k: round(v, 3) for k, v in result.timings.items()}),
            "files_shared_with_previous": result.shared_files,
            "item_pages_from_parts": len(pages),
            "seconds": round(time.perf_counter() - t0, 3),
        }
    )


def _require_current_ids(outputs: Path, tables: dict) -> None:
    """Stop unless the final ids (and the crosswalk made from them) are those of the units at hand.

    ``publish_release`` makes them in the same run; ``assemble_release`` takes them as
    ``identify_collection`` left them, so launched on its own after units changed it would otherwise
    publish the new facts beside the old ids.
    """
    expected = identified_key(tables["unit_metrics"], tables["documents"], outputs)
    stale = [name for name, path in (("linked_metrics", tables["metrics"]), ("indicators", tables["indicators"]),
                                     ("metric_id_aliases", tables["metric_id_aliases"]))
             if store.fingerprint_of(path) != expected]
    if store.fingerprint_of(tables["label_crosswalk"]) != crosswalk_key(tables["metrics"]):
        stale.append("label_crosswalk")
    if stale:
        raise ValueError(f"release: {', '.join(stale)} were not made from the units built now; materialize them "
                         "first (identify_collection, or publish_release, which makes them in its run)")


def _current_pages(shards: int, tables: dict) -> dict[str, Path]:
    """The stored parts of the site's pages, when every part of this build was made from what is published."""
    changes = tables["metric_changes_part"]
    documents = tables["documents"]
    expected_changes = {k: changes_part_key(k, tables["metrics"], documents) for k in expected_parts(shards)}
    if not current_parts(changes, expected_changes):
        return {}
    changes = {k: changes[k] for k in expected_changes}
    expected = {k: site_part_key(k, tables["metrics"], changes, tables["indicators"], tables["metric_id_aliases"],
                                 documents) for k in expected_parts(shards)}
    stored = tables["site_pages"]
    return {k: stored[k] for k in expected} if current_parts(stored, expected) else {}
