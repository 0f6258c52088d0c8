"""The embedded instance of `make run` and `make ui`: SQLite under DAGSTER_HOME, no server, telemetry off."""

import shutil
from pathlib import Path

from dagster._core.instance.ref import InstanceRef

ROOT = Path(__file__).resolve().parents[1]


def test_the_embedded_instance_is_sqlite_with_telemetry_off(tmp_path: Path):
    shutil.copyfile(ROOT / "deploy" / "local" / "dagster.yaml", tmp_path / "dagster.yaml")
    ref = InstanceRef.from_dir(str(tmp_path))
    assert ref.storage_data is not None and ref.storage_data.class_name == "DagsterSqliteStorage"
    assert ref.run_launcher_data is None or ref.run_launcher_data.class_name == "DefaultRunLauncher"
    assert ref.settings["telemetry"] == {"enabled": False}

