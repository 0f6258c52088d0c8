"""Builds cost what changed: counters and events prove which files were read and extracted, never timing.

The raw directories are built from the dev corpus (its figures are invented; nothing here is
published into outputs/). Unit-level tests call ``build_unit`` directly; the end-to-end test runs
``govmetrics build``'s function with a persistent cache and reads the counts back from the Dagster
asset metadata the runs recorded.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from dagster import DagsterInstance

from govmetrics.buildlock import LOCK_NAME
from govmetrics.incremental import store
from govmetrics.incremental.collection import Collection
from govmetrics.incremental.fingerprint import document_key
from govmetrics.incremental.unit import UNIT_TABLES, build_unit, commit_unit
from govmetrics.sentences import SENTENCE_CAP, bounded_sentence
from pipelines.build import build

DEV = Path(__file__).parent / "corpus" / "dev"


def _report(raw: Path, year: int, name: str, city: str, digit_shift: int = 0) -> Path:
    """A dev report of ``year`` renamed to ``city`` (its digits shifted), with a sidecar."""
    text = (DEV / f"hc-sanmin-{year}.txt").read_text(encoding="utf-8").replace("海川", city)
    if digit_shift:
        text = text.translate({ord(str(d)): str((d - 1 + digit_shift) % 9 + 1) for d in range(1, 10)})
    path = raw / str(year) / f"{name}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.with_name(f"{name}.meta.yml").write_text(f"city: {city}\nreport_year: {year}\npublished: {year}-11-25\n", encoding="utf-8")
    return path


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    _report(raw, 2022, "a", "甲州")
    _report(raw, 2022, "b", "乙州", 3)
    _report(raw, 2023, "c", "甲州", 5)
    return raw


def _unit(raw: Path, year: int, base: Path, **kw):
    result = build_unit(raw, year, base, **kw)
    commit_unit(base, result)
    return result


# --- one unit: what is read, what is extracted ------------------------------------------------


def test_a_rebuild_with_nothing_changed_reads_and_extracts_nothing(raw, tmp_path):
    base = tmp_path / "store"
    first = _unit(raw, 2022, base)
    assert (first.stats.read, first.stats.extracted) == (2, 2)
    again = _unit(raw, 2022, base)
    assert (again.stats.read, again.stats.extracted, again.stats.cached) == (0, 0, 2)
    assert all(t is None for t in again.tables.values())  # every stored table is left as it is
    assert not any(p.name.startswith(".unit-") for p in base.iterdir())  # no working files left behind
    assert again.fingerprint == first.fingerprint


def test_an_added_report_is_the_only_one_read_and_extracted(raw, tmp_path):
    base = tmp_path / "store"
    _unit(raw, 2022, base)
    before = pq.read_table(store.table_path(base, "mentions", "2022"))
    _report(raw, 2022, "d", "丙州", 7)
    result = _unit(raw, 2022, base)
    assert (result.stats.read, result.stats.extracted, result.stats.cached) == (1, 1, 2)
    assert result.extracted_paths == ["2022/d.txt"]
    after = pq.read_table(store.table_path(base, "mentions", "2022"))
    kept = after.filter(pc.is_in(after["_key"], value_set=before["_key"].unique()))
    assert kept.to_pylist() == before.to_pylist()  # the other reports' rows, untouched


def test_a_changed_report_is_extracted_again_and_a_touched_one_is_only_read(raw, tmp_path):
    base = tmp_path / "store"
    _unit(raw, 2022, base)
    path = raw / "2022" / "b.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n另外新增服务站点17个。\n", encoding="utf-8")
    changed = _unit(raw, 2022, base)
    assert (changed.stats.read, changed.stats.extracted) == (1, 1)
    assert changed.extracted_paths == ["2022/b.txt"]

    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # same bytes, new time
    touched = _unit(raw, 2022, base)
    assert (touched.stats.read, touched.stats.extracted, touched.stats.cached) == (1, 0, 2)


def test_an_edited_sidecar_makes_its_report_new(raw, tmp_path):
    base = tmp_path / "store"
    _unit(raw, 2022, base)
    meta = raw / "2022" / "a.meta.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "publisher: 甲州日报\n", encoding="utf-8")
    result = _unit(raw, 2022, base)
    assert result.extracted_paths == ["2022/a.txt"]
    documents = pq.read_table(store.table_path(base, "documents", "2022")).to_pylist()
    assert {d["source_file"]: d["publisher"] for d in documents}["2022/a.txt"] == "甲州日报"


def test_each_raw_file_is_read_once_per_unit_and_other_years_not_at_all(raw, tmp_path, monkeypatch):
    import govmetrics.incremental.unit as unit_module

    opened: list[str] = []
    real = unit_module.read_raw_file

    def counting(path, root):
        opened.append(Path(path).relative_to(root).as_posix())
        return real(path, root)

    monkeypatch.setattr(unit_module, "read_raw_file", counting)
    _unit(raw, 2022, tmp_path / "store")
    assert sorted(opened) == ["2022/a.txt", "2022/b.txt"]


def test_the_key_covers_bytes_sidecar_path_and_code_version():
    key = document_key("2022/a.txt", "0" * 64, "1" * 64, "v1")
    assert key != document_key("2022/a.txt", "2" * 64, "1" * 64, "v1")
    assert key != document_key("2022/a.txt", "0" * 64, None, "v1")
    assert key != document_key("2021/a.txt", "0" * 64, "1" * 64, "v1")
    assert key != document_key("2022/a.txt", "0" * 64, "1" * 64, "v2")


def test_rows_made_in_a_failed_check_are_never_taken_from_the_store(raw, tmp_path, monkeypatch):
    import govmetrics.incremental.unit as unit_module

    base = tmp_path / "store"
    real = unit_module.facts_from_mentions

    def corrupted(mentions):
        facts = real(mentions)
        facts.loc[0, "qualifier"] = "roughly"
        return facts

    monkeypatch.setattr(unit_module, "facts_from_mentions", corrupted)
    failed = _unit(raw, 2022, base)
    assert not failed.checks["metrics"].passed
    monkeypatch.undo()
    again = _unit(raw, 2022, base)
    assert again.stats.extracted == 2 and again.checks["metrics"].passed


def test_a_lost_stored_table_is_rebuilt_not_trusted(raw, tmp_path):
    base = tmp_path / "store"
    _unit(raw, 2022, base)
    store.table_path(base, "mentions", "2022").unlink()
    result = _unit(raw, 2022, base)
    assert result.stats.extracted == 2
    assert pq.read_table(store.table_path(base, "mentions", "2022")).num_rows > 0


def test_batches_do_not_change_the_rows(raw, tmp_path):
    _unit(raw, 2022, tmp_path / "one", batch_size=1)
    _unit(raw, 2022, tmp_path / "many", batch_size=100)
    for name in UNIT_TABLES:
        one = pq.read_table(store.table_path(tmp_path / "one", name, "2022"))
        many = pq.read_table(store.table_path(tmp_path / "many", name, "2022"))
        assert one.equals(many), name


def test_assembling_a_doc_id_range_at_a_time_gives_the_same_tables(raw, tmp_path, monkeypatch):
    import govmetrics.incremental.unit as unit_module

    _unit(raw, 2022, tmp_path / "one-pass", batch_size=1)
    monkeypatch.setattr(unit_module, "_ONE_PASS_ROWS", 0)  # as a large year is assembled
    _unit(raw, 2022, tmp_path / "ranges", batch_size=1)
    _report(raw, 2022, "d", "丙州", 7)  # and again with stored rows read a range at a time
    _unit(raw, 2022, tmp_path / "ranges", batch_size=1)
    monkeypatch.undo()
    _unit(raw, 2022, tmp_path / "one-pass", batch_size=1)
    for name in UNIT_TABLES:
        one = pq.read_table(store.table_path(tmp_path / "one-pass", name, "2022"))
        ranges = pq.read_table(store.table_path(tmp_path / "ranges", name, "2022"))
        assert one.num_rows and one.equals(ranges) or name == "documents_rejected", name


def test_units_of_any_grouping_give_the_same_collection(raw, tmp_path):
    """Two years in two units, or the same years' files split across more units: the same tables."""
    base = tmp_path / "store"
    for year in (2022, 2023):
        _unit(raw, year, base)
    paths = {name: {u: store.table_path(base, name, u) for u in ("2022", "2023")} for name in UNIT_TABLES}
    whole = Collection(paths)
    # The 2022 unit split in two: the same rows, in units that each hold part of a year.
    split = tmp_path / "split"
    table = pq.read_table(store.table_path(base, "mentions", "2022"))
    keys = sorted(set(table["_key"].to_pylist()))
    split_paths: dict[str, dict[str, Path]] = {}
    for name in UNIT_TABLES:
        t = pq.read_table(store.table_path(base, name, "2022"))
        first = pc.is_in(t["_key"], value_set=pa.array(keys[:1]))
        parts = {"2022a": t.filter(first), "2022b": t.filter(pc.invert(first))}
        split_paths[name] = {"2023": store.table_path(base, name, "2023")}
        for unit, part in parts.items():
            store.write_table(store.table_path(split, name, unit), part)
            split_paths[name][unit] = store.table_path(split, name, unit)
    regrouped = Collection(split_paths)
    for name in ("documents", "sections", "mentions", "metrics", "documents_rejected"):
        assert pa_concat(whole.stream(name)).equals(pa_concat(regrouped.stream(name))), name
    facts = whole.kept_metrics()
    assert facts.equals(regrouped.kept_metrics())
    linked = tmp_path / "linked.parquet"  # the facts as the comparisons read them (here with provisional ids)
    store.write_table(linked, pa_concat(whole.stream("metrics")))
    changes = whole.metric_changes(tmp_path / "agg1", linked)[0]
    assert changes.num_rows > 0 and changes.equals(regrouped.metric_changes(tmp_path / "agg2", linked)[0])
    assert changes.equals(regrouped.metric_changes(tmp_path / "agg3", linked, spill_rows=0)[0])  # split through files


