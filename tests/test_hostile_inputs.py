"""Hostile and unlucky inputs beside good reports, through ``govmetrics build``.

Three tables of cases:

- ``QUARANTINED``: a bad file, link or sidecar in raw/ is quarantined with its reason, the build
  exits 0, and every data file but ``documents_rejected`` is byte for byte that of a clean build.
  The files do not interact, so they share one build; each is also ingested alone beside the good
  report and must get the same rejection there.
- ``FAILING``: what must stop a build or be reported by it (a damaged previous release, a lost or
  wrong LATEST, an unwritable outputs directory, a failed year, a blocking check): the exit code
  and the message say so, and the outputs are left as they were. Each has a build of its own.
- ``HOSTILE_METADATA``: a report whose sidecar and file name carry markup is published, and that
  text reaches README.md and CHANGES.md only escaped.

Every build runs in a directory of the test's own, with the working directory, the temporary
directory and HOME inside it, so "nothing is written outside --out" is checked by listing that
directory before and after; no published file may name that directory (a host path) or hold a line
of /etc/passwd.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd
import pyarrow.parquet as pq
import pytest
from markdown_it import MarkdownIt

import govmetrics.incremental.unit as unit_module
import pipelines.assets.documents as documents_assets
from govmetrics import cli
from govmetrics.buildlock import LOCK_NAME
from govmetrics.ingest import ingest_raw_dir
from govmetrics.release.checksums import parse_sha256sums

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "raw" / "2022"
SEED_NAME = "2022/qingdao-sanmin-2022.txt"
SEED_BYTES = (ROOT / "raw" / SEED_NAME).read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")
DEV_2021 = (ROOT / "tests" / "corpus" / "dev" / "hc-sanmin-2021.txt").read_text(encoding="utf-8")
# A report with neither a title year nor a date: only its sidecar and its directory give a year.
UNDATED = "市教育局工作报告\n\n今年以来，市教育局新建学校3所，提供公办学位5000个。\n"
PASSWD_LINE = "root:x:0:0"


# --- running a build in a sandbox ---------------------------------------------------------------


@dataclass
class Run:
    """One ``govmetrics`` command run in ``root``: its exit code, output and what it wrote where."""

    root: Path
    code: int
    stdout: str
    stderr: str
    stray: list[str]  # paths under root, outside --out, that the run created, changed or removed

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def out(self) -> Path:
        return self.root / "out"

    def release(self) -> Path:
        return self.out / (self.out / "LATEST").read_text(encoding="utf-8").strip()


def _workspace(root: Path) -> Path:
    """``root/raw`` holding the good report (the seed report and its sidecar); returns raw."""
    raw = root / "raw"
    shutil.copytree(SEED_DIR, raw / "2022")
    return raw


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every path under ``root`` but ``out/``: kind, size and mtime, or a link's target (nothing is opened)."""
    found: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here == root:
            dirnames[:] = [d for d in dirnames if d != "out"]
        for name in dirnames + filenames:
            path = here / name
            info = path.lstat()
            rel = path.relative_to(root).as_posix()
            if stat.S_ISLNK(info.st_mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                found[rel] = ("dir",)
            else:
                found[rel] = ("file", stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns)
    return found


def _run(root: Path, *args: str, patch: Callable[[pytest.MonkeyPatch], None] | None = None) -> Run:
    """``govmetrics <args>`` in-process, with cwd, TMPDIR and HOME inside ``root``."""
    for name in ("cwd", "tmp", "home"):
        (root / name).mkdir(exist_ok=True)
    before = _snapshot(root)
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root / "cwd")
        mp.setattr(tempfile, "tempdir", str(root / "tmp"))
        mp.setenv("TMPDIR", str(root / "tmp"))
        mp.setenv("HOME", str(root / "home"))
        mp.delenv("DAGSTER_HOME", raising=False)
        if patch is not None:
            patch(mp)
        with redirect_stdout(stdout), redirect_stderr(stderr):
            code = cli.main(list(args))
    after = _snapshot(root)
    stray = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return Run(root, code, stdout.getvalue(), stderr.getvalue(), stray)


def _build(root: Path, **kw) -> Run:
    return _run(root, "build", "--raw", str(root / "raw"), "--out", str(root / "out"), **kw)


def _put(raw: Path, name: str, data: bytes | str) -> None:
    path = raw / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _link(raw: Path, name: str, target: str | Path) -> None:
    path = raw / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


# --- reading what a build published -------------------------------------------------------------


