"""Printing documents within their page limit: a one-page briefing, whatever the fact file.

A document whose template sets ``max_pages`` is laid out with the fullest layout first. If it
overflows, a binary search over ever-sparer layouts (fewer key points, fewer items per list,
then smaller type, down to a floor of about 8.5 pt) finds the fullest one that fits. Factbrief
reports what it dropped, and fails, naming the overflowing section, if even the sparest layout
does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .errors import Problem, RenderError
from .html import render_page
from .model import FactFile
from .pdf import Layout, PdfResult, lay_out, write_pdf
from .render import Fit, RenderedDocument, render_document

# From fullest to sparest; each layout shows no more than the one before it.
LAYOUTS = (
    Fit(6, 5, 8, 1.0),
    Fit(5, 5, 7, 1.0),
    Fit(5, 4, 6, 1.0),
    Fit(4, 4, 6, 1.0),
    Fit(4, 3, 5, 1.0),
    Fit(4, 3, 4, 0.97),
    Fit(4, 2, 4, 0.94),  # the briefing's 9 pt body at 94% is about 8.5 pt: the floor
)


@dataclass
class Attempt:
    """A document rendered to Markdown and HTML, and laid out in one layout."""

    doc: RenderedDocument
    layout: Layout  # its html is the page laid out
    fit: Fit


@dataclass
class Printed:
    """A document rendered to Markdown, HTML and PDF, with what fitting it cost."""

    doc: RenderedDocument
    html: str
    pdf: PdfResult
    dropped: list[str] = field(default_factory=list)


def print_document(name: str, fact_file: FactFile, env: jinja2.Environment, dirs: list[Path]) -> Printed:
    """Render one document to PDF, fitting it to its template's page limit if it has one.

    Trial layouts are only laid out; the PDF is written (fonts subset) once, for the chosen one.
    """

    def attempt(fit: Fit) -> Attempt:
        doc = render_document(name, fact_file, env, fit)
        html = render_page(doc, env, fact_file, fit)
        return Attempt(doc, lay_out(html, dirs[0], dirs, name), fit)

    def fits(a: Attempt) -> bool:
        return not a.doc.max_pages or a.layout.pages <= a.doc.max_pages

    def printed(a: Attempt, dropped: list[str]) -> Printed:
        return Printed(a.doc, a.layout.html, write_pdf(a.layout, fact_file.as_of), dropped)

    first = attempt(LAYOUTS[0])
    if fits(first):
        return printed(first, [])
    best, sparest = None, None
    low, high = 1, len(LAYOUTS) - 1
    while low <= high:
        mid = (low + high) // 2
        trial = attempt(LAYOUTS[mid])
        if fits(trial):
            best, high = trial, mid - 1
        else:
            sparest, low = trial, mid + 1
    if best is None:
        failed = sparest or first
        section = failed.layout.overflow_section or "the first section"
        raise RenderError(
            Problem(
                failed.doc.template_file,
                None,
                f"{name} does not fit {failed.doc.max_pages} page(s) even at the sparest layout: "
                f"'{section}' runs onto page {failed.doc.max_pages + 1} (shorten the fact file's texts or selections)",
            )
        )
    return printed(best, describe_cuts(first, best))


def describe_cuts(full: Attempt, fitted: Attempt) -> list[str]:
    """What the fitted layout leaves out compared with the full one, in words."""
    cuts = []
    shown_full, shown = full.doc.shown, fitted.doc.shown
    for key, words in (("key_points", "key points"), ("figures", "key figures"), ("items", "items in the other lists")):
        if shown.get(key, 0) < shown_full.get(key, 0):
            cuts.append(f"shows {shown[key]} of {shown_full[key]} {words}")
    if fitted.fit.scale < 1:
        cuts.append(f"sets its type at {fitted.fit.scale:.0%}")
    return cuts


class Printers:
    """Worker processes that print documents on the machine's cores.

    Each worker imports WeasyPrint and loads the fonts itself, so the main process never does,
    and builds its own Jinja environment from the same template folders. Workers ignore Ctrl-C:
    the main process decides, and stops them at once (``close(abort=True)``).
    """

    def __init__(self, workers: int, user_dir: Path | None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker, initargs=(user_dir,)
        )
        self.pool.submit(int)  # forks every worker now (with "fork", the pool starts them all at once)

    @staticmethod
    def available(documents: int) -> int:
        """How many workers are worth starting for this many documents (0: print in-process)."""
        import multiprocessing
        import os

        workers = min(documents, os.cpu_count() or 1)
        return workers if workers >= 2 and "fork" in multiprocessing.get_all_start_methods() else 0

    def print_all(self, names: list[str], fact_file: FactFile) -> list[Printed]:
        return self.results([self.submit(name, fact_file) for name in names], fact_file)

    def submit(self, name: str, fact_file: FactFile, templates: tuple[object, Path | None] | None = None):  # type: ignore[no-untyped-def]
        """Start printing one document. ``templates`` is (version, user folder): when it differs from what
        a worker loaded, the worker loads the templates anew (a warm rebuild after a template changed: warm.py)."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(_print_in_worker, name, fact_file, templates)
        except BrokenProcessPool:
            raise _broken(fact_file) from None

    @staticmethod
    def results(futures: list, fact_file: FactFile) -> list[Printed]:
        """Wait for the documents started with ``submit``, in order."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return [future.result() for future in futures]
        except BrokenProcessPool:
            raise _broken(fact_file) from None

    @property
    def broken(self) -> bool:
        """True once a worker has died: the pool takes no more work."""
        return bool(getattr(self.pool, "_broken", False))

    def close(self, abort: bool = False) -> None:
        """Stop the workers: let them finish, or (``abort``) kill them at once."""
        if abort:
            stop_pool(self.pool)
        else:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _broken(fact_file: FactFile) -> RenderError:
    return RenderError(
        Problem(fact_file.display, None, "a printing process stopped unexpectedly; no output was changed")
    )


def ignore_interrupts() -> None:
    """In a worker: Ctrl-C reaches the whole process group; the main process handles it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_pool(pool) -> None:  # type: ignore[no-untyped-def]
    """Kill a process pool's workers now and let it go, without waiting for anything.

    ProcessPoolExecutor has no way to stop running work before Python 3.14; its worker table is
    the only handle on the processes.
    """
    for process in list(getattr(pool, "_processes", {}).values()):
        try:
            process.kill()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


# The worker's environment and template folders, and the (version, user folder) they were made from.
_WORKER: tuple[jinja2.Environment, list[Path], tuple[object, Path | None]] | None = None


def _start_worker(user_dir: Path | None) -> None:
    global _WORKER
    from .environment import make_environment, template_dirs
    from .pdf import warm_up

    ignore_interrupts()
    warm_up()
    _WORKER = (make_environment([user_dir] if user_dir else None), template_dirs(user_dir), (None, user_dir))


def _print_in_worker(name: str, fact_file: FactFile, templates: tuple[object, Path | None] | None = None) -> Printed:
    global _WORKER
    assert _WORKER is not None
    env, dirs, loaded = _WORKER
    if templates is not None and templates != loaded:
        # Jinja's own reload check misses a new template that shadows a built-in: start afresh.
        from .environment import make_environment, template_dirs

        user_dir = templates[1]
        env, dirs = make_environment([user_dir] if user_dir else None), template_dirs(user_dir)
        _WORKER = (env, dirs, templates)
    return print_document(name, fact_file, env, dirs)
