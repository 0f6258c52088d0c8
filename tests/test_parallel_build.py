"""Builds side by side: several runs at once give the same release, and two builds never mix.

The dev corpus is laid out as a raw directory in a temporary folder (see test_build_dev.py); its
figures are invented, so nothing here is published into outputs/.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from dagster import DagsterInstance

from govmetrics.buildlock import build_lock
from govmetrics.release import load_latest
from govmetrics.site.render import FRONT_PIECES
from pipelines.build import build

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "corpus" / "dev"
SEED = ROOT / "raw" / "2022"
GOVMETRICS = str(Path(sys.executable).parent / "govmetrics")


def dev_raw(root: Path) -> Path:
    raw = root / "raw"
    for year in ("2021", "2022", "2023"):
        (raw / year).mkdir(parents=True)
        shutil.copyfile(DEV / f"hc-sanmin-{year}.txt", raw / year / f"hc-sanmin-{year}.txt")
    return raw


def release_files(out: Path) -> dict[str, str]:
    """Every file of the latest release (but the zip, which holds the same files) by its SHA-256."""
    release = out / (out / "LATEST").read_text(encoding="utf-8").strip()
    return {
        p.relative_to(release).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(release.rglob("*"))
        if p.is_file() and not p.name.endswith((".zip", ".zip.sha256"))
    }


@pytest.fixture(scope="module")
def one_shard(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The dev corpus built the plain way: one unit per year, in this process, an ephemeral instance."""
    root = tmp_path_factory.mktemp("one-shard")
    raw = dev_raw(root)
    with DagsterInstance.ephemeral() as instance:
        outcome = build(raw, root / "outputs", instance=instance)
    assert outcome.ok and outcome.published and outcome.version == "v2023.1", outcome.problems
    files = release_files(root / "outputs")
    assert any(name.endswith("metrics.parquet") for name in files)
    return raw, files


def test_shards_publish_the_same_files_as_whole_years(one_shard, tmp_path: Path):
    raw, files = one_shard
    with DagsterInstance.ephemeral() as instance:
        sharded = build(raw, tmp_path / "sharded", instance=instance, shards=3, cache_dir=tmp_path / "cache")
    assert sharded.ok and sharded.published, sharded.problems
    assert sorted(sharded.year_stats) == [f"{y}-{s}of3" for y in (2021, 2022, 2023) for s in range(3)]
    assert release_files(tmp_path / "sharded") == files
    assert (tmp_path / "cache" / "documents" / "2022-0of3.parquet").is_file()
    # The collection was built in three parts too, and the release took the parts' item pages.
    assert {"metric_changes_part", "site_pages"} <= set(sharded.stage_seconds)
    assert sharded.pages_from_parts == 3
    parts = [pd.read_parquet(tmp_path / "cache" / "site_pages" / f"{k}of3.parquet") for k in range(3)]
    assert all(len(part) for part in parts)
    # Every page but the release's own (front page, dictionary, changes) and the files copied as they are.
    collection_pages = {name for name in files if name.startswith(("site/departments/", "site/indicators/", "site/documents/"))}
    collection_pages |= {"site/indicators.html", "site/search.html", "site/assets/search-data.js"}
    rendered = [path for part in parts for path in part["path"]]
    assert sorted(p for p in rendered if not p.startswith(FRONT_PIECES)) == sorted(collection_pages)
    assert sorted(p for p in rendered if p.startswith(FRONT_PIECES)) == [f"{FRONT_PIECES}coverage", f"{FRONT_PIECES}stats"]


def test_a_release_never_takes_parts_made_from_other_tables(one_shard, tmp_path: Path):
    """Parts that are not up to date (a run launched without them, after the tables changed) are left
    aside: the release renders its site itself, and publishes the same files as always."""
    import pyarrow as pa

    from govmetrics.incremental import store
    from pipelines.runs import RunSpec, execute

    raw, files = one_shard
    with DagsterInstance.ephemeral() as instance:
        first = build(raw, tmp_path / "first", instance=instance, shards=2, cache_dir=tmp_path / "cache")
        assert first.ok and first.published, first.problems
        # A part of the pages from other tables: a page no release has, under a fingerprint that is not current.
        stale = tmp_path / "cache" / "site_pages" / "0of2.parquet"
        store.write_table(stale, store.with_fingerprint(
            pa.table({"path": ["site/indicators/stale.html"], "content": [b"stale"]}), "another build"))
        report = execute(RunSpec("publish_release", str(raw), str(tmp_path / "second"), str(tmp_path / "cache"),
                                 shards=2), instance)
    assert report.success, report.problems
    assert [m["item_pages_from_parts"] for m in report.metadata("release")] == [0]
    assert release_files(tmp_path / "second") == files


