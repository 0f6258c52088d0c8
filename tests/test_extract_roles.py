"""Roles in the cases that decide (the spec's "Roles: the cases that decide"): from-values set apart
from their verb, changes named by a noun or a net addition, plans, budgets, ranks without 第, a change
after a headline colon and comparison figures in brackets.

Every sentence here is constructed with invented figures, in both scripts where reports use both.
"""

import pytest

from govmetrics.extract import extract_mentions
from govmetrics.textnorm import normalize


def roles(text: str, year: int | None = 2022):
    reading = normalize(text)
    out = []
    for m in extract_mentions(reading.text, report_year=year):
        start, end = reading.span(m.start, m.end)
        out.append((text[start:end], m.role, m.direction))
    return out


def role_list(text: str, year: int | None = 2022):
    return [(r, d) for _, r, d in roles(text, year)]


V, B, T, R = ("value", None), ("baseline", None), ("target", None), ("rank", None)
UP, DOWN = ("change", "up"), ("change", "down")


# --------------------------------------------------------------------------------------------
# From-values set apart from their verb
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # A year in Chinese digits, a full date or a year's term between the from-value and its verb.
        ("盜竊案件由二〇一一年的48 716宗下降至2021年的30 112宗。", [B, V]),
        ("盗窃案件由二〇一一年的48 716宗下降至2021年的30 112宗。", [B, V]),
        ("登記失業人數從二○一八年底的5.2萬人減少到3.9萬人。", [B, V]),
        ("存款余额由2021年6月末的812亿元增加到903亿元。", [B, V]),
        ("客运量较2019年同期的1,420万人次下降38%。", [B, DOWN]),
        # Years of the Minguo calendar, in Arabic or Chinese digits.
        ("低收入戶由一○八年的2萬1,300戶減少至1萬9,870戶。", [B, V]),
        ("歲出較九十八年度的3,210億元增加150億元。", [B, UP]),
        # 与…相比: the level a comparison is made with.
        ("交通事故與2016年的2 415起相比，降幅達三成。", [B, DOWN]),
        ("交通事故与2016年的2 415起相比，降幅达三成。", [B, DOWN]),
        ("火灾起数同上年的386起相比，减少52起。", [B, DOWN]),
        # The level compared with may be called by a short noun (员额高峰, 峰值).
        ("與一○一年度的員額高峰3,310人相比，減少464人。", [B, DOWN]),
        ("交通事故与2015年的峰值3 200起相比，降幅达三成。", [B, DOWN]),
        ("火災起數與2019年(412起)相比，減少61起。", [B, DOWN]),
        # The earlier level in brackets after the comparison.
        ("電信詐騙案件較2020年(12 604起)減少3 018起。", [B, DOWN]),
        ("电信诈骗案件较2020年（12 604起）减少3 018起。", [B, DOWN]),
        # An amount budgeted or planned is the reference of a comparison as a past year is.
        ("營業收入為新臺幣4億1,200萬元，較預算數3億8,600萬元增加2,600萬元。", [V, B, UP]),
        ("实际支出比原计划的2600万元多出180万元。", [B, UP]),
        ("出口额比上年(86.2亿美元)增长9.3%。", [B, UP]),
    ],
)
def test_a_from_value_apart_from_its_verb_is_a_baseline(text, expected):
    assert role_list(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("今年搶劫和搶奪案件分別為126起及33起，而2019年則分別為302起及95起。", [V, V, B, B]),
        ("今年抢劫案件为126起，而2019年则为302起。", [V, B]),
        ("本年度受理投诉4 210宗，而上年同期为3 870宗。", [V, B]),
        ("今年受理投诉4 210宗，上年同期为3 870宗。", [V, B]),
        ("今年搶劫案件為126起，2019年則為302起。", [V, B]),
    ],
)
def test_the_level_of_an_earlier_year_set_beside_a_level_is_a_baseline(text, expected):
    assert role_list(text, year=2021) == expected


