"""Publishing releases: reproducibility, no-op rebuilds, crash safety, versions, diffs, refusals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from govmetrics.markdown import md_escape
from govmetrics.release import (
    PublishResult,
    ReleaseDiffError,
    ReleaseError,
    ReleaseValidationError,
    latest_version,
    load_latest,
    publish,
)
from govmetrics.release import versioning, writers
from govmetrics.release.diff import LIST_LIMIT
from release_fixtures import synthetic_sources, synthetic_tables, synthetic_years
from schemas import TABLES

ROOT = Path(__file__).resolve().parents[1]
FIRST = ["qingdao-2022"]
SECOND = ["qingdao-2022", "hangzhou-2022"]
NEXT_YEAR = ["qingdao-2022", "hangzhou-2022", "qingdao-2023"]


def _publish(out: Path, keys: list[str] = FIRST, tables: dict | None = None, **kw) -> PublishResult:
    return publish(
        tables if tables is not None else synthetic_tables(keys),
        out,
        sources=synthetic_sources(keys),
        report_years=synthetic_years(keys),
        **kw,
    )


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _visible(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir())


# --- reproducibility and no-op rebuilds -------------------------------------------------------


def test_same_inputs_give_byte_identical_releases_even_across_processes(tmp_path):
    a = _publish(tmp_path / "a")
    b = _publish(tmp_path / "b")
    assert a.published and b.published and a.version == b.version == "v2022.1"
    assert (a.path / "SHA256SUMS").read_bytes() == (b.path / "SHA256SUMS").read_bytes()
    assert _tree(a.path) == _tree(b.path)  # every file, the ZIP included

    # Another interpreter with another hash seed must produce the same bytes too.
    script = (
        "import sys; sys.path.insert(0, 'tests');"
        "from pathlib import Path;"
        "from release_fixtures import *;"
        "from govmetrics.release import publish;"
        f"publish(synthetic_tables(), Path({str(tmp_path / 'c')!r}), sources=synthetic_sources(),"
        " report_years=synthetic_years())"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)
    assert _tree(tmp_path / "c" / "v2022.1") == _tree(a.path)


def test_unchanged_rebuild_publishes_nothing(tmp_path):
    out = tmp_path / "out"
    first = _publish(out)
    before = _tree(out)
    again = _publish(out)
    assert not again.published
    assert again.version == "v2022.1" and again.path == first.path
    assert "no change" in again.reason
    assert _tree(out) == before
    assert _visible(out) == ["LATEST", "v2022.1"]


def test_row_order_of_the_input_does_not_matter(tmp_path):
    tables = synthetic_tables()
    shuffled = {n: df.sample(frac=1, random_state=7).reset_index(drop=True) for n, df in tables.items()}
    a = _publish(tmp_path / "a", tables=tables)
    b = _publish(tmp_path / "b", tables=shuffled)
    assert (a.path / "SHA256SUMS").read_bytes() == (b.path / "SHA256SUMS").read_bytes()


# --- crash safety -----------------------------------------------------------------------------


def test_failure_half_way_through_writing_leaves_previous_release_and_pointer(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _publish(out)
    before = _tree(out)

    real_new_file = writers.new_file
    created: list[Path] = []
    n_files = len(before) - 1  # files in v2022.1 (LATEST aside); the next release has as many, half is plenty

    def failing_new_file(path: Path):
        if len(created) >= n_files // 2:
            raise OSError("disk full (injected)")
        created.append(path)
        return real_new_file(path)

    monkeypatch.setattr(writers, "new_file", failing_new_file)
    with pytest.raises(OSError, match="injected"):
        _publish(out, SECOND)
    assert len(created) == n_files // 2 > 0  # it really failed part-way, after writing files

    assert _tree(out) == before  # previous release and LATEST byte for byte, nothing else
    assert _visible(out) == ["LATEST", "v2022.1"]  # no partial or hidden directory left
    assert latest_version(out) == "v2022.1"

    monkeypatch.setattr(writers, "new_file", real_new_file)
    assert _publish(out, SECOND).version == "v2022.2"  # the failed attempt spent no version number


def test_temporary_directory_left_by_a_killed_publish_is_removed_next_time(tmp_path):
    out = tmp_path / "out"
    _publish(out)
    stale = out / ".tmp-v2022.2-killed"
    (stale / "by_year").mkdir(parents=True)
    (stale / "metrics.csv").write_text("half a fi")
    (out / ".LATEST.tmp-999").write_text("v2022.2")
    result = _publish(out, SECOND)
    assert result.version == "v2022.2"
    assert _visible(out) == ["LATEST", "v2022.1", "v2022.2"]


def test_crash_between_rename_and_pointer_switch_keeps_readers_on_previous(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _publish(out)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed before the pointer moved")

    monkeypatch.setattr(versioning, "set_pointer", crash)
    with pytest.raises(KeyboardInterrupt):
        _publish(out, SECOND)
    assert (out / "LATEST").read_text() == "v2022.1\n"
    assert load_latest(out, "documents").shape[0] == 1
    monkeypatch.undo()
    # The complete but unannounced v2022.2 is never reused or overwritten.
    result = _publish(out, SECOND)
    assert result.version == "v2022.3" and result.previous_version == "v2022.1"
    assert latest_version(out) == "v2022.3"


def test_published_release_is_never_overwritten(tmp_path):
    out = tmp_path / "out"
    _publish(out)
    (out / "v2022.2").mkdir()  # e.g. a name taken by hand
    result = _publish(out, SECOND)
    assert result.version == "v2022.3"
    assert list((out / "v2022.2").iterdir()) == []


# --- versions and diffs -----------------------------------------------------------------------


PK = {name: model.Config.metadata["primary_key"] for name, model in TABLES.items()}


def _keys(tables: dict[str, pd.DataFrame]) -> dict[str, set[tuple]]:
    """Primary-key tuples of every table, as the diff must report them."""
    return {name: set(df[PK[name]].itertuples(index=False, name=None)) for name, df in tables.items()}


def test_added_report_gives_next_revision_listing_exactly_the_added_rows(tmp_path):
    out = tmp_path / "out"
    _publish(out, FIRST)
    result = _publish(out, SECOND)
    assert result.published and result.version == "v2022.2" and result.previous_version == "v2022.1"
    assert (out / "LATEST").read_text() == "v2022.2\n"

    old, new = _keys(synthetic_tables(FIRST)), _keys(synthetic_tables(SECOND))
    changes = json.loads((result.path / "changes.json").read_text())
    assert changes["previous_version"] == "v2022.1"
    md = (result.path / "CHANGES.md").read_text()
    for t in changes["tables"]:
        name = t["table"]
        added = {tuple(row[c] for c in PK[name]) for row in t["rows_added"]}
        assert added == new[name] - old[name]
        assert len(t["rows_added"]) == len(added)
        assert all(list(row) == PK[name] for row in t["rows_added"])
        assert t["rows_removed"] == [] and t["rows_changed"] == []
        assert (t["rows_before"], t["rows_after"]) == (len(old[name]), len(new[name]))
        for key in added:
            assert all(md_escape(v) in md for v in key)
    assert changes["summary"]["documents"]["added"] == 1
    assert changes["summary"]["documents_rejected"]["status"] == "unchanged"
    # Keys of rows that did not change are not listed.
    for (key,) in old["metrics"]:
        assert key not in md


def test_new_latest_report_year_starts_at_revision_one(tmp_path):
    out = tmp_path / "out"
    _publish(out, FIRST)
    _publish(out, SECOND)
    result = _publish(out, NEXT_YEAR)
    assert result.version == "v2023.1" and result.previous_version == "v2022.2"
    assert versioning.list_versions(out) == ["v2022.1", "v2022.2", "v2023.1"]
    changes = json.loads((result.path / "changes.json").read_text())
    assert changes["summary"]["documents"] == {
        "status": "changed", "rows_before": 2, "rows_after": 3, "added": 1, "removed": 0, "changed": 0
    }
    # One report year is a filter on the table (the README shows how), not a second copy of it.
    assert not (result.path / "by_year").exists()
    metrics = pd.read_parquet(result.path / "metrics.parquet", filters=[("report_year", "==", 2023)])
    assert set(metrics["report_year"]) == {2023} and len(metrics) > 0
    assert 'filters=[("report_year", "==", 2022)]' in (result.path / "README.md").read_text()


def test_first_release_diffs_against_nothing(tmp_path):
    result = _publish(tmp_path / "out")
    changes = json.loads((result.path / "changes.json").read_text())
    assert changes["previous_version"] is None
    assert all(t["status"] == "added" for t in changes["tables"])
    # A first release counts every row, and lists the keys of the added ones up to the limit.
    assert changes["summary"]["metrics"]["added"] == len(synthetic_tables()["metrics"])
    assert all(len(t["rows_added"]) == min(t["added"], LIST_LIMIT) for t in changes["tables"])
    assert "First release" in (result.path / "CHANGES.md").read_text()


def test_changed_and_removed_rows_are_reported_with_their_columns(tmp_path):
    out = tmp_path / "out"
    _publish(out)
    tables = synthetic_tables()
    m = tables["metrics"]
    target = m.loc[m["quantity_text"] == "1.6亿元", "fact_id"].item()
    m.loc[m["fact_id"] == target, ["value", "label"]] = [170000000.0, "低保资金"]
    gone = tables["documents_rejected"]["source_file"].iloc[0]
    tables["documents_rejected"] = tables["documents_rejected"].iloc[1:]
    result = _publish(out, tables=tables)
    changes = json.loads((result.path / "changes.json").read_text())
    metrics = next(t for t in changes["tables"] if t["table"] == "metrics")
    assert metrics["rows_added"] == [] and metrics["rows_removed"] == []
    assert metrics["rows_changed"] == [{
        "key": {"fact_id": target},
        "columns": {"label": {"before": "低保金", "after": "低保资金"},
                    "value": {"before": 160000000.0, "after": 170000000.0}},
    }]
    assert metrics["columns_changed"] == {"label": 1, "value": 1}
    rejected = next(t for t in changes["tables"] if t["table"] == "documents_rejected")
    assert rejected["rows_removed"] == [{"source_file": gone}]
    md = (result.path / "CHANGES.md").read_text()
    assert "`value`: 160000000.0 → 170000000.0" in md and md_escape(gone) in md


def test_release_whose_diff_cannot_be_made_is_not_published(tmp_path):
    out = tmp_path / "out"
    first = _publish(out)
    parquet = first.path / "metrics.parquet"
    parquet.chmod(0o644)
    parquet.write_bytes(parquet.read_bytes()[:-10] + b"0123456789")  # the previous release got damaged
    with pytest.raises(ReleaseDiffError, match="v2022.1 is damaged.*metrics.parquet: its SHA-256 differs"):
        _publish(out, SECOND)
    assert _visible(out) == ["LATEST", "v2022.1"]


# --- refusals ---------------------------------------------------------------------------------


def test_table_failing_its_model_is_refused_and_nothing_is_published(tmp_path):
    out = tmp_path / "out"
    tables = synthetic_tables()
    tables["metrics"].loc[0, "start"] = -5
    with pytest.raises(ReleaseValidationError) as err:
        _publish(out, tables=tables)
    assert err.value.table == "metrics"
    message = str(err.value)
    assert "'metrics'" in message and "start" in message and "greater_than_or_equal_to" in message
    assert not out.exists() or _visible(out) == []


def test_refusal_keeps_the_previous_release(tmp_path):
    out = tmp_path / "out"
    _publish(out)
    before = _tree(out)
    tables = synthetic_tables(SECOND)
    tables["sections"].loc[0, "body"] = ""  # empty text is a missing value, and body is required
    with pytest.raises(ReleaseValidationError, match="sections"):
        _publish(out, SECOND, tables=tables)
    assert _tree(out) == before


def test_missing_or_unknown_table_is_refused(tmp_path):
    tables = synthetic_tables()
    del tables["sections"]
    with pytest.raises(ReleaseError, match="missing \\['sections'\\]"):
        _publish(tmp_path / "out", tables=tables)
    tables = synthetic_tables()
    tables["extra"] = pd.DataFrame({"a": [1]})
    with pytest.raises(ReleaseError, match="unregistered \\['extra'\\]"):
        _publish(tmp_path / "out", tables=tables)


def test_broken_foreign_key_fails_validation_and_is_not_published(tmp_path):
    out = tmp_path / "out"
    tables = synthetic_tables()
    tables["documents"] = tables["documents"].iloc[0:0]  # every metric now points at a missing document
    with pytest.raises(ReleaseValidationError, match=r"\['doc_id'\] are not in documents"):
        _publish(out, tables=tables)
    assert _visible(out) == []


def test_validating_aside_gives_the_same_release(tmp_path):
    inline = _publish(tmp_path / "inline")
    aside = _publish(tmp_path / "aside", validate_aside=True)
    assert aside.published and "validate" in aside.timings
    assert _tree(aside.path) == _tree(inline.path)


def test_validating_aside_still_refuses_a_broken_package_and_publishes_nothing(tmp_path):
    out = tmp_path / "out"
    _publish(out)
    before = _tree(out)
    tables = synthetic_tables(SECOND)
    tables["documents"] = tables["documents"].iloc[0:0]
    with pytest.raises(ReleaseValidationError, match=r"\['doc_id'\] are not in documents"):
        _publish(out, SECOND, tables=tables, validate_aside=True)
    assert _tree(out) == before  # no new release, no temporary directory left behind


# --- reading back -----------------------------------------------------------------------------


def test_load_latest_reads_the_newest_release_with_release_types(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(FileNotFoundError):
        load_latest(out, "metrics")
    _publish(out, FIRST)
    _publish(out, SECOND)
    metrics = load_latest(out, "metrics")
    assert len(metrics) == len(synthetic_tables(SECOND)["metrics"])
    assert str(metrics["value"].dtype) == "float64"
    assert str(metrics["report_year"].dtype) == "int64"
    assert str(metrics["in_headline"].dtype) == "bool"
    assert str(metrics["label"].dtype) == "str"
    assert list(metrics["start"]) == sorted(metrics["start"]) or metrics["doc_id"].nunique() > 1
    with pytest.raises(KeyError, match="no table"):
        load_latest(out, "nope")


# --- sharing unchanged files ------------------------------------------------------------------


def test_a_revision_hard_links_every_unchanged_file_and_copies_where_links_are_impossible(tmp_path, monkeypatch):
    import errno

    out = tmp_path / "out"
    first = _publish(out, FIRST)
    second = _publish(out, SECOND)
    same = [p.relative_to(second.path).as_posix() for p in second.path.rglob("*")
            if p.is_file() and (first.path / p.relative_to(second.path)).is_file()
            and (first.path / p.relative_to(second.path)).read_bytes() == p.read_bytes()]
    assert "documents_rejected.parquet" in same and "documents_rejected.csv" in same
    for name in same:
        assert (second.path / name).stat().st_ino == (first.path / name).stat().st_ino, name
    assert second.shared_files == len(same)

    def no_links(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    third = _publish(out, NEXT_YEAR)
    assert third.shared_files == 0
    rejected = third.path / "documents_rejected.csv"
    assert rejected.read_bytes() == (second.path / "documents_rejected.csv").read_bytes()
    assert rejected.stat().st_ino != (second.path / "documents_rejected.csv").stat().st_ino
