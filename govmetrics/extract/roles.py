"""Roles: whether a figure is a level, the from-value of a change, a change, a target or a rank.

The role is decided by the words right before the number in its clause, read from the right:
``提高10%`` is a change, ``提高到10%`` a level, ``由60%提升至70%`` a baseline then a level,
``不超过500家`` and ``目标…4.5个`` targets, ``第6位`` after 位列/居 a rank. Lists that share a verb
(``分别增长16.5%、16.6%``) give every member the role of the first.

A few cases need more than the words right before the number, and each reads a bounded stretch
around it: a from-value set apart from its verb by a year or a bracket (``较2019年(31 870起)增加…``),
the earlier level of a contrast clause (``而2020年则为415起``), a noun of change after the figure
(``录得6.1%的增幅``), a net addition across its object (``净增市场主体530家``), a change named by a
headline before its colon, and figures in brackets compared with the figure before them
(``增长9.0%(全国8.1%)``), which ``follow_bracket`` relates once the earlier figures are read.
"""

from __future__ import annotations

import re

from govmetrics.extract import lexicon as lx
from govmetrics.extract.budgets import year_of
from govmetrics.extract.labels import WINDOW, right_headed
from govmetrics.extract.scanner import Quantity

_CHANGE_VERBS = {**lx.CHANGE_VERBS, **lx.MORE_CHANGE_VERBS}
_VERBS = sorted(_CHANGE_VERBS, key=len, reverse=True)
# The lookahead of first characters lets the regex engine skip to candidate positions.
_CHANGE_TAIL = re.compile(
    "(?=[同环按" + "".join(sorted({v[0] for v in _VERBS})) + "])"
    "(?P<cmp>同比|环比|按年|按月)?(?P<verb>" + "|".join(_VERBS) + ")(?P<noun>" + "|".join(lx.CHANGE_MEASURES)
    + ")?(?:了|达到|达|为|是|分别|均|都|约)?(?:了)?$"
)
_COMPARISON = re.compile(r"比|较|相比|高于|低于|同比|环比|按年|按月")
# The time a from-value is taken at: a past year (in Arabic or Chinese digits, 二〇〇九年), a date, a
# month or a term, or its end or start (由上年末的86%, 从去年底的…, 比上月末…, 较上年度…).
# Minguo years too (较108年, 由一〇八年的…, 较九十八年度).
_YEAR_WORD = (
    r"(?:(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3}|1[01]\d|[4-9]\d"
    r"|一[〇○零一][〇○零一二三四五六七八九]|[四五六七八九]十[一二三四五六七八九]?)年度?"
)
_PERIOD_WORDS = (
    r"(?:(?:上一年度|上年度|去年|上年|上一年|前年|上届|上一届|上月|上一季度|上季度|上一季|上季|上期|上半年"
    r"|" + _YEAR_WORD + r"(?:\d{1,2}月(?:\d{1,2}日)?|[一二三四五六七八九十]{1,3}月)?|\d{1,2}月)(?:同期|底|末|初)?"
    r"|同期|年初|年末|年底|原来|原先|过去|以往|此前|以前)"
)
# Words that say a from-value is counted per person or per period (由每人每月380元、每年2100元提高到…).
_EACH = r"(?:每人每月|每人每年|每人每天|每人|每户|每月|每年|每天|每亩|年人均|月人均|人均|户均)"
# What a from-value may be called after its period (较上年度法定预算数1,100亿元增加…): a short noun with
# no verb of change in it, so that 比上年增加 is never read as one.
_FROM_NOUN = r"[^\s，,；;。：:、()（）0-9增减降升提涨跌扩缩压回少多高低到至的]{1,8}"
_BASELINE_TAIL = re.compile(
    r"(?=[" + "".join(sorted({w[0] for w in lx.BASELINE_OPENERS} | set("与同和跟"))) + r"])"
    r"(?:(?:" + "|".join(lx.BASELINE_OPENERS) + r")(?:" + _PERIOD_WORDS
    + r"(?:的|时的)?(?P<bracket>[(（])?)?(?:" + _EACH + r")?(?:的|时的)?(?:水平)?"
    # 与2015年的3 200起相比: the level a comparison is made with.
    r"|(?P<with>与|同|和|跟)" + _PERIOD_WORDS + r"(?:的|时的)?[(（]?)$"
)
# 与一〇一年度的员额高峰7,315人相比: the level compared with, called by a short noun (员额高峰, 峰值); read
# only when 相比 follows the figure.
_WITH_NAMED_LEVEL = re.compile(r"(?:与|同|和|跟)" + _PERIOD_WORDS + r"(?:的|时的)?[^\s，,；;。：:、()（）0-9的]{1,8}$")
#: 较上年度法定预算数1,100亿元增加…: a comparison word, a period and what the from-value is called.
NOUN_BASELINE_TAIL = re.compile(
    r"(?=[比较相])(?:相比|比|较)(?:" + _PERIOD_WORDS + r"的?" + _FROM_NOUN
    # 较预算数2亿9,800万元增加…: the amount budgeted or planned is the reference of the comparison.
    + r"|原?(?:法定)?(?:预算|计划|核定|决算)数?)的?$"
)
_BASELINE_NEXT = re.compile(
    r"(?:的水平|的基础上)?(?:" + "|".join(_VERBS) + r"|[\u4e00-\u9fff]{0,3}?[到至]|变为|调整为"
    # 由每人每月380元、每年2100元统一提高到…: a list of from-values before their verb.
    r"|[、和及与][^，,；;。]{1,14}?(?:" + "|".join(_VERBS) + r"|[到至]))"
)
_CHANGE_NEXT = re.compile(
    r"(?=[，," + "".join(sorted({v[0] for v in _VERBS})) + r"])[，,]?(?:" + "|".join(_VERBS) + r")"
)
_WITH_NEXT = re.compile(r"[)）]?(?:的水平)?(?:相比|相较|比较|对比)")
#: How what ``_WITH_NEXT`` matches can start (looked for with one ``str.startswith`` first).
_WITH_NEXT_STARTS = (")", "）", "的水平", "相比", "相较", "比较", "对比")
_CLOSING = (")", "）")
# A clause that sets an earlier level beside the one just stated (…，而2020年则分别为415起及86起).
_CONTRAST = re.compile(
    r"\s*(?:(?:而|但)(?:在)?(?P<period>" + _PERIOD_WORDS + r")(?:同期)?(?:则|时)?"
    # 2020年则为415起; 上年同期为3 870宗: 则 and 同期 set the level beside the one just stated too.
    + r"|(?:在)?(?P<then>" + _PERIOD_WORDS + r")(?:同期)?则|(?:去年|上年|上一年)同期(?=为|是|有))"
    + r"(?:分别)?(?:为|是|有|达到|达|仅为|仅有|只有|约)?$"
)
_CONTRAST_REACH = 24
# What such a clause opens with, unless 则 or 同期 is in it: 而/但 or a blank.
_CONTRAST_FIRST = " \t\u3000而但"
_YEAR_NUMBER = re.compile(r"(?:19|20)\d{2}")
# Members after the first of a list of from-values: 、每年2100元.
_BASELINE_LIST_GAP = re.compile(r"[、和及与]" + _EACH + r"?")
#: Every character a match of ``_CHANGE_TAIL`` / ``_BASELINE_TAIL`` can end with (a cheap guard).
CHANGE_LAST = frozenset("了到达为是别均都约" + "".join(v[-1] for v in (*_CHANGE_VERBS, *lx.CHANGE_MEASURES)))
BASELINE_LAST = frozenset("的平期年届初底末月度日来先去往前人户天亩均(（" + "".join(w[-1] for w in lx.BASELINE_OPENERS))
_TARGET_CUES = re.compile(lx.cue_pattern(lx.TARGET_CUES + lx.BUDGET_CUES))
_QUOTA_NOUNS = tuple(lx.QUOTA_NOUNS)
_QUOTA_LEADS = tuple(lx.QUOTA_LEADS)
_FUTURE_YEAR = re.compile(r"(?:到|至|在|于)((?:19|20)\d{2})年")
_TARGET_AFTER = re.compile(r"(?:为|的)[^，,；;。\n]{0,6}?(?:目标|任务|计划)(?![的完])")
# A clause that only sets a plan for the rest of its sentence: 计划到2025年，… / 力争，… / 2024年，…
_PLAN_BODY = (
    r"\s*(?:(?:计划|力争|争取|目标是|目标为|目标|规划|确保)[^，,；;。\n]{0,4}?"
    r"|(?:到|至))?(?:(?:19|20)\d{2}年(?:底|末)?)?\s*[，,：:]"
)
# After a break (the lookahead lets the regex engine skip to one), or at the start of the text.
_PLAN_CLAUSE = re.compile(r"(?=[，,；;：:。！？!?\n])[，,；;：:。！？!?\n]" + _PLAN_BODY)
_PLAN_CLAUSE_AT_START = re.compile(_PLAN_BODY)
# A clause ending in 目标是： / 主要目标： introduces the targets that follow it in the sentence.
_TARGETS_FOLLOW = re.compile(r"(?:目标|计划|任务|指标)(?:是|为)?[:：]")
_RANKED = re.compile("|".join(sorted(lx.RANK_VERBS, key=len, reverse=True)) + "|全国|全省|全市")
_NAMED = re.compile(r"《[^》]*》|“[^”]*”")
_YEAR_IN = re.compile(r"((?:19|20)\d{2})年")
_COMPARED = re.compile(
    r"的[^，,；;。\n的]{0,8}?(?:(?P<target>" + "|".join(lx.COMPARED_TARGETS) + r")|(?P<level>"
    + "|".join(lx.COMPARED_LEVELS) + "))"
)
# 净增市场主体530家 / 较上年新增180台: a net addition, with the object it counts between verb and figure.
_OBJECT = r"[^0-9，,；;。、：:]{0,10}$"
_NET_ADDITION = re.compile(
    r"(?=[" + "".join(sorted({w[0] for w in lx.NET_ADDITION_VERBS} | set("同比较"))) + r"])"
    r"(?P<verb>" + "|".join(sorted(lx.NET_ADDITION_VERBS, key=len, reverse=True)) + r")" + _OBJECT
    + r"|(?:同比|(?:比|较)" + _PERIOD_WORDS + r")(?:(?P<added>" + "|".join(lx.ADDED_VERBS) + r")"
    # 较上年多安排0.5亿元, 比去年少用3天: more or less of what a verb did than the year before.
    + r"|(?P<more>[多少])(?=[\u4e00-\u9fff]))" + _OBJECT
)
# 录得6.1%的增幅, 实现8%的增长 (but not 的增加值, 的增长点).
_CHANGE_NOUN_AFTER = re.compile(
    r"的(?:" + "|".join(lx.CHANGE_NOUN_QUALIFIERS) + r")?(?P<noun>"
    + "|".join(sorted(lx.CHANGE_NOUNS_AFTER, key=len, reverse=True)) + r")(?![值点极])"
)
_EXPECTED = re.compile("(?:" + "|".join(lx.EXPECTED_WORDS) + ")(?!完成|实现)")
# 已 with any verb after it (已筹集1850套, 已开工8个, 均已完成); not 而已, and not 已 before a word that
# says how things stand rather than what was done (已是, 已成为).
_DONE = re.compile(
    "(?=[" + "".join(sorted({w[0] for w in lx.DONE_MARKERS})) + "])"
    "(?<!而)(?:" + "|".join(sorted(lx.DONE_MARKERS, key=len, reverse=True)) + r")(?!是|成为|经是)[\u4e00-\u9fff]"
)
# 完成年度计划的61.7%, 完成全年目标任务的52%: the share of a plan done is a level, inside a plan too.
_SHARE_DONE = re.compile(
    r"(?:完成|实现|达到)(?:了)?[^，,；;。0-9]{0,8}?(?:计划|目标|任务)(?:数)?的\s*$"
)
# Words that date a level in a budget proposal to the past: what was executed, a run of years, a peak.
_BUDGET_PAST = re.compile(r"截至|截止|连续|曾|历年|过去|以来|高峰|决算|执行")
_BUDGET_YEAR = re.compile(
    r"((?:19|20)\d{2}|1[0-4]\d|[一二][〇○零一二三四五六七八九]{3}|一[〇○零一][〇○零一二三四五六七八九])年"
)
_NOT_A_SCENE = "比较与同由从和跟"
# 在去年新增4.2万人的基础上: the level a plan builds on, not a target.
_ON_BASIS = ("的基础上", "基础上")
_DONE_VERBS_AFTER = tuple(lx.DONE_VERBS_AFTER)
# Who and how often a standard is counted for, in any order (每户每月, 每名幼儿每月, 年人均), and from when
# (自1月起, 从2024年7月起), between a verb that raises a standard and the floor it is raised to.
_PER = r"(?:每(?:人|户|名|位|家|个|月|年|天|日|季度|亩|名幼儿|名学生|名老人)|年人均|月人均|人均|户均)"
_FROM_WHEN = r"(?:(?:自|从)?(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日)?(?:份)?起)"
_RAISED_TO = re.compile(
    "(?:" + "|".join(lx.RAISED_TO_VERBS) + ")" + _FROM_WHEN + "?(?:到|至|为)?" + _FROM_WHEN + "?" + _PER + "{0,3}$"
)
# 从第52位上升至27位: after a ranked position, a position with 位 or 名 is a rank even without 第.
_RANK_BEFORE = re.compile(r"第[0-9一二三四五六七八九十]{1,4}[位名][^，,；;。0-9]{0,6}?(?:至|到)$")
_HEADLINE_COLON = "：:"
_RANK_UNITS = frozenset(lx.RANK_UNITS)
_COMPARED_ENDS = ("相比", "相较", "比较", "对比")
_POINTS = frozenset({"百分点", "千分点"})
_BUDGET_COMPARED = re.compile(r"(?:比|较)[^，,；;。]{0,8}?预算")
#: How far before a figure the bracket it sits in may open (增长9.0%(全国8.1%、全省8.6%)).
BRACKET_REACH = 24
_EARLIER_IN_BRACKET = re.compile(_PERIOD_WORDS + r"(?:同期)?(?:为|是|的)?")
_MINUS = frozenset(lx.MINUS_SIGNS)
#: Roles whose value keeps a sign written before it: levels and the from-values of pairs.
SIGNED_ROLES = frozenset({"value", "baseline"})
_NOT_BEFORE_SIGN = frozenset("0123456789" + lx.CN_NUMERAL_CHARS + "-−—–~～)）]】abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def assign_role(
    text: str,
    q: Quantity,
    clause_start: int,
    clause_end: int,
    report_year: int | None,
    sentence_start: int = 0,
    planned: bool = False,
    compared: bool = False,
    budget_year: int | None = None,
) -> None:
    """Set ``q.role`` (and ``q.direction`` for a change) from the clause it is written in.

    ``planned``: the figure is inside a plan (see ``plans``), where a level or a change is a target;
    a change keeps its verb as the cue of its label (地区生产总值增长6%左右 -> 地区生产总值增长). A
    figure the clause says is done stays a level. ``compared``: a from-value was stated before in
    the sentence, so a change is the difference between two written figures and stays a change
    (预算编列…，较上年度法定预算数…增加134亿元). ``budget_year``: the figure is inside a budget proposal
    (see ``budgets``; 0 when it names no year), where the levels of the budget year are targets, a
    change is the difference from the year before and what was executed or the past stays a level.
    """
    _assign_role(text, q, clause_start, clause_end, report_year, sentence_start)
    if budget_year is not None:
        planned, compared = True, True
        if q.role == "value" and _past_in_budget(text, q, max(sentence_start, clause_start - WINDOW), budget_year):
            return
    if planned and q.role == "change" and not compared:
        # 比上年预算增长4.2%: a change from last year's budget is the difference of two budgets.
        lo = max(clause_start, q.start - WINDOW)
        compared = text.find("预算", lo, q.start) >= 0 and _BUDGET_COMPARED.search(text, lo, q.start) is not None
    if planned and (q.role == "value" or (q.role == "change" and not compared)) and not done(text, q, clause_start):
        q.role, q.direction = "target", None
    if q.start and text[q.start - 1] in _MINUS and q.role in SIGNED_ROLES and q.value is not None and signed(text, q.start):
        # 人口自然增长率为-0.60‰: a level below zero keeps its sign. A change keeps its magnitude and
        # says the sign with its direction (增长-3.2% is a fall of 3.2%); targets and ranks are
        # magnitudes too.
        q.value, q.start = -q.value, q.start - 1
    if q.value is not None and q.value < 0 and q.role not in SIGNED_ROLES:
        settle_sign(text, q)  # a sign written inside the figure (千分之负二.一五) on a change or a target


