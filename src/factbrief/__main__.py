"""The ``factbrief`` command and ``python -m factbrief``: Ctrl-C at any moment prints one line.

Typer turns Ctrl-C into a silent exit, and an interrupt during start-up prints a traceback; here
Ctrl-C raises ``Interrupted``, which cleanup code lets through, and the process then stops at
once with exit code 130, after saying whether the outputs were touched (they are written all
at once: write.py).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading

from factbrief.interrupt import Interrupted

GRACE_SECONDS = 3.0  # after Ctrl-C, the longest the cleanup may take before the process just stops
# Objects allocated between collections of the youngest generation (Python's default: 700). A fact
# file and a WeasyPrint layout are a great many small objects that live to the end of the command,
# and with the default the collector scans them hundreds of times: 1.4 s of an 8 s `check` of
# 5,000 facts, 0.6 s of a curated build's printing; with this, 0.3 s and 0.1 s (bench/results.md).
YOUNG_GENERATION = 50_000


def main() -> None:
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])  # workers fork from here and keep it
    handle_interrupts()
    try:
        from factbrief.cli import app

        app(prog_name="factbrief")
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | Interrupted):
            interrupted(exc)
        # The work is done (or failed and said so): a Ctrl-C now has nothing to interrupt, and
        # Python would meet it with its default handler while shutting down (no message, -2).
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        # The process is ending: what it holds is frozen, so the collections of Python's shutdown
        # skip it (about 0.1 s of a build's exit); every output is already written and closed.
        gc.freeze()
        raise


def handle_interrupts() -> None:
    """Ctrl-C raises Interrupted from here on, wherever it arrives."""
    signal.signal(signal.SIGINT, _raise_interrupted)
    sys.unraisablehook = _raise_again_if_interrupted


def _raise_interrupted(signum: int, frame: object) -> None:
    """The first Ctrl-C: raise Interrupted for the cleanup to let through; ignore later ones (a
    second press 50 ms later must not interrupt the cleanup itself); and stop the process anyway
    if the cleanup has not finished within GRACE_SECONDS."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    timer = threading.Timer(GRACE_SECONDS, interrupted, args=(Interrupted(),))
    timer.daemon = True
    timer.start()
    raise Interrupted()


def _raise_again_if_interrupted(unraisable: sys.UnraisableHookArgs) -> None:
    """Python cannot raise from a weakref callback, a ``__del__`` or a collection: it prints what
    was raised there and goes on. A Ctrl-C whose handler ran in such a place (an import's module
    lock, say) would be printed as a traceback and then forgotten, and the build would go on to the
    end; it is sent to the main thread again instead, to be raised once this hook has returned."""
    main_thread = threading.current_thread() is threading.main_thread()  # where Ctrl-C is raised
    if not (main_thread and issubclass(unraisable.exc_type, KeyboardInterrupt | Interrupted)):
        sys.__unraisablehook__(unraisable)
        return
    global _in_hook
    _in_hook = True
    try:
        signal.signal(signal.SIGINT, _raise_once)
        _send_again()
    finally:
        _in_hook = False


_in_hook = False  # True while the hook runs: a Ctrl-C sent again must not be raised inside it


def _send_again() -> None:
    """Ctrl-C to the main thread from another, a moment later (a signal sent from here would be
    handled before this returns, where it could not be raised either)."""
    main = threading.main_thread().ident
    if main is not None:
        timer = threading.Timer(0.005, signal.pthread_kill, args=(main, signal.SIGINT))
        timer.daemon = True
        timer.start()


def _raise_once(signum: int, frame: object) -> None:
    """A Ctrl-C sent again: raise it as the first was raised (its grace timer already runs)."""
    if _in_hook:
        _send_again()
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Interrupted()


def interrupted(exc: BaseException) -> None:
    """Say what is true of the outputs, then leave at once (workers are already stopped)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot interrupt the goodbye
    written = getattr(exc, "after_write", False)
    message = "the new outputs were all written" if written else "no output was changed"
    try:
        sys.stdout.flush()
        sys.stderr.write(f"factbrief: interrupted; {message}\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


if __name__ == "__main__":
    main()
