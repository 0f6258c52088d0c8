"""The ``documents`` table: one row per report ingested from ``raw/``."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas.vocabularies import DOC_ID_PATTERN, FORMATS, SCRIPTS, SHA256_PATTERN


class Documents(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(
        unique=True, str_matches=DOC_ID_PATTERN,
        description="Stable document identifier: the first 16 hex digits of the raw file's SHA-256.",
    )
    source_file: Series[str] = pa.Field(unique=True, description="Path of the raw file, relative to raw/.")
    sha256: Series[str] = pa.Field(unique=True, str_matches=SHA256_PATTERN, description="SHA-256 of the raw file's bytes.")
    city: Series[str] = pa.Field(str_length={"min_value": 1}, description="City whose government published the report (Chinese name).")
    report_year: Series[int] = pa.Field(ge=1990, le=2100, description="Year whose work the report describes.")
    title: Series[str] = pa.Field(nullable=True, description="Title as printed in the report's header.")
    department: Series[str] = pa.Field(nullable=True, description="Reporting department, for a report written by one department only.")
    publisher: Series[str] = pa.Field(nullable=True, description="Organisation that published the report (newspaper or government office).")
    site: Series[str] = pa.Field(nullable=True, description="Website the report was published on.")
    published: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$", description="Publication date (ISO 8601).")
    source_url: Series[str] = pa.Field(nullable=True, description="Where the raw file was retrieved from.")
    retrieved: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$", description="When the raw file was retrieved (ISO 8601 date or date-time).")
    license: Series[str] = pa.Field(nullable=True, description="Licence or terms under which the source text was published.")
    source_note: Series[str] = pa.Field(nullable=True, description="Free-text note on the source and how the raw file was obtained.")
    format: Series[str] = pa.Field(isin=FORMATS, description="Raw file format: plain text or an HTML page.")
    encoding: Series[str] = pa.Field(description="Character encoding the raw file was decoded with.")
    script: Series[str] = pa.Field(isin=SCRIPTS, description="Chinese script of the published text.")
    n_chars: Series[int] = pa.Field(ge=1, description="Length of the published text in characters.")
    text: Series[str] = pa.Field(
        description="Published text of the report: the decoded file, or the article text of an HTML page. "
        "Every span (start, end) in the other tables indexes this text.",
    )

    class Config:
        name = "documents"
        description = "One row per report read from raw/: provenance, metadata and the published text."
        strict = True
        coerce = True
        metadata = {"primary_key": ["doc_id"], "foreign_keys": [], "sort_by": ["report_year", "source_file"]}
