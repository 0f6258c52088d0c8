"""Small parts of the release layer on their own: diffs, version names, pointer, sources, empty tables."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa_arrow
import pyarrow.parquet as pq
import pytest

from govmetrics.release import ReleaseDiffError, ReleaseError, publish
from govmetrics.release import versioning
from govmetrics.release.diff import TableSnapshot, changes_markdown, diff_release, diff_table
from govmetrics.release.info import created_from_sources, normalize_sources, sources_from_documents
from release_fixtures import synthetic_sources, synthetic_tables, synthetic_years


def _snap(df: pd.DataFrame, pk=("id",), descriptions: dict[str, str] | None = None) -> TableSnapshot:
    """The table as a release holds it: a Parquet file (the diff reads files, not frames)."""
    descriptions = descriptions or {}
    fields = [
        pa_arrow.field(c, pa_arrow.Array.from_pandas(df[c]).type if len(df) else pa_arrow.string(),
                       metadata={"description": descriptions.get(c, c)})
        for c in df.columns
    ]
    schema = pa_arrow.schema(fields)
    table = pa_arrow.Table.from_arrays([pa_arrow.Array.from_pandas(df[c], type=f.type) for c, f in zip(df.columns, schema)],
                                       schema=schema)
    path = Path(tempfile.mkdtemp(prefix="snap-")) / "t.parquet"
    pq.write_table(table, path)
    return TableSnapshot("t", path, schema, tuple(pk))


def test_diff_reports_schema_changes_and_compares_only_shared_columns():
    old = _snap(pd.DataFrame({"id": ["a", "b"], "x": [1, 2], "gone": ["p", "q"]}))
    new = _snap(pd.DataFrame({"id": ["a", "b"], "x": [1.0, 3.0], "fresh": [True, False]}))
    d = diff_table(old, new)
    assert d["status"] == "changed"
    assert d["schema"]["fields_added"] == ["fresh"]
    assert d["schema"]["fields_removed"] == ["gone"]
    assert d["schema"]["type_changed"] == [{"field": "x", "before": "int64", "after": "double"}]
    assert d["rows_changed"] == [{"key": {"id": "b"}, "columns": {"x": {"before": 2, "after": 3.0}}}]
    md = changes_markdown(diff_release({"t": old}, {"t": new}, version="v2022.2", previous_version="v2022.1"))
    assert "Field added: `fresh`" in md and "type changed: int64 → double" in md


def test_diff_treats_missing_values_as_equal_and_sees_value_to_missing():
    old = _snap(pd.DataFrame({"id": ["a", "b"], "v": [None, 1.5]}))
    new = _snap(pd.DataFrame({"id": ["a", "b"], "v": [float("nan"), None]}))
    d = diff_table(old, new)
    assert d["rows_changed"] == [{"key": {"id": "b"}, "columns": {"v": {"before": 1.5, "after": None}}}]


def test_diff_notes_reworded_descriptions():
    df = pd.DataFrame({"id": ["a"], "v": [1]})
    d = diff_table(_snap(df), _snap(df, descriptions={"v": "Value, reworded."}))
    assert d["status"] == "changed" and d["schema"]["description_changed"] == ["v"]


def test_diff_matches_rows_by_a_composite_key_whatever_the_order():
    old = _snap(pd.DataFrame({"doc": ["d1", "d1", "d2"], "seq": [0, 1, 0], "v": ["x", "y", "z"]}), pk=("doc", "seq"))
    new = _snap(pd.DataFrame({"doc": ["d2", "d1", "d3"], "seq": [0, 0, 0], "v": ["z", "x", "w"]}), pk=("doc", "seq"))
    d = diff_table(old, new)
    assert d["rows_added"] == [{"doc": "d3", "seq": 0}]
    assert d["rows_removed"] == [{"doc": "d1", "seq": 1}]
    assert d["rows_changed"] == []


@pytest.mark.parametrize("old_df,new_df,pk_new,message", [
    (pd.DataFrame({"id": ["a", "a"]}), pd.DataFrame({"id": ["a"]}), ("id",), "repeated"),
    (pd.DataFrame({"id": ["a"]}), pd.DataFrame({"id": [None]}), ("id",), "empty primary key"),
    (pd.DataFrame({"id": ["a"], "k": ["b"]}), pd.DataFrame({"id": ["a"], "k": ["b"]}), ("k",), "primary key changed"),
    (pd.DataFrame({"x": ["a"]}), pd.DataFrame({"x": ["a"]}), ("id",), "columns \\[.id.\\] are missing"),
])
def test_diff_that_cannot_be_made_raises(old_df, new_df, pk_new, message):
    old = _snap(old_df, pk=("id",))
    new = _snap(new_df, pk=pk_new)
    with pytest.raises(ReleaseDiffError, match=message):
        diff_table(old, new)


def test_diff_long_text_is_shortened_but_keys_are_not():
    long = "报告" * 300
    old = _snap(pd.DataFrame({"id": [long], "text": ["a" * 500]}))
    new = _snap(pd.DataFrame({"id": [long], "text": ["b" * 500]}))
    d = diff_table(old, new)
    assert d["rows_changed"][0]["key"] == {"id": long}
    assert len(d["rows_changed"][0]["columns"]["text"]["after"]) == 201


def test_version_names_and_revisions():
    assert versioning.parse_version("v2022.12") == (2022, 12)
    assert versioning.parse_version("v2022.0") is None and versioning.parse_version("2022.1") is None
    existing = ["v2021.1", "v2022.1", "v2022.2", "v2022.10", "notes"]
    assert versioning.next_version(existing, 2022) == "v2022.11"
    assert versioning.next_version(existing, 2023) == "v2023.1"
    assert versioning.next_version([], 2022) == "v2022.1"


def test_pointer_is_checked_and_a_lost_pointer_falls_back_to_the_newest_directory(tmp_path):
    assert versioning.read_pointer(tmp_path) is None
    for name in ("v2022.2", "v2022.10", "v2021.3"):
        (tmp_path / name).mkdir()
    assert versioning.read_pointer(tmp_path) == "v2022.10"
    versioning.set_pointer(tmp_path, "v2022.2")
    assert versioning.read_pointer(tmp_path) == "v2022.2"
    assert (tmp_path / "LATEST").read_text() == "v2022.2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LATEST", "v2021.3", "v2022.10", "v2022.2"]
    (tmp_path / "LATEST").write_text("v2030.1\n")
    with pytest.raises(ReleaseError, match="does not exist"):
        versioning.read_pointer(tmp_path)
    with pytest.raises(ReleaseError, match="no such release"):
        versioning.set_pointer(tmp_path, "v2030.1")


def test_sources_are_checked_ordered_and_date_the_release():
    sources = normalize_sources([
        {"path": "raw/b.txt", "sha256": "b" * 64, "published": "2022-11-28", "retrieved": "2024-02-03"},
        {"path": "raw/a.txt", "sha256": "a" * 64, "title": "甲", "published": "2023-01-05"},
    ])
    assert [s["path"] for s in sources] == ["raw/a.txt", "raw/b.txt"]
    assert sources[1]["title"] == "raw/b.txt"
    assert created_from_sources(sources) == "2024-02-03T00:00:00Z"
    assert created_from_sources([{"path": "x", "sha256": "c" * 64}]) is None
    with pytest.raises(ReleaseError, match="sha256"):
        normalize_sources([{"path": "raw/a.txt", "sha256": "abc"}])
    with pytest.raises(ReleaseError, match="ISO 8601"):
        created_from_sources([{"published": "28/11/2022"}])


def test_empty_tables_publish_and_validate(tmp_path):
    tables = synthetic_tables(rejected=False)
    result = publish(tables, tmp_path, sources=synthetic_sources(), report_years=[2021, 2022])
    assert result.published and result.version == "v2022.1"
    assert (result.path / "documents_rejected.csv").read_text() == "source_file,sha256,reason,detail\n"
    assert "| `metrics` | 8 | 0 | 8 |" in (result.path / "README.md").read_text()  # 2021 is covered, with no rows
    changes = json.loads((result.path / "changes.json").read_text())
    assert changes["summary"]["documents_rejected"]["rows_after"] == 0


def test_report_years_must_cover_the_tables(tmp_path):
    with pytest.raises(ReleaseError, match="report years \\[2022\\] not in report_years"):
        publish(synthetic_tables(), tmp_path, sources=synthetic_sources(), report_years=[2021])
    with pytest.raises(ReleaseError, match="report_years is empty"):
        publish(synthetic_tables(), tmp_path, sources=synthetic_sources(), report_years=[])
    assert synthetic_years() == [2022]


def test_absolute_source_paths_are_refused():
    with pytest.raises(ReleaseError, match="absolute"):
        normalize_sources([{"path": "/home/me/raw/a.txt", "sha256": "a" * 64}])


def test_sources_from_documents_and_report_years_from_the_rows(tmp_path):
    tables = synthetic_tables(["qingdao-2022", "qingdao-2023"])
    docs = tables["documents"].astype({"source_url": "str"})  # an all-missing column, as pandas may hold it
    sources = sources_from_documents(docs)
    assert sorted(s["path"] for s in sources) == [
        "raw/2022/qingdao-sanmin-2022.txt", "raw/2023/qingdao-sanmin-2023.txt"
    ]
    assert {s["sha256"] for s in sources} == set(docs["sha256"])
    assert all("url" not in s and s["publisher"] == "青岛日报" for s in sources)
    assert sources == [{k: v for k, v in s.items()} for s in sources_from_documents(tables["documents"])]
    result = publish(tables, tmp_path, sources=sources)  # report years read from the tables
    assert result.version == "v2023.1"
    dp = json.loads((result.path / "datapackage.json").read_text())
    assert dp["created"] == "2023-12-01T00:00:00Z"
    assert {s["report_year"] for s in dp["sources"]} == {2022, 2023}
