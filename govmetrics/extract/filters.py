"""What is not a metric: numbers that name, date, order or specify rather than measure.

Each test looks only at a few characters around the number, so the filters cost the same on a
long report as on a sentence. Idioms and slogans come from ``lexicon.IDIOMS``; the rest are rules
of form (a year takes 年, a document number takes 号, a model name touches Latin letters, a slogan
sits in short quotation marks).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from govmetrics.extract import lexicon as lx
from govmetrics.extract.scanner import Quantity


def _alternation(words) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


# Idioms are checked around each figure; most figures are Arabic, and only a few idioms hold
# Arabic digits, so those get their own small pattern.
_IDIOM = _alternation(lx.IDIOMS)
_IDIOM_ARABIC = _alternation(w for w in lx.IDIOMS if any(c.isdigit() for c in w))
_IDIOM_REACH = max(len(w) for w in lx.IDIOMS)
# An idiom overlaps an Arabic figure only through its digits: the runs of digits idioms hold (15, 24).
_IDIOM_DIGIT_RUNS = re.compile(
    "|".join(sorted({run for w in lx.IDIOMS for run in re.findall(r"[0-9]+", w)}, key=len, reverse=True))
)
# Short quotations name slogans and programmes (“十个一”, “15分钟健康服务圈”); titles in 《》 name
# documents. Numbers inside either are names, not figures.
_QUOTED = re.compile(
    r"“[^”“\n]{1,14}”|「[^」「\n]{1,14}」|『[^』『\n]{1,14}』|‘[^’‘\n]{1,14}’|《[^》《\n]{1,60}》|〈[^〉〈\n]{1,40}〉"
    r"|【[^】【\n]{1,30}】|\"[^\"\n]{1,14}\""
)
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_JOINERS = frozenset("×*+＋xX＊/")
_BARE_SCALE_START = frozenset("百千万亿佰仟萬億")
_BARE_SCALE_START_ALL = _BARE_SCALE_START | frozenset("十拾")
_ONE = frozenset({"一", "壹", "幺"})
_NUMERAL_CHARS = frozenset(lx.CN_NUMERAL_CHARS + "0123456789")
_ZERO = frozenset({"零", "〇", "○"})
_RANK_TAIL = re.compile("(?:" + "|".join(sorted(lx.RANK_VERBS, key=len, reverse=True)) + ")")
_RANK_REGION_END = ("全国", "全省", "全市", "全区", "全州", "全球", "全世界", "同类城市", "副省级城市", "省会城市",
                    "全国同类", "全省同类", "各区市", "各县区")
_RANK_MOVE = re.compile(r"(?:上升|提升|跃升|前移|下降|下滑|回落|后移|降|升)(?:至|到|为)")
_AGE_GROUP = re.compile(r"(?:以上|以下|及以上|及以下)?(?:的)?(?:老年人|老人|婴幼儿|儿童|幼儿|人口|人群|群体|居民|妇女|男性|女性|青年|学生|患者|职工)")
_PERSON_AFTER_AGE = ("岁", "周岁")
_VAGUE_BEFORE = frozenset("数几若上成")
_HOTLINES = re.compile("|".join(lx.HOTLINE_WORDS))
_LINE_OPENERS = frozenset("\n\r。！？!?；;")
_PROGRAMME_VERBS = tuple(lx.PROGRAMME_VERBS)
# Units of measure proper: a small Chinese numeral with one of these measures, it names no set.
_PHYSICAL_UNITS = frozenset(u for u in lx.UNITS.values() if u) - frozenset(
    "个 项 件 次 类 种 大 家 所 条 批 支 套 张 名 位 户 处 座 场 部 本 册 份 轮 届 起 宗 笔 门 节".split()
)
_SLOGAN_QUOTES = {"“": "”", "「": "」", "『": "』", "\"": "\""}
_ARABIC_ONLY_UNITS = lx.ARABIC_ONLY_UNITS
_TIME_UNITS = lx.TIME_UNITS
_YEAR_UNITS = lx.YEAR_UNITS
_SPEC_PREFIXES = tuple(lx.SPEC_PREFIXES)
_SPEC_SUFFIXES = tuple(lx.SPEC_SUFFIXES)
_FLOOR_OR_CAP = frozenset(("at_least", "at_most", "more_than"))
_MONTH_AFTER = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月|[上下]半年|第?[一二三四1-4]季度")
_GROUPS_COMPARED = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:" + "|".join(lx.GROUP_COMPARISONS) + ")")
_POLICY_MEASURES = lx.POLICY_MEASURES
_POLICY_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:" + "|".join(lx.POLICY_NOUNS) + ")")
#: Words right before a day of the month in Chinese numerals (于二十五日, 在十二日).
_DATE_LEADS = ("于", "在", "本月", "当月", "次月", "上月", "同月")
_FIGURE_AHEAD = re.compile(r"[0-9]|百分之|[一二两三四五六七八九十][十百千万亿成]")


class Marks:
    """Spans of one text that hold names rather than figures (quotations, titles), found in one pass."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _QUOTED.finditer(text)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._ends[i] >= end


