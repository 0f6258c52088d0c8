"""The extractor on single sentences: numbers, units, qualifiers, roles, periods, non-metrics, noise."""

import pytest

from govmetrics.extract import extract_mentions
from govmetrics.reading import read_text
from govmetrics.textnorm import normalize


def read(text: str, year: int | None = 2022):
    """Mentions of a published sentence, through normalization as ``read_text`` does it."""
    return extract_mentions(normalize(text).text, report_year=year)


def one(text: str, year: int | None = 2022):
    mentions = read(text, year)
    assert len(mentions) == 1, [m.quantity_text for m in mentions]
    return mentions[0]


def triples(text: str):
    return [(m.value, m.unit, m.qualifier) for m in read(text)]


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("全市登记社会组织10,511家。", 10511, "家"),
        ("受理劳动人事争议案件10 436件。", 10436, "件"),
        ("年内安排民政事业资金27·4亿元。", 2.74e9, "元"),
        ("群众满意度达到９６％。", 96, "%"),
        ("新建改扩建中小学幼儿园三十六所。", 36, "所"),
        ("将十二个部门的救助事项纳入平台。", 12, "个"),
        ("老年人健康管理人数达到一百零五万人。", 1050000, "人"),
        ("高新技术产业产值达到1.2万亿元。", 1.2e12, "元"),
        ("困境儿童基本生活补贴3063万元。", 30630000, "元"),
        ("为企业服务10.1万次。", 101000, "次"),
        ("城镇登记失业率为百分之4.7。", 4.7, "%"),
        ("达标率为百分之四十五点四0。", 45.4, "%"),
        ("全社会用电量456.7亿千瓦时。", 4.567e10, "千瓦时"),
        ("港口集装箱吞吐量2567万标准箱。", 25670000, "标准箱"),
        ("建成区面积320平方公里。", 320, "平方公里"),
        ("合同外资额3.6亿美元。", 3.6e8, "美元"),
        ("婴儿死亡率为2.3‰。", 2.3, "‰"),
        ("孕产妇死亡率为6.8/10万。", 6.8, "/10万"),
        ("技术合同成交额是2020年的1.9倍。", 1.9, "倍"),
        ("城市低保标准提高到946元/月。", 946, "元/月"),
        ("平均年龄卅九點六三歲。", 39.63, "岁"),
        ("追回欠薪1.3亿。", 1.3e8, None),
        ("争取上级资金500余万元。", 5e6, "元"),
        # A measure word read only after Arabic digits counts after a large Chinese numeral too.
        ("完成老旧电梯更新改造一百二十部。", 120, "部"),
    ],
)
def test_numbers_and_units(text, value, unit):
    m = one(text)
    assert (m.value, m.unit) == (pytest.approx(value, rel=1e-12), unit)


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("中小学生体质健康优良率达到五成三。", 53, "exact"),
        ("其中硕士研究生学历的占三成半。", 35, "exact"),
        ("参赛学生中城区学生逾9成。", 90, "more_than"),
        ("仲裁结案率保持在九成五以上。", 95, "at_least"),
        ("骨干教师占比超过三成。", 30, "more_than"),
        ("全市四分之一以上的中小学建成智慧校园。", 25, "at_least"),
    ],
)
def test_tenths_and_fractions_are_percentages(text, value, qualifier):
    m = one(text)
    assert (m.value, m.unit, m.qualifier) == (value, "%", qualifier)


@pytest.mark.parametrize(
    "text, quantity, unit",
    [
        ("全年完成无人机飞防作业面积320万亩次。", "320万亩次", "亩次"),
        ("执法检查4100余家次。", "4100余家次", "家次"),
        ("检查企业2.36万家次。", "2.36万家次", "家次"),
        ("运输货物15万吨次。", "15万吨次", "吨次"),
        ("办理3次审批。", "3次", "次"),
        ("办理业务42.6万件，次日办结。", "42.6万件", "件"),
    ],
)
def test_a_measure_word_and_ci_count_occurrences(text, quantity, unit):
    m = one(text)
    assert (m.quantity_text, m.unit) == (quantity, unit)


@pytest.mark.parametrize(
    "text, unit",
    [
        ("全年食品抽检量不低于4.5批次/千人。", "批次/千人"),
        ("全科医生达到3.2人/万人。", "人/万人"),
        ("执业医师数为3.2人/千人口。", "人/千人"),
        ("居民用电价格为0.56元/千瓦时。", "元/千瓦时"),
        ("蔬菜收购价为3元/千克。", "元/千克"),
        ("新增固体废物处置能力约18万吨/年。", "吨/年"),
        ("托育服务收费为1200元/人·月。", "元/人·月"),
    ],
)
def test_a_per_unit_keeps_its_denominator(text, unit):
    assert one(text).unit == unit


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("新建保障房12.3万㎡。", 123000, "平方米"),
        ("改造面积5000m²。", 5000, "平方米"),
        ("供水能力10万m³/日。", 100000, "立方米/日"),
        ("建成区面积120km²。", 120, "平方公里"),
        ("新增装机容量1.2GW。", 1.2, "GW"),
    ],
)
def test_unit_symbols_are_published_in_words(text, value, unit):
    m = one(text)
    assert (m.value, m.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    "text, quantity, value, unit, qualifier",
    [
        ("投入资金2亿余元。", "2亿余元", 2e8, "元", "more_than"),
        ("争取上级资金3000万余元。", "3000万余元", 3e7, "元", "more_than"),
        ("新增就业千余人。", "千余人", 1000, "人", "more_than"),
        ("举办培训百余场次。", "百余场次", 100, "场次", "more_than"),
        ("港口集装箱吞吐量突破100万TEU。", "突破100万TEU", 1e6, "TEU", "more_than"),
        ("新增分布式光伏装机容量3.6万kW。", "3.6万kW", 36000, "kW", "exact"),
        ("新增光伏装机20万千瓦。", "20万千瓦", 200000, "千瓦", "exact"),
        ("全社会用电量456.7亿千瓦时。", "456.7亿千瓦时", 4.567e10, "千瓦时", "exact"),
        ("完成供水1.2亿立方米。", "1.2亿立方米", 1.2e8, "立方米", "exact"),
        ("造林5000公顷。", "5000公顷", 5000, "公顷", "exact"),
        ("调解纠纷300宗，发生事故12起。", "300宗", 300, "宗", "exact"),
    ],
)
def test_more_scales_and_units(text, quantity, value, unit, qualifier):
    m = read(text)[0]
    assert (m.quantity_text, m.value, m.unit, m.qualifier) == (quantity, pytest.approx(value), unit, qualifier)


