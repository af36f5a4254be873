"""HTML → PDF bytes with WeasyPrint: the only module that imports it, with a locked URL fetcher."""

from __future__ import annotations

import calendar
import hashlib
import importlib
import inspect
import logging
import os
import re
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache, wraps
from math import inf
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from factbrief.errors import Problem, RenderError
from factbrief.printing.libraries import import_remembered
from factbrief.printing.proof import PrintProof, prove


@dataclass
class PdfResult:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # characters printed as boxes: no font here has them


@dataclass
class Layout:
    """An HTML page laid out into pages, not yet written: cheap to try and throw away."""

    document: Any  # a weasyprint.Document
    html: str
    name: str
    pages: int
    warnings: list[str]
    overflow_section: str | None  # the h2 in effect where page 2 begins, if there is one
    proof: PrintProof  # what the laid-out pages hold (printing/proof.py)


@cache
def _weasyprint():
    weasyprint = import_remembered(_import_weasyprint)
    from weasyprint.layout import LayoutContext
    from weasyprint.text.fonts import FontConfiguration

    remember_note_areas(LayoutContext)
    svg_text_in_runs(importlib.import_module("weasyprint.svg"))
    return weasyprint, FontConfiguration()


def _import_weasyprint():
    with warnings.catch_warnings():
        # Only a note that subsetting is slower without libharfbuzz-subset; `make` hints at it.
        warnings.filterwarnings("ignore", "HarfBuzz-Subset will be required", DeprecationWarning)
        import weasyprint

    return weasyprint


# The source of WeasyPrint's SVG ``text`` that svg_text_in_runs was proven on (tests/test_svg_text.py).
_SVG_TEXT_SOURCES = {"67a30c3e181b4a8002350771928b86b26dfef05b2706d0b3c6b46943e41af61b"}
_SVG_TEXT_TAGS = ("text", "tspan")
# What places a text's letters one by one: such a text is left to WeasyPrint.
_PER_LETTER = ("rotate", "dx", "dy", "textLength", "letter-spacing")
# What ends a line for Pango: a run would print only its first line, WeasyPrint's letters all.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


class _OneRun(str):
    """A text that iterates as one piece: WeasyPrint's SVG ``text``, which lays out and draws each
    item of its text apart, then shapes and draws it as one run."""

    def __iter__(self):
        yield str(self)


def svg_text_in_runs(svg_module, sources: set[str] = _SVG_TEXT_SOURCES) -> bool:
    """Make WeasyPrint shape and draw an SVG text as one run, not one letter at a time.

    WeasyPrint 70 lays out each letter of an SVG ``<text>`` in a Pango layout of its own and
    draws it alone (upstream: Kozea/WeasyPrint#2249): a timeline's hundred labels are 40% of its
    document's print, and letters are neither kerned nor shaped together, so a script whose
    letters join (Arabic, Devanagari) or a letter with a combining mark prints apart. A text (or
    tspan) placed at one point, with no per-letter rotation, shift, spacing or length, is given to
    WeasyPrint's own function as one piece: the same code lays out, draws, anchors and bounds it,
    shaped as HTML text is. Texts placed letter by letter are left to WeasyPrint. Applied only to
    the code it was proven on; returns whether it is in place."""
    original = getattr(svg_module, "text", None)
    if original is None or getattr(original, "__wrapped__", None) is not None:
        return original is not None
    if _source_digest(original) not in sources:
        return False
    from weasyprint.svg.utils import normalize  # SVG's number lists, read as WeasyPrint reads them

    @wraps(original)
    def text(svg, node, font_size):
        element = node._etree_node
        said = element.text
        if not isinstance(said, str) or len(said) < 2 or not _one_run(node, element, said, normalize):
            return original(svg, node, font_size)
        element.text = _OneRun(said)
        try:
            return original(svg, node, font_size)
        finally:
            element.text = said

    svg_module.text = text  # the draw loop knows text nodes by this function (TAGS.get(tag) == text)
    tags = svg_module.TAGS
    for tag, function in list(tags.items()):
        if function is original:
            tags[tag] = text
    return True


