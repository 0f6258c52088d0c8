"""The indicator catalogue and label matching: well-formed, separable, and robust to rewording."""

from __future__ import annotations

import csv
import re
from itertools import combinations
from pathlib import Path

import pytest

from govmetrics.compare.catalogue import CATALOGUE_COLUMNS, catalogue_rows, load_catalogue
from govmetrics.compare.ids import resolve_metric
from govmetrics.compare.slugs import base_slug
from govmetrics.compare.labels import normalize_label
from govmetrics.compare.similarity import SIMILARITY_THRESHOLD, similarity
from govmetrics.compare.units import canonical_unit, compatible
from schemas.metric_changes import METRIC_ID_PATTERN

ROOT = Path(__file__).resolve().parents[1]


def department_ids() -> set[str]:
    with (ROOT / "schemas" / "departments.csv").open(encoding="utf-8") as f:
        return {row["department_id"] for row in csv.DictReader(f)}


def test_catalogue_has_the_documented_columns_and_no_empty_cells():
    with (ROOT / "schemas" / "metric_catalogue.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == CATALOGUE_COLUMNS
        rows = list(reader)
    assert len(rows) >= 150
    for row in rows:
        assert all(row[c].strip() for c in CATALOGUE_COLUMNS), row


def test_metric_ids_are_unique_readable_and_prefixed_by_their_department():
    ids = [r["metric_id"] for r in catalogue_rows()]
    assert len(ids) == len(set(ids))
    for row in catalogue_rows():
        assert re.match(METRIC_ID_PATTERN, row["metric_id"]), row["metric_id"]
        assert row["metric_id"].startswith(row["department_id"] + "."), row["metric_id"]
        assert not row["metric_id"].startswith("auto_")


def test_every_department_id_exists_in_the_department_table():
    known = department_ids()
    unknown = {r["department_id"] for r in catalogue_rows()} - known
    assert not unknown


def test_units_are_written_canonically():
    for row in catalogue_rows():
        assert canonical_unit(row["unit"]) == row["unit"], row


def test_variants_are_unique_within_a_department():
    seen: dict[tuple[str, str], str] = {}
    for row in catalogue_rows():
        variants = [row["name_zh"], *row["label_variants"].split("|")]
        assert all(variants), row["metric_id"]
        for v in dict.fromkeys(variants):
            key = (row["department_id"], v)
            assert key not in seen, f"{v!r} is a variant of both {seen[key]} and {row['metric_id']}"
            seen[key] = row["metric_id"]


def _competing_pairs():
    """Pairs of indicators one label could be matched to: same department, same kind, compatible units."""
    inds = load_catalogue().indicators
    for a, b in combinations(inds, 2):
        if a.department_id == b.department_id and a.role == b.role and (compatible(a.unit, b.unit) or a.unit == b.unit):
            yield a, b


def test_normalized_variants_never_name_two_indicators_a_label_could_match():
    for a, b in _competing_pairs():
        shared = set(a.normalized_variants) & set(b.normalized_variants)
        assert not shared, f"{a.metric_id} and {b.metric_id} share {shared}"


def test_distinct_indicators_score_below_the_threshold_against_each_other():
    # The threshold is only safe if no two indicators a label could be matched to look alike to it.
    worst = max(
        (similarity(va, vb), a.metric_id, va, b.metric_id, vb)
        for a, b in _competing_pairs()
        for va in a.normalized_variants
        for vb in b.normalized_variants
    )
    assert worst[0] < SIMILARITY_THRESHOLD, worst


def test_every_variant_resolves_to_its_own_indicator():
    for ind in load_catalogue().indicators:
        role = "rank" if ind.unit == "位" else "value"
        for v in ind.variants:
            res = resolve_metric(ind.department_id, v, ind.unit, role)
            assert res.metric_id == ind.metric_id, (v, res)
            assert (res.source, res.match, res.score) == ("catalogue", "variant", 1.0)


def test_provisional_ids_are_the_readable_pinyin_of_department_and_label():
    a = base_slug("justice", "新型纠纷调处")
    assert a == "justice.auto_xin_xing_jiu_fen_tiao_chu" == base_slug("justice", "新型纠纷调处")
    assert re.match(METRIC_ID_PATTERN, a)
    assert base_slug("civil_affairs", "新型纠纷调处") != a
    assert base_slug("justice", "新型纠纷") != a
    assert base_slug(None, "参加活动的市直部门和单位").startswith("general.auto_can_jia_huo_dong")
    assert base_slug("justice", "“12348热线+人民调解”调解案件").startswith("justice.auto_12348_re_xian")


def test_an_unknown_label_falls_back_to_the_same_automatic_id_every_year():
    first = resolve_metric("science_technology", "全市新型研发机构总数", "家")
    again = resolve_metric("science_technology", "新型研发机构", "家")  # 全市 and 总数 are generic
    assert first.source == "automatic" and first.match == "automatic" and first.score is None
    assert first.metric_id == again.metric_id == base_slug("science_technology", "新型研发机构")


# How an extractor may word the dev corpus's recurring indicators: the subject phrase with leading
# scope words (全市, 全年), verbs (发放, 举办, 开展), trailing verbs (达到, 提高到), from-phrases of a
# baseline (由去年的), or a little extra context. Each must still find its catalogue indicator.
REWORDED = [
    ("education", "全市中小学生体质健康优良率", "%", "value", "education.student_fitness_good_rate"),
    ("education", "义务教育学校课后服务学生参与率达到", "%", "value", "education.after_school_service_participation"),
    ("education", "全年发放各类学生资助资金", "元", "value", "education.student_aid_funds"),
    ("education", "优质园占比由去年的", "%", "baseline", "education.quality_kindergarten_share"),
    ("education", "集团化办学覆盖面由上年的", "%", "baseline", "education.group_schooling_coverage"),
    ("education", "全市交流轮岗教师", "人", "value", "education.teacher_rotation"),
    ("education", "参赛学生", "人", "value", "education.sports_meet_participants"),
    ("science_technology", "全市高新技术企业总数达到", "家", "value", "science_technology.high_tech_enterprises"),
    ("science_technology", "全市每万人口发明专利拥有量", "件", "value", "science_technology.invention_patents_per_10k"),
    ("science_technology", "科技企业孵化器和众创空间总数达到", "家", "value", "science_technology.incubators_and_makerspaces"),
    ("science_technology", "区域创新能力评价", "位", "rank", "science_technology.regional_innovation_rank"),
    ("science_technology", "技术合同成交额比上年增长", "%", "change", "science_technology.technology_contract_turnover"),
    ("civil_affairs", "发放各类救助资金", "元", "value", "civil_affairs.social_assistance_funds"),
    ("civil_affairs", "建成居家社区养老服务中心(站)", "处", "value", "civil_affairs.community_elderly_care_centres"),
    ("civil_affairs", "镇（街）社工站增至", "处", "value", "civil_affairs.social_work_stations"),
    ("civil_affairs", "注册志愿者人数达到", "人", "value", "civil_affairs.registered_volunteers"),
    ("civil_affairs", "全年募集善款", "元", "value", "civil_affairs.charity_donations"),
    ("justice", "全市调解民间纠纷", "件", "value", "justice.mediated_disputes"),
    ("justice", "开展法治宣传活动", "场", "value", "justice.legal_publicity_events"),
    ("human_resources_social_security", "城乡居民基础养老金最低标准提高到每人每月", "元", "value",
     "human_resources_social_security.resident_basic_pension_minimum"),
    ("human_resources_social_security", "吸引高校毕业生来青岛就业创业", "人", "value",
     "human_resources_social_security.graduates_attracted"),
    ("human_resources_social_security", "仲裁结案率保持在", "%", "value",
     "human_resources_social_security.labour_arbitration_closure_rate"),
    ("health", "婴儿死亡率为", "‰", "value", "health.infant_mortality_rate"),
    ("health", "全市每千人口执业（助理）医师数达到", "人", "value", "health.physicians_per_1000"),
    ("health", "門診患者平均候診時間", "分钟", "value", "health.outpatient_waiting_time"),
    ("health", "每千人口拥有婴幼儿托位", "个", "value", "health.childcare_places_per_1000"),
    # modifiers in front of a known head (the head of a Chinese noun phrase comes last)
    ("health", "二级以上公立医院检查检验结果互认项目", "项", "value", "health.test_result_mutual_recognition_items"),
    ("justice", "各级调解组织调解民间纠纷", "件", "value", "justice.mediated_disputes"),
    ("justice", "解答群众咨询", "人次", "value", "justice.legal_hotline_consultations"),
    # two clauses run together: the unit says which one the figure counts
    ("education", "家庭经济困难学生发放各类资助资金", "名", "value", "education.aided_students"),
    ("education", "家庭经济困难学生发放各类资助资金", "元", "value", "education.student_aid_funds"),
    # a flow word carried over from the clause before does not turn a total into a flow
    ("science_technology", "新增科技企业孵化器和众创空间总数", "家", "value", "science_technology.incubators_and_makerspaces"),
]


@pytest.mark.parametrize(("department_id", "label", "unit", "role", "expected"), REWORDED)
def test_reworded_labels_find_their_indicator(department_id, label, unit, role, expected):
    assert resolve_metric(department_id, label, unit, role).metric_id == expected


# Labels that look alike but are different indicators (or none the catalogue knows).
KEPT_APART = [
    ("civil_affairs", "城市农村低保标准", "元/月", "value"),  # a list label naming two indicators
    ("health", "家庭医生签约服务团队", "个", "value"),
    ("human_resources_social_security", "追回欠薪", None, "value"),  # no unit: never matched
]


# Labels that have an indicator of their own, and must not take the look-alike one.
OWN_INDICATOR = [
    ("science_technology", "新增省级以上科技企业孵化器和众创空间", "家", "value", "science_technology.new_incubators_and_makerspaces"),
    ("education", "选派骨干教师交流任教", "人", "value", "education.teacher_rotation"),  # README of the dev corpus
    # right words, wrong unit: an amount is not the count of organisations
    ("civil_affairs", "投资乡村振兴的社会组织数量", "元", "value", "civil_affairs.social_organisations_in_rural_revitalisation"),
]


@pytest.mark.parametrize(("department_id", "label", "unit", "role", "look_alike"), OWN_INDICATOR)
def test_look_alike_labels_keep_their_own_indicator(department_id, label, unit, role, look_alike):
    res = resolve_metric(department_id, label, unit, role)
    assert res.source == "catalogue" and res.metric_id != look_alike


@pytest.mark.parametrize(("department_id", "label", "unit", "role"), KEPT_APART)
def test_look_alike_labels_are_not_forced_into_an_indicator(department_id, label, unit, role):
    assert resolve_metric(department_id, label, unit, role).source == "automatic"


def test_a_label_only_matches_within_its_own_department():
    assert resolve_metric("justice", "注册志愿者", "人").source == "automatic"
    assert resolve_metric(None, "注册志愿者", "人").source == "automatic"


def test_matching_prefers_the_indicator_whose_unit_is_equivalent():
    # 新纳入低保 is both indicators' normalized variant: the unit decides.
    assert resolve_metric("civil_affairs", "新纳入低保", "户").metric_id == "civil_affairs.new_allowance_households"
    assert resolve_metric("civil_affairs", "新纳入低保", "人").metric_id == "civil_affairs.new_allowance_recipients"


def test_changes_and_targets_share_the_indicator_they_change_or_aim_at():
    level = resolve_metric("human_resources_social_security", "城镇新增就业", "人").metric_id
    assert resolve_metric("human_resources_social_security", "城镇新增就业年度目标", "人", "target").metric_id == level
    assert resolve_metric("human_resources_social_security", "城镇新增就业同比增长", "%", "change").metric_id == level
    # ...but a level that merely mentions a target is its own indicator
    assert resolve_metric("human_resources_social_security", "城镇新增就业完成年度目标比例", "%").metric_id != level
    # ranks only match rank indicators
    assert resolve_metric("science_technology", "区域创新能力评价全省排名", "位", "value").source == "automatic"


def test_normalized_variants_are_what_the_crosswalk_shows():
    assert normalize_label("全市实名注册志愿者") == "实名注册志愿者"
    assert normalize_label("“海川科创贷”发放贷款") == "海川科创贷发放贷款"
