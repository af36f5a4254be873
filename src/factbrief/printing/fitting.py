"""Printing documents within their page limit: a one-page briefing, whatever the fact file.

A document whose template sets ``max_pages`` is laid out with the fullest layout first. If it
overflows, its optional pictures give way first (``fit.pictures``: the briefing's timeline is
shown only if everything fits with it at the stylesheet's own type). Then Factbrief fills the page
before it drops anything: it first sets the type and spacing
tighter, down to a legible floor (about 8.5 pt, lines at 1.2); only if everything does not fit even
then does it show fewer items (the other lists first, then key figures, then key points: a binary
search over layouts ordered fullest first), and, for the fullest content that fits at the floor,
it takes the largest type that still fits. Factbrief reports what it changed, and fails, naming
the overflowing section, if even the sparest layout does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from factbrief.errors import Problem, RenderError
from factbrief.model import FactFile
from factbrief.printing.page import page_html, page_pictures
from factbrief.printing.pdf import Layout, PdfResult, lay_out, write_pdf
from factbrief.render import Fit, RenderedDocument, render_document

# Type size and spacing (``Fit.scale``, ``Fit.spacing``), from the stylesheet's own to the floor:
# the briefing's 9 pt body at 94% is about 8.5 pt, below which it no longer reads comfortably.
TYPE: tuple[tuple[float, float], ...] = ((1.0, 1.0), (1.0, 0.85), (0.97, 0.75), (0.94, 0.7))
# What a page-limited document shows (key points, items in each other list, key figures), from
# fullest to sparest: the engagement, priorities and issues lists give way first, key points last.
CONTENT: tuple[tuple[int, int, int], ...] = (
    (6, 5, 8),
    (6, 4, 8),
    (6, 3, 8),
    (6, 3, 7),
    (6, 3, 6),
    (5, 3, 6),
    (5, 3, 5),
    (4, 3, 5),
    (4, 3, 4),
    (4, 2, 4),
)


def fit_for(content: tuple[int, int, int], type_: tuple[float, float], pictures: bool = False) -> Fit:
    key_points, items, figures = content
    scale, spacing = type_
    return Fit(key_points, items, figures, scale, spacing, pictures)


@dataclass
class Attempt:
    """A document rendered to Markdown and HTML in one layout, laid out (or its outcome known from
    an earlier build's fitting memory, fitmemory.py: then it is laid out only if it is chosen)."""

    doc: RenderedDocument
    html: str
    fit: Fit
    pages: int
    overflow_section: str | None
    layout: Layout | None = None


class _Stale(Exception):
    """A remembered outcome that laying out the layout did not repeat: fit again, remembering nothing."""


@dataclass
class Printed:
    """A document rendered to Markdown, HTML and PDF, with what fitting it cost."""

    doc: RenderedDocument
    html: str
    pdf: PdfResult
    dropped: list[str] = field(default_factory=list)
    pictures: dict[str, bytes] = field(default_factory=dict)  # the SVG of each picture, by file name
    # Each layout the fitting tried, with page_digest() of it: the same digests give the same print.
    tried: list[tuple[Fit, str]] = field(default_factory=list)
    # What each tried layout came to (pages, the section running over), by page digest: fitmemory.py.
    outcomes: dict[str, tuple[int, str | None]] = field(default_factory=dict)


def page_digest(doc: RenderedDocument, html: str) -> str:
    """A digest of one trial layout's input: the page's HTML (pictures drawn in it), the Markdown
    and the template's settings. Fitting is decided by these alone, so a warm rebuild (warm.py)
    reuses a print whose every tried layout has the same digest."""
    import hashlib

    settings = (doc.title, doc.kind, doc.max_pages, doc.notes, sorted(doc.shown.items()))
    digest = hashlib.sha256()
    for part in (repr(settings), doc.markdown, html):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def print_document(
    name: str,
    fact_file: FactFile,
    env: jinja2.Environment,
    dirs: list[Path],
    known: dict[str, tuple[int, str | None]] | None = None,
) -> Printed:
    """Render one document to PDF, fitting it to its template's page limit if it has one.

    Trial layouts are only laid out; the PDF is written (fonts subset) once, for the chosen one.
    ``known``: what earlier builds' trial layouts came to, by page digest (fitmemory.py); a trial
    found there is not laid out unless chosen, and then it must come to the same again.
    """
    try:
        return _print_document(name, fact_file, env, dirs, known or {})
    except _Stale:
        return _print_document(name, fact_file, env, dirs, {})


def _print_document(name: str, fact_file: FactFile, env: jinja2.Environment, dirs: list[Path], known: dict) -> Printed:
    tried: list[tuple[Fit, str]] = []
    outcomes: dict[str, tuple[int, str | None]] = {}

    def attempt(fit: Fit) -> Attempt:
        doc = render_document(name, fact_file, env, fit)
        html = page_html(doc, env, fact_file, fit)
        digest = page_digest(doc, html)
        tried.append((fit, digest))
        if doc.max_pages and digest in known:
            outcomes[digest] = known[digest]
            return Attempt(doc, html, fit, *known[digest])
        layout = lay_out(html, dirs[0], dirs, name)
        outcomes[digest] = (layout.pages, layout.overflow_section)
        return Attempt(doc, html, fit, layout.pages, layout.overflow_section, layout)

    def fits(a: Attempt) -> bool:
        return not a.doc.max_pages or a.pages <= a.doc.max_pages

    def first_that_fits(fits_: list[Fit]) -> tuple[Attempt | None, Attempt | None]:
        """Binary search over layouts ordered fullest first: the fullest that fits, and the
        sparest tried that did not."""
        best, failed = None, None
        low, high = 0, len(fits_) - 1
        while low <= high:
            mid = (low + high) // 2
            trial = attempt(fits_[mid])
            if fits(trial):
                best, high = trial, mid - 1
            else:
                failed, low = trial, mid + 1
        return best, failed

    def printed(a: Attempt, dropped: list[str]) -> Printed:
        if a.layout is None:  # chosen from memory: laid out now, and it must agree
            a.layout = lay_out(a.html, dirs[0], dirs, name)
            if (a.layout.pages, a.layout.overflow_section) != (a.pages, a.overflow_section):
                raise _Stale()
        pictures = {name: svg for name, (_kind, svg) in page_pictures(a.doc, env, fact_file, a.fit).items()}
        pdf = write_pdf(a.layout, fact_file.as_of)
        return Printed(a.doc, a.layout.html, pdf, dropped, pictures, tried, outcomes)

    first = attempt(fit_for(CONTENT[0], TYPE[0], pictures=True))
    if fits(first):
        return printed(first, [])
    if first.doc.pictures:  # without its optional pictures, at the stylesheet's type
        plain = attempt(fit_for(CONTENT[0], TYPE[0]))
        if fits(plain):
            return printed(plain, describe_cuts(first, plain))
    # Smaller type and spacing first, keeping everything.
    content, larger_types = CONTENT[0], TYPE[1:-1]
    at_floor = attempt(fit_for(content, TYPE[-1]))
    if not fits(at_floor):
        # Fewer items, at the floor; then the largest type that fits what is left.
        sparer, failed = first_that_fits([fit_for(c, TYPE[-1]) for c in CONTENT[1:]])
        if sparer is None:
            raise _overflow(name, failed or first)
        at_floor, fit = sparer, sparer.fit
        content, larger_types = (fit.key_points, fit.items, fit.figures), TYPE[:-1]
    # Up from the floor, one step at a time: what dropping content frees is usually less than a
    # step, so this mostly costs one trial layout.
    chosen = at_floor
    for type_ in reversed(larger_types):
        trial = attempt(fit_for(content, type_))
        if not fits(trial):
            break
        chosen = trial
    return printed(chosen, describe_cuts(first, chosen))


def _overflow(name: str, failed: Attempt) -> RenderError:
    section = failed.overflow_section or "the first section"
    limit = failed.doc.max_pages
    assert limit is not None  # only a page-limited document can fail to fit
    return RenderError(
        Problem(
            failed.doc.template_file,
            None,
            f"{name} does not fit {limit} page(s) even at the sparest layout: "
            f"'{section}' runs onto page {limit + 1} (shorten the fact file's texts or selections)",
        )
    )


def describe_cuts(full: Attempt, fitted: Attempt) -> list[str]:
    """What the fitted layout leaves out compared with the full one, in words."""
    cuts = []
    shown_full, shown = full.doc.shown, fitted.doc.shown
    for key, words in (("key_points", "key points"), ("figures", "key figures"), ("items", "items in the other lists")):
        if shown.get(key, 0) < shown_full.get(key, 0):
            cuts.append(f"shows {shown[key]} of {shown_full[key]} {words}")
    if len(fitted.doc.pictures) < len(full.doc.pictures):
        cuts.append("leaves out its " + ("picture" if len(full.doc.pictures) == 1 else "pictures"))
    if fitted.fit.scale < 1:
        cuts.append(f"sets its type at {fitted.fit.scale:.0%}")
    if fitted.fit.spacing < 1:
        cuts.append(f"sets its spacing at {fitted.fit.spacing:.0%}")
    return cuts