def _one_run(node, element, said: str, normalize: Callable[[str], str]) -> bool:
    """Whether WeasyPrint's drawing of a text node, letter by letter, is that of one run: a text or
    tspan on one line, placed at one point (WeasyPrint's own reading of the number lists), nothing
    set letter by letter, and, right to left, no tspan to join (whose word spaces a run loses)."""
    if node.tag not in _SVG_TEXT_TAGS or any(c in _LINE_BREAKS for c in said):
        return False
    if any(node.get(name) not in (None, "") for name in _PER_LETTER):
        return False
    if node.get("direction") == "rtl" and (node.tag == "tspan" or len(element)):
        return False
    return all(len(normalize(str(node.get(name) or "")).split()) <= 1 for name in ("x", "y"))


# The source of WeasyPrint's ``LayoutContext._update_footnote_area`` that remember_note_areas was
# proven on (tests/test_note_areas.py: the same pages, box for box, with and without it).
_NOTE_AREA_SOURCES = {"2e317e4b066fb80cb369a41cd6f054a127722f9961c18ef4d6e1eef93673c4c1"}


def note_area_source(context_class) -> str:
    """The digest of WeasyPrint's footnote-area update, as remember_note_areas compares it."""
    function = getattr(context_class, "_update_footnote_area", None)
    return _source_digest(getattr(function, "__wrapped__", function))


def _source_digest(function) -> str:
    """The SHA-256 of a function's source, the code a patch of WeasyPrint's was proven on ("" unknown)."""
    if function is None:
        return ""
    try:
        return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()
    except (OSError, TypeError):
        return ""


def remember_note_areas(context_class, sources: set[str] = _NOTE_AREA_SOURCES) -> bool:
    """Make WeasyPrint lay out each note of a page's footnote area once, not once per set of notes.

    Each time a note joins or leaves a page (and column balancing adds and removes them again and
    again), WeasyPrint lays out a copy of the whole footnote area to learn its height, and throws
    the copy away: a page of twenty notes lays out hundreds. Notes laid out as blocks, without
    vertical margins, floats or blocks inside, stack up without collapsing into each other, so the
    area's height is the sum of their heights, each laid out once, alone in a copy of the area, and
    clamped to the area's own min- and max-height as WeasyPrint clamps it; the sums are made in
    WeasyPrint's order, so that they round as its own do. The area of other notes, and of notes
    with a forced break or another page name between them (where WeasyPrint's area stops), is laid
    out whole, once per set of notes; notes with floats inside, and pages with floats (a float
    beside the area could move its lines), are left to WeasyPrint. What is found is remembered per
    layout, and the bookkeeping around it is done as WeasyPrint does it. Applied only to the code
    it was proven on; another WeasyPrint is left as it is. Returns whether it is in place."""
    original = getattr(context_class, "_update_footnote_area", None)
    if original is None or getattr(original, "__wrapped__", None) is not None:
        return original is not None
    if note_area_source(context_class) not in sources:
        return False

    @wraps(original)
    def update_footnote_area(self):
        area, notes = self.current_footnote_area, self.current_page_footnotes
        if not notes or self.excluded_shapes or _left_to_weasyprint(area, notes):
            return original(self)
        memory = self.__dict__.setdefault("_factbrief_note_areas", {})
        key = (area, self.in_column, *notes)  # boxes compare by identity; the key keeps them alive
        if key not in memory:
            stacked = _stacked(self, area, notes)
            if stacked is None:  # WeasyPrint's own answer, and what it took from the page
                added = area.margin_height() if area.height != "auto" and not self.in_column else 0
                bottom = self.page_bottom + added
                overflow = original(self)
                memory[key] = (area.height, overflow, None if self.in_column else bottom - self.page_bottom)
                return overflow
            memory[key] = (*stacked, None)
        if area.height != "auto" and not self.in_column:
            self.page_bottom += area.margin_height()
        area.children = notes
        area.height, overflow, taken = memory[key]
        if not self.in_column:
            self.page_bottom -= area.margin_height() if taken is None else taken
        return overflow

    context_class._update_footnote_area = update_footnote_area
    return True


def _left_to_weasyprint(area, notes) -> bool:
    """Areas whose notes WeasyPrint lays out each time: a note with a float inside, a note that
    clears floats (its clearance depends on the floats broken across the page) or is positioned
    relative to itself; an area with automatic vertical margins or a limit on its lines."""
    if "auto" in (area.margin_top, area.margin_bottom) or area.style["max_lines"] != "none":
        return True
    return any(
        note.style["clear"] != "none" or note.style["position"] != "static" or _floats_inside(note) for note in notes
    )


