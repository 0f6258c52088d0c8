"""Arbitrary bytes through the reader, arbitrary Unicode through the extractor.

Whatever a raw file holds, reading it ends in a document or a rejection (``RejectedFile``), never
another exception; and whatever text a document has, every span the extractor and the segmenter
return slices that text. Bytes are drawn both at random and as real text in the encodings reports
come in, cut and damaged, so that the decoder's every branch is reached, not only "binary".
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from govmetrics.extract import extract
from govmetrics.ingest import RejectedFile, read_document
from govmetrics.ingest.decode import decode
from govmetrics.reading import read_text
from schemas.vocabularies import REJECTION_REASONS

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "latin-1", "shift_jis"]
# Report-like characters, so drawn text reaches the extractor's rules and not only its fast exit.
REPORT_CHARS = "0123456789０１２３４５６７８９.,%‰、，。；：（）“”《》\n 万亿元个所家人次年月日约近余超以上不超过提高增长下降同比全市新建学校市教育局一二三十百千负-"
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)  # any scalar value
report_text = st.text(st.sampled_from(REPORT_CHARS) | st.characters(exclude_categories=("Cs",)), max_size=600)


SEED = (Path(__file__).resolve().parents[1] / "raw" / "2022" / "qingdao-sanmin-2022.txt").read_text(encoding="utf-8")


@st.composite
def real_text(draw) -> str:
    """A stretch of the seed report, sometimes as the article of a web page."""
    start = draw(st.integers(0, len(SEED) - 1))
    text = SEED[start : start + draw(st.integers(1, 3000))]
    if draw(st.booleans()):
        text = f"<html><head><title>报告</title></head><body><div id='zoom'><p>{text}</p></div></body></html>"
    return text


@st.composite
def raw_bytes(draw) -> bytes:
    """Random bytes, or text (drawn, or real) encoded as reports are, then cut short or with bytes flipped."""
    kind = draw(st.sampled_from(["binary", "drawn", "real"]))
    if kind == "binary":
        return draw(st.binary(max_size=2000))
    text = draw(report_text if kind == "drawn" else real_text())
    data = bytearray(text.encode(draw(st.sampled_from(ENCODINGS)), errors="ignore"))
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def _assert_spans(text: str, year: int | None) -> None:
    sections, located = read_text(text, report_year=year)
    position = 0
    for section in sections:  # sections tile the text, in order
        assert section.start == position and section.start <= section.end <= len(text)
        position = section.end
    assert not sections or position == len(text)
    for item in located:
        m = item.mention
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.quantity_text
        assert 0 <= m.sentence_start <= m.start and m.end <= m.sentence_end <= len(text)
        if item.section is not None:
            assert item.section.start <= m.start < item.section.end


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_bytes(), st.sampled_from([None, "utf-8", "gb18030", "big5"]))
def test_decoding_any_bytes_gives_text_or_a_rejection(data, declared):
    try:
        decoded = decode(data, "2022/fuzz.txt", declared=declared)
    except RejectedFile as exc:
        event(f"rejected: {exc.reason}")
        assert exc.reason in REJECTION_REASONS
        assert exc.detail.startswith("2022/fuzz.txt")
        return
    event(f"decoded as {decoded.how}")
    assert isinstance(decoded.text, str)
    decoded.text.encode("utf-8")  # no lone surrogates: the text can be written to CSV and Parquet
    _assert_spans(decoded.text, 2022)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_bytes(), st.sampled_from(["report.txt", "page.html"]), st.sampled_from(["city: 海川\n", "city: 海川\nencoding: gbk\n", None]))
def test_reading_any_file_gives_a_document_or_a_rejection(data, name, sidecar):
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp)
        path = raw / "2022" / name
        path.parent.mkdir()
        path.write_bytes(data)
        if sidecar is not None:
            path.with_name(path.stem + ".meta.yml").write_text(sidecar, encoding="utf-8")
        try:
            doc = read_document(path, raw)
        except RejectedFile as exc:
            event(f"rejected: {exc.reason}")
            assert exc.reason in REJECTION_REASONS
            assert exc.detail.startswith("2022/")
            assert tmp not in exc.detail  # named inside raw/, never by a host path
            return
    event(f"read as {doc.format}")
    assert doc.path == f"2022/{name}" and doc.text.strip()
    assert doc.meta["report_year"] == 2022
    _assert_spans(doc.text, doc.meta["report_year"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(unicode_text, report_text), st.sampled_from([None, 2022]))
def test_any_text_gives_spans_that_slice_it(text, year):
    for m in extract(text, year, strict=True):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.quantity_text
    _assert_spans(text, year)
