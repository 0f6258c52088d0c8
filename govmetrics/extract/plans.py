"""Plan scopes: the stretches of a report that set targets for the coming year, not achievements.

Inside a plan every figure is a target, whatever its verb (``主要预期目标是：地区生产总值增长6%左右``,
``2024年，…粮食总产量稳定在120万吨以上``). A plan is opened by:

- a heading that names one (``三、2024年工作打算``, ``二、主要目标``, ``下一步工作安排``) or that puts a
  year after the report year on a programme of work (``三、2024年重点工作``); it governs the lines
  after it down to the next heading of the same or a higher outline level;
- a sentence that starts with a plan word (``下一步，…``, ``计划新开工…``, ``力争…``) or with a year after the
  report year (``2024年，我局将…``); it governs that sentence;
- a colon after 目标/任务/计划/指标 (``主要预期目标是：…``); it governs the rest of its sentence, or the
  list of lines it introduces when it ends its line.

A plan heading with a year also says which year ``今年`` means inside it (``二、2024年主要目标`` …
``今年经济社会发展的主要预期目标是``), read by ``periods``.

Everything is found in one pass over the cue words of the text, each checked with bounded look-ups
around it, so the cost stays linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from govmetrics.extract import lexicon as lx
from govmetrics.extract.context import Context

#: Phrases that make a heading a plan heading. Bare 目标 or 任务 do not: review sections are headed
#: ``（一）聚焦目标任务，…`` too.
PLAN_HEADING_WORDS = ("工作打算", "工作计划", "工作安排", "工作思路", "工作要点", "主要目标", "预期目标", "发展目标",
                      "下一步", "明年", "今后", "展望", "工作目标", "施政方针", "施政重点")
#: Words that make a heading a review, whatever else it says (目标完成情况, 工作回顾).
REVIEW_HEADING_WORDS = ("完成情况", "回顾", "总结", "成效", "成绩", "进展", "执行情况")
#: Words that open a sentence that only plans (下一步，…; 计划新开工…; 力争…).
#: (Not 争取 or 确保: 争取资金3000万元 secured money, and a review says what it 确保-ed.)
PLAN_OPENERS = ("下一步", "明年", "今后", "计划", "力争", "预计到", "拟")
#: Words of a heading that, with a year after the report year, make it a plan of work.
WORK_WORDS = ("工作", "任务", "重点", "目标")

_MAX_HEADING = 30
_CUE_WORDS = (*PLAN_HEADING_WORDS, *PLAN_OPENERS)
#: Words after 将 that make it the future tense of a plan (全市将新建学校25所), not the object marker
#: 将 = 把 (将困难群体保障标准提高10%, 将十二个部门的救助事项纳入平台).
FUTURE_AFTER_JIANG = (
    "新建 新增 新开工 建设 建成 完成 实施 推进 推动 开工 改造 实现 扶持 培育 达到 力争 确保 投入 安排 打造 启动 开展"
    " 组织 举办 提供 发放 争取 继续 进一步 加快 全面 重点 着力 持续 大力 深入 加大 加强 强化 深化 围绕 聚焦 坚持 积极"
    " 筹集 帮扶 招聘 培训 引进 落实 谋划 突出 统筹 抓好 做好 努力 全力 新改建 改扩建 实现 力求 争创 创建 计划"
).split()
_CUES = re.compile(
    # The lookahead of first characters lets the regex engine skip to candidates.
    "(?=[" + "".join(sorted({w[0] for w in _CUE_WORDS} | set("预主发目任计指12将"))) + "])"
    r"(?:(?P<colon>(?:预期|主要|发展)?(?:目标|任务|计划|指标)(?:是|为)?[:：])|(?P<year>(?:19|20)\d{2})年|"
    r"(?P<will>将)(?=" + "|".join(sorted(set(FUTURE_AFTER_JIANG), key=len, reverse=True)) + ")|"
    + lx.cue_pattern(_CUE_WORDS)
    + ")"
)
# Who may stand between a sentence start and its 将: a list marker, a time, and the city, the department or 我局.
_WILL_LEAD = re.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}是|\d{1,2}[.、．]|[(（][一二三四五六七八九十0-9]{1,3}[)）])?[ \t\u3000]*"
    r"(?:(?P<year>(?:19|20)\d{2})年|今年|明年|全年|年内|下一步|今后)?[，,]?[ \t\u3000]*"
    r"(?:全市|全区|全县|全镇|我市|我区|我县|本市|本区|[我本该][局委办]|[\u4e00-\u9fff]{0,6}?[市区县][\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室|办)"
    r"|[\u4e00-\u9fff]{2,6}?[市区县])?(?:还|也|仍|则|要)?$"
)
_WILL_REACH = 24
#: Endings of an unmarked heading line that names a department or a review (市教育局, 工作成效): under a
#: plan heading with an outline marker, only such a line ends the plan (教育事业 is a part of it).
_ORGANISATION_END = ("局", "委", "委员会", "办", "办公室", "厅", "院", "署", "中心", "政府")
_MARKER = re.compile(
    r"[ \t]*(?:(?P<l1>[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}[部分章节])"
    r"|(?P<l2>[(（][一二三四五六七八九十]{1,3}[)）])|(?P<l3>\d{1,2}[.、．](?!\d)))"
)
_SENTENCE_PUNCT = frozenset("。；;！!？?")
_SENTENCE_BREAKS = frozenset("。！？!?\n\r")
# What may stand between a sentence start and its plan word: blanks, a time, a comma.
_LEAD = re.compile(r"[ \t\u3000]*(?:(?:19|20)\d{2}年|今年|明年|全年|年内)?[，,]?[ \t\u3000]*$")
_LEAD_REACH = 10
_YEAR = re.compile(r"((?:19|20)\d{2})年")
# Items of a list a colon introduces: lines that end like an item, or open with a list marker.
_ITEM_ENDS = ("；", ";", "，", ",", "、")
_ITEM = re.compile(r"[ \t]*(?:[一二三四五六七八九十]+是|\d{1,2}[.、．)）](?!\d)|[(（]\d{1,2}[)）]|[①-⑳]|[-•·])")
_MAX_ITEMS = 40


def _line_bounds(text: str, pos: int, reach: int) -> tuple[int, int] | None:
    """The line around ``pos`` when it is at most ``reach`` characters on each side, else ``None``."""
    lo = max(0, pos - reach)
    start = text.rfind("\n", lo, pos) + 1
    if start == 0 and lo > 0:
        return None
    end = text.find("\n", pos, pos + reach + 1)
    if end < 0:
        if pos + reach < len(text):
            return None
        end = len(text)
    return start, end


def _heading(line: str) -> bool:
    stripped = line.strip()
    return (0 < len(stripped) <= _MAX_HEADING and not any(ch in _SENTENCE_PUNCT for ch in stripped)
            and not stripped.endswith(("，", ",", "：", ":")))


def _level(line: str) -> int:
    """Outline level of a heading line: 1 for 一、, 2 for (一), 3 for 1., and 1 when unmarked."""
    m = _MARKER.match(line)
    if m is None:
        return 1
    return 1 if m.group("l1") else 2 if m.group("l2") else 3


def _list_end(text: str, pos: int, ctx: Context) -> int:
    """Where what a colon at ``pos`` introduces ends: its sentence, or, when the colon ends its line,
    the list of lines after it (items ending in ；or ，, or opening with a list marker) up to the
    item that ends in 。."""
    n = len(text)
    k = pos
    while k < n and text[k] in " \t":
        k += 1
    if k >= n or text[k] not in "\r\n":
        return ctx.sentence(pos)[1]
    end = k
    for _ in range(_MAX_ITEMS):
        start = end
        while start < n and text[start] in "\r\n \t":
            start += 1
        if start >= n or text.count("\n", end, start) > 1:
            break  # the end of the text, or a blank line
        nxt = text.find("\n", start)
        line_end = n if nxt < 0 else nxt
        line = text[start:line_end].rstrip()
        if _heading(line) and _ITEM.match(line) is None:
            break
        end = start + len(line)
        if not line.endswith(_ITEM_ENDS) and (_ITEM.match(line) is None or line.endswith(("。", "."))):
            break
    return end


def _ends_plan(line: str) -> bool:
    """Whether an unmarked heading ends a marked plan heading's section: it names a department or a review."""
    stripped = line.strip()
    return stripped.endswith(_ORGANISATION_END) or any(w in stripped for w in REVIEW_HEADING_WORDS)


