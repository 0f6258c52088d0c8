"""Plans: figures set for the coming year are targets, whatever verb states them."""

import pytest

from govmetrics.extract import extract_mentions
from govmetrics.extract.context import Context
from govmetrics.extract.plans import PlanScopes
from govmetrics.textnorm import normalize


def roles(text: str, year: int | None = 2023):
    return [(m.quantity_text, m.role, m.direction)
            for m in extract_mentions(normalize(text).text, report_year=year)]


def scopes(text: str, year: int | None = 2023) -> list[str]:
    reading = normalize(text).text
    plans = PlanScopes(reading, Context(reading), year)
    return [reading[s:e].strip() for s, e in zip(plans._starts, plans._ends)]


def test_a_plan_heading_governs_its_section_down_to_the_next_heading_of_its_level():
    text = ("一、2023年工作回顾\n全年新建学校12所，入学人数增长5%。\n"
            "二、2024年工作打算\n（一）教育\n新建学校15所，入学人数增长6%左右。\n（二）卫生\n新增床位800张。\n"
            "三、保障措施\n落实资金3亿元。")
    assert roles(text) == [
        ("12所", "value", None), ("5%", "change", "up"),
        ("15所", "target", None), ("6%左右", "target", None), ("800张", "target", None),
        ("3亿元", "value", None),
    ]


def test_a_future_year_makes_a_heading_of_work_a_plan():
    text = "三、2024年重点工作\n新增城市停车泊位1.5万个，空气质量优良天数比率达到83%以上。"
    assert [r for _, r, _ in roles(text)] == ["target", "target"]
    assert [r for _, r, _ in roles(text, year=2024)] == ["value", "value"]  # the report's own year


@pytest.mark.parametrize("heading", ["（一）聚焦目标任务，稳住经济大盘", "二、2024年目标完成情况", "一、2023年工作回顾"])
def test_review_headings_are_no_plans(heading):
    assert scopes(heading + "\n全年新建学校12所。") == []


def test_a_sentence_that_opens_with_a_plan_word_is_a_plan_to_its_end():
    text = ("新建学校12所。计划新开工项目120个，改造老旧小区不少于180个，新增停车泊位1.5万个，"
            "研发经费投入强度提高到3%。新增床位800张。")
    assert [r for _, r, _ in roles(text)] == ["value", "target", "target", "target", "target", "value"]


def test_a_sentence_that_opens_with_a_later_year_is_a_plan():
    text = "2024年，我局将抓好粮食生产，粮食总产量稳定在120万吨以上，农民收入增长7%左右。"
    assert [r for _, r, _ in roles(text)] == ["target", "target"]
    assert [r for _, r, _ in roles(text, year=2024)] == ["value", "change"]


def test_targets_follow_a_colon_to_the_end_of_a_long_sentence():
    text = ("今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长6%，固定资产投资增长6%以上，"
            "社会消费品零售总额增长7%左右，城镇新增就业不少于10万人，城镇调查失业率控制在5.5%以内，居民消费价格涨幅3%左右。")
    assert {r for _, r, _ in roles(text)} == {"target"}


def test_done_is_not_planned():
    assert [r for _, r, _ in roles("确保了粮食安全，全年粮食产量达到121万吨。")] == ["value"]


def test_plan_labels_keep_the_verb():
    ms = extract_mentions(normalize("二、2024年主要目标\n地区生产总值增长6%左右。").text, report_year=2023)
    assert [(m.role, m.label) for m in ms] == [("target", "地区生产总值增长")]


def test_a_colon_at_the_end_of_a_line_governs_the_list_below_it():
    text = ("今年主要预期目标是：\n1.地区生产总值增长6%左右；\n2.城镇新增就业4万人以上；\n3.居民收入增长与经济增长同步。\n\n"
            "全年新建学校12所。")
    assert roles(text) == [("6%左右", "target", None), ("4万人以上", "target", None), ("12所", "value", None)]


def test_a_list_ends_at_a_blank_line():
    assert roles("主要预期目标：\n地区生产总值增长6%左右，\n\n全年新建学校12所。") == [
        ("6%左右", "target", None), ("12所", "value", None)]


# --------------------------------------------------------------------------------------------
# Budget proposals: a document titled as one, or a section headed as the budget
# --------------------------------------------------------------------------------------------


def budget_scopes(text: str, year: int | None = 2023) -> list[tuple[str, int]]:
    from govmetrics.extract.budgets import BudgetScopes

    reading = normalize(text).text
    budgets = BudgetScopes(reading, year)
    return [(reading[s:e].strip(), y) for s, e, y in zip(budgets._starts, budgets._ends, budgets._years)]


def test_a_document_titled_as_a_proposal_proposes_all_but_its_review_sections():
    text = ("嘉湖縣113年度總預算案編製說明\n一、上年度預算執行情況\n已執行歲出98億元。\n"
            "二、歲入部分\n歲入預算編列146億元。\n三、歲出部分\n歲出預算編列155億元。")
    assert budget_scopes(text) == [("二、岁入部分\n岁入预算编列146亿元。\n三、岁出部分\n岁出预算编列155亿元。", 2024)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A section headed as the budget, in a government work report.
        ("政府工作报告\n一、2023年工作回顾\n收入完成286亿元。\n二、2024年财政预算\n收入安排302亿元。\n三、2024年工作安排\n新建学校15所。",
         [("收入安排302亿元。", 2024)]),
        # A title that covers both execution and proposal: only the proposal's section.
        ("关于2023年预算执行情况和2024年预算草案的报告\n一、2023年预算执行情况\n收入完成286亿元。\n二、2024年预算草案\n收入安排302亿元。",
         [("收入安排302亿元。", 2024)]),
        ("二〇二四年度財政預算案\n特區政府開支預算1,206億澳門元。", [("特区政府开支预算1,206亿澳门元。", 2024)]),
        # No proposal named: nothing; a heading of a review that names the budget's work proposes nothing either.
        ("市财政局2023年工作总结\n一般公共预算收入完成286亿元，为预算的101.3%。", []),
        ("市财政局2023年工作总结\n二、优化预算安排，保障重点支出\n民生支出占比达80%。", []),
        ("市财政局2023年工作总结\n二、2023年财政预算安排\n民生支出占比达80%。", []),
    ],
)
def test_a_budget_proposal_is_a_titled_document_or_a_headed_section(text, expected):
    assert budget_scopes(text) == expected
