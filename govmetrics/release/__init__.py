"""Publishing govmetrics releases: immutable, reproducible, diffed and documented open-data packages.

Plain Python with no Dagster import.  The pipeline's final asset calls :func:`publish`; readers of
the dataset (``govmetrics compare``) call :func:`load_latest`; ``govmetrics verify`` calls
:func:`verify_outputs` to check that every release is still what was published.  Layout of ``outputs/``::

    LATEST                          name of the newest release ("v2023.1\n"), replaced atomically
    v2022.1/  v2022.2/  v2023.1/    releases, never rewritten or deleted
    .tmp-v2023.2-xxxx/              only while a publish runs (removed by the next one if it died)

and of one release ``v<latest report year>.<revision>/``::

    <table>.parquet                 typed, zstd, table/field descriptions in the schema metadata
    <table>.csv                     UTF-8, canonical (empty cell = missing value)
    <table>.excel.csv               UTF-8 with BOM, CRLF, formula-like text cells prefixed with '
    by_year/<year>/<table>.csv      one report year's rows (and .excel.csv), for tables with a year
    datapackage.json                Frictionless Data Package: resources, schemas, sizes, sha256, sources
    README.md  CITATION.cff         for analysts: coverage, loading, citation, caveats, data dictionary
    CHANGES.md  changes.json        diff against the previous release by primary key
    SHA256SUMS                      every file above (``sha256sum -c SHA256SUMS``)
    govmetrics-<version>.zip        the files above under govmetrics-<version>/, reproducible
    govmetrics-<version>.zip.sha256 the ZIP's own checksum (it cannot be in the SHA256SUMS it contains)

The ZIP lives inside the release directory so a release is one self-contained path; unzipped, it
is exactly the directory minus the ZIP and its checksum.
"""

from govmetrics.release.errors import ReleaseDiffError, ReleaseError, ReleaseIntegrityError, ReleaseValidationError
from govmetrics.release.info import PackageInfo, sources_from_documents
from govmetrics.release.load import latest_version, load_latest, load_release
from govmetrics.release.publish import PublishResult, publish
from govmetrics.release.schema_export import arrow_schema, data_dictionary, frictionless_schema, table_spec
from govmetrics.release.verify import Verification, verify_outputs, verify_release

__all__ = [
    "PackageInfo",
    "PublishResult",
    "ReleaseDiffError",
    "ReleaseError",
    "ReleaseIntegrityError",
    "ReleaseValidationError",
    "Verification",
    "arrow_schema",
    "data_dictionary",
    "frictionless_schema",
    "latest_version",
    "load_latest",
    "load_release",
    "publish",
    "sources_from_documents",
    "table_spec",
    "verify_outputs",
    "verify_release",
]
