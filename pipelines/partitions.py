"""Report years as Dagster partitions: one partition per year present in raw/."""

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

