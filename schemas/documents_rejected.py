"""The ``documents_rejected`` table: raw files that could not become documents, and why."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas.vocabularies import REJECTION_REASONS, SHA256_PATTERN


class DocumentsRejected(pa.DataFrameModel):
    source_file: Series[str] = pa.Field(unique=True, description="Path of the raw file, relative to raw/.")
    sha256: Series[str] = pa.Field(nullable=True, str_matches=SHA256_PATTERN, description="SHA-256 of the file's bytes, when they could be read.")
    reason: Series[str] = pa.Field(isin=REJECTION_REASONS, description="Why the file was quarantined (a fixed vocabulary).")
    detail: Series[str] = pa.Field(description="Readable explanation naming the problem (and, for a duplicate, the file it repeats).")

    class Config:
        name = "documents_rejected"
        description = "Raw files that were quarantined instead of published, each with its reason."
        strict = True
        coerce = True
        metadata = {"primary_key": ["source_file"], "foreign_keys": [], "sort_by": ["source_file"]}
