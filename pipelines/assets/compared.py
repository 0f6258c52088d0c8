"""Comparison layer: every report year's metrics together give the label crosswalk and metric_changes.

Both read the stored per-year tables a year at a time (``govmetrics.incremental.collection``) and
are recomputed only when a year's tables changed: their inputs' fingerprints are recorded in the
stored result, and an unchanged input leaves the stored table as it is. metric_changes is also kept
per group of cities, so a report added in one city recomputes that group only.
"""


import time
from pathlib import Path

from dagster import AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetExecutionContext, AssetKey, MetadataValue, Output, asset

from govmetrics.compare import fallback_labels
from govmetrics.incremental import store
from govmetrics.incremental.collection import Collection, inputs_key
from govmetrics.incremental.fingerprint import code_version
from pipelines.checks import SCHEMA_CHECK, schema_check_spec
from pipelines.io import UNPARTITIONED, BuildStore
from pipelines.partitions import all_years
from schemas import LabelCrosswalk, MetricChanges


def _stored(base: Path, name: str) -> Path:
    return store.table_path(base, name, UNPARTITIONED)


@asset(
    name="label_crosswalk",
    group_name="published",
    ins={"metrics": all_years(), "documents": all_years()},
    code_version=code_version(),
    description=LabelCrosswalk.Config.description,
    check_specs=[
        schema_check_spec("label_crosswalk"),
        AssetCheckSpec(
            "catalogue_coverage",
            asset="label_crosswalk",
            description="Lists the labels no indicator of schemas/metric_catalogue.csv fits (they get an automatic id).",
        ),
    ],
)
def label_crosswalk_table(context: AssetExecutionContext, build_store: BuildStore, metrics: dict, documents: dict):
    """Every source label with the metric_id it was given, and whether the catalogue knew it."""
    t0 = time.perf_counter()
    base = build_store.base(context.instance)
    key = inputs_key("label_crosswalk", {"metrics": metrics, "documents": documents})
    if store.fingerprint_of(_stored(base, "label_crosswalk")) == key:
        table, value = store.read_table(_stored(base, "label_crosswalk")), None
    else:
        table = store.with_fingerprint(Collection({"documents": documents, "metrics": metrics}).label_crosswalk(base), key)
        value = table
    frame = table.to_pandas()  # type: ignore[union-attr]
    fallback = fallback_labels(frame)
    yield Output(value, metadata={"rows": len(frame), "automatic_ids": len(fallback), "recomputed": value is not None,
                                  "seconds": round(time.perf_counter() - t0, 3)})
    yield AssetCheckResult(asset_key=AssetKey("label_crosswalk"), check_name=SCHEMA_CHECK, passed=True,
                           metadata={"rows": len(frame)})
    yield AssetCheckResult(
        asset_key=AssetKey("label_crosswalk"),
        check_name="catalogue_coverage",
        passed=fallback.empty,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "automatic_ids": len(fallback),
            "labels": MetadataValue.md(fallback.head(50).astype(str).to_markdown(index=False)) if len(fallback) else "none",
        },
    )


@asset(
    name="metric_changes",
    group_name="published",
    ins={"metrics": all_years(), "documents": all_years()},
    code_version=code_version(),
    description=MetricChanges.Config.description,
    check_specs=[schema_check_spec("metric_changes")],
)
def metric_changes_table(context: AssetExecutionContext, build_store: BuildStore, metrics: dict, documents: dict):
    """Year-over-year comparison of every indicator, from last year's report and this year's baselines."""
    t0 = time.perf_counter()
    base = build_store.base(context.instance)
    key = inputs_key("metric_changes", {"metrics": metrics, "documents": documents})
    groups = {"reused": 0, "computed": 0}
    if store.fingerprint_of(_stored(base, "metric_changes")) == key:
        value = None
        rows = store.read_table(_stored(base, "metric_changes"), columns=["city"]).num_rows  # type: ignore[union-attr]
    else:
        table, groups = Collection({"documents": documents, "metrics": metrics}).metric_changes(base)
        value = store.with_fingerprint(table, key)
        rows = table.num_rows
    yield Output(value, metadata={"rows": rows, "recomputed": value is not None, "city_groups_reused": groups["reused"],
                                  "city_groups_computed": groups["computed"], "seconds": round(time.perf_counter() - t0, 3)})
    yield AssetCheckResult(asset_key=AssetKey("metric_changes"), check_name=SCHEMA_CHECK, passed=True, metadata={"rows": rows})
