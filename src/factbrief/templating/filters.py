"""The filters and tests templates get: dates, numbers, figures and labels in the document's
language, Markdown escaping, and size-limited versions of Jinja's own filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jinja2
from jinja2 import filters as jinja_filters
from markupsafe import Markup

from factbrief.model import Fact, Milestone, PartialDate
from factbrief.templating.budget import check_format, check_size
from factbrief.templating.provenance import Meta, mark
from factbrief.text.cleaning import normalise
from factbrief.text.escaping import escape_markdown
from factbrief.text.formatting import format_date, format_figure, format_number
from factbrief.text.numbers import FIGURE_RE, as_decimal, numbers_in


def _language(context: jinja2.runtime.Context) -> str:
    return str(context.get("language") or "en")


def _numbers_language(context: jinja2.runtime.Context) -> str:
    return str(context.get("numbers_language") or _language(context))


def capitalised(text: str) -> Meta:
    return Meta(text[:1].upper() + text[1:])


def label_of(item: Fact | Milestone, fallback: str = "topic") -> str:
    """A short label for tables: ``label``, else the topic (a name), or with ``"text"`` the text.

    Ids, metrics included, are never printed: they are the file's keys, not words for readers.
    """
    if isinstance(item, Fact) and item.label:
        return item.label
    if fallback == "text" or not item.topic:
        return item.text
    return capitalised(item.topic)


@jinja2.pass_context
def date_filter(context: jinja2.runtime.Context, value: object, short: bool = False, ahead: bool = False) -> str:
    """``21 September 1973``; the brief's own date is metadata, a fact's or milestone's a claim.
    With ``ahead`` (an event still to come), a year or month that holds the brief's date prints
    as what it is: ``later in 2025``."""
    language = _language(context)
    if isinstance(value, PartialDate):
        written = format_date(value, short, language)
        doc = context.get("doc")
        as_of = getattr(doc, "as_of", None)
        if ahead and value.day is None and isinstance(as_of, dt.date) and value.start <= as_of < value.end:
            gettext = context.environment.globals.get("gettext")
            if callable(gettext):
                return str(context.call(gettext, "later in %(period)s", period=written))
            return f"later in {written}"
        return written
    if isinstance(value, dt.date):
        return Meta(format_date(PartialDate(value.year, value.month, value.day), short, language))
    return "" if value is None else str(value)


@jinja2.pass_context
def number_filter(context: jinja2.runtime.Context, value: float | int | None) -> str:
    """``5,557`` (``5.557`` in a Vietnamese fact file): the number as written, never rounded, in the
    fact file's notation (``numbers_language``)."""
    return format_number(value, _numbers_language(context))


@jinja2.pass_context
def figure_filter(context: jinja2.runtime.Context, fact: Fact) -> str:
    """The fact's figure with its unit and qualifier: ``US$46.2 billion``, ``more than 2,000 firms``."""
    if not isinstance(fact, Fact):
        raise jinja2.TemplateRuntimeError(f"figure takes a fact, not {type(fact).__name__}")
    if fact.value is None:
        return format_date(fact.as_of, language=_language(context)) if fact.as_of else ""
    return format_figure(fact.value, fact.unit, fact.qualifier, fact.status, _numbers_language(context))


def label_filter(item: Fact | Milestone, fallback: str = "topic") -> str:
    """A short label for tables: ``label``, else the topic (a name), else (``"text"``) the text."""
    return label_of(item, fallback)


def source_count_filter(item: Fact | Milestone) -> str:
    """How many sources back an item (its own and its ``also``): a count of the fact file's
    entries, not a claim about the world, so it needs no footnote."""
    if not isinstance(item, Fact | Milestone):
        raise jinja2.TemplateRuntimeError(f"source_count takes a fact or a milestone, not {type(item).__name__}")
    citations = item.citations
    if isinstance(item, Fact) and item.value is not None:
        # Counted per figure: an also quote may corroborate some of a statement's figures, not its value.
        value = as_decimal(item.value)
        citations = tuple(
            c
            for c in citations
            if c is item.citation or any(value in numbers_in(normalise(c.quote), lang) for lang in ("en", "fr", "vi"))
        )
    return Meta(str(len({c.source for c in citations})))


def md_filter(value: object) -> Markup:
    """Text escaped for Markdown, so it prints literally (metadata stays metadata)."""
    # Every value a Markdown template prints goes through this (the environment's ``finalize``):
    # escaped so that fact text cannot make links, code, HTML or block structure, and marked with
    # where it came from (provenance.py) while a document renders. Markup (``cite()``, macros,
    # this filter) passes through unchanged; HTML and CSS templates get Jinja's HTML autoescaping.
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(mark(value, escape_markdown(value)))


def join_filter(eval_ctx: jinja2.nodes.EvalContext, value: Any, d: str = "", attribute: str | int | None = None) -> str:
    """Jinja's join; names joined by a plain separator stay names ("Japan – Việt Nam")."""
    items = list(value)
    # A translated separator (join(_(" and "))) is Markup, and Jinja would then HTML-escape the
    # items: "Côte d&#39;Ivoire" in a Markdown document. Joining text, it is text; the output's
    # own escaping (Markdown or HTML) applies to the whole.
    if isinstance(d, Markup) and not any(isinstance(i, Markup) for i in items):
        d = str(d)
    joined = jinja_filters.do_join(eval_ctx, items, d, attribute)
    if items and attribute is None and all(isinstance(i, Meta) for i in items) and not FIGURE_RE.search(d):
        return Meta(joined)
    return joined


def _limited(name: str, *positions: int):
    """Jinja's filter ``name``, refusing a width or count above the size limit."""
    original = jinja_filters.FILTERS[name]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for i in positions:
            if i < len(args):
                check_size(args[i], f"the {name} filter")
        for value in kwargs.values():
            check_size(value, f"the {name} filter")
        return original(*args, **kwargs)

    for attr in ("jinja_pass_arg",):
        if hasattr(original, attr):
            setattr(wrapper, attr, getattr(original, attr))
    wrapper.__doc__ = f"Jinja's ``{name}``, refusing a width or count above the size limit."
    return wrapper


def format_filter(value: str, *args: Any, **kwargs: Any) -> str:
    """Jinja's format, refusing huge widths ('%0999999999d')."""
    check_format(str(value))
    return jinja_filters.do_format(value, *args, **kwargs)


def register_filters(env: jinja2.Environment) -> None:
    env.filters.update(
        date=date_filter,
        number=number_filter,
        figure=figure_filter,
        label=label_filter,
        md=md_filter,
        source_count=source_count_filter,
        join=jinja2.pass_eval_context(join_filter),
        # Filters that take a width or a count: (position of the value, then of each size argument).
        center=_limited("center", 1),
        indent=_limited("indent", 1, 2),
        wordwrap=_limited("wordwrap", 2),
        truncate=_limited("truncate", 2),
        batch=_limited("batch", 1),
        slice=_limited("slice", 2),
        format=format_filter,
    )
    env.tests["figure_text"] = figure_text_test


def figure_text_test(item: object) -> bool:
    """True when a fact's or milestone's ``text`` states a figure: ``{% if f is figure_text %}``."""
    return bool(FIGURE_RE.search(getattr(item, "text", "")))
