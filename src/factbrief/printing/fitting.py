"""Printing documents within their page limit: a one-page briefing, whatever the fact file.

A document whose template sets ``max_pages`` is fitted along one order of layouts, fullest first:
with its optional pictures (the briefing's timeline), then without them, then with its type and
spacing set tighter down to a legible floor (about 8.5 pt, lines at 1.2), then, at the floor,
with fewer items (the other lists first, then key figures, then key points). The first layout in
that order that fits is chosen, and when it shows fewer items, it is set in the largest type
that still fits them. A layout fits when it has at most ``max_pages`` pages and passes the print
proof (printing/proof.py): nothing lost, clipped or printed over, every note on its call's page.

Fitting measures rather than tries: each layout tells how full its pages are and how much each
block and note takes, so the fitter predicts which layout fits and lays out that one, then proves
the choice by laying out its fuller neighbour (which must not fit). A warm start from the last
build's choice (a hint in the output folder: printing/fitmemory.py) usually needs those two
layouts only; a hint never decides anything, it only says where to start. Factbrief reports what
it changed, and fails, naming what does not fit, if even the sparest layout does not.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from factbrief.errors import Problem, RenderError
from factbrief.model import Fact, FactFile
from factbrief.printing import reprint
from factbrief.printing.digits import unaccounted
from factbrief.printing.page import markdown_to_html, page_html, page_pictures
from factbrief.printing.pdf import Layout, PdfResult, lay_out, write_pdf
from factbrief.printing.proof import PrintProof, block_texts
from factbrief.printing.reprint import Again
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
    (3, 2, 4),
    (3, 2, 3),
    (3, 1, 3),
    (2, 1, 3),
)
MARGIN = 0.015  # a layout is predicted to fit when its fill is this far below a full page
# The share of a page's content area its blocks and notes cover when it is full (full briefing
# pages measure 0.88-0.89). Erring high costs nothing: a first prediction one step too full fails,
# and the next layout then fits and closes the search at three layouts; erring low does not.
INK_PER_PAGE = 0.89
# Set to a file's path, each printed document appends "NAME LAYOUTS" to it (bench/run.py reads it).
LAYOUT_LOG = "FACTBRIEF_LAYOUT_LOG"


def fit_for(content: tuple[int, int, int], type_: tuple[float, float], pictures: bool = False) -> Fit:
    key_points, items, figures = content
    scale, spacing = type_
    return Fit(key_points, items, figures, scale, spacing, pictures)


def fit_order() -> list[Fit]:
    """Every layout in the order fitting takes them: fullest first."""
    return [
        fit_for(CONTENT[0], TYPE[0], pictures=True),
        *(fit_for(CONTENT[0], type_) for type_ in TYPE),
        *(fit_for(content, TYPE[-1]) for content in CONTENT[1:]),
    ]


def type_order(fit: Fit) -> list[Fit]:
    """The same content in every type from the stylesheet's own to the floor."""
    return [replace(fit, scale=scale, spacing=spacing) for scale, spacing in TYPE]


@dataclass
class Attempt:
    """A document rendered to Markdown and HTML in one layout, and laid out."""

    doc: RenderedDocument
    html: str
    fit: Fit
    layout: Layout

    @property
    def fits(self) -> bool:
        limit = self.doc.max_pages
        return (not limit or self.layout.pages <= limit) and self.layout.proof.holds


@dataclass
class Printed:
    """A document rendered to Markdown, HTML and PDF, with what fitting it cost."""

    doc: RenderedDocument
    html: str
    pdf: PdfResult
    dropped: list[str] = field(default_factory=list)
    pictures: dict[str, bytes] = field(default_factory=dict)  # the SVG of each picture, by file name
    # Each layout the fitting laid out, with page_digest() of it: the same digests give the same print.
    tried: list[tuple[Fit, str]] = field(default_factory=list)
    chosen: Fit | None = None  # the fit of a page-limited document: the next build's hint
    word: tuple[str, bytes] | None = None  # its Word file and digest (word.py), made by the worker that printed it


