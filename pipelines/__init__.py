"""The Dagster code location of govmetrics (``dagster dev -m pipelines``)."""

from pipelines.definitions import defs

__all__ = ["defs"]