def _floats_inside(note) -> bool:
    """Whether a note holds a float or a positioned box: laying out its area adds them to the
    page's floats, so such a note's area is left to WeasyPrint each time (checked on the note as
    built, before any layout; remembered on the box)."""
    found = note.__dict__.get("_factbrief_floats")
    if found is None:
        found = any(box.is_floated() or box.is_absolutely_positioned() for box in note.descendants() if box is not note)
        note.__dict__["_factbrief_floats"] = found
    return found


def _stacked(context, area, notes) -> tuple[float, bool] | None:
    """The area's height and overflow from its notes' heights, each laid out once; None when a
    note does not simply stack (it has vertical margins or a block inside)."""
    from weasyprint.layout.block import block_level_page_break, block_level_page_name, force_page_break

    if area.style["height"] != "auto":
        return None
    for before, after in zip(notes, notes[1:], strict=False):
        # WeasyPrint's area stops at a forced break or a change of page name between two notes.
        if block_level_page_name(before, after) or force_page_break(block_level_page_break(before, after), context):
            return None
    heights = context.__dict__.setdefault("_factbrief_note_heights", {})
    found = []
    for note in notes:
        key = (area, note)
        if key not in heights:
            heights[key] = _alone(context, area, note)
        if heights[key] is None:
            return None
        found.append(heights[key])
    # The sums WeasyPrint makes, in its order, so that its rounding is ours: each note starts where
    # the one before ends (block_container_layout), the area's height is where the last one ends,
    # clamped; it overflows when the last note's bottom is below the area's (its update).
    alone = found[-1][0]  # the area laid out with one note: its position, padding, borders, margins
    top = alone.content_box_y()
    bottom = top
    for _alone_area, note_height in found:
        bottom = bottom + note_height
    height = max(min(max(0, bottom - top), alone.max_height), alone.min_height)
    outer = (height + alone.padding_top + alone.padding_bottom) + alone.border_top_width + alone.border_bottom_width
    outer = outer + alone.margin_top + alone.margin_bottom
    return height, bottom > alone.position_y + outer - alone.margin_bottom


def _alone(context, area, note) -> tuple[Any, float] | None:
    """A copy of the area laid out with this note only, and the note's height in it; None when the
    note would not stack (see _stacked)."""
    from weasyprint.formatting_structure import boxes, build
    from weasyprint.layout.block import block_level_layout

    if not isinstance(note, boxes.BlockBox):
        return None  # an inline note ("footnote-display: inline") shares its lines with the next
    margins = (note.style["margin_top"], note.style["margin_bottom"])
    if any(getattr(margin, "value", None) != 0 for margin in margins):
        return None
    if note.style["clear"] != "none" or any(
        isinstance(box, boxes.BlockLevelBox) for box in note.descendants() if box is not note
    ):
        return None
    children = area.children
    area.children = [note]
    try:
        copies = [build.create_anonymous_boxes(area.deepcopy()) for _ in range(2)]
    finally:
        area.children = children
    alone = block_level_layout(context, copies[0], -inf, None, area.page)[0]
    if len(alone.children) != 1:
        return None
    laid = alone.children[0]
    if laid.element is not note.element or laid.margin_top != 0 or laid.margin_bottom != 0:
        return None
    if not all(isinstance(child, boxes.LineBox) for child in laid.children):
        return None
    # A note's height is its lines' positions less its top: where those round in their last bit
    # (a raised word, odd sizes), it is not the same at another place on the page, and a sum of it
    # would not be WeasyPrint's. Such a note is laid out a second time, elsewhere, and left out.
    copies[1].position_y += _ELSEWHERE
    moved = block_level_layout(context, copies[1], -inf, None, area.page)[0]
    if len(moved.children) != 1 or moved.children[0].margin_height() != laid.margin_height():
        return None
    return alone, laid.margin_height()


_ELSEWHERE = 333.3  # px: another place on the page, where a note's positions round otherwise


def warm_up() -> None:
    """Import WeasyPrint, set up its font configuration and lay out a line of text, which loads
    Pango's fonts (a tenth of a second saved on the first document)."""
    weasyprint, font_config = _weasyprint()
    weasyprint.HTML(string="<p>Việt Nam <b>Tô Lâm</b> <i>Phạm Minh Chính</i></p>").render(font_config=font_config)


def make_url_fetcher(allowed_dirs: list[Path]):
    """A fetcher that serves ``data:`` URLs and files inside the allowed folders, nothing else."""
    weasyprint, _ = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    roots = [d.resolve() for d in allowed_dirs]

    class LockedURLFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allow_redirects=False, allowed_protocols=("data", "file"))

        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(
                f"refused to fetch {url} (only data: URLs and files in the template folders are allowed)"
            )

    return LockedURLFetcher()


