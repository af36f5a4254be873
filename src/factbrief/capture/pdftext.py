"""A PDF article's text, one paragraph per line, with pypdfium2 (PDFium, the PDF engine of Chrome).

PDFs have no paragraphs, only lines placed on pages, so they are rebuilt from where each line
sits: a wider gap than the text's own line spacing, a change of type size, a first-line indent or
a short line ending a sentence starts a new one. Running heads and feet (the same line at the top
or bottom of several pages, page numbers) are page furniture and left out.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium

MAX_PAGES = 300
_BAND = 0.12  # running heads and feet sit in the top and bottom 12% of a page
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)
_DASHES = ("-", "\u2010", "\u2013", "\u2014")
_SENTENCE_END = tuple('.!?:;"”’)»')
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_WORD_END = re.compile(r"([^\W\d_]+)[-\u2010]$")
_WORD_START = re.compile(r"[^\W\d_]+")
_FILE_NAME_TITLE = re.compile(r"(?:\.(?:docx?|pdf|odt|rtf|indd|pptx?|xlsx?)$|^microsoft \w+ - |^untitled)", re.I)


class PdfError(Exception):
    """A PDF that cannot be opened or read (the reason, in words)."""


@dataclass(frozen=True)
class Line:
    text: str
    page: int
    left: float
    right: float
    top: float
    bottom: float
    in_band: bool  # at the top or bottom edge of its page

    @property
    def height(self) -> float:
        return self.top - self.bottom


def read_pdf(data: bytes) -> tuple[list[str], str | None]:
    """The article's paragraphs (uncleaned) and the title the PDF's metadata gives, if it is one."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PdfError(f"cannot be opened as a PDF ({exc}; a password-protected PDF cannot be read)") from None
    try:
        if len(document) > MAX_PAGES:
            raise PdfError(f"has {len(document)} pages (Factbrief reads articles of up to {MAX_PAGES})")
        title = (document.get_metadata_dict().get("Title") or "").strip()
        lines = []
        for number in range(len(document)):
            try:
                lines += _page_lines(document, number)
            except pdfium.PdfiumError:
                raise PdfError(f"page {number + 1} cannot be read (the PDF is damaged)") from None
    finally:
        document.close()
    usable_title = title if len(title) >= 4 and not _FILE_NAME_TITLE.search(title) else None
    return _paragraphs(_drop_furniture(lines)), usable_title


def _page_lines(document: pdfium.PdfDocument, number: int) -> list[Line]:
    page = document[number]
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        text = textpage.get_text_range()
        out, start = [], 0
        for raw in text.split("\r\n"):
            end = start + len(raw)
            chars = [i for i in range(start, end) if not text[i].isspace()]
            start = end + 2
            if not chars:
                continue
            first, last = textpage.get_charbox(chars[0], loose=True), textpage.get_charbox(chars[-1], loose=True)
            top, bottom = max(first[3], last[3]), min(first[1], last[1])
            in_band = top > height * (1 - _BAND) or bottom < height * _BAND
            out.append(Line(raw.strip(), number, first[0], last[2], top, bottom, in_band))
        return out
    finally:
        textpage.close()
        page.close()


def _drop_furniture(lines: list[Line]) -> list[Line]:
    """Lines at a page's edge that repeat on other pages (digits aside), and lone page numbers."""
    pages_of: dict[str, set[int]] = {}
    for line in lines:
        if line.in_band:
            pages_of.setdefault(re.sub(r"\d+", "#", line.text.lower()), set()).add(line.page)
    return [
        line
        for line in lines
        if not (
            line.in_band
            and (len(pages_of[re.sub(r"\d+", "#", line.text.lower())]) > 1 or _PAGE_NUMBER.match(line.text))
        )
    ]


def _paragraphs(lines: list[Line]) -> list[str]:
    if not lines:
        return []
    body = statistics.median_low(line.height for line in lines)  # a real line's height: some lines match it
    similar = [line for line in lines if abs(line.height - body) <= 0.15 * body]
    left = statistics.median(line.left for line in similar)
    right = sorted(line.right for line in similar)[int(0.9 * (len(similar) - 1))]
    gaps = [
        a.bottom - b.top
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and abs(a.height - body) <= 0.15 * body
    ]
    spacing = statistics.median([g for g in gaps if 0 <= g < 2 * body] or [0.0])
    out: list[list[str]] = [[lines[0].text]]
    for prev, line in zip(lines, lines[1:], strict=False):
        if _breaks(prev, line, body, left, right, spacing):
            out.append([line.text])
        else:
            out[-1].append(line.text)
    words = {w.lower() for line in lines for w in _WORD.findall(line.text)}
    return [_join(parts, words) for parts in out]


def _breaks(prev: Line, line: Line, body: float, left: float, right: float, spacing: float) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev``."""
    short = prev.right < right - 3 * body and prev.text.endswith(_SENTENCE_END)
    if line.page != prev.page:
        return short  # a paragraph runs on over a page break unless the last line ended it
    gap = prev.bottom - line.top
    return (
        abs(line.height - prev.height) > 0.15 * max(line.height, prev.height)  # a heading, or a caption
        or gap > spacing + 0.5 * body  # space between paragraphs
        or gap < -0.5 * body  # back up the page: a new column or a box placed out of order
        or (line.left > left + body and prev.left <= left + 0.5 * body)  # a first-line indent
        or short
    )


def _join(parts: list[str], words: set[str]) -> str:
    """Lines of one paragraph as one line, mending words broken at a line end.

    A soft hyphen always goes. A hyphen goes when the document writes the word whole elsewhere
    ("interna-" + "tional"), and stays when it does not ("two-" + "way"); WeasyPrint's and many
    typesetters' own break hyphen (U+2010) goes unless the document writes the word with it.
    """
    text = parts[0]
    for part in parts[1:]:
        head, tail = _WORD_END.search(text), _WORD_START.match(part)
        if text.endswith(("\x02", "\u00ad")):
            text = text[:-1] + part
        elif text.endswith(("-", "\u2010")) and head and tail:
            whole = (head.group(1) + tail.group()).lower()
            hyphenated = f"{head.group(1)}{text[-1]}{tail.group()}".lower()
            keep = whole not in words if text.endswith("-") else hyphenated in words
            text = (text if keep else text[:-1]) + part
        elif text.endswith(_DASHES) and not text[-2:-1].isspace():
            text += part  # a line broken after a dash had no space there: "2019–" + "2024"
        else:
            text += " " + part
    return text


def first_page_text(data: bytes) -> str:
    """The text of a PDF's first page, as PDFium reads it ('' when there is none to read)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return ""
    try:
        if len(document) == 0:
            return ""
        page = document[0]
        textpage = page.get_textpage()
        try:
            return " ".join(textpage.get_text_range().split())
        finally:
            textpage.close()
            page.close()
    except pdfium.PdfiumError:
        return ""
    finally:
        document.close()
