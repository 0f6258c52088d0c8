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

TEXT_KEYS = ("city", "department", "title", "publisher", "site", "source_url", "license", "source_note")
KEYS = (*TEXT_KEYS, "report_year", "published", "retrieved", "encoding", "sha256")
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


def load_sidecar(path: Path, name: str) -> dict[str, Any]:
    """The sidecar's fields with light type checks (``{}`` when there is no sidecar).

    Dates stay strings here and are checked with the merged metadata; ``name`` is the sidecar's name
    as it should appear in messages.
    """
    if not path.is_file():
        return {}
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RejectedFile("invalid_metadata", f"{name}: cannot read the sidecar as UTF-8 ({exc})") from None
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
            f"{name}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"allowed keys are {', '.join(KEYS)}",
        )
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        out[key] = _check(key, value, name)
    return out


def _check(key: str, value: Any, name: str) -> Any:
    if not isinstance(value, str):
        kind = {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
        raise RejectedFile("invalid_metadata", f"{name}: field {key!r} should be a single value, found {kind}")
    value = value.strip()
    if key == "report_year":
        if not (value.isascii() and value.isdigit()):
            raise RejectedFile("invalid_metadata", f"{name}: field 'report_year' is {value!r}, not a year")
        return int(value)
    if key == "encoding" and codec_name(value) is None:
        raise RejectedFile("invalid_metadata", f"{name}: field 'encoding' is {value!r}, not a known encoding")
    if key == "sha256" and not _SHA256.match(value.lower()):
        raise RejectedFile("invalid_metadata", f"{name}: field 'sha256' is {value!r}, not 64 hexadecimal digits")
    return value.lower() if key == "sha256" else value
