"""What a metadata value may be: one line of plain text of bounded length, and a URL only http(s).

Metadata ends up in every release: in the tables, in ``datapackage.json`` and in the README a
reader opens first. Whoever wrote a sidecar (or a page's header) must not be able to put markup,
terminal escapes or a megabyte of text there, so every value is cleaned and bounded here, before it
is merged. Cleaning removes what is never data (control and direction-override characters); a value
too long or a URL of another scheme is refused, because shortening or dropping it would publish
something the curator did not write.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from govmetrics.ingest.errors import RejectedFile

# Line and paragraph breaks and tabs become spaces: a metadata value is one line.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
# C0/C1 controls (terminal escapes, NUL, DEL), direction overrides that reorder what a reader sees,
# and the byte-order mark.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r" {2,}")

#: Longest value accepted per field, in characters; real values are a fraction of these.
MAX_LENGTH = {
    "city": 50,
    "department": 100,
    "title": 300,
    "publisher": 200,
    "site": 200,
    "source_url": 2048,
    "final_url": 2048,
    "license": 1000,
    "source_note": 2000,
    "year_override_reason": 1000,
    "content_type": 200,
    "charset": 50,
}
DEFAULT_MAX_LENGTH = 200
URL_FIELDS = frozenset({"source_url", "final_url"})
URL_SCHEMES = ("http", "https")


def clean_text(value: str) -> str:
    """``value`` without control characters, on one line, without leading or trailing spaces."""
    return _SPACES.sub(" ", _CONTROLS.sub("", _BREAKS.sub(" ", value))).strip()


def shown(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: its repr, cut short, so a huge value cannot flood a table cell."""
    return repr(value) if len(value) <= limit else repr(value[:limit]) + f"… ({len(value):,} characters)"


def check_field(key: str, value: str, origin: str) -> str:
    """The cleaned value of metadata field ``key``; ``RejectedFile`` if it is too long or a bad URL.

    ``origin`` names where the value was read (a sidecar, a header), for the message.
    """
    cleaned = clean_text(value)
    limit = MAX_LENGTH.get(key, DEFAULT_MAX_LENGTH)
    if len(cleaned) > limit:
        raise RejectedFile(
            "invalid_metadata",
            f"{origin}: field {key!r} is {len(cleaned):,} characters long, above the limit of {limit:,}",
        )
    if key in URL_FIELDS and cleaned and not is_web_url(cleaned):
        raise RejectedFile(
            "invalid_metadata", f"{origin}: field {key!r} is {shown(cleaned)}, not an http or https URL"
        )
    return cleaned


def is_web_url(value: str) -> bool:
    """An absolute ``http``/``https`` URL with a host and no spaces (``javascript:``, ``file:`` are not)."""
    if any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in URL_SCHEMES and bool(parts.hostname)
