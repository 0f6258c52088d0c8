"""Writing a snapshot: all or nothing, never over an existing file, always inside raw/<year>/."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

import pytest

import govmetrics.fetch.snapshots as snapshots
from govmetrics.fetch import Source
from govmetrics.fetch.client import Fetched
from govmetrics.fetch.content import ContentType
from govmetrics.fetch.snapshots import index_snapshots, write_snapshot

T0 = datetime(2024, 5, 6, 6, 0, 12, tzinfo=timezone.utc)
SOURCE = Source(url="https://www.example.gov.cn/a.html", city="云州", report_year=2023, name="../../escape")
BODY = "2023年工作报告\n市教育局新建学校40所\n".encode()


SHORT = hashlib.sha256(BODY).hexdigest()[:8]
SERVED = ContentType("text/plain", None)


def _fetched(body: bytes = BODY) -> Fetched:
    return Fetched(200, "OK", SOURCE.url, "text/plain", None, None, body, 1)


def _all_files(raw: Path) -> list[str]:
    return sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file())


def test_a_snapshot_lands_in_its_year_under_a_safe_name(tmp_path: Path):
    path = write_snapshot(tmp_path, SOURCE, _fetched(), SERVED, T0, "txt")
    assert path == tmp_path / "2023" / f"escape-20240506T060012Z-{SHORT}.txt"
    assert _all_files(tmp_path) == [f"2023/escape-20240506T060012Z-{SHORT}.meta.yml", f"2023/escape-20240506T060012Z-{SHORT}.txt"]
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


def test_a_snapshot_is_never_overwritten(tmp_path: Path):
    existing = tmp_path / "2023" / f"escape-20240506T060012Z-{SHORT}.txt"
    existing.parent.mkdir()
    existing.write_bytes(b"already here")
    with pytest.raises(FileExistsError):
        write_snapshot(tmp_path, SOURCE, _fetched(), SERVED, T0, "txt")
    assert existing.read_bytes() == b"already here"
    assert _all_files(tmp_path) == [existing.relative_to(tmp_path).as_posix()]  # no sidecar, no temporary file


def test_a_failed_sidecar_leaves_no_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def full_disk(fields: dict) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshots, "render_sidecar", full_disk)
    with pytest.raises(OSError):
        write_snapshot(tmp_path, SOURCE, _fetched(), SERVED, T0, "txt")
    assert _all_files(tmp_path) == []


def test_sidecars_that_cannot_be_read_are_no_snapshots(tmp_path: Path):
    write_snapshot(tmp_path, SOURCE, _fetched(), SERVED, T0, "txt")
    (tmp_path / "2023" / "broken.txt").write_bytes(BODY)
    (tmp_path / "2023" / "broken.meta.yml").write_text("source_url: [", encoding="utf-8")
    (tmp_path / "2023" / "orphan.meta.yml").write_text(f"source_url: {SOURCE.url}\n", encoding="utf-8")
    found = index_snapshots(tmp_path)
    assert [s.path.name for s in found[SOURCE.url]] == [f"escape-20240506T060012Z-{SHORT}.txt"]
