"""Session fixtures: Redis, Postgres and two Celery workers, started once and always stopped."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from services import CeleryWorker, Postgres, Redis

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKERS = 2


@pytest.fixture(scope="session")
def cluster_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="govmetrics-cluster-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def redis(cluster_dir: Path) -> Iterator[Redis]:
    server = Redis(cluster_dir / "redis")
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres(cluster_dir: Path) -> Iterator[Postgres]:
    server = Postgres(cluster_dir / "postgres")
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def cluster_env(cluster_dir: Path, redis: Redis, postgres: Postgres) -> dict[str, str]:
    """The environment of the build and of every worker: one instance (Postgres), one broker."""
    home = cluster_dir / "dagster_home"
    home.mkdir()
    shutil.copyfile(ROOT / "deploy" / "dagster.yaml", home / "dagster.yaml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DAGSTER_", "GOVMETRICS_"))}
    env.update(postgres.env())
    env.update({
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",  # `dagster-celery worker start` runs `celery`
        "DAGSTER_HOME": str(home),
        "GOVMETRICS_CELERY_BROKER": f"{redis.url}/0",
        "GOVMETRICS_CELERY_BACKEND": f"{redis.url}/1",
    })
    return env


@pytest.fixture(scope="session")
def celery_workers(cluster_dir: Path, cluster_env: dict[str, str]) -> Iterator[list[CeleryWorker]]:
    workers = [
        CeleryWorker(f"worker{n}", ROOT / "deploy" / "celery.yaml", cluster_env, cluster_dir / "workers")
        for n in range(1, WORKERS + 1)
    ]
    try:
        for worker in workers:
            worker.start(BIN)
        for worker in workers:
            worker.wait_ready()
        yield workers
    finally:
        for worker in workers:
            worker.stop()
