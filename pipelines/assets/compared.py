"""Comparison layer: every report year's metrics together give final ids, the crosswalk and metric_changes.

``identified`` reads the published facts of every stored year (``govmetrics.incremental.collection``)
and makes their ids final against the registry of the latest release; the crosswalk and
metric_changes read its linked facts a slice at a time. Each result records the fingerprint of what
it was made from, and an input that did not change leaves the stored table as it is. metric_changes
is also kept per group of cities, so a report added in one city recomputes that group only.
"""


import time
from collections.abc import Mapping
from pathlib import Path

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetIn,
    AssetKey,
    AssetOut,
    MetadataValue,
    Output,
    asset,
    multi_asset,
)

from govmetrics.compare import fallback_labels, identify, load_registry
from govmetrics.facts import remembered_catalogue
from govmetrics.incremental import store
from govmetrics.incremental.collection import Collection, inputs_key, label_crosswalk_of
from govmetrics.incremental.fingerprint import code_version, combined_key
from govmetrics.markdown import md_escape
from govmetrics.release.schema_export import table_spec
from govmetrics.release.tables import sort_arrow, to_arrow
from govmetrics.release.versioning import list_versions, next_version, read_pointer
from govmetrics.incremental.pages import joined_changes
from pipelines.assets.parts import changes_part_key, current_parts, expected_parts
from pipelines.checks import SCHEMA_CHECK, schema_check_spec, validate
from pipelines.io import UNPARTITIONED, BuildStore
from pipelines.partitions import all_units
from pipelines.resources import ProjectPaths
from schemas import Indicators, LabelCrosswalk, MetricChanges, MetricIdAliases, Metrics

# The metrics of every year with their final ids: what the release publishes as ``metrics``.
LINKED = "linked_metrics"
_IDENTIFIED = {LINKED: Metrics, "indicators": Indicators, "metric_id_aliases": MetricIdAliases}


def _stored(base: Path, name: str) -> Path:
    return store.table_path(base, name, UNPARTITIONED)


def _registry_token(outputs: Path) -> str:
    """What the registry of published releases is made from: the latest release and its checksums."""
    latest = read_pointer(outputs) if outputs.is_dir() else None
    if latest is None:
        return "none"
    try:
        sums = (outputs / latest / "SHA256SUMS").read_bytes()
    except OSError:
        sums = b""
    return combined_key([latest, sums.decode("utf-8", "replace")])


def identified_key(metrics: Mapping[str, Path], documents: Mapping[str, Path], outputs: Path) -> str:
    """What the final ids are made from: every unit's facts and documents, and the registry of the latest release."""
    return combined_key([inputs_key("identified", {"metrics": metrics, "documents": documents}), _registry_token(outputs)])


def crosswalk_key(linked: Path) -> str:
    """What the label crosswalk is made from: the facts with their final ids."""
    return combined_key(["label_crosswalk", str(store.fingerprint_of(linked))])


@multi_asset(
    outs={
        LINKED: AssetOut(group_name="published", description=Metrics.Config.description + " Final ids, linked across years.",
                         code_version=code_version()),
        "indicators": AssetOut(group_name="published", description=Indicators.Config.description, code_version=code_version()),
        "metric_id_aliases": AssetOut(group_name="published", description=MetricIdAliases.Config.description,
                                      code_version=code_version()),
    },
    ins={"metrics": all_units(), "documents": all_units()},
    check_specs=[schema_check_spec(LINKED), schema_check_spec("indicators"), schema_check_spec("metric_id_aliases")],
)
def identified(context: AssetExecutionContext, paths: ProjectPaths, build_store: BuildStore, metrics: dict, documents: dict):
    """Final metric ids, kept stable by the registry of the releases already published in outputs/."""
    t0 = time.perf_counter()
    base = build_store.base(context.instance)
    registry = load_registry(paths.outputs)  # refuses a damaged latest release before anything is compared
    key = identified_key(metrics, documents, paths.outputs)
    if all(store.fingerprint_of(_stored(base, name)) == key for name in _IDENTIFIED):
        for name in _IDENTIFIED:
            rows = store.read_table(_stored(base, name), columns=[]).num_rows  # type: ignore[union-attr]
            yield Output(None, output_name=name, metadata={"rows": rows, "recomputed": False})
        for name in _IDENTIFIED:
            yield AssetCheckResult(asset_key=AssetKey(name), check_name=SCHEMA_CHECK, passed=True)
        return
    collection = Collection({"documents": documents, "metrics": metrics})
    frame = collection.kept_metrics()
    years = collection.years
    version = next_version(list_versions(paths.outputs), years[-1]) if years else "v1990.1"
    result = identify(frame, registry, version=version, catalogue=remembered_catalogue())  # each label matched once
    frames = {LINKED: result.metrics, "indicators": result.indicators, "metric_id_aliases": result.aliases}
    validated = {name: validate(_IDENTIFIED[name], df, name) for name, df in frames.items()}
    failed = [name for name, (_, check) in validated.items() if not check.passed]
    if failed:  # nothing is stored: the tables of the last good run stay, and the run fails
        raise ValueError("rows break the table's model in " + ", ".join(
            f"{name} ({validated[name][1].metadata['failures'].value} failure cases)" for name in failed))
    for name, (valid, _) in validated.items():
        model = _IDENTIFIED[name]
        metadata = {"rows": len(valid), "recomputed": True, "seconds": round(time.perf_counter() - t0, 3)}
        if name == LINKED:
            metadata["links"] = len(result.links)
        table = sort_arrow(to_arrow(valid, model), table_spec(model))
        yield Output(store.with_fingerprint(table, key), output_name=name, metadata=metadata)
    for _, check in validated.values():
        yield check


