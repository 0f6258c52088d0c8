"""Acceptance: ``govmetrics fetch`` against a local server, then a build of what it fetched.

Also the Dagster side: the ``raw_snapshots`` asset records each run's results in its metadata, and
the raw/ sensor requests a build of the year a new snapshot arrived in.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from dagster import DagsterInstance, SensorResult, build_sensor_context, materialize
from fetch_fixtures import local, report_page, server  # noqa: F401 - fixtures
from pytest_httpserver import HTTPServer
from werkzeug import Response

from govmetrics.cli import main
from govmetrics.ingest.sidecar import load_sidecar
from pipelines.assets.fetched import ALL_FETCHED, raw_snapshots
from pipelines.automation import raw_files_sensor
from pipelines.build import build
from pipelines.definitions import build_definitions
from pipelines.resources import ProjectPaths


class Page:
    """A page whose content the test can change between two fetches."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def respond(self, _request) -> Response:
        return Response(self.body, content_type="text/html; charset=gb18030")


def _manifest(raw: Path, *urls: str) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    entries = "".join(f"  - url: {url}\n    city: 云州\n    report_year: 2023\n    publisher: 云州日报\n" for url in urls)
    (raw / "sources.yml").write_text(f"sources:\n{entries}", encoding="utf-8")


def _files(raw: Path) -> dict[str, bytes]:
    return {p.relative_to(raw).as_posix(): p.read_bytes() for p in sorted(raw.rglob("*")) if p.is_file()}


def _snapshots(raw: Path) -> list[str]:
    return sorted(p for p in _files(raw) if p.endswith(".html"))


def test_fetch_snapshots_then_build_publishes_once(local: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture):
    page = Page(report_page(schools=40).encode("gb18030"))
    local.expect_request("/sanmin/2023.html").respond_with_handler(page.respond)
    local.expect_request("/missing.html").respond_with_data("no such page", status=404)
    url, missing = local.url_for("/sanmin/2023.html"), local.url_for("/missing.html")
    raw = tmp_path / "raw"
    _manifest(raw, missing, url)

    # First run: the page is snapshotted with its sidecar; the 404 is named and the exit code is 1.
    assert main(["fetch", "--raw", str(raw)]) == 1
    out, err = capsys.readouterr()
    assert missing in err and "HTTP 404" in err
    assert "fetched 1, unchanged 0, failed 1" in out
    [first] = _snapshots(raw)
    assert (raw / first).read_bytes() == page.body
    meta = load_sidecar(raw / first.replace(".html", ".meta.yml"), "sidecar")
    assert meta["source_url"] == url and meta["retrieved"] and len(meta["sha256"]) == 64

    # Second run, nothing changed online: nothing is added.
    before = _files(raw)
    assert main(["fetch", "--raw", str(raw)]) == 1
    assert "fetched 0, unchanged 1, failed 1" in capsys.readouterr().out
    assert _files(raw) == before

    # The page changes: a second snapshot, and the first kept byte for byte.
    page.body = report_page(schools=45).encode("gb18030")
    assert main(["fetch", "--sources", str(raw / "sources.yml"), "--raw", str(raw)]) == 1
    snapshots = _snapshots(raw)
    assert len(snapshots) == 2 and first in snapshots
    assert {k: v for k, v in _files(raw).items() if k in before} == before
    second = next(s for s in snapshots if s != first)

    # A build of that raw dir publishes the document once, the newest, with its source_url.
    out_dir = tmp_path / "outputs"
    with DagsterInstance.ephemeral() as instance:
        outcome = build(raw, out_dir, instance=instance)
    assert outcome.ok and outcome.published, (outcome.reason, outcome.problems)
    release = out_dir / (out_dir / "LATEST").read_text(encoding="utf-8").strip()
    documents = pd.read_parquet(release / "documents.parquet")
    assert documents["source_file"].tolist() == [second]
    assert documents["source_url"].tolist() == [url]
    assert "45所学校开工" in documents["text"].iloc[0]
    rejected = pd.read_parquet(release / "documents_rejected.parquet")
    assert rejected[["source_file", "reason"]].values.tolist() == [[first, "superseded"]]
    metrics = pd.read_parquet(release / "metrics.parquet")
    assert len(metrics) > 0 and set(metrics["doc_id"]) == set(documents["doc_id"])


def test_an_invalid_manifest_stops_before_any_request(local: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "sources.yml").write_text(f"sources:\n  - url: {local.url_for('/a')}\n    report_year: 2023\n", encoding="utf-8")
    assert main(["fetch", "--raw", str(raw)]) == 1
    assert "entry 1: missing required field 'city'" in capsys.readouterr().err
    assert local.log == []


def test_the_asset_records_results_and_the_sensor_builds_what_arrived(local: HTTPServer, tmp_path: Path):
    local.expect_request("/page.html").respond_with_data(report_page().encode("gb18030"), content_type="text/html")
    local.expect_request("/gone.html").respond_with_data("gone", status=410)
    raw = tmp_path / "raw"
    _manifest(raw, local.url_for("/page.html"), local.url_for("/gone.html"))
    resources = {"paths": ProjectPaths(raw_dir=str(raw), outputs_dir=str(tmp_path / "out"))}

    with DagsterInstance.ephemeral() as instance:
        result = materialize([raw_snapshots], resources=resources, instance=instance, raise_on_error=False)
        [materialization] = result.asset_materializations_for_node("raw_snapshots")
        metadata = {key: value.value for key, value in materialization.metadata.items()}
        assert (metadata["fetched"], metadata["unchanged"], metadata["failed"], metadata["sources"]) == (1, 0, 1, 2)
        assert metadata["new_snapshots"] == _snapshots(raw)
        assert local.url_for("/gone.html") in metadata["results"] and "HTTP 410" in metadata["results"]
        [check] = result.get_asset_check_evaluations()
        assert check.check_name == ALL_FETCHED and not check.passed
        assert local.url_for("/gone.html") in check.metadata["failures"].value

        context = build_sensor_context(instance=instance, resources=resources)
        requested = raw_files_sensor(context)
        assert isinstance(requested, SensorResult)
        assert [r.partition_key for r in requested.run_requests] == ["2023"]

        again = materialize([raw_snapshots], resources=resources, instance=instance, raise_on_error=False)
        [rerun] = again.asset_materializations_for_node("raw_snapshots")
        assert (rerun.metadata["fetched"].value, rerun.metadata["unchanged"].value) == (0, 1)


def test_the_fetch_job_runs_weekly_before_the_daily_build(tmp_path: Path):
    defs = build_definitions(raw_dir=tmp_path, outputs_dir=tmp_path / "out")
    job = defs.resolve_job_def("fetch_sources")
    assert [node.name for node in job.graph.nodes] == ["raw_snapshots"]
    schedule = defs.resolve_schedule_def("weekly_fetch")
    assert schedule.job_name == "fetch_sources"
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 5 * * 1", "Asia/Shanghai")