@pytest.mark.parametrize(
    "text, quantity, value, unit",
    [
        ("发放防疫物资2000箱。", "2000箱", 2000, "箱"),
        ("新装路灯三百盏。", "三百盏", 300, "盏"),
        ("创作原创歌曲30首。", "30首", 30, "首"),
        ("新打机井120眼。", "120眼", 120, "眼"),
        ("改造破损道路12段。", "12段", 12, "段"),
        ("发放食用油3000桶。", "3000桶", 3000, "桶"),
        ("医用耗材集采品种增至二十三类。", "二十三类", 23, "类"),
        ("货物周转量1234.5亿吨公里。", "1234.5亿吨公里", 1.2345e11, "吨公里"),
        ("旅客周转量56亿人公里。", "56亿人公里", 5.6e9, "人公里"),
        ("新增变电容量120万千伏安。", "120万千伏安", 1.2e6, "千伏安"),
        ("贷款市场报价利率累计下调25个基点。", "25个基点", 25, "基点"),
    ],
)
def test_measure_words_of_goods_works_and_freight(text, quantity, value, unit):
    m = one(text)
    assert (m.quantity_text, m.value, m.unit) == (quantity, pytest.approx(value), unit)


def test_a_word_that_starts_with_a_measure_word_gives_no_unit():
    assert read("举办活动3首次亮相，完成5根据要求。") == []


@pytest.mark.parametrize(
    "text, quantity, value",
    [
        ("新建商品住宅平均销售价格12380元/平方米。", "12380元/平方米", 12380),
        ("平均价格12345元/吨。", "12345元/吨", 12345),
        ("12333人社服务热线受理咨询3万件。", "3万件", 30000),
    ],
)
def test_a_five_digit_figure_from_123_with_a_unit_is_no_hotline(text, quantity, value):
    m = one(text)
    assert (m.quantity_text, m.value) == (quantity, value)


@pytest.mark.parametrize(
    "text, quantity, value, unit",
    [
        ("人口自然增长率为-0.60‰。", "-0.60‰", -0.6, "‰"),
        ("1月份平均气温-5.2摄氏度。", "-5.2摄氏度", -5.2, "摄氏度"),
    ],
)
def test_a_level_below_zero_keeps_its_sign(text, quantity, value, unit):
    m = one(text)
    assert (m.quantity_text, m.value, m.unit, m.role) == (quantity, value, unit, "value")


def test_only_levels_and_from_values_keep_a_sign():
    ms = read("由-3.1‰提高到-2.0‰，税收收入分别增长5%、-3%，计划到2025年人口自然增长率为-0.5‰。")
    assert [(m.quantity_text, m.value, m.role, m.direction) for m in ms] == [
        ("-3.1‰", -3.1, "baseline", None), ("-2.0‰", -2.0, "value", None),
        ("5%", 5, "change", "up"), ("3%", 3, "change", "down"), ("0.5‰", 0.5, "target", None),
    ]


@pytest.mark.parametrize(
    "text, start, signed",
    [("为-0.6‰", 2, True), ("1-10月", 2, False), ("2023-12", 5, False), ("——5所", 2, False), ("-3%", 1, True)],
)
def test_a_dash_of_a_range_or_a_date_is_no_sign(text, start, signed):
    from govmetrics.extract.roles import signed as is_signed

    assert is_signed(text, start) is signed


def test_a_range_has_no_single_value():
    m = one("每个社区配备3-5名网格员。")
    assert (m.quantity_text, m.value, m.unit) == ("3-5名", None, "名")


def test_no_change_is_no_figure():
    assert read("粮食产量同比持平。") == []


def test_a_count_noun_ending_in_shu_is_not_vagueness():
    m = one("参与人数逾二十万人次。")
    assert (m.quantity_text, m.value, m.unit, m.qualifier) == ("逾二十万人次", 200000, "人次", "more_than")
    assert read("数十万人参加了活动，上百家企业参展。") == []


@pytest.mark.parametrize("text, value", [("地区生产总值比2010年翻一番。", 1), ("城乡居民收入翻了两番。", 3)])
def test_doubling_is_a_change_in_times(text, value):
    m = one(text)
    assert (m.value, m.unit, m.role, m.direction) == (value, "倍", "change", "up")


def test_secured_funds_are_no_plan():
    assert one("争取上级资金3000万余元。").role == "value"


def test_two_thirds():
    assert one("三分之二的社区建成服务站。").value == pytest.approx(200 / 3)


