"""Factbrief's exceptions: one base class, each error carrying the file and line it is about."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One finding about one place in one file, printed as ``FILE:LINE: message``."""

    path: Path | str
    line: int | None
    message: str
    level: str = "error"  # "error", "warning" or "info"
    ref: str | None = None  # the fact or milestone id, when there is one

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        prefix = "" if self.level == "error" else f"{self.level}: "
        return f"{where}: {prefix}{_one_line(self.message)}"


def _one_line(text: str) -> str:
    """Control characters (a newline inside a quoted value, say) shown escaped: one problem, one line."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


class FactbriefError(Exception):
    """Base class of every error Factbrief reports to its user."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        # A usage error's are sentences (str): the command line is no file; every other error's are Problems.
        self.problems: list[Problem | str] = [problems] if isinstance(problems, str | Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        """The error as one line per problem."""
        return [str(p) for p in self.problems]

    def first_message(self) -> str:
        """The first problem's message, without its place."""
        first = self.problems[0]
        return first.message if isinstance(first, Problem) else first


class FactFileError(FactbriefError):
    """The fact file cannot be read, is not valid YAML, or does not follow format 1."""


class InputError(FactbriefError):
    """An input file (an article, a template) is missing, not a regular file, too large or not UTF-8."""


class VerificationError(FactbriefError):
    """A quote, number or citation in the fact file cannot be proved from its sources."""


class TemplateError(FactbriefError):
    """A template is missing, has a syntax error, or failed while rendering."""


class LintError(FactbriefError):
    """A rendered document prints a figure without a footnote, or a footnote that does not resolve."""


class RenderError(FactbriefError):
    """Turning a document into HTML or PDF failed."""


class LostCharacterError(RenderError):
    """A document prints a character that no font here has: it would print as a box."""


class OutputError(FactbriefError):
    """An output file could not be written."""


class UsageError(FactbriefError):
    """The command line asked for something that does not exist."""

    exit_code = 2


class CaptureError(FactbriefError):
    """An article could not be fetched, read, or added to the fact file as a source."""


from factbrief.interrupt import Interrupted, InterruptedAfterWrite  # noqa: E402,F401 - one place for every error
