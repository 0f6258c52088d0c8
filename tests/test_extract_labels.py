"""Labels read as indicator names: each class of rule on sentences of its own, in several wordings.

A label names what is counted, as an analyst would name the indicator, so it is also what the
year-over-year join reads: the same indicator must read the same way however a year words it.
"""

import pytest

from govmetrics.extract import extract_mentions
from govmetrics.extract.labels import compared_with, shorten
from govmetrics.textnorm import normalize


def labels(text: str) -> list[str]:
    return [m.label for m in extract_mentions(normalize(text).text, report_year=2022)]


# --------------------------------------------------------------------------------------------
# No debris: glosses, empty brackets, punctuation, conjunctions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("社会消费品零售总额增(zeng)长(chang)", "社会消费品零售总额增长"),
        ("城市低(dī)保(bǎo)对象", "城市低保对象"),
        ("“”城市低保对象()", "城市低保对象"),
        ("、城市低保对象，", "城市低保对象"),
        ("但受灾群众", "受灾群众"),
        ("而且新增就业岗位", "新增就业岗位"),
        # A gloss is lower-case pinyin after a character; a bracket that holds a name stays.
        ("国内生产总值(GDP)", "国内生产总值(GDP)"),
        ("镇(街)社工站", "镇(街)社工站"),
        # A conjunction that would leave a word of one character stays.
        ("但书", "但书"),
    ],
)
def test_a_label_carries_no_gloss_empty_bracket_punctuation_or_leading_conjunction(raw, clean):
    assert shorten(raw) == clean


@pytest.mark.parametrize(
    "text, expected",
    [
        ("受灾群众3.2万人次，但受灾群众死亡0人。", ["受灾群众", "受灾群众死亡"]),
        ("新增城镇就业1.2万人，而且新增就业岗位3000个。", ["新增城镇就业", "新增就业岗位"]),
        ("全年接报火警1200宗，但亡人火灾3宗。", ["接报火警", "亡人火灾"]),
    ],
)
def test_a_clause_opened_by_a_conjunction_labels_without_it(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text",
    ["全年社会消费品零售总额增(zeng)长(chang)18.7%。", "全年社会消费品零售总额增(zēng)长(zhǎng)18.7%。"],
)
def test_a_gloss_inside_a_word_stays_out_of_its_label(text):
    (label,) = labels(text)
    assert label.startswith("社会消费品零售总额") and "(" not in label and "zeng" not in label


def test_a_noun_ending_in_a_word_that_introduces_a_figure_keeps_it():
    assert labels("全年查处违法行为1200起，罚款3200万元。")[0] == "查处违法行为"


# --------------------------------------------------------------------------------------------
# No comparison scaffolding
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # The earlier level in 与…相比 is the subject's, and so is the size of the change after it.
        ("全市火灾起数1200起，与2015年的1500起相比，降幅为20%。", ["火灾起数", "火灾起数", "火灾起数降幅"]),
        ("全年救护车召唤达到812 406宗，与2021年的768 250宗相比，升幅为5.7%。",
         ["救护车召唤", "救护车召唤", "救护车召唤升幅"]),
        ("全年接报火警3200宗，与上年相比增加120宗。", ["接报火警", "接报火警增加"]),
        ("全年接报火警3200宗，与去年同期相比，增加120宗。", ["接报火警", "接报火警增加"]),
        # A year written in Chinese numerals is a year.
        ("罪案数目由二〇〇九年的61 204宗下降至2013年的53 200宗。", ["罪案数目", "罪案数目"]),
        # An earlier level in brackets after the time it was taken.
        ("全年入境旅客1 420万人次，较2019年(3 940万人次)减少64%。", ["入境旅客", "入境旅客", "入境旅客减少"]),
        ("全年入境旅客1420万人次，较2019年（3940万人次）减少64%。", ["入境旅客", "入境旅客", "入境旅客减少"]),
        # A clause that only sets another time against the figure before labels as that figure.
        ("全年共处理投诉3 215宗，而2021年则有2 980宗。", ["处理投诉", "处理投诉"]),
        ("本地生产总值实质增长3.2%，而2021年则为6.3%。", ["本地生产总值实质增长", "本地生产总值实质增长"]),
        ("2021年火灾及亡人分别为460起及12人，而2020年则分别为415起及86起。", ["火灾", "亡人", "火灾", "亡人"]),
        # A comparison alone says whose figure it is from the clause before.
        ("企业开办时间压缩至0.5个工作日，比改革前减少2.5个工作日。", ["企业开办时间", "企业开办时间比改革前减少"]),
    ],
)
def test_comparison_scaffolding_never_stands_for_a_subject(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("人均预期寿命81.4岁，比全国高3.2岁。", "人均预期寿命高于全国"),
        ("人均预期寿命81.4岁，较全国高出3.2岁。", "人均预期寿命高于全国"),
        ("全市人口出生率为6.2‰，比全省低0.8个百分点。", "人口出生率低于全省"),
        ("全年空气质量优良天数312天，相比周边城市多18天。", "空气质量优良天数多于周边城市"),
        ("全年空气质量优良天数312天，与周边城市相比多18天。", "空气质量优良天数多于周边城市"),
        ("全市居民人均可支配收入5.2万元，比全国平均水平高出1.3万元。", "居民人均可支配收入高于全国平均水平"),
    ],
)
def test_a_level_compared_with_another_place_says_so_in_one_form(text, expected):
    assert labels(text)[-1] == expected


