"""Validation of a built release, run before it is renamed into place.

Row-by-row validation with frictionless costs about 17 seconds for a 1,000-report release (260,000
rows; half as long as the whole build, measured by ``benchmarks/bench_build.py``), and it grows with
the collection. So every release is validated in two parts that together check what frictionless
checks, every time, in about a tenth of that:

1. *frictionless* validates the package: the descriptor, the byte count and SHA-256 of every data
   file, and a sample of each table's rows (the first rows and evenly spaced ones, ``SAMPLE_ROWS`` in
   all, written by the release's CSV writer from the table's Parquet twin) parsed against its Table
   Schema. This proves frictionless reads the files as the schema says (dialect, header, types,
   booleans, number format) without reading every row in Python.
2. *Every row* of every CSV is then checked against the same Table Schemas by DuckDB, with queries
   generated from ``datapackage.json``: every cell parses as its type, and required, enum, pattern,
   minimum/maximum, length, unique, primary-key and foreign-key constraints hold.

``validate_datapackage(path, full=True)`` runs frictionless on every row instead (what
``frictionless validate datapackage.json`` does; the benchmark times it).
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from govmetrics.release.errors import ReleaseValidationError

#: Rows of each table frictionless parses in the sampled validation.
SAMPLE_ROWS = 2000
_HEAD_ROWS = 200
_SAMPLE_DIR = ".validate"
_DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}


def validate_datapackage(path: Path, *, limit: int = 20, full: bool = False) -> None:
    """Raise unless the package at ``path`` (a ``datapackage.json``) is valid; see the module docstring.

    This checks what pandera cannot see: the files as written (bytes, sha256, CSV parsing against
    the Table Schema) and keys between tables.
    """
    path = Path(path)
    if full:
        _frictionless(path, limit)
        return
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    root = path.parent
    sample_dir = root / _SAMPLE_DIR
    sample_path = root / f"{_SAMPLE_DIR}.json"
    # DuckDB scans every row while frictionless parses the sample: it leaves Python's lock while it
    # runs, so the two checks take the time of the longer one, not of both.
    with ThreadPoolExecutor(1) as pool:
        rows = pool.submit(check_rows, descriptor, root)
        try:
            sample = _sample_descriptor(descriptor, root, sample_dir)
            sample_path.write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
            _frictionless(sample_path, limit)
        finally:
            shutil.rmtree(sample_dir, ignore_errors=True)
            sample_path.unlink(missing_ok=True)
        problems = rows.result()
    if problems:
        shown = "\n".join(problems[:limit])
        more = f"\n... and {len(problems) - limit} more" if len(problems) > limit else ""
        raise ReleaseValidationError(f"the release fails its Table Schemas:\n{shown}{more}")


def import_checkers() -> None:
    """Import frictionless and DuckDB now: a process that forks validators imports them once for all."""
    import duckdb  # noqa: F401
    import frictionless  # noqa: F401


def _frictionless(path: Path, limit: int) -> None:
    import frictionless  # imported here: it is slow to import and only publishing needs it

    report = frictionless.validate(str(path), type="package")
    if report.valid:
        return
    problems = [f"package: {e.message}" for e in report.errors]
    for task in report.tasks:
        problems += [f"{task.name}: {e.message}" for e in task.errors]
    shown = "\n".join(problems[:limit])
    more = f"\n... and {len(problems) - limit} more" if len(problems) > limit else ""
    raise ReleaseValidationError(f"the release fails Frictionless validation:\n{shown}{more}")


def _tabular(resource: Mapping[str, Any]) -> bool:
    return resource.get("type") != "file" and "schema" in resource and str(resource.get("path", "")).endswith(".csv")


def _sample_rows(path: Path, sample: int) -> list[str]:
    """The header and a sample of a CSV's records (raw text, so quoting is kept): two passes, little memory."""
    with open(path, encoding="utf-8", newline="") as fh:
        total = sum(1 for _ in _records(fh)) - 1
    head, step = _sample_indices(total, sample)
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for i, record in enumerate(_records(fh)):
            n = i - 1  # the header is record 0
            if n < head or (n - head) % step == 0:
                out.append(record)
    return out


