"""Ctrl-C as Factbrief raises it, and how child processes end with their parent. A module of its
own, importing nothing at its top, so the signal handler can use it at any moment, even while
Python is still importing everything else."""


class Interrupted(BaseException):
    """Ctrl-C, as the command line raises it.

    Not a KeyboardInterrupt, so nothing on the way to the command line catches it by accident
    (Typer turns KeyboardInterrupt into a silent exit); cleanup written as ``except BaseException``
    still runs.
    """

    after_write = False  # True when the outputs had all been written when it arrived


class InterruptedAfterWrite(Interrupted):
    """Ctrl-C arrived while the outputs were being switched: the new outputs are complete."""

    after_write = True


def die_with_parent(parent: int) -> None:
    """In a child process: have the kernel kill it when ``parent`` (the process, and the thread,
    that started it) dies, however that dies, so that a killed build leaves no printing worker and
    no Pandoc behind (Linux's PR_SET_PDEATHSIG; elsewhere nothing changes). A parent already gone
    ends the child at once."""
    import ctypes
    import os
    import signal
    import sys

    if sys.platform != "linux":
        return
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)