@pytest.mark.parametrize(
    "raw, parts",
    [
        ("人均预期寿命比全国高", ("人均预期寿命", "高于全国")),
        ("相比某市低", ("", "低于某市")),
        # A comparison with a past time is a change and keeps its wording; 占比, 比重 and 同比 hold no
        # comparison with a place, and neither does a change verb ending in 高 or 少.
        ("城镇学校比上年多", None),
        ("第三产业比重提高", None),
        ("罚没款同比减少", None),
        ("企业开办时间比改革前减少", None),
    ],
)
def test_a_comparison_with_a_place_is_read_apart_from_its_subject(raw, parts):
    assert compared_with(raw) == parts


# --------------------------------------------------------------------------------------------
# A bare verb or generic word takes its topic
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # From the figure before in the sentence ...
        ("全市城市低保对象3.2万户，全年新增3800户，退出2900户。", ["城市低保对象", "城市低保对象新增", "城市低保对象退出"]),
        ("40所学校开工，75所完工。", ["学校开工", "学校完工"]),
        ("全市30个重点项目开工，25个竣工。", ["重点项目开工", "重点项目竣工"]),
        ("全市签约项目56个，投资320亿元。", ["签约项目", "签约项目投资"]),
        # ... or from the clause before, which names the topic and holds no figure.
        ("城乡低保对象实行动态管理，全年退出374户。", ["城乡低保对象退出"]),
        ("城市低保方面，全年新纳入1200户，退出374户。", ["城市低保新纳入", "城市低保退出"]),
        ("城市低保：全年新增1200户，退出374户。", ["城市低保新增", "城市低保退出"]),
    ],
)
def test_a_bare_verb_takes_its_topic(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年发生火灾1200起，造成3人死亡。", ["火灾", "火灾死亡"]),
        ("全年发生火灾1200起，造成直接财产损失3200万元。", ["火灾", "火灾直接财产损失"]),
        ("全年各类自然灾害造成直接经济损失4.3亿元。", ["各类自然灾害直接经济损失"]),
        ("全年自然灾害共造成全市8.6万人次受灾，紧急转移安置1.2万人，直接经济损失4.3亿元。",
         ["自然灾害受灾", "自然灾害紧急转移安置", "自然灾害直接经济损失"]),
    ],
)
def test_what_a_cause_led_to_is_named_with_the_cause(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全市共有幼儿园520所，其中公办312所，民办208所。", ["幼儿园", "公办幼儿园", "民办幼儿园"]),
        ("全市有各类学校1850所，其中公办1320所、民办530所。", ["各类学校", "公办学校", "民办学校"]),
        ("全市养老机构120家，其中公办45家，民营75家。", ["养老机构", "公办养老机构", "民营养老机构"]),
    ],
)
def test_a_kind_names_the_whole_it_is_a_kind_of(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("住户存款余额3200亿元，升幅为7.3%。", ["住户存款余额", "住户存款余额升幅"]),
        ("全市火灾起数1200起，降幅超过12%。", ["火灾起数", "火灾起数降幅"]),
        ("二〇二二年，消防处共处理火警26 418宗，按年升4.1%。", ["处理火警", "处理火警按年升"]),
    ],
)
def test_the_size_of_a_change_named_alone_takes_the_subject_before(text, expected):
    assert labels(text) == expected


