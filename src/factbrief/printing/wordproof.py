"""The Word proof: a ``.docx`` read back (python-docx) and proven to footnote every figure it prints.

Like the PDF's (printing/digits.py), but by Word's own units rather than pages:

- the file calls as many footnotes as the PDF calls notes, in the same order, and each
  footnote's text is the text of the note the PDF prints at that call;
- every figure in a body paragraph is proven by a footnote that paragraph carries (the note's
  quotes and the statements that cite it), or is one of the fact file's own (its title, names
  and dates) or a number the PDF allows as one of its page numbers; in a table, by a footnote of its cell, else of its row (a row is one fact's: the
  "as of" cell dates the figure beside it); a picture's alternative text counts as its
  paragraph's text;
- every figure in a footnote is proven by that note; the headers and footers print none but the
  fact file's own.

python-docx has no footnote API: the footnotes are read from the package's footnotes part.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from lxml import etree

from factbrief.printing.digits import _around, _figures
from factbrief.printing.fitting import Printed
from factbrief.printing.proof import block_texts
from factbrief.text.escaping import FOOTNOTE_DEF_RE, FOOTNOTE_REF_RE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def footnotes(document: Any) -> dict[str, str]:
    """Each real footnote's text by its id (Word's separators left out)."""
    for rel in document.part.rels.values():
        if rel.reltype == FOOTNOTES_REL and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            return {
                note.get(_q("id"), ""): _text(note)
                for note in root.iter(_q("footnote"))
                if note.get(_q("type")) in (None, "normal")
            }
    return {}


def _text(element: Any) -> str:
    """The words an element prints (its pictures' alternative texts too), on one line."""
    parts = []
    for node in element.iter(_q("t"), _q("tab"), _q("br"), f"{{{WP}}}docPr"):
        if node.tag == _q("t"):
            parts.append(node.text or "")
        elif node.tag == f"{{{WP}}}docPr":
            parts.append(" " + (node.get("descr") or "") + " ")
        else:
            parts.append(" ")
    return " ".join("".join(parts).split())


def _calls(element: Any) -> list[str]:
    return [ref.get(_q("id"), "") for ref in element.iter(_q("footnoteReference"))]


def units(document: Any) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """The body's units in reading order: what ("a paragraph", "a table cell"), its text, the
    footnotes it calls, and those of its row (a paragraph's own)."""
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == _q("p"):
            calls = _calls(child)
            yield "a paragraph", _text(child), calls, calls
        elif child.tag == _q("tbl"):
            for row in child.iter(_q("tr")):
                row_calls = _calls(row)
                for cell in row.iterchildren(_q("tc")):
                    yield "a table cell", _text(cell), _calls(cell), row_calls


def prove(data: bytes, printed: Printed, languages: tuple[str, ...]) -> list[str]:
    """Every way the Word file fails to footnote its figures as the PDF does, as messages."""
    import docx

    doc = printed.doc
    document = docx.Document(io.BytesIO(data))
    notes = footnotes(document)
    pdf_notes = block_texts(printed.html)[1]
    expected = [
        label
        for line in doc.markdown.splitlines()
        if not FOOTNOTE_DEF_RE.match(line)
        for label in FOOTNOTE_REF_RE.findall(line)
    ]
    problems: list[str] = []
    order = [call for _what, _text_, calls, _row in units(document) for call in calls]
    if len(order) != len(expected):
        problems.append(f"calls {len(order)} footnote(s) where the PDF calls {len(expected)} note(s)")
    label_of: dict[str, str] = {}
    for position, (call, label) in enumerate(zip(order, expected, strict=False), start=1):
        label_of[call] = label
        want = pdf_notes.get(int(label)) if label.isdigit() else None
        have = notes.get(call)
        if have is None:
            problems.append(f"footnote call {position} has no footnote")
        elif want is None or have != want:
            problems.append(
                f"footnote {position} reads “{have[:60]}”, not the PDF's note {label} (“{(want or '')[:60]}”)"
            )

    own = set(doc.metadata) | {Decimal(n) for n in range(1, printed.pdf.pages + 1)}  # as the PDF allows

    def allowed(calls: list[str]) -> set[Decimal]:
        out = set(own)
        for call in calls:
            out |= doc.proves.get(label_of.get(call, ""), frozenset())
        return out

    for what, text, calls, row in units(document):
        proven = allowed(calls or row)
        problems += [
            f"{what} prints {figure} “{_around(text, start, end)}”, which no footnote it carries proves"
            for figure, start, end in _figures(text, proven, languages)
        ]
    for call, label in label_of.items():
        text = notes.get(call, "")
        problems += [
            f"footnote (note {label}) prints {figure} “{_around(text, start, end)}”, which its note does not prove"
            for figure, start, end in _figures(text, allowed([call]), languages)
        ]
    for section in document.sections:
        for part in (section.header, section.footer):
            text = _text(part._element)
            problems += [
                f"the header or footer prints {figure} “{_around(text, start, end)}”, "
                "which is no date or name of the fact file"
                for figure, start, end in _figures(text, set(doc.metadata), languages)
            ]
    return problems