def heading_line(text: str, pos: int) -> tuple[int, int] | None:
    """The bounds of the line around ``pos`` when it reads as a heading (short, no sentence
    punctuation), else ``None``."""
    bounds = _line_bounds(text, pos, _MAX_HEADING + 4)
    return bounds if bounds is not None and _heading(text[bounds[0] : bounds[1]]) else None


def section_end(text: str, pos: int, line: str) -> int:
    """Where the section of the heading ``line``, ending at ``pos``, ends: at the next heading of the
    same or a higher outline level (under a marked heading, an unmarked one only when it names a
    department or a review), or at the end of the text."""
    level = _level(line)
    marked = _MARKER.match(line) is not None
    n = len(text)
    while pos < n:
        nxt = text.find("\n", pos + 1)
        end = n if nxt < 0 else nxt
        following = text[pos + 1 : end] if text[pos] == "\n" else text[pos:end]
        if following.strip() and _heading(following) and _level(following) <= level and (
            _MARKER.match(following) is not None or (level == 1 and (not marked or _ends_plan(following)))
        ):
            return pos
        if nxt < 0:
            break
        pos = nxt
    return n


def _will_scope(text: str, ctx: Context, pos: int, report_year: int | None) -> tuple[int, int, int | None] | None:
    """``今年，全市将新建学校25所，…``: a sentence whose subject is followed by 将 and a verb of work plans
    the rest of it (opened by the report's own year or an earlier one, it narrates)."""
    lo = max(0, pos - _WILL_REACH)
    k = pos - 1
    while k >= lo and text[k] not in _SENTENCE_BREAKS:
        k -= 1
    if k < lo and lo > 0:
        return None
    lead = _WILL_LEAD.match(text, k + 1, pos)
    if lead is None:
        return None
    year = int(lead.group("year")) if lead.group("year") else None
    if year is not None and (report_year is None or year <= report_year):
        return None  # 2022年，我市将…提高到…: the report's own year or an earlier one narrates
    return pos, ctx.sentence(pos)[1], year


