"""Worker processes on the machine's cores: one pool, for printing documents and for batches.

Workers are forked, so they start with what the main process has loaded, and they ignore
Ctrl-C: the main process decides, and stops them at once (``close(abort=True)``).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2

from factbrief.errors import Problem, RenderError
from factbrief.interrupt import die_with_parent
from factbrief.model import FactFile
from factbrief.printing import Plan, Printed, print_planned, remove_scratch, warm_up, word_key, word_planned
from factbrief.templating import make_environment, template_dirs


class PoolBroken(Exception):
    """A worker died: the pool takes no more work."""


class WorkerPool:
    """A process pool whose workers ignore Ctrl-C and can be killed at once."""

    def __init__(self, workers: int, initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> None:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        self.executor = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            # Workers end with this process however it ends, unless they are forked from a thread
            # that ends sooner (the kernel ties them to the forking thread).
            initargs=(
                initializer,
                initargs,
                os.getpid() if threading.current_thread() is threading.main_thread() else None,
            ),
        )
        # Fork every worker now (with "fork", the pool starts them all at once). What the workers
        # inherit is frozen first: their collector then never walks the fact file, its sources and
        # the loaded libraries, which would cost time and copy every page it touched.
        gc.freeze()
        try:
            self.executor.submit(int)
        finally:
            gc.unfreeze()  # here, a long-lived preview still collects what it drops
        # The pool's own table of them empties once one dies: they are kept here, to be killed.
        self.processes = list(getattr(self.executor, "_processes", {}).values())

    @staticmethod
    def cores(jobs: int) -> int:
        """How many workers this many jobs can keep busy."""
        return max(1, min(jobs, os.cpu_count() or 1))

    def submit(self, function: Callable[..., Any], *args: Any) -> Future:
        try:
            return self.executor.submit(function, *args)
        except BrokenProcessPool:
            raise PoolBroken() from None

    @staticmethod
    def result(future: Future) -> Any:
        try:
            return future.result()
        except BrokenProcessPool:
            raise PoolBroken() from None

    @property
    def broken(self) -> bool:
        """True once a worker has died: the pool takes no more work."""
        return bool(getattr(self.executor, "_broken", False))

    def close(self, abort: bool = False) -> None:
        """Stop the workers: let them finish, or (``abort``) kill them at once.

        ProcessPoolExecutor has no way to stop running work before Python 3.14; its worker table
        is the only handle on the processes.
        """
        if not abort:
            self.executor.shutdown(wait=True, cancel_futures=True)
            return
        manager = getattr(self.executor, "_executor_manager_thread", None)  # shutdown() forgets it
        for process in self.processes:
            try:
                process.kill()
            except (OSError, AttributeError):
                pass
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in self.processes:
            process.join(timeout=0.5)
            remove_scratch(process.pid)  # what a killed worker was making, it left behind
        if manager is not None:
            # It closes its wake-up pipe as it ends; Python 3.11's exit hook writes to that pipe
            # unlocked and, racing it, printed "OSError: Bad file descriptor". A second at most: a
            # job stuck in a full pipe must not hold up Ctrl-C.
            manager.join(timeout=1)


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple, parent: int | None) -> None:
    """In a worker: Ctrl-C reaches the whole process group; the main process handles it. The
    worker dies with the main process (a killed build leaves no worker asleep)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


@dataclass
class _WordAhead:
    """A Word file started before its PDF was printed (Printers.finish)."""

    key: str  # word_key() of the print it was started from
    future: Future


