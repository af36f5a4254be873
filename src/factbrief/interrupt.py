"""Ctrl-C as Factbrief raises it. A module of its own, importing nothing, so the signal handler
can use it at any moment, even while Python is still importing everything else."""


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
