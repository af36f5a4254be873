"""``check`` on the machine's cores: one worker renders the documents while the facts and
milestones are checked, in runs, by every worker (the items are independent of each other).

The workers are forked once the sources are read, so they hold the fact file, its sources and
the verifier as the main process does; only findings travel back. Whatever goes wrong in a
worker (an error, a worker that died) is done again in the main process, so a failure reads
exactly as it does with one core. The documents' findings are used only if the fact file has no
errors, as in one process; otherwise their worker is stopped.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any

from factbrief.build.pool import WorkerPool
from factbrief.errors import Problem
from factbrief.verify import ItemChecks, one_run

RUNS_PER_WORKER = 8  # runs of items per worker: a worker that finishes early takes the next run

# In a worker: the jobs the main process held when it forked (closures cannot be sent, only inherited).
_JOBS: tuple[Callable[..., Any], ...] = ()


def _hold(jobs: tuple[Callable[..., Any], ...]) -> None:
    global _JOBS
    _JOBS = jobs


def _run(index: int, *args: Any) -> Any:
    return _JOBS[index](*args)


class CheckCores:
    """A ``Spread`` for verify that also renders the documents in a worker beside the item checks."""

    def __init__(self, documents: Callable[[], list[Problem]]) -> None:
        self.documents = documents
        self.pool: WorkerPool | None = None
        self.rendered: Future | None = None

    @staticmethod
    def workers(count: int) -> int:
        """Workers worth forking: one for the documents and the rest for the items (0: none)."""
        workers = WorkerPool.cores(count + 1)
        return workers if workers >= 2 and "fork" in multiprocessing.get_all_start_methods() else 0

    def __call__(self, check: ItemChecks, count: int) -> Iterable[list[Problem]]:
        """The runs' findings, in order: the runs start on the workers at once, and each run's
        findings are waited for as they are read."""
        workers = self.workers(count)
        if not workers:
            return one_run(check, count)
        # With "fork", the jobs reach the workers as the pool's start-up arguments, unpickled.
        self.pool = WorkerPool(workers, _hold, ((self.documents, check),))
        self.rendered = self.pool.submit(_run, 0)
        size = max(1, -(-count // (workers * RUNS_PER_WORKER)))
        runs = [(start, min(start + size, count)) for start in range(0, count, size)]
        futures = [self.pool.submit(_run, 1, start, end) for start, end in runs]
        return (_or_here(future, check, start, end) for future, (start, end) in zip(futures, runs, strict=True))

    def documents_findings(self) -> list[Problem]:
        """The documents' findings, rendered by the worker (or here, with one core)."""
        if self.rendered is None:
            return self.documents()
        return _or_here(self.rendered, self.documents)

    def close(self) -> None:
        """Stop the workers at once: their work is collected, or no longer wanted."""
        if self.pool is not None:
            self.pool.close(abort=True)


def _or_here(future: Future, job: Callable[..., Any], *args: Any) -> Any:
    """A worker's result; if the job failed there, or its worker died, it is run again here, so
    its error is raised as one process raises it."""
    try:
        return WorkerPool.result(future)
    except Exception:  # the job's own error, or PoolBroken
        return job(*args)