# --------------------------------------------------------------------------------------------
# Parallel lists keep their own object
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("宽带覆盖村委会150个、卫生室136个。", ["宽带覆盖村委会", "宽带覆盖卫生室"]),
        ("宽带网络覆盖行政村1250个、自然村3100个。", ["宽带网络覆盖行政村", "宽带网络覆盖自然村"]),
        ("家庭医生签约服务覆盖常住人口350万人、重点人群120万人。",
         ["家庭医生签约服务覆盖常住人口", "家庭医生签约服务覆盖重点人群"]),
        ("全年出动消防车辆2.3万辆次、消防员12万人次。", ["出动消防车辆", "出动消防员"]),
        # ... after a comma too.
        ("宽带覆盖村委会150个，卫生室136个。", ["宽带覆盖村委会", "宽带覆盖卫生室"]),
        ("新建学校12所，幼儿园20所。", ["新建学校", "新建幼儿园"]),
        ("出生人口5.6万人，死亡人口5.1万人。", ["出生人口", "死亡人口"]),
        # Money is no object of a verb that counted people.
        ("全年接待游客1200万人次、旅游收入98亿元。", ["接待游客", "旅游收入"]),
        # A member with a verb of its own keeps it.
        ("新开通公交线路42条、优化调整线路95条。", ["新开通公交线路", "优化调整线路"]),
    ],
)
def test_members_of_a_list_share_the_verb_before_their_own_object(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # What became of the things counted first is named with them, never with a fragment of them.
        ("全年共发生生产安全事故358起、死亡142人。", ["生产安全事故", "生产安全事故死亡"]),
        ("全市发生亡人事故41起、亡人45人。", ["亡人事故", "亡人事故亡人"]),
        ("全年较大事故3起、死亡11人、受伤6人。", ["较大事故", "较大事故死亡", "较大事故受伤"]),
        # A parallel head still replaces the head before it.
        ("全市医保基金收入68.2亿元、支出61.5亿元。", ["医保基金收入", "医保基金支出"]),
        ("我市运动员共获得金牌7枚、奖牌19枚。", ["运动员共获得金牌", "运动员共获得奖牌"]),
    ],
)
def test_a_list_member_never_names_a_fragment_of_its_subject(text, expected):
    assert labels(text) == expected


