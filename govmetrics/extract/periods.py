"""Periods: the stretch of time a figure covers, when the text says it.

A period expression (``1-10月份``, ``截至9月底``, ``前三季度``, ``去年``, ``2021年``) is never a
mention; it governs the figures after it up to the end of its sentence, or until another period
expression takes over (``年内``, ``今年以来`` bring back the report year, written ``None``). Inside a
comparison (``比去年``, ``由去年的60%``) it is not a setting of the scene: there it dates only the
baseline figure that follows it.

Periods are written ``YYYY-MM/YYYY-MM`` for part of a year and ``YYYY`` for a whole year other
than the report year; the report year itself is the default and stays ``None``. A later year sets
the scene of a plan (``2024年，我局将…``); after 到/至/于 it is a deadline and sets nothing. Inside a plan
for a named year, ``今年`` is that year (a January report planning its year).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govmetrics.extract.plans import PlanScopes

_CN_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}

_PERIOD = re.compile(
    r"(?P<months>(?:(?P<y1>(?:19|20)\d{2})年)?(?P<m1>\d{1,2})(?:月份?)?[-—–~～至到](?P<m2>\d{1,2})月份?)"
    r"|(?P<upto>截[至止](?:(?P<y2>(?:19|20)\d{2})年)?(?P<m3>\d{1,2})月(?:底|末|份)?(?:\d{1,2}日)?)"
    r"|(?P<month>(?:(?P<y4>(?:19|20)\d{2})年)?(?P<m4>\d{1,2})(?:月份|月(?=[,，])))"
    r"|(?P<now>截[至止](?:目前|今年|年底|发稿|当前|现在))"
    r"|(?P<firstq>前(?P<qn>[一二三四1-4])(?:个)?季度)"
    r"|(?P<quarter>(?:第)?(?P<q1>[一二三四1-4])季度)"
    r"|(?P<half>[上下]半年)"
    r"|(?P<firstm>前(?P<mn>\d{1,2}|十[一二]?|[一二三四五六七八九])个月)"
    r"|(?P<current>今年以来|年初以来|今年|本年度|本年|年内|全年|当年|年度内)"
    r"|(?P<prev2>前年)"
    r"|(?P<prev>去年|上年|上一年|上年度)"
    r"|(?P<next>明年|下一年|来年)"
    r"|(?P<year>(?P<y3>(?:19|20)\d{2})年(?:度)?)"
)
# Words for the whole of the year already in question (2021年，…；全年…), else of the report year.
_THAT_YEAR = frozenset({"全年", "当年", "年内", "年度内"})
# Every period expression but 截至目前 holds one of these; sentences without them are skipped.
_ANCHOR = re.compile("[年月季]|截[至止]")
_ANCHOR_REACH = 6
# A period word right after one of these is part of a comparison or a deadline, not the scene.
_NOT_A_SETTING = frozenset("比较由从同与和是到至于在及对跟")
#: Plan words that a later year written right before them dates as a plan (明年计划…, 2025年力争…).
_PLAN_VERBS = ("计划", "力争", "争取", "拟", "预计", "目标")
_LOCAL = re.compile(r"(?P<word>去年同期|上年同期|去年|上年|上一年|前年|(?P<y>(?:19|20)\d{2})年(?:底|末)?)的?$")


def period_expressions(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The period expressions in ``text[start:end]``, as ``_PERIOD.finditer`` would find them.

    Every expression has an anchor (年, 月, 季, 截至) within its first ``_ANCHOR_REACH`` characters,
    so matching is only tried just before anchors instead of at every position of the sentence.
    """
    found: list[re.Match[str]] = []
    pos = start
    for anchor in _ANCHOR.finditer(text, start, end):
        a = anchor.start()
        if a < pos:
            continue
        for s in range(max(pos, a - _ANCHOR_REACH), a + 1):
            m = _PERIOD.match(text, s, end)
            if m is not None:
                found.append(m)
                pos = m.end()
                break
    return found