# --------------------------------------------------------------------------------------------
# Qualifiers on either side
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quantity, value, unit, qualifier",
    [
        ("现已注册云上研发中心近2500家。", "近2500家", 2500, "家", "nearly"),
        ("解答咨询约17.3万人次。", "约17.3万人次", 173000, "人次", "approx"),
        ("服务人群超10万人。", "超10万人", 100000, "人", "more_than"),
        ("课后服务参与率达到95%以上。", "95%以上", 95, "%", "at_least"),
        ("年内受理2500余件。", "2500余件", 2500, "件", "more_than"),
        ("汇集100多家高校院所。", "100多家", 100, "家", "more_than"),
        ("提供公办学位8万余个。", "8万余个", 80000, "个", "more_than"),
        ("平均候诊时间缩短至28分钟左右。", "28分钟左右", 28, "分钟", "approx"),
        ("平均候诊时间缩短至不足20分钟。", "不足20分钟", 20, "分钟", "less_than"),
        ("新引进高层次创新创业团队逾百个。", "逾百个", 100, "个", "more_than"),
        ("覆盖群众超百万人次。", "超百万人次", 1e6, "人次", "more_than"),
        ("选派骨干教师两千余人。", "两千余人", 2000, "人", "more_than"),
        ("开发公益性岗位一万五千余个。", "一万五千余个", 15000, "个", "more_than"),
        ("全年发放补贴近亿元。", "近亿元", 1e8, "元", "nearly"),
        ("累计志愿服务时长超过3200万小时。", "超过3200万小时", 3.2e7, "小时", "more_than"),
        ("募集慈善款突破2.4亿元。", "突破2.4亿元", 2.4e8, "元", "more_than"),
        ("城区急救平均反应时间缩短到12分钟以内。", "12分钟以内", 12, "分钟", "at_most"),
    ],
)
def test_qualifiers(text, quantity, value, unit, qualifier):
    m = one(text)
    assert (m.quantity_text, m.value, m.unit, m.qualifier) == (quantity, value, unit, qualifier)


def test_a_verb_that_ends_like_a_qualifier_is_not_one():
    m = one("新签约家庭医生服务1000户。")
    assert (m.quantity_text, m.qualifier) == ("1000户", "exact")


# --------------------------------------------------------------------------------------------
# Lists, pairs, from->to, changes, targets, ranks
# --------------------------------------------------------------------------------------------


def test_list_sharing_one_unit():
    ms = read("高新技术企业和科技型中小企业分别达到8683、9776家。")
    assert [(m.quantity_text, m.value, m.unit) for m in ms] == [("8683", 8683, "家"), ("9776家", 9776, "家")]
    assert [m.label for m in ms] == ["高新技术企业", "科技型中小企业"]


def test_list_of_changes_shares_the_verb():
    ms = read("工伤保险和失业保险参保人数分别增长7.35%、32.54%。")
    assert [(m.value, m.role, m.direction) for m in ms] == [(7.35, "change", "up"), (32.54, "change", "up")]


def test_percent_prefix_shared_by_a_list():
    assert triples("城乡参保率分别为百分之98.7及79.3。") == [(98.7, "%", "exact"), (79.3, "%", "exact")]


def test_adjacent_pair():
    ms = read("新纳入低保15117户58912人。")
    assert [(m.quantity_text, m.unit) for m in ms] == [("15117户", "户"), ("58912人", "人")]


@pytest.mark.parametrize(
    "text, roles",
    [
        ("全市优质园占比由去年的60%提升至70%。", [("baseline", None), ("value", None)]),
        ("课后服务参与率从75%提升到95%以上。", [("baseline", None), ("value", None)]),
        ("平均候诊时间由去年的28分钟左右缩短至不足20分钟。", [("baseline", None), ("value", None)]),
        ("技术合同成交额比上年的231亿元增长16.2%。", [("baseline", None), ("change", "up")]),
        ("GDP增速由去年的4.2%回升至5.8%。", [("baseline", None), ("value", None)]),
        ("将困难群体保障标准提高10%。", [("change", "up")]),
        ("学前教育普惠率提高到91.2%。", [("value", None)]),
        ("刑事案件发案数下降15.4%。", [("change", "down")]),
        ("中小学校数量比上年减少9所。", [("change", "down")]),
        ("近视率下跌9.4個百分點。", [("change", "down")]),
        ("班子成员平均年龄比上届下降5.2岁。", [("change", "down")]),
        ("高新技术企业同比增长21.3%。", [("change", "up")]),
        ("税收收入同比增长-3.2%。", [("change", "down")]),
        ("实际使用外资增长1.5倍。", [("change", "up")]),
        ("进出口总额增长了一倍。", [("change", "up")]),
        ("地区生产总值比2010年翻一番。", [("change", "up")]),
        ("新增公办学位6.2万个。", [("value", None)]),
        ("每年遴选不超过500家给予资金奖补。", [("target", None)]),
        ("每年安排不低于3亿元专项资金。", [("target", None)]),
        ("城镇登记失业率控制在3%以内。", [("target", None)]),
        ("每千人口拥有婴幼儿托位3.2个，目标到2025年达到4.5个。", [("value", None), ("target", None)]),
        ("城镇新增就业12.3万人，完成年度目标（11万人）的112%。",
         [("value", None), ("target", None), ("value", None)]),
        ("年计划基数35万人。", [("target", None)]),
        ("计划到2025年，全市新能源汽车保有量达到50万辆。", [("target", None)]),
        ("新增充电桩2000个。力争到2025年，全市充电桩达到5万个。", [("value", None), ("target", None)]),
        ("2021年，全市充电桩达到3万个。", [("value", None)]),
        ("2024年，新开工重点项目100个以上。", [("target", None)]),
        ("主要预期目标是：地区生产总值增长6%左右，城镇新增就业4万人以上。", [("target", None), ("target", None)]),
        ("粮食总产量比上年增产2.8万吨。", [("change", "up")]),
        ("带动脱贫户户均增收约1800元。", [("change", "up")]),
        ("中选药品平均降价超过50%。", [("change", "down")]),
        ("小麦因灾减产3.1万吨，财政减收2亿元。", [("change", "down"), ("change", "down")]),
        ("一般性支出压降10%，货运列车提速15%。", [("change", "down"), ("change", "up")]),
        ("机场全年保障航班起降约5.2万架次。", [("value", None)]),
        ("电梯升降3000次。", [("value", None)]),
        ("全市工业用电量增12%，社会消费品零售总额降3.5%。", [("change", "up"), ("change", "down")]),
        ("刑事案件同比降12.5%，年均增8%。", [("change", "down"), ("change", "up")]),
        ("全年地区生产总值预计完成5,832亿元。", [("value", None)]),
        ("预计到2030年，全市常住人口达到700万人。", [("target", None)]),
        ("新建高标准农田18.5万亩，超额完成省下达的16万亩任务。", [("value", None), ("target", None)]),
        ("完成市下达的3.2万吨减排任务。", [("target", None)]),
        ("计划生育家庭特别扶助金惠及1.2万人。", [("value", None)]),
        ("全市发放计划生育奖励扶助资金3200万元。", [("value", None)]),
        ("全年减税降费32.5亿元。", [("value", None)]),
        ("入选人数居全省第一位。", [("rank", None)]),
        ("区域创新能力评价跃升至全省第6位。", [("rank", None)]),
        ("新能源公交车占比由上年末的86%提高到93%。", [("baseline", None), ("value", None)]),
        ("注册志愿者从去年底的120万人增加到150万人。", [("baseline", None), ("value", None)]),
        ("整体通关时间较2022年分别压缩 31%、42%。", [("change", "down"), ("change", "down")]),
        ("调整医疗服务价格项目108项，其中上调64项、下调44项。", [("value", None)] * 3),
        ("常住人口486.3万人，比上年末增加2.1万人，其中城镇人口增加3万人。",
         [("value", None), ("change", "up"), ("change", "up")]),
        ("常住人口486.3万人，其中城镇人口比上年增加3万人。", [("value", None), ("change", "up")]),
        ("固定资产投资620亿元，其中工业投资增长21.4%。", [("value", None), ("change", "up")]),
        ("上调64项收费标准，减少5个审批环节。", [("value", None), ("value", None)]),
        ("高新技术企业总数突破2,100家，净增386家。", [("value", None), ("change", "up")]),
        ("普通中小学比上年减少9所学校。", [("change", "down")]),
        # 由原来的/从过去的 opens a from-value as a past year does.
        ("企业开办时间由原来的5个工作日压缩至1个工作日。", [("baseline", None), ("value", None)]),
        ("平均审批时长从过去的30天缩短到12天。", [("baseline", None), ("value", None)]),
        # The size of a change named after its verb is still a change.
        ("办理事项精简比例超过三成，压减比例20%，下降幅度12%，增长幅度8%。",
         [("value", None), ("change", "down"), ("change", "down"), ("change", "up")]),
        # A share of the tasks done is a level of completion, not a target.
        ("三年行动主要任务完成八成以上，年度目标任务完成率98%。", [("value", None), ("value", None)]),
    ],
)
def test_roles(text, roles):
    assert [(m.role, m.direction) for m in read(text)] == roles


