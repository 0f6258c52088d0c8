"""Publishing govmetrics releases: immutable, reproducible, diffed and documented open-data packages.

Plain Python with no Dagster import; the pipeline's final asset calls :func:`publish`, and readers of
the dataset (``govmetrics compare``) call :func:`load_latest`.  A release is the directory
``<outputs>/v<latest report year>.<revision>/`` (layout in ``publish.py`` and the release README);
``<outputs>/LATEST`` names the newest one.
"""

from govmetrics.release.errors import ReleaseDiffError, ReleaseError, ReleaseValidationError
from govmetrics.release.info import PackageInfo, sources_from_documents
from govmetrics.release.load import latest_version, load_latest, load_release
from govmetrics.release.publish import PublishResult, publish
from govmetrics.release.schema_export import arrow_schema, data_dictionary, frictionless_schema, table_spec

__all__ = [
    "PackageInfo",
    "PublishResult",
    "ReleaseDiffError",
    "ReleaseError",
    "ReleaseValidationError",
    "arrow_schema",
    "data_dictionary",
    "frictionless_schema",
    "latest_version",
    "load_latest",
    "load_release",
    "publish",
    "sources_from_documents",
    "table_spec",
]