def test_the_release_is_not_assembled_from_ids_older_than_the_units(tmp_path: Path):
    """assemble_release takes the final ids as identify_collection left them: launched on its own after a
    unit changed, it refuses and publishes nothing; the next build publishes the new facts."""
    from pipelines.runs import RunSpec, execute

    raw = dev_raw(tmp_path)
    with DagsterInstance.ephemeral() as instance:
        first = build(raw, tmp_path / "out", instance=instance, shards=2, cache_dir=tmp_path / "cache")
        assert first.ok and first.published, first.problems
        # A reworded figure in 2023, and the 2023 units built again, and nothing after them.
        report_2023 = raw / "2023" / "hc-sanmin-2023.txt"
        report_2023.write_text(report_2023.read_text(encoding="utf-8") + "\n全年新增养老床位1234张。\n", encoding="utf-8")
        spec = {"raw_dir": str(raw), "outputs_dir": str(tmp_path / "out"), "storage_dir": str(tmp_path / "cache"),
                "shards": 2}
        for shard in ("2023-0of2", "2023-1of2"):
            assert execute(RunSpec("build_report_unit", partition_key=shard, **spec), instance).success
        alone = execute(RunSpec("assemble_release", **spec), instance)
        assert not alone.success
        assert any("were not made from the units built now" in p and "linked_metrics" in p for p in alone.problems), \
            alone.problems
        assert (tmp_path / "out" / "LATEST").read_text(encoding="utf-8").strip() == first.version
        again = build(raw, tmp_path / "out", instance=instance, shards=2, cache_dir=tmp_path / "cache")
    assert again.ok and again.published and again.version != first.version, again.problems
    assert 1234 in set(load_latest(tmp_path / "out", "metrics")["value"])


def test_two_workers_sharing_tables_through_a_url_publish_the_same_files(
    one_shard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Two worker processes on one DAGSTER_HOME, 2 shards a year, the tables handed on through a
    ``file://`` base (the fsspec code path object storage takes): the same release, and no pickle."""
    raw, files = one_shard
    home, shared = tmp_path / "home", tmp_path / "shared"
    home.mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    outcome = build(raw, tmp_path / "out", workers=2, shards=2, shared_base=shared.as_uri())
    assert outcome.ok and outcome.published, outcome.problems
    assert release_files(tmp_path / "out") == files
    units = {f"{y}-{s}of2" for y in (2021, 2022, 2023) for s in range(2)}
    assert {p.stem for p in (shared / "mentions").iterdir()} == units
    for table in ("metric_changes", "label_crosswalk"):
        assert (shared / table / "all.parquet").is_file()

    # Every intermediate result is Parquet (beside Dagster's own run records): no pickle anywhere.
    written = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".parquet" for p in written)
    pickles = [p for p in written if p.read_bytes()[:1] == b"\x80"]  # every pickle of protocol 2 or more starts so
    assert not pickles, pickles

    # A worker with an empty store of its own publishes the same release from the shared tables alone.
    monkeypatch.delenv("DAGSTER_HOME")
    from pipelines.runs import RunSpec, execute

    with DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions("report_unit", sorted(units))
        report = execute(RunSpec("publish_release", str(raw), str(tmp_path / "again"), str(tmp_path / "empty"),
                                 shards=2, shared_base=shared.as_uri()), instance)
    assert report.success, report.problems
    assert release_files(tmp_path / "again") == files


def test_object_storage_without_a_server(one_shard, tmp_path: Path):
    """fsspec's in-memory filesystem stands for object storage (it lives in this process only, so one worker)."""
    import fsspec

    raw, files = one_shard
    memory = fsspec.filesystem("memory")
    with DagsterInstance.ephemeral() as instance:
        outcome = build(raw, tmp_path / "out", instance=instance, shards=2, shared_base="memory://govmetrics-test/store")
    assert outcome.ok and outcome.published, outcome.problems
    assert release_files(tmp_path / "out") == files
    stored = memory.find("/govmetrics-test/store")
    assert "/govmetrics-test/store/metrics/2021-0of2.parquet" in stored
    assert all(name.endswith(".parquet") and not name.rsplit("/", 1)[-1].startswith(".") for name in stored)
    memory.rm("/govmetrics-test/store", recursive=True)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DAGSTER_", "GOVMETRICS_"))}
    env["DAGSTER_HOME"] = str(home)
    return env


