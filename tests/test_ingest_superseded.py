"""Of several snapshots of one source the build reads the newest; the others are listed as superseded."""

from __future__ import annotations

from pathlib import Path

from govmetrics.ingest import ingest_raw_dir, scan_raw_dir
from govmetrics.ingest.superseded import retrieval_time

ROOT = Path(__file__).resolve().parents[1]
URL = "https://www.example.gov.cn/sanmin/2023.html"


def _report(raw: Path, name: str, body: str, **sidecar: str) -> None:
    path = raw / "2023" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    fields = {"city": "云州", "report_year": "2023", **sidecar}
    path.with_name(path.stem + ".meta.yml").write_text("".join(f"{k}: '{v}'\n" for k, v in fields.items()), encoding="utf-8")


def test_only_the_newest_snapshot_is_read(tmp_path: Path):
    _report(tmp_path, "a-1.txt", "2023年工作报告\n市教育局新建学校40所\n", source_url=URL, retrieved="2024-05-06T06:00:00+00:00")
    # retrieved later in absolute time, though its local clock reads earlier
    _report(tmp_path, "a-2.txt", "2023年工作报告\n市教育局新建学校45所\n", source_url=URL, retrieved="2024-05-06T10:00:00+08:00")
    _report(tmp_path, "a-3.txt", "2023年工作报告\n市教育局新建学校50所\n", source_url=URL, retrieved="2024-05-13T06:00:00+00:00")
    _report(tmp_path, "other.txt", "2023年工作报告\n市民政局新建养老站28处\n", source_url="https://www.example.gov.cn/other.html")
    _report(tmp_path, "by-hand.txt", "2023年工作报告\n市司法局调解纠纷3.5万件\n")

    ingested = ingest_raw_dir(tmp_path)
    assert sorted(d.path for d in ingested.documents) == ["2023/a-3.txt", "2023/by-hand.txt", "2023/other.txt"]
    assert [(r.source_file, r.reason, r.report_year) for r in ingested.rejected] == [
        ("2023/a-1.txt", "superseded", 2023),
        ("2023/a-2.txt", "superseded", 2023),
    ]
    assert all("2023/a-3.txt" in r.detail and URL in r.detail for r in ingested.rejected)


def test_a_superseded_snapshot_is_not_also_a_duplicate(tmp_path: Path):
    same = "2023年工作报告\n市教育局新建学校40所\n"
    _report(tmp_path, "a-1.txt", same, source_url=URL, retrieved="2024-05-06")
    _report(tmp_path, "a-2.txt", same + "\n", source_url=URL, retrieved="2024-05-07T00:00:00")
    ingested = ingest_raw_dir(tmp_path)
    assert [d.path for d in ingested.documents] == ["2023/a-2.txt"]
    assert [(r.source_file, r.reason) for r in ingested.rejected] == [("2023/a-1.txt", "superseded")]


def test_retrieval_times_compare_across_precisions_and_zones():
    assert retrieval_time("2024-05-06") < retrieval_time("2024-05-06T00:00:01")
    assert retrieval_time("2024-05-06T10:00:00+08:00") == retrieval_time("2024-05-06T02:00:00+00:00")
    assert retrieval_time(None) < retrieval_time("1990-01-01")


def test_the_manifest_is_not_a_raw_file():
    assert ingest_raw_dir(ROOT / "raw").rejected == []
    assert "sources.yml" not in {f.path for f in scan_raw_dir(ROOT / "raw")}
