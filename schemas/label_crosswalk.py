"""The ``label_crosswalk`` table: every source label and the indicator identifier it was given."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas.vocabularies import METRIC_ID_PATTERN, ROLES

SOURCES = ["catalogue", "automatic"]
MATCHES = ["variant", "similar", "clause", "linked", "automatic"]


class LabelCrosswalk(pa.DataFrameModel):
    crosswalk_id: Series[str] = pa.Field(unique=True, str_matches=r"^xw_[0-9a-f]{12}$", description="Stable row identifier: a hash of department_id, label, unit and role.")
    department: Series[str] = pa.Field(nullable=True, description="Reporting department, in Simplified script; empty for figures in a report's introduction.")
    department_id: Series[str] = pa.Field(nullable=True, description="Stable department identifier from schemas/departments.csv.")
    label: Series[str] = pa.Field(nullable=True, description="The label as the metrics table has it (the report's wording).")
    role: Series[str] = pa.Field(isin=ROLES, description="Role of the facts with this label (a change's or target's label names the indicator it changes or aims at).")
    unit: Series[str] = pa.Field(nullable=True, description="Unit of the facts with this label.")
    normalized_label: Series[str] = pa.Field(description="The label after normalization (generic words such as 全市, 累计, 总数, 人数 and role words such as 同比增长 removed).")
    metric_id: Series[str] = pa.Field(str_matches=METRIC_ID_PATTERN, description="Indicator identifier given to the label (metrics.metric_id).")
    source: Series[str] = pa.Field(isin=SOURCES, description="catalogue when schemas/metric_catalogue.csv knows the indicator; automatic when the id is a registered automatic id (indicators.in_catalogue is false).")
    match: Series[str] = pa.Field(isin=MATCHES, description="How the catalogue matched: variant (the normalized label equals a listed variant), similar (character overlap at or above the threshold), clause (one clause of a label that runs two together matched), linked (its facts were linked across years to a catalogue indicator worded otherwise), or automatic (no match).")
    score: Series[float] = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 1}, description="Similarity of the label (or of the matching clause) to the matched variant; 1 for a variant match, empty for automatic ids.")
    matched_variant: Series[str] = pa.Field(nullable=True, description="The catalogue variant the label matched, as the catalogue writes it.")
    name_zh: Series[str] = pa.Field(nullable=True, description="Catalogue name of the indicator in Chinese.")
    name_en: Series[str] = pa.Field(nullable=True, description="Catalogue name of the indicator in English.")
    n_facts: Series[int] = pa.Field(ge=1, description="How many facts carry this label.")
    first_year: Series[int] = pa.Field(ge=1990, le=2100, description="First report year the label appears in.")
    last_year: Series[int] = pa.Field(ge=1990, le=2100, description="Last report year the label appears in.")

    @pa.dataframe_check(description="a catalogue row matched a variant, a similar label, a clause or was linked; it has a score unless it was linked; an automatic row has none")
    def source_and_match(cls, df):  # noqa: N805
        catalogue = df["source"] == "catalogue"
        scored = df["match"].isin(["variant", "similar", "clause"])
        return (catalogue == (scored | (df["match"] == "linked"))) & (scored == df["score"].notna())

    @pa.dataframe_check(description="first_year is not after last_year")
    def year_order(cls, df):  # noqa: N805
        return df["first_year"] <= df["last_year"]

    class Config:
        name = "label_crosswalk"
        description = "Every source label (per department, unit and role) with the indicator identifier it was given, and whether the catalogue knew it or the id fell back to auto_<hash>."
        strict = True
        coerce = True
        metadata = {
            "primary_key": ["crosswalk_id"],
            "foreign_keys": [{"fields": ["metric_id"], "reference": {"resource": "indicators", "fields": ["metric_id"]}}],
            "sort_by": ["department_id", "metric_id", "label", "unit", "role"],
        }