def _texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """The text a published file holds: Parquet decoded (values and schema metadata), ZIPs opened."""
    if name.endswith(".parquet"):
        table = pq.read_table(io.BytesIO(data))
        yield name, json.dumps(table.to_pylist(), ensure_ascii=False, default=str) + str(table.schema.metadata)
    elif name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from _texts(f"{name}/{member}", archive.read(member))
    else:
        yield name, data.decode("utf-8", errors="replace")


def _published(out: Path) -> dict[str, str]:
    return {
        name: text
        for path in sorted(out.rglob("*"))
        if path.is_file()
        for name, text in _texts(path.relative_to(out).as_posix(), path.read_bytes())
    }


def _leaks(run: Run) -> list[str]:
    """Published files that hold a host path of this test, or a line of /etc/passwd."""
    needles = {str(run.root), str(run.root.resolve()), PASSWD_LINE}
    return [name for name, text in _published(run.out).items() if any(n in text for n in needles)]


def _data_files(release: Path) -> dict[str, bytes]:
    """Every data file SHA256SUMS lists but those of documents_rejected, by path."""
    sums = parse_sha256sums((release / "SHA256SUMS").read_text(encoding="utf-8"))
    return {
        rel: (release / rel).read_bytes()
        for rel in sums
        if rel.endswith((".csv", ".parquet")) and not PurePosixPath(rel).name.startswith("documents_rejected")
    }


def _rejected(release: Path) -> dict[str, dict]:
    table = pd.read_parquet(release / "documents_rejected.parquet")
    return {row["source_file"]: {k: None if pd.isna(v) else v for k, v in row.items()} for row in table.to_dict("records")}


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Run:
    """The good report alone: the build every other one is compared with."""
    root = tmp_path_factory.mktemp("clean")
    _workspace(root)
    run = _build(root)
    assert run.code == 0, run.stdout + run.stderr
    assert "published v2022.1" in run.stdout
    return run


# --- quarantined beside the good report ----------------------------------------------------------


@dataclass(frozen=True)
class Quarantined:
    """A bad input, what it writes into raw/, and the rejection(s) it must get: path -> (reason, words)."""

    id: str
    make: Callable[[Path], None]
    expect: dict[str, tuple[str, tuple[str, ...]]]


def _files(*items: tuple[str, bytes | str]) -> Callable[[Path], None]:
    def make(raw: Path) -> None:
        for name, data in items:
            _put(raw, name, data)

    return make


def _sparse(name: str, size: int) -> Callable[[Path], None]:
    def make(raw: Path) -> None:
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            fh.truncate(size)  # a hole: 50 MB on paper, nothing written

    return make


def _passwd_link(raw: Path) -> None:
    _link(raw, "2022/passwd.txt", "/etc/passwd")
    _put(raw, "2022/passwd.meta.yml", "city: 青岛\nreport_year: 2022\n")


def _sidecar_link(raw: Path) -> None:
    _put(raw, "2022/notes.txt", SEED_TEXT.replace("青岛日报", "青岛晚报"))
    _link(raw, "2022/notes.meta.yml", "/etc/passwd")


def _outside_dir(raw: Path) -> None:
    elsewhere = raw.parent / "elsewhere"
    _put(elsewhere, "2022/other.txt", DEV_2021)
    _link(raw, "2022/mirror", elsewhere)


def _inside_dir(raw: Path) -> None:
    _put(raw, "archive/copy.txt", SEED_BYTES)
    _link(raw, "2022/shortcut", "../archive")


def _fifo(raw: Path) -> None:
    (raw / "2022").mkdir(parents=True, exist_ok=True)
    os.mkfifo(raw / "2022" / "pipe.txt")


_PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
_MENU = (
    "<html><body><div class='nav'><a href='/'>首页</a></div><ul><li><a href='/1'>市教育局推动基础教育"
    "优质均衡发展</a></li></ul><div class='footer'>Copyright © 2022 青岛市人民政府</div></body></html>"
)
_GB_COPY = SEED_TEXT.replace("2022“三民”", "二〇二二“三民”", 1).encode("gb18030")

