"""Whether published releases are still what was published: every file against its checksums.

A release is immutable, so any difference from its ``SHA256SUMS`` (or from the sizes and hashes
its ``datapackage.json`` declares) is damage or tampering. The check is generic over whatever files
a release lists: it reads the checksum files and the descriptor, not a fixed layout. The build runs
the same check on the previous release before comparing with it, because a diff against tampered
files, or a "no change" judged from a checksum file whose data no longer matches, would be a lie.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from govmetrics.release import versioning
from govmetrics.release.checksums import parse_sha256sums, sha256_file
from govmetrics.release.errors import ReleaseIntegrityError

SUMS_FILE = "SHA256SUMS"
# Further checksum files in sha256sum format (``<archive>.sha256``) cover files SHA256SUMS cannot
# list, such as an archive that contains SHA256SUMS itself.
CHECKSUM_SUFFIX = ".sha256"
DESCRIPTOR = "datapackage.json"


@dataclass
class Verification:
    """The outcome of verifying an outputs directory: one readable line per problem."""

    releases: list[str] = field(default_factory=list)
    latest: str | None = None
    problems: list[str] = field(default_factory=list)
    newest_complete: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_release(release_dir: Path) -> list[str]:
    """Every way ``release_dir`` differs from what it published; ``[]`` when it is intact.

    Checks each file listed in ``SHA256SUMS`` and in any ``*.sha256`` file, each resource's bytes
    and hash in ``datapackage.json``, and that no file is there that no checksum lists.
    """
    version = release_dir.name
    if not release_dir.is_dir():
        return [f"{version}: the release directory is missing"]
    on_disk = _files(release_dir)
    if SUMS_FILE not in on_disk:
        return [f"{version}: {SUMS_FILE} is missing, so nothing in it can be checked"]

    problems: list[str] = []
    hashes: dict[str, str] = {}

    def digest(rel: str) -> str:
        if rel not in hashes:
            hashes[rel] = sha256_file(release_dir / rel)
        return hashes[rel]

    checksum_files = [SUMS_FILE] + sorted(p for p in on_disk if p.endswith(CHECKSUM_SUFFIX))
    listed: set[str] = set(checksum_files)
    for sums_name in checksum_files:
        try:
            sums = parse_sha256sums((release_dir / sums_name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            problems.append(f"{version}/{sums_name}: unreadable: {exc}")
            continue
        for rel, expected in sorted(sums.items()):
            if not _safe(rel):
                problems.append(f"{version}/{sums_name}: lists {rel!r}, which is not a path inside the release")
            elif rel not in on_disk:
                problems.append(f"{version}/{rel}: missing (listed in {sums_name})")
            elif digest(rel) != expected.lower():
                problems.append(f"{version}/{rel}: its SHA-256 differs from {sums_name}")
            listed.add(rel)
    problems += [f"{version}/{rel}: not listed in any checksum file" for rel in sorted(set(on_disk) - listed)]
    if DESCRIPTOR in on_disk:
        problems += _check_descriptor(release_dir, on_disk, digest)
    return problems


def require_intact(release_dir: Path, shown: int = 5) -> None:
    """Refuse to build on a previous release that no longer matches its own checksums.

    Whatever reads a published release to build the next one (the diff, the id registry) calls this
    first, so a damaged release is named as such rather than failing somewhere inside a reader.
    """
    problems = verify_release(release_dir)
    if problems:
        more = f"; and {len(problems) - shown} more" if len(problems) > shown else ""
        raise ReleaseIntegrityError(
            f"previous release {release_dir.name} is damaged, so nothing is compared with it or published: "
            + "; ".join(problems[:shown]) + more
            + ". Restore its files (from a copy or its archive) and build again; `govmetrics verify` lists the damage."
        )


def verify_outputs(outputs_dir: Path) -> Verification:
    """Every release in ``outputs_dir``, and whether ``LATEST`` names a complete one."""
    result = Verification(releases=versioning.list_versions(outputs_dir))
    damaged = set()
    for version in result.releases:
        found = verify_release(outputs_dir / version)
        result.problems += found
        if found:
            damaged.add(version)
    complete = [v for v in result.releases if v not in damaged]
    result.newest_complete = complete[-1] if complete else None

    pointer = outputs_dir / versioning.POINTER_FILE
    if not pointer.is_file():
        if result.releases:
            restore = f"; the next build restores it to {result.newest_complete}" if result.newest_complete else ""
            result.problems.append(f"{versioning.POINTER_FILE} is missing{restore}")
        return result
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append(f"{versioning.POINTER_FILE} is unreadable: {exc}")
        return result
    if versioning.parse_version(name) is None:
        result.problems.append(f"{versioning.POINTER_FILE} holds {name[:40]!r}, which is not a release name")
    elif not (outputs_dir / name).is_dir():
        result.problems.append(f"{versioning.POINTER_FILE} names {name}, which does not exist")
    elif name in damaged:
        result.latest = name
        result.problems.append(f"{versioning.POINTER_FILE} names {name}, which fails verification (see above)")
    elif name not in result.releases:
        result.problems.append(f"{versioning.POINTER_FILE} names {name}, which is not a release directory")
    else:
        result.latest = name
    return result


def _files(release_dir: Path) -> set[str]:
    """Every file under the release, as a POSIX path relative to it (links count as files)."""
    return {p.relative_to(release_dir).as_posix() for p in release_dir.rglob("*") if not p.is_dir()}


def _safe(rel: str) -> bool:
    path = PurePosixPath(rel)
    return bool(rel) and not path.is_absolute() and ".." not in path.parts and "\\" not in rel


def _check_descriptor(release_dir: Path, on_disk: set[str], digest) -> list[str]:
    version = release_dir.name
    try:
        package = json.loads((release_dir / DESCRIPTOR).read_text(encoding="utf-8"))
        resources = package["resources"]
        assert isinstance(resources, list)
    except (OSError, ValueError, KeyError, TypeError, AssertionError) as exc:
        return [f"{version}/{DESCRIPTOR}: unreadable: {type(exc).__name__}: {exc}"]
    problems = []
    for res in resources:
        paths = res.get("path") if isinstance(res, dict) else None
        for rel in [paths] if isinstance(paths, str) else paths if isinstance(paths, list) else []:
            where = f"{version}/{rel} ({DESCRIPTOR} resource {res.get('name')!r})"
            if not isinstance(rel, str) or not _safe(rel):
                problems.append(f"{version}/{DESCRIPTOR}: resource {res.get('name')!r} has path {rel!r}, not inside the release")
                continue
            if rel not in on_disk:
                problems.append(f"{where}: missing")
                continue
            declared_bytes = res.get("bytes")
            if isinstance(paths, str) and declared_bytes is not None:
                size = (release_dir / rel).stat().st_size
                if size != declared_bytes:
                    problems.append(f"{where}: {size} bytes on disk, {declared_bytes!r} declared")
            declared_hash = res.get("hash")
            if isinstance(paths, str) and isinstance(declared_hash, str):
                algorithm, _, value = declared_hash.rpartition(":")
                if algorithm.lower() == "sha256" and digest(rel) != value.lower():
                    problems.append(f"{where}: its SHA-256 differs from the declared hash")
    return problems