def settle_sign(text: str, q: Quantity) -> None:
    """A figure whose role changed after its sign was read (a list member that took the verb of the
    first, 分别增长5%、-3%) is a magnitude again; a change says the sign with its direction."""
    if q.role in SIGNED_ROLES or q.value is None or q.value >= 0:
        return
    q.value = -q.value
    if text[q.start] in _MINUS:
        q.start += 1
    if q.role == "change":
        q.direction = "down" if q.direction == "up" else "up"


def _assign_role(
    text: str, q: Quantity, clause_start: int, clause_end: int, report_year: int | None, sentence_start: int
) -> None:
    if q.kind == "ord":
        q.role = "rank"
        return
    if q.unit in _RANK_UNITS:
        if q.start > 0 and text[q.start - 1] == "前" and _RANKED.search(text, max(clause_start, q.start - 12), q.start):
            q.role, q.unit = "rank", "位"  # 进入全国前10名: a rank no worse than 10
            if q.qualifier == "exact":
                q.qualifier = "at_most"
            return
        if q.kind == "num" and _RANK_BEFORE.search(text, max(clause_start, q.start - 16), q.start):
            q.role, q.unit = "rank", "位"  # 从第52位上升至27位
            return
    if q.kind == "fan":
        q.role, q.direction = "change", "up"
        return
    if q.prefix in lx.COMPARISON_PREFIXES and text.startswith("的", q.end):
        compared = _COMPARED.match(text, q.end, clause_end)
        if compared is not None:
            # 高于35%的国家管控目标: the figure is the target (or the level) compared with, exact; the
            # comparison word is no part of it.
            q.start += len(q.prefix)
            q.prefix, q.qualifier = "", "exact"
            q.role = "target" if compared.group("target") else "value"
            return
    left = text[max(clause_start, q.start - WINDOW) : q.start]
    if sentence_start < clause_start and _TARGETS_FOLLOW.search(text, max(sentence_start, clause_start - WINDOW),
                                                                clause_start):
        # 主要预期目标是：地区生产总值增长6%左右，… : planned figures, a planned growth included.
        change = _CHANGE_TAIL.search(left[-16:])
        q.role, q.cue = "target", (change.group("verb") if change is not None else "")
        return
    negative = bool(left) and left[-1] in _MINUS and signed(text, q.start)
    if negative:
        left = left[:-1]  # 增长-3.2%: a fall written as a negative rise
    tail = left[-16:]
    last = tail[-1] if tail else ""
    # A tail that ends in a verb of change never ends like a from-value (由…, 比上年的…), so the change
    # is read first and the from-value only when there is none.
    change = _CHANGE_TAIL.search(tail) if last in CHANGE_LAST else None
    if change is None or not _change_ok(left, change, text, clause_start):
        if tail and (last in BASELINE_LAST or "比" in tail or "较" in tail or text.startswith(_WITH_NEXT_STARTS, q.end)
                     ) and _is_baseline(text, q, tail, clause_end):
            q.role = "baseline"
            return
        if q.start - clause_start <= _CONTRAST_REACH and left and (
                left[0] in _CONTRAST_FIRST or "则" in left or "同期" in left) and _earlier_level(
                text, q, clause_start, report_year):
            q.role = "baseline"
            return
        change = None
    if change is not None:
        if q.unit in lx.COUNT_MEASURES and _COMPARISON.search(left) is None and right_headed(text, q):
            q.role = "value"  # 上调64项收费标准: the items the verb acted on, counted
            return
        q.role = "change"
        q.direction = _CHANGE_VERBS[change.group("verb")]
        if negative:
            q.direction = "down" if q.direction == "up" else "up"
        q.cue = (change.group("cmp") or "") + change.group("verb") + (change.group("noun") or "")
        if "预" in left and _EXPECTED.search(left, 0, len(left) - len(tail) + change.start()) is not None:
            q.role, q.direction = "target", None  # 预期地区生产总值增长5.5%: a planned growth
        return
    if "比" in tail or "较" in tail or "净" in tail or "再" in tail:
        net = _NET_ADDITION.search(tail)
        if net is not None:
            # 全年净增市场主体530家, 较上年新增180台: a net addition over the previous level.
            verb = net.group("verb") or net.group("added") or ""
            more = net.group("more")
            q.role = "change"
            q.direction = ("up" if more == "多" else "down") if more else lx.NET_ADDITION_VERBS.get(verb, "up")
            q.cue = verb if verb and tail.endswith(verb) else ""  # 净增市场主体530家: the label has its verb already
            return
    if text.startswith("的", q.end):
        named = _CHANGE_NOUN_AFTER.match(text, q.end, clause_end)
        if named is not None:
            q.role, q.direction = "change", lx.CHANGE_NOUNS_AFTER[named.group("noun")]  # 录得6.1%的增幅
            q.cue = named.group("noun")
            return
    if not left or left.isspace():
        change = _headline_change(text, clause_start)
        if change is not None:
            # 在校生数量大幅增长：63.5%: a headline names the change and the figure follows its colon.
            q.role, q.direction = "change", _CHANGE_VERBS[change.group("verb")]
            q.cue = change.group("verb")
            return
    if q.unit in _POINTS:
        direction = _points_direction(left)
        if direction is not None:
            q.role, q.direction = "change", direction
            return
    if q.prefix in lx.CAP_QUALIFIER_WORDS:
        # 每年安排不低于3亿元: a floor set as a target; 提高到年人均不低于9600元: a standard set and paid.
        q.role = "value" if _RAISED_TO.search(left) is not None else "target"
        return
    if _is_target(text, left, q, clause_end, report_year):
        q.role = "value" if done(text, q, clause_start) else "target"
        return
    if sentence_start < clause_start and _planned(text, sentence_start, clause_start, report_year):
        q.role = "value" if done(text, q, clause_start) else "target"
        return
    q.role = "value"


