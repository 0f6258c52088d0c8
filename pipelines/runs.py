"""Running the build's jobs on one of Dagster's executors, one run or several at a time.

``in_process`` runs every step in the calling process (the default: a new process costs seconds per
step on a small machine). ``multiprocess`` gives each step a process of this machine, and
``celery`` sends each step to the Celery workers listening on the broker named in the run config,
on this machine or any other: the job is handed to them as a *reconstructable* job (the module and
function below and their arguments), which every worker rebuilds from the same code.

A run's outcome comes back as a ``RunReport``: plain data, so it crosses process boundaries when
several runs go at once (``run_all``).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from dagster import (
    AssetCheckSeverity,
    DagsterInstance,
    ExecutorDefinition,
    JobDefinition,
    build_reconstructable_job,
    execute_job,
    in_process_executor,
    multiprocess_executor,
)
from dagster._core.execution.execution_result import ExecutionResult

EXECUTORS = ("in_process", "multiprocess", "celery", "k8s")
PARTITION_TAG = "dagster/partition"


def executor_def(name: str) -> ExecutorDefinition:
    """The Dagster executor called ``name`` (Celery's and Kubernetes' need the ``cluster`` extra)."""
    if name == "in_process":
        return in_process_executor
    if name == "multiprocess":
        return multiprocess_executor
    try:
        if name == "celery":
            from dagster_celery import celery_executor

            return celery_executor
        if name == "k8s":
            from dagster_k8s import k8s_job_executor

            return k8s_job_executor
    except ImportError as exc:
        raise RuntimeError(f"the {name} executor needs the cluster extra: pip install -r requirements-cluster.lock") from exc
    raise ValueError(f"unknown executor {name!r}: expected one of {', '.join(EXECUTORS)}")


@functools.lru_cache(maxsize=16)
def job_for(
    job_name: str, raw_dir: str, outputs_dir: str, storage_dir: str | None, executor: str,
    shards: int = 1, shared_base: str | None = None,
) -> JobDefinition:
    """The job ``job_name`` of the project's definitions on ``executor``: what every worker rebuilds.

    A worker on another machine keeps its own store where $GOVMETRICS_WORKER_STORE says (the
    build's path may not exist there); what steps hand each other then comes from ``shared_base``.
    """
    from pipelines.definitions import build_definitions

    storage_dir = os.environ.get("GOVMETRICS_WORKER_STORE") or storage_dir
    defs = build_definitions(raw_dir=raw_dir, outputs_dir=outputs_dir, storage_dir=storage_dir,
                             executor=executor_def(executor), shards=shards, shared_base=shared_base)
    return defs.resolve_job_def(job_name)


@dataclass(frozen=True)
class RunSpec:
    """One run of one job: everything a process needs to rebuild the job and start the run."""

    job_name: str
    raw_dir: str
    outputs_dir: str
    storage_dir: str | None
    executor: str = "in_process"
    run_config: Mapping[str, Any] = field(default_factory=dict)
    partition_key: str | None = None
    shards: int = 1
    shared_base: str | None = None

    @property
    def job_args(self) -> tuple:
        return (self.job_name, self.raw_dir, self.outputs_dir, self.storage_dir, self.executor, self.shards,
                self.shared_base)


@dataclass
class RunReport:
    """What a run did: whether it succeeded, what stopped it, and its assets' materialization metadata."""

    partition_key: str | None
    success: bool
    problems: list[str]
    #: (node name, asset name, metadata values) of every materialization, in event order.
    materializations: list[tuple[str, str, dict[str, Any]]]

    def metadata(self, node: str, asset: str | None = None) -> list[dict[str, Any]]:
        return [m for n, a, m in self.materializations if n == node and (asset is None or a == asset)]


def execute(spec: RunSpec, instance: DagsterInstance) -> RunReport:
    """Run ``spec`` against ``instance`` and report on it (a failed run is reported, not raised)."""
    if spec.executor == "in_process":
        job = job_for(*spec.job_args)
        result = job.execute_in_process(
            instance=instance, partition_key=spec.partition_key, run_config=dict(spec.run_config),
            raise_on_error=False,
        )
        return _report(spec, result)
    recon = build_reconstructable_job(
        "pipelines.runs", "job_for",
        reconstructable_args=spec.job_args,
    )
    tags = {PARTITION_TAG: spec.partition_key} if spec.partition_key is not None else None
    with execute_job(recon, instance=instance, run_config=dict(spec.run_config), tags=tags) as result:
        return _report(spec, result)


def _report(spec: RunSpec, result: ExecutionResult) -> RunReport:
    materializations = []
    for event in result.all_events:
        if event.event_type_value == "ASSET_MATERIALIZATION":
            m = event.step_materialization_data.materialization
            node = event.node_handle.name if event.node_handle else ""
            values = {k: getattr(v, "value", v) for k, v in m.metadata.items()}
            materializations.append((node, m.asset_key.path[-1], values))
    return RunReport(spec.partition_key, result.success, problems(result), materializations)


def problems(result: ExecutionResult) -> list[str]:
    """What stopped a run, in a line each: failed steps and failed blocking checks."""
    found = []
    for event in result.all_events:
        data = event.event_specific_data
        if event.event_type_value == "STEP_FAILURE" and data is not None and data.error is not None:
            error = data.error
            while error.cause is not None:  # the exception the step raised, not Dagster's wrapper of it
                error = error.cause
            first = (error.message or "").strip().splitlines()
            found.append(f"step {event.step_key} failed: {first[-1] if first else error.cls_name}")
        elif event.event_type_value == "ASSET_CHECK_EVALUATION" and data is not None and not data.passed:
            if data.severity == AssetCheckSeverity.ERROR:
                cases = data.metadata.get("failures")
                detail = f" ({cases.value} failure cases, see the check's metadata)" if cases is not None else ""
                found.append(f"check {'/'.join(data.asset_key.path)}.{data.check_name} failed{detail}")
    return found


# -- several runs at once ------------------------------------------------------------------------

_WORKER_INSTANCE: DagsterInstance | None = None


def _start_worker(ref) -> None:
    global _WORKER_INSTANCE
    _WORKER_INSTANCE = DagsterInstance.from_ref(ref)


def _import_everything() -> None:
    """Import what a run of any job executes, so forked workers start with it."""
    import govmetrics.incremental.collection  # noqa: F401
    import govmetrics.incremental.publishing  # noqa: F401
    import govmetrics.incremental.unit  # noqa: F401
    import pipelines.definitions  # noqa: F401
    from govmetrics.release.validate import import_checkers

    import_checkers()  # the release's validation, forked again from the worker that publishes


def _ready() -> int:
    return multiprocessing.current_process().pid or 0


def _execute_in_worker(spec: RunSpec) -> RunReport:
    assert _WORKER_INSTANCE is not None
    return execute(spec, _WORKER_INSTANCE)


class Runner:
    """Runs, at most ``workers`` at a time, against one instance.

    With one worker the runs go one after the other in this process. With more, each of ``workers``
    processes opens the same instance (which must therefore be persistent, not ephemeral) and takes
    the next run when it finishes one. Starting a process that imports Dagster and the pipeline
    costs seconds of CPU on a small machine, so the workers are forked from this process once it has
    imported everything a run needs: a worker costs a fork, and it is paid once per worker, not once
    per run. Where fork is not available the workers are spawned, and import for themselves.
    """

    def __init__(self, instance: DagsterInstance, workers: int = 1) -> None:
        if workers > 1 and instance.is_ephemeral:
            raise ValueError("concurrent runs need a persistent Dagster instance (set DAGSTER_HOME), not an ephemeral one")
        self.instance, self.workers = instance, workers
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Runner:
        if self.workers > 1:
            _import_everything()
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(method),
                                            initializer=_start_worker, initargs=(self.instance.get_ref(),))
            for _ in range(self.workers):
                self.pool.submit(_ready)  # start every process now
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def run_all(self, specs: Iterable[RunSpec]) -> Iterator[RunReport]:
        """Run every spec, yielding reports in the order of ``specs``.

        With workers, even a single run goes to one: a worker that has built units holds what their
        readers remembered (labels already normalized, the catalogue loaded), where this process,
        which only planned, would start cold."""
        specs = list(specs)
        if self.pool is None:
            for spec in specs:
                yield execute(spec, self.instance)
            return
        yield from self.pool.map(_execute_in_worker, specs)
