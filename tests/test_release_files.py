"""The files of a release: Frictionless package, CSV/Parquet twins, schemas, docs, one copy of each format."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from decimal import Decimal
from pathlib import Path

import frictionless
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.parquet as pq
import pytest
import yaml
from pandera.typing.pandas import Series

from govmetrics.markdown import md_escape
from govmetrics.release import arrow_schema, data_dictionary, frictionless_schema, publish, table_spec
from release_fixtures import REPORTS, synthetic_sources, synthetic_tables, synthetic_years
from schemas import TABLES

KEYS = ["qingdao-2022", "hangzhou-2022", "qingdao-2023"]


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = publish(synthetic_tables(KEYS), out, sources=synthetic_sources(KEYS), report_years=synthetic_years(KEYS))
    assert result.published and result.version == "v2023.1"
    return result.path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- datapackage.json -------------------------------------------------------------------------


def test_frictionless_validates_the_package(release):
    report = frictionless.validate(str(release / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    checked = {task.name for task in report.tasks}
    assert {"metrics", "metrics-parquet", "documents_rejected"} <= checked


def test_frictionless_catches_a_file_changed_after_publication(release, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    for p in release.rglob("*"):
        if p.is_file():
            (copy / p.relative_to(release)).parent.mkdir(parents=True, exist_ok=True)
            (copy / p.relative_to(release)).write_bytes(p.read_bytes())
    (copy / "metrics.parquet").write_bytes(b"PAR1 not really" + b"\0" * 10)
    assert not frictionless.validate(str(copy / "datapackage.json")).valid


def test_package_lists_every_data_file_with_its_size_and_sha256(release):
    dp = json.loads((release / "datapackage.json").read_text())
    assert dp["name"] == "govmetrics" and dp["version"] == "v2023.1"
    assert dp["created"] == "2023-12-01T00:00:00Z"  # the newest source's publication date
    assert dp["licenses"] and dp["licenses"][0]["title"]
    data_files = {str(p.relative_to(release)) for p in release.rglob("*") if p.suffix in (".csv", ".parquet")}
    listed = {r["path"]: r for r in dp["resources"]}
    assert set(listed) == data_files
    for path, r in listed.items():
        assert r["bytes"] == (release / path).stat().st_size
        assert r["hash"] == "sha256:" + _sha(release / path)
        assert r["mediatype"] in ("text/csv", "application/vnd.apache.parquet")
    assert {s["path"] for s in dp["sources"]} == {"raw/" + REPORTS[k]["source_file"] for k in KEYS}
    assert all(len(s["sha256"]) == 64 for s in dp["sources"])


@pytest.mark.parametrize("name", list(TABLES))
def test_table_schema_is_generated_from_the_model(release, name):
    dp = json.loads((release / "datapackage.json").read_text())
    schema = next(r for r in dp["resources"] if r["name"] == name)["schema"]
    model_schema = TABLES[name].to_schema()
    assert [f["name"] for f in schema["fields"]] == list(model_schema.columns)
    for f in schema["fields"]:
        col = model_schema.columns[f["name"]]
        assert f["description"] == col.description
        assert f.get("constraints", {}).get("required", False) == (not col.nullable)
        assert f.get("constraints", {}).get("unique", False) == bool(col.unique)
    assert schema["primaryKey"] == TABLES[name].Config.metadata["primary_key"]
    assert schema.get("foreignKeys", []) == TABLES[name].Config.metadata["foreign_keys"]


def test_constraints_come_through_and_frictionless_enforces_them():
    schema = frictionless_schema(TABLES["mentions"])
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["qualifier"]["constraints"]["enum"][0] == "exact"
    assert "constraints" not in fields["value"]  # levels below zero keep their sign
    assert fields["start"]["constraints"] == {"required": True, "minimum": 0}
    assert fields["report_year"]["constraints"] == {"required": True, "minimum": 1990, "maximum": 2100}
    assert fields["doc_id"]["constraints"]["pattern"] == "[0-9a-f]{16}"
    assert fields["quantity_text"]["constraints"]["minLength"] == 1
    assert fields["headline"]["type"] == "boolean"
    # The generated pattern still rejects what the model rejects.
    resource = frictionless.Resource(
        data=[["doc_id"], ["0123456789abcdef"], ["0123456789ABCDEF"]],
        schema=frictionless.Schema.from_descriptor({"fields": [fields["doc_id"]]}),
    )
    report = frictionless.validate(resource)
    assert [e.type for e in report.tasks[0].errors] == ["constraint-error"]


# --- CSV and Parquet twins --------------------------------------------------------------------


def _plain(v):
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _csv_paths(release: Path) -> list[Path]:
    return sorted(release.rglob("*.csv"))


def test_every_csv_round_trips_to_its_parquet_twin_with_frictionless(release):
    package = frictionless.Package(str(release / "datapackage.json"))
    checked = 0
    for res in package.resources:
        if not res.path.endswith(".csv"):
            continue
        table_name = Path(res.path).name[: -len(".csv")]
        parquet = pq.read_table(release / f"{table_name}.parquet")
        expected = parquet.to_pylist()
        with res:
            got = [{k: _plain(v) for k, v in row.items()} for row in res.read_rows()]
        assert got == expected, res.path
        for row in got[:3]:  # types, not just values: ints stay ints, booleans booleans
            for field in parquet.schema:
                v = row[field.name]
                if v is not None and pa_arrow.types.is_integer(field.type):
                    assert type(v) is int
                if v is not None and pa_arrow.types.is_boolean(field.type):
                    assert type(v) is bool
        checked += 1
    assert checked == len(_csv_paths(release)) == len(TABLES)


@pytest.mark.parametrize("name", list(TABLES))
def test_csv_read_as_the_readme_says_equals_parquet_in_pandas(release, name):
    spec = table_spec(TABLES[name])
    dtypes = {f.name: {"string": "str", "integer": "Int64", "number": "float64", "boolean": "boolean"}[f.kind]
              for f in spec.fields}
    from_csv = pd.read_csv(release / f"{name}.csv", dtype=dtypes, keep_default_na=False, na_values=[""])
    from_parquet = pd.read_parquet(release / f"{name}.parquet").astype(dtypes)
    pd.testing.assert_frame_equal(from_csv, from_parquet, check_exact=True)
    for f in spec.fields:  # nulls sit in the same cells
        assert from_csv[f.name].isna().tolist() == from_parquet[f.name].isna().tolist()


def test_empty_strings_are_published_as_nulls_in_both_files(tmp_path):
    tables = synthetic_tables()
    tables["documents"].loc[0, "site"] = ""
    result = publish(tables, tmp_path, sources=synthetic_sources(), report_years=synthetic_years())
    assert pq.read_table(result.path / "documents.parquet")["site"].to_pylist() == [None]
    row = next(csv.DictReader(io.StringIO((result.path / "documents.csv").read_text())))
    assert row["site"] == ""


def test_csv_is_utf8_without_bom_and_keeps_formula_like_text(release):
    raw = (release / "documents_rejected.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = {r["source_file"]: r["detail"] for r in csv.DictReader(io.StringIO(raw.decode("utf-8")))}
    assert rows["2022/broken.html"] == "=1+1 页面没有可识别的正文"
    assert rows["2022/empty.txt"] == "-abc 文件为空" and rows["2022/unreadable.bin"] == "@SUM(A1) 不是文本文件"
    assert "青岛" in (release / "metrics.csv").read_text(encoding="utf-8")


# --- opening the CSV in a spreadsheet ---------------------------------------------------------


def test_no_format_is_kept_twice(release):
    """Each table is one Parquet and one CSV file: no Excel copy, no per-year copy, no archive of it all."""
    files = {str(p.relative_to(release)) for p in release.rglob("*") if p.is_file() and not p.relative_to(release).parts[0] == "site"}
    tables = {f"{name}.{ext}" for name in TABLES for ext in ("parquet", "csv")}
    docs = {"README.md", "CHANGES.md", "changes.json", "datapackage.json", "CITATION.cff", "SHA256SUMS"}
    assert files == tables | docs
    assert (release / "site" / "index.html").is_file()  # the site is pages, not another copy of a table


def test_readme_says_how_to_open_the_csv_in_excel_without_running_formulas(release):
    text = (release / "README.md").read_text()
    assert "Data → From Text/CSV" in text and "65001: Unicode (UTF-8)" in text
    assert "nothing is evaluated" in text


def test_csv_keeps_negative_changes_as_numbers(release):
    plain = list(csv.DictReader(io.StringIO((release / "metric_changes.csv").read_text())))
    negative = [r["absolute_change"] for r in plain if r["absolute_change"].startswith("-")]
    assert [float(v) for v in negative] == [-10000000.0]  # the subsistence allowance fell from 1.6亿元 to 1.5亿元


class Balance(pa.DataFrameModel):
    """A table no release code knows by name, with a numeric column that can be negative."""

    account: Series[str] = pa.Field(unique=True, description="Account code.")
    note: Series[str] = pa.Field(nullable=True, description="Free text.")
    change: Series[float] = pa.Field(description="Change in the balance; negative for a decrease.")
    count: Series[int] = pa.Field(description="A signed count.")

    class Config:
        name = "balance"
        description = "Synthetic table with signed numbers."
        strict = True
        coerce = True
        metadata = {"primary_key": ["account"], "foreign_keys": [], "sort_by": ["account"]}


def test_any_model_publishes_with_signed_numbers_and_formula_like_text_as_written(tmp_path):
    df = pd.DataFrame({
        "account": ["a1", "a2", "a3"],
        "note": ["-abc", "=1+1", None],
        "change": [-3.5, 2.25, -0.0001],
        "count": [-7, 0, 12],
    })
    sources = [{"path": "raw/balance.csv", "sha256": "0" * 64, "published": "2021-05-06"}]
    result = publish({"balance": df}, tmp_path, sources=sources, report_years=[2021], models={"balance": Balance})
    assert result.version == "v2021.1"
    raw = (result.path / "balance.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    assert rows == [
        ["account", "note", "change", "count"],
        ["a1", "-abc", "-3.5", "-7"],
        ["a2", "=1+1", "2.25", "0"],
        ["a3", "", "-0.0001", "12"],
    ]
    assert "`balance`" in (result.path / "README.md").read_text()
    assert frictionless.validate(str(result.path / "datapackage.json")).valid


# --- Arrow schema and Parquet files -----------------------------------------------------------


@pytest.mark.parametrize("name", list(TABLES))
def test_arrow_schema_carries_descriptions_and_nullability(release, name):
    model = TABLES[name]
    columns = model.to_schema().columns
    written = pq.read_schema(release / f"{name}.parquet")
    for schema in (arrow_schema(model), written):
        assert schema.names == list(columns)
        for field in schema:
            col = columns[field.name]
            assert field.metadata[b"description"].decode() == col.description
            assert field.nullable == col.nullable
        meta = schema.metadata
        assert list(meta) == sorted(meta)
        assert b"pandas" not in meta
        assert meta[b"description"].decode() == model.Config.description
        assert json.loads(meta[b"primary_key"]) == model.Config.metadata["primary_key"]
    kinds = {f.name: f.type for f in written}
    for col_name, col in columns.items():
        expected = {"str": pa_arrow.string(), "int64": pa_arrow.int64(), "Int64": pa_arrow.int64(),
                    "float64": pa_arrow.float64(), "bool": pa_arrow.bool_()}[str(col.dtype.type)]
        assert kinds[col_name] == expected
    meta = pq.read_metadata(release / f"{name}.parquet")
    assert meta.row_group(0).column(0).compression == "ZSTD" if meta.num_row_groups else True


def test_rows_are_sorted_by_the_models_sort_by(release):
    for name, model in TABLES.items():
        df = pd.read_parquet(release / f"{name}.parquet")
        sort_by = model.Config.metadata["sort_by"]
        assert df.equals(df.sort_values(sort_by, kind="mergesort").reset_index(drop=True)), name


# --- documents: README, CITATION.cff, SHA256SUMS ----------------------------------------------


def test_readme_has_coverage_loading_citation_caveats_and_the_full_dictionary(release):
    text = (release / "README.md").read_text()
    for heading in ("## Coverage", "## Loading the data", "## How to cite", "## Caveats", "## Data dictionary"):
        assert heading in text
    assert "Cities (2): 杭州, 青岛" in text
    assert "Report years: 2022, 2023" in text
    metrics = synthetic_tables(KEYS)["metrics"]
    per_year = metrics["report_year"].value_counts()
    assert f"| `metrics` | {len(metrics)} | {per_year[2022]} | {per_year[2023]} |" in text
    assert "read_parquet" in text and "keep_default_na=False" in text and "From Text/CSV" in text
    for name, model in TABLES.items():
        assert f"### `{name}`" in text
        assert md_escape(model.Config.description) in text
        for col_name, col in model.to_schema().columns.items():
            assert f"| `{col_name}` |" in text
            assert md_escape(col.description) in text
    assert "end is after start" in text  # dataframe-level rules are documented too


def test_data_dictionary_is_generated_per_model():
    md = data_dictionary(TABLES["sections"])
    assert md.startswith("### `sections`")
    assert "- Primary key: `section_id`" in md
    assert "- Unique together: `doc_id`, `seq`" in md
    assert "- Foreign key: `doc_id` → `documents`.`doc_id`" in md


def test_citation_cff(release):
    cff = yaml.safe_load((release / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == "v2023.1" and cff["date-released"] == "2023-12-01"
    assert cff["authors"] and cff["title"]


def test_sha256sums_cover_every_file_and_match(release):
    sums = {}
    for line in (release / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    files = {str(p.relative_to(release)) for p in release.rglob("*") if p.is_file()}
    assert set(sums) == files - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert _sha(release / name) == digest, name