def _headline_change(text: str, clause_start: int) -> re.Match[str] | None:
    """The verb of change that ends a headline whose colon the clause at ``clause_start`` follows
    (blanks and a line break may stand between), or ``None``."""
    k = clause_start - 1
    lo = max(0, k - 4)
    while k >= lo and text[k] in " \t\u3000\r\n":
        k -= 1
    if k <= 0 or text[k] not in _HEADLINE_COLON:
        return None
    head = text[max(0, k - 16) : k].rstrip()
    change = _CHANGE_TAIL.search(head) if head and head[-1] in CHANGE_LAST else None
    return change if change is not None and _change_ok(head, change) else None


def done(text: str, q: Quantity, clause_start: int) -> bool:
    """Whether the clause says the figure was already done, even beside a plan noun or in a plan:
    ``已完成整改任务41项``, ``规划5条线80座车站中76座开工建设`` (a part of a planned whole, done)."""
    lo = max(clause_start, q.start - WINDOW)
    if _DONE.search(text, lo, q.start) is not None:
        return True
    if text.startswith(_ON_BASIS, q.end):
        return True  # 在去年完成造林3万亩的基础上: an earlier level
    if q.unit in lx.RELATIVE_UNITS and text[q.start - 1 : q.start] in "的 " and _SHARE_DONE.search(
            text, lo, q.start) is not None:
        return True
    return q.start > 0 and text[q.start - 1] == "中" and text.startswith(_DONE_VERBS_AFTER, q.end)