def test_a_later_year_set_beside_a_level_is_no_baseline():
    assert role_list("今年完成造林3万亩，而2025年则为5万亩。", year=2022) == [V, V]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("特困人员供养标准由每人每月560元、每年6720元统一提高到每人每月600元。", [B, B, V]),
        ("特困人員供養標準由每人每月560元、每年6720元統一提高到每人每月600元。", [B, B, V]),
        ("城乡低保标准由620元和480元分别提高到650元和510元。", [B, B, V, V]),
        ("高龄津贴从每人每月100元、200元提高至150元、300元。", [B, B, V, V]),
    ],
)
def test_every_member_of_a_list_inside_a_from_clause_is_a_baseline(text, expected):
    assert role_list(text) == expected


def test_a_from_clause_naming_who_acts_is_no_baseline():
    assert role_list("由市财政安排资金3亿元、区财政安排2亿元用于旧城改造。") == [V, V]


# --------------------------------------------------------------------------------------------
# Changes named by a noun; net additions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("訪港旅客升幅為8.4%。", [UP]),
        ("访港旅客升幅为8.4%，零售业总销货价值跌幅为2.1%。", [UP, DOWN]),
        ("住宅成交量降幅超过15%。", [DOWN]),
        ("零售業銷貨額按年跌3.1%。", [DOWN]),
        ("本地生產總值錄得4.6%的增幅。", [UP]),
        ("本地生产总值录得4.6%的增幅，出口录得3.2%的跌幅。", [UP, DOWN]),
        ("全年实现8.5%的增长，物价出现0.7%的下降。", [UP, DOWN]),
        ("全年本地生產總值錄得12.6%的實質增長。", [UP]),
    ],
)
def test_a_change_named_by_a_noun_is_a_change_with_its_direction(text, expected):
    assert role_list(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("本地生產總值按年升3.2%，私人消費開支按年跌1.5%。", [UP, DOWN]),
        ("本地生产总值按年升3.2%，私人消费开支按年跌1.5%。", [UP, DOWN]),
        ("出口貨值按年上升百分之五點七，進口貨值按年下降百分之二點三。", [UP, DOWN]),
        ("出口货值按年上升百分之五点七，进口货值按年下降百分之二点三。", [UP, DOWN]),
        ("失業人數按年增加1 200人，訪港旅客按年減少8.4%。", [UP, DOWN]),
        ("酒店入住率按年上升4.1個百分點，零售額按月升2.4%。", [UP, UP]),
        # 升 before 至 names the level reached, as 上升至 does.
        ("綜合消費物價指數升至3.5%。", [V]),
    ],
)
def test_a_change_written_with_anian_is_a_change_with_its_direction(text, expected):
    assert role_list(text) == expected


def test_a_change_written_with_anian_keeps_anian_in_its_label_as_tongbi_is_kept():
    ms = extract_mentions(normalize("本地生產總值按年升3.2%，價格升至3.5%。").text, report_year=2022)
    assert [m.label for m in ms] == ["本地生产总值按年升", "价格"]


def test_a_level_after_de_before_a_word_holding_a_change_noun_is_no_change():
    assert role_list("占全市32%的增加值来自制造业。") == [V]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年淨增市場主體2 316戶。", [UP]),
        ("全年净增市场主体2 316户，净减少落后产能企业14家。", [UP, DOWN]),
        ("年内再添公共充电桩450个。", [UP]),
        ("公交车较上年新增240辆，比去年新增就业岗位3 100个。", [UP, UP]),
        ("全年新增公交车240辆，新增就业岗位3 100个。", [V, V]),
        ("就业补助资金较上年多安排0.8亿元，审批时间比去年少用6天。", [UP, DOWN]),
    ],
)
def test_a_net_addition_is_a_change_up_and_a_plain_addition_a_level(text, expected):
    assert role_list(text) == expected


def test_a_net_addition_keeps_its_verb_once_in_its_label():
    (m,) = extract_mentions(normalize("全年净增市场主体2 316户。").text, report_year=2022)
    assert m.label == "净增市场主体"