def page_digest(doc: RenderedDocument, html: str) -> str:
    """A digest of one trial layout's input: the page's HTML (pictures drawn in it), the Markdown
    and the template's settings. Fitting is decided by these alone, so a warm rebuild (warm.py)
    reuses a print whose every tried layout has the same digest."""
    settings = (doc.title, doc.kind, doc.max_pages, doc.notes, sorted(doc.shown.items()))
    digest = hashlib.sha256()
    for part in (repr(settings), doc.markdown, html):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def print_document(
    name: str, fact_file: FactFile, env: jinja2.Environment, dirs: list[Path], hint: Fit | None = None
) -> Printed:
    """Render one document to PDF, fitted to its template's page limit if it has one; ``hint``:
    the fit the last build chose, where the search starts. Trial layouts are only laid out; the
    PDF is written (fonts subset) once, for the chosen one, and remembered (reprint.py: the next
    build into the same folder keeps it if printing would write it again)."""
    fitter = _Fitter(name, fact_file, env, dirs)
    if not fitter.render(Fit()).max_pages:
        whole = fitter.attempt(Fit())
        if not whole.layout.proof.holds:
            raise _does_not_print(whole)
        return fitter.printed(whole, [])
    order = [fit for fit in fit_order() if fit.pictures or not fitter.same_as_full(fit)]
    floor = hint if hint in order else replace(hint, scale=TYPE[-1][0], spacing=TYPE[-1][1]) if hint else None
    chosen = fitter.first_fitting(order, order.index(floor) if floor in order else 0)
    if chosen is None:
        raise _overflow(name, fitter.attempt(order[-1]))
    if order.index(chosen.fit) > len(TYPE):  # fewer items: the largest type that still fits them
        chosen = fitter.largest_type(chosen)
    full, plain = fitter.render(Fit()), fitter.render(replace(Fit(), pictures=False))
    cuts = describe_cuts(full, plain, chosen.doc, chosen.fit, fact_file)
    return fitter.printed(chosen, cuts + list(chosen.doc.merged))


def keep_document(
    name: str, fact_file: FactFile, env: jinja2.Environment, dirs: list[Path], again: Again
) -> Printed | None:
    """The folder's PDF of the document, when printing would write it again (reprint.py), else None."""
    return _Fitter(name, fact_file, env, dirs).kept(again)


@dataclass
class _Measure:
    """What one layout took: how full its pages are (in pages) and how much ink (in page areas)."""

    fill: float
    ink: float
    fits: bool