def _past_in_budget(text: str, q: Quantity, start: int, budget_year: int) -> bool:
    """Whether a level inside a budget proposal is a fact of the past, not of the budget year: what
    was executed (截至112年8月底已執行…), a run of years (人口連續…) or the scene of a year before the
    budget year (110年底人口…), read in its sentence from ``start`` on. A year compared with (较2023年)
    sets no scene."""
    lo = max(start, q.start - WINDOW)
    if _BUDGET_PAST.search(text, lo, q.start) is not None:
        return True
    if budget_year:
        for m in _BUDGET_YEAR.finditer(text, lo, q.start):
            year = year_of(m.group(1))
            if year is not None and year < budget_year and text[m.start() - 1 : m.start()] not in _NOT_A_SCENE:
                return True
    return False


def _is_baseline(text: str, q: Quantity, tail: str, clause_end: int) -> bool:
    """Whether the figure ending ``tail`` is the from-value of a pair or a comparison, by what is
    written right before it (由…, 比上年的…, 较2019年(…), 与2015年的…) and right after it (a verb of
    change, 到/至, or 相比 for 与…)."""
    m = _BASELINE_TAIL.search(tail) if tail[-1] in BASELINE_LAST else None
    if m is None and text.startswith(_WITH_NEXT_STARTS, q.end) and _WITH_NEXT.match(text, q.end, clause_end):
        return _WITH_NAMED_LEVEL.search(tail) is not None
    if m is None:
        return (("比" in tail or "较" in tail) and _CHANGE_NEXT.match(text, q.end, clause_end) is not None
                and NOUN_BASELINE_TAIL.search(tail) is not None)
    if m.group("with") is not None:
        return _WITH_NEXT.match(text, q.end, clause_end) is not None
    if m.group("bracket") is not None:
        return text.startswith(_CLOSING, q.end)  # 较2019年(31 870起)增加2 100起: the earlier level
    return _BASELINE_NEXT.match(text, q.end, clause_end) is not None


