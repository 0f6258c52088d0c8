"""How figures are read: compound amounts, Chinese numerals with a decimal point or digit by digit,
hedged amounts, signs, and the numbers that are dates, names or slogans rather than figures.

Every sentence here is constructed with invented figures, in both scripts where reports use both.
"""

import pytest

from govmetrics.extract import extract_mentions
from govmetrics.extract.numerals import parse_number
from govmetrics.textnorm import normalize


def read(text: str, year: int | None = 2022):
    reading = normalize(text)
    out = []
    for m in extract_mentions(reading.text, report_year=year):
        start, end = reading.span(m.start, m.end)
        out.append((text[start:end], m))
    return out


def one(text: str, year: int | None = 2022):
    mentions = read(text, year)
    assert len(mentions) == 1, [q for q, _ in mentions]
    return mentions[0]


# --------------------------------------------------------------------------------------------
# Compound amounts across scale words
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quantity, value",
    [
        ("本年度歲出預算編列73億2,500萬元。", "73億2,500萬元", 7_325_000_000),
        ("本年度岁出预算编列73亿2,500万元。", "73亿2,500万元", 7_325_000_000),
        ("總預算規模為318億 6,127萬4,000元。", "318億 6,127萬4,000元", 31_861_274_000),
        ("总预算规模为318亿 6,127万4,000元。", "318亿 6,127万4,000元", 31_861_274_000),
        ("特別預算12億 480萬元。", "12億 480萬元", 1_204_800_000),
        ("补助资金4万2500元。", "4万2500元", 42_500),
        ("補助金額9萬 3,200元。", "9萬 3,200元", 93_200),
        ("累计发放2亿7千万元。", "2亿7千万元", 270_000_000),
    ],
)
def test_a_compound_amount_across_scale_words_is_one_mention(text, quantity, value):
    q, m = one(text)
    assert (q, m.value, m.unit) == (quantity, value, "元")


def test_a_compound_amount_keeps_each_part_below_the_scale_before_it():
    # A decimal is never the high part, and a year after a blank is no lower part.
    assert [(q, m.value) for q, m in read("投资1.5亿 2023年完成，总额2.5万 800人。")] == [
        ("1.5亿", 150_000_000), ("2.5万", 25_000), ("800人", 800),
    ]
    assert [(q, m.value) for q, m in read("分别为3万、4000元。")] == [("3万", 30_000), ("4000元", 4000)]


# --------------------------------------------------------------------------------------------
# Chinese numerals with a decimal point, zero written ○, digits read one by one
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quantity, value, unit",
    [
        ("男性平均餘命七十七.九歲。", "七十七.九歲", 77.9, "岁"),
        ("男性平均余命七十七.九岁。", "七十七.九岁", 77.9, "岁"),
        ("粗出生率為千分之七.三二。", "千分之七.三二", 7.32, "‰"),
        ("勞動參與率百分之五九.二。", "百分之五九.二", 59.2, "%"),
        ("高齡人口占比達二○.八%。", "二○.八%", 20.8, "%"),
        ("就业率为百分之八○.六。", "百分之八○.六", 80.6, "%"),
        ("全縣人口二十三萬四五○○人。", "二十三萬四五○○人", 234_500, "人"),
        ("常住人口十九万○七二○人。", "十九万○七二○人", 190_720, "人"),
        ("平均壽命八十三點五歲。", "八十三點五歲", 83.5, "岁"),
        ("全年出生嬰兒四二○○人。", "四二○○人", 4200, "人"),
        ("參與率為六○%。", "六○%", 60, "%"),
    ],
)
def test_chinese_numerals_with_a_decimal_point_or_digits_read_one_by_one(text, quantity, value, unit):
    q, m = one(text)
    assert (q, m.value, m.unit) == (quantity, pytest.approx(value, rel=1e-12), unit)


@pytest.mark.parametrize(
    "numeral, value",
    [("八十一.四", 81.4), ("七○.三", 70.3), ("十六萬三八○○", 163_800), ("三亿○五百万", 305_000_000),
     ("二〇二二", None), ("一○七", None), ("十六萬三八", None)],
)
def test_numeral_grammar_for_points_and_digit_runs(numeral, value):
    assert parse_number(numeral) == (None if value is None else pytest.approx(value, rel=1e-12))


@pytest.mark.parametrize(
    "text, quantity, value, unit, qualifier",
    [
        ("社會福利支出三億○四百多萬元。", "三億○四百多萬元", 304_000_000, "元", "more_than"),
        ("社会福利支出三亿〇四百余万元。", "三亿〇四百余万元", 304_000_000, "元", "more_than"),
        ("失業率下降近半個百分點。", "近半個百分點", 0.5, "百分点", "nearly"),
        ("失业率回落约半个百分点。", "约半个百分点", 0.5, "百分点", "approx"),
        ("出口占比提高一個半百分點。", "一個半百分點", 1.5, "百分点", "exact"),
    ],
)
def test_hedged_chinese_amounts_and_half_a_point(text, quantity, value, unit, qualifier):
    q, m = one(text)
    assert (q, m.value, m.unit, m.qualifier) == (quantity, value, unit, qualifier)


