"""Validation of a release: frictionless on the package and a sample, every row by the same Table Schemas."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import frictionless
import pytest

from govmetrics.release import publish
from govmetrics.release.errors import ReleaseValidationError
from govmetrics.release.validate import SAMPLE_ROWS, _records, _sample_rows, check_rows, validate_datapackage
from release_fixtures import synthetic_sources, synthetic_tables, synthetic_years

KEYS = ["qingdao-2022", "hangzhou-2022", "qingdao-2023"]


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = publish(synthetic_tables(KEYS), out, sources=synthetic_sources(KEYS), report_years=synthetic_years(KEYS))
    return result.path


def _copy(release: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    return copy


def _descriptor(root: Path) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def _replace_in_csv(root: Path, name: str, old: str, new: str) -> None:
    path = root / f"{name}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_published_release_passes_both_checks_and_full_frictionless(release):
    validate_datapackage(release / "datapackage.json")
    validate_datapackage(release / "datapackage.json", full=True)
    assert frictionless.validate(str(release / "datapackage.json")).valid
    assert not (release / ".validate").exists() and not (release / ".validate.json").exists()


def test_a_changed_file_fails_on_its_recorded_hash(release, tmp_path):
    copy = _copy(release, tmp_path)
    _replace_in_csv(copy, "metrics", '"exact"', '"approx"')
    with pytest.raises(ReleaseValidationError, match="hash"):
        validate_datapackage(copy / "datapackage.json")


@pytest.mark.parametrize("table,old,new,message", [
    ("metrics", '"exact"', '"roughly"', "metrics.qualifier: rows break the enum constraint"),
    ("documents", '"青岛"', '""', "documents.city"),
    ("metrics", ",2022,", ",1850,", "metrics.report_year: rows break the minimum constraint"),
    ("sections", ",0,", ",zero,", "sections: a cell does not parse"),
])
def test_every_row_is_checked_against_its_table_schema(release, tmp_path, table, old, new, message):
    copy = _copy(release, tmp_path)
    _replace_in_csv(copy, table, old, new)
    problems = check_rows(_descriptor(copy), copy)
    assert any(message in p for p in problems), problems


def _csv_records(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(_records(fh))


def test_keys_are_checked_across_every_row(release, tmp_path):
    copy = _copy(release, tmp_path)
    path = copy / "documents.csv"
    records = _csv_records(path)
    path.write_text("".join(records[:1] + records[2:]), encoding="utf-8")  # a document gone: its rows dangle
    problems = check_rows(_descriptor(copy), copy)
    assert any("['doc_id'] are not in documents" in p for p in problems), problems
    metrics = copy / "metrics.csv"
    records = _csv_records(metrics)
    metrics.write_text("".join(records + records[1:2]), encoding="utf-8")  # one fact twice
    problems = check_rows(_descriptor(copy), copy)
    assert any("metrics: values of ['fact_id'] repeat" in p for p in problems), problems


def test_the_sample_has_the_header_the_first_rows_and_evenly_spaced_ones(tmp_path):
    path = tmp_path / "t.csv"
    rows = ["a,b\n"] + [f'{i},"x\ny{i}"\n' for i in range(10_000)]  # a quoted line break inside each record
    path.write_text("".join(rows), encoding="utf-8")
    sample = _sample_rows(path, SAMPLE_ROWS)
    assert sample[0] == "a,b\n" and sample[1:201] == rows[1:201]
    assert 0.8 * SAMPLE_ROWS <= len(sample) - 1 <= SAMPLE_ROWS
    assert set(sample) <= set(rows)
