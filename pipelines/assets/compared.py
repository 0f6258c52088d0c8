"""Comparison layer: every report year's metrics together give the label crosswalk and metric_changes."""

from dagster import AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetKey, MetadataValue, Output, asset

from govmetrics.compare import fallback_labels, label_crosswalk, metric_changes
from govmetrics.markdown import md_escape
from pipelines.checks import schema_check_spec, validate
from pipelines.partitions import all_years, concat_years
from schemas import LabelCrosswalk, MetricChanges


@asset(
    name="label_crosswalk",
    group_name="published",
    ins={"metrics": all_years()},
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
def label_crosswalk_table(metrics: object):
    """Every source label with the metric_id it was given, and whether the catalogue knew it."""
    table, check = validate(LabelCrosswalk, label_crosswalk(concat_years(metrics)), "label_crosswalk")
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
    ins={"metrics": all_years()},
    description=MetricChanges.Config.description,
    check_specs=[schema_check_spec("metric_changes")],
)
def metric_changes_table(metrics: object):
    """Year-over-year comparison of every indicator, from last year's report and this year's baselines."""
    table, check = validate(MetricChanges, metric_changes(concat_years(metrics)), "metric_changes")
    yield Output(table, output_name="result", metadata={"rows": len(table)})
    yield check