def test_a_part_counted_after_its_whole_keeps_its_verb_in_its_label():
    ms = read("调整医疗服务价格项目108项，其中上调64项、下调44项。")
    assert [m.label for m in ms] == ["调整医疗服务价格项目", "调整医疗服务价格项目中上调", "调整医疗服务价格项目中下调"]


def test_a_heading_line_ends_its_phrase_before_a_figure_on_the_next_line():
    ms = read("一、经济运行稳中有进\n2023年新建学校3所。")
    assert [m.label for m in ms] == ["新建学校"]


@pytest.mark.parametrize(
    "subject, topic",
    [
        ("“信易贷”平台累计注册企业", "“信易贷”平台"),
        ("规模以上工业企业实现营业收入", "规模以上工业企业"),
        ("年末全市共有普通高等学校", ""),
        ("新建改造城市道路", ""),
        ("组织开展清明祭扫等活动", ""),
        ("社区服务中心受理群众诉求", "社区服务中心"),
        ("“12348热线+人民调解”模式", ""),
    ],
)
def test_the_topic_of_a_subject_is_what_it_names_before_its_verb(subject, topic):
    from govmetrics.extract.labels import topic_of

    assert topic_of(subject) == topic


@pytest.mark.parametrize(
    "topic, noun_phrase",
    [
        ("行政争议实质性化解", "行政争议"),
        ("决策合法性审查", "决策合法性审查"),
        ("第五届海川创新创业大赛", "第五届海川创新创业大赛"),
        ("化解", ""),
        ("规范化受理", ""),
    ],
)
def test_a_borrowed_topic_is_a_noun_phrase(topic, noun_phrase):
    from govmetrics.extract.labels import _noun_phrase

    assert _noun_phrase(topic) == noun_phrase


@pytest.mark.parametrize(
    "label, kept",
    [
        ("“12348热线+人民调解”解答咨询", "“12348热线+人民调解”解答咨询"),
        ("区(市)首批", "区(市)首批"),
        ("“12345”“12315”热线", "“12345”“12315”热线"),
        ("345”“12315”热线受理企业诉求", "“12315”热线受理企业诉求"),
        ("疗保障基金使用监督管理条例》第四十条作出行政处罚", "第四十条作出行政处罚"),
        ("“12348热线+人民调解案件", "12348热线+人民调解案件"),
        ("城市（农村低保标准", "城市农村低保标准"),
    ],
)
def test_a_label_keeps_its_quotes_and_brackets_paired(label, kept):
    from govmetrics.extract.labels import balanced

    assert balanced(label) == kept


@pytest.mark.parametrize(
    "clause, topic",
    [
        ("区人民医院新院区投入使用", "区人民医院新院区"),
        ("举办第五届海川创新创业大赛", "第五届海川创新创业大赛"),
        ("严格落实决策合法性审查", "决策合法性审查"),
        ("在全省营商环境评价中位列前三", "营商环境评价"),
    ],
)
def test_a_clause_without_figures_gives_its_topic(clause, topic):
    from govmetrics.extract.labels import clause_topic

    assert clause_topic(clause) == topic


