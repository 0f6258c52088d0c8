"""Raw report files to documents, or to quarantine records with a readable reason.

``read_document`` reads one file; ``ingest_raw_dir`` reads a whole ``raw/`` directory, dropping
duplicate copies of a report; ``scan_raw_dir`` lists what a sensor needs to notice new or changed
files cheaply. Every refusal is a ``RejectedFile`` (one file) or a ``Rejection`` (a record).
"""

from govmetrics.ingest.errors import RejectedFile, Rejection
from govmetrics.ingest.files import MAX_BYTES
from govmetrics.ingest.read import read_document
from govmetrics.ingest.scan import Ingested, RawFile, ingest_raw_dir, partition_year, scan_raw_dir

__all__ = [
    "MAX_BYTES",
    "Ingested",
    "RawFile",
    "RejectedFile",
    "Rejection",
    "ingest_raw_dir",
    "partition_year",
    "read_document",
    "scan_raw_dir",
]
