"""Label normalization, similarity guards, units, printed precision and periods: the rules as data."""

from __future__ import annotations

import math

import pytest

from govmetrics.compare.labels import clauses, normalize_label
from govmetrics.compare.periods import period_shape, period_year, periods_differ
from govmetrics.compare.precision import Figure, disagree, interval, printed_step
from govmetrics.compare.similarity import containment, dice, discriminated, similarity
from govmetrics.compare.units import compatible, equivalent, fits_indicator, unit_class, unit_family


@pytest.mark.parametrize(
    ("label", "role", "expected"),
    [
        ("注册志愿者人数", "value", "注册志愿者"),
        ("全市实名注册志愿者", "value", "实名注册志愿者"),
        ("高新技术企业总数", "value", "高新技术企业"),
        ("累计志愿服务时长", "value", "志愿服务时长"),
        ("发放各类救助资金", "value", "救助资金"),
        ("学前教育普惠率提高到", "value", "学前教育普惠率"),
        ("技术合同成交额同比增长", "change", "技术合同成交额"),
        ("孕产妇死亡率比上年下降", "change", "孕产妇死亡率"),
        ("城镇新增就业年度目标", "target", "城镇新增就业"),
        ("区域创新能力评价全省排名", "rank", "区域创新能力评价"),
        # role words stay on a level's label: they change what it counts
        ("技术合同成交额同比增长", "value", "技术合同成交额同比增长"),
        ("城镇新增就业完成年度目标比例", "value", "城镇新增就业完成年度目标比例"),
        # flows, scopes and shares are never stripped
        ("新增科技企业孵化器和众创空间", "value", "新增科技企业孵化器和众创空间"),
        ("市级财政科技支出", "value", "市级财政科技支出"),
        # ...unless a total closes the label: the flow word was carried over from the clause before
        ("新增科技企业孵化器和众创空间总数", "value", "科技企业孵化器和众创空间"),
        # one spelling: full width, Traditional, quotes and list commas
        ("鎮（街）社工站", "value", "镇(街)社工站"),
        ("低保、特困、临时救助资金", "value", "低保特困临时救助资金"),
    ],
)
def test_normalize_label(label, role, expected):
    assert normalize_label(label, role) == expected


def test_normalization_never_empties_a_label_or_leaves_one_character():
    assert normalize_label("人数") == "人数"
    assert normalize_label("全市总数") == "总数"
    assert normalize_label("增长", "change") == "增长"
    assert normalize_label(None) == ""
    assert normalize_label(float("nan")) == ""


def test_similarity_is_overlap_guarded_by_discriminating_words():
    assert similarity("课后服务学生参与率", "课后服务学生参与率") == 1.0
    assert similarity("义务教育学校课后服务学生参与率", "课后服务学生参与率") >= 0.7
    assert discriminated("城市低保标准", "农村低保标准")
    assert discriminated("新增科技企业孵化器和众创空间", "科技企业孵化器和众创空间")
    assert discriminated("中小学生体质健康优良率", "中小学生体质健康优良")
    assert similarity("城市低保标准", "农村低保标准") == 0.0
    assert not discriminated("中小学幼儿园", "中小学和幼儿园")  # 中小学 is not 小学
    assert containment("社会组织", "投资乡村振兴的社会组织") < 0.7  # short head: not enough
    assert dice("", "x") == 0.0
    assert containment("检查检验结果互认项目", "二级以上公立医院检查检验结果互认项目") > containment(
        "检查检验结果互认项目", "检查检验结果互认项目的二级以上公立医院"
    )  # a known head at the end counts for more than the same words elsewhere


def test_clauses_cut_at_verbs_not_at_conjunctions():
    assert clauses("家庭经济困难学生发放各类资助资金") == ["家庭经济困难学生", "各类资助资金"]
    assert clauses("新增省级以上科技企业孵化器和众创空间") == ["新增省级以上科技企业孵化器和众创空间"]


def test_units_equivalent_compatible_and_fitting_an_indicator():
    assert equivalent("人", "名") and equivalent("个", "所") and equivalent("天", "日")
    assert not equivalent("人", "人次") and not equivalent("%", "‰") and not equivalent(None, None)
    assert compatible("人", "人次") and compatible("元", "元/月") and compatible("分钟", "小时")
    assert not compatible("人", "元") and not compatible("户", "人")
    assert unit_class("名") == "人" and unit_family("张") == "count" and unit_class("公顷") == "公顷"
    assert fits_indicator("百分点", "change", "%") and fits_indicator("%", "change", "家")
    assert not fits_indicator("元", "value", "%") and not fits_indicator("元", "change", "%")
    assert fits_indicator("位", "rank", "位") and not fits_indicator("位", "value", "位")
    assert not fits_indicator("位", "rank", "人") and not fits_indicator(None, "value", "人")


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("146万人", 1460000, 10000),
        ("1.45亿元", 145000000, 1000000),
        ("2.61%", 2.61, 0.01),
        ("27·4亿元", 2740000000, 10000000),
        ("10 436件", 10436, 1),
        ("6,352家", 6352, 1),
        ("１.０２万亿元", 1.02e12, 1e10),
        ("3.85/10万", 3.85, 0.01),
        ("两千余人", 2000, 1000),
        ("一百零五万人", 1050000, 10000),
        ("五成三", 53, 1),
    ],
)
def test_printed_step(text, value, step):
    assert math.isclose(printed_step(text, value), step)


def test_intervals_follow_the_qualifier():
    assert interval(28, "approx", "28分钟左右") == (27, 29)
    assert interval(4000, "nearly", "近4000人") == (3900, 4000.5)
    assert interval(3000, "more_than", "逾3000人") == (2999.5, math.inf)
    assert interval(20, "less_than", "不足20分钟") == (-math.inf, 20.5)


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (Figure(1500000, "exact", "150万人"), Figure(1460000, "exact", "146万人"), True),
        (Figure(76, "exact", "76%"), Figure(78, "exact", "78%"), True),
        (Figure(2.61, "exact", "2.61%"), Figure(2.61, "exact", "2.61%"), False),
        (Figure(1.5e8, "exact", "1.5亿元"), Figure(1.46e8, "exact", "1.46亿元"), False),  # rounding
        (Figure(1.5e8, "exact", "1.5亿元"), Figure(1.44e8, "exact", "1.44亿元"), True),
        (Figure(28, "approx", "28分钟左右"), Figure(28, "approx", "28分钟左右"), False),
        (Figure(2100, "more_than", "2100余件"), Figure(2180, "exact", "2180件"), False),
        (Figure(2100, "more_than", "2100余件"), Figure(2000, "exact", "2000件"), True),
    ],
)
def test_disagree(a, b, conflict):
    assert disagree(a, b) is conflict
    assert disagree(b, a) is conflict


def test_periods():
    assert period_year("2021") == 2021
    assert period_year("2022-01/2022-10") == 2022
    assert period_year(None) is None and period_year("去年") is None
    assert period_shape("2022-01/2022-10", 2022) == (0, 1, 0, 10)
    assert not periods_differ("2021-01/2021-10", 2021, "2022-01/2022-10", 2022)
    assert periods_differ("2022-01/2022-10", 2022, "2023-01/2023-09", 2023)
    assert periods_differ("2022", 2022, "2023-01/2023-09", 2023)
    assert not periods_differ(None, 2022, "2023-01/2023-09", 2023)  # unstated is unknown, not different
