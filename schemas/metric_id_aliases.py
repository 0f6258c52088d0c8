"""The ``metric_id_aliases`` table: every metric_id an earlier release published that is no longer one.

A join pinned to an older release keeps working: look its metric_id up in ``old_metric_id`` and use
``metric_id``. The table only grows: a row, once published, stays in every later release (its target
moves on when that indicator is itself renamed, so no chain has to be followed).
"""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas.vocabularies import ALIAS_REASONS, METRIC_ID_PATTERN, VERSION_PATTERN


class MetricIdAliases(pa.DataFrameModel):
    old_metric_id: Series[str] = pa.Field(unique=True, str_matches=METRIC_ID_PATTERN, description="A metric_id an earlier release published.")
    metric_id: Series[str] = pa.Field(str_matches=METRIC_ID_PATTERN, description="The indicator it is now (indicators.metric_id).")
    since_version: Series[str] = pa.Field(str_matches=VERSION_PATTERN, description="First release in which old_metric_id is an alias.")
    reason: Series[str] = pa.Field(isin=ALIAS_REASONS, description="Why the id changed: catalogue (the catalogue now names the indicator), readable_id (an id hashed from the wording was replaced by a readable one), linked (the indicator was found to be the same as one of another year worded differently), relabelled (its facts are read under another label now).")

    @pa.dataframe_check(description="an alias never points at itself")
    def not_itself(cls, df):  # noqa: N805
        return df["old_metric_id"] != df["metric_id"]

    class Config:
        name = "metric_id_aliases"
        description = "Every metric_id an earlier release published that is no longer an indicator, with the indicator it is now, since when and why."
        strict = True
        coerce = True
        metadata = {
            "primary_key": ["old_metric_id"],
            "foreign_keys": [{"fields": ["metric_id"], "reference": {"resource": "indicators", "fields": ["metric_id"]}}],
            "sort_by": ["old_metric_id"],
        }
