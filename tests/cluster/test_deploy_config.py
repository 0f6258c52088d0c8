"""The checked-in instance and run configs load with Dagster's own config machinery.

deploy/dagster.yaml is also used live by test_celery_build.py (a real Postgres); the Kubernetes
files cannot be, here: they are read as an instance reference (``InstanceRef.from_dir``) and every
configurable class in them (Postgres storage, run queue, K8sRunLauncher) is checked against that
class's own config schema, as Dagster does before constructing it; the run config is checked
against ``k8s_job_executor``'s and ``celery_executor``'s schemas.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
import yaml
from dagster._config import process_config
from dagster._core.instance.ref import InstanceRef
from dagster._serdes.config_class import ConfigurableClassData

pytestmark = pytest.mark.cluster

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ENV = {
    "DAGSTER_PG_HOST": "db.internal", "DAGSTER_PG_PORT": "5432", "DAGSTER_PG_USERNAME": "dagster",
    "DAGSTER_PG_PASSWORD": "secret", "DAGSTER_PG_DB": "dagster", "GOVMETRICS_IMAGE": "registry/govmetrics:1",
    "GOVMETRICS_CELERY_BROKER": "redis://broker:6379/0", "GOVMETRICS_CELERY_BACKEND": "redis://broker:6379/1",
}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)


def _ref(config: Path, tmp_path: Path) -> InstanceRef:
    shutil.copyfile(config, tmp_path / "dagster.yaml")
    return InstanceRef.from_dir(str(tmp_path))


def _processed(data: ConfigurableClassData) -> dict:
    klass = getattr(importlib.import_module(data.module_name), data.class_name)
    result = process_config(klass.config_type(), yaml.safe_load(data.config_yaml) or {})
    assert result.success, [e.message for e in result.errors or []]
    return result.value


@pytest.mark.parametrize("config", ["dagster.yaml", "k8s/dagster.yaml"])
def test_production_instance_config(config: str, tmp_path: Path):
    ref = _ref(DEPLOY / config, tmp_path)
    assert ref.storage_data is not None and ref.storage_data.class_name == "DagsterPostgresStorage"
    storage = _processed(ref.storage_data)
    assert storage["postgres_db"]["password"] == "secret"  # from the environment, not the file
    assert ref.run_coordinator_data is not None and ref.run_coordinator_data.class_name == "QueuedRunCoordinator"
    queue = _processed(ref.run_coordinator_data)
    assert queue["max_concurrent_runs"] >= 1
    assert {"key": "govmetrics/writes", "value": "outputs", "limit": 1} in queue["tag_concurrency_limits"]
    assert ref.settings["telemetry"] == {"enabled": False}


def test_kubernetes_run_launcher(tmp_path: Path):
    ref = _ref(DEPLOY / "k8s" / "dagster.yaml", tmp_path)
    assert ref.run_launcher_data is not None
    assert (ref.run_launcher_data.module_name, ref.run_launcher_data.class_name) == ("dagster_k8s", "K8sRunLauncher")
    launcher = _processed(ref.run_launcher_data)
    assert launcher["job_image"] == "registry/govmetrics:1"
    assert launcher["instance_config_map"] and launcher["load_incluster_config"] is True


def test_kubernetes_and_celery_run_configs():
    from dagster_celery import celery_executor
    from dagster_k8s import k8s_job_executor

    for path, executor in ((DEPLOY / "k8s" / "run-config.yaml", k8s_job_executor), (DEPLOY / "celery.yaml", celery_executor)):
        config = yaml.safe_load(path.read_text(encoding="utf-8"))["execution"]["config"]
        result = process_config(executor.config_schema.config_type, config)
        assert result.success, (path, [e.message for e in result.errors or []])
    bad = process_config(k8s_job_executor.config_schema.config_type, {"max_concurent": 8})
    assert not bad.success  # a misspelt key is refused: the check above would catch one in the files


def test_the_executor_is_chosen_when_the_code_location_loads(monkeypatch: pytest.MonkeyPatch):
    from pipelines.definitions import build_definitions

    for name, expected in (("k8s", "k8s"), ("celery", "celery"), ("in_process", "in_process")):
        monkeypatch.setenv("GOVMETRICS_EXECUTOR", name)
        job = build_definitions().resolve_job_def("build_report_unit")
        assert expected in job.executor_def.name