QUARANTINED = [
    # What held before: each kind of bad file is quarantined with a readable reason.
    Quarantined("empty", _files(("2022/empty.txt", b"")), {"2022/empty.txt": ("empty", ("0 bytes",))}),
    Quarantined("binary", _files(("2022/scan.txt", _PNG)), {"2022/scan.txt": ("binary", ("PNG",))}),
    Quarantined(
        "truncated UTF-8",
        _files(("2022/cut.txt", SEED_BYTES[: SEED_BYTES.index("三民".encode()) + 1])),
        {"2022/cut.txt": ("undecodable", ("cut off",))},
    ),
    Quarantined(
        "UTF-16 without BOM",
        _files(("2022/utf16.txt", SEED_TEXT.encode("utf-16-le"))),
        {"2022/utf16.txt": ("binary", ("NUL",))},
    ),
    Quarantined(
        "wrong encoding label",
        _files(("2022/gb.txt", _GB_COPY), ("2022/gb.meta.yml", "encoding: utf-8\n")),
        {"2022/gb.txt": ("encoding_mismatch", ("'utf-8'", "gb18030"))},
    ),
    Quarantined("HTML without article", _files(("2022/menu.html", _MENU)), {"2022/menu.html": ("no_article", ("no article",))}),
    Quarantined("50 MB", _sparse("2022/huge.txt", 50 * 1024 * 1024), {"2022/huge.txt": ("too_large", ("52,428,800 bytes",))}),
    Quarantined(
        "malformed sidecar",
        _files(("2022/bad-yaml.txt", SEED_TEXT + "\n"), ("2022/bad-yaml.meta.yml", "city: 青岛\n  bad: [indent\n")),
        {"2022/bad-yaml.txt": ("invalid_metadata", ("2022/bad-yaml.meta.yml", "not valid YAML"))},
    ),
    Quarantined(
        "unknown sidecar key",
        _files(("2022/typo.txt", SEED_TEXT + "\n\n"), ("2022/typo.meta.yml", "relase_year: 2022\n")),
        {"2022/typo.txt": ("invalid_metadata", ("unknown key", "'relase_year'"))},
    ),
    Quarantined(
        "bad date",
        _files(("2022/dated.txt", SEED_TEXT + " "), ("2022/dated.meta.yml", "published: 2022-02-30\n")),
        {"2022/dated.txt": ("invalid_metadata", ("'published'", "2022-02-30"))},
    ),
    Quarantined(
        "duplicate",
        _files(("2022/copy.gb18030.txt", SEED_TEXT.encode("gb18030"))),
        {"2022/copy.gb18030.txt": ("duplicate", (SEED_NAME,))},
    ),
    Quarantined("docx", _files(("2022/report.docx", b"PK\x03\x04" + bytes(64))), {"2022/report.docx": ("unsupported_format", ("'.docx'",))}),
    Quarantined("pdf", _files(("2022/report.pdf", b"%PDF-1.7\n")), {"2022/report.pdf": ("unsupported_format", ("'.pdf'",))}),
    Quarantined("no extension", _files(("2022/REPORT", SEED_BYTES)), {"2022/REPORT": ("unsupported_format", ("without an extension",))}),
    Quarantined(
        "orphan sidecar",
        _files(("2022/renamed.meta.yml", "city: 青岛\n")),
        {"2022/renamed.meta.yml": ("invalid_metadata", ("no report beside it",))},
    ),
    # Links: nothing outside raw/ is read, and no linked directory is skipped silently.
    Quarantined("link to /etc/passwd", _passwd_link, {"2022/passwd.txt": ("outside_raw", ("resolves outside raw/",))}),
    Quarantined("sidecar linked outside raw", _sidecar_link, {"2022/notes.txt": ("outside_raw", ("2022/notes.meta.yml",))}),
    Quarantined("directory linked outside raw", _outside_dir, {"2022/mirror": ("outside_raw", ("resolves outside raw/",))}),
    Quarantined(
        "directory linked inside raw is read",
        _inside_dir,
        {"2022/shortcut/copy.txt": ("duplicate", (SEED_NAME,)), "archive/copy.txt": ("duplicate", (SEED_NAME,))},
    ),
    Quarantined("directory link loop", lambda raw: _link(raw, "2022/again", ".."), {"2022/again": ("link_loop", ("loop",))}),
    Quarantined("file link loop", lambda raw: _link(raw, "2022/loop.txt", "loop.txt"), {"2022/loop.txt": ("link_loop", ("loops",))}),
    Quarantined(
        "dangling link", lambda raw: _link(raw, "2022/gone.txt", "missing.txt"), {"2022/gone.txt": ("undecodable", ("cannot be read",))}
    ),
    Quarantined("named pipe", _fifo, {"2022/pipe.txt": ("unsupported_format", ("not a regular file",))}),
    # Metadata is data: bounded, and a URL is a web URL.
    Quarantined(
        "javascript: source_url",
        _files(("2022/js.txt", SEED_TEXT + "。"), ("2022/js.meta.yml", "source_url: javascript:alert(document.cookie)\n")),
        {"2022/js.txt": ("invalid_metadata", ("'source_url'", "not an http or https URL"))},
    ),
    Quarantined(
        "200 KB licence",
        _files(("2022/long.txt", SEED_TEXT + "！"), ("2022/long.meta.yml", "license: " + "很长" * 100_000 + "\n")),
        {"2022/long.txt": ("invalid_metadata", ("'license'", "200,000 characters"))},
    ),
    # A year typed wrong would name a release after it.
    Quarantined(
        "sidecar year 2099 under raw/2021/",
        _files(("2021/future.txt", UNDATED), ("2021/future.meta.yml", "city: 海川\nreport_year: 2099\n")),
        {"2021/future.txt": ("year_conflict", ("report_year 2099", "filed under 2021/", "year_override"))},
    ),
    Quarantined(
        "year_override without a reason",
        _files(("2021/moved.txt", UNDATED + "\n"), ("2021/moved.meta.yml", "city: 海川\nreport_year: 2020\nyear_override: true\n")),
        {"2021/moved.txt": ("invalid_metadata", ("year_override_reason",))},
    ),
]