# --------------------------------------------------------------------------------------------
# A figure named by what it serves or by what was done
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # A fund is named by what it is for, in the same clause or in its own ...
        ("安排1500万元专项资金推动10个强镇筑基省级试点镇工作。", ["强镇筑基省级试点镇专项资金", "强镇筑基省级试点镇"]),
        ("市财政每年安排不低于3亿元专项资金，用于改善乡村学校办学条件。", ["改善乡村学校办学条件专项资金"]),
        ("投入800万元补助资金支持20个村集体经济发展试点工作。", ["村集体经济发展试点补助资金", "村集体经济发展试点"]),
        ("拨付3000万元用于老旧小区加装电梯。", ["老旧小区加装电梯资金"]),
        # ... and so is a set of measures, by the aim the clause after states.
        ("通过选聘校长、完善指标生分配等9项措施，推动市北中学等50所初中学校全力冲刺初中强校。",
         ["初中强校措施", "冲刺初中强校的初中学校"]),
        ("出台12条措施，助力中小企业纾困发展。", ["出台中小企业纾困发展措施"]),
        ("推出8项举措，支持民营经济发展。", ["推出民营经济发展举措"]),
    ],
)
def test_a_fund_or_a_set_of_measures_is_named_by_what_it_serves(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Whom a deed was done for ...
        ("为6.4万名家庭经济困难学生(幼儿)发放助学金1.6亿元。",
         ["发放助学金的家庭经济困难学生(幼儿)", "家庭经济困难学生(幼儿)发放助学金"]),
        ("全年为3200名农民工追回工资4100万元。", ["追回工资的农民工", "农民工追回工资"]),
        ("為6.4萬名家庭經濟困難學生發放助學金1.6億元。", ["发放助学金的家庭经济困难学生", "家庭经济困难学生发放助学金"]),
        # ... what was put somewhere, each figure of a list with its own noun ...
        ("将12个部门28项救助事项纳入统一平台。", ["纳入统一平台的部门", "纳入统一平台的救助事项"]),
        ("將12個部門28項救助事項納入統一平台。", ["纳入统一平台的部门", "纳入统一平台的救助事项"]),
        ("把3000户低收入家庭纳入低保范围。", ["纳入低保范围的低收入家庭"]),
        ("将156项政务服务事项接入一网通办平台。", ["接入一网通办平台的政务服务事项"]),
        # ... who was led to act, and where an amount they spent went ...
        ("引导1388家社会组织投资1.24亿元，实施乡村振兴项目活动631个。",
         ["投资乡村振兴的社会组织", "社会组织投资", "实施乡村振兴项目活动"]),
        ("带动120家企业参与乡村振兴。", ["参与乡村振兴的企业"]),
        ("动员3500名志愿者参与疫情防控。", ["参与疫情防控的志愿者"]),
        # ... and what a count opening its clause did.
        ("今年共有45个部门和单位向市民报告工作。", ["向市民报告工作的部门和单位"]),
        ("全市30个政务服务中心全部完成标准化建设。", ["完成标准化建设的政务服务中心"]),
        ("李沧区实验初级中学等30余所新建学校实现高起点办学。", ["实现高起点办学的新建学校"]),
        ("为全市120万户家庭更换智能燃气表。", ["更换智能燃气表的家庭"]),
        ("在全市15个区(市)开展垃圾分类示范创建。", ["开展垃圾分类示范创建的区(市)"]),
        ("组织260家企业参加招聘会，提供岗位1.2万个。", ["参加招聘会的企业", "提供岗位"]),
        ("推动12个重点项目开工建设。", ["开工建设的重点项目"]),
        ("帮助1200名失业人员实现再就业。", ["实现再就业的失业人员"]),
        # A deed that names the noun already is the name.
        ("全市45家企业获评国家级专精特新“小巨人”企业。", ["获评国家级专精特新“小巨人”企业"]),
        # A verb inside the counted noun opens no deed (社会组织, 服务中心), a verb with no object keeps
        # its place, and a count after its verb is unchanged.
        ("40所学校开工。", ["学校开工"]),
        ("提供公办学位8万余个。", ["提供公办学位"]),
    ],
)
def test_a_count_written_before_its_deed_is_named_by_the_deed(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("以“共享家”理念打造新型社区邻里中心50余处。", ["新型社区邻里中心"]),
        ("以党建为引领打造红色物业小区120个。", ["红色物业小区"]),
        ("按照“一村一品”模式打造特色产业村35个。", ["特色产业村"]),
        ("搭建校企合作平台28个。", ["校企合作平台"]),
    ],
)
def test_how_a_thing_was_made_is_no_part_of_its_name(text, expected):
    assert labels(text) == expected


def test_the_fixed_labels_of_the_seed_report_hold():
    """The figures of the 2022 Qingdao report that analysts found poorly named read as they named them."""
    from pathlib import Path

    from govmetrics.reading import read_text

    report = Path(__file__).resolve().parent.parent / "raw" / "2022" / "qingdao-sanmin-2022.txt"
    text = report.read_text(encoding="utf-8")
    _, located = read_text(text, report_year=2022)
    by_figure = {}
    for m in located:
        by_figure.setdefault(m.mention.quantity_text, []).append(m.mention.label)
    assert by_figure["75所"] == ["学校完工"]
    assert by_figure["10个"] == ["强镇筑基省级试点镇"]
    assert by_figure["1500万元"] == ["强镇筑基省级试点镇专项资金"]
    assert by_figure["9项"] == ["初中强校措施"]
    assert by_figure["6.4万名"] == ["发放助学金的家庭经济困难学生(幼儿)"]
    assert by_figure["1.6亿元"] != by_figure["6.4万名"]
    assert by_figure["28项"] == ["纳入统一平台的救助事项"]
    assert by_figure["12个"] == ["纳入统一平台的部门"]
    assert by_figure["50余处"] == ["新型社区邻里中心"]
    assert by_figure["1388家"] == ["投资乡村振兴的社会组织"]