class PlanScopes:
    """Spans of one text that set targets, with the year a plan heading names (if any)."""

    __slots__ = ("_starts", "_ends", "_years")

    def __init__(self, text: str, ctx: Context, report_year: int | None) -> None:
        spans: list[tuple[int, int, int | None]] = []
        covered = -1
        for m in _CUES.finditer(text):
            pos = m.start()
            if pos < covered:
                continue
            span = self._heading_scope(text, m, report_year) or self._sentence_scope(text, ctx, m, report_year)
            if span is not None:
                spans.append(span)
                covered = span[1]
        self._starts = [s for s, _, _ in spans]
        self._ends = [e for _, e, _ in spans]
        self._years = [y for _, _, y in spans]

    @staticmethod
    def _heading_scope(text: str, m: re.Match[str], report_year: int | None) -> tuple[int, int, int | None] | None:
        bounds = _line_bounds(text, m.start(), _MAX_HEADING + 4)
        if bounds is None:
            return None
        line = text[bounds[0] : bounds[1]]
        if not _heading(line) or any(w in line for w in REVIEW_HEADING_WORDS):
            return None
        year_match = _YEAR.search(line)
        year = int(year_match.group(1)) if year_match else None
        future = year is not None and report_year is not None and year > report_year
        if not (any(w in line for w in PLAN_HEADING_WORDS) or (future and any(w in line for w in WORK_WORDS))):
            return None
        return bounds[1], section_end(text, bounds[1], line), year

    @staticmethod
    def _sentence_scope(text: str, ctx: Context, m: re.Match[str], report_year: int | None) -> tuple[int, int, int | None] | None:
        pos = m.start()
        if m.group("colon") is not None:
            return m.end(), _list_end(text, m.end(), ctx), None
        if m.group("will") is not None:
            return _will_scope(text, ctx, pos, report_year)
        lo = max(0, pos - _LEAD_REACH)
        k = pos - 1
        while k >= lo and text[k] not in _SENTENCE_BREAKS:
            k -= 1
        if k < lo and lo > 0:
            return None  # no sentence start close before the cue
        lead = text[k + 1 : pos]
        if not _LEAD.match(lead):
            return None
        year = None
        if m.group("year") is not None:
            year = int(m.group("year"))
            if report_year is None or year <= report_year or not text.startswith(("，", ","), m.end()):
                return None  # 2024年，… opens a plan only when 2024 is after the report year
        elif text.startswith("了", m.end()):
            return None  # 确保了: done, not planned
        year_in_lead = _YEAR.search(lead)
        if year_in_lead is not None:
            year = int(year_in_lead.group(1))
            if report_year is not None and year <= report_year:
                return None
        return pos, ctx.sentence(pos)[1], year

    def covers(self, pos: int) -> bool:
        """Whether the character at ``pos`` is inside a plan."""
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def year_at(self, pos: int) -> int | None:
        """The year the plan around ``pos`` is for, when it names one."""
        i = bisect_right(self._starts, pos) - 1
        return self._years[i] if i >= 0 and pos < self._ends[i] else None
