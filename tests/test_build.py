"""End to end: raw reports in a temporary directory become a published, validated release."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from dagster import DagsterInstance

import govmetrics.incremental.unit as unit_module
from govmetrics.reading import read_text
from pipelines.build import build

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "2022"


@pytest.fixture()
def raw_dir(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(SEED, raw / "2022")
    return raw


def _latest(out: Path) -> Path:
    return out / (out / "LATEST").read_text(encoding="utf-8").strip()


def test_build_publishes_every_table(raw_dir: Path, tmp_path: Path):
    out = tmp_path / "outputs"
    with DagsterInstance.ephemeral() as instance:
        outcome = build(raw_dir, out, instance=instance)
    assert outcome.ok and outcome.published, outcome.reason
    assert outcome.version == "v2022.1"
    release = _latest(out)
    assert release.name == "v2022.1"

    text = (raw_dir / "2022" / "qingdao-sanmin-2022.txt").read_text(encoding="utf-8")
    sections, located = read_text(text, report_year=2022)
    for table, rows in {
        "documents": 1,
        "documents_rejected": 0,
        "sections": len(sections),
        "mentions": len(located),
        "metrics": len(located) - sum(1 for m in located if m.headline),
    }.items():
        parquet = pd.read_parquet(release / f"{table}.parquet")
        csv = pd.read_csv(release / f"{table}.csv", encoding="utf-8")
        assert len(parquet) == rows, table
        assert len(csv) == rows, table

    metrics = pd.read_parquet(release / "metrics.parquet")
    assert set(metrics["report_year"]) == {2022}
    assert set(metrics["city"]) == {"青岛"}
    assert {"市教育局", "市科技局", "市民政局", "市司法局"} <= set(metrics["department"])
    assert (metrics.apply(lambda r: text[r["start"] : r["end"]] == r["quantity_text"], axis=1)).all()

    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == "v2022.1"
    assert "metrics" in {r["name"].split(".")[0].replace("-", "_") for r in package["resources"]} or any(
        "metrics" in r["path"] for r in package["resources"]
    )
    assert (release / "README.md").is_file() and (release / "SHA256SUMS").is_file()

    with DagsterInstance.ephemeral() as instance:
        again = build(raw_dir, out, instance=instance)
    assert again.ok and not again.published
    assert sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")) == ["v2022.1"]


def test_invalid_table_blocks_the_release(raw_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    real = unit_module.facts_from_mentions

    def corrupted(mentions: pd.DataFrame) -> pd.DataFrame:
        facts = real(mentions)
        facts.loc[0, "report_year"] = 1850
        facts.loc[1, "qualifier"] = "roughly"
        return facts

    monkeypatch.setattr(unit_module, "facts_from_mentions", corrupted)
    out = tmp_path / "outputs"
    with DagsterInstance.ephemeral() as instance:
        outcome = build(raw_dir, out, instance=instance)
        checks = [
            e.dagster_event.event_specific_data
            for e in instance.all_logs(instance.get_runs()[0].run_id)
            if e.dagster_event and e.dagster_event.event_type_value == "ASSET_CHECK_EVALUATION"
        ]
    assert not outcome.ok and not outcome.published
    assert any("metrics.schema failed" in p for p in outcome.problems), outcome.problems
    assert not (out / "LATEST").exists()
    failed = [c for c in checks if c.asset_key.path == ["metrics"] and not c.passed]
    assert failed, "the metrics schema check should fail"
    cases = failed[0].metadata["failure_cases"].value
    assert "roughly" in cases and "1850" in cases


def test_bad_files_are_quarantined_and_the_good_report_is_published(raw_dir: Path, tmp_path: Path):
    year = raw_dir / "2022"
    (year / "empty.txt").write_bytes(b"")
    (year / "scan.txt").write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    (year / "dated wrongly 报告.txt").write_text("2022“三民”活动\n市教育局推进工作\n\n新建学校3所\n", encoding="utf-8")
    (year / "dated wrongly 报告.meta.yml").write_text("city: 青岛\npublished: 2022-13-45\n", encoding="utf-8")
    out = tmp_path / "outputs"
    with DagsterInstance.ephemeral() as instance:
        outcome = build(raw_dir, out, instance=instance)
    assert outcome.ok and outcome.published, (outcome.reason, outcome.problems)
    release = _latest(out)
    rejected = pd.read_parquet(release / "documents_rejected.parquet").set_index("source_file")
    assert dict(rejected["reason"]) == {
        "2022/dated wrongly 报告.txt": "invalid_metadata",
        "2022/empty.txt": "empty",
        "2022/scan.txt": "binary",
    }
    assert "published" in rejected.loc["2022/dated wrongly 报告.txt", "detail"]
    documents = pd.read_parquet(release / "documents.parquet")
    assert list(documents["source_file"]) == ["2022/qingdao-sanmin-2022.txt"]
    assert len(pd.read_parquet(release / "metrics.parquet")) > 50
