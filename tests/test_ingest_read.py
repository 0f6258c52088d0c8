"""read_document on single files: what the published text is, and which file kinds are refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from govmetrics.ingest import RejectedFile, ingest_raw_dir, read_document

DEV = Path(__file__).parent / "corpus" / "dev"
TEXT = (DEV / "hc-sanmin-2022.txt").read_text(encoding="utf-8")
PAGE = (DEV / "hc-sanmin-2022.html").read_text(encoding="utf-8")


def _put(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_crlf_is_kept_as_written(tmp_path):
    crlf = TEXT.replace("\n", "\r\n")
    doc = read_document(_put(tmp_path / "a.txt", crlf.encode("utf-8")))
    assert doc.text == crlf
    assert doc.meta["title"] == "2022“三民”活动:政府工作向您报告"


def test_bom_file(tmp_path):
    doc = read_document(_put(tmp_path / "a.txt", codecs.BOM_UTF8 + TEXT.encode("utf-8")))
    assert (doc.text, doc.encoding) == (TEXT, "utf-8-sig")


def test_uppercase_extension_and_htm(tmp_path):
    assert read_document(_put(tmp_path / "A.TXT", TEXT.encode("utf-8"))).format == "txt"
    assert read_document(_put(tmp_path / "b.htm", PAGE.encode("utf-8"))).format == "html"


def test_a_gbk_page_declaring_gb2312(tmp_path):
    page = PAGE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    doc = read_document(_put(tmp_path / "gb.html", page.replace("‰", "%").encode("gbk")))
    assert doc.encoding == "gb18030"
    assert doc.text == TEXT.replace("‰", "%")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("blank.txt", b" \r\n\t\n\xe3\x80\x80\n", "empty"),
        ("bom-only.txt", codecs.BOM_UTF8, "empty"),
        ("report.docx", b"PK\x03\x04", "unsupported_format"),
        ("README", b"notes", "unsupported_format"),
        ("page.html", b"<html><body><p>Hello</p></body></html>", "no_article"),
        ("latin.txt", "Café crème brûlée".encode("latin-1"), "undecodable"),
    ],
)
def test_refusals(tmp_path, name, data, reason):
    with pytest.raises(RejectedFile) as info:
        read_document(_put(tmp_path / name, data))
    assert info.value.reason == reason
    assert info.value.detail.startswith(str(tmp_path / name))
    assert info.value.sha256 is not None


def test_path_is_relative_to_the_raw_root_and_the_directory_gives_the_year(tmp_path):
    text = TEXT.replace("2022“三民”", "“三民”", 1)  # no year in the title
    path = _put(tmp_path / "raw" / "2022" / "sub dir" / "报告.txt", text.encode("utf-8"))
    doc = read_document(path, tmp_path / "raw")
    assert doc.path == "2022/sub dir/报告.txt"
    assert doc.meta["report_year"] == 2022
    # Without a raw root the path stays as given and the parent directory still counts if year-like.
    flat = _put(tmp_path / "2021" / "x.txt", text.encode("utf-8"))
    assert read_document(str(flat)).meta["report_year"] == 2021
    assert read_document(str(flat)).path == str(flat)


def test_the_kept_copy_does_not_depend_on_names(tmp_path):
    raw = tmp_path / "raw"
    _put(raw / "2022" / "a-page.html", PAGE.encode("utf-8"))
    _put(raw / "2022" / "b-traditional.txt", (DEV / "hc-sanmin-2022.traditional.txt").read_bytes())
    _put(raw / "2022" / "c-gb.txt", TEXT.encode("gb18030"))
    _put(raw / "2022" / "d-plain.txt", TEXT.encode("utf-8"))
    result = ingest_raw_dir(raw)
    assert [d.path for d in result.documents] == ["2022/d-plain.txt"]
    (raw / "2022" / "d-plain.txt").unlink()
    assert [d.path for d in ingest_raw_dir(raw).documents] == ["2022/c-gb.txt"]  # Simplified before Traditional
    (raw / "2022" / "c-gb.txt").unlink()
    assert [d.path for d in ingest_raw_dir(raw).documents] == ["2022/b-traditional.txt"]  # text before HTML


def test_different_reports_are_not_duplicates(tmp_path):
    raw = tmp_path / "raw"
    _put(raw / "2022" / "a.txt", TEXT.encode("utf-8"))
    _put(raw / "2022" / "b.txt", TEXT.replace("42所", "43所").encode("utf-8"))
    _put(raw / "2022" / "c.txt", (DEV / "hc-sanmin-2022.traditional.txt").read_text(encoding="utf-8").replace("４２所", "４３所").encode("utf-8"))
    result = ingest_raw_dir(raw)
    # b differs from a in a figure; c is the Traditional copy of b, not of a.
    assert [d.path for d in result.documents] == ["2022/a.txt", "2022/b.txt"]
    assert [(r.source_file, r.reason) for r in result.rejected] == [("2022/c.txt", "duplicate")]
    assert "2022/b.txt" in result.rejected[0].detail
