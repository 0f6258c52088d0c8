"""The raw/ sensor requests a build once per file content; the definitions load and validate."""

from pathlib import Path

from dagster import DagsterInstance, SensorResult, SkipReason, build_sensor_context

from pipelines.automation import raw_files_sensor
from pipelines.definitions import build_definitions
from pipelines.resources import ProjectPaths


def _evaluate(raw: Path, instance: DagsterInstance, cursor: str | None):
    context = build_sensor_context(
        instance=instance, cursor=cursor, resources={"paths": ProjectPaths(raw_dir=str(raw), outputs_dir=str(raw.parent / "out"))}
    )
    return raw_files_sensor(context)


def test_new_file_requests_its_year_once(tmp_path):
    raw = tmp_path / "raw"
    (raw / "2023").mkdir(parents=True)
    (raw / "2023" / "report.txt").write_text("2023“三民”活动\n市教育局加快建设\n", encoding="utf-8")
    with DagsterInstance.ephemeral() as instance:
        first = _evaluate(raw, instance, None)
        assert isinstance(first, SensorResult)
        assert [r.partition_key for r in first.run_requests] == ["2023"]
        assert first.dynamic_partitions_requests[0].partition_keys == ["2023"]

        again = _evaluate(raw, instance, first.cursor)
        assert isinstance(again, SkipReason)

        (raw / "2023" / "report.txt").write_text("2023“三民”活动\n市教育局加快建设高质量教育体系\n", encoding="utf-8")
        changed = _evaluate(raw, instance, first.cursor)
        assert isinstance(changed, SensorResult)
        assert [r.partition_key for r in changed.run_requests] == ["2023"]
        assert changed.run_requests[0].run_key != first.run_requests[0].run_key


def test_definitions_resolve_both_jobs(tmp_path):
    defs = build_definitions(raw_dir=tmp_path, outputs_dir=tmp_path / "out")
    assert defs.resolve_job_def("build_report_unit").partitions_def is not None
    assert defs.resolve_job_def("publish_release").partitions_def is None
    assert {s.name for s in defs.sensors} >= {"raw_files_sensor", "publish_after_build"}
    schedule = next(iter(defs.schedules))
    assert schedule.execution_timezone == "Asia/Shanghai"


def test_dagster_validates_the_code_location():
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    dagster = Path(sys.executable).with_name("dagster")
    proc = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "pipelines"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "passed validation" in proc.stderr + proc.stdout
