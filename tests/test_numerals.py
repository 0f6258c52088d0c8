"""The number grammar: Chinese numerals, Arabic digits with separators, and their mixtures.

The property tests write numbers with a generator of their own (standard Chinese numeral rules,
written here from scratch rather than from the parser) and check that the parser reads them back
exactly.
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govmetrics.extract.numerals import parse_cn_digits, parse_cn_int, parse_number

# --------------------------------------------------------------------------------------------
# An independent writer of Chinese numerals
# --------------------------------------------------------------------------------------------

SIMPLIFIED = {"digits": "零一二三四五六七八九", "liang": "两", "wan": "万", "yi": "亿", "point": "点"}
TRADITIONAL = {"digits": "零一二三四五六七八九", "liang": "兩", "wan": "萬", "yi": "億", "point": "點"}
PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


@st.composite
def styles(draw):
    script = dict(draw(st.sampled_from([SIMPLIFIED, TRADITIONAL])))
    script["zero"] = draw(st.sampled_from(["零", "零", "〇"]))
    script["use_liang"] = draw(st.booleans())
    script["yi_shi"] = draw(st.booleans())  # 一十二 rather than 十二 at the head of a number
    return script


def _digit(d: int, place: int, style: dict) -> str:
    if d == 2 and place in (1000, 100) and style["use_liang"]:
        return style["liang"]
    return style["digits"][d]


def _below_10000(n: int, style: dict, head: bool) -> str:
    """1..9999 in standard form; ``head`` is whether nothing is written before it."""
    out = []
    pending_zero = False
    started = False
    for place, name in PLACES:
        d = (n // place) % 10
        if d == 0:
            if started:
                pending_zero = True
            continue
        if pending_zero:
            out.append(style["zero"])
            pending_zero = False
        if place == 10 and d == 1 and head and not started and not style["yi_shi"]:
            out.append("十")  # 十二, not 一十二, at the head of a number
        else:
            out.append(_digit(d, place, style) + name)
        started = True
    return "".join(out)


def to_chinese(n: int, style: dict, head: bool = True) -> str:
    if n == 0:
        return style["zero"]
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        text = to_chinese(high, style, head) + style["yi"]
        if low:
            text += (style["zero"] if low < 10**7 else "") + to_chinese(low, style, head=False)
        return text
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        lead = style["liang"] if high == 2 and style["use_liang"] else _below_10000(high, style, head)
        text = lead + style["wan"]
        if low:
            text += (style["zero"] if low < 1000 else "") + _below_10000(low, style, head=False)
        return text
    return _below_10000(n, style, head)


def test_the_writer_writes_the_standard_forms():
    plain = dict(SIMPLIFIED, zero="零", use_liang=False, yi_shi=False)
    assert to_chinese(12, plain) == "十二"
    assert to_chinese(100012, plain) == "十万零一十二"
    assert to_chinese(10005, plain) == "一万零五"
    assert to_chinese(1050000, plain) == "一百零五万"
    assert to_chinese(72911, plain) == "七万二千九百一十一"
    assert to_chinese(10**13, plain) == "十万亿"
    assert to_chinese(2000, dict(plain, use_liang=True)) == "两千"
    assert to_chinese(105000000, plain) == "一亿零五百万"


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=0, max_value=10**13), styles())
def test_any_integer_written_in_chinese_reads_back_exactly(n, style):
    text = to_chinese(n, style)
    assert parse_cn_int(text) == n, text
    assert parse_number(text) == float(n), text


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.text(alphabet="0123456789", min_size=1, max_size=6), styles())
def test_chinese_decimals_with_dian_read_back_exactly(n, frac, style):
    digits = "".join(style["digits"][int(d)] for d in frac)
    text = to_chinese(n, style) + style["point"] + digits
    assert parse_number(text) == float(Decimal(f"{n}.{frac}")), text


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", " ", ""]),
       st.text(alphabet="0123456789", max_size=4), st.sampled_from([".", "·"]))
def test_arabic_numbers_with_separators_read_back_exactly(n, separator, frac, point):
    whole = f"{n:,}".replace(",", separator)
    text = whole + (point + frac if frac else "")
    assert parse_number(text) == float(Decimal(f"{n}.{frac}" if frac else str(n))), text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=0, max_value=3),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("千万", 10**7)]))
def test_scale_words_multiply_without_float_error(n, decimals, scale):
    word, mult = scale
    written = f"{n / 10**decimals:.{decimals}f}"
    assert parse_number(written + word) == float(Decimal(written) * mult)


# --------------------------------------------------------------------------------------------
# Examples
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("一百零二点四七", 102.47),
        ("七万二千九百一十一", 72911),
        ("1.2万亿", 1.2e12),
        ("1.02万亿", 1.02e12),
        ("四十五点四0", 45.4),
        ("卅九點六三", 39.63),
        ("廿五", 25),
        ("两千", 2000),
        ("兩萬", 20000),
        ("一百〇五", 105),
        ("一万五", 15000),
        ("一百五", 150),
        ("一万五千", 15000),
        ("三点五万", 35000),
        ("百", 100),
        ("百万", 10**6),
        ("十万亿", 10**13),
        ("3亿5000万", 350000000),
        ("10,511", 10511),
        ("59 225", 59225),
        ("270·4", 270.4),
        ("8万", 80000),
        ("壹仟贰佰", 1200),
    ],
)
def test_examples(text, value):
    assert parse_number(text) == float(value)


@pytest.mark.parametrize("text", ["", "十四五", "二〇二二", "五零", "一二三", "万万", "点五", "3万5亿", "1..2", "一百千"])
def test_malformed_numbers_read_as_none(text):
    assert parse_number(text) is None


def test_digit_by_digit_numerals_are_years_not_quantities():
    assert parse_cn_digits("二〇二二") == 2022
    assert parse_cn_int("二〇二二") is None
    assert parse_cn_digits("二十") is None
