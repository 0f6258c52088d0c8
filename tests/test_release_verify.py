"""``verify_release`` / ``verify_outputs``: every way a published release can differ from itself.

One release is published once per module; each case damages a copy of it and names the problem
verify must report (or that it must report none).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govmetrics.release import publish, verify_outputs, verify_release
from govmetrics.release.checksums import parse_sha256sums, sha256sums
from release_fixtures import synthetic_sources, synthetic_tables, synthetic_years

KEYS = ["qingdao-2022"]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("verify") / "out"
    publish(synthetic_tables(KEYS), out, sources=synthetic_sources(KEYS), report_years=synthetic_years(KEYS))
    return out


def _rewrite(path: Path, data: bytes) -> None:
    path.chmod(0o644)
    path.write_bytes(data)


def _flip(rel: str) -> Callable[[Path], None]:
    def damage(release: Path) -> None:
        data = bytearray((release / rel).read_bytes())
        data[len(data) // 2] ^= 0x20
        _rewrite(release / rel, bytes(data))

    return damage


def _consistent_csv_edit(release: Path) -> None:
    """Change metrics.csv and SHA256SUMS to match it: only datapackage.json still tells."""
    csv = release / "metrics.csv"
    _rewrite(csv, csv.read_bytes().replace(b"\n", b"\n ", 1))
    sums = parse_sha256sums((release / "SHA256SUMS").read_text(encoding="utf-8"))
    sums["metrics.csv"] = hashlib.sha256(csv.read_bytes()).hexdigest()
    lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))
    _rewrite(release / "SHA256SUMS", lines.encode("utf-8"))


def _escaping_sums(release: Path) -> None:
    sums = release / "SHA256SUMS"
    _rewrite(sums, sums.read_bytes() + sha256sums({"../../etc/passwd": b""}))


def _descriptor_path_out(release: Path) -> None:
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"][0]["path"] = "/etc/passwd"
    _rewrite(release / "datapackage.json", json.dumps(package).encode("utf-8"))


def _own_checksum(content: bytes) -> Callable[[Path], None]:
    """A file covered by a ``<name>.sha256`` of its own (as an archive is), then given ``content``."""

    def damage(release: Path) -> None:
        (release / "extra.bin.sha256").write_bytes(sha256sums({"extra.bin": b"original"}))
        (release / "extra.bin").write_bytes(content)

    return damage


RELEASE_CASES = [
    ("intact", None, []),
    ("a byte of a Parquet file", _flip("metrics.parquet"), ["v2022.1/metrics.parquet: its SHA-256 differs from SHA256SUMS"]),
    ("a byte of the README", _flip("README.md"), ["v2022.1/README.md: its SHA-256 differs from SHA256SUMS"]),
    ("a file only its own .sha256 lists", _own_checksum(b"changed"), ["v2022.1/extra.bin: its SHA-256 differs from extra.bin.sha256"]),
    ("a file its own .sha256 lists, intact", _own_checksum(b"original"), []),
    ("a file deleted", lambda r: (r / "metrics.csv").unlink(), ["v2022.1/metrics.csv: missing (listed in SHA256SUMS)"]),
    ("a file added", lambda r: (r / "notes.txt").write_text("x"), ["v2022.1/notes.txt: not listed in any checksum file"]),
    ("SHA256SUMS deleted", lambda r: (r / "SHA256SUMS").unlink(), ["v2022.1: SHA256SUMS is missing"]),
    ("SHA256SUMS rewritten to match a changed file", _consistent_csv_edit,
     ["v2022.1/metrics.csv (datapackage.json resource 'metrics'): its SHA-256 differs from the declared hash"]),
    ("SHA256SUMS pointing outside the release", _escaping_sums, ["lists '../../etc/passwd', which is not a path inside the release"]),
    ("datapackage.json pointing outside the release", _descriptor_path_out, ["has path '/etc/passwd', not inside the release"]),
]


@pytest.mark.parametrize(("damage", "expected"), [c[1:] for c in RELEASE_CASES], ids=[c[0] for c in RELEASE_CASES])
def test_verify_release_names_each_problem(published: Path, tmp_path: Path, damage, expected):
    out = tmp_path / "out"
    shutil.copytree(published, out)
    release = out / "v2022.1"
    if damage is not None:
        damage(release)
    problems = verify_release(release)
    for words in expected:
        assert any(words in p for p in problems), (words, problems)
    assert bool(problems) == bool(expected)
    result = verify_outputs(out)
    assert result.ok == (not expected)
    assert result.latest == "v2022.1"


POINTER_CASES = [
    ("LATEST deleted", lambda out: (out / "LATEST").unlink(), "LATEST is missing; the next build restores it to v2022.1", None),
    ("LATEST names no release", lambda out: (out / "LATEST").write_text("v2022.7\n"), "LATEST names v2022.7, which does not exist", None),
    ("LATEST holds garbage", lambda out: (out / "LATEST").write_text("../../etc\n"), "which is not a release name", None),
    ("LATEST names a damaged release", lambda out: _flip("metrics.csv")(out / "v2022.1"),
     "LATEST names v2022.1, which fails verification", "v2022.1"),
]


@pytest.mark.parametrize(("damage", "words", "latest"), [c[1:] for c in POINTER_CASES], ids=[c[0] for c in POINTER_CASES])
def test_verify_outputs_checks_that_latest_names_a_complete_release(published: Path, tmp_path: Path, damage, words, latest):
    out = tmp_path / "out"
    shutil.copytree(published, out)
    damage(out)
    result = verify_outputs(out)
    assert not result.ok
    assert any(words in p for p in result.problems), result.problems
    assert result.latest == latest


def test_what_an_interrupted_publish_leaves_is_not_damage(published: Path, tmp_path: Path):
    out = tmp_path / "out"
    shutil.copytree(published, out)
    shutil.copytree(out / "v2022.1", out / "v2022.2")  # renamed into place, pointer not yet switched
    (out / ".tmp-v2022.3-abc").mkdir()  # written half-way, removed by the next publish
    result = verify_outputs(out)
    assert result.ok, result.problems
    assert (result.releases, result.latest, result.newest_complete) == (["v2022.1", "v2022.2"], "v2022.1", "v2022.2")