# --------------------------------------------------------------------------------------------
# Reports of other kinds: emergency management, fire services, statistics, budgets, Taiwan
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年发生事故126起，其中较大事故2起、死亡7人。", ["事故", "较大事故", "较大事故死亡"]),
        ("工矿商贸领域发生事故23起，死亡25人。", ["工矿商贸领域事故", "工矿商贸领域事故死亡"]),
        ("全年我市先后遭受暴雨、台风等灾害影响，共造成全市12.3万人次受灾，紧急转移安置1.8万人次，直接经济损失5.6亿元。",
         ["灾害受灾", "灾害紧急转移安置", "灾害直接经济损失"]),
        ("全年因灾死亡失踪2人。", ["因灾死亡失踪"]),
        ("消防救援队伍全年接警出动2.8万起。", ["消防救援队伍接警出动"]),
        ("农村低保对象年末为2.1万户，但较上年减少1 250户。", ["农村低保对象", "农村低保对象减少"]),
        # What did not happen, and a target of the whole year, keep their words.
        ("连续16年未发生重大森林火灾。", ["未发生重大森林火灾的年数"]),
    ],
)
def test_emergency_management_figures(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("二〇二三年，消防處共處理火警32 541宗，較二〇二二年的30 116宗增加8.1%。", ["处理火警", "处理火警", "处理火警增加"]),
        ("全年火警導致12人死亡及251人受傷，而2022年則分別為14人及286人。", ["火警死亡", "火警受伤", "火警死亡", "火警受伤"]),
        ("火警中，屬一級火警的有31 846宗，二級火警有540宗。", ["一级火警", "二级火警"]),
        ("消防安全巡查共進行了185 244次。", ["消防安全巡查"]),
        ("全年共舉辦防火講座2 356場，參加人數達16.8萬人次。", ["举办防火讲座", "防火讲座参加人数"]),
        ("本局112年共受理火災案件1,235件，較111年減少86件。", ["受理火灾案件", "受理火灾案件减少"]),
    ],
)
def test_fire_service_figures_in_either_script(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("年末共有各级各类学校2 316所，其中公办1 720所，民办596所。", ["各级各类学校", "公办学校", "民办学校"]),
        ("全市拥有卫生机构6 523个。", ["卫生机构"]),
        ("2023年全市一般公共预算收入完成486.3亿元，为预算的101.2%。", ["一般公共预算收入", "一般公共预算收入完成预算比例"]),
        ("全年完成交通基础设施投资286亿元,完成年度计划的108%。",
         ["完成交通基础设施投资", "完成交通基础设施投资完成年度计划比例"]),
        ("一般公共预算支出安排920亿元。", ["一般公共预算支出"]),
    ],
)
def test_statistical_bulletin_and_budget_figures(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("二〇二三年，本局共開立刑事專案調查4 321宗，較二〇二二年的4 856宗下跌11.0%。",
         ["开立刑事专案调查", "开立刑事专案调查", "开立刑事专案调查下跌"]),
        ("全年出入境旅客达9 821萬人次，與2019年相比恢復至約七成。", ["出入境旅客", "出入境旅客恢复至2019年水平"]),
        ("全年出入境旅客达9 821万人次，恢复至2019年的七成。", ["出入境旅客", "出入境旅客恢复至2019年水平"]),
        ("本澳居民平均預期壽命為83.4歲，比鄰近地區高出1.5歲。", ["本澳居民平均预期寿命", "本澳居民平均预期寿命高于邻近地区"]),
    ],
)
def test_macau_figures(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The parts of a whole counted after 其中 each say whose parts they are.
        ("农村特困供养人员3 120人，其中集中供养860人，分散供养2 260人。",
         ["农村特困供养人员", "农村特困供养人员中集中供养", "农村特困供养人员中分散供养"]),
        # A subject that names its own kind of the topic before takes no topic.
        ("婚姻登记：全年办理结婚登记8 560对，离婚登记2 130对。", ["办理结婚登记", "办理离婚登记"]),
        # A verb inside a noun (服务站点) is no verb of the list.
        ("新建社区养老服务站点56处、助餐点120个。", ["新建社区养老服务站点", "新建助餐点"]),
        ("城市低保方面，全年新(xin)增(zeng)纳入低保对象1 235户，退出低保374户（）。", ["新增纳入低保对象", "退出低保"]),
    ],
)
def test_a_noisy_repost_of_a_civil_affairs_summary(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A heading on the line before ...
        ("三、城市低保\n全年新增1200户，退出374户。", ["城市低保新增", "城市低保退出"]),
        ("（二）城市低保\n全年退出374户。", ["城市低保退出"]),
        ("罪案数目\n由二〇〇九年的61 204宗下降至2022年的31 200宗。", ["罪案数目", "罪案数目"]),
        # ... or the sentence before, in the same paragraph or the paragraph before.
        ("城市低保保障对象年末为9 568户。全年新增纳入812户，退出374户。",
         ["城市低保保障对象", "城市低保保障对象新增纳入", "城市低保保障对象退出"]),
        ("全市幼儿园520所。其中公办312所，民办208所。", ["幼儿园", "公办幼儿园", "民办幼儿园"]),
        ("全市幼儿园520所。\n其中公办312所，民办208所。", ["幼儿园", "公办幼儿园", "民办幼儿园"]),
        ("全年发生火灾1200起。造成3人死亡。", ["火灾", "火灾死亡"]),
        ("全年罪案数目持续下降。由二〇〇九年的61 204宗下降至2022年的31 200宗。", ["罪案数目", "罪案数目"]),
        ("全年罪案61 204宗。与2015年的1500起相比，降幅为20%。", ["罪案", "罪案", "罪案降幅"]),
        # A heading that is a sentence of its own lends nothing to a subject of its own.
        ("一、经济运行稳中有进\n2023年新建学校3所。", ["新建学校"]),
    ],
)
def test_a_figure_whose_sentence_names_no_topic_takes_the_heading_or_sentence_before(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Changes listed after levels of different units are each the change of the level with their unit.
        ("全年发生各类生产安全事故480起、死亡96人，同比减少120起、11人。",
         ["各类生产安全事故", "各类生产安全事故死亡", "各类生产安全事故同比减少", "各类生产安全事故死亡同比减少"]),
        # A loss is the loss of what the sentence counted.
        ("全年共发生生产安全事故120起，死亡36人，受伤58人，直接经济损失2300万元。",
         ["生产安全事故", "生产安全事故死亡", "生产安全事故受伤", "生产安全事故直接经济损失"]),
        ("全市发生生产安全事故120起、亡人事故32起、死亡36人。", ["生产安全事故", "亡人事故", "亡人事故死亡"]),
    ],
)
def test_accident_figures_name_their_accidents(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("零售業總銷貨價值錄得6.1%的增幅。", ["零售业总销货价值增幅"]),
        ("失業率為2.0%，較上季下跌0.3個百分點。", ["失业率", "失业率下跌"]),
        ("在校學生人數較上一學年增加1 234人，增幅為1.6%。", ["在校学生人数增加", "在校学生人数增幅"]),
        ("房地产开发投资同比下降7.8%，降幅较上半年收窄2.3个百分点。", ["房地产开发投资同比下降", "房地产开发投资降幅收窄"]),
    ],
)
def test_the_time_a_change_is_taken_against_is_no_part_of_its_label(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # How many years a state has held is named by the state and whose state it is.
        ("粮食总产量达到121.7万吨，连续8年稳定在120万吨以上。", ["粮食总产量", "粮食总产量稳定在120万吨以上的年数", "粮食总产量"]),
        ("现行命案连续8年全部侦破。", ["现行命案全部侦破的年数"]),
        ("连续6年获评全省粮食生产先进区。", ["获评全省粮食生产先进区的年数"]),
        # A total after a measure of a topic is a total of the same topic.
        ("全市粮食播种面积稳定在286.4万亩，总产量达到121.7万吨。", ["粮食播种面积", "粮食总产量"]),
        ("签约项目32个，总投资216亿元。", ["签约项目", "签约项目总投资"]),
    ],
)
def test_years_a_state_held_and_totals_of_a_topic(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("其中公办幼儿园在园幼儿5.2万人、民办3.1万人。", ["公办幼儿园在园幼儿", "民办幼儿园在园幼儿"]),
        ("低保对象动态调整，全年新增1 862户、退出2 035户。", ["低保对象新增", "低保对象退出"]),
        ("全年招引项目32个，计划投资120亿元。", ["招引项目", "招引项目投资"]),
    ],
)
def test_a_kind_or_a_verb_after_another_of_the_same_whole(text, expected):
    assert labels(text) == expected