# --------------------------------------------------------------------------------------------
# Plans, done figures, standards, planned growth
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "二、2023年工作安排\n社会事业\n新建学校18所，扶持创业1.5万人。",
        "二、2023年工作安排\n（一）社会事业。新建学校18所，扶持创业1.5万人。",
        "三、主要目标\n新建学校18所；\n扶持创业1.5万人。",
        "今年，全市将新建学校18所，扶持创业1.5万人。",
        "2023年，市教育局将新建学校18所，扶持创业1.5万人。",
        "2023年，市教育局將新建學校18所，扶持創業1.5萬人。",
        "下一步，我局将新建学校18所，扶持创业1.5万人。",
        "一是将新建学校18所，扶持创业1.5万人。",
        "（二）全市将新建学校18所，扶持创业1.5万人。",
        "二、施政重點\n新建學校18所，扶持創業1.5萬人。",
    ],
)
def test_a_plan_section_or_sentence_makes_bare_figures_targets(text):
    assert role_list(text) == [T, T]


def test_a_marked_plan_section_ends_at_the_next_department():
    text = "二、2023年工作安排\n社会事业\n新建学校18所。\n市卫生健康委\n新增床位600张。"
    assert role_list(text) == [T, V]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("将低保标准提高10%，将九个部门的救助事项纳入平台。", [UP, V]),
        ("2020年，我市将农村低保标准提高到每人每月520元。", [V]),
    ],
)
def test_jiang_as_an_object_marker_or_in_a_past_year_plans_nothing(text, expected):
    assert role_list(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("已完成整改任务38項。", [V]),
        ("已完成整改任务38项，已建成规划项目12个。", [V, V]),
        ("规划6条线92座车站中71座开工建设。", [T, T, V]),
        ("二、2023年工作安排\n新建学校18所，其中已开工9所。", [T, V]),
    ],
)
def test_a_figure_already_done_stays_a_level_beside_a_plan_noun(text, expected):
    assert role_list(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # 已 with any verb of work is done, inside a plan sentence or section too.
        ("全年計劃籌集保障性租賃住房2 600套，已籌集1 420套。", [T, V]),
        ("全年计划筹集保障性租赁住房2 600套，已筹集1 420套。", [T, V]),
        ("二、2023年工作安排\n新建公园14座，其中已启动前期工作6座，已征收土地310亩。", [T, V, V]),
        ("今年，全市将改造老旧小区86个，目前均已进场施工41个。", [T, V]),
        # The share of the year's plan or target done is a level.
        ("全年计划筹集保障性租赁住房2 600套，已筹集1 420套，完成年度计划的54.6%。", [T, V, V]),
        ("二、2023年上半年重点工作\n全年計劃新開工項目40個，完成年度目標的47%。", [T, V]),
        ("三、2023年工作安排\n新增城镇就业4.6万人，上半年完成全年任务的58.2%。", [T, V]),
        # The level of an earlier year a plan builds on (在…的基础上) is a level, not a target.
        ("三、2023年工作安排\n在去年完成造林2.4萬畝的基礎上，新造林2.8萬畝。", [V, T]),
        ("三、2023年工作安排\n在去年完成造林2.4万亩的基础上，新造林2.8万亩。", [V, T]),
        ("力争在上年新增就业3.9万人基础上新增4.2万人。", [V, T]),
    ],
)
def test_a_figure_already_done_stays_a_level_inside_a_plan(text, expected):
    assert role_list(text) == expected


@pytest.mark.parametrize(
    "text",
    ["城鄉居民基礎養老金提高到年人均不低於8400元。", "城乡居民基础养老金提高到年人均不低于8400元。",
     "孤儿养育标准提高至每人每月不低于1800元。",
     # Distributive and time words between the verb and the floor.
     "城乡低保标准提高到每户每月不低于640元。", "城鄉低保標準提高到每戶每月不低於640元。",
     "特困人员供养标准自1月起提高到每人每年不低于9 960元。", "特困人員供養標準自1月起提高到每人每年不低於9,960元。",
     "孤儿基本生活费提高至自7月起每人每月不低于1 850元。", "学前教育补助提高到每名幼儿每月不低于520元。",
     "租赁补贴标准从2023年7月起调整为每户每月不低于900元。"],
)
def test_a_standard_raised_to_a_floor_is_a_level_with_at_least(text):
    (m,) = extract_mentions(normalize(text).text, report_year=2022)
    assert (m.role, m.qualifier) == ("value", "at_least")


