"""The department reference table and the mapping of names as written to stable ids."""

from __future__ import annotations

import re

import pytest

from govmetrics.departments import (
    department_in_opening,
    find_department,
    find_department_in,
    reference_table,
    resolve,
    unknown_departments,
)


def test_reference_table_is_well_formed():
    rows = reference_table()
    assert 40 <= len(rows) <= 80
    ids = [row["department_id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z_]*", i) and not i.startswith("dept_") for i in ids)
    seen: dict[str, str] = {}
    for row in rows:
        assert row["name_zh"] in row["variants"].split("|"), row
        assert row["name_en"], row
        for variant in {row["name_zh"], *row["variants"].split("|")}:
            assert variant == variant.strip() and variant, row
            assert seen.setdefault(variant, row["department_id"]) == row["department_id"], f"{variant} names two departments"


@pytest.mark.parametrize(
    "name",
    ["市人社局", "市人力资源社会保障局", "市人力资源和社会保障局", "市人力資源社會保障局", "市人力资源和社会保障局 ",
     "青岛市人力资源和社会保障局", "人社局", "市人力資源和社會保障局"],
)
def test_human_resources_variants_resolve_to_one_id(name):
    department = resolve(name)
    assert (department.department_id, department.name_zh, department.known) == (
        "human_resources_social_security", "市人力资源社会保障局", True
    )
    assert department.name_en == "Municipal Human Resources and Social Security Bureau"


@pytest.mark.parametrize(
    ("name", "department_id"),
    [("市卫健委", "health"), ("市衛生健康委員會", "health"), ("海川市市场监管局", "market_regulation"),
     ("市发展和改革委员会", "development_reform"), ("市政府国资委", "state_assets"), ("市医疗保障局", "medical_security"),
     ("市城市管理局", "urban_management"), ("市外事办公室", "foreign_affairs"), ("市金融局", "financial_regulation")],
)
def test_common_variants(name, department_id):
    assert resolve(name).department_id == department_id


def test_unknown_departments_get_a_stable_id_from_their_simplified_name():
    first = resolve("市海洋渔业与港口局")
    assert not first.known and first.name_en is None
    assert re.fullmatch(r"dept_[0-9a-f]{10}", first.department_id)
    assert resolve("市海洋漁業與港口局") == first  # the Traditional spelling is the same department
    assert resolve("区教育局").department_id != resolve("市教育局").department_id


def test_unknown_departments_are_listed_once_each_in_id_order():
    names = ["市教育局", None, "区教育局", "市海洋渔业与港口局", "区教育局", "", "市人社局", "市海洋漁業與港口局"]
    unknown = unknown_departments(names)
    assert [d.name_zh for d in unknown] == sorted(["区教育局", "市海洋渔业与港口局"], key=lambda n: resolve(n).department_id)
    assert all(not d.known for d in unknown)
    assert unknown_departments(["市教育局", "市卫健委"]) == []


@pytest.mark.parametrize(
    ("line", "name"),
    [("市教育局推动基础教育优质均衡发展", "市教育局"), ("市衛生健康委守護市民全生命週期健康", "市衛生健康委"),
     ("市人力资源社会保障局全力稳就业惠民生", "市人力资源社会保障局"), ("青岛市海洋发展局建设海洋强市", "青岛市海洋发展局"),
     ("全市新增就业12.3万人", None), ("提供公办学位7万余个", None), ("本市教育局系统", None)],
)
def test_find_department_at_the_start_of_a_heading(line, name):
    assert find_department(line) == name


@pytest.mark.parametrize(
    ("sentence", "name"),
    [("2022年,市教育局持续加大优质教育资源供给。", "市教育局"), ("今年以来，市衛生健康委深入推進。", "市衛生健康委"),
     ("今年以来,崂山区教育局新建学校。", "崂山区教育局"), ("全市新建社区服务中心12个。", None), ("城市管理更精细。", None)],
)
def test_find_department_in_a_sentence(sentence, name):
    assert find_department_in(sentence) == name


def test_department_in_opening_reads_header_lines_then_stops_at_the_first_sentence():
    assert department_in_opening("工作总结\n海川政务网 发布日期 : 2022-11-28\n\n今年以来,市司法局完成审查412件。") == "市司法局"
    assert department_in_opening("今年以来,全市完成审查412件。市司法局办理案件。") is None
    assert department_in_opening("") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。",
        "各区县教育局长参加会议。",
    ],
)
def test_function_words_and_persons_make_no_department(sentence):
    assert find_department_in(sentence) is None
    assert find_department(sentence) is None


@pytest.mark.parametrize(
    ("line", "name"),
    [("市教育局推动基础教育优质均衡发展", "市教育局"), ("海川市海洋渔业局", "海川市海洋渔业局"),
     ("青岛市市南区教育局工作总结", "青岛市市南区教育局"), ("区应急管理局筑牢安全防线", "区应急管理局"),
     ("通州区教育局推进集团化办学", "通州区教育局"), ("合肥市科技局", "合肥市科技局"), ("大同市市场监管局", "大同市市场监管局")],
)
def test_a_department_starts_with_its_level_or_a_place_name(line, name):
    assert find_department(line) == name


def test_a_known_department_after_a_verb_is_still_found():
    assert find_department_in("会同市人社局开展专项行动。") == "市人社局"
    assert find_department_in("今年以来,市教育局会同市人社局新增就业岗位。") == "市教育局"