@pytest.mark.parametrize("text", ["出生率較上年下降0.6個千分點。", "出生率较上年下降0.6个千分点。"])
def test_points_of_a_rate_per_thousand(text):
    q, m = one(text)
    assert (m.value, m.unit, m.role, m.direction) == (0.6, "千分点", "change", "down")


def test_half_a_year_is_no_figure():
    assert read("上半年完成半数任务，半年来运行平稳。") == []


# --------------------------------------------------------------------------------------------
# Signs
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quantity, value, unit",
    [
        ("全縣人口自然增加率為負1.85‰。", "負1.85‰", -1.85, "‰"),
        ("全县人口自然增长率为负1.85‰。", "负1.85‰", -1.85, "‰"),
        ("社会增长率为负百分之三。", "负百分之三", -3, "%"),
        ("一月平均氣溫負3.4攝氏度。", "負3.4攝氏度", -3.4, "摄氏度"),
        ("人口自然增加率為千分之負一.八七。", "千分之負一.八七", -1.87, "‰"),
    ],
)
def test_a_level_written_with_fu_keeps_its_sign(text, quantity, value, unit):
    q, m = one(text)
    assert (q, m.value, m.unit, m.role) == (quantity, value, unit, "value")


@pytest.mark.parametrize(
    "text, direction",
    [
        ("規模以上工業增加值增長-4.7%。", "down"),
        ("规模以上工业增加值增长负4.7%。", "down"),
        ("出口总额同比增长 -4.7%。", "down"),
        ("貨物進口增速為-4.7%。", "down"),
        ("工業品出廠價格下降-4.7%。", "up"),
    ],
)
def test_a_growth_rate_with_a_minus_sign_is_a_change_of_its_magnitude(text, direction):
    q, m = one(text)
    assert (m.value, m.role, m.direction) == (4.7, "change", direction)
    assert "负" not in (m.label or "") and "-" not in (m.label or "")


@pytest.mark.parametrize("text", ["为中小企业减负12亿元。", "为企业減負12億元。", "全年为市场主体减负降本3.2亿元。"])
def test_fu_that_ends_a_word_is_no_sign(text):
    _, m = one(text)
    assert m.value > 0


# --------------------------------------------------------------------------------------------
# Gloss spam inside words
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, direction",
    [
        ("旅遊收入同比增(zeng)長(zhang)12.6%。", "up"),
        ("旅游收入同比增(zeng)长(zhang)12.6%。", "up"),
        ("旅游收入同比下(xia)降(jiang) 12.6%。", "down"),
        ("旅游收入比上年减(jian)少(shao)12.6%。", "down"),
    ],
)
def test_a_gloss_inside_a_verb_hides_neither_the_verb_nor_the_label(text, direction):
    q, m = one(text)
    assert (m.value, m.role, m.direction) == (12.6, "change", direction)
    assert m.label.startswith("旅游收入") and "(" not in m.label and not any(c.isascii() and c.isalpha() for c in m.label)


def test_parentheses_that_gloss_nothing_stay():
    for text in ("参见(a)项", "国内生产总值(GDP)", "采购经理指数(pmi)", "单位(km)", "(zhong guo)"):
        assert normalize(text).text == text


# --------------------------------------------------------------------------------------------
# Not mentions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "本市自九十八年起推動長照服務。",
        "本市自九十八年起推动长照服务。",
        "一○九年及一一○年均辦理評鑑。",
        "二○二三年全市推動改革。",
        "一○七年度預算執行完畢。",
        "民國103年完成第一期工程。",
        "105年7月正式啟用。",
        "一百零五年上半年完成招標。",
        "20236月起施行新辦法。",
        "2025台灣設計展吸引民眾參觀。",
        "籌辦2027台中花博與2024元宵燈會。",
        "兩個鄉鎮之間差距縮小。",
        "迎接三场“硬仗”，做到五个“到位”。",
        "全市迎接四場「大考」，完成兩項「硬任務」。",
        "2027米蘭設計週開幕。",
    ],
)
def test_dates_event_names_and_slogans_are_no_mentions(text):
    assert read(text) == []


def test_a_difference_between_two_groups_keeps_its_figure_but_not_the_groups_count():
    assert [(q, m.value, m.role) for q, m in read("兩個縣市平均壽命相差2.6歲。")] == [("2.6歲", 2.6, "value")]