def _earlier_level(text: str, q: Quantity, clause_start: int, report_year: int | None) -> bool:
    """``…，而2020年则分别为415起及86起``: a clause that sets the level of an earlier time beside the one
    just stated gives the from-value of the comparison."""
    m = _CONTRAST.match(text, clause_start, q.start)
    if m is None:
        return False
    year = _YEAR_NUMBER.match(m.group("period") or m.group("then") or "")
    return year is None or report_year is None or int(year.group()) <= report_year


def follow_bracket(text: str, q: Quantity, p: Quantity) -> bool:
    """Figures in brackets after a change or a target, compared with it, take its role: in
    ``增长9.0%(全国8.1%、全省8.6%)`` all three are changes up, and in ``增长-6.5%(全国-4.0%)`` both are
    changes down; in brackets after a level, the level of an earlier time is a from-value
    (``失业率为2.7%(上季为3.0%)``). ``p`` is the figure the bracket opens right after; returns
    whether ``q`` is still inside that bracket (so that a later figure may be too)."""
    opened = p.end
    if q.start - opened > BRACKET_REACH or text.find(")", opened, q.start) >= 0 or text.find("）", opened, q.start) >= 0:
        return False
    if p.role == "value" and _EARLIER_IN_BRACKET.fullmatch(text, opened + 1, q.start) is not None:
        q.role = "baseline"
        return True
    if p.role not in ("change", "target") or _CHANGE_TAIL.search(text, opened + 1, q.start) is not None:
        return True
    q.role, q.cue = p.role, p.cue
    if p.role == "change":
        # The direction of the verb, before the sign of the figure compared with turned it.
        flipped = signed(text, p.start)
        q.direction = ("up" if p.direction == "down" else "down") if flipped else p.direction
        settle_sign(text, q)
    return True


