"""Publish layer: all report years together become one versioned open-data release."""

import pandas as pd
from dagster import AssetExecutionContext, AssetIn, MaterializeResult, MetadataValue, asset

from govmetrics.compare.identify import id_changes_markdown
from govmetrics.release import publish, sources_from_documents
from govmetrics.release.info import release_created
from pipelines.partitions import all_years, concat_years
from pipelines.resources import ProjectPaths

_YEAR_TABLES = ("mentions", "sections", "documents", "documents_rejected")
_ALL_YEAR_TABLES = ("metric_changes", "label_crosswalk", "indicators", "metric_id_aliases")


@asset(
    group_name="published",
    ins={
        **{name: all_years() for name in _YEAR_TABLES},
        **{name: AssetIn() for name in _ALL_YEAR_TABLES},
        "metrics": AssetIn("linked_metrics"),  # every year's facts with their final, linked ids
    },
    description="The versioned release in outputs/: every table as Parquet and CSV with datapackage.json, "
    "README, SHA256SUMS and the changes since the previous release. Publishes nothing when nothing changed.",
)
def release(context: AssetExecutionContext, paths: ProjectPaths, **tables: object) -> MaterializeResult:
    """Publish every table; the release layer validates each against its model again before writing."""
    frames: dict[str, pd.DataFrame] = {name: concat_years(tables[name]) for name in _YEAR_TABLES}
    # A file whose year could not be told is reported by every year's build: keep it once.
    frames["documents_rejected"] = frames["documents_rejected"].drop_duplicates("source_file")
    frames.update({name: tables[name] for name in (*_ALL_YEAR_TABLES, "metrics")})  # type: ignore[misc]
    aliases = frames["metric_id_aliases"]
    result = publish(
        frames, paths.outputs, sources=sources_from_documents(frames["documents"]),
        created=release_created(paths.raw),  # the commit's time (or $SOURCE_DATE_EPOCH): rebuilds stay identical
        notes=lambda version: id_changes_markdown(aliases, version),
    )
    context.log.info(result.reason)
    return MaterializeResult(
        metadata={
            "published": result.published,
            "version": result.version or "",
            "path": MetadataValue.path(str(result.path)) if result.path else "",
            "reason": result.reason,
        }
    )