def test_durations_and_counts_stay_mentions():
    assert [(q, m.value) for q, m in read("已有三十年历史，新建学校两所，建成3个“口袋公园”。")] == [
        ("三十年", 30), ("两所", 2), ("3个", 3),
    ]


# --------------------------------------------------------------------------------------------
# Measure words and days; 近 inside a word; counts inside the name of a policy package
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quantity, value, unit",
    [
        ("新增公共停車泊位1,350席。", "1,350席", 1350, "席"),
        ("新增公共停车泊位1,350席。", "1,350席", 1350, "席"),
        ("查處違法建設案件27樁。", "27樁", 27, "桩"),
        ("遷改電力桿線塔48基。", "48基", 48, "基"),
        ("更换老旧电线杆212杆。", "212杆", 212, "杆"),
        ("发放防护手套6800双。", "6800双", 6800, "双"),
        ("研发新产品17款。", "17款", 17, "款"),
        ("受理群众来信935封。", "935封", 935, "封"),
        ("河道清淤14.6万方。", "14.6万方", 146_000, "方"),
        ("新打抗旱机井42眼。", "42眼", 42, "眼"),
        ("救助野生候鸟2600羽。", "2600羽", 2600, "羽"),
        ("新增远洋渔船9艘。", "9艘", 9, "艘"),
        ("改造路灯1 460盏。", "1 460盏", 1460, "盏"),
    ],
)
def test_measure_words_of_seats_cases_poles_pairs_and_earthwork(text, quantity, value, unit):
    q, m = one(text)
    assert (q, m.value, m.unit) == (quantity, value, unit)


@pytest.mark.parametrize(
    "text, quantity, value, qualifier",
    [
        ("平均審批時間為二百六十一日。", "二百六十一日", 261, "exact"),
        ("平均审批时间为二百六十一日。", "二百六十一日", 261, "exact"),
        ("平均輪候時間縮短一.八日。", "一.八日", 1.8, "exact"),
        ("個案平均處理時間約四十日。", "約四十日", 40, "approx"),
        ("申請須於7日內辦結。", "7日內", 7, "at_most"),
        ("平均住院日为6.4日。", "6.4日", 6.4, "exact"),
        ("审批时间压缩至三日。", "三日", 3, "exact"),
    ],
)
def test_a_number_of_days_in_either_script_is_a_duration(text, quantity, value, qualifier):
    q, m = one(text)
    assert (q, m.value, m.unit, m.qualifier) == (quantity, value, "日", qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "2023年5月12日召开推进会。",
        "十月二十五日至二十八日舉辦展覽。",
        "二十五日，市長率團出訪。",
        "會議於十二日舉行。",
        "新規定自本月15日起實施。",
        "18日上午，市政府召开常务会议。",
    ],
)
def test_a_day_of_the_month_is_a_date(text):
    assert read(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # 近 that ends a word (邻近, 靠近, 最近) hedges nothing; the count of groups compared is no figure.
        ("鄰近兩個縣市平均壽命相差3.5歲。", [("3.5歲", "exact")]),
        ("邻近两个县市平均寿命相差3.5岁。", [("3.5岁", "exact")]),
        ("最近三年新增企業1 260家。", [("1 260家", "exact")]),
        ("附近三個鄉鎮共有診所12家。", [("三個", "exact"), ("12家", "exact")]),
        ("全年發放補貼近億元。", [("近億元", "nearly")]),
        # 将近 and 接近 are the qualifiers themselves.
        ("接近兩成居民參保，將近300家企業受惠。", [("接近兩成", "nearly"), ("將近300家", "nearly")]),
    ],
)
def test_jin_inside_a_word_is_no_qualifier(text, expected):
    assert [(q, m.qualifier) for q, m in read(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "全市出台穩外貿十二條措施。",
        "全市出台稳外贸十二条措施。",
        "今年十件民生實事全部完成。",
        "發布穩就業二十條政策解讀。",
        "落实支持民营经济发展“三十条”。",
        "点击查看：惠企纾困十五条措施全文",
        "《关于促进消费的二十条措施》印发实施。",
    ],
)
def test_a_count_inside_the_name_of_a_policy_package_is_no_mention(text):
    assert read(text) == []


@pytest.mark.parametrize(
    "text, quantity",
    [
        ("全年出台措施12條。", "12條"),
        ("全年出台措施12条。", "12条"),
        ("全市出台十二条措施稳外贸。", "十二条"),
        ("今年共印发实施惠企措施36项。", "36项"),
        ("市政府出台了支持民营经济发展的20条措施。", "20条"),
        ("新开通公交线路12条。", "12条"),
    ],
)
def test_a_count_of_measures_issued_stays_a_mention(text, quantity):
    q, _ = one(text)
    assert q == quantity
