"""``govmetrics fetch``: fetch the manifest's sources into raw/ and say what happened to each."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govmetrics.fetch.manifest import ManifestError, load_manifest
from govmetrics.fetch.run import fetch_sources, summary
from govmetrics.ingest.files import MANIFEST_NAME


def run(args: argparse.Namespace) -> int:
    """0 when every source was fetched or unchanged; 1 when the manifest is unusable or any source failed."""
    raw = Path(args.raw)
    manifest = Path(args.sources) if args.sources else raw / MANIFEST_NAME
    try:
        sources = load_manifest(manifest)
    except ManifestError as exc:
        print(f"govmetrics fetch: {exc}", file=sys.stderr)
        return 1
    outcomes = fetch_sources(sources, raw)
    for outcome in outcomes:
        print(outcome.line(), file=sys.stderr if outcome.status == "failed" else sys.stdout)
    counts = summary(outcomes)
    print(", ".join(f"{status} {n}" for status, n in counts.items()))
    return 1 if counts["failed"] else 0