def test_ranks_read_their_position():
    assert [(m.quantity_text, m.value, m.unit) for m in read("位列全省第3位，入选人数居全省第一位，增速居全国首位。")] == [
        ("第3位", 3, "位"), ("第一位", 1, "位"), ("首位", 1, "位"),
    ]


def test_ranks_in_competitions_and_top_lists():
    ms = read("营商环境评价获全省第2名，综合实力进入全国前10名。")
    assert [(m.value, m.unit, m.qualifier, m.role) for m in ms] == [
        (2, "位", "exact", "rank"), (10, "位", "at_most", "rank"),
    ]
    assert ms[0].label == "营商环境评价全省排名"


def test_an_ordinal_without_a_rank_verb_is_not_a_rank():
    assert read("举办第3届运动会，第一时间处置。") == []


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------


def test_periods_govern_the_rest_of_their_sentence():
    ms = read("1-10月份,发放救助资金9.3亿元,补贴2.56亿元。将12个部门纳入平台。")
    assert [m.period for m in ms] == ["2022-01/2022-10", "2022-01/2022-10", None]


@pytest.mark.parametrize(
    "text, period",
    [
        ("截至9月底，全市高新技术企业达到4120家。", "2022-01/2022-09"),
        ("前三季度，发放各类救助资金5.6亿元。", "2022-01/2022-09"),
        ("上半年，实现营业收入5600亿元。", "2022-01/2022-06"),
        ("今年前10个月，实现税收收入256.3亿元。", "2022-01/2022-10"),
        ("2022年1-11月，外贸进出口总额2345.6亿元。", "2022-01/2022-11"),
        ("去年，全市完成造林面积2万亩。", "2021"),
        ("2021年全市实现生产总值5200亿元。", "2021"),
        ("2022年全市实现生产总值5500亿元。", None),
        ("今年以来，新增就业12.3万人。", None),
        ("10月份新建商品住宅网签面积环比增长12.4%。", "2022-10/2022-10"),
        ("9月，全市新登记经营主体1.2万户。", "2022-09/2022-09"),
        ("10月25日，全市召开发布会，通报新登记经营主体1.2万户。", None),
        ("2023年，全市新开工重点项目100个以上。", "2023"),
        ("明年，全市计划新开工重点项目100个以上。", "2023"),
        ("力争到2025年，全市新能源汽车保有量达到50万辆。", None),
        # A later year right before its plan word is the horizon of a target, not a period it covers.
        ("明年计划新建口袋公园不少于30个。", None),
        ("2023年力争新增市场主体2万户以上。", None),
    ],
)
def test_period_expressions(text, period):
    assert one(text).period == period


def test_a_comparison_dates_only_its_baseline():
    ms = read("前三季度，城镇登记失业率由去年的2.9%降至2.7%；年内安排资金27·4亿元。")
    assert [(m.role, m.period) for m in ms] == [("baseline", "2021"), ("value", "2022-01/2022-09"), ("value", None)]


def test_the_whole_year_is_the_year_in_question():
    ms = read("2021年，全市新建学校12所，全年新增学位2万个。今年新建学校15所，全年新增学位3万个。")
    assert [m.period for m in ms] == ["2021", "2021", None, None]


def test_this_year_in_a_plan_for_a_named_year_is_that_year():
    ms = read("二、2023年主要目标\n今年主要预期目标是：地区生产总值增长6%左右。\n", year=2022)
    assert [(m.role, m.period) for m in ms] == [("target", "2023")]
    assert one("今年地区生产总值增长6%。").period is None


def test_a_line_after_a_semicolon_is_a_sentence_of_its_own():
    ms = read("（一）2021年，全市新建学校12所；\n（二）新增床位800张。")
    assert [m.period for m in ms] == ["2021", None]


def test_no_report_year_means_no_relative_periods():
    assert one("截至9月底，全市高新技术企业达到4120家。", year=None).period is None


# --------------------------------------------------------------------------------------------
# What is not a metric
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2022年市政府部门活动正式开始。",
        "发布日期 : 2022-11-28 来源 : 青岛日报",
        "出台实施方案(海政发〔2022〕15号)。",
        "根据益赫政发201612号文件精神。",
        "市民可拨打12345政务服务便民热线。",
        "打造“12348热线+人民调解”新模式。",
        "优化120急救网络布局。",
        "一、加快产业转型升级；(二)提升城市品质；1.完善公共服务。",
        "举办第22届国际博览会，编制第十四个五年规划，连续第六年获评。",
        "庆祝建党70周年。",
        "擦亮“十个一”项目品牌，实行“一长多校”办学模式。",
        "创新“五社联动”机制，推出“一站式”服务，实现一门受理。",
        "市政府部门“三民”活动，打造“复议睦万家”品牌。",
        '落实"十个一"项目，开展"十二个专项"行动，推出“三个100”工程。',
        "第一时间分析需求，推出一系列措施，涌现一大批优秀教师。",
        "打通“最后一公里”，入选新一期名师，为每一项需求精准画像。",
        "建成4A级景区，研制6000米级深海平台，时速400公里列车，8K超高清频道。",
        "提供7×24小时服务，推动5G+工业互联网融合。",
        "推行3+4+4模式，实施十大行动，创建五好社区，深入开展15个攻势。",
        "千方百计稳就业，全市每万人口发明专利拥有量大幅增长。",
        "受益群众数十万人，帮助上千家企业纾困。",
        "为60岁以上老年人和3岁以下婴幼儿提供服务。",
        "两年来持续发力，今年前10个月成效明显。",
        "审议通过《海川市2022年100项民生实事》。",
        "二、存在的问题\n三、2024年工作打算\n",
        "主要做法如下。一、2023年工作回顾",
        "扎实办好十件民生实事，聚焦五个方面，打好三大攻坚战。",
        "三次产业结构持续优化。",
        "传承二十四节气文化，推行一门受理。",
        "实施3年行动计划，编制5年规划。",
        "扶持千万元以上企业，引进亿元以上项目。",
        "较好完成了区十八届人大三次会议确定的目标任务，市委九届三次全会作出部署。",
    ],
)
def test_not_metrics(text):
    assert read(text) == [], [m.quantity_text for m in read(text)]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("新开工亿元以上项目47个，其中10亿元以上项目9个。", ["47个", "9个"]),
        ("全市500人以上企业120家。", ["120家"]),
        ("其中产值超亿元企业386家，营收超过10亿元企业15家。", ["386家", "15家"]),
        ("带动消费超过30亿元，惠及企业超1万家次。", ["超过30亿元", "超1万家次"]),
        ("粮食播种面积稳定在21.6万亩以上，总产量9.8万吨。", ["21.6万亩以上", "9.8万吨"]),
        ("80%以上需求一周内得到响应。", ["80%以上"]),
        ("集体经营性收入50万元以上的村占比达到三分之一。", ["50万元以上", "三分之一"]),
    ],
)
def test_a_threshold_before_the_noun_it_sorts_and_its_count_names_a_class(text, kept):
    assert [m.quantity_text for m in read(text)] == kept


