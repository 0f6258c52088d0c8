"""Finding quantities: one compiled regex for number cores, then cheap reading around each.

The regex only locates where a number is written (Arabic, Chinese, ``百分之``, ``成``, ``分之``,
``第N位``, ``翻一番``). Everything that depends on the words around it (scale word, unit,
qualifiers on either side, a range) is read by plain string look-ups at that position, which is
both faster than one giant pattern and easier to extend from the tables in ``lexicon``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govmetrics.extract import lexicon as lx
from govmetrics.extract.numerals import DIGITS, exact, parse_cn_digits, parse_number, scale_multiplier

_CN = lx.CN_NUMERAL_CHARS
_CN_DIGITS = lx.CN_DIGIT_CHARS
# Arabic: 10,511 / 59 225 (a space only between groups of three) / 270·4 / 3.02
_AR = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?: \d{3})+(?!\d)|\d+)(?:[.·]\d+)?"
# A decimal point is 点, or a full stop or middle dot between numerals (八十一.四岁, 千分之六.五一).
_CN_NUM = rf"[{_CN}]{{1,40}}(?:(?:[点點]|[.·](?=[{_CN_DIGITS}]))[{_CN_DIGITS}0-9]{{1,20}}[万亿萬億]{{0,3}})?"
# Scale words after Arabic digits; 千/百 give way to units that start with them (千瓦, 百分点).
_SCALE = r"(?:万亿|萬億|[十百千]?[亿億]|[十百千]?[万萬]|千(?![瓦米克伏卡焦帕赫兆])|百(?!分))"
# Characters after 成 that make it part of a word (成员, 成立, 成本...) rather than tenths.
_CHENG_STOP = "员立为本果效绩就功交熟品型都年长人份分套批片群像形规色真全事文药器材家活"

# The lower part of a compound amount, after its 亿 or 万 (a blank may follow the scale word):
# 3亿5000万, 56亿3,000万元, 215亿 4,381万6,000元, 3万5000元. Each part stays below the scale before it,
# and a part with no scale word of its own fills all four places below 万 (1万5 is no 10005).
_BELOW_SCALE = r"(?:\d,\d{3}|\d{1,4})(?![\d,])"
_FOUR_PLACES = r"(?:\d,\d{3}|\d{4})(?![\d,.·年月日])"
_LOWER = (
    r"(?= ?\d)(?:"  # most scale words have no lower part: a digit must follow first
    rf"(?<=[亿億]) ?(?:{_BELOW_SCALE}(?:[.·]\d+)?[千百]?[万萬](?: ?{_FOUR_PLACES})?|\d+(?:[.·]\d+)?[千百]?[万萬])"
    rf"|(?<=[万萬]) ?(?:{_BELOW_SCALE}(?:[.·]\d+)?[千百]|\d(?:[.·]\d+)?[千百]|{_FOUR_PLACES}))"
)
_CANDIDATE = re.compile(
    rf"(?=[0-9{_CN}第首翻半])(?:"
    rf"(?P<frac>(?P<fden>\d{{1,6}}|[{_CN}]{{1,4}})分之(?P<fneg>[负負-])?(?P<fnum>{_AR}|{_CN_NUM}))"
    rf"|(?P<ord>第(?P<onum>\d{{1,6}}|[{_CN}]{{1,8}})(?P<ounit>{'|'.join(lx.RANK_UNITS)})?)"
    rf"|(?P<first>首位)"
    rf"|(?P<fan>翻了?(?P<fannum>[一两二三四1-4])番)"
    rf"|(?P<cheng>(?P<c1>[一二两三四五六七八九十1-9])成(?:(?P<c2>[一二三四五六七八九1-9])(?![0-9{_CN}])|(?P<ch>半))?)"
    rf"(?![{_CHENG_STOP}])"
    rf"|(?P<ar>{_AR})(?:(?P<sc>{_SCALE})(?P<ar2>{_LOWER})?)?"
    rf"|(?P<half>(?P<hn>[一二两三四五六七八九])?(?(hn)个半|半个)(?=百分点))"
    rf"|(?P<cn>{_CN_NUM})"
    r")",
    re.ASCII,  # \d is 0-9 only: other scripts' digits are not read as numbers
)
_BLANK_AFTER_SCALE = re.compile(r"(?<=[亿億万萬]) ")
_SCALE_AFTER_QUALIFIER = re.compile(r"万亿|[十百千]?[亿億]|[十百千]?[万萬]")
_NUMBER_ONLY = re.compile(rf"(?:{_AR})(?:{_SCALE})?|{_CN_NUM}", re.ASCII)
_PER_TEN_THOUSAND = re.compile(r"/(\d+[十百千万亿]+)(?:人口|人|例)?", re.ASCII)

_RANGE_SEPARATORS = "-~～—–至"
# For each first character of a unit, the lengths of the units that start with it, longest first.
_UNIT_LENGTHS: dict[str, tuple[int, ...]] = {}
for _word in lx.UNITS:
    _UNIT_LENGTHS[_word[0]] = tuple(sorted({*_UNIT_LENGTHS.get(_word[0], ()), len(_word)}, reverse=True))
# (Strings, not sets: a character of the text is looked for in them without being hashed.)
_PREFIX_LAST = "".join(sorted({w[-1] for w in lx.PREFIX_QUALIFIERS}))
_UNITS = lx.UNITS
_LATIN_UNITS = lx.LATIN_UNITS
_TIMES_BASES = lx.TIMES_BASES
_TIMES_STOPS = lx.TIMES_STOPS
_INNER_QUALIFIERS = lx.INNER_QUALIFIERS
# Denominators after a slash: the per-unit words and every unit of the table.
_PER_UNITS = frozenset(lx.PER_UNITS) | frozenset(lx.PER_ALIASES) | frozenset(w for w, u in lx.UNITS.items() if u is not None and not w.isascii())
_MAX_PER = max(len(u) for u in _PER_UNITS)
_PER_SCALE = re.compile(rf"(?:\d+(?:\.\d+)?)?[{lx.PER_SCALES}]{{0,2}}", re.ASCII)
_CN_UNIT_CHARS = frozenset("十百千万亿拾佰仟萬億")
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SUFFIX_FIRST = "".join(sorted({w[0] for w in lx.SUFFIX_QUALIFIER_WORDS} | {"内"}))


@dataclass(slots=True)
class Quantity:
    """A number with what is written around it, before the filters and roles are decided.

    ``start``/``end`` cover the quantity text (qualifiers, number, scale, unit); ``core_start``/
    ``core_end`` cover the number itself, which the non-metric filters look at.
    """

    start: int
    end: int
    core_start: int
    core_end: int
    value: float | None
    unit: str | None
    qualifier: str = "exact"
    kind: str = "num"  # num, pct, frac, cheng, ord, fan, range
    chinese: bool = False
    numeral: str = ""
    scale: int = 1
    scale_text: str = ""
    prefix: str = ""
    low: float | None = None
    high: float | None = None
    inherited_unit: bool = False
    role: str = "value"
    direction: str | None = None
    cue: str = ""
    inherited_subject: bool = False


def scan(text: str, *, strict: bool = True) -> list[Quantity]:
    """Every number written in ``text`` with its unit and qualifiers, in text order.

    With ``strict=False`` a candidate whose reading fails is skipped instead of raising, so one odd
    spot cannot cost a whole report its figures.
    """
    out: list[Quantity] = []
    search = _CANDIDATE.search
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            return out
        if strict:
            q = _read(text, m)
        else:
            try:
                q = _read(text, m)
            except Exception:  # noqa: BLE001 - a reading bug must not lose the rest of the report
                q = None
        end = m.end()
        if q is None:
            pos = end
        else:
            out.append(q)
            # A compound amount read as its high part only goes on after that part.
            pos = q.end if q.core_end < end and m.lastgroup == "ar2" else max(q.end, end)


def _read(text: str, m: re.Match[str]) -> Quantity | None:
    # The last group closed says which alternative matched: ar, sc or ar2 for Arabic digits (they
    # have no group around them), the outer group for the others.
    kind = m.lastgroup
    if kind == "ar" or kind == "sc":
        return _read_number(text, m.start(), m.end(), m.group(0), False, m.group("sc"))
    if kind == "ar2":
        ar = m.group("ar")
        if "." in ar or "·" in ar:
            # 3.5万 5000人: a decimal is never the high part of a compound amount.
            return _read_number(text, m.start(), m.end("sc"), ar + m.group("sc"), False, m.group("sc"))
        numeral = _BLANK_AFTER_SCALE.sub("", m.group(0))  # 215亿 4,381万: one amount
        return _read_number(text, m.start(), m.end(), numeral, False, m.group("sc"))
    if kind == "cn":
        return _read_number(text, m.start(), m.end(), m.group("cn"), True, None)
    if kind == "half":
        return _read_half(text, m)
    if kind == "frac":
        return _read_fraction(text, m)
    if kind == "cheng":
        return _read_cheng(text, m)
    if kind == "ord":
        value = parse_number(m.group("onum"))
        if value is None:
            return None
        return Quantity(m.start(), m.end(), m.start(), m.end(), value, "位", kind="ord",
                        chinese=not m.group("onum")[0].isdigit(), numeral=m.group("onum"))
    if kind == "first":
        return Quantity(m.start(), m.end(), m.start(), m.end(), 1.0, "位", kind="ord", numeral="首")
    if kind == "fan":
        n = m.group("fannum")
        doublings = int(n) if n.isdigit() else DIGITS[n]
        # 翻一番 doubles, as 增长一倍 does: a change of one times; 翻两番 is four times, a change of three.
        value = float(2**doublings - 1)
        return Quantity(m.start(), m.end(), m.start(), m.end(), value, "倍", kind="fan", chinese=True, numeral=n)
    return None


def _read_number(text: str, start: int, end: int, numeral: str, chinese: bool, scale: str | None) -> Quantity | None:
    value = parse_number(numeral)
    if value is None and chinese and ("○" in numeral or "〇" in numeral) and len(numeral) > 1:
        # 三八〇〇人: digits read one by one, as a zero written 〇 shows (二〇二二年 stays a year, read so).
        digits = parse_cn_digits(numeral)
        value = None if digits is None else float(digits)
    while value is None and chinese and len(numeral) > 1 and numeral[-1] in _CN_UNIT_CHARS:
        # 五千千瓦: give the last character back to the unit.
        numeral = numeral[:-1]
        end -= 1
        value = parse_number(numeral)
    if value is None:
        return None
    if chinese:
        mult = 10**8 if ("亿" in numeral or "億" in numeral) else 10**4 if ("万" in numeral or "萬" in numeral) else 1
    else:
        mult = (scale_multiplier(scale) or 1) if scale else 1
    q = Quantity(start, end, start, end, value, None, chinese=chinese, numeral=numeral, scale=mult,
                 scale_text=scale or "")
    if start and text[start - 1] in _PREFIX_LAST:
        _read_prefix(text, q)
    p = end
    n = len(text)
    inner = _INNER_QUALIFIERS.get(text[p]) if p < n else None
    if inner is not None:
        if p + 1 < n and text[p + 1] in "几数":
            return None
        q.qualifier = inner if q.qualifier == "exact" else q.qualifier
        p += 1
        scale_after = _SCALE_AFTER_QUALIFIER.match(text, p)
        if scale_after is not None and q.scale_text == "" and (not chinese or q.scale == 1):
            # 500余万元, 1000多万元, 十余万人: the scale word comes after 余/多.
            mult = scale_multiplier(scale_after.group())
            if mult is not None and value is not None:
                q.value = value * mult if chinese else parse_number(numeral + scale_after.group())
                q.scale, q.scale_text = mult, scale_after.group()
                p = scale_after.end()
        elif scale_after is not None and chinese and q.scale > 1 and numeral[-1] not in "亿億万萬":
            # 二亿〇三百多万元: the part after 亿 counts the smaller scale written after 多.
            lower = parse_number(numeral + scale_after.group())
            if lower is not None and (scale_multiplier(scale_after.group()) or q.scale) < q.scale:
                q.value = lower
                p = scale_after.end()
    elif p < n and text[p] in "几数" and chinese:
        return None  # 十几个, 十数家: no definite figure
    elif p < n and text[p] in _RANGE_SEPARATORS:
        second = _NUMBER_ONLY.match(text, p + 1)
        if second is not None and (second.group(0)[0].isdigit() == numeral[0].isdigit()):
            high = parse_number(second.group(0))
            if high is not None:
                q.kind = "range"
                q.low, q.high = value, high
                q.value = None
                p = second.end()
                q.core_end = p
    unit, p = _read_unit(text, p)
    q.unit = unit
    if unit is not None and q.kind == "num" and p < n and text[p] in _RANGE_SEPARATORS:
        # 5%-10%: a range written with the unit on both sides.
        second = _NUMBER_ONLY.match(text, p + 1)
        if second is not None:
            unit2, p2 = _read_unit(text, second.end())
            high = parse_number(second.group(0))
            if unit2 == unit and high is not None:
                q.kind = "range"
                q.low, q.high, q.value = value, high, None
                q.core_end = second.end()
                p = p2
    q.end = _read_suffix(text, p, q) if p < n and text[p] in _SUFFIX_FIRST else p
    return q


def _read_unit(text: str, p: int) -> tuple[str | None, int]:
    """The longest unit written at ``p`` (with a ``/`` per-unit), or ``(None, p)``."""
    n = len(text)
    if p >= n:
        return None, p
    units = _UNITS
    for length in _UNIT_LENGTHS.get(text[p], ()):
        word = text[p : p + length]
        if len(word) == length and word in units:
            unit = units[word]
            if unit is None:
                return None, p
            q = p + length
            if q < n:
                after = text[q]
                if unit in _LATIN_UNITS and after in _LATIN:
                    return None, p
                if after == "/":
                    per, end = _read_per(text, q + 1)
                    if per is not None:
                        return f"{unit}/{per}", end
                elif after == "次" and unit in _TIMES_BASES and (q + 1 >= n or text[q + 1] not in _TIMES_STOPS):
                    return unit + "次", q + 1  # 320万亩次: a measure word and 次 count occurrences
            return unit, q
    if text[p] == "/":
        m = _PER_TEN_THOUSAND.match(text, p)
        if m is not None:
            return "/" + m.group(1), m.end()
    return None, p


def _read_per(text: str, p: int) -> tuple[str | None, int]:
    """The denominator of a per-unit after its slash (``月``, ``千人``, ``10万人``), or ``(None, p)``."""
    scale = _PER_SCALE.match(text, p)
    # A unit written at the slash (千瓦时, 千克) wins over a scale word and a shorter unit (千 + 瓦).
    for s in (p, scale.end()) if scale is not None and scale.end() > p else (p,):
        for per_len in range(min(_MAX_PER, len(text) - s), 0, -1):
            per = text[s : s + per_len]
            if per in _PER_UNITS:
                return text[p:s] + lx.PER_ALIASES.get(per, per), s + per_len
    return None, p


def _read_prefix(text: str, q: Quantity) -> None:
    s = q.start
    if s == 0 or text[s - 1] not in _PREFIX_LAST:
        return
    for length in (3, 2, 1):
        if s - length < 0:
            continue
        word = text[s - length : s]
        qualifier = lx.PREFIX_QUALIFIERS.get(word)
        if qualifier is None:
            continue
        if length == 1 and s >= 2 and text[s - 2 : s] in lx.PREFIX_QUALIFIER_FALSE_WORDS:
            return
        q.qualifier = qualifier
        q.prefix = word
        q.start = s - length
        return


def _read_suffix(text: str, p: int, q: Quantity) -> int:
    """Qualifier words after the unit (``以上``, ``左右``); returns the end of the quantity text."""
    n = len(text)
    if p >= n or text[p] not in _SUFFIX_FIRST:
        return p
    for word in lx.SUFFIX_QUALIFIER_WORDS:
        if text.startswith(word, p):
            if word in ("多", "余", "有余") and q.unit not in lx.TIME_UNITS:
                return p
            if word == "上下" and p + 2 < n and text[p + 2] in "游级文班学届层":
                return p
            if q.qualifier == "exact":
                q.qualifier = lx.SUFFIX_QUALIFIERS[word]
            return p + len(word)
    if text[p] == "内" and q.unit in lx.TIME_UNITS:
        if q.qualifier == "exact":
            q.qualifier = "at_most"
        return p + 1
    return p


def _read_half(text: str, m: re.Match[str]) -> Quantity | None:
    """``近半个百分点`` = 0.5 百分点, ``一个半百分点`` = 1.5 百分点."""
    n = m.group("hn")
    value = (DIGITS[n] if n else 0) + 0.5
    q = Quantity(m.start(), m.end(), m.start(), m.end(), value, None, chinese=True, numeral=m.group())
    _read_prefix(text, q)
    q.unit, p = _read_unit(text, m.end())
    q.end = _read_suffix(text, p, q)
    return q


def _read_fraction(text: str, m: re.Match[str]) -> Quantity | None:
    den = parse_number(m.group("fden"))
    num = parse_number(m.group("fnum"))
    if not den or num is None:
        return None
    if den == 100:
        value, unit = num, "%"
    elif den == 1000:
        value, unit = num, "‰"
    elif den == 10000:
        value, unit = num, "‱"
    else:
        value, unit = num * 100 / den, "%"
    fnum = m.group("fnum")
    if m.group("fneg"):
        value = -value  # 千分之负二.一五: a level below zero
    kind = "pct" if den in (100, 1000, 10000) else "frac"
    q = Quantity(m.start(), m.end(), m.start(), m.end(), value, unit, kind=kind,
                 chinese=not fnum[0].isdigit(), numeral=fnum)
    _read_prefix(text, q)
    q.end = _read_suffix(text, m.end(), q)
    return q


def _read_cheng(text: str, m: re.Match[str]) -> Quantity | None:
    c1 = m.group("c1")
    tens = int(c1) if c1.isdigit() else (10 if c1 == "十" else DIGITS[c1])
    ones = 5 if m.group("ch") else (int(m.group("c2")) if m.group("c2") and m.group("c2").isdigit()
                                     else DIGITS.get(m.group("c2") or "", 0))
    value = exact(tens * 10 + ones)
    q = Quantity(m.start(), m.end(), m.start(), m.end(), value, "%", kind="cheng",
                 chinese=not c1.isdigit(), numeral=c1)
    _read_prefix(text, q)
    q.end = _read_suffix(text, m.end(), q)
    return q