def follows_baseline(text: str, q: Quantity, previous: Quantity) -> None:
    """A member after the first of a list of from-values is one too: 由每人每月380元、每年2100元统一
    提高到… (the first member is read by its opener, the others by the list they are in)."""
    if q.role == "value" and previous.role == "baseline" and _BASELINE_LIST_GAP.fullmatch(
        text, previous.end, q.start
    ):
        q.role = "baseline"


def signed(text: str, start: int) -> bool:
    """Whether a minus sign (``-`` or ``负``) is written right before the figure starting at ``start``: a
    sign, not the dash of a range or a date (1-10月, 2023-12-05), of a pair of dashes, or the end of a
    word (减负, 担负)."""
    if start < 1 or text[start - 1] not in _MINUS:
        return False
    if start < 2:
        return True
    if text[start - 1] == "负":
        return text[start - 2] not in lx.NOT_SIGN_BEFORE_FU  # 为负0.60‰, but 为企业减负12亿元
    return text[start - 2] not in _NOT_BEFORE_SIGN


def _change_ok(left: str, m: re.Match[str], text: str = "", clause_start: int = 0) -> bool:
    """``m`` matched the end of ``left``; one-character verbs need more evidence, and a rate named with
    a change word that states a level (人口自然增长率为-0.60‰) is no change. A comparison may also end
    the clause before, in ``text`` (与原预算相比，多了520万元)."""
    verb = m.group("verb")
    if verb in lx.CHANGE_NOUNS and left[: len(left) - len(m.string) + m.end("verb")].endswith(lx.LEVEL_RATES):
        return False
    if verb not in lx.WEAK_CHANGE_VERBS:
        return True
    offset = len(left) - len(m.string)
    start = offset + m.start("verb")
    if start > 0 and left[start - 1] in lx.WEAK_VERB_BLOCKERS:
        return False  # 新增 is a level; 航班起降约5.2万架次 is a count
    if verb in ("多", "高", "少", "低"):
        return _COMPARISON.search(left) is not None or (
            clause_start > 1 and text.endswith(_COMPARED_ENDS, max(0, clause_start - 4), clause_start - 1))
    return True