@pytest.fixture(scope="module")
def together(tmp_path_factory) -> Run:
    """One build of the good report beside every quarantined input."""
    root = tmp_path_factory.mktemp("quarantined")
    raw = _workspace(root)
    for case in QUARANTINED:
        case.make(raw)
    return _build(root)


@pytest.mark.parametrize("case", QUARANTINED, ids=[c.id for c in QUARANTINED])
def test_a_bad_input_is_quarantined_and_the_good_rows_are_untouched(case: Quarantined, together: Run, clean: Run, tmp_path):
    assert together.code == 0, together.stdout + together.stderr
    rejected = _rejected(together.release())
    for source_file, (reason, words) in case.expect.items():
        row = rejected[source_file]
        assert row["reason"] == reason, row
        assert row["detail"].startswith(source_file.split("/")[0]), row["detail"]
        for word in words:
            assert word in row["detail"], (word, row["detail"])
    assert _data_files(together.release()) == _data_files(clean.release())
    assert together.stray == []
    assert _leaks(together) == []

    # Alone beside the good report, the input gets the same rejection: sharing a build hides nothing.
    raw = _workspace(tmp_path)
    case.make(raw)
    alone = ingest_raw_dir(raw)
    assert [d.path for d in alone.documents] == [SEED_NAME]
    assert {r.source_file: (r.reason, r.detail, r.sha256) for r in alone.rejected} == {
        name: (rejected[name]["reason"], rejected[name]["detail"], rejected[name]["sha256"]) for name in case.expect
    }


def test_every_quarantined_file_is_listed_and_nothing_else(together: Run):
    expected = {name for case in QUARANTINED for name in case.expect}
    assert set(_rejected(together.release())) == expected
    documents = pd.read_parquet(together.release() / "documents.parquet")
    assert list(documents["source_file"]) == [SEED_NAME]


def test_a_wrong_sidecar_year_names_no_release(together: Run):
    assert together.release().name == "v2022.1"
    assert sorted(p.name for p in together.out.iterdir() if p.name != LOCK_NAME) == ["LATEST", "v2022.1"]


def test_nothing_outside_raw_is_read_not_even_hashed(together: Run):
    rejected = _rejected(together.release())
    for name in ("2022/passwd.txt", "2022/mirror", "2022/again", "2022/loop.txt", "2022/pipe.txt"):
        assert rejected[name]["sha256"] is None, name


# --- builds that must fail, or say what they did --------------------------------------------------


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # same size: only the hash can tell
    path.chmod(0o644)
    path.write_bytes(bytes(data))


def _tamper(*names: str) -> Callable[[Path], None]:
    def prepare(out: Path) -> None:
        for name in names:
            _flip_byte(out / "v2022.1" / name)

    return prepare


def _fail_ingest(mp: pytest.MonkeyPatch) -> None:
    def broken(raw_dir, year, base, **kwargs):
        raise OSError("the disk went away")

    mp.setattr(documents_assets, "build_unit", broken)


def _corrupt_metrics(mp: pytest.MonkeyPatch) -> None:
    real = unit_module.facts_from_mentions

    def corrupted(mentions: pd.DataFrame) -> pd.DataFrame:
        facts = real(mentions)
        facts.loc[0, "qualifier"] = "roughly"
        return facts

    mp.setattr(unit_module, "facts_from_mentions", corrupted)