class _Fitter:
    """Lays out one document's layouts, each at most once, and predicts which one fits."""

    def __init__(self, name: str, fact_file: FactFile, env: jinja2.Environment, dirs: list[Path]) -> None:
        self.name, self.fact_file, self.env, self.dirs = name, fact_file, env, dirs
        self.docs: dict[Fit, RenderedDocument] = {}
        self.pages: dict[Fit, str] = {}
        self.texts: dict[Fit, tuple[dict[str, tuple[str, str]], dict[int, str]]] = {}
        self.attempts: dict[Fit, Attempt] = {}
        self.layouts: dict[str, Layout] = {}  # by page digest
        self.tried: list[tuple[Fit, str]] = []
        self.measures: dict[Fit, _Measure] = {}
        # The room each block (tag, text) took, in the stylesheet's own type, and each note (text).
        self.blocks: dict[tuple[str, str], float] = {}
        self.notes: dict[str, float] = {}
        self.max_pages: int | None = None

    def render(self, fit: Fit) -> RenderedDocument:
        """The document's Markdown in one layout (the page around it is made only to be laid out)."""
        if fit not in self.docs:
            self.docs[fit] = render_document(self.name, self.fact_file, self.env, fit)
        return self.docs[fit]

    def _rendered(self, fit: Fit) -> tuple[RenderedDocument, str]:
        doc = self.render(fit)
        if fit not in self.pages:
            self.pages[fit] = page_html(doc, self.env, self.fact_file, fit)
        return doc, self.pages[fit]

    def _block_texts(self, fit: Fit) -> tuple[dict[str, tuple[str, str]], dict[int, str]]:
        """The blocks and notes a layout prints (block_texts): read from the body alone, which
        holds them all, unless the layout has pictures (drawn in the stylesheet's type)."""
        if fit not in self.texts:
            doc = self.render(fit)
            if doc.pictures or fit in self.pages:
                html = self._rendered(fit)[1]
            else:
                html = markdown_to_html(doc.markdown, doc.notes, doc.notes_title)
            self.texts[fit] = block_texts(html)
        return self.texts[fit]

    def same_as_full(self, fit: Fit) -> bool:
        """A layout without pictures that is the fullest one (the document has none to leave out)."""
        return not self.render(Fit()).pictures and fit == replace(Fit(), pictures=False)

    def attempt(self, fit: Fit) -> Attempt:
        if fit not in self.attempts:
            doc, html = self._rendered(fit)
            digest = page_digest(doc, html)
            # A fact file with few items renders several fits to the same page: laid out once.
            layout = self.layouts.get(digest) or lay_out(html, self.dirs[0], self.dirs, self.name)
            self.layouts[digest] = layout
            self.attempts[fit] = Attempt(doc, html, fit, layout)
            self.tried.append((fit, digest))
        return self.attempts[fit]

    def first_fitting(self, order: list[Fit], start: int, known_fitting: int | None = None) -> Attempt | None:
        """The first layout of ``order`` that fits (fitting grows along the order), or None.

        Every verdict the answer rests on is laid out in this build: the answer fits, and the
        layout before it does not.
        """
        low, high = 0, known_fitting  # every layout before low fails; high (if known) fits
        probe = start
        while True:
            attempt = self.attempt(order[probe])
            if attempt.fits:
                high = probe
            else:
                low = probe + 1
            if high is not None and high == low:
                return self.attempt(order[high])
            if high is None and low >= len(order):
                return None
            probe = self._predict(order, low, high if high is not None else len(order), attempt)

    def largest_type(self, floor: Attempt) -> Attempt:
        """The same content in the largest type that fits it. Decided from the floor layout's own
        measure (which every build of these inputs lays out), so no earlier build changes it: the
        largest type predicted to fit that does fit."""
        for fit in type_order(floor.fit)[:-1]:
            if self._predicted_fill(fit) <= 1 - MARGIN:
                attempt = self.attempt(fit)
                if attempt.fits:
                    return attempt
        return floor

    def _predict(self, order: list[Fit], low: int, high: int, reference: Attempt) -> int:
        """The first layout in ``order[low:high]`` predicted to fit, else the last one (which
        proves the one after it is the answer)."""
        self._measure(reference)
        # The predicted fill falls along the order (each layout is sparser than the one before),
        # so the first one predicted to fit is found by bisection: a few layouts rendered to
        # predict from, not every one (the verdict is still laid out, so this only saves time).
        first, last = low, high
        while first < last:
            middle = (first + last) // 2
            if self._predicted_fill(order[middle]) <= 1 - MARGIN:
                last = middle
            else:
                first = middle + 1
        return first if first < high else high - 1

    def _predicted_fill(self, fit: Fit) -> float:
        """How full a layout's pages would be (1.0: its page limit exactly full): the room its
        blocks took in the layouts measured so far, in its type, and its notes', against the room
        a page holds."""
        blocks, notes = self._block_texts(fit)
        areas = self.blocks
        average = sum(areas.values()) / len(areas) if areas else 0.0
        body = sum(areas.get(key, average) for key in blocks.values()) * _shrink(fit)
        ink = body + sum(self.notes.get(text, 0.0) for text in notes.values())
        return ink / self._capacity()

    def _capacity(self) -> float:
        """The ink a page limit holds, as the layouts that fit show it (ink over how full their
        pages are), else a page's usual share of ink (the rest is space between lines and blocks);
        never more than a layout that did not fit had (its columns may fill unevenly)."""
        seen = [m.ink / m.fill for m in self.measures.values() if m.fits and m.fill > 0]
        capacity = sum(seen) / len(seen) if seen else INK_PER_PAGE * (self.max_pages or 1)
        failed = [m.ink for m in self.measures.values() if not m.fits]
        return min([capacity, *(ink * (1 - 2 * MARGIN) for ink in failed)])

    def _measure(self, attempt: Attempt) -> _Measure:
        if attempt.fit not in self.measures:
            proof = attempt.layout.proof
            self.max_pages = attempt.doc.max_pages
            blocks, notes = self._block_texts(attempt.fit)
            shrink = _shrink(attempt.fit)
            for block, area in proof.areas.items():
                if block in blocks:
                    self.blocks[blocks[block]] = area / shrink
            for n, area in proof.note_areas.items():
                if n in notes:
                    self.notes[notes[n]] = area
            ink = sum(proof.areas.values()) + sum(proof.note_areas.values())
            self.measures[attempt.fit] = _Measure(proof.fill, ink, attempt.fits)
        return self.measures[attempt.fit]

    def printed(self, chosen: Attempt, dropped: list[str]) -> Printed:
        pictures = self._pictures(chosen.doc, chosen.fit)
        pdf = write_pdf(chosen.layout, self.fact_file.as_of)
        languages = tuple(dict.fromkeys((self.fact_file.documents_language, self.fact_file.language)))
        problems = unaccounted(pdf.data, chosen.doc, chosen.layout.proof, pictures, languages)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise RenderError(Problem(chosen.doc.template_file, None, problems[0] + more))
        fit = chosen.fit if chosen.doc.max_pages else None
        _log_layouts(self.name, len(self.layouts))
        if not pdf.lost:  # (a character no font has stops the build: nothing to keep)
            index = [f for f, _digest in self.tried].index(chosen.fit)
            reprint.remember(
                self._key(self.tried), pdf.data, pages=pdf.pages, warnings=pdf.warnings, dropped=dropped, chosen=index
            )
        return Printed(chosen.doc, chosen.layout.html, pdf, dropped, pictures, self.tried, fit)

    def kept(self, again: Again) -> Printed | None:
        """The folder's PDF of this document, if the layouts the last build tried render to the
        same pages and the PDF is the one printing them wrote (reprint.py); else None."""
        tried = [(fit, page_digest(*self._rendered(fit))) for fit in again.tried]
        found = reprint.recall(self._key(tried), again.folder / f"{self.name}.pdf") if tried else None
        if found is None:
            return None
        data, record = found
        try:
            fit = tried[record["chosen"]][0]
            pdf = PdfResult(data, int(record["pages"]), [str(w) for w in record["warnings"]])
            dropped = [str(d) for d in record["dropped"]]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        doc, html = self._rendered(fit)
        _log_layouts(self.name, 0)
        chosen = fit if doc.max_pages else None
        return Printed(doc, html, pdf, dropped, self._pictures(doc, fit), tried, chosen)

    def _key(self, tried: list[tuple[Fit, str]]) -> str:
        """What printing this document decides by: the pages of the layouts tried, in order, the
        brief's date (in the PDF's metadata), the languages the print proof reads, the folders."""
        ff = self.fact_file
        parts = [self.name, str(ff.as_of), ff.documents_language, ff.language, *(f"{f!r}:{d}" for f, d in tried)]
        return reprint.key("pdf", parts, self.dirs)

    def _pictures(self, doc: RenderedDocument, fit: Fit) -> dict[str, bytes]:
        return {name: svg for name, (_kind, svg) in page_pictures(doc, self.env, self.fact_file, fit).items()}


