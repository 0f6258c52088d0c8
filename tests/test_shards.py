"""Shards of a report year: every file in exactly one, stable, even, and the rows the same as the year's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dagster import DagsterInstance, build_sensor_context

from govmetrics.incremental import store
from govmetrics.incremental.shards import Unit, parse_unit, shard_of, units_of
from govmetrics.incremental.unit import UNIT_TABLES, build_unit, commit_unit

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "corpus" / "dev"


def test_every_file_is_in_exactly_one_shard_and_shards_are_even():
    paths = [f"2022/report-{i:05d}.txt" for i in range(4000)]
    counts = [0] * 4
    for path in paths:
        owners = [u for u in units_of(2022, 4) if u.owns(path)]
        assert len(owners) == 1
        counts[owners[0].shard] += 1
        assert shard_of(path, 4) == owners[0].shard == shard_of(path, 4)  # stable
    assert min(counts) > 0.9 * len(paths) / 4 and max(counts) < 1.1 * len(paths) / 4
    assert [u.key for u in units_of(2022, 1)] == ["2022"]  # one shard: the year, as before sharding


def test_unit_keys_round_trip_and_bad_keys_are_named():
    for unit in [Unit(2022), *units_of(2023, 8)]:
        assert parse_unit(unit.key) == unit
    for bad in ("2022-8of8", "2022-0of1", "22", "2022-xof4", "2022-1of0"):
        with pytest.raises(ValueError, match=bad):
            parse_unit(bad)


def _raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    (raw / "2022").mkdir(parents=True)
    for name in ("hc-sanmin-2022.txt", "hc-sanmin-2022.gb18030.txt", "hc-sanmin-2022.traditional.txt",
                 "hc-sanmin-2022.html"):
        shutil.copyfile(DEV / name, raw / "2022" / name)
    shutil.copyfile(ROOT / "raw" / "2022" / "qingdao-sanmin-2022.txt", raw / "2022" / "qingdao-sanmin-2022.txt")
    shutil.copyfile(ROOT / "raw" / "2022" / "qingdao-sanmin-2022.meta.yml", raw / "2022" / "qingdao-sanmin-2022.meta.yml")
    return raw


def test_the_shards_of_a_year_hold_the_rows_of_the_year(tmp_path: Path):
    raw = _raw(tmp_path)
    whole = tmp_path / "whole"
    commit_unit(whole, build_unit(raw, 2022, whole))
    split = tmp_path / "split"
    shards = 3
    for shard in range(shards):
        commit_unit(split, build_unit(raw, 2022, split, shard=shard, shards=shards))
    for name in UNIT_TABLES:
        year = pq.read_table(store.table_path(whole, name, "2022")).replace_schema_metadata(None)
        parts = [pq.read_table(store.table_path(split, name, u.key)).replace_schema_metadata(None)
                 for u in units_of(2022, shards)]
        together = pa.concat_tables(parts)
        key = [c for c in ("doc_id", "source_file", "mention_id", "section_id", "fact_id") if c in year.column_names]
        assert together.num_rows == year.num_rows, name
        assert together.sort_by([(c, "ascending") for c in key + ["_key"]]).equals(
            year.sort_by([(c, "ascending") for c in key + ["_key"]])), name
    documents = [pq.read_table(store.table_path(split, "documents", u.key)).num_rows for u in units_of(2022, shards)]
    rejected = [pq.read_table(store.table_path(split, "documents_rejected", u.key)).num_rows for u in units_of(2022, shards)]
    assert sum(1 for d, r in zip(documents, rejected, strict=True) if d + r) >= 2  # the files really were split


def test_the_raw_sensor_requests_only_the_shard_of_a_changed_file(tmp_path: Path):
    from pipelines.automation import raw_files_sensor
    from pipelines.resources import ProjectPaths

    raw = _raw(tmp_path)
    resources = {"paths": ProjectPaths(raw_dir=str(raw), outputs_dir=str(tmp_path / "out"), shards=4)}
    with DagsterInstance.ephemeral() as instance:
        first = raw_files_sensor(build_sensor_context(instance=instance, cursor=None, resources=resources))
        requested = sorted(r.partition_key for r in first.run_requests)
        files = sorted(p.relative_to(raw).as_posix() for p in (raw / "2022").iterdir() if not p.name.endswith(".yml"))
        assert requested == sorted({Unit(2022, shard_of(f, 4), 4).key for f in files})
        (raw / "2022" / "hc-sanmin-2022.txt").write_text("2022“三民”活动\n市教育局加快建设\n", encoding="utf-8")
        changed = raw_files_sensor(build_sensor_context(instance=instance, cursor=first.cursor, resources=resources))
        assert [r.partition_key for r in changed.run_requests] == [Unit(2022, shard_of("2022/hc-sanmin-2022.txt", 4), 4).key]
