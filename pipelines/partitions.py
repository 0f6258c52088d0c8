"""Report years as Dagster partitions: one partition per year present in raw/."""

import pandas as pd
from dagster import AllPartitionMapping, AssetIn, DynamicPartitionsDefinition

REPORT_YEAR_PARTITIONS_NAME = "report_year"

# Dynamic rather than static: a new year of reports appearing in raw/ becomes a partition without a
# code change (the build command and the raw/ sensor add it).
report_year_partitions = DynamicPartitionsDefinition(name=REPORT_YEAR_PARTITIONS_NAME)


def all_years() -> AssetIn:
    """Input spec for an unpartitioned asset that reads every report year of a partitioned one.

    Missing partitions are allowed: a year registered but not yet built must not break the others.
    """
    return AssetIn(partition_mapping=AllPartitionMapping(), metadata={"allow_missing_partitions": True})


def concat_years(parts: object) -> pd.DataFrame:
    """One table from the partitions the IO manager hands over (a dict by year, or one bare table)."""
    if isinstance(parts, pd.DataFrame):
        return parts
    frames = [parts[key] for key in sorted(parts)]  # type: ignore[index]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