def pa_concat(tables):
    return pa.concat_tables(list(tables))


# --- sentences ----------------------------------------------------------------------------------


def test_sentences_are_bounded_even_on_one_enormous_line(tmp_path):
    raw = tmp_path / "raw"
    line = "".join(f"全市新建{name}共{n}个，" + "推进各项工作" * 500 for n, name in enumerate(["学校", "公园"] * 50, 1))
    path = raw / "2022" / "long.txt"
    path.parent.mkdir(parents=True)
    path.write_text("2022“三民”活动\n市教育局推动教育发展\n" + line + "。\n", encoding="utf-8")
    path.with_name("long.meta.yml").write_text("city: 甲州\nreport_year: 2022\n", encoding="utf-8")
    _unit(raw, 2022, tmp_path / "store")
    for name in ("mentions", "metrics"):
        rows = pq.read_table(store.table_path(tmp_path / "store", name, "2022")).to_pylist()
        assert len(rows) >= 100
        assert max(len(r["sentence"]) for r in rows) <= SENTENCE_CAP
        assert all(r["quantity_text"] in r["sentence"] for r in rows)


def test_a_short_sentence_is_kept_whole_and_a_long_one_keeps_the_clauses_around_its_figure():
    text = "前言。全市新建学校42所，提供学位7万余个。后记"
    start = text.index("7万余个")
    assert bounded_sentence(text, 3, text.index("。", 3) + 1, start, start + 5) == "全市新建学校42所，提供学位7万余个。"
    long = "前言。" + "推进工作，" * 100 + "提供学位7万余个，" + "改造操场，" * 100 + "。"
    start = long.index("7万余个")
    sentence = bounded_sentence(long, 3, len(long), start, start + 5)
    assert len(sentence) <= SENTENCE_CAP and "提供学位7万余个" in sentence
    assert sentence.startswith("…推进工作，") and sentence.endswith("改造操场，…")