def test_meetings_counted_are_figures_and_sittings_are_not():
    assert [m.quantity_text for m in read("召开常委会会议12次，区十八届人大三次会议召开。")] == ["12次"]


def test_a_small_chinese_numeral_in_the_subject_of_another_figure_names_a_set():
    ms = read("全市刑事警情同比下降18.6%，八类严重暴力犯罪案件现案破案率达到百分之百。")
    assert [m.quantity_text for m in ms] == ["18.6%", "百分之百"]


def test_a_run_of_years_is_no_part_of_the_label_of_the_level_it_keeps():
    ms = read("粮食总产量达到121.7万吨，连续8年稳定在120万吨以上。")
    assert [m.label for m in ms if m.unit == "吨"] == ["粮食总产量", "粮食总产量"]


def test_a_small_chinese_count_of_things_in_a_subject_stays():
    assert [m.quantity_text for m in read("两家企业营收超过10亿元。")] == ["两家", "超过10亿元"]


def test_small_chinese_counts_after_a_measuring_verb_stay():
    ms = read("新建三所学校，开展两次督查，选派两名干部。")
    assert [(m.value, m.unit) for m in ms] == [(3, "所"), (2, "次"), (2, "名")]


def test_a_list_member_written_with_the_lead_of_the_shared_unit_takes_the_whole_unit():
    ms = read("办理时限分别缩短至5个、2个工作日，培训500人、1200人次。")
    assert [(m.quantity_text, m.unit) for m in ms] == [
        ("5个", "个工作日"), ("2个工作日", "个工作日"), ("500人", "人"), ("1200人次", "人次"),
    ]


def test_a_comparison_with_a_target_or_a_standard_makes_the_figure_that_target():
    ms = read("森林覆盖率达到41.3%，高于40%的省定目标；细颗粒物浓度低于35微克/立方米的国家二级标准。")
    assert [(m.quantity_text, m.qualifier, m.role, m.label) for m in ms] == [
        ("41.3%", "exact", "value", "森林覆盖率"),
        ("40%", "exact", "target", "森林覆盖率省定目标"),
        ("35微克/立方米", "exact", "target", "细颗粒物浓度国家二级标准"),
    ]
    assert [(m.quantity_text, m.qualifier) for m in read("超过50%的企业实现增长。")] == [("超过50%", "more_than")]


def test_a_year_lends_no_unit_to_the_list_before_it():
    assert [m.quantity_text for m in read("其中3、2024年新建5所。")] == ["5所"]


