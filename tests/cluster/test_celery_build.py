"""The dev corpus built through Celery workers on a Postgres instance equals the in-process build.

Redis (the broker), a throwaway Postgres (the instance's storage, configured by deploy/dagster.yaml)
and two Celery workers run as separate processes on 127.0.0.1 (conftest.py). ``govmetrics build
--executor celery`` splits each report year into two shards, runs two partition runs at a time and
hands every step to the workers, the tables passing between them through a shared base given as a
URL; the release must be byte for byte the one an in-process build of whole years on an ephemeral
instance publishes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

from pipelines.build import build

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "corpus" / "dev"
GOVMETRICS = str(Path(sys.executable).parent / "govmetrics")
LAYOUT = {
    "2021": ["hc-sanmin-2021.txt"],
    "2022": ["hc-sanmin-2022.txt", "hc-sanmin-2022.gb18030.txt", "hc-sanmin-2022.traditional.txt", "hc-sanmin-2022.html"],
    "2023": ["hc-sanmin-2023.txt"],
}


def _raw(root: Path) -> Path:
    raw = root / "raw"
    for year, names in LAYOUT.items():
        (raw / year).mkdir(parents=True)
        for name in names:
            shutil.copyfile(DEV / name, raw / year / name)
    return raw


def _files(out: Path) -> dict[str, str]:
    release = out / (out / "LATEST").read_text(encoding="utf-8").strip()
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(release.rglob("*")) if p.is_file()}


def test_dev_corpus_through_celery_workers_equals_the_in_process_build(tmp_path, cluster_env, celery_workers):
    raw = _raw(tmp_path)
    with DagsterInstance.ephemeral() as instance:
        local = build(raw, tmp_path / "in_process", instance=instance)
    assert local.ok and local.published, local.problems

    out = tmp_path / "celery"
    shared = tmp_path / "shared"
    done = subprocess.run(
        [GOVMETRICS, "build", "--raw", str(raw), "--out", str(out), "--executor", "celery",
         "--run-config", str(ROOT / "deploy" / "celery.yaml"), "--workers", "2", "--shards", "2",
         "--storage", shared.as_uri()],
        env=cluster_env, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr + "".join(w.log[-2000:] for w in celery_workers)
    assert f"published {local.version}" in done.stdout

    expected = _files(tmp_path / "in_process")
    assert any(name.endswith("/metrics.parquet") for name in expected)
    assert _files(out) == expected
    units = sorted(f"{year}-{shard}of2" for year in LAYOUT for shard in range(2))
    assert sorted(p.stem for p in (shared / "mentions").glob("*.parquet")) == units

    # The runs are in Postgres, and every step ran in a Celery worker, both workers taking some.
    import os

    saved = {k: os.environ.get(k) for k in cluster_env}
    os.environ.update(cluster_env)
    try:
        with DagsterInstance.get() as pg:
            assert type(pg.run_storage).__name__ == "PostgresRunStorage"
            runs = pg.get_runs(RunsFilter(job_name="build_report_unit"))
            assert sorted(r.tags["dagster/partition"] for r in runs) == units
            assert {r.status for r in runs} == {DagsterRunStatus.SUCCESS}
            hosts: set[str] = set()
            steps = 0
            for run in pg.get_runs():  # units, final ids, the parts, the release
                for record in pg.all_logs(run.run_id):
                    event = record.dagster_event
                    if event is None:
                        continue
                    if event.event_type_value == "STEP_START":
                        steps += 1
                    if event.event_type_value == "ENGINE_EVENT" and "in celery worker" in (event.message or ""):
                        data = event.engine_event_data.metadata
                        hosts.add(str(data["Celery worker"].value).split("@")[0])  # name@host
            # A step per unit; identified, the crosswalk; metric_changes and site pages per part; metric_changes, release.
            assert steps >= len(units) + 2 + 2 * 2 + 2
            assert {r.job_name for r in pg.get_runs()} >= {"identify_collection", "build_changes_part", "build_site_part",
                                                         "assemble_release"}
            assert hosts == {w.name for w in celery_workers}, hosts
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