# --- end to end: builds, revisions, files ------------------------------------------------------


def _latest(out: Path) -> Path:
    return out / (out / "LATEST").read_text(encoding="utf-8").strip()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_builds_reuse_the_store_and_revisions_share_unchanged_files(raw, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    with DagsterInstance.ephemeral() as instance:
        first = build(raw, out, instance=instance, cache_dir=cache)
        assert first.published and first.version == "v2023.1"
        assert sum(s["extracted"] for s in first.year_stats.values()) == 3

        again = build(raw, out, instance=instance, cache_dir=cache)
        assert not again.published and again.version == "v2023.1"
        assert {y: (s["read"], s["extracted"]) for y, s in again.year_stats.items()} == {"2022": (0, 0), "2023": (0, 0)}

        _report(raw, 2022, "d", "丙州", 7)
        added = build(raw, out, instance=instance, cache_dir=cache)
        assert added.published and added.version == "v2023.2"
        assert {y: (s["read"], s["extracted"]) for y, s in added.year_stats.items()} == {"2022": (1, 1), "2023": (0, 0)}
        assert added.summary()[0].startswith("documents: 4 raw files, 1 read, 3 cached, 1 extracted, 0 quarantined")

    v1, v2 = out / "v2023.1", out / "v2023.2"
    shared = [p.name for p in v2.iterdir() if (v1 / p.name).is_file() and _sha(p) == _sha(v1 / p.name)]
    assert "documents_rejected.parquet" in shared  # no file was quarantined in either build
    for name in shared:
        assert (v2 / name).stat().st_ino == (v1 / name).stat().st_ino, name  # stored once
    assert (v2 / "mentions.parquet").stat().st_ino != (v1 / "mentions.parquet").stat().st_ino


def test_the_no_change_path_verifies_the_latest_release_and_restores_its_pointer(raw, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    with DagsterInstance.ephemeral() as instance:
        assert build(raw, out, instance=instance, cache_dir=cache).published
        again = build(raw, out, instance=instance, cache_dir=cache)
        assert again.ok and not again.published and "release" not in again.stage_seconds  # no publish run at all

        (out / "LATEST").unlink()
        restored = build(raw, out, instance=instance, cache_dir=cache)
        assert restored.ok and not restored.published and "release" not in restored.stage_seconds
        assert "LATEST was missing and names v2023.1 again" in restored.reason
        assert (out / "LATEST").read_text() == "v2023.1\n"

        readme = out / "v2023.1" / "README.md"  # not a data file: only the release's checksums can tell
        readme.chmod(0o644)
        readme.write_bytes(readme.read_bytes().replace(b"govmetrics", b"govmetricz", 1))
        refused = build(raw, out, instance=instance, cache_dir=cache)
    assert not refused.ok and refused.release_failed and not refused.published
    assert any("v2023.1 is damaged" in p and "README.md" in p for p in refused.problems), refused.problems
    assert sorted(p.name for p in out.iterdir() if p.name != LOCK_NAME) == ["LATEST", "v2023.1"]  # nothing published over it


def test_two_builds_of_the_same_raw_dir_give_identical_sha256sums(raw, tmp_path):
    sums = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        with DagsterInstance.ephemeral() as instance:
            outcome = build(raw, out, instance=instance, cache_dir=tmp_path / f"cache{n}")
        assert outcome.published
        sums.append((_latest(out) / "SHA256SUMS").read_bytes())
    assert sums[0] == sums[1]


def test_copies_of_one_report_in_two_years_are_kept_once(raw, tmp_path):
    shutil.copyfile(raw / "2022" / "a.txt", raw / "2023" / "a-copy.txt")
    (raw / "2023" / "a-copy.meta.yml").write_text("city: 甲州\nreport_year: 2023\n", encoding="utf-8")
    base = tmp_path / "store"
    for year in (2022, 2023):
        _unit(raw, year, base)
    collection = Collection({name: {u: store.table_path(base, name, u) for u in ("2022", "2023")} for name in UNIT_TABLES})
    assert [d["source_file"] for d in collection.duplicates] == ["2023/a-copy.txt"]
    assert "2022/a.txt" in collection.duplicates[0]["detail"]
    documents = pa_concat(collection.stream("documents"))
    assert sorted(documents["source_file"].to_pylist()) == ["2022/a.txt", "2022/b.txt", "2023/c.txt"]