@contextmanager
def _read_only(directory: Path) -> Iterator[None]:
    """``directory`` made unwritable: by its mode, and for root (whom modes do not stop) immutable."""
    directory.chmod(0o555)
    immutable = False
    try:
        if os.access(directory, os.W_OK) and shutil.which("chattr"):
            immutable = subprocess.run(["chattr", "+i", str(directory)], capture_output=True).returncode == 0
        probe = directory / ".probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("this system cannot make a directory unwritable for the user running the tests")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(directory)], check=True)
        directory.chmod(0o755)


@dataclass(frozen=True)
class Failing:
    """A build on top of the clean build's outputs, after ``prepare(out)``; what it must exit and say."""

    id: str
    code: int
    says: tuple[str, ...]  # in stdout + stderr
    prepare: Callable[[Path], None] | None = None
    patch: Callable[[pytest.MonkeyPatch], None] | None = None
    verify_code: int = 0  # what `govmetrics verify` says of the outputs before the build
    fresh_outputs: bool = False  # an empty outputs directory instead of the clean build's
    read_only: bool = False
    changes: dict[str, str] = field(default_factory=dict)  # files the build may rewrite, and their new text


FAILING = [
    Failing("nothing changed", 0, ("no change: the data files equal those of v2022.1",)),
    Failing(
        "LATEST deleted",
        0,
        ("no change", "LATEST was missing and names v2022.1 again"),
        prepare=lambda out: (out / "LATEST").unlink(),
        verify_code=1,
        changes={"LATEST": "v2022.1\n"},
    ),
    Failing(
        "one byte of metrics.parquet and metrics.csv changed",
        1,
        ("v2022.1 is damaged", "metrics.parquet: its SHA-256 differs", "metrics.csv: its SHA-256 differs",
         "not published: the release step failed"),
        prepare=_tamper("metrics.parquet", "metrics.csv"),
        verify_code=1,
    ),
    Failing(
        "only metrics.csv changed",
        1,
        ("v2022.1 is damaged", "metrics.csv: its SHA-256 differs"),
        prepare=_tamper("metrics.csv"),
        verify_code=1,
    ),
    Failing(
        "LATEST names a missing release",
        1,
        ("LATEST names v2022.9", "not published: the release step failed"),
        prepare=lambda out: (out / "LATEST").write_text("v2022.9\n", encoding="utf-8"),
        verify_code=1,
    ),
    Failing(
        "outputs directory read-only",
        1,
        ("PermissionError", "not published: the release step failed"),
        fresh_outputs=True,
        read_only=True,
    ),
    Failing("a year fails", 1, ("the disk went away", "not published: the build of 2022 failed"), patch=_fail_ingest),
    Failing("a check blocks", 1, ("check metrics.schema failed", "not published: the build of 2022 failed"), patch=_corrupt_metrics),
]


@pytest.mark.parametrize("case", FAILING, ids=[c.id for c in FAILING])
def test_the_exit_code_says_what_happened(case: Failing, clean: Run, tmp_path):
    _workspace(tmp_path)
    out = tmp_path / "out"
    if case.fresh_outputs:
        out.mkdir()
    else:
        shutil.copytree(clean.out, out, symlinks=True)
    if case.prepare is not None:
        case.prepare(out)
    verified = _run(tmp_path, "verify", "--out", str(out))
    assert verified.code == case.verify_code, verified.stdout
    before = _tree(out)

    if case.read_only:
        with _read_only(out):
            run = _build(tmp_path, patch=case.patch)
    else:
        run = _build(tmp_path, patch=case.patch)

    said = run.stdout + run.stderr
    assert run.code == case.code, said
    for words in case.says:
        assert words in said, (words, said)
    expected = dict(before)
    expected.update({name: text.encode("utf-8") for name, text in case.changes.items()})
    assert _tree(out) == expected  # nothing published, nothing damaged further
    assert run.stray == []


# --- a published report whose metadata is markup ------------------------------------------------

