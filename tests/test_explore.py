"""The SQLite copy of a release for Datasette: same rows, keys and descriptions as the release."""

from __future__ import annotations

import argparse
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from govmetrics.explore import run
from govmetrics.release import publish
from release_fixtures import synthetic_sources, synthetic_tables, synthetic_years

KEYS = ["qingdao-2022", "hangzhou-2022", "qingdao-2023"]


@pytest.fixture(scope="module")
def explored(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("explore")
    result = publish(synthetic_tables(KEYS), root / "outputs", sources=synthetic_sources(KEYS),
                     report_years=synthetic_years(KEYS))
    args = argparse.Namespace(outputs=str(root / "outputs"), version=None, dest=str(root / "explore"))
    assert run(args) == 0
    return result.path, root / "explore"


def test_every_table_is_copied_row_for_row(explored):
    release, dest = explored
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    with sqlite3.connect(dest / "govmetrics.db") as db:
        for r in package["resources"]:
            if "schema" not in r or "/" in r["path"]:
                continue
            n = db.execute(f'SELECT count(*) FROM "{r["name"]}"').fetchone()[0]
            assert n == len(pd.read_parquet(release / f"{r['name']}.parquet")), r["name"]
        metrics = pd.read_sql('SELECT * FROM metrics ORDER BY fact_id', db)
    expected = pd.read_parquet(release / "metrics.parquet").sort_values("fact_id").reset_index(drop=True)
    assert metrics["value"].tolist() == expected["value"].tolist()
    assert metrics["in_headline"].tolist() == expected["in_headline"].astype(int).tolist()


def test_keys_are_declared_and_hold(explored):
    _, dest = explored
    with sqlite3.connect(dest / "govmetrics.db") as db:
        fks = {(row[2], row[3]) for row in db.execute("PRAGMA foreign_key_list(metrics)")}
        assert ("documents", "doc_id") in fks and ("indicators", "metric_id") in fks
        pk = [row[1] for row in db.execute("PRAGMA table_info(metrics)") if row[5]]
        assert pk == ["fact_id"]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_datasette_metadata_carries_the_descriptions(explored):
    release, dest = explored
    meta = json.loads((dest / "metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["govmetrics"]["tables"]
    assert "metric_id" in tables["metrics"]["columns"] and tables["metrics"]["description"]
    assert meta["license"] == "CC-BY-4.0" and release.name in meta["title"]
