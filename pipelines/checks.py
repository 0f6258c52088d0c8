"""Blocking schema checks: every table is validated by its pandera model before anything uses it."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from dagster import AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetKey, MetadataValue

from govmetrics.markdown import md_escape

SCHEMA_CHECK = "schema"
_MAX_CASES = 25


def schema_check_spec(asset: str, description: str | None = None) -> AssetCheckSpec:
    return AssetCheckSpec(
        SCHEMA_CHECK,
        asset=asset,
        blocking=True,
        description=description or f"Every row of {asset} satisfies its pandera model in schemas/.",
    )


def validate(model: type[pa.DataFrameModel], df: pd.DataFrame, asset: str) -> tuple[pd.DataFrame, AssetCheckResult]:
    """The table coerced by its model, and a check result carrying the failure cases if any."""
    try:
        valid = model.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        return df, AssetCheckResult(
            asset_key=AssetKey(asset),
            check_name=SCHEMA_CHECK,
            passed=False,
            severity=AssetCheckSeverity.ERROR,
            metadata={
                "failures": len(cases),
                "failure_cases": MetadataValue.md(
                    cases.head(_MAX_CASES).astype(str).map(md_escape).to_markdown(index=False)
                ),
            },
        )
    return valid, AssetCheckResult(
        asset_key=AssetKey(asset), check_name=SCHEMA_CHECK, passed=True, metadata={"rows": len(valid)}
    )
