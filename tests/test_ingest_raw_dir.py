"""A whole raw/ directory: good files become documents, each bad one exactly one readable rejection.

The bad inputs are generated here, in a temporary directory, rather than committed: a 50 MB file and
binary junk have no place in the repository.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from govmetrics.ingest import MAX_BYTES, RawFile, ingest_raw_dir, scan_raw_dir
from govmetrics.tables import documents_frame
from schemas import Documents, DocumentsRejected
from schemas.vocabularies import REJECTION_REASONS

DEV = Path(__file__).parent / "corpus" / "dev"
TEXT_2021 = (DEV / "hc-sanmin-2021.txt").read_text(encoding="utf-8")
TEXT_2022 = (DEV / "hc-sanmin-2022.txt").read_text(encoding="utf-8")
TEXT_2023 = (DEV / "hc-sanmin-2023.txt").read_text(encoding="utf-8")
CJK_NAME = "2022/海川 三民 报告 (转载).txt"


def _put(raw: Path, name: str, data: bytes | str) -> Path:
    path = raw / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture(scope="module")
def bad_raw(tmp_path_factory) -> tuple[Path, dict[str, float]]:
    raw = tmp_path_factory.mktemp("bad") / "raw"
    timings: dict[str, float] = {}
    # Good: a name with spaces, brackets and CJK characters, and a second report of another year.
    _put(raw, CJK_NAME, TEXT_2022)
    _put(raw, "2021/hc-sanmin-2021.txt", TEXT_2021)
    # Bad, one reason each.
    _put(raw, "2022/empty.txt", b"")
    _put(raw, "2022/binary.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    utf8 = TEXT_2023.encode("utf-8")
    _put(raw, "2023/truncated.txt", utf8[: utf8.index("卫".encode()) + 1])
    _put(raw, "2021/wrong-encoding.txt", TEXT_2021.replace("2021", "二〇二一", 1).encode("gb18030"))
    _put(raw, "2021/wrong-encoding.meta.yml", "encoding: utf-8\n")
    _put(raw, "2022/menu.html", "<html><body><div class='nav'><a href='/'>首页</a></div>"
                                "<ul><li><a href='/1'>市教育局推动基础教育优质均衡发展</a></li></ul>"
                                "<div class='footer'>Copyright © 2022 海川市人民政府</div></body></html>")
    _put(raw, "2023/bad-date.txt", TEXT_2023)
    _put(raw, "2023/bad-date.meta.yml", "city: 海川\npublished: 2023-02-29\n")
    _put(raw, "2022/copy.gb18030.txt", TEXT_2022.encode("gb18030"))
    started = time.perf_counter()
    with (raw / "2022" / "huge.txt").open("wb") as f:
        block = TEXT_2022.encode("utf-8")
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            f.write(block)
    timings["write_50mb"] = time.perf_counter() - started
    _put(raw, "2022/report.pdf", b"%PDF-1.4\n")
    _put(raw, "2022/.DS_Store", b"\x00\x00\x00\x01Bud1")
    _put(raw, ".git/config", "[core]\n")
    return raw, timings


EXPECTED_REJECTIONS = {
    "2022/empty.txt": ("empty", ["empty"]),
    "2022/binary.txt": ("binary", ["PNG"]),
    "2023/truncated.txt": ("undecodable", ["cut off", "not UTF-8"]),
    "2021/wrong-encoding.txt": ("encoding_mismatch", ["'utf-8'", "gb18030"]),
    "2022/menu.html": ("no_article", ["no article"]),
    "2023/bad-date.txt": ("invalid_metadata", ["2023/bad-date.meta.yml", "'published'", "2023-02-29"]),
    "2022/copy.gb18030.txt": ("duplicate", [CJK_NAME]),
    "2022/huge.txt": ("too_large", [f"{MAX_BYTES:,}"]),
    "2022/report.pdf": ("unsupported_format", ["'.pdf'"]),
}


def test_each_bad_file_is_one_readable_rejection_and_the_good_ones_are_documents(bad_raw):
    raw, _ = bad_raw
    result = ingest_raw_dir(raw)
    assert [doc.path for doc in result.documents] == ["2021/hc-sanmin-2021.txt", CJK_NAME]
    assert [r.source_file for r in result.rejected] == sorted(EXPECTED_REJECTIONS)
    for rejection in result.rejected:
        reason, words = EXPECTED_REJECTIONS[rejection.source_file]
        assert rejection.reason == reason, rejection
        assert rejection.reason in REJECTION_REASONS
        assert rejection.detail.startswith(rejection.source_file.split("/")[0]), rejection.detail
        for word in words:
            assert word in rejection.detail, (word, rejection.detail)
        data = (raw / rejection.source_file).read_bytes()
        assert rejection.sha256 == hashlib.sha256(data).hexdigest()
        assert rejection.report_year == int(rejection.source_file[:4])


def test_the_good_documents_are_complete(bad_raw):
    raw, _ = bad_raw
    doc = {d.path: d for d in ingest_raw_dir(raw).documents}[CJK_NAME]
    assert doc.text == TEXT_2022
    assert doc.meta["report_year"] == 2022 and doc.meta["city"] == "海川"


def test_the_tables_validate_against_their_models(bad_raw):
    raw, _ = bad_raw
    result = ingest_raw_dir(raw)
    Documents.validate(documents_frame(result.documents), lazy=True)
    rejected = pd.DataFrame(
        [{"source_file": r.source_file, "sha256": r.sha256, "reason": r.reason, "detail": r.detail} for r in result.rejected]
    )
    DocumentsRejected.validate(rejected, lazy=True)


def test_the_50_mb_file_is_rejected_without_being_loaded(bad_raw):
    raw, timings = bad_raw
    started = time.perf_counter()
    result = ingest_raw_dir(raw)
    elapsed = time.perf_counter() - started
    huge = next(r for r in result.rejected if r.source_file == "2022/huge.txt")
    assert "bytes, above" in huge.detail
    # Hashing 50 MB in chunks takes a fraction of a second; decoding it would take far longer.
    assert elapsed < 5, f"ingesting the bad set took {elapsed:.2f}s (writing 50 MB took {timings['write_50mb']:.2f}s)"


def test_ingest_is_deterministic(bad_raw):
    raw, _ = bad_raw
    first, second = ingest_raw_dir(raw), ingest_raw_dir(raw)
    assert [(d.path, d.sha256, d.meta) for d in first.documents] == [(d.path, d.sha256, d.meta) for d in second.documents]
    assert first.rejected == second.rejected


def test_scan_lists_every_file_with_hash_and_year(bad_raw):
    raw, _ = bad_raw
    files = scan_raw_dir(raw)
    paths = [f.path for f in files]
    assert paths == sorted(paths)
    assert CJK_NAME in paths and "2022/huge.txt" in paths and "2022/report.pdf" in paths
    assert not any(p.endswith(".meta.yml") or "/." in p or p.startswith(".") for p in paths)
    by_path = {f.path: f for f in files}
    assert by_path[CJK_NAME].sha256 == hashlib.sha256((raw / CJK_NAME).read_bytes()).hexdigest()
    assert {f.report_year for f in files} == {2021, 2022, 2023}
    assert by_path["2021/wrong-encoding.txt"].sidecar_sha256 is not None
    assert by_path[CJK_NAME].sidecar_sha256 is None


def test_a_changed_sidecar_changes_the_scan_key(tmp_path):
    raw = tmp_path / "raw"
    _put(raw, "2022/a.txt", TEXT_2022)
    before = scan_raw_dir(raw)[0].key
    _put(raw, "2022/a.meta.yml", "license: public\n")
    after = scan_raw_dir(raw)[0]
    assert after.key != before
    assert after.sha256 == hashlib.sha256(TEXT_2022.encode()).hexdigest()


def test_scan_year_precedence(tmp_path):
    raw = tmp_path / "raw"
    _put(raw, "2022/in-dir.txt", "x")
    _put(raw, "loose.txt", TEXT_2021)  # no directory, no sidecar: the title's year
    _put(raw, "2022/moved.txt", "y")
    _put(raw, "2022/moved.meta.yml", "report_year: 2020\nyear_override: true\nyear_override_reason: filed late\n")
    _put(raw, "2022/typo.txt", "z")  # a year that disagrees unannounced is quarantined in its directory's year
    _put(raw, "2022/typo.meta.yml", "report_year: 2099\n")
    _put(raw, "unknown.txt", "")
    years = {f.path: f.report_year for f in scan_raw_dir(raw)}
    assert years == {
        "2022/in-dir.txt": 2022, "loose.txt": 2021, "2022/moved.txt": 2020, "2022/typo.txt": 2022, "unknown.txt": None,
    }


def test_an_orphan_sidecar_is_rejected_not_ignored(tmp_path):
    raw = tmp_path / "raw"
    _put(raw, "2022/a.txt", TEXT_2022)
    _put(raw, "2022/renamed.meta.yml", "city: 海川\n")
    result = ingest_raw_dir(raw)
    assert [d.path for d in result.documents] == ["2022/a.txt"]
    [orphan] = result.rejected
    assert (orphan.source_file, orphan.reason, orphan.report_year) == ("2022/renamed.meta.yml", "invalid_metadata", 2022)
    assert "no report beside it" in orphan.detail
    assert [f.path for f in scan_raw_dir(raw)] == ["2022/a.txt", "2022/renamed.meta.yml"]


def test_raw_file_key_combines_path_and_hashes():
    assert RawFile("2022/a.txt", "ab", 2022).key == "2022/a.txt@ab"
    assert RawFile("2022/a.txt", "ab", 2022, "cd").key == "2022/a.txt@ab+cd"


def test_an_empty_raw_dir_gives_nothing(tmp_path):
    (tmp_path / "raw").mkdir()
    result = ingest_raw_dir(tmp_path / "raw")
    assert (result.documents, result.rejected) == ([], [])
    assert scan_raw_dir(tmp_path / "raw") == []
