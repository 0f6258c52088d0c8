"""SHA-256 digests and the ``SHA256SUMS`` file (the format ``sha256sum -c`` reads)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256sums(files: Mapping[str, bytes]) -> bytes:
    """One ``<hex>  <path>`` line per file, sorted by path, so equal releases give equal files."""
    lines = [f"{sha256_hex(files[name])}  {name}\n" for name in sorted(files)]
    return "".join(lines).encode("utf-8")


def parse_sha256sums(text: str) -> dict[str, str]:
    """Path -> hex digest from a ``SHA256SUMS`` file (text mode, as :func:`sha256sums` writes it)."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            raise ValueError(f"not a sha256sum line: {line!r}")
        out[name.lstrip("*")] = digest
    return out
