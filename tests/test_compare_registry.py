"""Ids that never break: the next release built on the committed ones resolves every id they published.

The committed releases in outputs/ are copied into a temporary outputs directory and the real 2022
report of raw/ is built on top of them, as the next release of the repository will be.
"""

from __future__ import annotations

import hashlib

import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from dagster import DagsterInstance

from govmetrics.compare import identify, label_crosswalk, load_registry
from govmetrics.compare.registry import LEGACY_ID
from govmetrics.release import load_release
from govmetrics.release.tables import prepare_table, to_arrow
from govmetrics.release.versioning import list_versions
from pipelines.build import build
from schemas import Indicators, LabelCrosswalk, MetricIdAliases, Metrics
from schemas.vocabularies import METRIC_ID_PATTERN

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "outputs"
ID_TABLES = {"metrics": ["metric_id"], "metric_changes": ["metric_id"], "label_crosswalk": ["metric_id"],
             "indicators": ["metric_id"], "metric_id_aliases": ["old_metric_id"]}


def published_ids(outputs: Path, versions: list[str]) -> dict[str, set[str]]:
    """Every metric_id each release published, in any table."""
    out: dict[str, set[str]] = {}
    for version in versions:
        ids: set[str] = set()
        for table, columns in ID_TABLES.items():
            if (outputs / version / f"{table}.parquet").is_file():
                frame = load_release(outputs / version, table)
                for c in columns:
                    ids |= set(frame[c].dropna().astype(str))
        out[version] = ids
    return out


@pytest.fixture(scope="module")
def next_release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    root = tmp_path_factory.mktemp("next-release")
    outputs = root / "outputs"
    shutil.copytree(COMMITTED, outputs)
    earlier = list_versions(outputs)
    with DagsterInstance.ephemeral() as instance:
        outcome = build(ROOT / "raw", outputs, instance=instance)
    assert outcome.ok, (outcome.reason, outcome.problems)
    if outcome.published:
        return outputs, outcome.version, earlier
    # The committed latest release is already what this code builds (its data files are equal):
    # it is the release under test, and the ones before it are the earlier ones.
    assert outcome.reason.startswith("no change") and outcome.version == earlier[-1], outcome.reason
    return outputs, earlier[-1], earlier[:-1]


def test_every_id_ever_published_resolves_in_the_next_release(next_release):
    outputs, version, earlier = next_release
    assert earlier, "the repository has committed releases"
    indicators = load_release(outputs / version, "indicators")
    aliases = load_release(outputs / version, "metric_id_aliases").set_index("old_metric_id")
    known = set(indicators["metric_id"])
    for old_version, ids in published_ids(outputs, earlier).items():
        for metric_id in sorted(ids):
            target = metric_id if metric_id in known else aliases["metric_id"].get(metric_id)
            assert target in known, f"{metric_id} of {old_version} does not resolve in {version}"
    assert not (set(aliases.index) & known), "an alias is also an indicator"


def test_the_next_release_publishes_no_hashed_id_and_says_why_each_changed(next_release):
    outputs, version, earlier = next_release
    metrics = load_release(outputs / version, "metrics")
    assert not metrics["metric_id"].str.match(LEGACY_ID.pattern).any()
    assert metrics["metric_id"].str.match(METRIC_ID_PATTERN).all()
    aliases = load_release(outputs / version, "metric_id_aliases")
    hashed = aliases[aliases["old_metric_id"].str.match(LEGACY_ID.pattern)]
    assert len(hashed) >= 20 and set(hashed["since_version"]) <= {*earlier, version}
    assert set(hashed["reason"]) <= {"catalogue", "readable_id", "relabelled"}
    for since, group in hashed.groupby("since_version"):
        changes = (outputs / str(since) / "CHANGES.md").read_text(encoding="utf-8")
        assert "## Indicator ids" in changes
        for old, new in zip(group["old_metric_id"].head(5), group["metric_id"].head(5), strict=True):
            assert f"`{old}` → `{new}`" in changes


def test_a_figure_reworded_by_the_extractor_keeps_its_id():
    # 2500余件 was labelled 受理 in v2022.1 and 行政争议受理 in v2022.3: both hashed ids now lead to one indicator.
    outputs = COMMITTED
    registry = load_registry(outputs)
    v1 = load_release(outputs / "v2022.1", "metrics").set_index("fact_id")
    v3 = load_release(outputs / "v2022.3", "metrics").set_index("fact_id")
    fact = "b9c36ce9391371ab:2156-2162"
    assert v1.loc[fact, "metric_id"] != v3.loc[fact, "metric_id"]
    metrics = load_release(outputs / "v2022.3", "metrics").drop(columns=["metric_id"]).assign(metric_id="")
    first = identify(metrics, registry, version="v2022.4")
    aliases = first.aliases.set_index("old_metric_id")["metric_id"]
    now = first.metrics.set_index("fact_id").loc[fact, "metric_id"]
    assert aliases[v1.loc[fact, "metric_id"]] == aliases[v3.loc[fact, "metric_id"]] == now


