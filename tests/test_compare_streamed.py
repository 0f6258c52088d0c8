"""The comparisons a build streams equal the all-at-once computation of ``govmetrics.compare``.

The pipeline never holds every fact in one frame to compare years: metric_changes runs per group of
cities and the label crosswalk a slice of facts at a time. Both must give exactly the table the
functions give on all facts at once. Built here on the dev corpus (one city, three years, copies of
one report) and the reworded year-over-year pair (another city) in one raw directory, with slices
small enough that every table is assembled from many.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dagster import DagsterInstance

import govmetrics.incremental.collection as collection_module
from govmetrics.compare import identify, label_crosswalk, metric_changes
from govmetrics.incremental.collection import Collection, balanced_parts, plain_frame
from govmetrics.release.schema_export import table_spec
from govmetrics.release.tables import sort_arrow, to_arrow
from pipelines.build import build
from schemas import LabelCrosswalk, MetricChanges, Metrics

CORPUS = Path(__file__).parent / "corpus"
LAYOUT = {
    "2021": ["dev/hc-sanmin-2021.txt"],
    "2022": ["dev/hc-sanmin-2022.txt", "dev/hc-sanmin-2022.traditional.txt", "yoy_pair/cz-fire-2022.txt",
             "yoy_pair/cz-fire-2022.meta.yml"],
    "2023": ["dev/hc-sanmin-2023.txt", "yoy_pair/cz-fire-2023.txt", "yoy_pair/cz-fire-2023.meta.yml"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("streamed")
    for year, names in LAYOUT.items():
        (root / "raw" / year).mkdir(parents=True)
        for name in names:
            shutil.copyfile(CORPUS / name, root / "raw" / year / Path(name).name)
    mp = pytest.MonkeyPatch()
    mp.setattr(collection_module, "_BATCH_ROWS", 37)  # many slices, none aligned with a document or a city
    try:
        with DagsterInstance.ephemeral() as instance:
            outcome = build(root / "raw", root / "out", instance=instance, cache_dir=root / "cache")
    finally:
        mp.undo()
    assert outcome.ok and outcome.published, outcome.problems
    return (root / "out" / (root / "out" / "LATEST").read_text().strip()), root / "cache"


def _published(release: Path, name: str) -> pa.Table:
    return pq.read_table(release / f"{name}.parquet").replace_schema_metadata(None)


def _as_published(df, model) -> pa.Table:
    return sort_arrow(to_arrow(model.validate(df, lazy=True), model), table_spec(model)).replace_schema_metadata(None)


def test_the_build_holds_two_cities_and_more_than_one_slice_of_facts(built):
    release, _ = built
    metrics = _published(release, "metrics")
    assert set(metrics.column("city").to_pylist()) == {"海川", "澄州"}
    assert metrics.num_rows > 5 * 37


def test_metric_changes_per_city_group_equal_all_facts_at_once(built):
    release, _ = built
    facts = plain_frame(_published(release, "metrics"))
    whole = _as_published(metric_changes(facts), MetricChanges)
    assert whole.num_rows > 0 and set(whole.column("city").to_pylist()) == {"海川", "澄州"}
    assert _published(release, "metric_changes").equals(whole)


def test_metric_changes_in_parts_are_the_whole_table_with_each_city_in_one_part(built, tmp_path: Path):
    release, cache = built
    units = sorted(p.stem for p in (cache / "documents").glob("*.parquet"))
    collection = Collection({"documents": {u: cache / "documents" / f"{u}.parquet" for u in units}})
    linked = release / "metrics.parquet"
    # Three groups of cities put the two in groups of their own (with 64 they share one).
    parts = [collection.metric_changes(tmp_path, linked, groups=3, part=k, parts=2)[0] for k in range(2)]
    cities = [set(p.column("city").to_pylist()) for p in parts]
    assert all(cities) and not cities[0] & cities[1]  # the two cities, one in each part
    joined = sort_arrow(pa.concat_tables(parts), table_spec(MetricChanges)).replace_schema_metadata(None)
    assert joined.equals(_published(release, "metric_changes"))


def test_groups_go_to_the_part_with_the_least_facts_so_far():
    load = {0: 50, 1: 30, 2: 30, 3: 20, 4: 0, 5: 10}
    part_of = balanced_parts(load, 2)
    assert sorted(part_of) == sorted(load)
    totals = [sum(n for g, n in load.items() if part_of[g] == k) for k in range(2)]
    assert totals == [70, 70]
    assert part_of == balanced_parts(dict(reversed(list(load.items()))), 2)  # the same whatever the order given
    assert set(balanced_parts(load, 4).values()) == {0, 1, 2, 3}


def test_the_label_crosswalk_read_a_slice_at_a_time_equals_all_facts_at_once(built):
    release, _ = built
    facts = plain_frame(_published(release, "metrics"))
    assert _published(release, "label_crosswalk").equals(_as_published(label_crosswalk(facts), LabelCrosswalk))


def test_final_ids_are_those_of_identify_on_every_kept_fact(built):
    """The linked facts are identify's result on the kept provisional facts of every unit, in publishing order."""
    release, cache = built
    units = sorted(p.stem for p in (cache / "metrics").glob("*.parquet"))
    tables = ("documents", "metrics")
    kept = Collection({t: {u: cache / t / f"{u}.parquet" for u in units} for t in tables}).kept_metrics()
    assert len(kept) == _published(release, "metrics").num_rows  # the copies of one report are kept once
    result = identify(kept, version=release.name)
    assert _published(release, "metrics").equals(_as_published(result.metrics, Metrics))
    assert len(result.links) > 0
