"""The metadata sidecar ``<name>.meta.yml`` written beside a raw file by whoever collected it.

The sidecar is the curator's word about a file and overrides what the report's header says, so it
is held to a closed set of keys with checked values: a typo (``relase_year``) or an impossible date
must stop the file with a message naming the sidecar and the field, not slip into the dataset.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from govmetrics.ingest.decode import codec_name
from govmetrics.ingest.errors import RejectedFile
from govmetrics.ingest.fields import check_field, shown
from govmetrics.ingest.files import check_inside

TEXT_KEYS = ("city", "department", "title", "publisher", "site", "source_url", "license", "source_note")
# Written by ``govmetrics fetch``: the manifest's name for the source and the HTTP response as served
# (kept in the sidecar, not published).
FETCH_KEYS = ("name", "final_url", "http_status", "content_type", "charset", "etag", "last_modified")
# A report filed under another year's directory on purpose says so, and why.
YEAR_KEYS = ("year_override", "year_override_reason")
KEYS = (*TEXT_KEYS, "report_year", "published", "retrieved", "encoding", "sha256", *FETCH_KEYS, *YEAR_KEYS)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it: 10x faster
    """Safe YAML whose scalars all stay text (only an empty value is null).

    A bad date must be reported, not crash the parser; a hash made only of digits must not become
    an integer; ``yes`` in a note must not become ``True``. Values are typed by ``_check`` instead.
    """


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_sidecar(path: Path, name: str, raw_root: Path | None = None) -> dict[str, Any]:
    """The sidecar's fields with light type checks (``{}`` when there is no sidecar).

    Dates stay strings here and are checked with the merged metadata; ``name`` is the sidecar's name
    as it should appear in messages. Under ``raw_root`` a sidecar that links outside it is refused
    unread. Text values come back cleaned (see ``govmetrics.ingest.fields``).
    """
    if not path.is_symlink() and not path.exists():
        return {}
    if raw_root is not None:
        check_inside(path, raw_root, name)
    if not path.is_file():
        raise RejectedFile("invalid_metadata", f"{name}: the sidecar is not a regular file")
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RejectedFile("invalid_metadata", f"{name}: cannot read the sidecar: {exc.strerror or type(exc).__name__}") from None
    except UnicodeDecodeError as exc:
        raise RejectedFile("invalid_metadata", f"{name}: cannot read the sidecar as UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        data = yaml.load(raw, Loader=_TextLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise RejectedFile("invalid_metadata", f"{name}: not valid YAML{line}: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RejectedFile("invalid_metadata", f"{name}: expected a mapping of keys to values, found {type(data).__name__}")
    unknown = sorted(str(key) for key in data if key not in KEYS)
    if unknown:
        raise RejectedFile(
            "invalid_metadata",
            f"{name}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(map(shown, unknown))}; "
            f"allowed keys are {', '.join(KEYS)}",
        )
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        out[key] = _check(key, value, name)
    if out.get("year_override") and "year_override_reason" not in out:
        raise RejectedFile(
            "invalid_metadata", f"{name}: 'year_override: true' needs a 'year_override_reason' saying why"
        )
    return out


def year_overridden(sidecar: dict[str, Any]) -> bool:
    """Whether the sidecar files its report under another year's directory on purpose."""
    return sidecar.get("year_override") is True


def conflicting_year(sidecar: dict[str, Any], directory_year: int | None) -> int | None:
    """The sidecar's report year when it disagrees with the ``raw/<year>/`` directory unannounced.

    A year typed wrong in a sidecar would otherwise publish a release named after it, so the two
    must agree unless the sidecar sets ``year_override: true`` and says why.
    """
    year = sidecar.get("report_year")
    if year is None or directory_year is None or year == directory_year or year_overridden(sidecar):
        return None
    return year


def _check(key: str, value: Any, name: str) -> Any:
    if not isinstance(value, str):
        kind = {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
        raise RejectedFile("invalid_metadata", f"{name}: field {key!r} should be a single value, found {kind}")
    value = check_field(key, value, name)
    if not value:  # nothing but control characters
        raise RejectedFile("invalid_metadata", f"{name}: field {key!r} holds no text, only control characters")
    if key == "report_year":
        if not (value.isascii() and value.isdigit()):
            raise RejectedFile("invalid_metadata", f"{name}: field 'report_year' is {shown(value)}, not a year")
        return int(value)
    if key == "year_override":
        if value.lower() not in ("true", "false"):
            raise RejectedFile("invalid_metadata", f"{name}: field 'year_override' is {shown(value)}, not true or false")
        return value.lower() == "true"
    if key == "http_status" and not (value.isascii() and value.isdigit() and 100 <= int(value) <= 599):
        raise RejectedFile("invalid_metadata", f"{name}: field 'http_status' is {shown(value)}, not an HTTP status")
    if key == "encoding" and codec_name(value) is None:
        raise RejectedFile("invalid_metadata", f"{name}: field 'encoding' is {shown(value)}, not a known encoding")
    if key == "sha256" and not _SHA256.match(value.lower()):
        raise RejectedFile("invalid_metadata", f"{name}: field 'sha256' is {shown(value)}, not 64 hexadecimal digits")
    return value.lower() if key == "sha256" else value