def test_ids_persist_when_the_wording_changes_again(tmp_path: Path):
    """A release built on a registry keeps each figure's id when its label is reworded next time."""
    metrics = load_release(COMMITTED / "v2022.3", "metrics")
    first = identify(metrics, load_registry(COMMITTED), version="v2022.4")
    reworded = first.metrics.copy()
    mask = reworded["label"] == "推荐创新资源"
    assert mask.sum() == 1
    reworded.loc[mask, "label"] = "向企业推荐创新资源"  # as a better extractor might read it
    registry = _registry_of(first, tmp_path)
    second = identify(reworded, registry, version="v2022.5")
    before = first.metrics.set_index("fact_id")["metric_id"]
    after = second.metrics.set_index("fact_id")["metric_id"]
    assert (before == after.reindex(before.index)).all()
    assert second.aliases.equals(first.aliases)


def _registry_of(identified, tmp_path: Path):
    """The registry a release of ``identified`` would be: its id tables written as a release directory."""
    release = tmp_path / "v2022.4"
    release.mkdir(parents=True)
    for name, frame, model in (
        ("metrics", identified.metrics, Metrics),
        ("indicators", identified.indicators, Indicators),
        ("metric_id_aliases", identified.aliases, MetricIdAliases),
        ("label_crosswalk", label_crosswalk(identified.metrics), LabelCrosswalk),
    ):
        pq.write_table(to_arrow(prepare_table(name, frame, model), model), release / f"{name}.parquet")
    # A published release lists its files' checksums; the registry reads only an intact one.
    sums = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in sorted(release.iterdir()))
    (release / "SHA256SUMS").write_text(sums, encoding="utf-8")
    (tmp_path / "LATEST").write_text("v2022.4\n", encoding="utf-8")
    return load_registry(tmp_path)


# --- catalogue coverage of the real report ---------------------------------------------------------

# An analyst can trust the names, units, kinds and definitions of indicators the catalogue knows; at
# most this share of the real report's facts may be outside it.
MAX_OUTSIDE_CATALOGUE = 0.15


def test_at_most_15_percent_of_the_real_reports_facts_are_outside_the_catalogue(next_release):
    outputs, version, _ = next_release
    metrics = load_release(outputs / version, "metrics")
    indicators = load_release(outputs / version, "indicators").set_index("metric_id")
    outside = metrics[~metrics["metric_id"].map(indicators["in_catalogue"]).astype(bool)]
    assert len(outside) / len(metrics) <= MAX_OUTSIDE_CATALOGUE, outside[["label", "quantity_text"]].to_string()


def test_the_gold_reading_of_the_real_report_is_inside_the_catalogue_too():
    from gold import metrics_from_gold

    metrics = metrics_from_gold(ROOT / "tests" / "corpus" / "seed" / "gold_mentions.jsonl", city="青岛")
    result = identify(metrics, version="v2022.4")
    indicators = result.indicators.set_index("metric_id")
    outside = result.metrics[~result.metrics["metric_id"].map(indicators["in_catalogue"]).astype(bool)]
    assert len(outside) / len(result.metrics) <= MAX_OUTSIDE_CATALOGUE, outside[["label", "quantity_text"]].to_string()


def test_catalogue_indicators_of_the_release_have_their_facts_named_defined_and_kinded(next_release):
    outputs, version, _ = next_release
    indicators = load_release(outputs / version, "indicators")
    known = indicators[indicators["in_catalogue"]]
    assert known["name_en"].notna().all() and known["definition"].notna().all() and known["kind"].notna().all()
    assert known["definition"].str.contains(" | ", regex=False).all()  # Chinese, then English
    metrics = load_release(outputs / version, "metrics").merge(indicators, on="metric_id", how="left", validate="m:1")
    assert (metrics["indicator_name_zh"] == metrics["name_zh"]).all()
    counts = metrics.groupby("metric_id").size()
    assert (indicators.set_index("metric_id")["n_facts"].reindex(counts.index) == counts).all()


def test_two_quantities_of_one_sentence_never_share_an_id(next_release):
    outputs, version, _ = next_release
    metrics = load_release(outputs / version, "metrics")
    values = metrics[metrics["role"] == "value"]
    shared = values.groupby(["doc_id", "sentence", "metric_id"])["unit"].nunique()
    assert (shared == 1).all(), shared[shared > 1]
    # 12个部门 and 28项 救助事项 were one id in v2022.3
    platform = values[values["sentence"].str.contains("纳入统一平台", regex=False)]
    assert platform["metric_id"].nunique() == len(platform) == 2


def test_a_range_is_published_with_both_ends(next_release):
    outputs, version, _ = next_release
    metrics = load_release(outputs / version, "metrics")
    ranged = metrics[metrics["quantity_text"] == "1-2项"]
    assert len(ranged) == 1
    row = ranged.iloc[0]
    assert pd.isna(row["value"]) and (row["value_min"], row["value_max"]) == (1, 2)


def test_a_rebuild_on_the_new_release_keeps_every_id_and_publishes_nothing(next_release):
    outputs, version, _ = next_release
    with DagsterInstance.ephemeral() as instance:
        again = build(ROOT / "raw", outputs, instance=instance)
    assert again.ok and not again.published and again.version == version, again.reason
