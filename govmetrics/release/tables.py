"""Turning a pipeline DataFrame into the exact rows and Arrow table a release publishes.

Validation happens here, before anything touches the disk, so a table that breaks its model stops
the release with an error naming the table and the failing checks.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
from pandera.errors import SchemaError, SchemaErrors

from govmetrics.release.errors import ReleaseValidationError
from govmetrics.release.schema_export import ARROW_TYPES, TableSpec, arrow_schema, table_spec


def _failure_summary(exc: SchemaErrors | SchemaError, limit: int = 10) -> str:
    cases = getattr(exc, "failure_cases", None)
    if isinstance(cases, pd.DataFrame) and not cases.empty:
        cols = [c for c in ("column", "check", "failure_case", "index") if c in cases.columns]
        head = cases[cols].head(limit).to_string(index=False)
        more = f"\n... and {len(cases) - limit} more failure cases" if len(cases) > limit else ""
        return head + more
    return str(exc)


def row_order(spec: TableSpec) -> list[str]:
    """The columns a table's rows are published in order of: ``sort_by``, then the primary key.

    Without a key, only every column together orders rows totally. Missing values sort last.
    """
    order = list(spec.sort_by) + [c for c in spec.primary_key if c not in spec.sort_by]
    if not spec.primary_key:
        order += [c for c in spec.field_names if c not in order]
    return order


def sort_arrow(table: pa_arrow.Table, spec: TableSpec, then: list[str] | None = None) -> pa_arrow.Table:
    """``table`` in publishing order (the order :func:`prepare_table` gives a DataFrame), then by ``then``."""
    order = row_order(spec) + [c for c in then or [] if c not in row_order(spec)]
    if not order or table.num_rows < 2:
        return table
    return table.sort_by([(c, "ascending") for c in order])


def prepare_table(name: str, df: pd.DataFrame, model: type[pa.DataFrameModel]) -> pd.DataFrame:
    """Validate ``df`` against ``model`` (coercing dtypes) and return it in publishing order.

    Empty strings become nulls first: CSV cannot tell an empty string from a missing value, so a
    release holds only the latter and the CSV and Parquet twins agree.  A required column that held
    empty strings is then refused by the model, which is what we want.  Rows are sorted by the
    model's ``sort_by`` and then its primary key, so row order never depends on how the pipeline
    happened to produce them.
    """
    spec = table_spec(model)
    df = df.copy()
    for f in spec.fields:
        if f.kind == "string" and f.name in df.columns:
            col = df[f.name]
            if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
                df[f.name] = col.mask(col.astype("str").eq("") & col.notna())
    try:
        validated = model.validate(df, lazy=True)
    except (SchemaErrors, SchemaError) as exc:
        raise ReleaseValidationError(
            f"table {name!r} fails its model {model.__name__}:\n{_failure_summary(exc)}", table=name
        ) from exc
    validated = validated[spec.field_names]
    order = row_order(spec)
    if order and len(validated):
        validated = validated.sort_values(order, kind="mergesort", na_position="last")
    return validated.reset_index(drop=True)


def to_arrow(df: pd.DataFrame, model: type[pa.DataFrameModel]) -> pa_arrow.Table:
    """Build the Arrow table column by column against the model's explicit schema."""
    schema = arrow_schema(model)
    spec = table_spec(model)
    arrays = []
    for f in spec.fields:
        col = df[f.name]
        if f.kind == "integer" and col.isna().any():
            col = col.astype("Int64")
        arr = pa_arrow.array(col, from_pandas=True)
        target = ARROW_TYPES[f.kind]
        if arr.type != target:
            arr = arr.cast(target)
        arrays.append(arr)
    return pa_arrow.Table.from_arrays(arrays, schema=schema)


def from_arrow(table: pa_arrow.Table) -> pd.DataFrame:
    """Read a published Arrow table back into pandas with one dtype per release type.

    Used for both sides of a diff and by :func:`govmetrics.release.load.load_latest`, so old and new
    rows are compared in the same representation.
    """
    out = {}
    for fld in table.schema:
        arr = table.column(fld.name)
        if pa_arrow.types.is_integer(fld.type):
            out[fld.name] = arr.to_pandas().astype("Int64" if arr.null_count else "int64")
        elif pa_arrow.types.is_boolean(fld.type):
            out[fld.name] = arr.to_pandas().astype("boolean" if arr.null_count else "bool")
        elif pa_arrow.types.is_floating(fld.type):
            out[fld.name] = arr.to_pandas().astype("float64")
        elif pa_arrow.types.is_string(fld.type) or pa_arrow.types.is_large_string(fld.type):
            out[fld.name] = arr.to_pandas().astype("str")
        else:
            out[fld.name] = arr.to_pandas()
    return pd.DataFrame(out, columns=table.schema.names)
