"""``govmetrics site``: render a published release's site again, without ever changing the release.

A release is immutable: its files, site included, are listed in its SHA256SUMS. So the site is
rendered from the release's files and compared with the ``site/`` the release carries:

- identical bytes: the release's site is what this code renders, nothing is written;
- different, or a release published before it had a site: the new rendering is written as a preview
  outside ``outputs/`` (``build/site/<version>/``, beside links to the release's own files so that its
  download links work), and reaches analysts with the next release.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from govmetrics.site.inputs import SITE_DIR, SiteError, read_release_dir
from govmetrics.site.render import render_site


def existing_site(release_dir: Path) -> dict[str, bytes]:
    root = release_dir / SITE_DIR
    if not root.is_dir():
        return {}
    return {p.relative_to(release_dir).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    """Paths added, removed or changed between two renderings, sorted."""
    return sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))


def write_preview(preview_root: Path, release_dir: Path, site: dict[str, bytes]) -> Path:
    """A copy of the release with the new site: release files hard-linked (copied across devices)."""
    target = preview_root / release_dir.name
    if target.exists():
        shutil.rmtree(target)
    for path in sorted(release_dir.rglob("*")):
        rel = path.relative_to(release_dir).as_posix()
        if not path.is_file() or rel.startswith(f"{SITE_DIR}/"):
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copyfile(path, dest)
    for rel, data in site.items():
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    return target


def run(args: argparse.Namespace) -> int:
    from govmetrics.release.load import release_dir as published_release_dir

    try:
        release_dir = published_release_dir(args.outputs, args.version)
    except FileNotFoundError as exc:
        print(f"govmetrics site: {exc}", file=sys.stderr)
        return 1
    version = release_dir.name
    try:
        files = read_release_dir(release_dir)
        site = render_site(files)
    except SiteError as exc:
        print(f"govmetrics site: {release_dir}: {exc}", file=sys.stderr)
        return 1
    old = existing_site(release_dir)
    diff = differences(old, site)
    if not diff:
        print(f"{version}: site/ is byte-identical to a fresh rendering ({len(site)} files); nothing written")
        return 0
    preview = write_preview(Path(args.preview), release_dir, site)
    if old:
        print(f"{version}: the release's site/ differs from this rendering in {len(diff)} files "
              f"(first: {diff[0]}); the release is left as published")
    else:
        print(f"{version}: published without a site; the release is left as published")
    print(f"preview: {preview / SITE_DIR / 'index.html'}")
    return 1 if args.check else 0