def _log_layouts(name: str, layouts: int) -> None:
    """How many layouts a document took, for the benchmark (only when LAYOUT_LOG names a file)."""
    path = os.environ.get(LAYOUT_LOG)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{name} {layouts}\n")


def _shrink(fit: Fit) -> float:
    """How much a block's ink shrinks in this fit's type: by the scale, and by the spacing between
    lines (the briefing's lines are 1.28 high, 0.28 of it spacing)."""
    return fit.scale * (1 + 0.28 * fit.spacing) / 1.28


def _does_not_print(failed: Attempt) -> RenderError:
    problems = failed.layout.proof.problems
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return RenderError(
        Problem(failed.doc.template_file, None, f"{failed.doc.name} does not print whole: {problems[0]}{more}")
    )


def _overflow(name: str, failed: Attempt) -> RenderError:
    limit = failed.doc.max_pages
    proof: PrintProof = failed.layout.proof
    if failed.layout.pages > (limit or 0):
        section = failed.layout.overflow_section or "the first section"
        why = f"'{section}' runs onto page {(limit or 0) + 1}"
    else:
        why = proof.problems[0]
    return RenderError(
        Problem(
            failed.doc.template_file,
            None,
            f"{name} does not fit {limit} page(s) even at the sparest layout: {why} "
            "(shorten the fact file's texts or selections)",
        )
    )


def describe_cuts(
    full: RenderedDocument, plain: RenderedDocument, fitted: RenderedDocument, fit: Fit, fact_file: FactFile
) -> list[str]:
    """What the fitted layout leaves out compared with the full one (``plain``: the full one without
    its optional pictures), in words: which facts and milestones, the pictures, the type."""
    cuts = []
    shown_full, shown = full.shown, fitted.shown
    for key, words in (("key_points", "key points"), ("figures", "key figures"), ("items", "items in the other lists")):
        if shown.get(key, 0) < shown_full.get(key, 0):
            cuts.append(f"shows {shown[key]} of {shown_full[key]} {words}")
    # What the pictures alone print goes with them ("leaves out its picture").
    left_out = (full.printed - fitted.printed) - (full.printed - plain.printed)
    if left_out:
        kinds: dict[str, list[str]] = {}
        for item in [*fact_file.facts, *fact_file.milestones]:
            if item.id in left_out:
                kinds.setdefault("fact" if isinstance(item, Fact) else "milestone", []).append(f"'{item.id}'")
        cuts.append("leaves out " + " and ".join(_named(kind, ids) for kind, ids in kinds.items()))
    if len(fitted.pictures) < len(full.pictures):
        cuts.append("leaves out its " + ("picture" if len(full.pictures) == 1 else "pictures"))
    if fit.scale < 1:
        cuts.append(f"sets its type at {fit.scale:.0%}")
    if fit.spacing < 1:
        cuts.append(f"sets its spacing at {fit.spacing:.0%}")
    return cuts


def _named(kind: str, ids: list[str]) -> str:
    return f"{kind}{'s' if len(ids) > 1 else ''} {', '.join(ids)}"
