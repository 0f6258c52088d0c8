"""The four 2022 dev files are one report: plain UTF-8, GB18030, Traditional with full-width figures,
and a saved web page. Ingestion must bring each back to the same content: the same sections, and the
same metrics (department/value/unit/qualifier/role), with every span pointing into its own published
text, Traditional characters and full-width digits included.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govmetrics.extract import extract_mentions
from govmetrics.ingest import ingest_raw_dir, read_document
from govmetrics.reading import read_sections, read_text
from govmetrics.textnorm import normalize

DEV = Path(__file__).parent / "corpus" / "dev"
VARIANTS = ["hc-sanmin-2022.txt", "hc-sanmin-2022.gb18030.txt", "hc-sanmin-2022.traditional.txt", "hc-sanmin-2022.html"]
DEPARTMENTS = [None, "市教育局", "市科技局", "市民政局", "市司法局", "市人力资源社会保障局", "市卫生健康委"]


def _extraction_missing() -> bool:
    try:
        extract_mentions("2022年,市教育局新建学校42所。", report_year=2022)
    except NotImplementedError:
        return True
    return False


@pytest.fixture(scope="module")
def documents():
    return {name: read_document(DEV / name) for name in VARIANTS}


def test_each_variant_reads_with_its_own_encoding_and_format(documents):
    got = {name: (doc.encoding, doc.format, doc.meta["script"]) for name, doc in documents.items()}
    assert got == {
        "hc-sanmin-2022.txt": ("utf-8", "txt", "simplified"),
        "hc-sanmin-2022.gb18030.txt": ("gb18030", "txt", "simplified"),
        "hc-sanmin-2022.traditional.txt": ("utf-8", "txt", "traditional"),
        "hc-sanmin-2022.html": ("utf-8", "html", "simplified"),
    }


def test_the_published_text_is_the_file_as_written(documents):
    assert documents["hc-sanmin-2022.traditional.txt"].text == (DEV / "hc-sanmin-2022.traditional.txt").read_text(encoding="utf-8")
    assert "７萬餘個" in documents["hc-sanmin-2022.traditional.txt"].text
    plain = (DEV / "hc-sanmin-2022.txt").read_text(encoding="utf-8")
    assert documents["hc-sanmin-2022.gb18030.txt"].text == plain
    assert documents["hc-sanmin-2022.html"].text == plain


def test_the_metadata_agrees(documents):
    for key in ("city", "report_year", "published"):
        assert {doc.meta[key] for doc in documents.values()} == {documents["hc-sanmin-2022.txt"].meta[key]}, key


def test_the_same_sections_with_simplified_department_names(documents):
    for name, doc in documents.items():
        sections = read_sections(doc.text)
        assert [s.department for s in sections] == DEPARTMENTS, name
        for section in sections[1:]:
            heading = doc.text[section.heading_start : section.heading_end]
            assert normalize(heading).text.startswith(section.department), (name, heading)
            assert section.headline_start is not None, (name, heading)


def test_only_one_copy_is_ingested(tmp_path):
    raw = tmp_path / "raw" / "2022"
    raw.mkdir(parents=True)
    for name in VARIANTS:
        (raw / name).write_bytes((DEV / name).read_bytes())
    result = ingest_raw_dir(tmp_path / "raw")
    assert [d.path for d in result.documents] == ["2022/hc-sanmin-2022.txt"]
    assert sorted((r.source_file, r.reason) for r in result.rejected) == [
        (f"2022/{name}", "duplicate") for name in sorted(VARIANTS[1:])
    ]
    assert all("2022/hc-sanmin-2022.txt" in r.detail for r in result.rejected)


def test_the_same_metrics_with_spans_into_each_published_text(documents):
    if _extraction_missing():
        pytest.skip("metric extraction (govmetrics.extract.extract_mentions) still raises NotImplementedError")

    def signature(located):
        return [(m.department, m.mention.value, m.mention.unit, m.mention.qualifier, m.mention.role) for m in located]

    reference_doc = documents["hc-sanmin-2022.txt"]
    _, reference = read_text(reference_doc.text, report_year=2022)
    assert reference, "the reference report has mentions"
    for name, doc in documents.items():
        _, located = read_text(doc.text, report_year=doc.meta["report_year"])
        assert signature(located) == signature(reference), name
        for item, ref in zip(located, reference):
            m = item.mention
            assert doc.text[m.start : m.end] == m.quantity_text, (name, m)
            # The span holds the same quantity as in the plain file, in this file's own script and width.
            assert normalize(m.quantity_text).text == normalize(ref.mention.quantity_text).text, (name, m, ref.mention)
    traditional = [m.mention.quantity_text for m in read_text(documents["hc-sanmin-2022.traditional.txt"].text, report_year=2022)[1]]
    assert any("萬" in q or "．" in q or "％" in q for q in traditional)
