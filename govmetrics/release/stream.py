"""Writing a table of any size: Arrow batches in, its Parquet and CSV files out, memory bounded.

A table arrives as Arrow tables already in publishing order (a DataFrame, or a report year at a
time from the pipeline's stored units). Rows are written as they come: Parquet in row groups of
exactly ``ROW_GROUP_ROWS`` rows, CSV by Arrow's writer. The bytes depend only on the sequence of
rows, never on how it was cut into batches, so a release is byte-identical however the pipeline
grouped its work. While writing, the coverage the release README reports is counted.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from govmetrics.release import writers
from govmetrics.release.checksums import sha256_file
from govmetrics.release.errors import ReleaseValidationError
from govmetrics.release.schema_export import TableSpec, arrow_schema, table_spec

#: Rows per Parquet row group. Fixed, so row groups never depend on how the rows were batched.
ROW_GROUP_ROWS = 65_536
#: Columns whose distinct values the README counts (coverage), when a table has them.
COVERAGE_COLUMNS = ("city", "department_id", "department")
# The header is written apart (unquoted field names, as any CSV tool writes them); Arrow writes the rows,
# quoting every text cell, so a text can never be mistaken for a number or a missing value.
_CSV_OPTIONS = pa_csv.WriteOptions(include_header=False, batch_size=4096, delimiter=",", quoting_style="needed")


_ARROW_INF = re.compile(rb"(?<![^,\n])(-?)inf(?![^,\n])")


def csv_writer(fh: Any, schema: pa_arrow.Schema) -> pa_csv.CSVWriter:
    """Write the header line to ``fh`` and return the Arrow writer for the rows: the release's CSV form."""
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(schema.names)
    fh.write(header.getvalue().encode("utf-8"))
    return pa_csv.CSVWriter(fh, schema, write_options=_CSV_OPTIONS)


@dataclass
class WrittenTable:
    """One table as written: its files (path -> (bytes, sha256)) and what the README says of it."""

    name: str
    spec: TableSpec
    model: type[pa.DataFrameModel]
    files: dict[str, tuple[int, str]]
    rows: int = 0
    per_year: Counter = field(default_factory=Counter)
    distinct: dict[str, set[Any]] = field(default_factory=dict)


class TableWriter:
    """Streams one table into ``<root>/<name>.parquet`` and ``<root>/<name>.csv``."""

    def __init__(self, root: Path, name: str, model: type[pa.DataFrameModel]) -> None:
        self.root, self.name, self.model = root, name, model
        self.spec = table_spec(model)
        self.schema = arrow_schema(model)
        self.parquet_path = root / f"{name}.parquet"
        self.csv_path = root / f"{name}.csv"
        self._parquet_fh = writers.new_file(self.parquet_path)
        self._csv_fh = writers.new_file(self.csv_path)
        self._parquet = pq.ParquetWriter(self._parquet_fh, self.schema, **writers.PARQUET_WRITER_OPTIONS)
        self._csv = csv_writer(self._csv_fh, self.schema)
        self._pending: list[pa_arrow.Table] = []
        self._pending_rows = 0
        self.result = WrittenTable(name, self.spec, model, {})
        for column in COVERAGE_COLUMNS:
            if column in self.schema.names:
                self.result.distinct[column] = set()

    def write(self, table: pa_arrow.Table) -> None:
        table = self._conform(table)
        if not table.num_rows:
            return
        self._count(table)
        if self._infinite(table):
            # Table Schema spells infinities INF and -INF; Arrow writes inf. Only a number is unquoted,
            # so an unquoted inf cell can be nothing else.
            self._csv_fh.flush()
            buf = io.BytesIO()
            pa_csv.write_csv(table, buf, write_options=_CSV_OPTIONS)
            self._csv_fh.write(_ARROW_INF.sub(rb"\1INF", buf.getvalue()))
        else:
            self._csv.write_table(table)
        self._pending.append(table)
        self._pending_rows += table.num_rows
        while self._pending_rows >= ROW_GROUP_ROWS:
            buffered = pa_arrow.concat_tables(self._pending)
            self._write_group(buffered.slice(0, ROW_GROUP_ROWS))
            rest = buffered.slice(ROW_GROUP_ROWS)
            self._pending, self._pending_rows = ([rest] if rest.num_rows else []), rest.num_rows

    def close(self) -> WrittenTable:
        if self._pending_rows:
            self._write_group(pa_arrow.concat_tables(self._pending))
        self._parquet.close()
        self._csv.close()
        for fh in (self._parquet_fh, self._csv_fh):
            writers.finish_file(fh)
        for path in (self.parquet_path, self.csv_path):
            rel = path.relative_to(self.root).as_posix()
            self.result.files[rel] = (path.stat().st_size, sha256_file(path))
        return self.result

    def abort(self) -> None:
        for closer in (self._parquet.close, self._csv.close, self._parquet_fh.close, self._csv_fh.close):
            with contextlib.suppress(Exception):
                closer()

    def _write_group(self, group: pa_arrow.Table) -> None:
        # One contiguous chunk per column: page boundaries then depend on the rows alone.
        self._parquet.write_table(group.combine_chunks(), row_group_size=ROW_GROUP_ROWS)

    def _conform(self, table: pa_arrow.Table) -> pa_arrow.Table:
        """The batch with exactly the model's columns and types; a required field may not be empty."""
        missing = [n for n in self.schema.names if n not in table.column_names]
        if missing:
            raise ReleaseValidationError(f"table {self.name!r}: columns {missing} are missing", table=self.name)
        table = table.select(self.schema.names).cast(self.schema)
        for f in self.schema:
            if not f.nullable and table.column(f.name).null_count:
                raise ReleaseValidationError(
                    f"table {self.name!r}: required field {f.name!r} is empty in {table.column(f.name).null_count} rows",
                    table=self.name,
                )
            if pa_arrow.types.is_floating(f.type):
                if pc.any(pc.is_nan(table.column(f.name))).as_py():
                    raise ReleaseValidationError(
                        f"table {self.name!r}: field {f.name!r} holds NaN, which CSV cannot tell from a missing value",
                        table=self.name,
                    )
        return table

    def _infinite(self, table: pa_arrow.Table) -> bool:
        return any(pc.any(pc.is_inf(table.column(f.name))).as_py()
                   for f in self.schema if pa_arrow.types.is_floating(f.type))

    def _count(self, table: pa_arrow.Table) -> None:
        self.result.rows += table.num_rows
        year = self.spec.year_column
        if year is not None:
            counts = pc.value_counts(table.column(year))
            for item in counts.to_pylist():
                if item["values"] is not None:
                    self.result.per_year[int(item["values"])] += int(item["counts"])
        for column, values in self.result.distinct.items():
            values.update(v for v in pc.unique(table.column(column)).to_pylist() if v is not None)


def write_table(root: Path, name: str, model: type[pa.DataFrameModel], batches: Iterable[pa_arrow.Table]) -> WrittenTable:
    """Write every batch of one table; on any error the partial files are closed (the caller removes them)."""
    writer = TableWriter(root, name, model)
    try:
        for batch in batches:
            writer.write(batch)
    except BaseException:
        writer.abort()
        raise
    return writer.close()
