"""The release's ``datapackage.json`` (Frictionless Data Package, validated by frictionless 5).

Each table is one tabular resource - its canonical CSV, with the Table Schema generated from the
pandera model - plus a ``file`` resource for its Parquet twin.  frictionless 5 cannot parse Parquet
without an extra plugin, but it does check the byte count and sha256 of a ``file`` resource, so
every published data file is still listed and verified.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from govmetrics.release.checksums import sha256_hex
from govmetrics.release.info import PackageInfo

MEDIATYPES = {
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
}


def resource(
    name: str,
    path: str,
    data: bytes,
    *,
    fmt: str,
    description: str,
    encoding: str | None = None,
    schema: Mapping[str, Any] | None = None,
    tabular: bool = True,
) -> dict[str, Any]:
    """One resource entry; ``bytes`` and ``hash`` come from the exact bytes written."""
    return resource_entry(name, path, len(data), sha256_hex(data), fmt=fmt, description=description,
                          encoding=encoding, schema=schema, tabular=tabular)


def resource_entry(
    name: str,
    path: str,
    size: int,
    digest: str,
    *,
    fmt: str,
    description: str,
    encoding: str | None = None,
    schema: Mapping[str, Any] | None = None,
    tabular: bool = True,
) -> dict[str, Any]:
    """One resource entry for a file already written, from its size and sha256."""
    out: dict[str, Any] = {"name": name, "path": path}
    if not tabular:
        out["type"] = "file"
    out["description"] = description
    out["format"] = fmt
    out["mediatype"] = MEDIATYPES[fmt]
    if encoding:
        out["encoding"] = encoding
    out["bytes"] = size
    out["hash"] = "sha256:" + digest
    if schema is not None:
        out["schema"] = dict(schema)
    return out


def datapackage(
    *,
    info: PackageInfo,
    version: str,
    created: str | None,
    sources: Sequence[Mapping[str, Any]],
    resources: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """The descriptor, keys in a fixed reading order (name and version first, resources last)."""
    out: dict[str, Any] = {"name": info.name, "title": info.title, "description": info.description}
    out["version"] = version
    if created:
        out["created"] = created
    if info.homepage:
        out["homepage"] = info.homepage
    out["keywords"] = list(info.keywords)
    out["licenses"] = [dict(lic) for lic in info.licenses]
    out["sources"] = [dict(s) for s in sources]
    out["resources"] = [dict(r) for r in resources]
    return out


def datapackage_json(descriptor: Mapping[str, Any]) -> bytes:
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