def _points_direction(left: str) -> str | None:
    """``比全省平均高2个百分点``-style changes whose verb is not right before the number."""
    if _COMPARISON.search(left) is None:
        return None
    last_up = max(left.rfind(w) for w in ("高", "多", "增", "提", "升", "快"))
    last_down = max(left.rfind(w) for w in ("低", "少", "降", "减", "慢"))
    if last_up < 0 and last_down < 0:
        return None
    return "up" if last_up > last_down else "down"


def _planned(text: str, sentence_start: int, clause_start: int, report_year: int | None) -> bool:
    """Whether an earlier clause of the sentence only states a plan (计划到2025年，… / 2024年，…)."""
    lo = max(0, sentence_start - 1, clause_start - WINDOW)
    if _TARGETS_FOLLOW.search(text, lo, clause_start):
        return True
    first = _PLAN_CLAUSE_AT_START.match(text, 0, clause_start) if lo == 0 else None
    for m in (first, *_PLAN_CLAUSE.finditer(text, lo, clause_start)):
        if m is None:
            continue
        body = m.group().strip("，,；;：:。！？!?\n \t")
        year = _YEAR_IN.search(body)
        if year is not None:
            # 到2025年，/ 2024年，: a future year; the report year or an earlier one sets a period.
            if report_year is not None and int(year.group(1)) > report_year:
                return True
        elif body and not body.startswith(("到", "至")):
            return True  # 计划，/ 力争，
    return False


