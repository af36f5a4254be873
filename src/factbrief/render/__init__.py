"""Templates → Markdown: the context a template sees, footnotes numbered in reading order, the
pictures it asks for, and the lint that holds every printed figure to a note."""

from factbrief.render.document import (
    STYLESHEET,
    Fit,
    RenderedDocument,
    document_names,
    render_document,
    render_stylesheet,
)
from factbrief.render.lint import lint_page_shell, lint_stylesheet
from factbrief.render.reference import template_reference

__all__ = [
    "STYLESHEET",
    "Fit",
    "RenderedDocument",
    "document_names",
    "lint_page_shell",
    "lint_stylesheet",
    "render_document",
    "render_stylesheet",
    "template_reference",
]
