"""Ingest and extraction: one report year's raw files become its per-document tables, incrementally.

One step per report year reads each new or changed raw file once and extracts it; every other file's
rows come from the store, keyed by the file's SHA-256, its sidecar's and the code version
(``govmetrics.incremental``). The step materializes five assets, one per table, each stored as
Parquet by the IO manager; a table that did not change is not rewritten. Blocking checks validate
every row made in the run (stored rows passed the same checks when they were made, under the same
code version, or their key would differ).
"""


import shutil
import warnings

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetOut,
    BetaWarning,
    DataVersion,
    MetadataValue,
    Output,
    multi_asset,
)

from govmetrics.incremental import store
from govmetrics.incremental.fingerprint import code_version
from govmetrics.incremental.progress import TerminalProgress, progress_enabled
from govmetrics.incremental.shards import parse_unit
from govmetrics.incremental.unit import UNIT_TABLES, build_unit, save_manifest
from pipelines.checks import SCHEMA_CHECK, schema_check_spec
from pipelines.io import BuildStore
from pipelines.partitions import report_unit_partitions
from pipelines.resources import ProjectPaths

_MAX_CASES = 25
_GROUPS = {"documents": "ingested", "documents_rejected": "ingested"}


@multi_asset(
    name="report_unit_tables",
    outs={
        name: AssetOut(
            description=model.Config.description,
            group_name=_GROUPS.get(name, "extracted"),
            code_version=code_version(),
        )
        for name, model in UNIT_TABLES.items()
    },
    internal_asset_deps={
        "documents": set(),
        "documents_rejected": set(),
        "sections": {AssetKey("documents")},
        "mentions": {AssetKey("documents"), AssetKey("sections")},
        "metrics": {AssetKey("mentions")},
    },
    partitions_def=report_unit_partitions,
    check_specs=[
        *(schema_check_spec(name) for name in UNIT_TABLES),
        AssetCheckSpec(
            "spans",
            asset="mentions",
            blocking=True,
            description="Every mention's span slices its document's published text to its quantity_text.",
        ),
        AssetCheckSpec(
            "known_departments",
            asset="sections",
            description="Every department heading maps to schemas/departments.csv (unknown ones get a hashed id).",
        ),
    ],
)
def report_unit_tables(context: AssetExecutionContext, paths: ProjectPaths, build_store: BuildStore):
    """Read, segment and extract each new or changed raw file of the unit (a year, or a shard of one);
    reuse every other file's rows."""
    unit = parse_unit(context.partition_key)
    base = build_store.base(context.instance)
    result = build_unit(paths.raw, unit.year, base, shard=unit.shard, shards=unit.shards,
                        progress=TerminalProgress() if progress_enabled() else None)
    stats = result.stats
    counts = {
        "files": stats.files,
        "read": stats.read,
        "cached": stats.cached,
        "extracted": stats.extracted,
        "quarantined": stats.quarantined,
        "seconds": round(stats.seconds, 3),
    }
    try:
        for name in UNIT_TABLES:
            metadata: dict[str, object] = {"rows": result.rows[name], "rewritten": result.tables[name] is not None}
            if name == "documents":
                metadata.update(counts)
            with warnings.catch_warnings():  # data versions are a beta feature of Dagster; they are what we want
                warnings.simplefilter("ignore", BetaWarning)
                output = Output(result.tables[name], output_name=name, metadata=metadata,
                                data_version=DataVersion(result.fingerprint))
            yield output
        save_manifest(base, result)  # after the tables: the manifest never names rows that are not stored
    finally:
        if result.spill is not None:  # the unit's working files, whether or not the tables were stored
            shutil.rmtree(result.spill, ignore_errors=True)

    rejected = store.read_table(store.table_path(base, "documents_rejected", result.unit))
    if rejected is not None:
        for row in rejected.select(["source_file", "reason", "detail"]).to_pylist():
            context.log.warning(f"quarantined {row['source_file']}: {row['reason']}: {row['detail']}")
    for name, check in result.checks.items():
        if check.passed:
            yield AssetCheckResult(
                asset_key=AssetKey(name), check_name=SCHEMA_CHECK, passed=True,
                metadata={"rows": result.rows[name], "rows_checked_in_this_run": check.rows_checked},
            )
        else:
            cases = check.failures
            yield AssetCheckResult(
                asset_key=AssetKey(name), check_name=SCHEMA_CHECK, passed=False, severity=AssetCheckSeverity.ERROR,
                metadata={
                    "failures": len(cases),
                    "failure_cases": MetadataValue.md(cases.head(_MAX_CASES).astype(str).to_markdown(index=False)),
                },
            )
    yield AssetCheckResult(
        asset_key=AssetKey("mentions"), check_name="spans", passed=not result.span_mismatches,
        metadata={"mismatches": len(result.span_mismatches),
                  "examples": ", ".join(result.span_mismatches[:10]) or "none"},
    )
    yield AssetCheckResult(
        asset_key=AssetKey("sections"), check_name="known_departments", passed=not result.unknown_departments,
        severity=AssetCheckSeverity.WARN,
        metadata={"unknown_departments": ", ".join(result.unknown_departments) or "none"},
    )

