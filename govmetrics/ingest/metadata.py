"""One metadata record per report, merged from its sidecar, its header and its page, then checked.

Precedence, strongest first: the sidecar (the curator's word), the report's own header (title and
info line as printed), an HTML page's ``<meta>`` tags. The report year is the one field with a
fourth source, the ``raw/<year>/`` directory the file was filed under; when the header's title
year and that directory disagree and no sidecar settles it, the file is rejected rather than
filed under a guess, and so is a sidecar year that disagrees with the directory unless the sidecar
says it is meant (``year_override``). A city that neither the sidecar names nor the site name clearly gives is an
error too: a figure without its city is worthless in the dataset.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from govmetrics.ingest.errors import RejectedFile
from govmetrics.ingest.fields import check_field
from govmetrics.ingest.sidecar import conflicting_year
from govmetrics.textnorm import fold_width, is_traditional, to_simplified

MIN_YEAR = 1990
MAX_YEAR = 2100
# Keys every document's metadata carries (``None`` when unknown), in the documents table's order.
FIELDS = (
    "city", "report_year", "title", "department", "publisher", "site", "published",
    "source_url", "license", "source_note", "retrieved", "script",
)
_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$"
)
# A date of the Republic of China calendar, as Taiwan's reports print it: 112年10月30日 is 2023-10-30.
_MINGUO_DATE = re.compile(r"^\s*(?:民[國国])?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_MINGUO_OFFSET = 1911
#: Reports published in these months review the year before: a 政府工作报告 given in January, a
#: year-end summary dated February. Used only when nothing but the publication date gives a year.
REVIEW_MONTHS = (1, 2)
# Site names that are a city's portal: 青岛政务网, 海川市人民政府门户网站, 深圳政府在线.
_CITY_SITE = re.compile(
    r"^([\u4e00-\u9fff]{2,6}?)市?(?:人民政府)?(?:政务网|政府网|政府门户网站|门户网站|政府网站|政务服务网|政府在线)$"
)


def parse_date(value: str, field: str, origin: str) -> str:
    """An ISO date from ``2022-11-28``, ``2022/11/28``, ``2022年11月28日`` (a time may follow)."""
    match = _DATE.match(fold_width(value))
    if match is not None:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
        except ValueError:
            pass
    raise RejectedFile("invalid_metadata", f"{origin}: field {field!r} is {value!r}, not a valid date (expected YYYY-MM-DD)")


def printed_date(value: str, origin: str, *, strict: bool = True) -> str | None:
    """The ISO date a report prints in its own header or page.

    A Republic of China date, as Taiwan's reports print it (``112年10月30日``), is converted. A date
    that cannot be read rejects the file in a build, where a wrong date would be published; a
    one-off reading (``strict=False``) leaves it unknown instead, so a typo in a header
    (``20247月22日``) does not hide the figures of the text.
    """
    folded = fold_width(value)
    if (minguo := _MINGUO_DATE.match(folded)) is not None:
        try:
            return date(int(minguo.group(1)) + _MINGUO_OFFSET, int(minguo.group(2)), int(minguo.group(3))).isoformat()
        except ValueError:
            pass
    try:
        return parse_date(value, "published", origin)
    except RejectedFile:
        if strict:
            raise
        return None


def _parse_retrieved(value: str, origin: str) -> str:
    """When the file was retrieved: an ISO 8601 date or date-time, kept at the precision given."""
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(value.strip()).isoformat()
        except ValueError:
            continue
    raise RejectedFile("invalid_metadata", f"{origin}: field 'retrieved' is {value!r}, not an ISO 8601 date or date-time")


def _year(value: Any, field: str, origin: str) -> int:
    year = int(value)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise RejectedFile("invalid_metadata", f"{origin}: field {field!r} is {year}, outside {MIN_YEAR}-{MAX_YEAR}")
    return year


def city_from_site(site: str | None) -> str | None:
    """The city a government portal belongs to (``青岛政务网`` -> ``青岛``), when the name says so plainly."""
    if not site:
        return None
    match = _CITY_SITE.match(to_simplified(site.strip()))
    return match.group(1) if match else None


def merge_metadata(
    name: str,
    text: str,
    *,
    sidecar: dict[str, Any],
    sidecar_name: str,
    header: dict[str, str],
    page: dict[str, str] | None = None,
    directory_year: int | None = None,
    require: bool = True,
) -> dict[str, Any]:
    """The checked metadata of a report; raises ``RejectedFile`` (``invalid_metadata``) naming the field.

    ``name`` is the report's file name and ``sidecar_name`` its sidecar's, so each message points at
    the file that holds the bad value. With ``require=False`` a missing city is left ``None`` and a
    missing year is guessed from the publication date, or left ``None`` without one, instead of
    rejecting the file (for one-off command-line reading); bad values still reject.
    """
    page = page or {}
    sources = (("sidecar", sidecar_name, sidecar), ("header", f"{name} (header)", header), ("page", f"{name} (<meta>)", page))

    def pick(key: str) -> tuple[Any, str] | None:
        for _, origin, values in sources:
            if values.get(key) not in (None, ""):
                return values[key], origin
        return None

    meta: dict[str, Any] = dict.fromkeys(FIELDS)
    for key in ("title", "department", "publisher", "site", "source_url", "license", "source_note"):
        if (found := pick(key)) is not None:
            meta[key] = check_field(key, str(found[0]), found[1]) or None
    if (found := pick("published")) is not None:
        value, origin = str(found[0]), found[1]
        if origin == sidecar_name:
            meta["published"] = parse_date(value, "published", origin)
        else:
            meta["published"] = printed_date(value, origin, strict=require)
    if "retrieved" in sidecar:
        meta["retrieved"] = _parse_retrieved(str(sidecar["retrieved"]), sidecar_name)
    meta["report_year"] = _report_year(name, sidecar, sidecar_name, header, page, directory_year, require)
    if meta["report_year"] is None and meta["published"]:
        meta["report_year"] = year_of_publication(meta["published"])
    if meta["published"] and meta["report_year"] and meta["report_year"] > int(meta["published"][:4]) + 1:
        raise RejectedFile(
            "invalid_metadata",
            f"{name}: report_year {meta['report_year']} is after the publication date {meta['published']}",
        )
    meta["city"] = sidecar.get("city") or city_from_site(meta["site"])
    if not meta["city"] and require:
        where = f"site {meta['site']!r} does not name a city plainly" if meta["site"] else "no site is printed in its header"
        raise RejectedFile(
            "invalid_metadata", f"{name}: no city: the sidecar gives none and the {where}; add 'city' to {sidecar_name}"
        )
    if require and (year := conflicting_year(sidecar, directory_year)) is not None:
        raise RejectedFile(
            "year_conflict",
            f"{sidecar_name}: report_year {year}, but {name} is filed under {directory_year}/; move the file, "
            f"correct the year, or set 'year_override: true' with a 'year_override_reason'",
        )
    meta["script"] = "traditional" if is_traditional(text) else "simplified"
    return meta


def year_of_publication(published: str) -> int:
    """The year a report published on ``published`` (ISO date) is most likely about.

    A guess, so it is used only when a report is read leniently (``require=False``) and neither a
    sidecar, a title nor a directory gives the year: a news item dated 2023-10-26 reports on 2023;
    a government work report dated 2024-01-15 reviews 2023.
    """
    year, month = int(published[:4]), int(published[5:7])
    return year - 1 if month in REVIEW_MONTHS else year


def _report_year(
    name: str,
    sidecar: dict[str, Any],
    sidecar_name: str,
    header: dict[str, str],
    page: dict[str, str],
    directory_year: int | None,
    require: bool,
) -> int | None:
    if "report_year" in sidecar:
        return _year(sidecar["report_year"], "report_year", sidecar_name)
    title_year = header.get("title_year") or page.get("title_year")
    if title_year is not None and directory_year is not None and int(title_year) != directory_year:
        raise RejectedFile(
            "year_conflict",
            f"{name}: the title says {title_year} but the file is filed under {directory_year}/; "
            f"move it or set 'report_year' in {sidecar_name}",
        )
    if title_year is not None:
        return _year(title_year, "report_year", f"{name} (title)")
    if directory_year is not None:
        return _year(directory_year, "report_year", f"{name} (directory)")
    if require:
        raise RejectedFile(
            "invalid_metadata",
            f"{name}: no report year: the title prints none and the file is not under raw/<year>/; "
            f"set 'report_year' in {sidecar_name}",
        )
    return None
