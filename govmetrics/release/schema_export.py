"""Everything a release says about a table's shape, generated from its pandera model.

The models in ``schemas/`` are the one source of truth: the Arrow schema of the Parquet files, the
Table Schema in ``datapackage.json`` and the data dictionary in the README are all derived here, so
the three can never disagree with each other or with the checks the pipeline ran.  Nothing in this
module knows a table by name: a newly registered model is published without new code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

from govmetrics.markdown import md_escape

# Logical types a published column may have, with their Arrow and Table Schema spellings.
ARROW_TYPES: dict[str, pa_arrow.DataType] = {
    "string": pa_arrow.string(),
    "integer": pa_arrow.int64(),
    "number": pa_arrow.float64(),
    "boolean": pa_arrow.bool_(),
}


class UnsupportedColumnType(TypeError):
    """A model column has a dtype the release format does not define yet."""


@dataclass(frozen=True)
class FieldSpec:
    """One column as the release describes it (a flattened view of a pandera Column)."""

    name: str
    kind: str  # one of ARROW_TYPES
    description: str
    nullable: bool
    unique: bool = False
    title: str | None = None
    enum: tuple[Any, ...] | None = None
    minimum: float | int | None = None
    maximum: float | int | None = None
    exclusive_minimum: float | int | None = None
    exclusive_maximum: float | int | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    other_checks: tuple[str, ...] = ()  # checks no Table Schema constraint can express


@dataclass(frozen=True)
class TableSpec:
    """One table as the release describes it: its fields plus the model's Config metadata."""

    name: str
    description: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict[str, Any], ...]
    sort_by: tuple[str, ...]
    unique_together: tuple[tuple[str, ...], ...] = ()
    row_checks: tuple[str, ...] = field(default=())  # dataframe-level rules, as their descriptions
    year_column: str | None = None  # the report-year column per-year extracts split on, if any

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def get_field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


def _kind(dtype: Any, column: str, table: str) -> str:
    # pandera wraps pandas/numpy dtypes; their ``.type`` is what pandas' predicates understand.
    pd_type = getattr(dtype, "type", dtype)
    if pd.api.types.is_bool_dtype(pd_type):
        return "boolean"
    if pd.api.types.is_integer_dtype(pd_type):
        return "integer"
    if pd.api.types.is_float_dtype(pd_type):
        return "number"
    if pd.api.types.is_string_dtype(pd_type):
        return "string"
    raise UnsupportedColumnType(
        f"{table}.{column}: dtype {dtype!s} has no release type; "
        f"supported are str, int, float and bool (extend govmetrics/release/schema_export.py)"
    )


def _unanchored(pattern: str) -> str:
    # Table Schema patterns match the whole value implicitly; pandera's str_matches anchors at the
    # start only, so the models write explicit anchors.  Drop them for the datapackage.
    if pattern.startswith("^"):
        pattern = pattern[1:]
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1]
    return pattern