def is_metric(
    text: str, q: Quantity, clause_start: int, marks: Marks | None = None, clause_end: int | None = None
) -> bool:
    """Whether ``q`` states a measured fact (see the spec's "Not a mention")."""
    kind, unit, chinese = q.kind, q.unit, q.chinese
    if kind == "ord":
        return _is_rank(text, q, clause_start)
    if q.inherited_unit and _is_list_marker(text, q):
        return False
    if unit is None and (not _unitless_ok(q) or kind == "range"):
        return False
    if unit == "日" and _day_of_month(text, q, clause_start):
        return False  # 5月12日, 二十五日，…: a date; but 审批时间为三百零二日 is a duration
    if chinese:
        if not _chinese_ok(q):
            return False
        if unit in _ARABIC_ONLY_UNITS and (q.value is None or q.value < lx.WORD_NUMERAL_MAX):
            return False  # 一门受理, 三步走, 二十四节气; but 加装电梯三百一十部 counts
    s, e = q.core_start, q.core_end
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    before_start = text[q.start - 1] if q.start > 0 else ""
    if before_start == "每" or (chinese and before_start in _VAGUE_BEFORE and q.numeral[0] in _BARE_SCALE_START_ALL):
        return False  # 每万人口 (a rate's base); 数十万人, 几十家 (no definite figure), but 人数二十万人次 is one
    if unit in _TIME_UNITS and (before_start == "前" or text.startswith(("来", "以来"), q.end)
                                or text.endswith("最近", max(0, q.start - 2), q.start)):
        return False  # 前10个月, 两年来, 最近三年: periods, not durations measured
    if before in _JOINERS or (after in _JOINERS and not (after == "/" and (unit or "").startswith("/"))):
        return False  # 7×24, 3+4+4, 1/3 of a model name
    if not chinese and (before in _LATIN or (after in _LATIN and not text.startswith(lx.LATIN_WRITTEN_UNITS, e))):
        return False  # 5G, 4K, PM2.5: names; but 50MW, 5000m² are figures
    if unit in _YEAR_UNITS:
        if q.value is not None and (q.value >= 100 or q.value != int(q.value)):
            return False  # 2022年, 建党100年
        if kind == "range" and (q.low or 0) >= 100:
            return False
        if _calendar_year(text, q):
            return False  # 民国九十七年, 九十七年12月: a date of the Minguo calendar
        if text.startswith(lx.YEARS_PROGRAMME_NOUNS, q.end):
            return False  # 实施3年行动计划: a programme's name
    if (chinese or _IDIOM_DIGIT_RUNS.search(q.numeral) is not None) and _in_idiom(
        text, s, e, _IDIOM if chinese else _IDIOM_ARABIC
    ):
        return False
    if marks.covers(s, e) if marks is not None else Marks(text[max(0, s - 64) : e + 64]).covers(*_local(s, e, None)):
        return False  # inside a short quotation or a title
    if text.endswith(_SPEC_PREFIXES, max(0, q.start - 3), q.start):
        return False
    if unit is not None:
        if text.startswith(_SPEC_SUFFIXES, q.end):
            return False
        if unit == "次" and text.startswith(lx.SESSION_NOUNS, q.end) and text.endswith(lx.SESSION_ORGANS, 0, q.start):
            return False  # 十八届人大三次会议: a sitting of a term, an ordinal
        if unit == "个" and text.startswith(lx.PROGRAMME_NOUNS, q.end):
            return False  # 15个攻势
    if not chinese and kind == "num" and _is_hotline(text, q):
        return False
    if unit in _PERSON_AFTER_AGE and q.qualifier != "exact" and _AGE_GROUP.match(text, q.end):
        return False  # 60岁以上老年人 names a group of people
    end = len(text) if clause_end is None else clause_end
    if chinese and (_names_a_set(text, q, clause_start, end) or _names_groups_or_a_slogan(text, q, end)):
        return False
    if q.qualifier in _FLOOR_OR_CAP and _names_a_class(text, q, end):
        return False
    if unit in _POLICY_MEASURES and _names_a_policy(text, q):
        return False
    return True


