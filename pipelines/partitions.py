"""Units of work as Dagster partitions: a report year, or a shard of one (``govmetrics.incremental.shards``).

Dynamic rather than static: a new year of reports appearing in raw/ becomes partitions without a
code change (the build command, the raw/ sensor and the daily schedule add them), and the shard
count is a setting of the build, not of the code.
"""

from dagster import AllPartitionMapping, AssetIn, DynamicPartitionsDefinition

from govmetrics.incremental.shards import Unit, units_of

REPORT_UNIT_PARTITIONS_NAME = "report_unit"

report_unit_partitions = DynamicPartitionsDefinition(name=REPORT_UNIT_PARTITIONS_NAME)

# Parts of the whole collection (``0of2``, ``1of2``): what comes after the units and would otherwise run
# alone (metric_changes by groups of cities, the site's pages) split for several workers. A build
# with more than one shard per year registers as many parts as shards; with one, none, and the
# collection-wide assets compute everything themselves.
collection_part_partitions = DynamicPartitionsDefinition(name="collection_part")


def unit_keys(years: list[int] | list[str], shards: int) -> list[str]:
    """The partition keys of the units of ``years``, each split into ``shards``."""
    return [u.key for y in years for u in units_of(int(y), shards)]


def all_units() -> AssetIn:
    """Input spec for an unpartitioned asset that reads every unit of a partitioned one.

    Missing partitions are allowed: a unit registered but not yet built must not break the others.
    """
    return AssetIn(partition_mapping=AllPartitionMapping(), metadata={"allow_missing_partitions": True})


__all__ = ["Unit", "all_units", "collection_part_partitions", "report_unit_partitions", "unit_keys"]
