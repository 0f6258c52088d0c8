"""The report's own header: a title line, then ``site 发布日期 : date 来源 : source``.

A repost's info line may open with a bare date (``2023-10-26 09:41  来源：…``), and a summary or a
speech may print its date on a line of its own (``（2024年1月8日）``, ``——2024年1月15日在…会议上``):
both are read as the publication date.

Reposted reports keep the page header of the site they were copied from. It is read from the
canonical reading form (Simplified, half width) so that a Traditional or full-width header parses
the same, while the values are sliced from the published text, as printed. Values are returned
unvalidated: a field the sidecar overrides must not reject a file, so checking happens after the
merge.
"""

from __future__ import annotations

import re

from govmetrics.textnorm import normalize

_HEADER_LINES = 6
_MAX_TITLE = 80
_INFO = re.compile(r"(发布日期|发布时间|发稿时间|日期|来源)\s*[:：]")
_DATE = re.compile(r"(?:发布日期|发布时间|发稿时间|日期)\s*[:：]\s*([0-9][0-9年月日/.:\- ]*[0-9日])")
_SOURCE = re.compile(r"来源\s*[:：]\s*(\S+)")
_SITE = re.compile(r"^(\S+?)\s+(?:发布日期|发布时间|发稿时间|日期|来源)\s*[:：]")
_TITLE_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
_BARE_DATE = r"((?:19|20)[0-9]{2}(?:-[0-9]{1,2}-[0-9]{1,2}|/[0-9]{1,2}/[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)(?: [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?)"
# A repost's info line that opens with its date: ``2023-10-26 09:41  来源：岚州新闻网``.
_LEADING_DATE = re.compile(r"^\s*" + _BARE_DATE + r"(?![0-9])")
# A line that is only a date, or a speech's dateline: ``（2024年1月8日）``, ``——2024年1月15日在…会议上``.
_DATE_LINE = re.compile(r"^[\s(（—\-]*" + _BARE_DATE + r"\s*(?:[)）]|在[^。；;\n]{0,60}上)?\s*$")


def _lines(text: str, limit: int) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((match.start() + lead, match.start() + lead + len(line.strip())))
            if len(spans) == limit:
                break
    return spans


def _is_title(line: str) -> bool:
    return len(line) <= _MAX_TITLE and not line.endswith(("。", ".", ";", "；")) and not _INFO.search(line)


def parse_header(text: str) -> dict[str, str]:
    """``title``, ``site``, ``published`` (as printed), ``publisher`` (the 来源) and ``title_year``.

    Only keys the header actually states are present. ``title_year`` is the first year printed in
    the title (``2022“三民”活动`` -> ``"2022"``): the report year when nothing more explicit says.
    """
    normalized = normalize(text[:4000])
    reading = normalized.text

    def printed(start: int, end: int) -> str:
        """The published text of a span of the reading form (which may have dropped characters)."""
        first, last = normalized.span(start, end)
        return text[first:last]

    spans = _lines(reading, _HEADER_LINES)
    meta: dict[str, str] = {}
    if spans and _is_title(reading[spans[0][0] : spans[0][1]]):
        start, end = spans[0]
        meta["title"] = printed(start, end)
        if (year := _TITLE_YEAR.search(reading, start, end)) is not None:
            meta["title_year"] = year.group(1)
    for start, end in spans[:4]:
        line = reading[start:end]
        if not _INFO.search(line):
            if "published" not in meta and (match := _DATE_LINE.match(line)) is not None:
                meta["published"] = printed(start + match.start(1), start + match.end(1)).strip()
            continue
        for key, pattern in (("published", _DATE), ("publisher", _SOURCE), ("site", _SITE)):
            if (match := pattern.search(line)) is not None:
                meta[key] = printed(start + match.start(1), start + match.end(1)).strip()
        if "published" not in meta and (match := _LEADING_DATE.match(line)) is not None:
            meta["published"] = printed(start + match.start(1), start + match.end(1)).strip()
        break
    return meta
