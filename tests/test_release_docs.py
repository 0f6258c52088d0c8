"""What a release says about itself: its own date, how to cite it, what its licence covers, how to read it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from govmetrics.release import PackageInfo, ReleaseError, publish
from govmetrics.release.info import release_created
from release_fixtures import synthetic_sources, synthetic_tables, synthetic_years

ROOT = Path(__file__).resolve().parents[1]


def _publish(out: Path, **kw):
    return publish(synthetic_tables(), out, sources=synthetic_sources(), report_years=synthetic_years(), **kw)


def test_the_release_date_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert release_created() == "2023-11-14T22:13:20Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ReleaseError, match="SOURCE_DATE_EPOCH"):
        release_created()


def test_else_from_the_commit_and_outside_a_checkout_there_is_none(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    committed = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cI"], capture_output=True, text=True)
    if committed.returncode == 0:
        assert release_created(ROOT) is not None and release_created(ROOT) == release_created(ROOT / "raw")
    assert release_created(tmp_path) is None


def test_a_release_dated_by_its_build_is_the_same_bytes_when_rebuilt(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = _publish(tmp_path / "a", created=release_created())
    b = _publish(tmp_path / "b", created=release_created())
    files = lambda p: {f.relative_to(p): f.read_bytes() for f in p.rglob("*") if f.is_file()}  # noqa: E731
    assert files(a.path) == files(b.path)
    package = json.loads((a.path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["created"] == "2023-11-14T22:13:20Z"  # not the newest source's date (2022-11-28)
    citation = yaml.safe_load((a.path / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["date-released"] == "2023-11-14"


def test_the_citation_has_a_repository_field_ready_to_fill(tmp_path):
    empty = _publish(tmp_path / "a", info=PackageInfo(repository=None))
    text = (empty.path / "CITATION.cff").read_text(encoding="utf-8")
    assert "# repository-code:" in text and "repository-code" not in yaml.safe_load(text)
    filled = _publish(tmp_path / "b", info=PackageInfo(repository="https://example.org/govmetrics"))
    citation = yaml.safe_load((filled.path / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["repository-code"] == "https://example.org/govmetrics"
    assert "https://example.org/govmetrics" in (filled.path / "README.md").read_text(encoding="utf-8")


def test_readme_says_what_null_means_what_report_year_is_and_what_the_licence_covers(tmp_path):
    readme = (_publish(tmp_path / "a").path / "README.md").read_text(encoding="utf-8")
    reading = readme.split("## Reading the data", 1)[1].split("\n## ", 1)[0]
    assert "empty cell (NULL)" in reading and "value_min" in reading
    assert "report_year" in reading and "period" in reading and "November" in reading
    licence = readme.split("## Licence", 1)[1].split("\n## ", 1)[0]
    assert "CC BY 4.0" in licence or "Creative Commons Attribution 4.0" in licence
    assert "not under CC BY 4.0" in licence and "documents.text" in licence and "publishers" in licence


def test_readme_points_to_the_site_it_ships_with(tmp_path):
    release = _publish(tmp_path / "a").path
    readme = (release / "README.md").read_text(encoding="utf-8")
    assert "`site/index.html`" in readme
    assert (release / "site" / "index.html").is_file()
    sums = (release / "SHA256SUMS").read_text(encoding="utf-8")
    assert "site/index.html" in sums
