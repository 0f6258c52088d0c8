"""Budget proposals: the stretches of a text that propose the coming fiscal year's budget.

In a budget proposal the amounts and counts of the budget year are targets, whatever their verb:
revenue and expenditure by category (稅課收入…, 社會福利支出…), the deficit and how it is financed
(歲入歲出差短…, 舉借債務…), the staff establishment (預算員額), the beneficiaries expected, what will be
bought or opened, the debt expected at year end. A proposal is either

- a whole document whose title names one (``臺東縣113年度總預算案編製說明``, ``关于2024年预算草案的报告``),
  less its sections headed as a review of a budget executed (``一、上年度預算執行情況``); or
- a section headed as the budget (``五、2024年財政預算``, ``二、2024年预算草案``) in any other text, such as
  a government work report, or a report whose title covers both the execution of this year's budget
  and the proposal of the next.

The scopes are found once per text: a text without 预算 costs one ``str.find``; otherwise the title is
one line and headings are looked for only at the words that name a budget or a review, each checked
in a bounded window. ``roles`` decides what stays a level inside them (what was executed, the past).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from govmetrics.extract.numerals import parse_cn_digits
from govmetrics.extract.plans import heading_line, section_end

#: Words that name a budget proposal in a title or a heading.
PROPOSAL_WORDS = ("预算案", "预算草案", "预算(草案)", "预算（草案）", "预算编制说明", "财政预算", "预算安排")
#: Of these, the words that also head a review of the budget's work (二、优化预算安排，保障重点支出): they
#: name a proposal only with a year after the report's (二、2024年财政预算) or with 明年/下年度.
WEAK_PROPOSAL_WORDS = ("财政预算", "预算安排")
_NEXT_YEAR_WORDS = ("明年", "下年度", "下一年度")
#: Words that make a title or heading the review of a budget executed or closed.
REVIEW_WORDS = ("执行情况", "执行", "决算", "回顾", "完成情况")
_TITLE_MAX = 60
_PROPOSAL = re.compile("|".join(re.escape(w) for w in PROPOSAL_WORDS))
_REVIEW = re.compile("|".join(REVIEW_WORDS))
# The budget year a title or heading names: 2024年, 113年度 (Minguo), 一一三年度, 二〇二四年.
_YEAR = re.compile(r"((?:19|20)\d{2}|1[0-4]\d|[一二][〇○零一二三四五六七八九]{3}|一[〇○零一][〇○零一二三四五六七八九])年")
_MINGUO = 1911


def year_of(word: str) -> int | None:
    """The calendar year of a year written as ``2024``, ``113`` (Minguo), ``一一三`` or ``二〇二四``."""
    value = int(word) if word.isdigit() else parse_cn_digits(word)
    if value is None:
        return None
    return value + _MINGUO if value < 1000 else value


class BudgetScopes:
    """Spans of one text that propose a budget, with the budget year each names (0 when none)."""

    __slots__ = ("_starts", "_ends", "_years")

    def __bool__(self) -> bool:
        """Whether the text proposes a budget anywhere (most do not, and then no figure asks where)."""
        return bool(self._starts)

    def __init__(self, text: str, report_year: int | None = None) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._years: list[int] = []
        if text.find("预算") < 0:
            return
        title_end, title = _title(text)
        whole = title is not None and _proposes(title, report_year)
        if whole and _REVIEW.search(title) is None:
            # A document that is a proposal: all of it, less the sections that review a budget executed.
            year = _year_in(title)
            pos = title_end
            for start, end in _headed_sections(text, _REVIEW, title_end):
                if start > pos and not text[pos:start].isspace():
                    self._add(pos, start, year)
                pos = max(pos, end)
            if pos < len(text):
                self._add(pos, len(text), year)
            return
        for start, end, line in _headed_sections(text, _PROPOSAL, 0, with_line=True):
            if _REVIEW.search(line) is None and _proposes(line, report_year):
                self._add(start, end, _year_in(line))

    def _add(self, start: int, end: int, year: int) -> None:
        self._starts.append(start)
        self._ends.append(end)
        self._years.append(year)

    def year_at(self, pos: int) -> int | None:
        """The budget year of the proposal around ``pos`` (0 when it names none), or ``None`` outside one."""
        if not self._starts:
            return None
        i = bisect_right(self._starts, pos) - 1
        return self._years[i] if i >= 0 and pos < self._ends[i] else None


def _title(text: str) -> tuple[int, str | None]:
    """Where the first line of the text ends, and that line when it is short enough to be a title."""
    start = 0
    n = len(text)
    while start < n and text[start] in " \t\r\n\u3000":
        start += 1
    end = text.find("\n", start)
    end = n if end < 0 else end
    line = text[start:end].strip()
    return end, (line if 0 < len(line) <= _TITLE_MAX else None)


def _proposes(line: str, report_year: int | None) -> bool:
    """Whether a title or heading names a budget proposal: a word that only names one, or a word that
    also heads reviews (财政预算, 预算安排) with a later year than the report's or with 明年."""
    words = _PROPOSAL.findall(line)
    if not words:
        return False
    if any(w not in WEAK_PROPOSAL_WORDS for w in words) or any(w in line for w in _NEXT_YEAR_WORDS):
        return True
    year = _year_in(line)
    return bool(year) and (report_year is None or year > report_year)


def _year_in(line: str) -> int:
    m = _YEAR.search(line)
    return (year_of(m.group(1)) or 0) if m is not None else 0


def _headed_sections(text: str, words: re.Pattern[str], start: int, with_line: bool = False):
    """The sections (body start, end[, heading line]) after ``start`` whose heading holds one of ``words``."""
    covered = start
    for m in words.finditer(text, start):
        if m.start() < covered:
            continue
        bounds = heading_line(text, m.start())
        if bounds is None:
            continue
        line = text[bounds[0] : bounds[1]]
        end = section_end(text, bounds[1], line)
        covered = end
        yield (bounds[1], end, line) if with_line else (bounds[0], end)
