"""The ``sections`` table: each report split into department sections."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas.vocabularies import DOC_ID_PATTERN


class Sections(pa.DataFrameModel):
    section_id: Series[str] = pa.Field(unique=True, description="Stable section identifier: doc_id and the section's start offset.")
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID_PATTERN, description="Document the section belongs to (documents.doc_id).")
    seq: Series[int] = pa.Field(ge=0, description="Position of the section in its document (0 is the introduction, if any).")
    report_year: Series[int] = pa.Field(ge=1990, le=2100, description="Year whose work the report describes.")
    city: Series[str] = pa.Field(description="City whose government published the report.")
    department: Series[str] = pa.Field(nullable=True, description="Department name as the heading writes it, in Simplified script; empty for an introduction.")
    department_id: Series[str] = pa.Field(nullable=True, description="Stable department identifier from schemas/departments.csv, or dept_<hash> for a name the table does not know.")
    department_en: Series[str] = pa.Field(nullable=True, description="English name of the department, when the reference table knows it.")
    start: Series[int] = pa.Field(ge=0, description="Offset of the section's first character in documents.text.")
    end: Series[int] = pa.Field(ge=0, description="Offset just past the section's last character in documents.text.")
    heading: Series[str] = pa.Field(nullable=True, description="The heading line that opens the section.")
    headline: Series[str] = pa.Field(nullable=True, description="The short headline-figure line printed under the heading.")
    body: Series[str] = pa.Field(description="The section's text after its heading and headline lines.")

    @pa.dataframe_check(description="end is not before start")
    def span_order(cls, df):  # noqa: N805 - pandera's classmethod convention
        return df["end"] >= df["start"]

    class Config:
        name = "sections"
        description = "Department sections of each report: heading line, headline-figure line and body."
        strict = True
        coerce = True
        unique = ["doc_id", "seq"]
        metadata = {
            "primary_key": ["section_id"],
            "foreign_keys": [{"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}}],
            "sort_by": ["report_year", "doc_id", "seq"],
        }