def _month_span(year: int | None, first: int, last: int, report_year: int | None) -> str | None:
    if year is None or not 1 <= first <= last <= 12:
        return None
    if first == 1 and last == 12:
        return None if year == report_year else str(year)
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _small(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _CN_SMALL.get(text)


def resolve(m: re.Match[str], report_year: int | None, plan_year: int | None = None) -> tuple[bool, str | None]:
    """(whether the expression sets the period, the period it sets); ``plan_year`` is the year of the
    plan the expression is written in, if any (see ``plans``)."""
    if m.group("months") is not None:
        year = int(m.group("y1")) if m.group("y1") else report_year
        return True, _month_span(year, int(m.group("m1")), int(m.group("m2")), report_year)
    if m.group("upto") is not None:
        year = int(m.group("y2")) if m.group("y2") else report_year
        return True, _month_span(year, 1, int(m.group("m3")), report_year)
    if m.group("month") is not None:
        year = int(m.group("y4")) if m.group("y4") else report_year
        month = int(m.group("m4"))
        return True, _month_span(year, month, month, report_year)
    if m.group("firstq") is not None:
        n = _small(m.group("qn")) or 0
        return True, _month_span(report_year, 1, 3 * n, report_year)
    if m.group("quarter") is not None:
        n = _small(m.group("q1")) or 0
        return True, _month_span(report_year, 3 * n - 2, 3 * n, report_year)
    if m.group("half") is not None:
        first = 1 if m.group("half")[0] == "上" else 7
        return True, _month_span(report_year, first, first + 5, report_year)
    if m.group("firstm") is not None:
        n = _small(m.group("mn")) or 0
        return True, _month_span(report_year, 1, n, report_year)
    if m.group("prev") is not None:
        return True, None if report_year is None else str(report_year - 1)
    if m.group("next") is not None:
        return True, None if report_year is None else str(report_year + 1)
    if m.group("prev2") is not None:
        return True, None if report_year is None else str(report_year - 2)
    if m.group("year") is not None:
        year = int(m.group("y3"))
        return True, None if year == report_year else str(year)  # 2024年，我局将…: the plan's year
    if plan_year is not None and plan_year != report_year and m.group("current") == "今年":
        return True, str(plan_year)  # 二、2024年主要目标 … 今年…预期目标是: 今年 is the plan's year
    return True, None  # now / current: the report year


def _horizon(text: str, m: re.Match[str], period: str | None, report_year: int | None) -> bool:
    """Whether a later year is written as the horizon of a plan, right before its plan word (明年计划…,
    2025年力争…), rather than as the scene of its sentence (明年，… / 2024年，我局将… / 2024年全市企业
    满意度确保…): a horizon says when a plan is due, not a period its targets cover."""
    if m.group("next") is None and m.group("year") is None:
        return False  # 今年 inside a plan for a named year is that year, not a horizon
    if period is None or report_year is None or len(period) != 4 or int(period) <= report_year:
        return False
    return text.startswith(_PLAN_VERBS, m.end())


class PeriodReader:
    """Periods of the figures in one text, one sentence at a time."""

    __slots__ = ("text", "report_year", "plans", "_cache")

    def __init__(self, text: str, report_year: int | None, plans: PlanScopes | None = None) -> None:
        self.text = text
        self.report_year = report_year
        self.plans = plans
        self._cache: dict[int, tuple[list[int], list[str | None]] | None] = {}

    def _settings(
        self, sentence_start: int, sentence_end: int
    ) -> tuple[list[int], list[str | None], list[bool]] | None:
        """Where each period setting of a sentence ends, what it sets and whether it is only the horizon
        of a plan (``None``: no settings)."""
        text = self.text
        settings = None
        if _ANCHOR.search(text, sentence_start, sentence_end) is not None:
            ends: list[int] = []
            periods: list[str | None] = []
            horizons: list[bool] = []
            for m in period_expressions(text, sentence_start, sentence_end):
                if m.start() > 0 and text[m.start() - 1] in _NOT_A_SETTING:
                    continue
                plan_year = self.plans.year_at(m.start()) if self.plans is not None else None
                sets, period = resolve(m, self.report_year, plan_year)
                if m.group("current") in _THAT_YEAR and periods and periods[-1] is not None and len(periods[-1]) == 4:
                    period = periods[-1]  # 2024年，…，确保全年…: the whole of the year in question
                if sets:
                    ends.append(m.end())
                    periods.append(period)
                    horizons.append(_horizon(text, m, period, self.report_year))
            settings = (ends, periods, horizons) if ends else None
        self._cache[sentence_start] = settings
        return settings

    def period_at(self, pos: int, sentence_start: int, sentence_end: int, target: bool = False) -> str | None:
        """The period governing a figure at ``pos``: the last setting before it in its sentence. A
        ``target`` takes no period from the horizon of its plan (明年计划…不少于100座)."""
        if sentence_start in self._cache:
            settings = self._cache[sentence_start]
        else:
            settings = self._settings(sentence_start, sentence_end)
        if not settings:
            return None
        ends, periods, horizons = settings
        i = bisect_right(ends, pos)  # the settings that end at or before pos
        if not i or (target and horizons[i - 1]):
            return None
        return periods[i - 1]

    def local_period(self, pos: int, clause_start: int) -> str | None:
        """``去年的60%``: the period written right before a baseline figure, if any."""
        m = _LOCAL.search(self.text, max(clause_start, pos - 8), pos)
        if m is None or self.report_year is None and m.group("y") is None:
            return None
        if m.group("y"):
            return m.group("y")
        word = m.group("word")
        if word.startswith("前年"):
            return str(self.report_year - 2)
        return str(self.report_year - 1)