def _sample_indices(total: int, sample: int) -> tuple[int, int]:
    """(head, step): the first ``head`` rows, then every ``step``-th; about ``sample`` rows in all."""
    if total <= sample:
        return total, 1
    return _HEAD_ROWS, max(1, math.ceil((total - _HEAD_ROWS) / (sample - _HEAD_ROWS)))


def _sample_from_parquet(parquet: Path, target: Path, sample: int) -> None:
    """The same sample as :func:`_sample_rows`, written by the release's own CSV writer from the Parquet
    twin (its rows are the CSV's, in the same order), a row group at a time."""
    import pyarrow as pa_arrow
    import pyarrow.parquet as pq

    from govmetrics.release.stream import csv_writer

    pf = pq.ParquetFile(parquet)
    head, step = _sample_indices(pf.metadata.num_rows, sample)
    schema = pf.schema_arrow
    offset = 0
    with open(target, "wb") as fh:
        writer = csv_writer(fh, schema)
        for batch in pf.iter_batches(batch_size=65_536):
            n = batch.num_rows
            picked = [i for i in range(n) if offset + i < head or (offset + i - head) % step == 0]
            if picked:
                writer.write_table(pa_arrow.Table.from_batches([batch]).take(picked))
            offset += n
        writer.close()


def _records(fh: io.TextIOBase):
    """Whole CSV records as text (a quoted cell may hold line breaks)."""
    pending = ""
    for line in fh:
        pending += line
        if pending.count('"') % 2 == 0:
            yield pending
            pending = ""
    if pending:
        yield pending


def _sample_descriptor(descriptor: Mapping[str, Any], root: Path, sample_dir: Path) -> dict[str, Any]:
    """A package of sampled tables (no foreign keys: a sample cannot hold every referenced key) plus
    every data file of the release as a ``file`` resource with its recorded bytes and hash."""
    sample_dir.mkdir()
    names = {r["name"] for r in descriptor.get("resources", [])}
    resources = []
    for res in descriptor.get("resources", []):
        rel = res["path"]
        whole = {k: v for k, v in res.items() if k not in ("schema", "encoding")}
        whole.update(name=f"{res['name']}-file", type="file")
        resources.append(whole)
        if _tabular(res):
            sample = sample_dir / Path(rel).name
            twin = root / Path(rel).with_suffix(".parquet")
            if twin.is_file() and f"{res['name']}-parquet" in names:
                _sample_from_parquet(twin, sample, SAMPLE_ROWS)
            else:
                sample.write_text("".join(_sample_rows(root / rel, SAMPLE_ROWS)), encoding="utf-8")
            schema = {k: v for k, v in res["schema"].items() if k != "foreignKeys"}
            part = {k: v for k, v in res.items() if k not in ("bytes", "hash", "schema", "path")}
            part.update(path=sample.relative_to(root).as_posix(), schema=schema)
            resources.append(part)
    out = {k: v for k, v in descriptor.items() if k != "resources"}
    out["resources"] = resources
    return out


