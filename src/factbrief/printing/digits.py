"""The printed page accounts for every digit: each number a PDF's pages show is proven, or is the page's own.

The lint (render/lint.py) hunts for figures in the Markdown, HTML and CSS a template produces;
whatever form it does not know could still put a figure on the page. So once the PDF is written,
its text is read back page by page (pypdfium2, the PDF engine of Chrome) — body, tables, notes,
pictures, running heads and margins — and every number on a page, written in digits or in
words, must be one of:

- a figure proven by a note the page calls or prints (the note's quotes and the statements
  that cite it, which ``check`` proved);
- a note's own number, where the page calls or prints that note;
- a page number or the page count;
- a figure of the fact file's own metadata: its title, names and dates (``check`` proves what a
  topic's name prints);
- a scale of a picture Factbrief drew on that page (its ticks, derived from the values it plots).

Anything else fails the build, naming the document, the page and the text around the number.
Numbers in words are held to the same rule from ten up, and at any size with a scale word ("nine
billion"): "two countries" and "the first visit" are words, not figures.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

from factbrief.pictures import texts as picture_texts
from factbrief.printing.proof import PrintProof
from factbrief.render import RenderedDocument
from factbrief.text.numbers import figures_in_words, readings_in

_INVISIBLE = dict.fromkeys(map(ord, "\u2060\u00ad\ufffe\u200b"), None)


def unaccounted(
    pdf: bytes,
    doc: RenderedDocument,
    proof: PrintProof,
    pictures: dict[str, bytes],
    languages: tuple[str, ...],
) -> list[str]:
    """Every number the PDF's pages print that nothing accounts for, as messages."""
    import pypdfium2

    problems: list[str] = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        count = len(document)
        for index in range(count):
            page = document[index]
            textpage = page.get_textpage()
            try:
                text = _page_text(textpage).translate(_INVISIBLE)
            finally:
                textpage.close()
                page.close()
            allowed = _allowed(index, count, doc, proof, pictures, languages)
            problems += [
                f"{doc.name}.pdf page {index + 1} prints {what} “{_around(text, start, end)}”, which nothing on "
                "that page proves (no note it calls, no date or name of the fact file, no page number)"
                for what, start, end in _figures(text, allowed, languages)
            ]
    finally:
        document.close()
    return problems


def _page_text(textpage: Any) -> str:
    """A page's text, with a space wherever the type size jumps: a note's call, set small against
    the word before it ("2024.²"), is a number of its own, not the decimals of "2024.2"."""
    import pypdfium2.raw as pdfium

    out: list[str] = []
    previous = 0.0
    for i in range(textpage.count_chars()):
        size = pdfium.FPDFText_GetFontSize(textpage.raw, i)
        if previous and abs(size - previous) > 0.15 * max(size, previous):
            out.append(" ")
        out.append(chr(pdfium.FPDFText_GetUnicode(textpage.raw, i)))
        previous = size
    return "".join(out)


def _allowed(
    index: int,
    count: int,
    doc: RenderedDocument,
    proof: PrintProof,
    pictures: dict[str, bytes],
    languages: tuple[str, ...],
) -> set[Decimal]:
    notes = proof.refers[index] if index < len(proof.refers) else set()
    allowed = set(doc.metadata) | {Decimal(n) for n in range(1, count + 1)} | {Decimal(n) for n in notes}
    for note in notes:
        allowed |= doc.proves.get(str(note), frozenset())
    for name in proof.pictures[index] if index < len(proof.pictures) else ():
        if name in pictures:
            allowed |= _scales(pictures[name], languages)
    return allowed


def _scales(svg: bytes, languages: tuple[str, ...]) -> set[Decimal]:
    """The numbers of a drawn picture's scales: its tick labels."""
    root = ET.fromstring(svg)
    own = set(picture_texts(root))
    ticks = [t for t in picture_texts(root, scales=True) if t not in own]
    return {r for tick in ticks for _written, readings in readings_in(tick, languages) for r in readings}


def _figures(text: str, allowed: set[Decimal], languages: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """The figures of a page's text that are not allowed: what, where."""
    found = []
    position = 0
    for written, read in readings_in(text, languages):
        start = text.find(written, position)
        position = start + len(written) if start >= 0 else position
        if not read & allowed:
            found.append((f"'{written}'", max(start, 0), max(start, 0) + len(written)))
    for written, readings, start in figures_in_words(text, languages):
        if not readings & allowed:
            found.append((f"'{written}'", start, start + len(written)))
    return found


def _around(text: str, start: int, end: int) -> str:
    """The words around a number on the page, on one line."""
    snippet = " ".join(text[max(0, start - 40) : end + 40].split())
    return re.sub(r"^\S*\s|\s\S*$", "", snippet) if len(snippet) > 60 else snippet
