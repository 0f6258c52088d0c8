"""Roles: whether a figure is a level, the from-value of a change, a change, a target or a rank.

The role is decided by the words right before the number in its clause, read from the right:
``提高10%`` is a change, ``提高到10%`` a level, ``由60%提升至70%`` a baseline then a level,
``不超过500家`` and ``目标…4.5个`` targets, ``第6位`` after 位列/居 a rank. Lists that share a verb
(``分别增长16.5%、16.6%``) give every member the role of the first.
"""

from __future__ import annotations

import re

from govmetrics.extract import lexicon as lx
from govmetrics.extract.labels import WINDOW, right_headed
from govmetrics.extract.scanner import Quantity

_VERBS = sorted(lx.CHANGE_VERBS, key=len, reverse=True)
# The lookahead of first characters lets the regex engine skip to candidate positions.
_CHANGE_TAIL = re.compile(
    "(?=[同环" + "".join(sorted({v[0] for v in _VERBS})) + "])"
    "(?P<cmp>同比|环比)?(?P<verb>" + "|".join(_VERBS) + ")(?P<noun>" + "|".join(lx.CHANGE_MEASURES)
    + ")?(?:了|达到|达|为|是|分别|均|都|约)?(?:了)?$"
)
_COMPARISON = re.compile(r"比|较|相比|高于|低于|同比|环比")
# The time a from-value is taken at: a past year, month or term, or its end or start (由上年末的86%,
# 从去年底的…, 比上月末…).
_PERIOD_WORDS = (
    r"(?:(?:去年|上年|上一年|前年|上届|上一届|上月|上季度|上半年|(?:19|20)\d{2}年|\d{1,2}月)(?:同期|底|末|初)?"
    r"|同期|年初|年末|年底|原来|原先|过去|以往|此前|以前)"
)
_BASELINE_TAIL = re.compile(
    r"(?:" + "|".join(lx.BASELINE_OPENERS) + r")" + _PERIOD_WORDS + r"?(?:的|时的)?(?:水平)?$"
)
_BASELINE_NEXT = re.compile(
    r"(?:的水平|的基础上)?(?:" + "|".join(_VERBS) + r"|[\u4e00-\u9fff]{0,3}?[到至]|变为|调整为)"
)
#: Every character a match of ``_CHANGE_TAIL`` / ``_BASELINE_TAIL`` can end with (a cheap guard).
CHANGE_LAST = frozenset("了到达为是别均都约" + "".join(v[-1] for v in (*lx.CHANGE_VERBS, *lx.CHANGE_MEASURES)))
BASELINE_LAST = frozenset("的平期年届初底末月度来先去往前" + "".join(w[-1] for w in lx.BASELINE_OPENERS))
_TARGET_CUES = re.compile(lx.cue_pattern(lx.TARGET_CUES))
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
) -> None:
    """Set ``q.role`` (and ``q.direction`` for a change) from the clause it is written in.

    ``planned``: the figure is inside a plan (see ``plans``), where a level or a change is a target;
    a change keeps its verb as the cue of its label (地区生产总值增长6%左右 -> 地区生产总值增长).
    """
    _assign_role(text, q, clause_start, clause_end, report_year, sentence_start)
    if planned and q.role in ("value", "change"):
        q.role, q.direction = "target", None
    if q.start and text[q.start - 1] in _MINUS and q.role in SIGNED_ROLES and q.value is not None and signed(text, q.start):
        # 人口自然增长率为-0.60‰: a level below zero keeps its sign. A change keeps its magnitude and
        # says the sign with its direction (增长-3.2% is a fall of 3.2%); targets and ranks are
        # magnitudes too.
        q.value, q.start = -q.value, q.start - 1


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
    if q.unit in lx.RANK_UNITS and q.start > 0 and text[q.start - 1] == "前" and _RANKED.search(
        text, max(clause_start, q.start - 12), q.start
    ):
        q.role, q.unit = "rank", "位"  # 进入全国前10名: a rank no worse than 10
        if q.qualifier == "exact":
            q.qualifier = "at_most"
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
    if last in BASELINE_LAST and _BASELINE_TAIL.search(tail) and _BASELINE_NEXT.match(text, q.end, clause_end):
        q.role = "baseline"
        return
    change = _CHANGE_TAIL.search(tail) if last in CHANGE_LAST else None
    if change is not None and _change_ok(left, change):
        if q.unit in lx.COUNT_MEASURES and _COMPARISON.search(left) is None and right_headed(text, q):
            q.role = "value"  # 上调64项收费标准: the items the verb acted on, counted
            return
        q.role = "change"
        q.direction = lx.CHANGE_VERBS[change.group("verb")]
        if negative:
            q.direction = "down" if q.direction == "up" else "up"
        q.cue = (change.group("cmp") or "") + change.group("verb") + (change.group("noun") or "")
        return
    if q.unit == "百分点":
        direction = _points_direction(left)
        if direction is not None:
            q.role, q.direction = "change", direction
            return
    if q.prefix in lx.CAP_QUALIFIER_WORDS or _is_target(text, left, q, clause_end, report_year):
        q.role = "target"
        return
    if sentence_start < clause_start and _planned(text, sentence_start, clause_start, report_year):
        q.role = "target"
        return
    q.role = "value"


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


def _change_ok(left: str, m: re.Match[str]) -> bool:
    """``m`` matched the end of ``left``; one-character verbs need more evidence, and a rate named with
    a change word that states a level (人口自然增长率为-0.60‰) is no change."""
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
        return _COMPARISON.search(left) is not None
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
        if q.role == "value" and head.role in ("change", "target"):
            q.role, q.direction, q.cue = head.role, head.direction, head.cue