# --------------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, labels",
    [
        ("学前教育普惠率达到95.01%。", ["学前教育普惠率"]),
        ("截至9月底,全市有效期内高新技术企业达到4120家。", ["有效期内高新技术企业"]),
        ("40所学校开工,75所完工。", ["学校开工", "学校完工"]),
        ("安排专项资金推动10个强镇筑基省级试点镇工作。", ["强镇筑基省级试点镇"]),
        ("技术合同成交额231亿元,同比增长24%。", ["技术合同成交额", "技术合同成交额同比增长"]),
        ("全市燃煤锅炉由上年的420台压减到380台，压减比例9.5%。", ["燃煤锅炉", "燃煤锅炉", "燃煤锅炉压减比例"]),
        ("企业开办时间由原来的5个工作日压缩至1个工作日。", ["企业开办时间", "企业开办时间"]),
        # A multiple of a past level says so.
        ("新建公共充电桩一千二百个，是去年的1.5倍。", ["新建公共充电桩", "新建公共充电桩为去年的倍数"]),
        ("新增科技企业孵化器17家,总数达到58家。", ["新增科技企业孵化器", "科技企业孵化器总数"]),
        ("城市和农村低保标准分别提高到860元/月和720元/月。", ["城市低保标准", "农村低保标准"]),
        ("全市共有执业医师2.1万人、注册护士2.5万人，分别比上年增加1500人和2000人。",
         ["执业医师", "注册护士", "执业医师增加", "注册护士增加"]),
        ("城乡居民人均可支配收入分别增长5%和7%。", ["城乡居民人均可支配收入增长", "城乡居民人均可支配收入增长"]),
        ("主要预期目标是：地区生产总值增长6%左右。", ["地区生产总值增长"]),
        ("在全省区域创新能力评价中位列全省第3位。", ["区域创新能力评价全省排名"]),
        ("城镇登记失业率由去年的2.9%降至2.7%,控制在3%以内。",
         ["城镇登记失业率", "城镇登记失业率", "城镇登记失业率目标"]),
        # A line break after a comma wraps the sentence, it does not end it.
        ("网络交易平台交易额270·4亿元，\n同比增长14.6%。", ["网络交易平台交易额", "网络交易平台交易额同比增长"]),
        # So does one inside a phrase of running text when the next line opens on the figure.
        ("签约落地143个，其中数字经济类项目完成投资\n超过50亿元。", ["签约落地", "数字经济类项目完成投资"]),
        # A rank among places names what is ranked from the clause before.
        ("投诉按时办结率99.3%，在全省14个设区市中排名第2。", ["投诉按时办结率", "在全省设区市中排名", "投诉按时办结率全省排名"]),
        # A figure qualifying the subject of the next one stays in its label.
        ("集体经营性收入50万元以上的村占比达到三分之一。", ["集体经营性收入村占比达到", "集体经营性收入50万元以上的村占比"]),
        # 其余 with nothing after it is the rest of what the clause before counted; 其他/其余 before a
        # noun stay whole words of the subject.
        ("6项交通民生实事已完成4项，其余2项正在推进。", ["交通民生实事已完成", "交通民生实事", "交通民生实事正在推进"]),
        ("其他企业120家，其余企业30家。", ["其他企业", "其余企业"]),
        # A subject that is only how a change is reckoned, a bare measure, or a verb whose topic was
        # said before takes that topic.
        ("一般公共预算收入48.7亿元，同口径增长8.1%。", ["一般公共预算收入", "一般公共预算收入同口径增长"]),
        ("全年医保基金总收入134亿元，总支出126亿元。", ["医保基金总收入", "医保基金总支出"]),
        ("全市“信易贷”平台累计注册企业2.38万家，发放贷款412.6亿元。", ["“信易贷”平台累计注册企业", "“信易贷”平台发放贷款"]),
        ("规模以上工业企业实现营业收入4862.5亿元；利润总额286.1亿元。",
         ["规模以上工业企业实现营业收入", "规模以上工业企业利润总额"]),
        ("年末全市共有普通高等学校11所，在校学生18.6万人。", ["普通高等学校", "普通高等学校在校学生"]),
        ("新登记市场主体9863户，其中企业3125户。", ["新登记市场主体", "新登记市场主体中企业"]),
        ("新建改造城市道路58公里，新增城市绿地210公顷。", ["新建改造城市道路", "新增城市绿地"]),
        ("新建5G基站2100个，累计建成1.2万个。", ["新建5G基站", "5G基站累计建成"]),
        ("受理案件2500余件，办结2400件。", ["受理案件", "案件办结"]),
        # ... also from a clause of the sentence that holds no figure.
        ("区人民医院新院区投入使用，新增床位600床。", ["区人民医院新院区新增床位"]),
        ("举办第五届海川创新创业大赛，征集参赛项目1200多个。", ["第五届海川创新创业大赛征集参赛项目"]),
        ("政府采购合同融资实现“线上申请、当日放款”，全年办理1,286笔、金额9.7亿元。",
         ["政府采购合同融资办理", "政府采购合同融资金额"]),
        ("在全省营商环境评价中位列前三，综合得分86.4分。", ["营商环境评价综合得分"]),
        ("全市二级以上公立医院实现检查检验结果互认，互认项目达到142项。", ["检查检验结果互认项目"]),
        ("打造“12348热线+人民调解”线上调解新模式，解答咨询约17.3万人次。", ["“12348热线+人民调解”解答咨询"]),
        # ... never a head found inside a quoted name, so a label keeps its quotes paired.
        ("打造“12348热线+人民调解”线上调解新模式，解答咨询约17.3万人次，调解案件6.9万余件。",
         ["“12348热线+人民调解”解答咨询", "“12348热线+人民调解”调解案件"]),
        # A document issued in the clause before (出台…意见, 分类制定…指引) is no topic of a subject with
        # its own verb and object, nor is a quoted name inside it.
        ("出台坚持和发展新时代“枫桥经验”指导性意见，全市调解民间纠纷3.5万余件。", ["调解民间纠纷"]),
        ("全力打造“法惠企航”工作品牌，分类制定涉企专项法律事务工作指引，为企业服务10.1万次。", ["为企业服务"]),
        # A topic is a noun phrase: what a verb at the end of the clause acts on, never the verb phrase
        # cut in two.
        ("推动行政争议实质性化解，年内受理2500余件，纠错350余件，调解和解510余件。",
         ["行政争议受理", "行政争议纠错", "行政争议调解和解"]),
        # Every kind of something (各类审查) is the kind the clause before names.
        ("严格落实决策合法性审查，完成各类审查481件。", ["完成决策合法性审查"]),
        # A clause that says what did not happen, or that a plan keeps in view, names no topic.
        ("全市道路运输行业未发生较大事故，事故起数同比下降18%。", ["事故起数同比下降"]),
        ("将紧盯全年目标任务，确保全年完成交通投资不低于160亿元。", ["完成交通投资"]),
        # A quoted name opening the clause says whose its later figures are.
        ("通过“海川科创贷”为1500余家科技型企业发放贷款86亿元。",
         ["“海川科创贷”发放贷款的科技型企业", "“海川科创贷”科技型企业发放贷款"]),
        # A share after 分别 keeps what it is a share of.
        ("公路水路投资61.2亿元，城市轨道交通投资25.2亿元，分别占投资总额的70.8%和29.2%。",
         ["公路水路投资", "城市轨道交通投资", "公路水路投资占投资总额", "城市轨道交通投资占投资总额"]),
        # Short subjects completed from the figure before them.
        ("全市医保基金收入68.2亿元、支出61.5亿元。", ["医保基金收入", "医保基金支出"]),
        ("成功举办博览会，签约项目156个、总投资1,280亿元。", ["签约项目", "签约项目总投资"]),
        ("全市新建商品住宅成交面积498万平方米，成交均价11,260元/平方米。", ["新建商品住宅成交面积", "新建商品住宅成交均价"]),
        ("新开工改造城镇老旧小区236个、涉及居民4.3万户，完成投资27.8亿元。",
         ["新开工改造城镇老旧小区", "新开工改造城镇老旧小区涉及居民", "新开工改造城镇老旧小区完成投资"]),
        ("新增就业5万人，实现税收12亿元。", ["新增就业", "实现税收"]),
        ("新签约亿元以上项目32个，总投资216亿元。", ["新签约亿元以上项目", "新签约亿元以上项目总投资"]),
        ("全市地区生产总值4123.56亿元，按不变价格计算，同比增长6.2%。", ["地区生产总值", "地区生产总值同比增长"]),
        ("高新技术产业增加值占比仅为18.2%。", ["高新技术产业增加值占比"]),
        ("新建5G基站1200个，累计达到8500个。", ["新建5G基站", "5G基站"]),
        # A verb with how far it got, a capacity and a total after a scene word take the topic of the
        # figure before; 活动期间 sets a scene.
        ("新开工保障性租赁住房3000套，基本建成2100套。", ["新开工保障性租赁住房", "保障性租赁住房基本建成"]),
        ("新建区域再生水厂6座，日处理能力达到12万吨。", ["新建区域再生水厂", "区域再生水厂日处理能力"]),
        ("现场签约项目45个，总投资320亿元。", ["现场签约项目", "现场签约项目总投资"]),
        ("成功举办第十届海川国际啤酒节“酒韵海川”，活动期间接待游客120万人次。", ["“酒韵海川”接待游客"]),
        ("严厉打击非法集资犯罪，侦破案件86起。", ["非法集资犯罪侦破案件"]),
        # Whom a verb acts for (为…) stays in the label; a rate of it is a rate of what was done.
        ("全年为小微企业减负3.6亿元。", ["为小微企业减负"]),
        ("为企业解决诉求2300件，办结率99%。", ["为企业解决诉求", "企业解决诉求办结率"]),
        ("为企业服务10.1万次。", ["为企业服务"]),
        ("整治违法建设1.2万平方米，完成市下达任务的120%。", ["整治违法建设", "整治违法建设完成市下达任务"]),
        ("全市基本医疗保险参保人数达到486.3万人，参保率稳定在95%以上。", ["基本医疗保险参保人数", "基本医疗保险参保率"]),
        ("受理行政裁决案件142件，结案率92%。", ["受理行政裁决案件", "受理行政裁决案件结案率"]),
        # The reporting department says who reports, not what is counted.
        ("今年以来，市交通运输局完成交通固定资产投资312.6亿元。", ["完成交通固定资产投资"]),
        ("下一步，区卫生健康局将力争新增床位500张。", ["新增床位"]),
        ("我局全年查办案件326件，市场主体达到8.6万户。", ["查办案件", "市场主体"]),
        ("规模以上工业增加值增长7.9%，高于全省平均水平1.2个百分点。",
         ["规模以上工业增加值增长", "规模以上工业增加值高于全省平均水平"]),
        ("房地产开发投资同比下降7.8%，降幅较上半年收窄2.3个百分点。",
         ["房地产开发投资同比下降", "房地产开发投资降幅收窄"]),
        ("生产安全事故起数、死亡人数同比分别下降两成和15.4%。", ["生产安全事故起数下降", "生产安全事故死亡人数下降"]),
        # A share of a past year's level keeps the year.
        ("接待国内游客8,650万人次，实现旅游总收入980亿元，分别恢复到2019年的112%和106%。",
         ["接待国内游客", "实现旅游总收入", "接待国内游客恢复到2019年水平", "实现旅游总收入恢复到2019年水平"]),
        ("旅客吞吐量恢复至2019年的九成以上。", ["旅客吞吐量恢复至2019年水平"]),
        ("临溪机场全年保障航班起降约5.2万架次。", ["临溪机场保障航班起降"]),
        # A quota says what it is about and who set it.
        ("新建高标准农田18.5万亩，超额完成省下达的16万亩任务。", ["新建高标准农田", "新建高标准农田省下达任务"]),
    ],
)
def test_labels(text, labels):
    assert [m.label for m in read(text)] == labels


