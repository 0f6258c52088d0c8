"""The sources manifest, ``raw/sources.yml``: which pages to fetch, and what each of them is.

The manifest is the curator's word about a source, written once and copied into the sidecar of
every snapshot taken of it, so it is held to a closed set of keys like a sidecar: a misspelt key
(``reprot_year``) or a missing city must stop the run with a message naming the file, the entry
and the field, not produce snapshots that the build then quarantines one by one.

Whether a URL can be fetched (its scheme, its host) is not checked here: that is a property of
one source, reported with that source, while the others are still fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from govmetrics.fetch.names import slug
from govmetrics.ingest.metadata import MAX_YEAR, MIN_YEAR

REQUIRED = ("url", "city", "report_year")
OPTIONAL = ("department", "publisher", "title", "license", "name")
KEYS = (*REQUIRED, *OPTIONAL)


class ManifestError(ValueError):
    """The manifest cannot be used; the message names the file, the entry and the problem."""


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the manifest: a page to fetch and the metadata its snapshots carry."""

    url: str
    city: str
    report_year: int
    department: str | None = None
    publisher: str | None = None
    title: str | None = None
    license: str | None = None
    name: str | None = None

    def sidecar_fields(self) -> dict[str, Any]:
        """The manifest's fields as sidecar keys (``url`` becomes ``source_url``), unset ones left out."""
        fields: dict[str, Any] = {"source_url": self.url, "name": self.name, "city": self.city}
        fields["report_year"] = self.report_year
        for key in ("department", "publisher", "title", "license"):
            fields[key] = getattr(self, key)
        return {key: value for key, value in fields.items() if value is not None}


class _TextLoader(yaml.SafeLoader):
    """Safe YAML whose scalars all stay text: ``yes`` in a title must not become ``True``."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_manifest(path: str | Path) -> list[Source]:
    """The sources listed in ``path``; raises ``ManifestError`` naming what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ManifestError(f"{path}: no sources manifest there (expected a YAML file with a 'sources:' list)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read the manifest as UTF-8 ({exc})") from None
    return parse_manifest(text, str(path))


def parse_manifest(text: str, origin: str) -> list[Source]:
    """The sources of a manifest's text; ``origin`` is the file name used in messages."""
    try:
        data = yaml.load(text, Loader=_TextLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise ManifestError(f"{origin}: not valid YAML{line}: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        raise ManifestError(f"{origin}: empty; expected a mapping with a 'sources:' list")
    if not isinstance(data, dict) or set(data) != {"sources"}:
        found = sorted(map(str, data)) if isinstance(data, dict) else type(data).__name__
        raise ManifestError(f"{origin}: expected a mapping with the one key 'sources', found {found}")
    entries = data["sources"] or []
    if not isinstance(entries, list):
        raise ManifestError(f"{origin}: 'sources' should be a list of entries, found {type(entries).__name__}")
    sources = [_source(entry, f"{origin}: entry {number}") for number, entry in enumerate(entries, start=1)]
    _check_unique(sources, origin)
    return sources


def _source(entry: Any, where: str) -> Source:
    if not isinstance(entry, dict):
        raise ManifestError(f"{where}: expected a mapping of keys to values, found {type(entry).__name__}")
    unknown = sorted(str(key) for key in entry if key not in KEYS)
    if unknown:
        raise ManifestError(
            f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"allowed keys are {', '.join(KEYS)}"
        )
    values: dict[str, str] = {}
    for key, value in entry.items():
        if value is None:
            continue
        if not isinstance(value, str):
            kind = {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
            raise ManifestError(f"{where}: field {key!r} should be a single value, found {kind}")
        if value.strip():
            values[key] = value.strip()
    missing = [key for key in REQUIRED if key not in values]
    if missing:
        raise ManifestError(f"{where}: missing required field{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}")
    year = values.pop("report_year")
    if not (year.isascii() and year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR):
        raise ManifestError(f"{where}: field 'report_year' is {year!r}, not a year between {MIN_YEAR} and {MAX_YEAR}")
    if "name" in values and not slug(values["name"]):
        raise ManifestError(
            f"{where}: field 'name' is {values['name']!r}, which has no letters or digits usable in a file name (a-z, 0-9)"
        )
    return Source(report_year=int(year), **values)


def _check_unique(sources: list[Source], origin: str) -> None:
    """One entry per URL, and explicit names that do not collide once made file-safe."""
    seen_urls: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for number, source in enumerate(sources, start=1):
        if source.url in seen_urls:
            raise ManifestError(f"{origin}: entry {number}: url {source.url!r} is already listed by entry {seen_urls[source.url]}")
        seen_urls[source.url] = number
        if source.name is not None:
            key = slug(source.name)
            if key in seen_names:
                raise ManifestError(
                    f"{origin}: entry {number}: name {source.name!r} gives the same file name ({key}) as entry {seen_names[key]}"
                )
            seen_names[key] = number