def _is_target(text: str, left: str, q: Quantity, clause_end: int, report_year: int | None) -> bool:
    if _TARGET_AFTER.match(text, q.end, clause_end):
        return True
    if text.startswith(_QUOTA_NOUNS, q.end) or left.endswith(_QUOTA_LEADS):
        return True  # 超额完成省下达的16万亩任务: a quota
    if "《" in left or "“" in left:
        left = _NAMED.sub("", left)  # 《…规划纲要》 names a document, it sets no target
    cue = None
    for cue in _TARGET_CUES.finditer(left):
        pass
    if cue is not None:
        between = left[cue.end() :]
        # 完成年度目标(11万人)的112%: the figure after 目标…的 is the completion ratio, a level; so is a
        # share of the tasks done (主要任务完成七成以上, 年度目标任务完成率98%).
        if q.unit in lx.RELATIVE_UNITS and cue.group() in lx.DONE_TASK_NOUNS and between.startswith(lx.DONE_VERBS):
            return False
        return not between.endswith("的")
    for m in _FUTURE_YEAR.finditer(left):
        year = int(m.group(1))
        if report_year is not None and year > report_year:
            return True
    return False


def settle_part(text: str, q: Quantity, clause_start: int, whole: Quantity | None) -> None:
    """A part of a count just stated is counted the way the whole is (调整医疗服务价格项目108项，其中
    上调64项、下调44项: 64 items were raised, a count like the 108 it is part of, not a rise of 64).

    ``whole`` is the nearest figure before ``q`` in its sentence with the same unit. Only a change read
    from its verb alone is reconsidered: one with a comparison (其中城镇人口比上年增加1万人), in a
    relative unit (其中工业投资增长21.4%) or whose whole is itself a change stays a change."""
    if (q.role != "change" or whole is None or whole.role != "value" or q.unit is None
            or q.unit in lx.RELATIVE_UNITS or whole.unit != q.unit):
        return
    head = text[clause_start : q.start]
    if head.lstrip(" ，,").startswith(lx.BREAKDOWN_LEADS) and _COMPARISON.search(head) is None:
        q.role, q.direction = "value", None  # the verb stays as the cue of its label (…中上调)


def spread_list_roles(group: list[Quantity]) -> None:
    """Members of a list written after one verb take the first member's role."""
    head = group[0]
    for q in group[1:]:
        if q.role == "value" and head.role in ("change", "target", "baseline"):
            q.role, q.direction, q.cue = head.role, head.direction, head.cue
