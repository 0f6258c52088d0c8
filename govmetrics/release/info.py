"""What a release says about itself beyond its tables: title, licence, citation, sources, date.

Kept apart from the writers so the pipeline can pass its own wording without touching code, and so
``created`` is computed in one place - from the inputs, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
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
        "title": "Creative Commons Attribution 4.0 International, for the compiled figures and tables. The "
        "report texts quoted in documents.text and in each row's sentence are reproduced so that every "
        "figure can be checked; the rights in those texts remain with their publishers (see each source).",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
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
