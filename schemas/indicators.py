"""The ``indicators`` table: one row per indicator a release knows, named and defined once.

An analyst joins ``metrics`` or ``metric_changes`` to it on ``metric_id`` (one row per id, so the join
never multiplies rows) to get the indicator's names, unit, kind and definition. Every metric_id ever
published resolves here, directly or through ``metric_id_aliases``; an indicator no report of this
release states any more keeps its row with ``n_facts`` 0.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas.vocabularies import KINDS, METRIC_ID_PATTERN


class Indicators(pa.DataFrameModel):
    metric_id: Series[str] = pa.Field(unique=True, str_matches=METRIC_ID_PATTERN, description="Stable identifier of the indicator (metrics.metric_id): <department_id>.<name>. Catalogue ids are English words (civil_affairs.registered_volunteers); ids of indicators the catalogue does not know are the pinyin of their name after auto_ (justice.auto_xing_zheng_zheng_yi_shou_li). An id, once published, is never reused for another indicator.")
    name_zh: Series[str] = pa.Field(str_length={"min_value": 1}, description="Name of the indicator in Chinese: the catalogue's name, or the label its latest facts carry.")
    name_en: Series[str] = pa.Field(nullable=True, description="Name of the indicator in English; empty when the catalogue does not know the indicator.")
    department_id: Series[str] = pa.Field(nullable=True, description="Department that reports the indicator (schemas/departments.csv); empty for figures of a report's introduction.")
    unit: Series[str] = pa.Field(nullable=True, description="Unit the indicator is kept in (个, 元, %, 人 …); a figure of it may be in an equivalent unit (名 for 人).")
    unit_en: Series[str] = pa.Field(nullable=True, description="The unit in English (persons, yuan, percent …).")
    kind: Series[str] = pa.Field(nullable=True, isin=KINDS, description="stock (a level at a moment: registered volunteers), flow (an amount over the report's period: donations raised in the year), rate (a share or a rate, in % or ‰), ratio (a quantity per another or a multiple: beds per 1000 people) or rank (a place in a ranking); empty when the catalogue does not know the indicator and its name does not say.")
    definition: Series[str] = pa.Field(nullable=True, description="What is counted, in Chinese, followed by the English definition after ' | ' where the catalogue writes one; empty for indicators the catalogue does not know.")
    in_catalogue: Series[bool] = pa.Field(description="True when schemas/metric_catalogue.csv lists the indicator (its names, unit, kind and definition are checked by hand); false for an indicator known only from the wording of its reports.")
    first_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1990, le=2100, description="First report year of this release with a fact of the indicator; empty when none has one.")
    last_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1990, le=2100, description="Last report year of this release with a fact of the indicator; empty when none has one.")
    n_facts: Series[int] = pa.Field(ge=0, description="How many rows of metrics carry the indicator; 0 for an indicator an earlier release published and no report of this one states.")

    @pa.dataframe_check(description="first_year and last_year are given exactly when the indicator has facts, and first_year is not after last_year")
    def years_with_facts(cls, df):  # noqa: N805
        has = df["n_facts"] > 0
        given = df["first_year"].notna() & df["last_year"].notna()
        return (has == given) & (~given | (df["first_year"] <= df["last_year"]))

    class Config:
        name = "indicators"
        description = "One row per indicator: its stable metric_id, names in Chinese and English, department, unit, kind, definition, whether the catalogue knows it, and the years and number of its facts."
        strict = True
        coerce = True
        metadata = {
            "primary_key": ["metric_id"],
            "foreign_keys": [],
            "sort_by": ["department_id", "metric_id"],
        }