def test_a_floor_set_for_spending_is_still_a_target():
    assert role_list("每年安排不低于2亿元专项资金。") == [T]


@pytest.mark.parametrize(
    "text",
    ["預期今年地區生產總值增長5.5%。", "预期今年地区生产总值增长5.5%。", "社会消费品零售总额预计增长8%左右。",
     "全年进出口总额预期增长3%。"],
)
def test_planned_growth_is_a_target(text):
    assert role_list(text) == [T]


def test_an_estimated_outcome_is_a_level():
    assert role_list("全年地区生产总值预计完成3,120亿元。") == [V]


# --------------------------------------------------------------------------------------------
# Budgets
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("明年預算編列開支982億元，較上年度法定預算數915億元增加67億元，增幅7.3%。", [T, B, UP, UP]),
        ("明年预算编列开支982亿元，较上年度法定预算数915亿元增加67亿元，增幅7.3%。", [T, B, UP, UP]),
        ("2024年度预算安排教育经费46亿元，比上年预算减少2亿元。", [T, DOWN]),
        ("本年度歲出預算編列73億2,500萬元。", [T]),
        ("特區政府開支預算為1,206億澳門元，較上年度法定預算數1,131億澳門元增加75億澳門元。", [T, B, UP]),
        ("三、2024年工作安排\n全市一般公共预算支出安排710亿元，比上年预算增长3.6%。", [T, UP]),
    ],
)
def test_a_budget_proposes_targets_beside_last_years_approved_amount_and_the_difference(text, expected):
    assert role_list(text, year=2023) == expected


PROPOSAL_HANT = (
    "嘉湖縣113年度總預算案編製說明\n"
    "一、上年度預算執行情況\n"
    "截至112年8月底已執行歲出98億元，執行率64%。\n"
    "二、歲入歲出\n"
    "本年度歲入預算編列146億3,200萬元，其中稅課收入61億元，補助及協助收入70億元。"
    "社會福利支出38億6,000萬元，較上年度法定預算數增加2億元。\n"
    "三、歲入歲出差短及融資\n"
    "歲入歲出差短9億4,000萬元，擬以舉借債務7億元及移用以前年度歲計賸餘2億4,000萬元彌平。\n"
    "四、其他\n"
    "本年度預算員額2,846人，較上年度減少12人，與一○一年度的員額高峰3,310人相比，減少464人。"
    "本縣人口連續8年減少，110年底人口為19萬8,000人。"
    "預計受益長者約3萬6,000人，汰換消防車輛14輛，增設幼兒園專班22班。"
    "預計113年度底債務餘額為86億元，低於法定上限50%。老人健保費補助由每人每月826元提高至1,000元。"
)
PROPOSAL_EXPECTED = (
    [V, V]  # executed by the end of August: done
    + [T, T, T, T, UP]  # revenue and expenditure of the budget year; the difference from last year's approved budget
    + [T, T, T]  # the deficit and how it is financed
    + [T, DOWN, B, DOWN]  # the staff establishment, its difference, a past peak compared with
    + [V, V]  # facts of the past: a run of years, the population at the end of an earlier year
    + [T, T, T]  # beneficiaries expected, what will be bought or opened
    + [T, T]  # the debt expected at year end and the legal ceiling
    + [B, T]  # a subsidy raised from a to b
)


@pytest.mark.parametrize("text", [PROPOSAL_HANT, normalize(PROPOSAL_HANT).text])
def test_a_budget_proposal_makes_the_budget_years_amounts_and_counts_targets(text):
    assert role_list(text, year=2023) == PROPOSAL_EXPECTED


def test_the_budget_section_of_a_government_work_report_proposes_targets():
    text = (
        "政府工作报告\n"
        "一、2023年工作回顾\n"
        "全年一般公共预算收入完成286亿元，增长6.2%。新建学校12所。\n"
        "二、2024年财政预算\n"
        "2024年一般公共预算收入安排302亿元，增长5.6%；一般公共预算支出418亿元，其中教育支出71亿元，"
        "较上年预算增加3亿元。新增学位1.1万个，受惠学生约7.9万人。\n"
        "三、2024年工作安排\n"
        "新建学校15所。"
    )
    assert role_list(text, year=2023) == [V, UP, V, T, UP, T, T, UP, T, T, T]


