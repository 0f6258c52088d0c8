"""Reading normalization: the canonical form the extractor reads, and the map back to the published text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics.reading import read_text
from govmetrics.textnorm import fold_width, is_traditional, normalize, to_simplified


def test_width_and_script_fold_one_character_for_one():
    assert fold_width("９５％，（１１万人）") == "95%,(11万人)"
    assert to_simplified("萬億個點兩歲") == "万亿个点两岁"
    assert is_traditional("市衛生健康委員會今年以來為市民辦理業務") and not is_traditional("市卫生健康委今年以来")


def test_clean_text_keeps_every_offset():
    text = "城镇新增就业12.3万人，完成年度目标（11万人）的112%。"
    reading = normalize(text)
    assert len(reading.text) == len(text)
    assert all(reading.origin[i] == i for i in range(len(text)))


def test_pinyin_glosses_are_dropped_and_spans_map_back():
    text = "建成10萬(wàn)個(gè)充電樁"
    reading = normalize(text)
    assert reading.text == "建成10万个充电桩"
    start = reading.text.index("10")
    end = reading.text.index("个") + 1
    assert text[slice(*reading.span(start, end))] == "10萬(wàn)個"


def test_glosses_without_tone_marks_inside_a_word_are_dropped_and_spans_map_back():
    text = "收入同比增(zeng)長(zhang3) 9.6%"
    reading = normalize(text)
    assert reading.text == "收入同比增长9.6%"
    start = reading.text.index("增")
    assert text[slice(*reading.span(start, len(reading.text)))] == "增(zeng)長(zhang3) 9.6%"


def test_parentheses_that_are_not_glosses_stay():
    for text in ("镇(街)社工站63处", "国内生产总值(GDP)增长5%", "参见(a)项", "第(1)项", "单位(km)", "指数(pmi)"):
        assert normalize(text).text == text


def test_blanks_around_a_figure_are_dropped_but_not_thousands_separators():
    assert normalize("研发投入强度达 3.02%").text == "研发投入强度达3.02%"
    assert normalize("增长 5.6 %以上").text == "增长5.6%以上"
    assert normalize("全市达到 ８ 万 人").text == "全市达到8万人"
    assert normalize("受理案件10 436件").text == "受理案件10 436件"
    assert normalize("市教育局 努力办好教育").text == "市教育局 努力办好教育"


def test_a_blank_after_a_verb_of_change_or_a_list_word_is_dropped():
    assert normalize("较2022年分别压缩 31%、42%").text == "较2022年分别压缩31%、42%"
    assert normalize("居民消费价格上涨 2.1%；均 98%以上").text == "居民消费价格上涨2.1%;均98%以上"


def test_line_break_inside_a_figure_is_dropped_but_paragraphs_stay():
    assert normalize("完成投资419\n亿元").text == "完成投资419亿元"
    assert normalize("完成投资419\r\n亿元").text == "完成投资419亿元"
    assert normalize("提供公办学位8万余个\n\n2022年,全市").text == "提供公办学位8万余个\n\n2022年,全市"
    assert normalize("共119\n\n亿元").text == "共119\n\n亿元"


def test_noisy_figures_are_published_with_their_noise():
    text = "全年完成固定资产投资419\n亿元，研发投入强度达 3.02%，新增10萬(wàn)個(gè)岗位。"
    _, located = read_text(text, report_year=2022)
    quantities = [m.mention.quantity_text for m in located]
    assert quantities == ["419\n亿元", "3.02%", "10萬(wàn)個"]
    values = [(m.mention.value, m.mention.unit) for m in located]
    assert values == [(41900000000.0, "元"), (3.02, "%"), (100000.0, "个")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("1234 \n\t亿万个达(wàn)gè萬%，。ab")), max_size=60))
def test_offset_map_is_monotone_and_points_at_the_same_characters(text):
    reading = normalize(text)
    assert len(reading.origin) == len(reading.text)
    assert list(reading.origin) == sorted(set(reading.origin))
    for i, ch in enumerate(reading.text):
        original = text[reading.origin[i]]
        assert to_simplified(fold_width(original)) == ch
