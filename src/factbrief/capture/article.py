"""An article from a saved page, a PDF, a text file or a URL: its paragraphs and what it says about itself.

The article text of a web page is extracted with trafilatura (body paragraphs in; navigation,
banners, advertisements, related stories, comments and footers out). Its metadata comes from
pagemeta.py, never from trafilatura's own date guessing, which reads dates out of URLs and
running text and fills a missing day in.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from factbrief.capture.dateline import Suggestion, dateline_texts, first_lines, first_stated, page_dateline
from factbrief.capture.fetch import MAX_PAGE_BYTES, MAX_PDF_BYTES, TIMEOUT_SECONDS, Fetched, fetch
from factbrief.capture.pagemeta import host_name, read_meta
from factbrief.capture.visible import drop_invisible, parse_page
from factbrief.errors import CaptureError, Problem
from factbrief.files import InputFileError, read_input
from factbrief.model import PartialDate
from factbrief.text.cleaning import clean_line, paragraphs, shorten

_KINDS = {".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".txt": "text"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True)
class Article:
    """What `add` captures: the paragraphs to save and the entry's fields, as far as the source gives them."""

    paragraphs: list[str]
    kind: str  # "web page", "PDF" or "text"
    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None  # the canonical URL, else where it was fetched from
    fetched_from: str | None = None
    # Where each field came from ({"publisher": "og:site_name", …}), for the user to check.
    origins: dict[str, str] = field(default_factory=dict)
    # A date the document states in its text, offered for --published, never written by itself.
    suggested: Suggestion | None = None


def is_url(source: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source))


def read_article(source: str, today: dt.date, timeout: float = TIMEOUT_SECONDS) -> Article:
    """Read a URL or a local file into an Article; CaptureError (one line) if it cannot be read."""
    if is_url(source):
        page = fetch(source, timeout=timeout)
        kind = _kind_of(page.content_type, page.data)
        if kind is None:
            raise CaptureError(
                Problem(source, None, f"is {page.content_type or 'of no stated type'} (expected HTML, PDF or text)")
            )
        article = _parse(kind, page, source, today)
        origins = dict(article.origins)
        if not article.publisher and host_name(article.url or page.url):
            origins["publisher"] = f"the host of {origins.get('url', 'the address it was fetched from')}"
        if not article.url:
            origins["url"] = "the address it was fetched from"
        return replace(
            article,
            publisher=article.publisher or host_name(article.url or page.url),
            fetched_from=page.url,
            url=article.url or page.url,
            origins=origins,
        )
    path = Path(source)
    kind = _KINDS.get(path.suffix.lower())
    try:
        data = read_input(path, MAX_PDF_BYTES if kind == "pdf" else MAX_PAGE_BYTES)
    except InputFileError as exc:
        hint = ""
        if exc.reason == "does not exist" and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", source):
            hint = " (for a web page, give the whole URL: https://…)"
        raise CaptureError(Problem(source, None, exc.reason + hint)) from None
    kind = kind or _kind_of("", data)
    if kind is None:
        raise CaptureError(Problem(source, None, "is not a web page, PDF or text file (expected .html, .pdf or .txt)"))
    return _parse(kind, Fetched("", data, "", None), source, today)


def _kind_of(content_type: str, data: bytes) -> str | None:
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type == "application/pdf" or data.startswith(b"%PDF-"):
        return "pdf"
    if content_type == "text/plain":
        return "text"
    head = data[:1024].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else None


def _parse(kind: str, page: Fetched, source: str, today: dt.date) -> Article:
    if kind == "pdf":
        from factbrief.capture.pdftext import PdfError, first_page_text, read_pdf

        try:
            paras, title = read_pdf(page.data)
        except PdfError as exc:
            raise CaptureError(Problem(source, None, str(exc))) from None
        title = shorten(clean_line(title)) if title else None
        suggested = first_stated([first_page_text(page.data)], "the PDF's first page", today)
        origins = {"title": "the PDF's metadata"} if title else {}
        return Article(paragraphs("\n".join(paras)), "PDF", title=title or None, origins=origins, suggested=suggested)
    text = decode(page.data, page.charset, html=kind == "html", source=source)
    if kind == "text":
        paras = text_paragraphs(text)
        return Article(paras, "text", suggested=first_lines(paras, "the text's first lines", today))
    return read_html(text, page.url or None, source, today)


def read_html(text: str, base_url: str | None, source: str, today: dt.date) -> Article:
    """The article text (trafilatura, on the page as shown: visible.py) and metadata (pagemeta) of an HTML page."""
    import trafilatura
    from lxml import etree

    text = _XML_DECLARATION.sub("", text.replace("\x00", ""), count=1)
    try:
        tree = parse_page(text)
    except (etree.ParserError, ValueError):
        raise CaptureError(Problem(source, None, "no article text found (the page is empty)")) from None
    try:
        meta = read_meta(tree, base_url, today)  # (before the scripts go: JSON-LD is one)
        drop_invisible(tree)
        shown = [] if meta.published else dateline_texts(tree)
        document = trafilatura.bare_extraction(
            tree,
            favor_precision=True,  # the best of its settings on real news pages (bench/capture.py)
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=False,
            deduplicate=False,
        )
    except RecursionError:
        raise CaptureError(Problem(source, None, "the page is nested too deeply to read")) from None
    except Exception as exc:  # a third-party parser on an untrusted page: one line, not a traceback
        reason = f"{type(exc).__name__}: {exc}"[:200]
        raise CaptureError(Problem(source, None, f"the article text could not be extracted ({reason})")) from None
    body = getattr(document, "text", None) or ""
    paras = paragraphs(body)
    language = (tree.get("lang") or "en").strip() or "en"
    return Article(
        paras,
        "web page",
        title=meta.title,
        publisher=meta.publisher,
        published=meta.published,
        url=meta.url,
        origins=meta.origins,
        suggested=None if meta.published else page_dateline(shown, paras, today, language),
    )


def text_paragraphs(text: str) -> list[str]:
    """A text file's paragraphs: blocks between blank lines, or each line when there are no blank lines."""
    lines = text.splitlines()
    if not any(not line.strip() for line in lines):
        return paragraphs(text)
    blocks = re.split(r"\n\s*\n", "\n".join(lines))
    return paragraphs("\n".join(" ".join(block.split("\n")) for block in blocks))


def decode(data: bytes, charset: str | None, html: bool, source: str) -> str:
    """Bytes → text: a byte-order mark, the server's charset, the page's <meta charset>, else UTF-8."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    declared: list[str | None] = [charset]
    if html:
        m = _META_CHARSET.search(data[:8192])
        declared.append(m.group(1).decode("ascii") if m else None)
    for given in declared:
        codec = _codec(given)
        if codec:
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not html:
            raise CaptureError(
                Problem(source, None, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})")
            ) from None
    from charset_normalizer import from_bytes

    best = from_bytes(data[:MAX_PAGE_BYTES]).best()
    if best is None:
        raise CaptureError(Problem(source, None, "its character encoding cannot be told (it declares none)"))
    return str(best)


def _codec(name: str | None) -> str | None:
    """A Python codec for a declared charset; Latin-1 and ASCII read as Windows-1252, as browsers do."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec
