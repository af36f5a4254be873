"""How one document is printed in a build: from which fit, keeping what, and with its Word file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from factbrief.model import FactFile
from factbrief.printing.fitting import Printed, keep_document, print_document
from factbrief.printing.page import page_html
from factbrief.printing.pdf import PdfResult
from factbrief.printing.reprint import Again
from factbrief.printing.word import word_document
from factbrief.render import Fit, render_document


@dataclass(frozen=True)
class Plan:
    """How to print one document: where its fitting starts (the last build's fit), what the last
    build's folder may keep (reprint.py), and whether to make its Word file too, right after its
    PDF (by the printing workers: print_planned, or a job of its own, word_planned)."""

    hint: Fit | None = None
    again: Again | None = None
    word: bool = False


def print_planned(name: str, fact_file: FactFile, env: jinja2.Environment, dirs: list[Path], plan: Plan) -> Printed:
    """Print one document as planned."""
    printed = print_document(name, fact_file, env, dirs, plan.hint)
    if plan.word:
        printed.word = word_planned(printed, fact_file, env, plan)
    return printed


def word_planned(printed: Printed, fact_file: FactFile, env: jinja2.Environment, plan: Plan) -> tuple[str, bytes]:
    """The Word file of a printed document (kept from the last build's folder when it is the same)."""
    return word_document(printed, fact_file, env, plan.again.folder if plan.again else None)


def kept_print(name: str, fact_file: FactFile, env: jinja2.Environment, dirs: list[Path], plan: Plan) -> Printed | None:
    """The document as the last build into ``plan.again``'s folder printed it, when printing it
    now would write the same PDF (nothing is laid out); else None. Its Word file is kept or made
    as planned."""
    if plan.again is None:
        return None
    printed = keep_document(name, fact_file, env, dirs, plan.again)
    if printed is not None and plan.word:
        printed.word = word_planned(printed, fact_file, env, plan)
    return printed


def likely_print(
    name: str, fact_file: FactFile, env: jinja2.Environment, chosen: Fit | None, pages: int
) -> Printed | None:
    """The document as it will most likely print, before it is printed: rendered in the fit its
    last print chose (``chosen``; None for a document that is not fitted), on as many ``pages``
    (an edit seldom changes either). Its Word file can then be made beside its PDF, and is taken
    only if the PDF prints so (build/pool.py). None when the template no longer agrees with the
    last print on whether the document is fitted."""
    fit = chosen or Fit()
    doc = render_document(name, fact_file, env, fit)
    if bool(doc.max_pages) != (chosen is not None):
        return None
    return Printed(doc, page_html(doc, env, fact_file, fit), PdfResult(b"", pages), chosen=chosen)
