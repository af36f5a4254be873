"""`factbrief add PAGE… | DIR`: many pages captured in one process, one after another.

Each page is captured as `add` captures one (add.py: staged, proved, then moved in), so a page
that cannot be captured changes nothing and the pages before and after it are captured all the
same. A problem with the fact file itself (it cannot be read, or is not editable) is no page's
fault and stops the batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factbrief.capture.add import Captured, add_source
from factbrief.capture.article import is_url
from factbrief.capture.fetch import TIMEOUT_SECONDS
from factbrief.errors import CaptureError, Problem

# What a folder's pages are: the files `add` reads.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".pdf", ".txt")


@dataclass(frozen=True)
class Outcome:
    """One page of a batch: what was captured, or the one line saying why not."""

    source: str
    captured: Captured | None = None
    error: str | None = None


def pages_of(sources: list[str]) -> list[str]:
    """The pages to capture: each URL or file as given, each folder's pages (by name, not recursing)."""
    out: list[str] = []
    for source in sources:
        path = Path(source)
        if not is_url(source) and path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in PAGE_SUFFIXES and p.is_file())
            if not found:
                kinds = ", ".join(PAGE_SUFFIXES)
                raise CaptureError(Problem(source, None, f"is a folder with no pages in it (no {kinds} file)"))
            out += [str(p) for p in found]
        else:
            out.append(source)
    return out


def add_many(
    sources: list[str],
    fact_path: Path,
    *,
    publisher: str | None = None,
    today: dt.date | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> Iterator[Outcome]:
    """Capture each page into the fact file, yielding each outcome as it is known."""
    for source in pages_of(sources):
        try:
            captured = add_source(source, fact_path, publisher=publisher, today=today, timeout=timeout)
        except CaptureError as exc:
            problem = exc.problems[0]
            if isinstance(problem, Problem) and str(problem.path) != source:
                raise  # about the fact file, not the page: every other page would fail the same way
            yield Outcome(source, error=exc.lines()[0])
        else:
            yield Outcome(source, captured=captured)
