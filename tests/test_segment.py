"""Department segmentation: headings, headline lines, introductions and one-department reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmetrics.segment import section_at, segment
from govmetrics.textnorm import normalize

ROOT = Path(__file__).parent
DEV = ROOT / "corpus" / "dev"


def _read(path: Path) -> str:
    return normalize(path.read_text(encoding="utf-8")).text


@pytest.mark.parametrize(
    ("path", "departments"),
    [
        (ROOT / "corpus" / "seed" / "qingdao-sanmin-2022.txt", [None, "市教育局", "市科技局", "市民政局", "市司法局"]),
        (DEV / "hc-sanmin-2021.txt", [None, "市教育局", "市科技局", "市民政局", "市司法局", "市人力资源社会保障局"]),
        (DEV / "hc-sanmin-2023.txt", [None, "市教育局", "市科技局", "市民政局", "市人力资源社会保障局", "市卫生健康委"]),
    ],
)
def test_corpus_reports_segment_into_their_departments(path, departments):
    text = _read(path)
    sections = segment(text)
    assert [s.department for s in sections] == departments
    assert sections[0].start == 0 and sections[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(sections, sections[1:]))
    assert [s.seq for s in sections] == list(range(len(sections)))


def test_heading_and_headline_lines():
    text = _read(DEV / "hc-sanmin-2022.txt")
    education = segment(text)[1]
    assert text[education.heading_start : education.heading_end] == "市教育局推动基础教育优质均衡发展"
    assert text[education.headline_start : education.headline_end] == "提供公办学位7万余个"
    assert education.in_headline(education.headline_start)
    assert not education.in_headline(education.headline_end + 5)


def test_every_position_belongs_to_exactly_one_section():
    text = _read(DEV / "hc-sanmin-2022.txt")
    sections = segment(text)
    for pos in range(0, len(text), 97):
        assert sum(s.contains(pos) for s in sections) == 1
        assert section_at(sections, pos).contains(pos)


def test_a_one_department_report_takes_its_department_from_the_first_sentence():
    text = "2022年工作总结\n\n今年以来,市人社局落实就业优先政策,城镇新增就业12.3万人。\n\n发放创业担保贷款18.6亿元。\n"
    [section] = segment(text)
    assert section.department == "市人社局"
    assert (section.start, section.end) == (0, len(text))


def test_a_department_named_only_after_the_first_sentence_is_not_guessed():
    text = "今年以来,全市新建中心12个,社区服务中心达到120个。市教育局新建学校42所。\n"
    assert segment(text)[0].department is None


def test_a_city_prefixed_or_unknown_department_in_the_first_sentence():
    assert segment("2022年,海川市海洋渔业局新增远洋渔船12艘。")[0].department == "海川市海洋渔业局"
    assert segment("市档案馆今年接收档案3.2万卷。")[0].department == "市档案馆"


def test_the_sidecar_department_wins_over_the_first_sentence():
    text = "今年以来,市教育局会同市人社局新增就业岗位1200个。\n"
    assert segment(text, default_department="市人力资源社会保障局")[0].department == "市人力资源社会保障局"
    assert segment(text)[0].department == "市教育局"


def test_a_title_line_naming_the_department_is_its_heading():
    text = "市教育局2022年工作总结\n\n今年以来,新建学校42所。\n"
    sections = segment(text)
    assert [s.department for s in sections] == ["市教育局"]
    assert sections[0].heading_start == 0


def test_the_introduction_of_a_multi_department_report_keeps_the_default():
    text = _read(DEV / "hc-sanmin-2022.txt")
    assert segment(text)[0].department is None
    assert segment(text, default_department="市政府办公厅")[0].department == "市政府办公厅"


def test_whole_city_phrases_are_not_headings():
    text = "全市新增就业中心12个\n\n本区教育系统新建学校42所\n\n社区服务中心达到120个\n"
    assert [s.department for s in segment(text)] == [None]


def test_the_opening_of_a_government_work_report_names_no_department():
    text = ("政府工作报告（摘要）\n——2024年1月15日在临江市第十届人民代表大会第二次会议上\n\n各位代表：\n\n"
            "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。\n\n"
            "一、2023年工作回顾\n\n全年地区生产总值增长6.1%。\n")
    assert [s.department for s in segment(text)] == [None]


def test_empty_text():
    assert [(s.department, s.start, s.end) for s in segment("")] == [(None, 0, 0)]
