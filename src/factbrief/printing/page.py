"""Markdown → the HTML page a PDF is printed from, inside the page template, with its stylesheet."""

from __future__ import annotations

import secrets
from contextlib import contextmanager

import jinja2
import markdown
from markdown.extensions import Extension
from markupsafe import Markup, escape

from factbrief.errors import Problem, TemplateError
from factbrief.model import FactFile
from factbrief.pictures import draw_all
from factbrief.printing.placing import PlaceForPrint
from factbrief.render import STYLESHEET, Fit, RenderedDocument, lint_page_shell, lint_stylesheet, render_stylesheet
from factbrief.templating import TemplateBudgetExceeded, template_budget, template_dirs

PAGE_TEMPLATE = "page.html.j2"


class _PlaceFootnotesExtension(Extension):
    def __init__(self, placement: str, notes_title: str, pictures: dict[str, tuple[str, bytes]]) -> None:
        super().__init__()
        self.placement = placement
        self.notes_title = notes_title
        self.pictures = pictures

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # After the footnotes extension (priority 15 and up), before prettifying (10). attr_list
        # (8 by default) must name the headings before the sections are wrapped: it runs at 13.
        if "attr_list" in md.treeprocessors:
            attr_list = md.treeprocessors["attr_list"]
            md.treeprocessors.deregister("attr_list")
            md.treeprocessors.register(attr_list, "attr_list", 13)
        md.treeprocessors.register(
            PlaceForPrint(md, self.placement, self.notes_title, self.pictures), "factbrief-place-footnotes", 12
        )


def markdown_to_html(
    text: str, notes: str = "foot", notes_title: str = "Notes", pictures: dict[str, tuple[str, bytes]] | None = None
) -> str:
    """The document body as HTML, its notes placed for print, its title block wrapped, its pictures
    (file name → kind and SVG) embedded."""
    md = markdown.Markdown(
        # attr_list: the templates name their sections ("## Key points {: #key-points}"); data
        # cannot, its braces are escaped (markdown_text.py).
        extensions=[
            "footnotes",
            "tables",
            "sane_lists",
            "attr_list",
            _PlaceFootnotesExtension(notes, notes_title, pictures or {}),
        ],
        # Numbered as Factbrief numbered them (in order of first call), so a repeated call keeps
        # the number of its note.
        extension_configs={"footnotes": {"USE_DEFINITION_ORDER": True}},
        output_format="html",
    )
    return md.convert(text)


def page_pictures(
    doc: RenderedDocument, env: jinja2.Environment, fact_file: FactFile, fit: Fit | None = None
) -> dict[str, tuple[str, bytes]]:
    """The document's pictures drawn in its stylesheet's colours and type (cached: render_page has
    drawn them already)."""
    return draw_all(doc.pictures, render_stylesheet(env, fact_file, fit)) if doc.pictures else {}


def page_html(doc: RenderedDocument, env: jinja2.Environment, fact_file: FactFile, fit: Fit | None = None) -> str:
    """The whole HTML page: the body inside ``page.html.j2``, the stylesheet inlined.

    Neither the stylesheet nor the page template may print a figure of its own (lint.py).
    """
    with _template_errors():
        shell, stylesheet, body_slot, style_slot = page_shell(doc, env, fact_file, fit)
        body = markdown_to_html(doc.markdown, doc.notes, doc.notes_title, draw_all(doc.pictures, stylesheet))
        return shell.replace(body_slot, body, 1).replace(style_slot, stylesheet.replace("</", "<\\/"), 1)
    raise AssertionError("unreachable")


def page_shell(
    doc: RenderedDocument, env: jinja2.Environment, fact_file: FactFile, fit: Fit | None = None
) -> tuple[str, str, str, str]:
    """The page around the document, and the stylesheet, both linted (``check`` runs this too):
    the page with two placeholders (for the body and the stylesheet), the stylesheet, and the
    placeholders."""
    with _template_errors():
        page = env.get_template(PAGE_TEMPLATE)
        stylesheet = render_stylesheet(env, fact_file, fit)
        user_dir = getattr(env, "factbrief_user_dir", None)
        problems = lint_stylesheet(stylesheet, template_dirs(user_dir))
        if problems:
            where = env.get_template(STYLESHEET).filename or STYLESHEET
            raise TemplateError([Problem(where, None, p) for p in problems])
        shown = fact_file.in_language(fact_file.documents_language)  # its names in the documents' language
        data = {
            "title": doc.title,
            "kind": doc.kind,
            "name": doc.name,
            "lang": fact_file.documents_language,
            "keywords": ", ".join(shown.parties),
            "marking": shown.marking,
            "created": fact_file.as_of.isoformat(),
        }
        # The page is rendered around two placeholders, so its own text can be linted alone.
        body_slot, style_slot = f"body-{secrets.token_hex(8)}", f"style-{secrets.token_hex(8)}"
        with template_budget():
            shell = page.render(body=Markup(body_slot), stylesheet=Markup(style_slot), **data)
        around = shell.replace(body_slot, " ").replace(style_slot, " ")
        problems = lint_page_shell(around, [str(escape(v)) for v in data.values() if v], template_dirs(user_dir))
        if problems:
            raise TemplateError([Problem(page.filename or PAGE_TEMPLATE, None, p) for p in problems])
        return shell, stylesheet, body_slot, style_slot
    raise AssertionError("unreachable")


@contextmanager
def _template_errors():
    """Jinja's errors in the page or the stylesheet as one line each, naming the file."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            Problem(exc.filename or PAGE_TEMPLATE, exc.lineno, f"template syntax error: {exc.message}")
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(Problem(str(exc.name), None, "template not found")) from None
    except TemplateBudgetExceeded as exc:
        raise TemplateError(Problem(PAGE_TEMPLATE, None, f"template {exc}")) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(Problem(PAGE_TEMPLATE, None, f"template error: {exc}")) from None
