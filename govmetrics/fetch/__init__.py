"""Fetch reports from their publishers into ``raw/`` as immutable, traceable snapshots.

``load_manifest`` reads ``raw/sources.yml``; ``fetch_sources`` fetches each source and writes a
new snapshot only when the page changed. The HTTP client is wired in ``client``; everything else
(names, content checks, sidecars) is plain functions over bytes and paths.
"""

from govmetrics.fetch.client import FetchSettings
from govmetrics.fetch.manifest import ManifestError, Source, load_manifest
from govmetrics.fetch.run import Outcome, fetch_sources, summary

__all__ = ["FetchSettings", "ManifestError", "Outcome", "Source", "fetch_sources", "load_manifest", "summary"]
