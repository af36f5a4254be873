"""A web page as a reader sees it: parsed without comments, its invisible parts taken out.

Text extraction is only as good as the tree it is given. A page keeps much that is never shown:
HTML comments (React writes ``<!-- -->`` between the runs of one sentence), ``<template>``
contents, elements marked ``hidden`` or ``aria-hidden="true"`` or styled ``display:none``, and
scripts. Left in the tree, they cut a sentence where a comment sits (an extractor that drops the
comment drops the text after it too) or add text nobody reads. So the page is parsed with
comments and processing instructions dropped by the parser itself (the text on either side of a
comment joins up, as a browser shows it), and the invisible elements are removed with their
contents while the text after each (its tail) is kept. A line break in the page's source is a
space, as on the screen: only ``<br>`` and block elements break a line.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True)
# Never shown: their contents are code, styles, or markup kept for later.
_INVISIBLE_TAGS = ("script", "style", "template", "noscript")
_MIN_PAGE_CHARS = 200  # a hidden part with more text than this, and most of the page's, is the page
_LINE_BREAK = re.compile(r"[ \t\r\f]*\n\s*")
# Containers whose loose text, between <br>s, is paragraphs; the elements that end such a paragraph.
_LOOSE_TEXT_HOLDERS = ("div", "td", "section", "article", "main", "blockquote", "dd", "center")
_BLOCKS = frozenset(
    "address article aside blockquote center dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section table ul".split()
)
_PREFORMATTED = ("pre", "textarea", "listing", "plaintext", "xmp")
_DISPLAY_NONE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.I
)


def parse_page(text: str) -> lxml_html.HtmlElement:
    """The page's tree, without comments or processing instructions (ValueError/ParserError if empty)."""
    return lxml_html.document_fromstring(text, parser=_PARSER)


def is_hidden(element: lxml_html.HtmlElement) -> bool:
    """Marked as never shown: ``hidden``, ``aria-hidden="true"`` or an inline ``display:none``."""
    if element.get("hidden") is not None:
        return True
    if (element.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = element.get("style")
    return bool(style and _DISPLAY_NONE.search(style))


def drop_invisible(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Remove, in place, every element a reader never sees, keeping the text that follows each."""
    code = [e for e in tree.iter(*_INVISIBLE_TAGS)]
    for element in code:
        element.drop_tree()  # keeps element.tail in its parent
    hidden = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag not in ("html", "body") and is_hidden(e)]
    if hidden:
        # A page saved with a dialog open marks everything behind it aria-hidden; a script may show
        # a hidden article later. What holds most of the page's text is the page: it stays.
        half = len(" ".join(tree.text_content().split())) / 2
        for element in hidden:
            if element.getparent() is None:
                continue  # (gone with a hidden ancestor)
            size = len(" ".join(element.text_content().split()))
            if size <= max(half, _MIN_PAGE_CHARS):
                element.drop_tree()
    _join_source_lines(tree)
    _paragraphs_from_breaks(tree)
    # Left-over non-element nodes (entities the parser kept as nodes) are not text a reader sees.
    for node in tree.iter(etree.Comment, etree.ProcessingInstruction):
        if node.getparent() is not None:
            node.drop_tree()
    return tree


def _join_source_lines(tree: lxml_html.HtmlElement) -> None:
    """A line break in the page's source is a space on the screen (outside <pre>): an extractor
    that took it for the end of a paragraph would cut the sentence there. <br> breaks a line."""
    kept = {e for pre in tree.iter(*_PREFORMATTED) for e in pre.iter()}
    for element in tree.iter():
        if element.text and "\n" in element.text and element not in kept:
            element.text = _LINE_BREAK.sub(" ", element.text)
        if element.tail and "\n" in element.tail and element.getparent() not in kept:
            element.tail = _LINE_BREAK.sub(" ", element.tail)


def _paragraphs_from_breaks(tree: lxml_html.HtmlElement) -> None:
    """Loose text in a container, its lines parted by <br> (``text<br><br>text <a>link</a> text``),
    made into <p>s, one a line: a browser shows each line whole, and an extractor then keeps each
    whole, where it might otherwise part a line at a link."""
    for holder in list(tree.iter(*_LOOSE_TEXT_HOLDERS)):
        children = list(holder)
        if not any(c.tag == "br" for c in children):
            continue
        if not ((holder.text or "").strip() or any((c.tail or "").strip() for c in children)):
            continue
        runs: list[lxml_html.HtmlElement] = []
        run = lxml_html.Element("p")
        run.text = holder.text
        holder.text = None
        for child in children:
            holder.remove(child)
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag == "br" or tag in _BLOCKS:
                tail, child.tail = child.tail, None
                runs.append(run)
                if tag != "br":
                    runs.append(child)
                run = lxml_html.Element("p")
                run.text = tail
            else:
                run.append(child)  # inline: part of the line, with the text after it
        runs.append(run)
        for node in runs:
            if node.tag != "p" or node in children or (node.text or "").strip() or len(node):
                holder.append(node)
