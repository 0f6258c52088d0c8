"""Report metadata: the header as printed, the sidecar that overrides it, and the checks on both."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from govmetrics.ingest import RejectedFile, read_document
from govmetrics.ingest.header import parse_header
from govmetrics.ingest.metadata import city_from_site

DEV = Path(__file__).parent / "corpus" / "dev"
TEXT = (DEV / "hc-sanmin-2022.txt").read_text(encoding="utf-8")
SEED = Path(__file__).parent / "corpus" / "seed" / "qingdao-sanmin-2022.txt"
BODY = "今年以来,市教育局新建改扩建中小学幼儿园42所,提供公办学位7万余个。\n"


def _write(directory: Path, name: str, text: str, sidecar: str | None = None, encoding: str = "utf-8") -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    if sidecar is not None:
        path.with_name(path.stem + ".meta.yml").write_text(sidecar, encoding="utf-8")
    return path


def _rejected(path: Path, raw_root: Path | None = None) -> RejectedFile:
    with pytest.raises(RejectedFile) as info:
        read_document(path, raw_root)
    return info.value


def test_header_of_the_dev_report():
    assert parse_header(TEXT) == {
        "title": "2022“三民”活动:政府工作向您报告",
        "title_year": "2022",
        "site": "海川政务网",
        "published": "2022-11-25",
        "publisher": "海川日报",
    }


def test_traditional_full_width_header_parses_the_same_and_keeps_the_printed_values():
    header = parse_header((DEV / "hc-sanmin-2022.traditional.txt").read_text(encoding="utf-8"))
    assert header == {
        "title": "2022“三民”活動:政府工作向您報告",
        "title_year": "2022",
        "site": "海川政務網",
        "published": "2022-11-25",
        "publisher": "海川日報",
    }
    assert parse_header("２０２１年市民政局工作報告\n海川政務網　發佈日期：２０２１年１２月１日　來源：海川日報\n")["title_year"] == "2021"


def test_a_body_paragraph_is_not_a_title():
    assert parse_header(BODY) == {}


def test_document_metadata_from_the_header_alone():
    doc = read_document(DEV / "hc-sanmin-2022.txt")
    assert doc.meta == {
        "city": "海川", "report_year": 2022, "title": "2022“三民”活动:政府工作向您报告", "department": None,
        "publisher": "海川日报", "site": "海川政务网", "published": "2022-11-25", "source_url": None,
        "license": None, "source_note": None, "retrieved": None, "script": "simplified",
    }
    assert (doc.encoding, doc.format, doc.text) == ("utf-8", "txt", TEXT)
    assert doc.sha256 == hashlib.sha256((DEV / "hc-sanmin-2022.txt").read_bytes()).hexdigest()


def test_the_sidecar_overrides_the_header(tmp_path):
    path = _write(
        tmp_path, "raw/2022/report.txt", TEXT,
        "city: 海川市\nreport_year: 2022\ntitle: 海川市2022年三民活动\npublisher: 海川市人民政府办公厅\n"
        "published: 2022-12-01\nsource_url: https://example.gov.cn/a.html\nlicense: public\n"
        "retrieved: 2024-05-06T10:00:00+08:00\ndepartment: 市教育局\nencoding: utf-8\n",
    )
    doc = read_document(path, tmp_path / "raw")
    assert doc.path == "2022/report.txt"
    assert doc.meta["city"] == "海川市"
    assert doc.meta["title"] == "海川市2022年三民活动"
    assert doc.meta["publisher"] == "海川市人民政府办公厅"
    assert doc.meta["published"] == "2022-12-01"
    assert doc.meta["site"] == "海川政务网"  # not in the sidecar: the header's
    assert doc.meta["department"] == "市教育局"
    assert doc.meta["retrieved"] == "2024-05-06T10:00:00+08:00"
    assert doc.meta["source_url"] == "https://example.gov.cn/a.html"


def test_the_seed_sidecar_is_read_and_its_hash_checked():
    raw = Path(__file__).parents[1] / "raw"
    doc = read_document(raw / "2022" / "qingdao-sanmin-2022.txt", raw)
    assert doc.path == "2022/qingdao-sanmin-2022.txt"
    assert doc.meta["city"] == "青岛"
    assert doc.meta["published"] == "2022-11-28"
    assert doc.text == SEED.read_text(encoding="utf-8")


def test_year_from_the_directory_when_the_title_prints_none(tmp_path):
    text = "市教育局工作总结\n海川政务网 发布日期 : 2023-01-10 来源 : 海川日报\n\n" + BODY
    doc = read_document(_write(tmp_path, "raw/2022/a.txt", text), tmp_path / "raw")
    assert doc.meta["report_year"] == 2022
    assert doc.meta["published"] == "2023-01-10"


def test_title_year_and_directory_disagreeing_is_rejected_unless_the_sidecar_settles_it(tmp_path):
    path = _write(tmp_path, "raw/2021/a.txt", TEXT)
    error = _rejected(path, tmp_path / "raw")
    assert error.reason == "year_conflict"
    assert "2021/a.txt" in error.detail and "2022" in error.detail and "2021/" in error.detail
    path.with_name("a.meta.yml").write_text("report_year: 2021\n", encoding="utf-8")
    assert read_document(path, tmp_path / "raw").meta["report_year"] == 2021


def test_no_year_anywhere_is_rejected(tmp_path):
    error = _rejected(_write(tmp_path, "raw/a.txt", "工作总结\n青岛政务网 发布日期 : 2022-11-28\n\n" + BODY), tmp_path / "raw")
    assert error.reason == "invalid_metadata"
    assert "report year" in error.detail and "a.meta.yml" in error.detail


@pytest.mark.parametrize(
    ("site", "city"),
    [("青岛政务网", "青岛"), ("海川市人民政府门户网站", "海川"), ("海川政務網", "海川"), ("深圳政府在线", "深圳"),
     ("海川日报", None), ("人民网", None), ("", None), (None, None)],
)
def test_city_from_site(site, city):
    assert city_from_site(site) == city


def test_no_city_is_rejected_with_a_hint(tmp_path):
    text = "2022年工作总结\n人民网 发布日期 : 2022-11-28 来源 : 海川日报\n\n" + BODY
    error = _rejected(_write(tmp_path, "raw/2022/a.txt", text), tmp_path / "raw")
    assert error.reason == "invalid_metadata"
    assert "no city" in error.detail and "人民网" in error.detail and "2022/a.meta.yml" in error.detail
    # For one-off reading the command line may accept a report without a city.
    assert read_document(tmp_path / "raw/2022/a.txt", require_metadata=False).meta["city"] is None


@pytest.mark.parametrize(
    ("sidecar", "words"),
    [
        ("published: 2022-13-45\n", ["'published'", "2022-13-45", "not a valid date"]),
        ("published: 28/11/2022\n", ["'published'", "28/11/2022"]),
        ("report_year: twenty\n", ["'report_year'", "twenty"]),
        ("report_year: 1066\n", ["'report_year'", "1066", "outside"]),
        ("report_year: 2032\npublished: 2022-11-28\n", ["report_year 2032", "2022-11-28"]),
        ("retrieved: yesterday\n", ["'retrieved'", "yesterday"]),
        ("relase_year: 2022\n", ["unknown key", "'relase_year'", "report_year"]),
        ("city: [青岛, 海川]\n", ["'city'", "should be a single value", "a list"]),
        ("encoding: klingon\n", ["'encoding'", "klingon"]),
        ("sha256: abc\n", ["'sha256'", "64 hexadecimal"]),
        ("sha256: " + "0" * 64 + "\n", ["'sha256'", "000000000000", "changed"]),
        ("city: 海川\n  bad: [indent\n", ["not valid YAML"]),
        ("- a list\n", ["expected a mapping"]),
    ],
)
def test_bad_sidecars_are_rejected_naming_the_field(tmp_path, sidecar, words):
    path = _write(tmp_path, "raw/2022/report.txt", TEXT, sidecar)
    error = _rejected(path, tmp_path / "raw")
    assert error.reason == "invalid_metadata"
    assert error.detail.startswith("2022/report")
    for word in words:
        assert word in error.detail
    assert error.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_bad_date_in_the_header_is_rejected_unless_the_sidecar_overrides_it(tmp_path):
    text = TEXT.replace("2022-11-25", "2022-02-30")
    path = _write(tmp_path, "raw/2022/report.txt", text)
    error = _rejected(path, tmp_path / "raw")
    assert error.reason == "invalid_metadata"
    assert "2022/report.txt (header)" in error.detail and "'published'" in error.detail and "2022-02-30" in error.detail
    path.with_name("report.meta.yml").write_text("published: 2022-03-01\n", encoding="utf-8")
    assert read_document(path, tmp_path / "raw").meta["published"] == "2022-03-01"


def test_a_republic_of_china_date_in_the_header_is_converted(tmp_path):
    text = TEXT.replace("2022-11-25", "111年11月25日")
    assert read_document(_write(tmp_path, "raw/2022/report.txt", text), tmp_path / "raw").meta["published"] == "2022-11-25"


@pytest.mark.parametrize("printed", ["20227月25日", "2022-02-30", "111年13月40日"])
def test_a_one_off_reading_leaves_an_unreadable_header_date_unknown(tmp_path, printed):
    """A build rejects the file (above); reading one file for its figures must not lose them to a typo."""
    path = _write(tmp_path, "report.txt", TEXT.replace("2022-11-25", printed))
    doc = read_document(path, require_metadata=False)
    assert doc.meta["published"] is None
    assert doc.text


def test_html_page_metadata_comes_from_its_header_and_head(tmp_path):
    page = f"""<html><head><meta name="PubDate" content="2022-11-25 08:30"><meta name="ContentSource" content="海川日报">
    <title>市教育局2022年工作综述_海川市人民政府</title></head><body><div id="zoom"><p>{BODY}</p></div></body></html>"""
    doc = read_document(_write(tmp_path, "page.htm", page, "city: 海川\n"))
    assert doc.format == "html"
    assert doc.text == BODY
    assert doc.meta["title"] == "市教育局2022年工作综述"
    assert doc.meta["report_year"] == 2022
    assert doc.meta["published"] == "2022-11-25"
    assert doc.meta["publisher"] == "海川日报"


def test_script_is_recorded():
    assert read_document(DEV / "hc-sanmin-2022.traditional.txt").meta["script"] == "traditional"
    assert read_document(DEV / "hc-sanmin-2022.gb18030.txt").meta["script"] == "simplified"


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("前三季度全市新增经营主体超12万户\n2023-10-26 09:41  来源：岚州新闻网   【字号 大 中 小】\n", "2023-10-26 09:41"),
        ("前三季度全市新增经营主体超12万户\n２０２３-１０-２６　０９:４１　來源：岚州新闻网\n", "２０２３-１０-２６　０９:４１"),
        ("市农业农村局工作总结\n（2024年1月8日）\n\n一年来，…", "2024年1月8日"),
        ("政府工作报告（摘要）\n——2024年1月15日在临江市第十届人民代表大会第二次会议上\n\n各位代表：", "2024年1月15日"),
    ],
)
def test_a_bare_date_line_is_the_publication_date(header, published):
    assert parse_header(header)["published"] == published


def test_a_date_inside_a_sentence_is_no_publication_date():
    assert "published" not in parse_header("工作总结\n2023年10月26日，市市场监管局召开新闻发布会，通报工作情况。\n")


def test_header_values_are_sliced_from_the_published_text_through_the_offset_map():
    header = parse_header("萬(wàn)人 家(jiā)庭 报告\n海川政务网 发布日期 : 2022-11-25 来源 : 海川日报\n")
    assert header["title"] == "萬(wàn)人 家(jiā)庭 报告"
    assert (header["site"], header["published"], header["publisher"]) == ("海川政务网", "2022-11-25", "海川日报")


@pytest.mark.parametrize(("dated", "year"), [("2023-10-26 09:41", 2023), ("（2024年1月15日）", 2023), ("2024-03-02", 2024)])
def test_read_leniently_a_report_takes_its_year_from_its_date(tmp_path, dated, year):
    path = _write(tmp_path, "a.txt", f"工作情况通报\n{dated}\n\n" + BODY)
    assert read_document(path, require_metadata=False).meta["report_year"] == year
    error = _rejected(path)  # the pipeline does not guess
    assert error.reason == "invalid_metadata" and "report year" in error.detail