# -- every row, by DuckDB ---------------------------------------------------------------------------


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value: Any) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def check_rows(descriptor: Mapping[str, Any], root: Path) -> list[str]:
    """Every row of every tabular CSV resource against its Table Schema; a message per broken rule.

    One scan of each CSV computes every field rule and key count at once; foreign keys are checked
    on the distinct key values only, so memory follows the keys, not the tables.
    """
    import duckdb

    tables = {r["name"]: r for r in descriptor.get("resources", []) if _tabular(r)}
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="govmetrics-validate-") as spill:
        con = duckdb.connect(config={"threads": 2, "memory_limit": "256MB", "temp_directory": spill,
                                     "preserve_insertion_order": False})
        try:
            sources: dict[str, str] = {}
            for name, res in tables.items():
                fields = res["schema"]["fields"]
                csv_path = root / res["path"]
                with open(csv_path, encoding="utf-8", newline="") as fh:
                    header = next(csv.reader(fh), [])
                if header != [f["name"] for f in fields]:
                    problems.append(f"{name}: header {header} is not the schema's fields {[f['name'] for f in fields]}")
                    continue
                columns = "{" + ", ".join(f"{_lit(f['name'])}: {_lit(_DUCKDB_TYPES[f['type']])}" for f in fields) + "}"
                sources[name] = (
                    f"read_csv({_lit(str(csv_path))}, header = true, columns = {columns}, nullstr = '', "
                    "quote = '\"', escape = '\"', delim = ',', auto_detect = false)"
                )
                rules = _rules(res["schema"])
                if not rules:
                    continue
                try:
                    counts = con.execute(
                        "select " + ", ".join(expr for _, expr in rules) + f" from {sources[name]}"
                    ).fetchone()
                except duckdb.Error as exc:
                    problems.append(f"{name}: a cell does not parse as its field's type: {str(exc).splitlines()[0]}")
                    sources.pop(name)
                    continue
                problems += [f"{name}{what}" for (what, _), n in zip(rules, counts) if n]
            for name, res in tables.items():
                for fk in res["schema"].get("foreignKeys", []):
                    problems += _foreign_key_problems(con, name, fk, sources)
        finally:
            con.close()
    return problems


def _rules(schema: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(message, count expression) for every rule of a Table Schema; a rule holds when its count is 0."""
    out: list[tuple[str, str]] = []
    for f in schema["fields"]:
        c = _q(f["name"])
        rules = f.get("constraints", {})
        if rules.get("required"):
            out.append((f".{f['name']}: rows break the required constraint", f"count_if({c} is null)"))
        if "enum" in rules:
            values = ", ".join(_lit(v) for v in rules["enum"])
            out.append((f".{f['name']}: rows break the enum constraint", f"count_if({c} not in ({values}))"))
        if "pattern" in rules:
            out.append((f".{f['name']}: rows break the pattern constraint",
                        f"count_if(not regexp_full_match({c}, {_lit(rules['pattern'])}))"))
        for rule, op in (("minimum", "<"), ("maximum", ">")):
            if rule in rules:
                out.append((f".{f['name']}: rows break the {rule} constraint", f"count_if({c} {op} {_lit(rules[rule])})"))
        for rule, op in (("minLength", "<"), ("maxLength", ">")):
            if rule in rules:
                out.append((f".{f['name']}: rows break the {rule} constraint",
                            f"count_if(length({c}) {op} {int(rules[rule])})"))
        if rules.get("unique"):
            out.append((f".{f['name']}: values repeat, breaking the unique constraint", f"count({c}) - count(distinct {c})"))
    keys = [schema["primaryKey"]] if schema.get("primaryKey") else []
    keys += list(schema.get("uniqueKeys", []))
    for key in keys:
        key = [key] if isinstance(key, str) else list(key)
        row = "row(" + ", ".join(_q(k) for k in key) + ")"
        out.append((f": values of {key} repeat", f"count(*) - count(distinct {row})"))
    if schema.get("primaryKey"):
        key = schema["primaryKey"]
        key = [key] if isinstance(key, str) else list(key)
        out.append((f": rows have an empty primary key {key}", "count_if(" + " or ".join(f"{_q(k)} is null" for k in key) + ")"))
    return out


def _foreign_key_problems(con, name: str, fk: Mapping[str, Any], sources: Mapping[str, str]) -> list[str]:
    ref = fk["reference"]
    if name not in sources or ref["resource"] not in sources:
        return [] if name not in sources else [f"{name}: foreign key to unknown resource {ref['resource']!r}"]
    child = ", ".join(_q(a) for a in fk["fields"])
    parent = ", ".join(f"{_q(b)} as {_q(a)}" for a, b in zip(fk["fields"], ref["fields"]))
    not_null = " and ".join(f"{_q(a)} is not null" for a in fk["fields"])
    n = con.execute(
        f"select count(*) from (select distinct {child} from {sources[name]} where {not_null}) "
        f"anti join (select distinct {parent} from {sources[ref['resource']]}) using ({child})"
    ).fetchone()[0]
    return [f"{name}: {n} values of {fk['fields']} are not in {ref['resource']}.{ref['fields']}"] if n else []
