"""The diff between two releases, table by table and row by row through the primary key.

Every release carries it (``changes.json`` for programs, ``CHANGES.md`` for people), so an analyst
can see exactly which rows appeared, disappeared or changed.  When two releases cannot be lined up
by key - a key is missing, repeated, empty or redefined - the diff raises and the release is not
published, because an unexplained release is worse than none.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa_arrow

from govmetrics.markdown import md_escape
from govmetrics.release.errors import ReleaseDiffError

# Long text (a document's whole text, a section's body) is shown shortened in the diff; the full
# values are in the two releases' files.
MAX_TEXT = 200
# How many keys per list CHANGES.md shows before summarizing the rest (changes.json lists them all).
MD_LIMIT = 50


@dataclass(frozen=True)
class TableSnapshot:
    """One table of one release as the diff sees it."""

    name: str
    df: pd.DataFrame
    schema: pa_arrow.Schema
    primary_key: tuple[str, ...]


def _isna(v: Any) -> bool:
    if v is None or v is pd.NA:
        return True
    return isinstance(v, float) and math.isnan(v)


def _plain(v: Any) -> Any:
    if _isna(v):
        return None
    return v.item() if hasattr(v, "item") else v  # numpy scalar -> Python


def _json_value(v: Any) -> Any:
    v = _plain(v)
    if isinstance(v, str) and len(v) > MAX_TEXT:
        return v[:MAX_TEXT] + "…"
    return v


def _same(a: Any, b: Any) -> bool:
    na_a, na_b = _isna(a), _isna(b)
    if na_a or na_b:
        return na_a and na_b
    return bool(a == b)


def _keys(snap: TableSnapshot) -> list[tuple]:
    missing = [c for c in snap.primary_key if c not in snap.df.columns]
    if not snap.primary_key:
        raise ReleaseDiffError(f"table {snap.name!r} has no primary key, so rows cannot be matched")
    if missing:
        raise ReleaseDiffError(f"table {snap.name!r}: primary key columns {missing} are missing")
    cols = [snap.df[c].astype(object).tolist() for c in snap.primary_key]
    keys = [tuple(_plain(v) for v in row) for row in zip(*cols)]
    for k in keys:
        if any(v is None for v in k):
            raise ReleaseDiffError(f"table {snap.name!r}: a row has an empty primary key {k}")
    if len(set(keys)) != len(keys):
        seen: set[tuple] = set()
        dup = next(k for k in keys if k in seen or seen.add(k))
        raise ReleaseDiffError(f"table {snap.name!r}: primary key {k_str(snap.primary_key, dup)} is repeated")
    return keys


def k_str(pk: tuple[str, ...], key: tuple) -> str:
    return ", ".join(f"{c}={v}" for c, v in zip(pk, key))


def _key_dict(pk: tuple[str, ...], key: tuple) -> dict[str, Any]:
    return dict(zip(pk, key))


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


def diff_table(old: TableSnapshot | None, new: TableSnapshot | None) -> dict[str, Any]:
    """Diff one table; either side may be None (a table added to or dropped from the release)."""
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
        "rows_before": None if old is None else len(old.df),
        "rows_after": None if new is None else len(new.df),
        "schema": _empty_schema_changes(),
        "rows_added": [],
        "rows_removed": [],
        "rows_changed": [],
        "columns_changed": {},
    }
    new_keys = _keys(new) if new is not None else []
    old_keys = _keys(old) if old is not None else []
    if old is None:
        out["status"] = "added"
        out["schema"]["fields_added"] = list(new.schema.names)  # type: ignore[union-attr]
        out["rows_added"] = [_key_dict(pk, k) for k in new_keys]
        return out
    if new is None:
        out["status"] = "removed"
        out["schema"]["fields_removed"] = list(old.schema.names)
        out["rows_removed"] = [_key_dict(pk, k) for k in old_keys]
        return out

    out["schema"] = _schema_changes(old.schema, new.schema)
    old_pos = {k: i for i, k in enumerate(old_keys)}
    new_pos = {k: i for i, k in enumerate(new_keys)}
    out["rows_added"] = [_key_dict(pk, k) for k in new_keys if k not in old_pos]
    out["rows_removed"] = [_key_dict(pk, k) for k in old_keys if k not in new_pos]

    common = [(k, old_pos[k], new_pos[k]) for k in new_keys if k in old_pos]
    compared = [c for c in new.df.columns if c in old.df.columns and c not in pk]
    old_cols = {c: old.df[c].astype(object).tolist() for c in compared}
    new_cols = {c: new.df[c].astype(object).tolist() for c in compared}
    counts: dict[str, int] = {}
    changed = []
    for key, i, j in common:
        cells = {}
        for c in compared:
            a, b = old_cols[c][i], new_cols[c][j]
            if not _same(a, b):
                cells[c] = {"before": _json_value(a), "after": _json_value(b)}
                counts[c] = counts.get(c, 0) + 1
        if cells:
            changed.append({"key": _key_dict(pk, key), "columns": cells})
    out["rows_changed"] = changed
    out["columns_changed"] = {c: counts[c] for c in compared if c in counts}
    schema_changed = any(out["schema"][k] for k in out["schema"])
    if out["rows_added"] or out["rows_removed"] or changed or schema_changed:
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
    tables = [diff_table(old.get(n), new.get(n)) for n in names]
    summary = {
        t["table"]: {
            "status": t["status"],
            "rows_before": t["rows_before"],
            "rows_after": t["rows_after"],
            "added": len(t["rows_added"]),
            "removed": len(t["rows_removed"]),
            "changed": len(t["rows_changed"]),
        }
        for t in tables
    }
    return {
        "version": version,
        "previous_version": previous_version,
        "notes": (
            "Rows are matched by each table's primary key. Text values longer than "
            f"{MAX_TEXT} characters are shortened here (ending in …); the releases hold them in full."
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


def _limited(items: list, render) -> list[str]:
    lines = [render(x) for x in items[:MD_LIMIT]]
    if len(items) > MD_LIMIT:
        lines.append(f"- … and {len(items) - MD_LIMIT} more (all listed in changes.json)")
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
            lines += ["", f"Rows added ({len(t['rows_added'])}):", ""]
            lines += _limited(t["rows_added"], lambda k: f"- {_key_md(k)}")
        if t["rows_removed"]:
            lines += ["", f"Rows removed ({len(t['rows_removed'])}):", ""]
            lines += _limited(t["rows_removed"], lambda k: f"- {_key_md(k)}")
        if t["rows_changed"]:
            cols = ", ".join(f"`{c}` ({n})" for c, n in t["columns_changed"].items())
            lines += ["", f"Rows changed ({len(t['rows_changed'])}); columns: {cols}", ""]

            def render(r: Mapping[str, Any]) -> str:
                cells = "; ".join(
                    f"`{c}`: {_md(v['before'])} → {_md(v['after'])}" for c, v in r["columns"].items()
                )
                return f"- {_key_md(r['key'])}: {cells}"

            lines += _limited(t["rows_changed"], render)
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"
