"""What a cached result depends on: the code that made it, and the bytes it was made from.

A per-document result is reused only when its key is equal, and the key covers everything that can
change the rows: the raw file's SHA-256, its sidecar's SHA-256, its path under ``raw/`` (the
``raw/<year>/`` directory is a source of metadata) and the code version. The code version hashes
the source of every module that reads, extracts or compares (all of ``govmetrics/`` but the release
writers), the table models and reference tables in ``schemas/``, and the versions of the libraries
whose behaviour shapes the rows. Editing any of them makes every key new, so a changed rule is never
hidden by the cache; publishing code is left out because it never changes what a document yields.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
_PACKAGES = ("govmetrics", "schemas")
# Modules that only write releases, render their site, fetch raw files or drive the command line:
# they never change a document's rows.
_EXCLUDED = ("govmetrics/release/", "govmetrics/site/", "govmetrics/fetch/", "govmetrics/explore.py", "govmetrics/cli.py")
# What shapes a release beyond its tables: the writers and the site.
_PUBLISHING = ("govmetrics/release/", "govmetrics/site/")
_SOURCE_SUFFIXES = (".py", ".csv", ".yml", ".yaml", ".json")
_LIBRARIES = ("pandas", "pyarrow", "pandera", "opencc", "charset-normalizer", "selectolax", "pyyaml")


def _library_versions() -> list[str]:
    out = []
    for name in _LIBRARIES:
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}==absent")
    return out


@lru_cache(maxsize=1)
def code_version() -> str:
    """A short hash of the code and reference data behind every cached result (stable across processes)."""
    digest = hashlib.sha256()
    for package in _PACKAGES:
        for path in sorted((_ROOT / package).rglob("*")):
            rel = path.relative_to(_ROOT).as_posix()
            if not path.is_file() or not rel.endswith(_SOURCE_SUFFIXES) or rel.startswith(_EXCLUDED):
                continue
            if "__pycache__" in rel:
                continue
            digest.update(rel.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for line in _library_versions():
        digest.update(line.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def publishing_version() -> str:
    """A short hash of the code that writes a release and its site (files of every kind, templates too)."""
    digest = hashlib.sha256()
    for folder in _PUBLISHING:
        for path in sorted((_ROOT / folder).rglob("*")):
            rel = path.relative_to(_ROOT).as_posix()
            if path.is_file() and "__pycache__" not in rel:
                digest.update(rel.encode("utf-8") + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def document_key(path: str, sha256: str, sidecar_sha256: str | None, version: str | None = None) -> str:
    """The cache key of one raw file's rows: its path, its bytes, its sidecar's bytes and the code version."""
    text = "\0".join((version or code_version(), path, sha256, sidecar_sha256 or ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def combined_key(parts: list[str] | tuple[str, ...], *, version: str | None = None) -> str:
    """One key for a set of keys (order-independent), e.g. every document a table is made of."""
    digest = hashlib.sha256((version or code_version()).encode("utf-8"))
    for part in sorted(parts):
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()[:32]
