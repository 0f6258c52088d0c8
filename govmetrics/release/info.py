"""What a release says about itself beyond its tables: title, licence, citation, sources, date.

Kept apart from the writers so the pipeline can pass its own wording without touching code, and so
``created`` is computed in one place - from the inputs, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from govmetrics.release.errors import ReleaseError

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Source keys that carry a date; the newest of them dates the release.
DATE_KEYS = ("published", "retrieved", "modified")

DEFAULT_LICENSES: tuple[dict[str, str], ...] = (
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 International, for the compiled data: the tables' rows, "
        "figures, units, qualifiers, roles, periods, ids, indicator names and definitions. It does not cover "
        "the publishers' text quoted in the release (see the licence notes).",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
)

# What the licence above does not cover, said in the README beside it.
DEFAULT_LICENCE_NOTES: tuple[str, ...] = (
    "Quoted publisher text is not under CC BY 4.0: documents.text, sections.heading, sections.headline, "
    "sections.body, the sentence and quantity_text columns and the labels as worded reproduce the "
    "published reports so that every figure can be checked against its source. The rights in that text "
    "remain with its publishers (each source's licence note is in documents.license and datapackage.json); "
    "reuse it as their terms and the law on quotation allow.",
)

# How to read the tables: what an empty cell means, and what a report's year does and does not say.
DEFAULT_READING_NOTES: tuple[str, ...] = (
    "An empty cell (NULL) means the report does not say it, never zero or unknown-but-guessed: value is "
    "empty when the text states no single figure (a range carries value_min and value_max; a number "
    "without a unit such as 讨薪1.3亿 keeps its value and has no unit); period is empty when the text does "
    "not say which period a figure covers; department is empty for a report's introduction; the "
    "previous_* columns of metric_changes are empty when there is nothing to compare with.",
    "report_year is the year whose work a report describes; period is the span a figure covers when the "
    "text says so. They differ: a report published in November 2022 covers January to November "
    "(period 2022-01/2022-11 where it says 1-11月), and a figure it does not date covers the report year "
    "up to its publication date (documents.published), not necessarily the calendar year.",
    "metric_id is stable across releases: join on it. An id an older release published that is no longer an "
    "indicator is listed in metric_id_aliases with the id it is now; indicators names, defines and "
    "kinds every id (stock, flow, rate, ratio, rank), and metrics carries indicator_name_zh.",
)

DEFAULT_CAVEATS: tuple[str, ...] = (
    "Figures are read from the published text by a program, not keyed in or audited by hand. Every row "
    "keeps its source span (doc_id, start, end) and sentence: check a figure against its sentence "
    "before relying on it.",
    "Coverage is exactly the reports listed under Sources. A figure missing from the data means the "
    "reports (or the reader) did not state it, not that the activity did not happen.",
    "Values are as the reports state them: no inflation adjustment, no harmonisation of definitions "
    "across departments, cities or years.",
    "An empty cell is a missing value. The release holds no empty strings, so CSV and Parquet agree.",
)


@dataclass(frozen=True)
class PackageInfo:
    """Descriptive metadata of the dataset; the defaults describe govmetrics itself."""

    name: str = "govmetrics"
    title: str = "govmetrics: figures from Chinese city governments' annual departmental work reports"
    description: str = (
        "An open dataset of the figures (counts, amounts, shares, targets) that Chinese city "
        "governments' departments state in their annual work reports to the public, each with its "
        "department, indicator label, unit, qualifier, role, period and the exact sentence it comes from."
    )
    homepage: str | None = None
    licenses: tuple[Mapping[str, str], ...] = DEFAULT_LICENSES
    license_spdx: str | None = "CC-BY-4.0"  # for CITATION.cff, which accepts SPDX identifiers only
    authors: tuple[str, ...] = ("govmetrics contributors",)
    keywords: tuple[str, ...] = ("China", "local government", "work reports", "open data", "statistics")
    caveats: tuple[str, ...] = field(default=DEFAULT_CAVEATS)
    licence_notes: tuple[str, ...] = field(default=DEFAULT_LICENCE_NOTES)
    reading_notes: tuple[str, ...] = field(default=DEFAULT_READING_NOTES)
    # Where the dataset's repository is published (CITATION.cff repository-code); empty until it is.
    repository: str | None = field(default_factory=lambda: os.environ.get("GOVMETRICS_REPOSITORY_URL") or None)


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ReleaseError(f"source date {value!r} is not ISO 8601 (YYYY-MM-DD...)") from exc


def normalize_sources(sources: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Check each source names its raw file and sha256, and order them by path.

    Every source needs ``path`` (the raw file, relative to the repository) and ``sha256``; ``title``
    defaults to the path.  Other keys (publisher, published, url, license, ...) are kept as given.
    """
    out = []
    for s in sources:
        s = {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in s.items()}
        path, digest = s.get("path"), s.get("sha256")
        if not path:
            raise ReleaseError(f"source without a path: {s}")
        if str(path).startswith(("/", "\\")) or (len(str(path)) > 1 and str(path)[1] == ":"):
            raise ReleaseError(f"source path {path} is absolute; give it relative to the repository, "
                               "so releases built on different machines are identical")
        if not isinstance(digest, str) or not _SHA256.match(digest):
            raise ReleaseError(f"source {path}: sha256 missing or malformed ({digest!r})")
        s.setdefault("title", str(path))
        ordered = {"title": s["title"], "path": str(path), "sha256": digest}
        ordered.update({k: s[k] for k in sorted(s) if k not in ordered and s[k] is not None})
        out.append(ordered)
    paths = [s["path"] for s in out]
    if len(set(paths)) != len(paths):
        raise ReleaseError("two sources share a path")
    return sorted(out, key=lambda s: s["path"])


