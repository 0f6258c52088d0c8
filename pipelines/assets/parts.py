"""The collection split into parts for several workers: metric_changes by groups of cities, then the
site's pages that show the collection alone.

After the units, the rest of a build works on the whole collection and would run alone, one worker
busy and the others idle. These two assets are its costly pieces, partitioned by part of the
collection (``0of2``, ``1of2``, ...): the build runs a part on each worker at once, and the
collection-wide assets (``metric_changes``, ``release``) take the parts' results when every part is
up to date with their own inputs, and compute everything themselves otherwise (a build with one
shard, or a run launched without the parts). Whatever the parts, the release has the same bytes.
"""


import time
from collections.abc import Mapping
from pathlib import Path

from dagster import AssetExecutionContext, AssetIn, Output, asset

from govmetrics.incremental import store
from govmetrics.incremental.collection import Collection, inputs_key
from govmetrics.incremental.fingerprint import code_version, combined_key, publishing_version
from govmetrics.incremental.pages import collection_pages, joined_changes, parse_part, part_key
from pipelines.io import BuildStore
from pipelines.partitions import all_units, collection_part_partitions

_LINKED = "linked_metrics"


def changes_part_key(part: str, metrics: Path, documents: Mapping[str, Path]) -> str:
    """What part ``part`` of metric_changes is made from: the facts with final ids and every unit's documents."""
    return combined_key(["metric_changes_part", part, inputs_key("metric_changes", {"linked": {"all": metrics},
                                                                                    "documents": documents})])


def site_part_key(part: str, metrics: Path, changes: Mapping[str, Path], indicators: Path, aliases: Path,
                  documents: Mapping[str, Path]) -> str:
    """What part ``part`` of the site's pages is made from (the tables the release publishes) and the code
    that renders them (templates included)."""
    return combined_key(["site_pages", part, publishing_version(), inputs_key("site_pages", {
        "linked": {"all": metrics}, "changes": changes, "indicators": {"all": indicators},
        "aliases": {"all": aliases}, "documents": documents})])


def current_parts(stored: Mapping[str, Path], expected: Mapping[str, str]) -> bool:
    """True when there are parts and every expected part is stored and was made from what it should be."""
    return bool(expected) and all(
        key in stored and store.fingerprint_of(stored[key]) == fingerprint for key, fingerprint in expected.items()
    )


def expected_parts(shards: int) -> list[str]:
    """The parts a build with ``shards`` shards per year splits the collection into (none for one shard)."""
    return [part_key(k, shards) for k in range(shards)] if shards > 1 else []


@asset(
    name="metric_changes_part",
    group_name="collection_parts",
    partitions_def=collection_part_partitions,
    ins={"metrics": AssetIn(_LINKED), "documents": all_units()},
    code_version=code_version(),
    description="One part of metric_changes: the groups of cities dealt to this part by their facts.",
)
def metric_changes_part(context: AssetExecutionContext, build_store: BuildStore, metrics: Path, documents: dict):
    """The year-over-year comparisons of this part's cities (a city's are never compared with another's)."""
    t0 = time.perf_counter()
    base = build_store.base(context.instance)
    part, parts = parse_part(context.partition_key)
    key = changes_part_key(context.partition_key, metrics, documents)
    if store.fingerprint_of(store.table_path(base, "metric_changes_part", context.partition_key)) == key:
        yield Output(None, metadata={"recomputed": False})
        return
    table, groups = Collection({"documents": documents}).metric_changes(base, metrics, part=part, parts=parts)
    yield Output(store.with_fingerprint(table, key),
                 metadata={"rows": table.num_rows, "recomputed": True, "city_groups_reused": groups["reused"],
                           "city_groups_computed": groups["computed"], "seconds": round(time.perf_counter() - t0, 3)})


@asset(
    name="site_pages",
    group_name="collection_parts",
    partitions_def=collection_part_partitions,
    ins={
        "metrics": AssetIn(_LINKED),
        "metric_changes_part": all_units(),
        "indicators": AssetIn(),
        "metric_id_aliases": AssetIn(),
        "documents": all_units(),
    },
    code_version=code_version(),
    description="One part of the site's pages that show the collection alone (departments, indicators, retired "
    "ids, reports, the lists, the search data, the front page's figures) as "
    "(path, content) rows, rendered before the release that publishes them.",
)
def site_pages(context: AssetExecutionContext, build_store: BuildStore, metrics: Path, metric_changes_part: dict,
               indicators: Path, metric_id_aliases: Path, documents: dict):
    """Every ``parts``-th page of the site that shows the collection alone, from the rows the release will publish."""
    t0 = time.perf_counter()
    base = build_store.base(context.instance)
    part, parts = parse_part(context.partition_key)
    expected = {k: changes_part_key(k, metrics, documents) for k in expected_parts(parts)}
    if not current_parts(metric_changes_part, expected):
        raise ValueError(f"site_pages {context.partition_key}: the metric_changes_part partitions "
                         f"{', '.join(expected)} must be materialized first, from the same facts")
    changes = {k: metric_changes_part[k] for k in expected}
    key = site_part_key(context.partition_key, metrics, changes, indicators, metric_id_aliases, documents)
    if store.fingerprint_of(store.table_path(base, "site_pages", context.partition_key)) == key:
        yield Output(None, metadata={"recomputed": False})
        return
    pages = collection_pages(Collection({"documents": documents}), metrics, joined_changes(changes), indicators,
                             metric_id_aliases, part, parts)
    yield Output(store.with_fingerprint(pages, key),
                 metadata={"pages": pages.num_rows, "recomputed": True, "seconds": round(time.perf_counter() - t0, 3)})
