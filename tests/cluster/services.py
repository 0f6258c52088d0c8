"""Throwaway services on 127.0.0.1 for the cluster tests: Redis, a Postgres cluster, Celery workers.

Each runs as a process of its own, in its own session (so stopping it stops whatever it started),
on a free port, with its files in a temporary directory. ``stop`` is idempotent and called from the
fixtures' teardown, so a failing test still stops everything it started.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, name: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode} before listening on port {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on port {port} within {timeout:.0f} s")


def stop_process(proc: subprocess.Popen | None, timeout: float = 20.0) -> None:
    """SIGTERM to the process's whole session, then SIGKILL what is left after ``timeout``."""
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)


def run(args: list[str]) -> None:
    """Run a server command; a failure raises with the command's own output."""
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited with {done.returncode}:\n{done.stdout}{done.stderr}")


def _tool(name: str) -> str:
    """A server binary: on PATH, else Debian's versioned PostgreSQL directory."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise RuntimeError(f"{name} not found: run tests/cluster/install-services.sh")
    return found


@dataclass
class Redis:
    workdir: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def start(self) -> Redis:
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = open(self.workdir / "redis.log", "wb")
        self.proc = subprocess.Popen(
            [_tool("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.workdir),
             "--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_for_port(self.port, self.proc, "redis-server")
        return self

    def stop(self) -> None:
        stop_process(self.proc)


@dataclass
class Postgres:
    """A cluster made by initdb in a temporary directory, run by pg_ctl; password auth over TCP.

    initdb refuses to run as root: as root the cluster belongs to the ``postgres`` user Debian's
    package creates, and every server command runs as that user (``runuser``).
    """

    workdir: Path
    port: int = field(default_factory=free_port)
    user: str = "govmetrics"
    password: str = "govmetrics-test"
    database: str = "dagster"
    started: bool = False

    @property
    def datadir(self) -> Path:
        return self.workdir / "data"

    def _as_owner(self, args: list[str]) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *args]
        return args

    def start(self) -> Postgres:
        self.workdir.mkdir(parents=True, exist_ok=True)
        pwfile = self.workdir / "pwfile"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            for parent in (self.workdir.parent, self.workdir):  # the server's user must reach its directory
                os.chmod(parent, 0o755)
            for path in (self.workdir, pwfile):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        run(self._as_owner([_tool("initdb"), "-D", str(self.datadir), "-U", self.user, f"--pwfile={pwfile}",
                            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]))
        options = f"-p {self.port} -k {self.workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(self._as_owner([_tool("pg_ctl"), "-D", str(self.datadir), "-o", options,
                            "-l", str(self.workdir / "postgres.log"), "-w", "-t", "60", "start"]))
        self.started = True
        run(self._as_owner([_tool("createdb"), "-h", str(self.workdir), "-p", str(self.port), "-U", self.user,
                            self.database]))
        return self

    def env(self) -> dict[str, str]:
        """The variables deploy/dagster.yaml reads its credentials from."""
        return {
            "DAGSTER_PG_HOST": "127.0.0.1",
            "DAGSTER_PG_PORT": str(self.port),
            "DAGSTER_PG_USERNAME": self.user,
            "DAGSTER_PG_PASSWORD": self.password,
            "DAGSTER_PG_DB": self.database,
        }

    def stop(self) -> None:
        if self.started:
            subprocess.run(self._as_owner([_tool("pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "-w", "stop"]),
                           capture_output=True)
            self.started = False


@dataclass
class CeleryWorker:
    """``dagster-celery worker start``: one Celery worker process (solo pool: it runs one step at a time)."""

    name: str
    config_yaml: Path
    env: dict[str, str]
    workdir: Path
    proc: subprocess.Popen | None = None

    def start(self, bin_dir: Path) -> CeleryWorker:
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = open(self.workdir / f"{self.name}.log", "wb")
        self.proc = subprocess.Popen(
            [str(bin_dir / "dagster-celery"), "worker", "start", "-A", "dagster_celery.app", "-y", str(self.config_yaml),
             "-n", self.name, "-q", "dagster", "--", "--pool=solo", "--without-gossip", "--without-mingle"],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        return self

    @property
    def log(self) -> str:
        path = self.workdir / f"{self.name}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"celery worker {self.name} exited with {self.proc.returncode}:\n{self.log[-3000:]}")
            if " ready." in self.log:
                return
            time.sleep(0.2)
        raise RuntimeError(f"celery worker {self.name} not ready within {timeout:.0f} s:\n{self.log[-3000:]}")

    def pids(self) -> set[int]:
        """The worker's processes: ``dagster-celery`` and the ``celery`` process it runs."""
        if self.proc is None:
            return set()
        found = {self.proc.pid}
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{self.proc.pid}/task"):
                with open(f"/proc/{self.proc.pid}/task/{task}/children") as fh:
                    found.update(int(c) for c in fh.read().split())
        return found

    def stop(self) -> None:
        stop_process(self.proc, timeout=30)