@asset(
    name="label_crosswalk",
    group_name="published",
    ins={"metrics": AssetIn(LINKED)},
    code_version=code_version(),
    description=LabelCrosswalk.Config.description,
    check_specs=[
        schema_check_spec("label_crosswalk"),
        AssetCheckSpec(
            "catalogue_coverage",
            asset="label_crosswalk",
            description="Labels that fell back to an automatic id (not in schemas/metric_catalogue.csv): "
            "candidates for new catalogue rows or variants.",
        ),
    ],
)
def label_crosswalk_table(context: AssetExecutionContext, build_store: BuildStore, metrics: Path):
    """Every source label with the metric_id it was given, and whether the catalogue knew it."""
    t0 = time.perf_counter()
    base = build_store.base(context.instance)
    key = crosswalk_key(metrics)
    if store.fingerprint_of(_stored(base, "label_crosswalk")) == key:
        table, value = store.read_table(_stored(base, "label_crosswalk")), None
    else:
        table = store.with_fingerprint(label_crosswalk_of(metrics), key)
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
            "labels": MetadataValue.md(fallback.head(50).astype(str).map(md_escape).to_markdown(index=False)) if len(fallback) else "none",
        },
    )


@asset(
    name="metric_changes",
    group_name="published",
    ins={"metrics": AssetIn(LINKED), "documents": all_units(), "metric_changes_part": all_units()},
    code_version=code_version(),
    description=MetricChanges.Config.description,
    check_specs=[schema_check_spec("metric_changes")],
)
def metric_changes_table(context: AssetExecutionContext, paths: ProjectPaths, build_store: BuildStore, metrics: Path,
                         documents: dict, metric_changes_part: dict):
    """Year-over-year comparison of every indicator, from last year's report and this year's baselines:
    the parts' rows when every part of this build is up to date, else computed here."""
    t0 = time.perf_counter()
    base = build_store.base(context.instance)
    key = inputs_key("metric_changes", {"linked": {"all": metrics}, "documents": documents})
    groups = {"reused": 0, "computed": 0}
    expected = {k: changes_part_key(k, metrics, documents) for k in expected_parts(paths.shards)}
    from_parts = False
    if store.fingerprint_of(_stored(base, "metric_changes")) == key:
        value = None
        rows = store.read_table(_stored(base, "metric_changes"), columns=["city"]).num_rows  # type: ignore[union-attr]
    elif current_parts(metric_changes_part, expected):
        table = joined_changes({k: metric_changes_part[k] for k in expected})
        value, rows, from_parts = store.with_fingerprint(table, key), table.num_rows, True
    else:
        table, groups = Collection({"documents": documents}).metric_changes(base, metrics)
        value = store.with_fingerprint(table, key)
        rows = table.num_rows
    yield Output(value, metadata={"rows": rows, "recomputed": value is not None, "from_parts": from_parts,
                                  "city_groups_reused": groups["reused"], "city_groups_computed": groups["computed"],
                                  "seconds": round(time.perf_counter() - t0, 3)})
    yield AssetCheckResult(asset_key=AssetKey("metric_changes"), check_name=SCHEMA_CHECK, passed=True, metadata={"rows": rows})
