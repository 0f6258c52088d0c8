"""Bytes to text: BOMs, declared encodings, strict UTF-8, detection of GB18030 and Big5, refusals."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics.ingest.decode import decode, plausibility, sniff_binary
from govmetrics.ingest.errors import RejectedFile

DEV = Path(__file__).parent / "corpus" / "dev"
TEXT = (DEV / "hc-sanmin-2022.txt").read_text(encoding="utf-8")
TRADITIONAL = (DEV / "hc-sanmin-2022.traditional.txt").read_text(encoding="utf-8")
# Big5 has no ‰; the rest of the Traditional report encodes as it is.
TRADITIONAL_BIG5 = TRADITIONAL.replace("‰", "%")


def _reject(data: bytes, **kwargs) -> RejectedFile:
    with pytest.raises(RejectedFile) as info:
        decode(data, "raw/x.txt", **kwargs)
    return info.value


def test_utf8_is_decoded_without_touching_newlines():
    text = "市教育局\r\n新建学校42所。\r\n"
    decoded = decode(text.encode("utf-8"), "x.txt")
    assert (decoded.text, decoded.encoding, decoded.how) == (text, "utf-8", "utf-8")


def test_utf8_bom_is_dropped_from_the_text():
    decoded = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "x.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == "utf-8-sig"
    assert decoded.how == "bom"


def test_utf16_with_bom_is_text_not_binary():
    decoded = decode(TEXT.encode("utf-16"), "x.txt")
    assert decoded.text == TEXT


def test_the_gb18030_corpus_file_is_detected_as_gb18030():
    decoded = decode((DEV / "hc-sanmin-2022.gb18030.txt").read_bytes(), "x.txt")
    assert decoded.encoding == "gb18030"
    assert decoded.how == "detected"
    assert decoded.text == TEXT


@pytest.mark.parametrize("encoding", ["gbk", "gb2312"])
def test_gbk_and_gb2312_decode_with_their_superset(encoding):
    text = "市教育局新建改扩建中小学幼儿园42所,提供公办学位7万余个。学前教育普惠率提高到91.2%。\n"
    decoded = decode(text.encode(encoding), "x.txt")
    assert decoded.text == text
    assert decoded.encoding == "gb18030"


def test_big5_is_detected_and_reads_as_the_traditional_report():
    decoded = decode(TRADITIONAL_BIG5.encode("big5"), "x.txt")
    assert decoded.encoding in ("big5", "cp950", "big5hkscs")
    assert decoded.text == TRADITIONAL_BIG5


def test_a_short_gbk_text_is_not_mistaken_for_another_encoding():
    decoded = decode("市教育局工作总结".encode("gbk"), "x.txt")
    assert decoded.text == "市教育局工作总结"


def test_declared_encoding_is_used_and_checked():
    gb = TEXT.encode("gb18030")
    assert decode(gb, "x.txt", declared="GB18030").how == "declared"
    error = _reject(gb, declared="utf-8")
    assert error.reason == "encoding_mismatch"
    assert "raw/x.txt" in error.detail and "'utf-8'" in error.detail and "gb18030" in error.detail


def test_declared_encoding_that_decodes_into_garbage_is_a_mismatch():
    error = _reject(TEXT.encode("utf-8"), declared="latin-1")
    assert error.reason == "encoding_mismatch"
    assert "garbled" in error.detail


def test_declared_encoding_contradicting_the_bom_is_a_mismatch():
    error = _reject(codecs.BOM_UTF8 + TEXT.encode("utf-8"), declared="gbk")
    assert error.reason == "encoding_mismatch"
    assert "byte-order mark" in error.detail


def test_truncated_utf8_is_undecodable_with_the_offset():
    data = TEXT.encode("utf-8")
    cut = data[: len(data) - 2]  # inside the last 3-byte character
    error = _reject(cut)
    assert error.reason == "undecodable"
    assert "cut off" in error.detail and str(len(cut)) in error.detail


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (b"PK\x03\x04" + bytes(50), "ZIP"),
        (b"\xe5\xb8\x82\x00\x00\x01", "NUL"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + "市教育局".encode(), "control bytes"),
    ],
)
def test_binary_files_are_recognised(data, words):
    error = _reject(data)
    assert error.reason == "binary"
    assert words in error.detail


def test_text_is_not_binary():
    assert sniff_binary(TEXT.encode("utf-8")) is None
    assert sniff_binary(TEXT.encode("gb18030")) is None


def test_plausibility_separates_chinese_from_mojibake():
    assert plausibility(TEXT) > 0.95
    assert plausibility(TRADITIONAL) > 0.95
    assert plausibility(TEXT.encode("utf-8").decode("gb18030", errors="ignore")) < 0.5
    assert plausibility(TEXT.encode("gb18030").decode("big5", errors="ignore")) < 0.6
    assert plausibility("plain ASCII") == 1.0


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_with_a_known_reason(data):
    try:
        decoded = decode(data, "x.txt")
    except RejectedFile as exc:
        assert exc.reason in ("binary", "undecodable")
        assert exc.detail.startswith("x.txt: ")
    else:
        assert isinstance(decoded.text, str)


def test_utf8_with_many_symbols_is_still_utf8():
    text = "面积达到1200㎡，增长≥5%→★・" * 3
    assert decode(text.encode("utf-8"), "x.txt").text == text


def test_utf8_mojibake_resaved_as_utf8_is_undecodable():
    mojibake = TEXT.encode("utf-8").decode("latin-1").encode("utf-8")
    error = _reject(mojibake)
    assert error.reason == "undecodable"
    assert "not plausible Chinese" in error.detail
