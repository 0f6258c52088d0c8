"""Comparison layer: every report year's metrics together give final ids, the crosswalk and metric_changes."""

import pandas as pd
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetIn,
    AssetKey,
    AssetOut,
    MetadataValue,
    Output,
    asset,
    multi_asset,
)

from govmetrics.compare import fallback_labels, identify, label_crosswalk, load_registry, metric_changes
from govmetrics.markdown import md_escape
from govmetrics.release.versioning import list_versions, next_version
from pipelines.checks import schema_check_spec, validate
from pipelines.partitions import all_years, concat_years
from pipelines.resources import ProjectPaths
from schemas import Indicators, LabelCrosswalk, MetricChanges, MetricIdAliases, Metrics

# The metrics of every year with their final ids: what the release publishes as ``metrics``.
LINKED = "linked_metrics"


@multi_asset(
    outs={
        LINKED: AssetOut(group_name="published", description=Metrics.Config.description + " Final ids, linked across years."),
        "indicators": AssetOut(group_name="published", description=Indicators.Config.description),
        "metric_id_aliases": AssetOut(group_name="published", description=MetricIdAliases.Config.description),
    },
    ins={"metrics": all_years()},
    check_specs=[schema_check_spec(LINKED), schema_check_spec("indicators"), schema_check_spec("metric_id_aliases")],
)
def identified(metrics: object, paths: ProjectPaths):
    """Final metric ids, kept stable by the registry of the releases already published in outputs/."""
    frame = concat_years(metrics)
    years = sorted(int(y) for y in frame["report_year"].dropna().unique()) if len(frame) else []
    version = next_version(list_versions(paths.outputs), years[-1]) if years else "v1990.1"
    result = identify(frame, load_registry(paths.outputs), version=version)
    linked, linked_check = validate(Metrics, result.metrics, LINKED)
    indicators, indicators_check = validate(Indicators, result.indicators, "indicators")
    aliases, aliases_check = validate(MetricIdAliases, result.aliases, "metric_id_aliases")
    yield Output(linked, output_name=LINKED, metadata={"rows": len(linked), "links": len(result.links)})
    yield Output(indicators, output_name="indicators", metadata={"rows": len(indicators)})
    yield Output(aliases, output_name="metric_id_aliases", metadata={"rows": len(aliases)})
    yield linked_check
    yield indicators_check
    yield aliases_check


@asset(
    name="label_crosswalk",
    group_name="published",
    ins={"metrics": AssetIn(LINKED)},
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
def label_crosswalk_table(metrics: pd.DataFrame):
    """Every source label with the metric_id it was given, and whether the catalogue knew it."""
    table, check = validate(LabelCrosswalk, label_crosswalk(metrics), "label_crosswalk")
    fallback = fallback_labels(table)
    yield Output(table, output_name="result", metadata={"rows": len(table), "automatic_ids": len(fallback)})
    yield check
    yield AssetCheckResult(
        asset_key=AssetKey("label_crosswalk"),
        check_name="catalogue_coverage",
        passed=fallback.empty,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "automatic_ids": len(fallback),
            "labels": MetadataValue.md(fallback.head(50).astype(str).map(md_escape).to_markdown(index=False)) if len(fallback) else "none",
        },
    )


@asset(
    name="metric_changes",
    group_name="published",
    ins={"metrics": AssetIn(LINKED)},
    description=MetricChanges.Config.description,
    check_specs=[schema_check_spec("metric_changes")],
)
def metric_changes_table(metrics: pd.DataFrame):
    """Year-over-year comparison of every indicator, from last year's report and this year's baselines."""
    table, check = validate(MetricChanges, metric_changes(metrics), "metric_changes")
    yield Output(table, output_name="result", metadata={"rows": len(table)})
    yield check
