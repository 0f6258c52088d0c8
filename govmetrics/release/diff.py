"""The diff between two releases, table by table and row by row through the primary key.

Every release carries it (``changes.json`` for programs, ``CHANGES.md`` for people), so an analyst
can see which rows appeared, disappeared or changed.  When two releases cannot be lined up by key -
a key is missing, repeated, empty or redefined - the diff raises and the release is not published,
because an unexplained release is worse than none.

The two sides are the releases' Parquet files, joined by DuckDB, which streams and spills to disk:
a diff of a million rows costs seconds and little memory. Counts are always exact; the keys of
added, removed and changed rows are listed up to ``LIST_LIMIT`` per list, and ``changes.json``
says how to list the rest with the same query.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa_arrow
import pyarrow.parquet as pq

from govmetrics.markdown import md_escape
from govmetrics.release.errors import ReleaseDiffError

# Long text (a document's whole text, a section's body) is shown shortened in the diff; the full
# values are in the two releases' files.
MAX_TEXT = 200
# How many keys per list CHANGES.md shows before summarizing the rest.
MD_LIMIT = 50
# How many keys per list (added, removed, changed) changes.json holds; the counts are always whole.
LIST_LIMIT = 1000
# Bounds for the diff engine: the machine is shared and the tables may be large.
_DUCKDB_CONFIG = {"threads": 2, "memory_limit": "512MB", "preserve_insertion_order": False}


@dataclass(frozen=True)
class TableSnapshot:
    """One table of one release as the diff sees it: its Parquet file, schema and primary key."""

    name: str
    path: Path
    schema: pa_arrow.Schema
    primary_key: tuple[str, ...]

    @classmethod
    def of(cls, name: str, path: Path, primary_key: tuple[str, ...] | None = None) -> TableSnapshot:
        """A snapshot of a Parquet file; the primary key defaults to the one its schema records."""
        schema = pq.read_schema(path)
        if primary_key is None:
            meta = schema.metadata or {}
            if b"primary_key" not in meta:
                raise ReleaseDiffError(f"{path}: records no primary key")
            primary_key = tuple(json.loads(meta[b"primary_key"]))
        return cls(name, Path(path), schema, tuple(primary_key))


def _isna(v: Any) -> bool:
    if v is None:
        return True
    return isinstance(v, float) and math.isnan(v)


def _json_value(v: Any) -> Any:
    if _isna(v):
        return None
    if isinstance(v, str) and len(v) > MAX_TEXT:
        return v[:MAX_TEXT] + "…"
    return v


def k_str(pk: tuple[str, ...], key: tuple) -> str:
    return ", ".join(f"{c}={v}" for c, v in zip(pk, key))


def _key_dict(pk: tuple[str, ...], key: tuple) -> dict[str, Any]:
    return dict(zip(pk, key))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _same_file(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    return hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _connect():
    import duckdb  # imported here: only publishing a revision needs it

    return duckdb.connect(config=_DUCKDB_CONFIG)


def _check_keys(con, view: str, snap: TableSnapshot) -> None:
    pk = snap.primary_key
    if not pk:
        raise ReleaseDiffError(f"table {snap.name!r} has no primary key, so rows cannot be matched")
    missing = [c for c in pk if c not in snap.schema.names]
    if missing:
        raise ReleaseDiffError(f"table {snap.name!r}: primary key columns {missing} are missing")
    cols = ", ".join(_q(c) for c in pk)
    empty = con.execute(
        f"select {cols} from {view} where " + " or ".join(f"{_q(c)} is null" for c in pk) + " limit 1"
    ).fetchone()
    if empty is not None:
        raise ReleaseDiffError(f"table {snap.name!r}: a row has an empty primary key {tuple(empty)}")
    dup = con.execute(f"select {cols} from {view} group by {cols} having count(*) > 1 order by {cols} limit 1").fetchone()
    if dup is not None:
        raise ReleaseDiffError(f"table {snap.name!r}: primary key {k_str(pk, tuple(dup))} is repeated")


def _schema_changes(old: pa_arrow.Schema, new: pa_arrow.Schema) -> dict[str, Any]:
    old_f = {f.name: f for f in old}
    new_f = {f.name: f for f in new}
    return {
        "fields_added": [n for n in new.names if n not in old_f],
        "fields_removed": [n for n in old.names if n not in new_f],
        "type_changed": [
            {"field": n, "before": str(old_f[n].type), "after": str(new_f[n].type)}
            for n in new.names
            if n in old_f and old_f[n].type != new_f[n].type
        ],
        "nullable_changed": [
            {"field": n, "before": old_f[n].nullable, "after": new_f[n].nullable}
            for n in new.names
            if n in old_f and old_f[n].nullable != new_f[n].nullable
        ],
        # A reworded description changes the Parquet bytes without changing a row: say so.
        "description_changed": (["(table)"] if _description(old) != _description(new) else [])
        + [n for n in new.names if n in old_f and _description(old_f[n]) != _description(new_f[n])],
    }


def _description(obj: pa_arrow.Schema | pa_arrow.Field) -> str | None:
    meta = obj.metadata or {}
    value = meta.get(b"description")
    return value.decode("utf-8") if value is not None else None


def _empty_schema_changes() -> dict[str, Any]:
    return {"fields_added": [], "fields_removed": [], "type_changed": [], "nullable_changed": [],
            "description_changed": []}


def _numeric(t: pa_arrow.DataType) -> bool:
    return pa_arrow.types.is_integer(t) or pa_arrow.types.is_floating(t)


def _distinct_expr(column: str, old: pa_arrow.DataType, new: pa_arrow.DataType) -> str:
    a, b = f"o.{_q(column)}", f"n.{_q(column)}"
    if old != new and not (_numeric(old) and _numeric(new)):
        a, b = f"cast({a} as varchar)", f"cast({b} as varchar)"
    # A NaN is a missing value in a release: it equals a null, as two nulls are equal.
    if pa_arrow.types.is_floating(old) or pa_arrow.types.is_floating(new):
        a, b = f"(case when isnan({a}) then null else {a} end)", f"(case when isnan({b}) then null else {b} end)"
    return f"({a} is distinct from {b})"


def _listed(con, sql: str, pk: tuple[str, ...], limit: int) -> list[dict[str, Any]]:
    return [_key_dict(pk, tuple(row)) for row in con.execute(sql + f" limit {int(limit)}").fetchall()]


def diff_table(
    old: TableSnapshot | None, new: TableSnapshot | None, *, limit: int = LIST_LIMIT, con: Any = None
) -> dict[str, Any]:
    """Diff one table; either side may be None (a table added to or dropped from the release).

    ``con`` is a DuckDB connection to reuse (a new one is opened and closed otherwise).
    """
    if old is None and new is None:
        raise ValueError("nothing to diff")
    name = (new or old).name  # type: ignore[union-attr]
    if old is not None and new is not None and tuple(old.primary_key) != tuple(new.primary_key):
        raise ReleaseDiffError(
            f"table {name!r}: primary key changed from {list(old.primary_key)} to {list(new.primary_key)}; "
            "rows cannot be matched across releases (publish the change with a crosswalk first)"
        )
    pk = (new or old).primary_key  # type: ignore[union-attr]
    out: dict[str, Any] = {
        "table": name,
        "status": "unchanged",
        "primary_key": list(pk),
        "rows_before": None,
        "rows_after": None,
        "schema": _empty_schema_changes(),
        "added": 0,
        "removed": 0,
        "changed": 0,
        "rows_added": [],
        "rows_removed": [],
        "rows_changed": [],
        "columns_changed": {},
    }
    for snap in (old, new):
        if snap is not None and (not pk or any(c not in snap.schema.names for c in pk)):
            _check_keys(None, "", snap)  # raises, naming what is missing
    if old is not None and new is not None and _same_file(old.path, new.path):
        rows = pq.ParquetFile(new.path).metadata.num_rows
        out.update(rows_before=rows, rows_after=rows)  # the same bytes: nothing to join
        return out
    own = con is None
    con = con or _connect()
    try:
        for view, snap in (("o", old), ("n", new)):
            if snap is not None:
                con.execute(f"create or replace temp view {view} as select * from read_parquet({_literal(str(snap.path))})")
                _check_keys(con, view, snap)
                out["rows_before" if view == "o" else "rows_after"] = con.execute(f"select count(*) from {view}").fetchone()[0]
        keys = ", ".join(_q(c) for c in pk)
        if old is None:
            out["status"] = "added"
            out["schema"]["fields_added"] = list(new.schema.names)  # type: ignore[union-attr]
            out["added"] = out["rows_after"]
            out["rows_added"] = _listed(con, f"select {keys} from n order by {keys}", pk, limit)
            return out
        if new is None:
            out["status"] = "removed"
            out["schema"]["fields_removed"] = list(old.schema.names)
            out["removed"] = out["rows_before"]
            out["rows_removed"] = _listed(con, f"select {keys} from o order by {keys}", pk, limit)
            return out

        out["schema"] = _schema_changes(old.schema, new.schema)
        on = " and ".join(f"o.{_q(c)} = n.{_q(c)}" for c in pk)
        n_keys = ", ".join(f"n.{_q(c)}" for c in pk)
        o_keys = ", ".join(f"o.{_q(c)}" for c in pk)
        added = f"select {n_keys} from n anti join o on {on}"
        removed = f"select {o_keys} from o anti join n on {on}"
        out["added"] = con.execute(f"select count(*) from ({added})").fetchone()[0]
        out["removed"] = con.execute(f"select count(*) from ({removed})").fetchone()[0]
        out["rows_added"] = _listed(con, added + f" order by {n_keys}", pk, limit)
        out["rows_removed"] = _listed(con, removed + f" order by {o_keys}", pk, limit)

        old_types = {f.name: f.type for f in old.schema}
        compared = [f.name for f in new.schema if f.name in old_types and f.name not in pk]
        if compared:
            flags = [_distinct_expr(c, old_types[c], new.schema.field(c).type) for c in compared]
            con.execute(
                "create or replace temp table d as select "
                + ", ".join([f"n.{_q(c)} as {_q('k_' + c)}" for c in pk]
                            + [f"{flag} as {_q('f_' + c)}" for c, flag in zip(compared, flags)])
                + f" from o join n on {on} where " + " or ".join(flags)
            )
            counts = con.execute(
                "select count(*), " + ", ".join(f"count_if({_q('f_' + c)})" for c in compared) + " from d"
            ).fetchone()
            out["changed"] = counts[0]
            out["columns_changed"] = {c: n for c, n in zip(compared, counts[1:]) if n}
            listed = con.execute(
                "select "
                + ", ".join([f"d.{_q('k_' + c)}" for c in pk]
                            + [f"d.{_q('f_' + c)}, o.{_q(c)}, n.{_q(c)}" for c in compared])
                + " from d join o on " + " and ".join(f"o.{_q(c)} = d.{_q('k_' + c)}" for c in pk)
                + " join n on " + " and ".join(f"n.{_q(c)} = d.{_q('k_' + c)}" for c in pk)
                + " order by " + ", ".join(f"d.{_q('k_' + c)}" for c in pk)
                + f" limit {int(limit)}"
            ).fetchall()
            for row in listed:
                key, rest = tuple(row[: len(pk)]), row[len(pk):]
                cells = {}
                for i, c in enumerate(compared):
                    flag, before, after = rest[3 * i : 3 * i + 3]
                    if flag:
                        cells[c] = {"before": _json_value(before), "after": _json_value(after)}
                out["rows_changed"].append({"key": _key_dict(pk, key), "columns": cells})
    finally:
        if own:
            con.close()
    schema_changed = any(out["schema"][k] for k in out["schema"])
    if out["added"] or out["removed"] or out["changed"] or schema_changed:
        out["status"] = "changed"
    return out


def diff_release(
    old: Mapping[str, TableSnapshot] | None,
    new: Mapping[str, TableSnapshot],
    *,
    version: str,
    previous_version: str | None,
) -> dict[str, Any]:
    """The whole ``changes.json`` document: one entry per table in either release, new order first."""
    old = old or {}
    names = list(new) + [n for n in old if n not in new]
    con = _connect()
    try:
        tables = [diff_table(old.get(n), new.get(n), con=con) for n in names]
    finally:
        con.close()
    summary = {
        t["table"]: {
            "status": t["status"],
            "rows_before": t["rows_before"],
            "rows_after": t["rows_after"],
            "added": t["added"],
            "removed": t["removed"],
            "changed": t["changed"],
        }
        for t in tables
    }
    listing = (
        f"Up to {LIST_LIMIT} keys are listed per table and kind of change; the counts are complete. "
        "To list every change of a table, join the two releases' Parquet files by its primary key, e.g. in "
        "DuckDB: select n.* from read_parquet('<new>/metrics.parquet') n anti join "
        "read_parquet('<old>/metrics.parquet') o using (fact_id)."
        if previous_version else f"First release: every row is new; up to {LIST_LIMIT} keys are listed per table."
    )
    return {
        "version": version,
        "previous_version": previous_version,
        "notes": (
            "Rows are matched by each table's primary key. Text values longer than "
            f"{MAX_TEXT} characters are shortened here (ending in …); the releases hold them in full. " + listing
        ),
        "summary": summary,
        "tables": tables,
    }


def changes_json(changes: Mapping[str, Any]) -> bytes:
    return (json.dumps(changes, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _md(v: Any) -> str:
    if v is None:
        return "(empty)"
    return md_escape(json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v)


def _key_md(key: Mapping[str, Any]) -> str:
    return ", ".join(f"{c}={_md(v)}" for c, v in key.items())


def _limited(items: list, total: int, render) -> list[str]:
    lines = [render(x) for x in items[:MD_LIMIT]]
    if total > MD_LIMIT:
        where = "listed in changes.json" if total <= LIST_LIMIT else "counted in changes.json"
        lines.append(f"- … and {total - MD_LIMIT} more ({where})")
    return lines


def changes_markdown(changes: Mapping[str, Any]) -> str:
    """CHANGES.md: the same diff, summarized in a table and then listed per table."""
    version, prev = changes["version"], changes["previous_version"]
    lines = [f"# Changes in {version}", ""]
    lines.append(
        f"Compared with the previous release, {prev}." if prev else "First release: every row is new."
    )
    lines += [
        "",
        "| table | status | rows before | rows after | added | removed | changed |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, s in changes["summary"].items():
        before = "" if s["rows_before"] is None else s["rows_before"]
        after = "" if s["rows_after"] is None else s["rows_after"]
        lines.append(
            f"| `{name}` | {s['status']} | {before} | {after} | {s['added']} | {s['removed']} | {s['changed']} |"
        )
    for t in changes["tables"]:
        if t["status"] == "unchanged":
            continue
        lines += ["", f"## `{t['table']}`", ""]
        sc = t["schema"]
        if prev and t["status"] == "changed":
            for f in sc["fields_added"]:
                lines.append(f"- Field added: `{f}`")
            for f in sc["fields_removed"]:
                lines.append(f"- Field removed: `{f}`")
            for f in sc["type_changed"]:
                lines.append(f"- Field `{f['field']}` type changed: {f['before']} → {f['after']}")
            for f in sc["nullable_changed"]:
                state = lambda n: "may be empty" if n else "required"  # noqa: E731
                lines.append(f"- Field `{f['field']}`: {state(f['before'])} → {state(f['after'])}")
            for f in sc["description_changed"]:
                what = "Table description" if f == "(table)" else f"Description of `{f}`"
                lines.append(f"- {what} reworded")
        if t["status"] == "added" and prev:
            lines.append("New table.")
        if t["status"] == "removed":
            lines.append("Table removed from the release.")
        if t["rows_added"]:
            lines += ["", f"Rows added ({t['added']}):", ""]
            lines += _limited(t["rows_added"], t["added"], lambda k: f"- {_key_md(k)}")
        if t["rows_removed"]:
            lines += ["", f"Rows removed ({t['removed']}):", ""]
            lines += _limited(t["rows_removed"], t["removed"], lambda k: f"- {_key_md(k)}")
        if t["rows_changed"]:
            cols = ", ".join(f"`{c}` ({n})" for c, n in t["columns_changed"].items())
            lines += ["", f"Rows changed ({t['changed']}); columns: {cols}", ""]

            def render(r: Mapping[str, Any]) -> str:
                cells = "; ".join(
                    f"`{c}`: {_md(v['before'])} → {_md(v['after'])}" for c, v in r["columns"].items()
                )
                return f"- {_key_md(r['key'])}: {cells}"

            lines += _limited(t["rows_changed"], t["changed"], render)
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"
