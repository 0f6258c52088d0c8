"""Report years as Dagster partitions: one partition per year present in raw/."""

from dagster import DynamicPartitionsDefinition

REPORT_YEAR_PARTITIONS_NAME = "report_year"

# Dynamic rather than static: a new year of reports appearing in raw/ becomes a partition without a
# code change (the build command and the raw/ sensor add it).
report_year_partitions = DynamicPartitionsDefinition(name=REPORT_YEAR_PARTITIONS_NAME)
