"""The sources manifest, safe snapshot names and what a served body may become (no network)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govmetrics.fetch import ManifestError, Source, load_manifest
from govmetrics.fetch.content import ContentType, UnusableContent, parse_content_type, snapshot_format
from govmetrics.fetch.manifest import parse_manifest
from govmetrics.fetch.names import slug, snapshot_name, source_name

ROOT = Path(__file__).resolve().parents[1]
SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SHA = "0123abcd" + "0" * 56


def test_a_full_entry_keeps_every_field():
    text = """
sources:
  - url: https://www.example.gov.cn/a.html
    city: 青岛
    report_year: 2023
    department: 市教育局
    publisher: 青岛日报
    title: yes
    license: public
    name: qd-2023
  - url: https://www.example.gov.cn/b.html
    city: 青岛
    report_year: "2024"
"""
    first, second = parse_manifest(text, "sources.yml")
    assert first == Source(
        url="https://www.example.gov.cn/a.html", city="青岛", report_year=2023, department="市教育局",
        publisher="青岛日报", title="yes", license="public", name="qd-2023",
    )
    assert first.sidecar_fields()["source_url"] == first.url and "url" not in first.sidecar_fields()
    assert second.report_year == 2024 and second.name is None
    assert "department" not in second.sidecar_fields()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("sources:\n  - url: https://a.cn/x\n    report_year: 2023\n", ["entry 1", "'city'"]),
        ("sources:\n  - url: https://a.cn/x\n    city: 青岛\n    report_year: 2023\n    relase: x\n", ["entry 1", "'relase'", "allowed keys"]),
        ("sources:\n  - url: https://a.cn/x\n    city: 青岛\n    report_year: twenty\n", ["'report_year'", "twenty"]),
        ("sources:\n  - url: https://a.cn/x\n    city: 青岛\n    report_year: 1850\n", ["'report_year'", "1850"]),
        ("sources:\n  - url: https://a.cn/x\n    city: [青岛]\n    report_year: 2023\n", ["'city'", "a list"]),
        ("sources:\n  - url: https://a.cn/x\n    city: 青岛\n    report_year: 2023\n    name: 青岛\n", ["'name'", "file name"]),
        (
            "sources:\n  - {url: 'https://a.cn/x', city: 青岛, report_year: 2023}\n"
            "  - {url: 'https://a.cn/x', city: 青岛, report_year: 2024}\n",
            ["entry 2", "already listed by entry 1"],
        ),
        (
            "sources:\n  - {url: 'https://a.cn/x', city: 青岛, report_year: 2023, name: QD 1}\n"
            "  - {url: 'https://a.cn/y', city: 青岛, report_year: 2023, name: qd-1}\n",
            ["entry 2", "qd-1"],
        ),
        ("sources: https://a.cn/x\n", ["list"]),
        ("- url: https://a.cn/x\n", ["'sources'"]),
        ("sources: [\n", ["not valid YAML"]),
        ("", ["empty"]),
    ],
)
def test_a_bad_manifest_names_the_file_the_entry_and_the_field(text: str, words: list[str]):
    with pytest.raises(ManifestError) as info:
        parse_manifest(text, "raw/sources.yml")
    message = str(info.value)
    assert message.startswith("raw/sources.yml: ")
    for word in words:
        assert word in message


def test_a_missing_manifest_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ManifestError, match="no sources manifest"):
        load_manifest(tmp_path / "sources.yml")


def test_the_shipped_manifest_loads():
    assert isinstance(load_manifest(ROOT / "raw" / "sources.yml"), list)


def test_names_are_file_safe():
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("Qingdao 三民 / 2022") == "qingdao-2022"
    assert slug("ＱＤ２０２３") == "qd2023"  # full-width letters fold to ASCII
    url_name = source_name("https://www.qingdao.gov.cn/n172/2022/art_123.html?id=9")
    assert url_name.startswith("www-qingdao-gov-cn-n172-2022-art-123-") and SAFE.match(url_name)
    assert source_name("https://a.cn/x?id=1") != source_name("https://a.cn/x?id=2")
    assert source_name("https://a.cn/x", "My Report") == "my-report"
    with pytest.raises(ValueError):
        snapshot_name("../x", datetime(2024, 1, 1, tzinfo=timezone.utc), SHA, "html")
    with pytest.raises(ValueError):
        snapshot_name("x", datetime(2024, 1, 1, tzinfo=timezone.utc), SHA, "sh")
    with pytest.raises(ValueError):
        snapshot_name("x", datetime(2024, 1, 1, tzinfo=timezone.utc), "../" + SHA[3:], "html")


def test_snapshot_names_sort_by_retrieval_time():
    t = datetime(2024, 5, 6, 14, 0, 1, tzinfo=timezone(timedelta(hours=8)))
    assert snapshot_name("qd", t, SHA, "html") == "qd-20240506T060001Z-0123abcd.html"
    later = snapshot_name("qd", t + timedelta(seconds=1), "f" * 64, "html")
    assert later > snapshot_name("qd", t, SHA, "html")
    assert snapshot_name("qd", t, "f" * 64, "html") != snapshot_name("qd", t, SHA, "html")  # two versions in one second


@given(st.text())
def test_any_name_gives_a_safe_slug(text: str):
    name = slug(text)
    assert name == "" or SAFE.match(name)
    assert len(name) <= 80


@given(st.text(), st.one_of(st.none(), st.text()))
def test_any_url_gives_a_safe_source_name(url: str, name: str | None):
    stem = source_name(url, name)
    assert SAFE.match(stem) and ".." not in stem and "/" not in stem
    assert len(stem) <= 80


def test_content_type_as_served():
    assert parse_content_type('text/html; charset="GB2312"') == ContentType("text/html", "GB2312")
    assert parse_content_type("Text/Plain;Charset=UTF-8") == ContentType("text/plain", "UTF-8")
    assert parse_content_type("text/html") == ContentType("text/html", None)
    assert parse_content_type(None) == ContentType(None, None)


@pytest.mark.parametrize(
    ("media", "body", "expected"),
    [
        ("text/html", "<html>报告</html>".encode("gb18030"), "html"),
        ("application/xhtml+xml", b"<html></html>", "html"),
        ("text/plain", "报告".encode(), "txt"),
        (None, b"  <!DOCTYPE html><html></html>", "html"),
        ("application/octet-stream", "市教育局报告".encode(), "txt"),
        ("text/plain", "\ufeff报告".encode("utf-16"), "txt"),  # a BOM proves text despite its NUL bytes
    ],
)
def test_readable_bodies_get_their_format(media, body, expected):
    assert snapshot_format(media, body) == expected


@pytest.mark.parametrize(
    ("media", "body", "reason"),
    [
        ("text/html", b"%PDF-1.4 ...", "binary"),
        ("application/pdf", b"not really a pdf", "binary"),
        ("image/png", b"\x89PNG\r\n", "binary"),
        ("text/plain", b"abc\x00def", "binary"),
        ("application/json", b"{}", "unsupported_type"),
        ("text/html", b"  \n", "empty"),
    ],
)
def test_unreadable_bodies_are_refused(media, body, reason):
    with pytest.raises(UnusableContent) as info:
        snapshot_format(media, body)
    assert info.value.reason == reason