class Printers:
    """Workers that print documents on the machine's cores.

    Each worker has WeasyPrint and the fonts loaded, so the main process never does, and builds
    its own Jinja environment from the same template folders.
    """

    def __init__(self, workers: int, user_dir: Path | None) -> None:
        self.pool = WorkerPool(workers, _start_printer, (user_dir,))
        self.user_dir = user_dir  # the template folder the workers start with

    @staticmethod
    def available(documents: int) -> int:
        """How many workers are worth starting for this many documents (0: print in-process)."""
        workers = WorkerPool.cores(documents)
        return workers if workers >= 2 and "fork" in multiprocessing.get_all_start_methods() else 0

    def print_all(
        self, names: list[str], fact_file: FactFile, plans: dict[str, Plan], likely: dict[str, Printed] | None = None
    ) -> list[Printed]:
        """Print every document (Word files as ``finish`` makes them)."""
        started = {name: self.submit(name, fact_file, None, replace(plans[name], word=False)) for name in names}
        return self.finish(started, fact_file, plans, None, likely)

    def finish(
        self,
        started: dict[str, Future],
        fact_file: FactFile,
        plans: dict[str, Plan],
        templates: tuple[object, Path | None] | None = None,
        likely: dict[str, Printed] | None = None,
    ) -> list[Printed]:
        """Wait for documents started without their Word file; each one's Word file (if its plan
        makes one) is a job of its own, for whichever worker is free: no worker idles at the end
        while another makes the Word files of the documents it printed. A document with a
        ``likely`` print (likely_print) has its Word file started now, beside its PDF, from that
        print; it is taken if the PDF printed so (the same digest of what decides the Word file),
        else the Word file is made again once the PDF is printed, as for the others. Failures are
        raised in the documents' order, as one process meets them."""
        names, pdfs = list(started), list(started.values())
        ahead = {
            name: made
            for name, printed in (likely or {}).items()
            if name in started and plans[name].word
            if (made := self._word_ahead(printed, fact_file, templates, plans[name])) is not None
        }
        words: dict[int, Future] = {}
        pending, failed = set(pdfs), False
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                failed = failed or any(f.exception() is not None for f in done)  # then no more Word files
                for index in sorted(pdfs.index(f) for f in done if f in pdfs and not failed):
                    plan = plans[names[index]]
                    if plan.word:
                        pdf = pdfs[index].result()
                        words[index] = self._word(names[index], pdf, fact_file, templates, plan, ahead)
                        pending.add(words[index])
        finally:
            for made in ahead.values():  # predicted wrongly, or not needed: dropped
                if made.future not in words.values():
                    made.future.cancel()
        printed: list[Printed] = []
        try:
            for index, future in enumerate(pdfs):
                printed.append(WorkerPool.result(future))
                if index in words:
                    printed[-1].word = WorkerPool.result(words[index])
        except PoolBroken:
            raise _broken(fact_file) from None
        return printed

    def _word_ahead(
        self, likely: Printed, fact_file: FactFile, templates: tuple[object, Path | None] | None, plan: Plan
    ) -> _WordAhead | None:
        """Start a document's Word file before its PDF is printed, from ``likely``: the document as
        it will most likely print (likely_print). None: no Word template to know its digest by."""
        key = self._word_key(likely, fact_file, templates)
        if key is None:
            return None
        return _WordAhead(key, self._start(fact_file, _word_in_worker, likely, fact_file, templates, plan))

    def _word(
        self,
        name: str,
        printed: Printed,
        fact_file: FactFile,
        templates: tuple[object, Path | None] | None,
        plan: Plan,
        ahead: dict[str, _WordAhead],
    ) -> Future:
        """The job making a printed document's Word file: the one started ahead, when it was started
        from what decides the Word file as printed (the same digest), else a new one."""
        made = ahead.get(name)
        if made is not None and made.key == self._word_key(printed, fact_file, templates):
            return made.future
        return self._start(fact_file, _word_in_worker, printed, fact_file, templates, plan)

    def _word_key(
        self, printed: Printed, fact_file: FactFile, templates: tuple[object, Path | None] | None
    ) -> str | None:
        """word_key() of a print with the workers' templates, or None when there is no Word template
        to read (the job after the PDF reports it, in the documents' order)."""
        try:
            return word_key(printed, fact_file, templates[1] if templates else self.user_dir)
        except RenderError:
            return None

    def submit(
        self,
        name: str,
        fact_file: FactFile,
        templates: tuple[object, Path | None] | None = None,
        plan: Plan | None = None,
    ) -> Future:
        """Start printing one document. ``templates`` is (version, user folder): when it differs from what
        a worker loaded, the worker loads the templates anew (a warm rebuild after a template changed: warm.py)."""
        return self._start(fact_file, _print_in_worker, name, fact_file, templates, plan or Plan())

    def _start(self, fact_file: FactFile, job: Callable[..., Any], *args: Any) -> Future:
        try:
            return self.pool.submit(job, *args)
        except PoolBroken:
            raise _broken(fact_file) from None

    @property
    def broken(self) -> bool:
        return self.pool.broken

    def close(self, abort: bool = False) -> None:
        self.pool.close(abort)


def _broken(fact_file: FactFile) -> RenderError:
    return RenderError(
        Problem(fact_file.display, None, "a printing process stopped unexpectedly; no output was changed")
    )


# The worker's environment and template folders, and the (version, user folder) they were made from.
_WORKER: tuple[jinja2.Environment, list[Path], tuple[object, Path | None]] | None = None


def _start_printer(user_dir: Path | None) -> None:
    global _WORKER
    warm_up()
    _WORKER = (make_environment([user_dir] if user_dir else None), template_dirs(user_dir), (None, user_dir))


def _print_in_worker(
    name: str, fact_file: FactFile, templates: tuple[object, Path | None] | None = None, plan: Plan | None = None
) -> Printed:
    env, dirs = _templates(templates)
    return print_planned(name, fact_file, env, dirs, plan or Plan())


def _word_in_worker(
    printed: Printed, fact_file: FactFile, templates: tuple[object, Path | None] | None, plan: Plan
) -> tuple[str, bytes]:
    return word_planned(printed, fact_file, _templates(templates)[0], plan)


def _templates(templates: tuple[object, Path | None] | None) -> tuple[jinja2.Environment, list[Path]]:
    """The worker's environment and template folders, loaded anew when ``templates`` differs from
    what the worker loaded."""
    global _WORKER
    assert _WORKER is not None
    env, dirs, loaded = _WORKER
    if templates is not None and templates != loaded:
        # Jinja's own reload check misses a new template that shadows a built-in: start afresh.
        user_dir = templates[1]
        env, dirs = make_environment([user_dir] if user_dir else None), template_dirs(user_dir)
        _WORKER = (env, dirs, templates)
    return env, dirs