# --------------------------------------------------------------------------------------------
# Bare verbs of work and generic words; time and scaffolding words inside labels
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # 编列 names the amount a budget proposes: the label is that budget.
        ("老人健保費補助：編列2.6億元。", ["老人健保费补助预算"]),
        ("老人健保费补助：编列2.6亿元。", ["老人健保费补助预算"]),
        ("今年编列2.6亿元老人健保费补助。", ["老人健保费补助预算"]),
        ("歲入預算編列146億元，其中稅課收入61億元。", ["岁入预算", "岁入预算中税课收入"]),
        # A generic word or a verb alone takes the heading before.
        ("（三）學前教育補助\n受惠學生約1.3萬人，受惠家庭9 100戶，每名幼兒每月加發450元。",
         ["学前教育补助受惠学生", "学前教育补助受惠家庭", "学前教育补助加发"]),
        ("（三）学前教育补助\n受惠学生约1.3万人，受惠家庭9 100户，每名幼儿每月加发450元。",
         ["学前教育补助受惠学生", "学前教育补助受惠家庭", "学前教育补助加发"]),
        ("（二）農村公路\n預算3.4億元。", ["农村公路预算"]),
        # ... or the figure before in its sentence, counting the same thing with the same verb.
        ("全年計劃籌集保障性租賃住房2 600套，已籌集1 420套。", ["筹集保障性租赁住房", "筹集保障性租赁住房"]),
        ("規模以上工業企業1 180家，增長面達73%。", ["规模以上工业企业", "规模以上工业企业增长面"]),
        # A verb of its own after 新 shares no verb of the figure before.
        ("完成造林2.4万亩，新造林2.8万亩。", ["完成造林", "新造林"]),
    ],
)
def test_a_bare_verb_of_work_or_a_generic_word_takes_its_topic(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("截至112年8月底已執行歲出98億元。", ["执行岁出"]),
        ("截至一一二年八月底已執行歲出98億元。", ["执行岁出"]),
        ("預計113年度底債務餘額為86億元。", ["债务余额"]),
        ("110年底人口為19萬8,000人。", ["人口"]),
        ("租賃補貼標準自1月起提高到每月1,200元。", ["租赁补贴标准"]),
        ("租赁补贴标准自2023年7月起调整为每户每月1 200元。", ["租赁补贴标准"]),
        ("特困供养标准自1月起提高到每人每年不低于9 960元。", ["特困供养标准"]),
        ("学前教育补助提高到每名幼儿每月不低于520元。", ["学前教育补助"]),
        ("十月二十五日至二十八日，審批時間縮短至三日。", ["审批时间"]),
        # 在…的基础上 is scaffolding: what was done stays.
        ("在去年新增城镇就业4.2万人的基础上，今年力争新增4.5万人。", ["新增城镇就业", "新增城镇就业"]),
        ("在去年完成造林2.4萬畝的基礎上，新造林2.8萬畝。", ["完成造林", "新造林"]),
        ("在2022年引进人才1200名的基础上，今年新增引进人才1500名。", ["引进人才", "新增引进人才"]),
        ("在民國111年完成造林2.4萬畝的基礎上，新造林2.8萬畝。", ["完成造林", "新造林"]),
        ("在一一一年完成造林2.4萬畝的基礎上，新造林2.8萬畝。", ["完成造林", "新造林"]),
        ("與一○一年度的員額高峰3,310人相比，減少464人。", ["员额高峰", "员额高峰减少"]),
        ("擬以舉借債務7億元及移用以前年度歲計賸餘2億元彌平。", ["举借债务", "移用以前年度岁计賸余弥平"]),
    ],
)
def test_dates_and_scaffolding_leave_what_was_done_or_set_in_the_label(text, expected):
    assert labels(text) == expected