def _field_spec(name: str, column: Any, table: str) -> FieldSpec:
    kw: dict[str, Any] = {}
    other: list[str] = []
    for check in column.checks:
        stats = dict(check.statistics or {})
        if check.name == "isin":
            kw["enum"] = tuple(stats["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            kw["minimum"] = stats["min_value"]
        elif check.name == "less_than_or_equal_to":
            kw["maximum"] = stats["max_value"]
        elif check.name == "greater_than":
            kw["exclusive_minimum"] = stats["min_value"]
        elif check.name == "less_than":
            kw["exclusive_maximum"] = stats["max_value"]
        elif check.name == "in_range":
            if stats.get("include_min", True):
                kw["minimum"] = stats["min_value"]
            else:
                kw["exclusive_minimum"] = stats["min_value"]
            if stats.get("include_max", True):
                kw["maximum"] = stats["max_value"]
            else:
                kw["exclusive_maximum"] = stats["max_value"]
        elif check.name == "str_matches":
            kw["pattern"] = stats["pattern"] if isinstance(stats["pattern"], str) else stats["pattern"].pattern
        elif check.name == "str_length":
            if stats.get("exact_value") is not None:
                kw["min_length"] = kw["max_length"] = stats["exact_value"]
            else:
                if stats.get("min_value") is not None:
                    kw["min_length"] = stats["min_value"]
                if stats.get("max_value") is not None:
                    kw["max_length"] = stats["max_value"]
        else:
            other.append(check.description or check.error or check.name or repr(check))
    if not column.description:
        raise ValueError(f"{table}.{name}: the model gives this field no description")
    return FieldSpec(
        name=name,
        kind=_kind(column.dtype, name, table),
        description=column.description,
        nullable=bool(column.nullable),
        unique=bool(column.unique),
        title=column.title,
        other_checks=tuple(other),
        **kw,
    )


def table_spec(model: type[pa.DataFrameModel]) -> TableSpec:
    """Flatten a model into the facts every generator below needs, checking they are all there."""
    schema = model.to_schema()
    config = model.__config__
    name = config.name or model.__name__
    metadata = dict(config.metadata or {})
    if not config.description:
        raise ValueError(f"{name}: the model's Config gives no description")
    fields = tuple(_field_spec(col, column, name) for col, column in schema.columns.items())
    names = {f.name for f in fields}
    primary_key = tuple(metadata.get("primary_key") or ())
    sort_by = tuple(metadata.get("sort_by") or primary_key)
    for key, cols in (("primary_key", primary_key), ("sort_by", sort_by)):
        missing = [c for c in cols if c not in names]
        if missing:
            raise ValueError(f"{name}: Config.metadata[{key!r}] names unknown fields {missing}")
    # Per-year extracts split on Config.metadata["report_year_column"], else on a report_year field.
    year_column = metadata.get("report_year_column") or ("report_year" if "report_year" in names else None)
    if year_column is not None and year_column not in names:
        raise ValueError(f"{name}: Config.metadata['report_year_column'] names unknown field {year_column!r}")
    unique = schema.unique
    if isinstance(unique, str):
        unique = [unique]
    unique_together = (tuple(unique),) if unique else ()
    return TableSpec(
        name=name,
        description=config.description,
        fields=fields,
        primary_key=primary_key,
        foreign_keys=tuple(metadata.get("foreign_keys") or ()),
        sort_by=sort_by,
        unique_together=unique_together,
        row_checks=tuple(c.description or c.name for c in schema.checks),
        year_column=year_column,
    )


def arrow_schema(model: type[pa.DataFrameModel]) -> pa_arrow.Schema:
    """The explicit Arrow schema Parquet files are written with.

    Writing with an explicit schema (instead of letting pyarrow infer one from pandas) is what keeps
    the bytes stable: no pandas metadata blob, no ``large_string`` from pandas 3's ``str`` dtype, no
    ``null`` type for an all-empty column, and metadata keys in sorted order.
    """
    spec = table_spec(model)
    fields = [
        pa_arrow.field(
            f.name,
            ARROW_TYPES[f.kind],
            nullable=f.nullable,
            metadata={"description": f.description},
        )
        for f in spec.fields
    ]
    metadata = {
        "description": spec.description,
        "name": spec.name,
        "primary_key": json.dumps(list(spec.primary_key)),
    }
    return pa_arrow.schema(fields, metadata=dict(sorted(metadata.items())))


def frictionless_field(f: FieldSpec) -> dict[str, Any]:
    """A Table Schema (v1) field descriptor; constraints v1 cannot state stay in the README."""
    out: dict[str, Any] = {"name": f.name}
    if f.title:
        out["title"] = f.title
    out["type"] = f.kind
    out["description"] = f.description
    constraints: dict[str, Any] = {}
    if not f.nullable:
        constraints["required"] = True
    if f.unique:
        constraints["unique"] = True
    if f.enum is not None:
        constraints["enum"] = list(f.enum)
    if f.minimum is not None:
        constraints["minimum"] = f.minimum
    if f.maximum is not None:
        constraints["maximum"] = f.maximum
    if f.kind == "string":
        if f.min_length is not None:
            constraints["minLength"] = f.min_length
        if f.max_length is not None:
            constraints["maxLength"] = f.max_length
        if f.pattern is not None:
            constraints["pattern"] = _unanchored(f.pattern)
    if constraints:
        out["constraints"] = constraints
    if f.kind == "boolean":
        # The CSV writer spells booleans this way; saying so keeps readers from guessing.
        out["trueValues"] = ["true"]
        out["falseValues"] = ["false"]
    return out


def frictionless_schema(model: type[pa.DataFrameModel], *, foreign_keys: bool = True) -> dict[str, Any]:
    """The Table Schema of a table's CSV resource, with primary and foreign keys from Config.metadata."""
    spec = table_spec(model)
    out: dict[str, Any] = {
        "fields": [frictionless_field(f) for f in spec.fields],
        "missingValues": [""],
    }
    if spec.primary_key:
        out["primaryKey"] = list(spec.primary_key)
    if foreign_keys and spec.foreign_keys:
        out["foreignKeys"] = [dict(fk) for fk in spec.foreign_keys]
    if spec.unique_together:
        out["uniqueKeys"] = [list(u) for u in spec.unique_together]
    return out


def _rules(f: FieldSpec) -> list[str]:
    rules: list[str] = []
    rules.append("may be empty" if f.nullable else "required")
    if f.unique:
        rules.append("unique")
    if f.enum is not None:
        rules.append("one of " + ", ".join(f"`{v}`" for v in f.enum))
    if f.minimum is not None:
        rules.append(f"≥ {f.minimum}")
    if f.exclusive_minimum is not None:
        rules.append(f"> {f.exclusive_minimum}")
    if f.maximum is not None:
        rules.append(f"≤ {f.maximum}")
    if f.exclusive_maximum is not None:
        rules.append(f"< {f.exclusive_maximum}")
    if f.pattern is not None:
        rules.append(f"matches `{f.pattern}`")
    if f.min_length is not None and f.min_length == f.max_length:
        rules.append(f"exactly {f.min_length} characters")
    else:
        if f.min_length is not None:
            rules.append(f"at least {f.min_length} character{'s' if f.min_length != 1 else ''}")
        if f.max_length is not None:
            rules.append(f"at most {f.max_length} characters")
    rules.extend(f.other_checks)
    return rules


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def data_dictionary(model: type[pa.DataFrameModel], *, heading_level: int = 3) -> str:
    """The Markdown data-dictionary section for one table: description, keys, rules and every field."""
    spec = table_spec(model)
    h = "#" * heading_level
    lines = [f"{h} `{spec.name}`", "", md_escape(spec.description), ""]
    if spec.primary_key:
        lines.append("- Primary key: " + ", ".join(f"`{c}`" for c in spec.primary_key))
    for fk in spec.foreign_keys:
        ref = fk["reference"]
        lines.append(
            "- Foreign key: "
            + ", ".join(f"`{c}`" for c in fk["fields"])
            + f" → `{ref['resource']}`."
            + ", ".join(f"`{c}`" for c in ref["fields"])
        )
    for cols in spec.unique_together:
        lines.append("- Unique together: " + ", ".join(f"`{c}`" for c in cols))
    lines.append("- Rows sorted by: " + ", ".join(f"`{c}`" for c in spec.sort_by))
    for rule in spec.row_checks:
        lines.append(f"- Rule: {rule}")
    lines += ["", "| field | type | rules | description |", "| --- | --- | --- | --- |"]
    for f in spec.fields:
        lines.append(
            f"| `{f.name}` | {f.kind} | {_md_cell('; '.join(_rules(f)))} | {md_escape(f.description)} |"
        )
    lines.append("")
    return "\n".join(lines)
