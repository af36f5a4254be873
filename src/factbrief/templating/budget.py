"""Time and memory budgets for running templates someone else may have written.

A template is a program: nested loops can run for hours and doubling a string thirty times
takes gigabytes. ``template_budget`` stops either with TemplateBudgetExceeded, in any thread,
without touching the rest of the process: time by an exception raised asynchronously in the
rendering thread when the deadline passes, memory by a temporary address-space limit.
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

RENDER_SECONDS = 10.0  # one document; the built-ins take milliseconds
RENDER_MEMORY = 1 << 30  # 1 GiB more than the process already uses
OUTPUT_CHARS = 8_000_000  # the Markdown of one document
SIZE_ARGUMENT = 10_000  # the largest width, count or repeat a template may ask a filter for


class TemplateBudgetExceeded(Exception):
    """A template ran over its time, memory or output budget."""


class _Deadline(TemplateBudgetExceeded):
    pass


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise TemplateBudgetExceeded in this thread if the block runs longer than ``seconds``."""
    seconds = RENDER_SECONDS if seconds is None else seconds
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(_Deadline))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except _Deadline:
        raise TemplateBudgetExceeded(f"ran over its time budget of {seconds:g} s") from None
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
            if state["fired"]:  # not yet delivered: never let it escape the block
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    import resource

    return pages * resource.getpagesize()


@contextmanager
def memory_budget(extra: int | None = None) -> Iterator[None]:
    """Let the block grow the process by at most ``extra`` bytes (where the OS allows a limit)."""
    extra = RENDER_MEMORY if extra is None else extra
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        yield
        return
    used = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = None if used is None else used + extra
    if limit is None or (hard != resource.RLIM_INFINITY and limit > hard):
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    except MemoryError:
        raise TemplateBudgetExceeded(f"ran over its memory budget of {extra >> 20} MiB") from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextmanager
def template_budget() -> Iterator[None]:
    with memory_budget(), time_budget():
        yield


def check_size(value: object, what: str) -> None:
    """Refuse a width, count or repeat larger than SIZE_ARGUMENT."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > SIZE_ARGUMENT:
        raise TemplateBudgetExceeded(f"{what} asks for {value:,} (the limit is {SIZE_ARGUMENT:,})")


_WIDTH_RE = re.compile(r"[%:][^%:}\s]*?(\d{5,})")


def check_format(fmt: str) -> None:
    """Refuse a format string asking for a huge width or precision ('%0999999999d', '{:>99999999}')."""
    m = _WIDTH_RE.search(fmt)
    if m:
        check_size(int(m.group(1)), "a format width")