def test_workers_split_every_year_in_as_many_shards_unless_told(one_shard, tmp_path: Path):
    """`govmetrics build --workers 2` gives each worker a shard of every year and a part of the collection."""
    raw, expected = one_shard
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    done = subprocess.run([GOVMETRICS, "build", "--raw", str(raw), "--out", str(tmp_path / "outputs"), "--workers", "2"],
                          env=_env(home), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    seconds = next(line for line in done.stdout.splitlines() if line.startswith("seconds:"))
    assert "unit 2021-0of2" in seconds and "unit 2023-1of2" in seconds and "site_pages" in seconds, seconds
    assert release_files(tmp_path / "outputs") == expected


def test_two_concurrent_builds_on_one_instance_publish_one_after_the_other(tmp_path: Path):
    """One DAGSTER_HOME, one outputs directory, two raw dirs of the same report year, started together."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    raws = {}
    for name, source in {"a": SEED / "qingdao-sanmin-2022.txt", "b": DEV / "hc-sanmin-2022.txt"}.items():
        raws[name] = tmp_path / name / "raw"
        (raws[name] / "2022").mkdir(parents=True)
        shutil.copyfile(source, raws[name] / "2022" / source.name)
        if source.parent == SEED:
            shutil.copyfile(SEED / "qingdao-sanmin-2022.meta.yml", raws[name] / "2022" / "qingdao-sanmin-2022.meta.yml")
    out = tmp_path / "outputs"
    procs = {
        name: subprocess.Popen([GOVMETRICS, "build", "--raw", str(raw), "--out", str(out)], env=_env(home),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name, raw in raws.items()
    }
    results = {name: (p.wait(timeout=600), *p.communicate()) for name, p in procs.items()}
    for name, (code, stdout, stderr) in results.items():
        assert code == 0, (name, stdout, stderr)
        assert "published v2022." in stdout, (name, stdout)
    assert sum("waiting for" in stderr for _, _, stderr in results.values()) == 1  # one waited for the other

    releases = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert releases == ["v2022.1", "v2022.2"]
    sources = {
        version: sorted(pd.read_parquet(out / version / "documents.parquet")["source_file"]) for version in releases
    }
    # Each release holds exactly one raw dir's report: nothing of the other build leaked into it.
    assert sorted(sources.values()) == [["2022/hc-sanmin-2022.txt"], ["2022/qingdao-sanmin-2022.txt"]]
    latest = load_latest(out, "documents")
    assert len(latest) == 1

    # The instance is whole: a third build on it runs, and finds nothing new to publish.
    last = next(name for name, (_, stdout, _) in results.items() if f"published {releases[-1]}" in stdout)
    again = subprocess.run([GOVMETRICS, "build", "--raw", str(raws[last]), "--out", str(out)], env=_env(home),
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "no change" in again.stdout


def test_a_build_refuses_clearly_when_told_not_to_wait(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    raw = tmp_path / "raw"
    shutil.copytree(SEED, raw / "2022")
    out = tmp_path / "outputs"
    with build_lock(out, home, raw_dir="elsewhere"):
        refused = subprocess.run([GOVMETRICS, "build", "--raw", str(raw), "--out", str(out), "--lock-timeout", "0"],
                                 env=_env(home), capture_output=True, text=True, timeout=600)
    assert refused.returncode == 75
    assert f"held by pid {os.getpid()}" in refused.stderr and "not built" in refused.stderr
    assert not (out / "LATEST").exists()


def test_the_lock_covers_the_outputs_even_with_another_instance(tmp_path: Path):
    raw = tmp_path / "raw"
    shutil.copytree(SEED, raw / "2022")
    out = tmp_path / "outputs"
    with build_lock(out, None, raw_dir="elsewhere"), DagsterInstance.ephemeral() as instance:
        with pytest.raises(Exception, match="held by pid"):
            build(raw, out, instance=instance, lock_timeout=0.2)
    assert not (out / "LATEST").exists()
