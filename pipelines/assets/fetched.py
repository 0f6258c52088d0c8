"""Fetch layer: the sources in raw/sources.yml become immutable snapshots in raw/<year>/.

The asset only writes files; building them is the raw/ sensor's job, which sees a new snapshot as
a new raw file of its year. A run in which every page was unchanged writes nothing, so it
triggers nothing downstream.
"""

import pandas as pd
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)

from govmetrics.fetch import ManifestError, fetch_sources, load_manifest, summary
from govmetrics.ingest.files import MANIFEST_NAME
from pipelines.resources import ProjectPaths

ALL_FETCHED = "all_sources_fetched"


@asset(
    group_name="fetched",
    check_specs=[
        AssetCheckSpec(
            ALL_FETCHED,
            asset="raw_snapshots",
            description="Every source in the manifest was fetched or found unchanged (a warning names each failure).",
        )
    ],
    description="Snapshots of the pages listed in raw/sources.yml: a new file in raw/<year>/ for each page that "
    "is new or changed, with a sidecar recording the URL, retrieval time, SHA-256 and the response as served.",
)
def raw_snapshots(context: AssetExecutionContext, paths: ProjectPaths) -> MaterializeResult:
    """Fetch every source; one failing source is reported, not fatal, and the others are still fetched."""
    try:
        sources = load_manifest(paths.raw / MANIFEST_NAME)
    except ManifestError as exc:
        raise Failure(description=str(exc)) from None
    outcomes = fetch_sources(sources, paths.raw)
    for outcome in outcomes:
        (context.log.warning if outcome.status == "failed" else context.log.info)(outcome.line())
    counts = summary(outcomes)
    table = pd.DataFrame(
        [{"status": o.status, "url": o.url, "snapshot": o.path or "", "reason": o.reason or "", "detail": o.detail or ""} for o in outcomes],
        columns=["status", "url", "snapshot", "reason", "detail"],
    )
    failed = table[table["status"] == "failed"]
    return MaterializeResult(
        metadata={
            **counts,
            "sources": len(outcomes),
            "new_snapshots": MetadataValue.json([o.path for o in outcomes if o.status == "fetched"]),
            "results": MetadataValue.md(table.to_markdown(index=False) if len(table) else "no sources listed"),
        },
        check_results=[
            AssetCheckResult(
                check_name=ALL_FETCHED,
                passed=failed.empty,
                severity=AssetCheckSeverity.WARN,
                metadata={
                    "failed": len(failed),
                    "failures": MetadataValue.md(failed.to_markdown(index=False) if len(failed) else "none"),
                },
            )
        ],
    )
