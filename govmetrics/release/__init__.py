"""Publishing govmetrics releases: immutable, reproducible, diffed and documented open-data packages.

Plain Python with no Dagster import.  The pipeline's final asset calls :func:`publish`; readers of
the dataset (``govmetrics compare``) call :func:`load_latest`; ``govmetrics verify`` calls
:func:`verify_outputs` to check that every release is still what was published.  Layout of ``outputs/``::

    LATEST                          name of the newest release ("v2023.1\n"), replaced atomically
    v2022.1/  v2022.2/  v2023.1/    releases, never rewritten or deleted
    .tmp-v2023.2-xxxx/              only while a publish runs (removed by the next one if it died)

and of one release ``v<latest report year>.<revision>/``::

    <table>.parquet                 typed, zstd, table/field descriptions in the schema metadata
    <table>.csv                     UTF-8, canonical (empty cell = missing value, text cells quoted)
    datapackage.json                Frictionless Data Package: resources, schemas, sizes, sha256, sources
    README.md  CITATION.cff         for analysts: coverage, loading, citation, caveats, data dictionary
    CHANGES.md  changes.json        diff against the previous release by primary key (counted; keys listed
                                    up to a limit; a first release is counted only)
    SHA256SUMS                      every file above (``sha256sum -c SHA256SUMS``)

Each format is there once: no per-year copies (one year is a filter on the sorted table), no Excel
copy (the README says how to open the CSV in Excel), no archive of the directory.  A file whose
bytes equal the previous release's file of the same name is a hard link to it, so a revision
stores only the tables that changed.  Tables are streamed (``stream``), never held whole in memory.
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
