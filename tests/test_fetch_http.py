"""``fetch_sources`` against a local server: what each kind of answer becomes in raw/."""

from __future__ import annotations

import hashlib
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fetch_fixtures import FAST, local, report_page, server  # noqa: F401 - fixtures
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from govmetrics.fetch import Source, fetch_sources
from govmetrics.fetch.snapshots import index_snapshots
from govmetrics.ingest import ingest_raw_dir, read_document
from govmetrics.ingest.sidecar import load_sidecar

T0 = datetime(2024, 5, 6, 6, 0, 12, tzinfo=timezone.utc)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)


def _source(url: str, **fields) -> Source:
    return Source(url=url, city=fields.pop("city", "云州"), report_year=fields.pop("report_year", 2023), **fields)


def _fetch(sources, raw: Path, at: datetime = T0, sleeps: list[float] | None = None):
    return fetch_sources(sources, raw, FAST, now=lambda: at, sleep=(sleeps.append if sleeps is not None else lambda _: None))


def _files(raw: Path) -> dict[str, bytes]:
    return {p.relative_to(raw).as_posix(): p.read_bytes() for p in sorted(raw.rglob("*")) if p.is_file()}


def _sidecar(report: Path) -> dict:
    meta = report.with_name(report.stem + ".meta.yml")
    return load_sidecar(meta, meta.name)


def test_gb18030_page_becomes_a_snapshot_with_its_provenance(local: HTTPServer, tmp_path: Path):
    body = report_page().encode("gb18030")
    local.expect_request("/sanmin/2023.html").respond_with_data(
        body, content_type="text/html; charset=GB2312", headers={"ETag": '"v1"', "Last-Modified": "Mon, 20 Nov 2023 00:30:00 GMT"}
    )
    url = local.url_for("/sanmin/2023.html")
    raw = tmp_path / "raw"
    [outcome] = _fetch([_source(url, publisher="云州日报", license="public", name="Yunzhou Sanmin 2023")], raw)

    assert outcome.status == "fetched", outcome
    assert outcome.path == f"2023/yunzhou-sanmin-2023-20240506T060012Z-{hashlib.sha256(body).hexdigest()[:8]}.html"
    report = raw / outcome.path
    assert report.read_bytes() == body
    meta = _sidecar(report)
    assert meta["source_url"] == url
    assert meta["retrieved"] == "2024-05-06T06:00:12+00:00"
    assert meta["sha256"] == hashlib.sha256(body).hexdigest()
    assert (meta["http_status"], meta["content_type"], meta["charset"]) == ("200", "text/html", "GB2312")
    assert (meta["etag"], meta["last_modified"]) == ('"v1"', "Mon, 20 Nov 2023 00:30:00 GMT")
    assert (meta["city"], meta["report_year"], meta["publisher"], meta["name"]) == ("云州", 2023, "云州日报", "Yunzhou Sanmin 2023")
    assert "final_url" not in meta

    doc = read_document(report, raw)  # the build reads the snapshot as written
    assert doc.encoding == "gb18030" and "提供公办学位1.2万个" in doc.text
    assert doc.meta["source_url"] == url and doc.meta["retrieved"] == "2024-05-06T06:00:12+00:00"

    [(request, _)] = local.log
    assert request.headers["User-Agent"].startswith("govmetrics/")
    assert "If-None-Match" not in request.headers
    assert not [p for p in raw.rglob(".*")]  # no temporary file left behind


def test_a_redirect_is_followed_and_recorded(local: HTTPServer, tmp_path: Path):
    local.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    local.expect_request("/new").respond_with_data("2023年市教育局工作报告\n提供学位8000个\n", content_type="text/plain; charset=utf-8")
    [outcome] = _fetch([_source(local.url_for("/old"))], tmp_path)
    assert outcome.status == "fetched", outcome
    assert outcome.path.endswith(".txt")
    meta = _sidecar(tmp_path / outcome.path)
    assert meta["source_url"] == local.url_for("/old")
    assert meta["final_url"] == local.url_for("/new")
    assert meta["charset"] == "utf-8"