def _names_a_policy(text: str, q: Quantity) -> bool:
    """A count inside the name of a policy package or a programme (稳外贸十二条措施, 今年十件民生实事) is
    no figure; a count of measures issued (出台十二条措施, 出台措施12条) is one. The name's words stand
    right before the count, an issuing verb does not; a count of 实事 in Chinese numerals is always a
    name."""
    value = q.value
    if q.kind != "num" or q.qualifier != "exact" or value is None or value > lx.POLICY_COUNT_MAX:
        return False
    before = text[q.start - 1] if q.start > 0 else ""
    named = _is_han(before) and before != "的"
    if not (named or q.chinese):
        return False
    noun = _POLICY_AFTER.match(text, q.end)
    if noun is None:
        return False
    if q.chinese and noun.group().endswith("实事"):
        return True
    return named and not text.endswith(lx.POLICY_COUNT_LEADS, max(0, q.start - 3), q.start)


def _calendar_year(text: str, q: Quantity) -> bool:
    """A count of years that is a date: after an era name (民国97年), before a month or a half of the
    year (97年12月, 九十七年上半年), or a Chinese numeral in the range of Minguo years with nothing after
    it that makes it a duration (九十七年 but 五十年来)."""
    if text.endswith(lx.CALENDAR_ERAS, max(0, q.start - 4), q.start):
        return True
    if _MONTH_AFTER.match(text, q.end) is not None:
        return True
    low, high = lx.ERA_YEARS
    return (q.chinese and q.value is not None and low <= q.value < high and q.qualifier == "exact"
            and not text.startswith(lx.DURATION_TAILS, q.end))


def _day_of_month(text: str, q: Quantity, clause_start: int) -> bool:
    """Whether a number of days is the day of a month: after 月 (5月12日, 十月二十五日); in Arabic digits, a
    whole number up to 31 with nothing that makes it a duration (约5日, 5日内 are durations); in Chinese
    numerals, one that opens its clause or follows 于/在 (二十五日，…; 于二十五日举行). A number of days
    above 31 or with a decimal point (三百零二日, 一.二日) is always a duration."""
    if q.start > 0 and text[q.start - 1] == "月":
        return True
    value = q.value if q.kind != "range" else q.high
    if value is None or value != int(value) or value > 31 or q.qualifier != "exact":
        return False
    if not q.chinese:
        return True
    before = text[clause_start : q.start].strip()
    # 二十五日至二十八日: after another day, a joining word leads a date too.
    return not before or before.endswith(_DATE_LEADS) or (before[-1] in "至到、和及与" and before[-2:-1] == "日")


def _names_groups_or_a_slogan(text: str, q: Quantity, clause_end: int) -> bool:
    """A small Chinese count that names the groups a comparison is between (两个县市相差3.5岁) or the
    parts of a slogan in quotation marks (迎接四场“大考”, 做到三个「确保」) measures nothing."""
    if q.kind != "num" or q.value is None or q.value > lx.SLOGAN_COUNT_MAX or q.qualifier != "exact":
        return False
    closer = _SLOGAN_QUOTES.get(text[q.end]) if q.end < len(text) else None
    if closer is not None:
        return text.find(closer, q.end + 1, q.end + 8) > 0
    compared = _GROUPS_COMPARED.match(text, q.end, clause_end)
    return compared is not None


def _names_a_class(text: str, q: Quantity, clause_end: int) -> bool:
    """A threshold written before the noun it sorts and before the count of that noun names a class
    (其中10亿元以上项目9个, 500人以上企业120家, 其中产值超亿元企业386家): the count is the fact, the
    threshold a class name. Shares are left alone (80%以上需求得到响应 is a share), and so are thresholds
    with 的, which reports write both ways."""
    if q.unit is None or q.unit in lx.RELATIVE_UNITS:
        return False
    if not (text.endswith(("以上", "以下"), 0, q.end) or q.prefix in lx.THRESHOLD_PREFIXES):
        return False
    if q.end >= len(text) or not _is_han(text[q.end]) or text.startswith(lx.THRESHOLD_PREDICATES, q.end):
        return False
    return _FIGURE_AHEAD.search(text, q.end, clause_end) is not None


def _is_list_marker(text: str, q: Quantity) -> bool:
    """``三、2024年工作打算``: a bare numeral with 、 that opens a line or a sentence is an outline marker."""
    if q.core_end >= len(text) or text[q.core_end] != "、":
        return False
    k = q.start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in _LINE_OPENERS