# --------------------------------------------------------------------------------------------
# Differences between two groups; comparison figures in brackets; breakdowns of a bulletin
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("城鎮居民人均可支配收入49 800元，農村居民人均可支配收入24 300元，兩者相差25 500元。",
         ["城镇居民人均可支配收入", "农村居民人均可支配收入", "城乡居民人均可支配收入差距"]),
        ("城镇居民人均可支配收入49 800元，农村居民人均可支配收入24 300元，两者相差25 500元。",
         ["城镇居民人均可支配收入", "农村居民人均可支配收入", "城乡居民人均可支配收入差距"]),
        ("城乡居民人均可支配收入相差2.4万元，差距缩小0.9个百分点。",
         ["城乡居民人均可支配收入差距", "城乡居民人均可支配收入差距缩小"]),
        ("男性平均預期壽命77.2歲，女性82.9歲，兩性相差5.7歲。",
         ["男性平均预期寿命", "女性平均预期寿命", "男女平均预期寿命差距"]),
        ("城镇居民医保参保率96.2%，农村居民医保参保率94.8%，两者相差1.4个百分点。",
         ["城镇居民医保参保率", "农村居民医保参保率", "城乡居民医保参保率差距"]),
        ("鄰近兩個縣市平均壽命相差3.5歲。", ["邻近县市平均寿命差距"]),
    ],
)
def test_a_difference_between_two_groups_is_named_by_both_and_chaju(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全市規模以上工業增加值增長9.0%（全國4.6%、全省6.1%）。",
         ["规模以上工业增加值增长", "全国规模以上工业增加值增长", "全省规模以上工业增加值增长"]),
        ("全市规模以上工业增加值增长9.0%（全国4.6%，全省6.1%）。",
         ["规模以上工业增加值增长", "全国规模以上工业增加值增长", "全省规模以上工业增加值增长"]),
        ("工业增加值增长-3.5%(全国-1.2%)。", ["工业增加值增长", "全国工业增加值增长"]),
        ("城镇化率为63.4%（全省66%）。", ["城镇化率", "全省城镇化率"]),
        ("出口下降4%（全省增长2%）。", ["出口下降", "全省出口增长"]),
        # The clause goes on about the city's own figure; an earlier time in brackets is the same measure.
        ("居民人均可支配收入增长6.1%（全省平均为5.4%），快于全省0.7个百分点。",
         ["居民人均可支配收入增长", "全省居民人均可支配收入增长", "居民人均可支配收入快于全省"]),
        ("本地居民失業率為2.9%(上季為3.3%)。", ["本地居民失业率", "本地居民失业率"]),
    ],
)
def test_a_comparison_figure_in_brackets_is_named_by_its_place_and_the_measure(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年居民人均可支配收入31 200元。按常住地分，城镇26 842元，农村15 312元。",
         ["居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        ("全年居民人均可支配收入31 200元。按常住地分，城鎮26 842元，農村15 312元。",
         ["居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        ("年末户籍人口98.6万人。按性别分，男性50.2万人，女性48.4万人。",
         ["户籍人口", "男性户籍人口", "女性户籍人口"]),
        ("按常住地分，城镇居民人均可支配收入26 842元，增长5.1%。",
         ["城镇居民人均可支配收入", "城镇居民人均可支配收入增长"]),
        ("按常住地分城镇居民人均消费支出21 000元。", ["城镇居民人均消费支出"]),
    ],
)
def test_the_header_of_a_breakdown_is_no_label_and_the_group_names_the_measure(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全市政府债务余额480亿元，低于法定上限50%。", ["政府债务余额", "政府债务余额法定上限"]),
        ("預計113年度底債務餘額為86億元，低於法定上限50%。", ["债务余额", "债务余额法定上限"]),
        ("资产负债率控制在警戒线60%以内。", ["资产负债率警戒线"]),
    ],
)
def test_a_ceiling_is_named_by_what_it_caps(text, expected):
    assert labels(text) == expected