def created_from_sources(sources: Iterable[Mapping[str, Any]]) -> str | None:
    """The newest date any source carries, as an RFC 3339 timestamp (midnight UTC) - or None."""
    dates = [d for s in sources for k in DATE_KEYS if (d := _date(s.get(k))) is not None]
    if not dates:
        return None
    return max(dates).isoformat() + "T00:00:00Z"


# documents-table column -> source key, for sources_from_documents.
_DOCUMENT_SOURCE_KEYS = {
    "title": "title", "publisher": "publisher", "site": "site", "published": "published",
    "source_url": "url", "license": "license", "city": "city", "report_year": "report_year",
}


def sources_from_documents(documents: Any, *, raw_prefix: str = "raw") -> list[dict[str, Any]]:
    """The ``sources`` of a release from a documents table (``source_file`` relative to ``raw/``).

    A convenience for the pipeline: each document row becomes one source with its path under
    ``raw_prefix``, its sha256 and whatever provenance columns it has (title, publisher, published ...).
    Files quarantined in documents_rejected are not sources of the data and are not listed.
    """
    out = []
    for row in documents.to_dict("records"):
        src: dict[str, Any] = {"path": f"{raw_prefix.rstrip('/')}/{row['source_file']}", "sha256": row["sha256"]}
        for col, key in _DOCUMENT_SOURCE_KEYS.items():
            v = row.get(col)
            if v is not None and not pd.isna(v) and v != "":
                src[key] = v.item() if hasattr(v, "item") else v
        out.append(src)
    return out


def release_created(repository_dir: Path | str | None = None) -> str | None:
    """The release's own date (RFC 3339, UTC): $SOURCE_DATE_EPOCH, else the time of the checked-out commit.

    Both are fixed for a given state of the sources, so building the same commit twice gives the same
    bytes; neither is the clock. Outside a git checkout and without $SOURCE_DATE_EPOCH there is none,
    and the release falls back to the newest source date.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            stamp = int(epoch)
        except ValueError:
            raise ReleaseError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970") from None
        return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    where = Path(repository_dir) if repository_dir is not None else Path.cwd()
    try:
        done = subprocess.run(
            ["git", "-C", str(where), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=20, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = done.stdout.strip()
    if done.returncode != 0 or not text.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(text), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