def test_a_report_on_this_years_execution_and_next_years_proposal_proposes_only_in_its_proposal():
    text = (
        "关于云江市2023年预算执行情况和2024年预算草案的报告\n"
        "一、2023年预算执行情况\n"
        "全市一般公共预算收入完成286亿元，增长6.2%，为预算的101.3%。\n"
        "二、2024年预算草案\n"
        "全市一般公共预算收入安排302亿元，增长5.6%。全市一般公共预算支出安排418亿元，其中教育支出71亿元。"
        "截至2023年底，政府债务余额为496亿元。预计2024年底政府债务余额为538亿元。"
    )
    assert role_list(text, year=2024) == [V, UP, V, T, UP, T, T, V, T]


def test_a_text_that_only_mentions_a_budget_proposes_nothing():
    text = "市财政局2023年工作总结\n全市一般公共预算收入完成286亿元，为预算的101.3%，预算执行率98%。"
    assert role_list(text, year=2023) == [V, V, V]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全市政府债务余额480亿元，低于法定上限50%。", [V, T]),
        ("全市政府債務限額為680億元。", [T]),
    ],
)
def test_a_legal_ceiling_is_a_target_like_standard(text, expected):
    assert role_list(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("实际支出比原预算多了四百六十万元。", [UP]),
        ("實際支出比原預算少了三百萬元。", [DOWN]),
        ("参保人数较上年多了1.2万人，欠费企业比上年少了36家。", [UP, DOWN]),
        ("实际支出比原预算多出460万元。", [UP]),
        ("與原預算相比，多了四百六十萬元。", [UP]),
    ],
)
def test_a_difference_stated_with_duole_or_shaole_is_a_change(text, expected):
    assert role_list(text) == expected


# --------------------------------------------------------------------------------------------
# Ranks without 第; a change after a headline colon; comparison figures in brackets
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["營商環境評價從第41位上升至19位。", "营商环境评价从第41位上升至19位。", "综合排名由第12名下降至15名。"],
)
def test_a_rank_after_a_ranked_pair_drops_di(text):
    ms = extract_mentions(normalize(text).text, report_year=2022)
    assert [(m.role, m.unit) for m in ms] == [("rank", "位"), ("rank", "位")]
    assert all("第" not in m.label for m in ms)


def test_a_count_of_people_is_no_rank():
    assert role_list("新录用公务员19名。") == [V]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("在校生數量大幅增長：58.2%", [UP]),
        ("在校生数量大幅增长：58.2%", [UP]),
        ("外贸出口明显回落： 12.4%", [DOWN]),
        ("在校生數量大幅增長：\n58.2%", [UP]),
    ],
)
def test_a_change_after_a_headline_colon(text, expected):
    assert role_list(text) == expected


def test_a_level_after_a_colon_is_a_level():
    assert role_list("全市常住人口：486万人") == [V]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("地區生產總值增長6.2%(全國5.2%、全省5.8%)。", [UP, UP, UP]),
        ("地区生产总值增长6.2%（全国5.2%，全省5.8%）。", [UP, UP, UP]),
        ("工业增加值增长-3.5%(全国-1.2%)。", [DOWN, DOWN]),
        ("出口下降4%（全省增长2%）。", [DOWN, UP]),
        ("全年预期增长6%（全省5.5%）。", [T, T]),
        ("城镇化率为62%（全省66%）。", [V, V]),
        ("本地居民失業率為2.9%(上季為3.3%)。", [V, B]),
        ("破案率为44.6%，较2021年（39.8%）提高4.8个百分点。", [V, B, UP]),
    ],
)
def test_comparison_figures_in_brackets_take_the_role_of_the_figure_they_compare_with(text, expected):
    assert role_list(text) == expected


def test_a_comparison_figure_in_brackets_is_a_magnitude():
    ms = extract_mentions(normalize("工业增加值增长-3.5%(全国-1.2%)。").text, report_year=2022)
    assert [m.value for m in ms] == [3.5, 1.2]