HOSTILE_NAME = "2021/海川 | 报告 `x` [a](javascript:b) #1.txt"
# A quarantined file is listed by name in CHANGES.md.
HOSTILE_REJECTED = "2021/<img src=x onerror=alert(2)> *[r](javascript:s)* | t.pdf"
HOSTILE_SIDECAR = r"""city: "<img src=x onerror=alert(1)>"
title: "海川报告\n# 注入的标题\n[click](javascript:alert(1)) | x | y"
publisher: "海川日报\e[31m红\e[0m"
source_note: "正文\u202e反向\u202c ![i](http://example.com/i.png)"
license: "公开 <script>alert(1)</script> *强调* $x$"
source_url: "https://example.com/a?b=1&c=<2>"
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("hostile")
    raw = _workspace(root)
    _put(raw, HOSTILE_NAME, DEV_2021)
    _put(raw, HOSTILE_NAME[: -len(".txt")] + ".meta.yml", HOSTILE_SIDECAR)
    _put(raw, HOSTILE_REJECTED, b"%PDF-1.7\n")
    return _build(root)


def _render(markdown: str) -> list:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)


def _headings(tokens) -> list[str]:
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def _inline_texts(tokens) -> list[str]:
    return [tok.content for t in tokens if t.type == "inline" for tok in t.children or [] if tok.type == "text"]


def test_hostile_metadata_is_published_as_cleaned_text(hostile: Run):
    assert hostile.code == 0, hostile.stdout + hostile.stderr
    documents = pd.read_parquet(hostile.release() / "documents.parquet").set_index("source_file")
    row = documents.loc[HOSTILE_NAME]
    assert row["title"] == "海川报告 # 注入的标题 [click](javascript:alert(1)) | x | y"
    assert row["publisher"] == "海川日报[31m红[0m"
    assert row["source_note"] == "正文反向 ![i](http://example.com/i.png)"
    assert row["city"] == "<img src=x onerror=alert(1)>"
    for name, text in _published(hostile.out).items():
        assert "\x1b" not in text and "\u202e" not in text, name
    assert hostile.stray == [] and _leaks(hostile) == []


@pytest.mark.parametrize("document", ["README.md", "CHANGES.md"])
def test_hostile_text_renders_as_itself_in_the_release_documents(document: str, hostile: Run, clean: Run):
    tokens = _render((hostile.release() / document).read_text(encoding="utf-8"))
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & {"html_inline", "html_block", "link_open", "image"}, kinds
    clean_tokens = _render((clean.release() / document).read_text(encoding="utf-8"))
    assert _headings(tokens) == _headings(clean_tokens)  # the same sections, none injected
    texts = "\n".join(_inline_texts(tokens))
    if document == "CHANGES.md":
        assert f"source_file={HOSTILE_REJECTED}" in texts
    else:
        assert "<img src=x onerror=alert(1)>" in texts  # the city, shown, not run
        assert HOSTILE_NAME in texts
        rows = _table_after(tokens, "Sources")
        assert len(rows) == 1 + len(pd.read_parquet(hostile.release() / "documents.parquet"))
        assert {len(cells) for cells in rows} == {3}  # no cell split off, no row cut short
        assert any(cells[0].startswith("海川报告 # 注入的标题 [click](javascript:alert(1)) | x | y") for cells in rows)


def _table_after(tokens, heading: str) -> list[list[str]]:
    """The cells, row by row, of the first table after the heading ``heading``."""
    start = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and tokens[i + 1].content == heading)
    rows: list[list[str]] = []
    for t in tokens[start:]:
        if t.type == "tr_open":
            rows.append([])
        elif t.type == "inline" and rows:
            rows[-1].append("".join(c.content for c in t.children or []))
        elif t.type == "table_close":
            break
    return rows


def test_the_good_rows_stay_the_same_beside_a_hostile_report(hostile: Run, clean: Run):
    good = set(pd.read_parquet(clean.release() / "documents.parquet")["doc_id"])
    for table in ("documents", "sections", "mentions", "metrics"):
        new = pd.read_parquet(hostile.release() / f"{table}.parquet")
        old = pd.read_parquet(clean.release() / f"{table}.parquet")
        assert new[new["doc_id"].isin(good)].to_csv(index=False) == old.to_csv(index=False), table


def test_a_year_override_with_a_reason_files_the_report_under_its_year(tmp_path):
    raw = _workspace(tmp_path)
    _put(raw, "2021/moved.txt", UNDATED)
    _put(raw, "2021/moved.meta.yml", "city: 海川\nreport_year: 2020\nyear_override: true\nyear_override_reason: 补报的上年报告\n")
    result = ingest_raw_dir(raw)
    assert {d.path: d.meta["report_year"] for d in result.documents} == {SEED_NAME: 2022, "2021/moved.txt": 2020}
    assert result.rejected == []
