"""Properties of the extractor on generated text: it never raises, and it reads generated figures back."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_numerals import SIMPLIFIED, TRADITIONAL, styles, to_chinese

from govmetrics.extract import extract, extract_mentions
from govmetrics.reading import read_text
from govmetrics.textnorm import normalize

PIECES = [
    *"0123456789０１２３４５６７８９.,·、，。；;：:%％‰/-~～—()（）“”《》〔〕\n \t×+",
    *"零〇一二两三四五六七八九十百千万亿萬億兩點点廿卅成分之第首翻番",
    "个", "家", "所", "项", "人次", "万元", "亿元", "个百分点", "元/月", "/10万", "岁", "倍", "年", "月", "日",
    "近", "约", "超过", "逾", "余", "多", "以上", "以下", "左右", "不超过", "不足", "分别", "由", "提高到", "增长",
    "下降", "比上年", "同比", "目标", "计划", "力争到2025年", "居全省", "位", "名", "截至", "1-10月份", "前三季度",
    "去年的", "每", "数", "“十个一”", "第一时间", "12345热线", "〔2022〕15号", "5G", "7×24", "(wàn)", "萬(wàn)",
    "全市", "达到", "的", "中小学", "学校", "企业", "率",
]


@st.composite
def report_like(draw):
    return "".join(draw(st.lists(st.sampled_from(PIECES), max_size=80)))


def _check(text: str) -> None:
    for year in (None, 2022):
        strict = extract(text, year, strict=True)  # raises on any reading bug
        assert extract_mentions(text, report_year=year) == strict
        for m in strict:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.quantity_text
            assert m.sentence_start <= m.start and m.end <= m.sentence_end
            assert (m.direction is not None) == (m.role == "change")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_no_string_makes_the_extractor_raise(text):
    _check(text)
    read_text(text, report_year=2022)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like())
def test_no_mix_of_numerals_units_and_punctuation_makes_the_extractor_raise(text):
    _check(text)
    _check(normalize(text).text)
    read_text(text, report_year=2022)


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=2, max_value=10**13), styles(), st.sampled_from(["所", "个", "家", "人", "项"]))
def test_a_chinese_numeral_before_a_measure_word_is_read_back(n, style, unit):
    numeral = to_chinese(n, style)
    text = f"全市新建学校{numeral}{unit}。"
    _, located = read_text(text, report_year=2022)
    assert [(m.mention.value, m.mention.unit, m.mention.quantity_text) for m in located] == [
        (float(n), unit, numeral + unit)
    ], text


def test_both_scripts_are_generated():
    assert SIMPLIFIED["wan"] != TRADITIONAL["wan"]


TAIL_PIECES = [
    *"的了均都共为是有约占至到由从比较年底末初期届月度平水-−，、 ",
    "分别", "人均", "达到", "提高", "增长", "下降", "同比", "去年", "上年", "2021年", "去年同期", "上届", "水平",
    "保持在", "每人每月", "增至", "完成", "学校", "企业", "率", "公办学位", "新增", "降低", "缩短", "多", "少",
    "与", "(", "（", "二〇〇九年", "上年度", "法定预算数", "负", "减负", "年人均", "3月", "15日",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(TAIL_PIECES), min_size=1, max_size=8).map("".join))
def test_last_character_guards_never_skip_a_match(phrase):
    """The cheap last-character checks in front of the tail patterns lose no match."""
    from govmetrics.extract import labels, roles

    if labels._TRAIL.search(phrase):
        assert phrase[-1] in labels.TRAIL_LAST
    if roles._CHANGE_TAIL.search(phrase):
        assert phrase[-1] in roles.CHANGE_LAST
    if roles._BASELINE_TAIL.search(phrase):
        assert phrase[-1] in roles.BASELINE_LAST
    if roles.NOUN_BASELINE_TAIL.search(phrase):
        assert "比" in phrase or "较" in phrase


PERIOD_PIECES = [
    *"0123456789年月季度底末份至到-—~前上下半第今去本全当内初以来截止的，。",
    "2021年", "2022年", "1-10月份", "截至9月底", "截至目前", "前三季度", "第一季度", "上半年", "前10个月", "今年以来",
    "去年", "上年", "年内", "全年", "1月至10月", "截至2022年11月", "学校", "增长",
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PERIOD_PIECES), max_size=12).map("".join))
def test_anchored_period_search_finds_what_a_full_scan_finds(text):
    from govmetrics.extract import periods

    expected = [m.span() for m in periods._PERIOD.finditer(text)]
    assert [m.span() for m in periods.period_expressions(text, 0, len(text))] == expected