def test_a_redirect_loop_fails_without_writing(local: HTTPServer, tmp_path: Path):
    local.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    local.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    [outcome] = _fetch([_source(local.url_for("/a"))], tmp_path)
    assert (outcome.status, outcome.reason) == ("failed", "too_many_redirects")
    assert len(local.log) == FAST.max_redirects + 1
    assert _files(tmp_path) == {}


def test_a_redirect_may_not_leave_http(local: HTTPServer, tmp_path: Path):
    local.expect_request("/go").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    [outcome] = _fetch([_source(local.url_for("/go"))], tmp_path)
    assert (outcome.status, outcome.reason) == ("failed", "unsupported_scheme")
    assert "file://" in outcome.detail
    assert _files(tmp_path) == {}


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/report.txt", "file:///etc/passwd", "javascript:alert(1)", "/relative/path"])
def test_only_http_and_https_are_requested(local: HTTPServer, tmp_path: Path, url: str):
    [outcome] = _fetch([_source(url)], tmp_path)
    assert (outcome.status, outcome.reason) == ("failed", "unsupported_scheme")
    assert "only http and https" in outcome.detail
    assert local.log == []


def test_404_is_final_and_the_other_sources_are_still_fetched(local: HTTPServer, tmp_path: Path):
    local.expect_request("/gone").respond_with_data("not here", status=404)
    local.expect_request("/here").respond_with_data(report_page().encode("gb18030"), content_type="text/html")
    gone, here = local.url_for("/gone"), local.url_for("/here")
    outcomes = _fetch([_source(gone), _source(here)], tmp_path)
    assert [(o.url, o.status) for o in outcomes] == [(gone, "failed"), (here, "fetched")]
    assert outcomes[0].reason == "http_error" and outcomes[0].detail.startswith("HTTP 404")
    assert [r.path for r, _ in local.log] == ["/gone", "/here"]  # a 4xx is not retried


def test_500_then_200_is_retried_with_backoff(local: HTTPServer, tmp_path: Path):
    answers = iter([Response("busy", status=500), Response("2023年工作报告\n", content_type="text/plain")])
    local.expect_request("/flaky").respond_with_handler(lambda _: next(answers))
    sleeps: list[float] = []
    [outcome] = _fetch([_source(local.url_for("/flaky"))], tmp_path, sleeps=sleeps)
    assert outcome.status == "fetched", outcome
    assert len(local.log) == 2
    assert sleeps == [FAST.backoff]


def test_a_server_error_that_lasts_fails_after_the_retries(local: HTTPServer, tmp_path: Path):
    local.expect_request("/down").respond_with_data("down", status=503)
    sleeps: list[float] = []
    [outcome] = _fetch([_source(local.url_for("/down"))], tmp_path, sleeps=sleeps)
    assert (outcome.status, outcome.reason) == ("failed", "http_error")
    assert outcome.detail == f"HTTP 503 SERVICE UNAVAILABLE ({FAST.retries + 1} attempts)"
    assert sleeps == [FAST.backoff, FAST.backoff * 2]  # exponential
    assert len(local.log) == FAST.retries + 1


def test_a_response_slower_than_the_timeout_fails(local: HTTPServer, tmp_path: Path):
    def slow(_: Request) -> Response:
        time.sleep(FAST.timeout * 3)
        return Response("too late", content_type="text/plain")

    local.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    [outcome] = _fetch([_source(local.url_for("/slow"))], tmp_path)
    elapsed = time.monotonic() - started
    assert (outcome.status, outcome.reason) == ("failed", "timeout")
    assert f"({FAST.retries + 1} attempts)" in outcome.detail
    assert elapsed < (FAST.retries + 1) * FAST.timeout * 3  # each attempt was cut off, not waited out
    assert _files(tmp_path) == {}


