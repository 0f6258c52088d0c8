"""Where the pipeline reads raw reports and publishes releases."""

from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource


class ProjectPaths(ConfigurableResource):
    """The raw input directory and the release output directory of one build, and the number of
    shards each report year is split into (``govmetrics.incremental.shards``)."""

    raw_dir: str
    outputs_dir: str
    shards: int = 1

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def outputs(self) -> Path:
        return Path(self.outputs_dir)
