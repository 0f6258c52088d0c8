"""The report's own header: title line, then ``site 发布日期 : date 来源 : source``."""

from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(r"发布日期\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s]+)")
_SITE = re.compile(r"^\s*(\S+?)\s+发布日期")
_YEAR_TITLE = re.compile(r"^\s*((?:19|20)\d{2})")


def parse_header(text: str) -> dict[str, object]:
    """Title, site, publication date, source and report year read from the first lines, if present."""
    lines = [line.strip() for line in text.splitlines()[:6] if line.strip()]
    meta: dict[str, object] = {}
    if lines:
        meta["title"] = lines[0]
        match = _YEAR_TITLE.match(lines[0])
        if match:
            meta["report_year"] = int(match.group(1))
    for line in lines[:4]:
        if (m := _DATE.search(line)) is not None:
            meta["published"] = date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            meta.setdefault("report_year", int(m.group(1)))
            if (s := _SITE.search(line)) is not None:
                meta["site"] = s.group(1)
            if (s := _SOURCE.search(line)) is not None:
                meta["source"] = s.group(1)
            break
    return meta