# --------------------------------------------------------------------------------------------
# Noise in reposts, spans and sentences
# --------------------------------------------------------------------------------------------


def test_noise_inside_a_phrase_is_read_through_and_published_as_written():
    text = "全年完成投资419\n亿元，研发投入强度达 3.02%，新增岗位10萬(wàn)個(gè)。"
    _, located = read_text(text, report_year=2022)
    assert [(m.mention.quantity_text, m.mention.value, m.mention.unit) for m in located] == [
        ("419\n亿元", 4.19e10, "元"), ("3.02%", 3.02, "%"), ("10萬(wàn)個", 1e5, "个"),
    ]
    for m in located:
        assert text[m.mention.start : m.mention.end] == m.mention.quantity_text


def test_spans_and_sentences_index_the_text():
    text = "全市注册志愿者172万人、志愿服务队伍3100支。全市募集善款2.62亿元。"
    ms = extract_mentions(text, report_year=2022)
    for m in ms:
        assert text[m.start : m.end] == m.quantity_text
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
    assert text[ms[0].sentence_start : ms[0].sentence_end] == "全市注册志愿者172万人、志愿服务队伍3100支。"
    assert text[ms[2].sentence_start : ms[2].sentence_end] == "全市募集善款2.62亿元。"


def test_direction_only_on_changes():
    for m in read("技术合同成交额231亿元，同比增长24%，居全省第2位，目标300亿元。"):
        assert (m.direction is not None) == (m.role == "change")
