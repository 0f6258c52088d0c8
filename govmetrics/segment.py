"""Department segmentation: split a report into department sections.

The 三民 reports print each department as a heading line that opens with the department's name,
a short headline-figure line, then body paragraphs. Headings are recognised by shape (a short line
without sentence punctuation that starts with a department name), never by a list of titles, so a
report of another year or city segments the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from govmetrics.departments import department_in_opening, find_department
from govmetrics.model import Section

_MAX_HEADING = 40
_MAX_HEADLINE = 40
_SENTENCE_PUNCT = re.compile(r"[。；;！!？?]")
_NUMERAL = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿兩萬億]")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank lines of a text, without their surrounding whitespace."""
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        yield match.start() + lead, match.start() + lead + len(stripped)


def _is_heading(line: str) -> str | None:
    if len(line) > _MAX_HEADING or _SENTENCE_PUNCT.search(line) or line.endswith((",", "，", ":", "：")):
        return None
    return find_department(line)


def _is_headline(line: str) -> bool:
    return len(line) <= _MAX_HEADLINE and not _SENTENCE_PUNCT.search(line) and bool(_NUMERAL.search(line))


def segment(text: str, default_department: str | None = None) -> list[Section]:
    """Sections covering the whole text, in order.

    Text before the first heading is the introduction (department ``default_department``, which is
    ``None`` for a multi-department report and the sidecar's department for a one-department one).
    A report without any department heading is one department's summary: with no default given,
    its department is the one its first sentence names (``今年以来,市教育局…``), if any.
    """
    spans = list(paragraphs(text))
    headings: list[tuple[int, str, tuple[int, int] | None]] = []
    for i, (start, end) in enumerate(spans):
        department = _is_heading(text[start:end])
        if department is None:
            continue
        headline = None
        if i + 1 < len(spans):
            nxt = spans[i + 1]
            if _is_headline(text[nxt[0] : nxt[1]]) and find_department(text[nxt[0] : nxt[1]]) is None:
                headline = nxt
        headings.append((i, department, headline))

    if not headings and default_department is None:
        default_department = department_in_opening(text)
    sections: list[Section] = []
    first = spans[headings[0][0]][0] if headings else len(text)
    if first > 0 or not headings:
        sections.append(Section(seq=0, department=default_department, start=0, end=first))
    for n, (i, department, headline) in enumerate(headings):
        start = spans[i][0]
        end = spans[headings[n + 1][0]][0] if n + 1 < len(headings) else len(text)
        sections.append(
            Section(
                seq=len(sections),
                department=department,
                start=start,
                end=end,
                heading_start=spans[i][0],
                heading_end=spans[i][1],
                headline_start=headline[0] if headline else None,
                headline_end=headline[1] if headline else None,
            )
        )
    return sections


def section_at(sections: list[Section], pos: int, starts: list[int] | None = None) -> Section | None:
    """The section holding ``pos``, by bisection over the section starts (sections are in text order).

    Pass ``starts`` (``[s.start for s in sections]``) when looking up many positions, so each lookup
    costs O(log sections) rather than a scan of every section.
    """
    starts = starts if starts is not None else [s.start for s in sections]
    i = bisect_right(starts, pos) - 1
    if i >= 0 and sections[i].contains(pos):
        return sections[i]
    return None