# Not a problem with the document: WeasyPrint's note that subsetting is slower without HarfBuzz.
_NOT_WARNINGS = ("Using fontTools instead of HarfBuzz-Subset",)
# WeasyPrint's warning as it draws a character that no font has (Pango found none): in print, a box.
_LOST_RE = re.compile(r"^\.notdef glyph rendered for .*\(U\+([0-9A-F]{4,6})\)$")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_NOT_WARNINGS) and message not in self.messages:
            self.messages.append(message)


@contextmanager
def _session(name: str, as_of: date | None = None):
    """Collect WeasyPrint's warnings instead of logging them; pin fontTools' clock to ``as_of``;
    turn a refused resource into a one-line error naming it."""
    _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    collector = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    propagate, logger.propagate = logger.propagate, False
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if as_of is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(as_of.timetuple()))
    try:
        yield collector.messages
    except FatalURLFetchingError as exc:
        raise RenderError(Problem(f"{name}.html", None, str(exc))) from None
    except (AssertionError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        # WeasyPrint's own failure on what a stylesheet asked for (e.g. ``footnote-policy: block``
        # with a short ``@footnote`` max-height trips an assertion in WeasyPrint 70).
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise RenderError(
            Problem(
                f"{name}.html",
                None,
                f"WeasyPrint failed to print this page ({detail}); a rule of the template's stylesheet"
                " probably asks for a layout it cannot do (try the default style.css)",
            )
        ) from None
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


def lay_out(html: str, base_dir: Path, allowed_dirs: list[Path], name: str) -> Layout:
    """Lay out one HTML page into pages; the PDF (with its font subsets) is written later, once."""
    weasyprint, font_config = _weasyprint()
    with _session(name) as messages:
        document = weasyprint.HTML(
            string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=make_url_fetcher(allowed_dirs)
        ).render(font_config=font_config)
    _refuse_attachments(document, name)
    proof = prove(document, html)
    return Layout(document, html, name, len(document.pages), messages, _section_at_page(document, 1), proof)


def _refuse_attachments(document, name: str) -> None:
    """PDFs carry no attachments: a template that asks for one (``<link rel=attachment>``,
    ``<a rel=attachment>``) stops the build, naming the file it wanted to attach."""
    wanted = [link[1] for page in document.pages for link in page.links if link[0] == "attachment"]
    wanted += ["a file named by <link rel=attachment>" for _ in document.metadata.attachments]
    if wanted:
        raise RenderError(
            Problem(f"{name}.html", None, f"refused to attach {wanted[0]} to the PDF (PDFs carry no attachments)")
        )


def write_pdf(layout: Layout, as_of: date) -> PdfResult:
    """Write a laid-out page to PDF bytes; WeasyPrint's warnings are returned, not logged, and so
    are the characters it could only print as boxes (they are drawn, so found, only here).

    The same inputs give the same bytes: the PDF's identifier is derived from the HTML, and font
    subsetting (fontTools stamps the time into each font) is pinned to the brief's date.
    """
    with _session(layout.name, as_of) as messages:
        identifier = hashlib.md5(layout.html.encode("utf-8")).hexdigest().encode("ascii")
        # Tagged for accessibility (PDF/UA-1, the language from <html lang>): it costs nothing
        # measurable (bench/results.md), so it is always on.
        data = layout.document.write_pdf(pdf_identifier=identifier, pdf_variant="pdf/ua-1")
    lost = [chr(int(m.group(1), 16)) for m in map(_LOST_RE.match, messages) if m]
    messages = [m for m in messages if not _LOST_RE.match(m)]
    warnings = layout.warnings + [m for m in messages if m not in layout.warnings]
    return PdfResult(data, layout.pages, warnings, list(dict.fromkeys(lost)))


def _section_at_page(document, index: int) -> str | None:
    """The section (its ``h2`` text) in effect where page ``index`` begins, if there is such a page."""
    if len(document.pages) <= index:
        return None
    heading = None
    for number, page in enumerate(document.pages[: index + 1]):
        for box in page._page_box.descendants():
            if getattr(box, "element_tag", None) == "h2" and box.element is not None:
                if number == index and heading is not None:
                    return heading
                heading = " ".join("".join(box.element.itertext()).split()) or heading
    return heading
