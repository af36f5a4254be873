"""Markdown → the HTML page a PDF is printed from, footnotes moved to their call sites."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import jinja2
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .errors import Problem, TemplateError
from .model import FactFile
from .render import Fit, RenderedDocument, render_stylesheet

PAGE_TEMPLATE = "page.html.j2"


class _InlineFootnotes(Treeprocessor):
    """Move each footnote's text to its first call as ``<span class="footnote">``.

    The stylesheet floats those spans to the foot of the page (``float: footnote``). A footnote
    called again later keeps its number as a plain superscript, so one source and quote keep
    one number.
    """

    def run(self, root: etree.Element) -> None:
        notes: dict[str, etree.Element] = {}
        for div in list(root.iter("div")):
            if div.get("class") == "footnote":
                for li in div.iter("li"):
                    notes[li.get("id", "").removeprefix("fn:")] = li
                _remove(root, div)
        placed: set[str] = set()
        for sup in list(root.iter("sup")):
            link = sup.find("a")
            if link is None or link.get("class") != "footnote-ref":
                continue
            key = link.get("href", "").removeprefix("#fn:")
            number = link.text or key
            sup.attrib.clear()
            sup.remove(link)
            if key in placed or key not in notes:
                sup.set("class", "footnote-again")
                sup.text = number
                continue
            placed.add(key)
            sup.tag = "span"
            sup.set("class", "footnote")
            _fill_note(sup, notes[key])
        self._wrap_title_block(root)
        self._wrap_sections(root)

    @staticmethod
    def _wrap_sections(root: etree.Element) -> None:
        """Each h2 and what follows it, up to the next h2, in ``<section class="s-SLUG">``."""
        children = list(root)
        section = None
        for el in children:
            if el.tag == "h2":
                slug = re.sub(r"[^a-z0-9]+", "-", "".join(el.itertext()).lower()).strip("-")
                section = etree.Element("section", {"class": f"s-{slug}"})
                root.insert(list(root).index(el), section)
            if section is not None:
                root.remove(el)
                section.append(el)

    @staticmethod
    def _wrap_title_block(root: etree.Element) -> None:
        """Everything before the first h2 is the title block: wrap it for the header band."""
        children = list(root)
        first_h2 = next((i for i, el in enumerate(children) if el.tag == "h2"), len(children))
        if first_h2 == 0:
            return
        header = etree.Element("header", {"class": "titleblock"})
        for el in children[:first_h2]:
            root.remove(el)
            header.append(el)
        root.insert(0, header)


def _fill_note(span: etree.Element, li: etree.Element) -> None:
    """Copy the footnote's paragraph content into the span, without its back-link."""
    paragraph = li.find("p")
    source = paragraph if paragraph is not None else li
    span.text = source.text
    for child in list(source):
        if child.tag == "a" and child.get("class") == "footnote-backref":
            continue
        span.append(child)
    # Python-Markdown puts a non-breaking space before the back-link; drop it.
    if len(span):
        last = span[-1]
        last.tail = (last.tail or "").rstrip("\u00a0 ")
    else:
        span.text = (span.text or "").rstrip("\u00a0 ")


def _remove(root: etree.Element, element: etree.Element) -> None:
    for parent in root.iter():
        if element in list(parent):
            parent.remove(element)
            return


class _InlineFootnotesExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # After the footnotes extension (priority 15 and up), before prettifying (10).
        md.treeprocessors.register(_InlineFootnotes(md), "factbrief-inline-footnotes", 12)


def markdown_to_html(text: str) -> str:
    """The document body as HTML, with inline footnotes and a wrapped title block."""
    md = markdown.Markdown(
        extensions=["footnotes", "tables", "sane_lists", _InlineFootnotesExtension()],
        extension_configs={"footnotes": {"USE_DEFINITION_ORDER": False}},
        output_format="html",
    )
    # The footnotes extension leaves a no-break space where its back-link was.
    return md.convert(text).replace("&#160;</span>", "</span>")


def render_page(doc: RenderedDocument, env: jinja2.Environment, fact_file: FactFile, fit: Fit | None = None) -> str:
    """The whole HTML page: the body inside ``page.html.j2``, the stylesheet inlined."""
    try:
        page = env.get_template(PAGE_TEMPLATE)
        stylesheet = render_stylesheet(env, fact_file, fit)
        return page.render(
            body=Markup(markdown_to_html(doc.markdown)),
            stylesheet=Markup(stylesheet.replace("</", "<\\/")),
            title=doc.title,
            kind=doc.kind,
            name=doc.name,
            lang=fact_file.language,
            keywords=", ".join(fact_file.parties),
            marking=fact_file.marking,
            created=fact_file.as_of.isoformat(),
        )
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            Problem(exc.filename or PAGE_TEMPLATE, exc.lineno, f"template syntax error: {exc.message}")
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(Problem(str(exc.name), None, "template not found")) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(Problem(PAGE_TEMPLATE, None, f"template error: {exc}")) from None