def _names_a_set(text: str, q: Quantity, clause_start: int, clause_end: int) -> bool:
    """A small Chinese numeral with a measure word before a noun names a set rather than counting one:
    after a verb that governs programmes (办好十件民生实事), or, with a measure word of kinds, as part of
    the subject of another figure of its clause (八类严重暴力犯罪案件现案破案率达到百分之百; but 两家企业营收
    超过10亿元 counts companies)."""
    if (q.kind != "num" or q.qualifier != "exact" or q.value is None or q.value > lx.SET_NAME_MAX
            or q.unit in _PHYSICAL_UNITS or q.end >= len(text) or not _is_han(text[q.end])):
        return False
    if text.endswith(_PROGRAMME_VERBS, max(clause_start, q.start - 3), q.start):
        return True
    if q.unit not in lx.CATEGORY_MEASURES:
        return False
    opener = text[clause_start : q.start].strip()
    while opener:
        for word in lx.CLAUSE_OPENERS:
            if opener.startswith(word):
                opener = opener[len(word) :].lstrip("，,、 ")
                break
        else:
            break
    return not opener and _FIGURE_AHEAD.search(text, q.end, clause_end) is not None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _unitless_ok(q: Quantity) -> bool:
    """A number without a unit is kept only when a scale word shows it is an amount (讨薪8.2亿)."""
    return q.kind == "num" and not q.chinese and q.scale >= 10**4


def _chinese_ok(q: Quantity) -> bool:
    numeral = q.numeral
    if q.kind in ("cheng", "fan", "pct", "frac"):
        return numeral not in _ZERO
    if numeral in _ZERO or (numeral in _ONE and q.unit != "倍"):
        return False  # 一批, 一次性, 零距离: an article or a slogan, not a count; 增长一倍 is a figure
    if numeral[0] in _BARE_SCALE_START and not q.prefix and q.qualifier in ("exact", "at_least", "at_most"):
        return False  # 万家, 千人计划, 百姓, 亿元以上项目 (a class); but 逾百个, 超百万人次, 千余人 are figures
    return True


def _local(s: int, e: int, marks: Marks | None) -> tuple[int, int]:
    """Positions of the figure in the text ``Marks`` was built on (a local window when none was given)."""
    if marks is not None:
        return s, e
    shift = max(0, s - 64)
    return s - shift, e - shift


def _in_idiom(text: str, s: int, e: int, idioms: re.Pattern[str]) -> bool:
    """Whether an idiom overlaps the figure at ``s:e``. An idiom that starts inside the numeral, after a
    numeral character, is only a tail of a longer number (二十三类 holds 三类, 124小时 holds 24小时)."""
    lo = max(0, s - _IDIOM_REACH + 1)
    for m in idioms.finditer(text, lo, min(len(text), e + _IDIOM_REACH - 1)):
        if m.start() < e and m.end() > s:
            if s < m.start() and text[m.start() - 1] in _NUMERAL_CHARS and text[m.start()] in _NUMERAL_CHARS:
                continue
            return True
        if m.start() >= e:
            break
    return False


def _is_hotline(text: str, q: Quantity) -> bool:
    """12345热线, 12393医保服务热线: a service number. Five digits from 123 are one unless a unit
    follows (12380元/平方米 is a price); 12333人社 is still a hotline, by the word after it."""
    numeral = q.numeral
    if not numeral.isdigit() or not 3 <= len(numeral) <= 6:
        return False
    if _HOTLINES.match(text, q.core_end) is not None:
        return True
    return len(numeral) == 5 and numeral.startswith("123") and q.unit is None


def _is_rank(text: str, q: Quantity, clause_start: int) -> bool:
    """``第3位`` after a rank verb (位列全省第3位, 居全省第一位, 居全省首位) is a rank."""
    left = text[max(clause_start, q.start - 12) : q.start]
    if not left:
        return False
    after = text[q.end] if q.end < len(text) else "。"
    if q.numeral != "首" and not text.startswith(("位", "名"), q.end - 1):
        # 全国第一 with no 位/名: only when nothing follows that makes it an ordinal (第一个, 第一次).
        if after not in "，,；;。、)）”" and not after.isspace():
            return False
    if left.endswith(_RANK_REGION_END):
        return True
    if left.endswith(("从", "由")) and _RANK_MOVE.match(text, q.end) is not None:
        return True  # 从第52位上升至27位: the position a rank moved from
    return _RANK_TAIL.search(left) is not None