def test_an_oversized_body_fails_whether_announced_or_streamed(local: HTTPServer, tmp_path: Path):
    big = "报告" * FAST.max_bytes
    local.expect_request("/announced").respond_with_data(big, content_type="text/plain")
    chunks = ("报告".encode() * 4096 for _ in range(FAST.max_bytes // 4096))  # no Content-Length: chunked
    local.expect_request("/streamed").respond_with_response(Response(chunks, content_type="text/plain"))
    outcomes = _fetch([_source(local.url_for("/announced")), _source(local.url_for("/streamed"))], tmp_path)
    assert [(o.status, o.reason) for o in outcomes] == [("failed", "too_large")] * 2
    assert "announces" in outcomes[0].detail and "passed" in outcomes[1].detail
    assert _files(tmp_path) == {}


def test_a_binary_body_fails_whatever_its_declared_type(local: HTTPServer, tmp_path: Path):
    local.expect_request("/image").respond_with_data(PNG, content_type="image/png")
    local.expect_request("/disguised").respond_with_data(b"%PDF-1.7\n" + bytes(100), content_type="text/html")
    local.expect_request("/data").respond_with_data('{"a": 1}', content_type="application/json")
    outcomes = _fetch([_source(local.url_for(p)) for p in ("/image", "/disguised", "/data")], tmp_path)
    assert [(o.status, o.reason) for o in outcomes] == [("failed", "binary"), ("failed", "binary"), ("failed", "unsupported_type")]
    assert "PDF" in outcomes[1].detail
    assert _files(tmp_path) == {}


def test_etag_and_last_modified_are_sent_back_and_304_writes_nothing(local: HTTPServer, tmp_path: Path):
    body = report_page().encode("gb18030")
    validators = {"ETag": '"v1"', "Last-Modified": "Mon, 20 Nov 2023 00:30:00 GMT"}

    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers=validators)
        return Response(body, content_type="text/html", headers=validators)

    local.expect_request("/page").respond_with_handler(conditional)
    source = _source(local.url_for("/page"))
    [first] = _fetch([source], tmp_path)
    before = _files(tmp_path)
    [second] = _fetch([source], tmp_path, at=T0 + timedelta(days=7))
    assert first.status == "fetched"
    assert (second.status, second.detail, second.path) == ("unchanged", "304 Not Modified", first.path)
    assert _files(tmp_path) == before
    # Only this test's path: a slow response of an earlier test may be logged late on the shared server.
    sent = [request for request, _ in local.log if request.path == "/page"][1].headers
    assert (sent["If-None-Match"], sent["If-Modified-Since"]) == (validators["ETag"], validators["Last-Modified"])


def test_the_same_bytes_without_validators_write_nothing(local: HTTPServer, tmp_path: Path):
    local.expect_request("/plain").respond_with_data(report_page().encode("gb18030"), content_type="text/html")
    source = _source(local.url_for("/plain"))
    [first] = _fetch([source], tmp_path)
    before = _files(tmp_path)
    [second] = _fetch([source], tmp_path, at=T0 + timedelta(days=7))
    assert (first.status, second.status, second.detail) == ("fetched", "unchanged", "same content")
    assert _files(tmp_path) == before


def test_changed_content_adds_a_snapshot_beside_the_old_one(local: HTTPServer, tmp_path: Path):
    pages = iter([report_page(schools=40), report_page(schools=45)])
    local.expect_request("/page").respond_with_handler(
        lambda _: Response(next(pages).encode("gb18030"), content_type="text/html; charset=gb18030")
    )
    source = _source(local.url_for("/page"), name="yunzhou")
    [first] = _fetch([source], tmp_path)
    old = _files(tmp_path)
    [second] = _fetch([source], tmp_path, at=T0 + timedelta(days=7))

    assert (first.status, second.status) == ("fetched", "fetched")
    assert first.path != second.path
    now = _files(tmp_path)
    assert {k: now[k] for k in old} == old  # the first snapshot and its sidecar, byte for byte
    assert len(now) == 4
    assert [s.path.name for s in index_snapshots(tmp_path)[source.url]] == [Path(first.path).name, Path(second.path).name]

    ingested = ingest_raw_dir(tmp_path)  # the build reads the newest one only
    assert [d.path for d in ingested.documents] == [second.path]
    assert "45所学校开工" in ingested.documents[0].text
    assert [(r.source_file, r.reason) for r in ingested.rejected] == [(first.path, "superseded")]
    assert second.path in ingested.rejected[0].detail
