"""Publish layer: all report years together become one versioned open-data release."""

import pandas as pd
from dagster import AllPartitionMapping, AssetExecutionContext, AssetIn, MaterializeResult, MetadataValue, asset

from pipelines.resources import ProjectPaths

_ALL_YEARS = {"partition_mapping": AllPartitionMapping(), "metadata": {"allow_missing_partitions": True}}
YearTables = object  # a dict of report-year tables, or one table when only one year exists
_YEAR_TABLES = ("metrics", "mentions", "sections", "documents", "documents_rejected")

def _concat(parts: dict[str, pd.DataFrame] | pd.DataFrame) -> pd.DataFrame:
    # The IO manager hands over a dict of partitions, or the bare table when only one exists.
    if isinstance(parts, pd.DataFrame):
        return parts
    frames = [parts[key] for key in sorted(parts)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

@asset(
    group_name="published",
    ins={name: AssetIn(**_ALL_YEARS) for name in _YEAR_TABLES},
    description="The versioned release in outputs/: every table as Parquet and CSV with datapackage.json, "
    "README, SHA256SUMS and the changes since the previous release. Publishes nothing when nothing changed.",
)
def release(
    context: AssetExecutionContext,
    paths: ProjectPaths,
    metrics: YearTables,
    mentions: YearTables,
    sections: YearTables,
    documents: YearTables,
    documents_rejected: YearTables,
) -> MaterializeResult:
    tables = {
        "metrics": _concat(metrics),
        "mentions": _concat(mentions),
        "sections": _concat(sections),
        "documents": _concat(documents),
        # A file whose year could not be told is reported by every year's build: keep it once.
        "documents_rejected": _concat(documents_rejected).drop_duplicates("source_file"),
    }
    from govmetrics.release import publish

    result = publish(tables, paths.outputs)
    context.log.info(result.reason)
    return MaterializeResult(
        metadata={
            "published": result.published,
            "version": result.version or "",
            "path": MetadataValue.path(str(result.path)) if result.path else "",
            "reason": result.reason,
        }
    )
