"""Templates → Markdown: render a document in the sandbox, number its notes, lint the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import jinja2
from markupsafe import Markup, escape

from factbrief.errors import LintError, Problem, TemplateError
from factbrief.model import FactFile, TemplateData
from factbrief.pictures import Picture
from factbrief.render.citations import Footnotes
from factbrief.render.context import Context
from factbrief.render.lint import lint_markdown
from factbrief.render.pictures import Pictures
from factbrief.render.sections import in_reading_order
from factbrief.templating import (
    DOC_SUFFIX,
    OUTPUT_CHARS,
    TemplateBudgetExceeded,
    provenance,
    template_budget,
    translations,
)
from factbrief.text.escaping import FOOTNOTE_REF_RE, escape_markdown
from factbrief.text.numbers import readings_in

BUILTIN_DOCUMENTS = ("briefing", "factsheet", "milestones", "talking-points")
STYLESHEET = "style.css"
NOTE_PLACEMENTS = ("foot", "end")  # where a document's notes are printed: see html.py
MAX_PAGES_LIMIT = 500


def document_names(env: jinja2.Environment) -> list[str]:
    """Every document type: the built-ins first, then any other ``NAME.md.j2`` found."""
    names = [n.removesuffix(DOC_SUFFIX) for n in env.list_templates() if n.endswith(DOC_SUFFIX)]
    names = [n for n in names if "/" not in n and not n.startswith("_")]
    return [*[n for n in BUILTIN_DOCUMENTS if n in names], *sorted(set(names) - set(BUILTIN_DOCUMENTS))]


@dataclass(frozen=True)
class Fit(TemplateData):
    """How much a page-limited document shows (``fit``): the fullest layout first, then sparer ones
    until the document fits its ``max_pages`` (layout.py). Templates cut their lists with it:
    ``key_points[:fit.key_points]``."""

    key_points: int = 6  # the most key points
    items: int = 5  # the most items in each other list
    figures: int = 8  # the most rows in the key-figures table
    scale: float = 1.0  # type size, relative to the stylesheet's
    spacing: float = 1.0  # space between lines, items and sections, relative to the stylesheet's
    pictures: bool = True  # whether to show optional pictures (they give way first: the briefing's timeline)


def render_stylesheet(env: jinja2.Environment, fact_file: FactFile, fit: Fit | None = None) -> str:
    """``style.css``, itself a template: ``page`` holds the fact file's page setup, ``fit`` the type scale."""
    try:
        page = {k: Markup(v) for k, v in fact_file.page.items()}
        template = env.get_template(STYLESHEET)
        with template_budget():
            use_translations(env, fact_file)
            return template.render(page=page, fit=fit or Fit(), language=fact_file.documents_language)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            Problem(exc.filename or STYLESHEET, exc.lineno, f"template syntax error: {exc.message}")
        ) from None
    except TemplateBudgetExceeded as exc:
        raise TemplateError(Problem(STYLESHEET, None, f"template {exc}")) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(Problem(STYLESHEET, None, f"template error: {exc}")) from None


@dataclass(frozen=True)
class RenderedDocument:
    """One document rendered to Markdown, with what the HTML page needs to know."""

    name: str
    markdown: str
    title: str  # for the PDF's metadata
    kind: str  # e.g. "Diplomatic briefing"
    template_file: str
    max_pages: int | None = None  # a template sets ``max_pages`` to cap its PDF's length
    notes: str = "foot"  # and ``notes`` to print its notes at the foot of each page, or at the "end"
    shown: dict = field(default_factory=dict)  # how many items each fitted list showed
    printed: frozenset[str] = frozenset()  # ids of the facts and milestones the document cites
    notes_title: str = "Notes"  # the heading of notes printed at the end, in the documents' language
    pictures: tuple[Picture, ...] = ()  # the pictures the Markdown links, to be drawn (pictures.py)
    # What the printed page's digits may be (printing/digits.py): each note's proven figures, and
    # the figures of the fact file's own metadata (title, names, the brief's and sources' dates).
    proves: dict[str, frozenset[Decimal]] = field(default_factory=dict)
    metadata: frozenset[Decimal] = frozenset()
    merged: tuple[str, ...] = ()  # what the selection printed once for several items (context.py)


def use_translations(env: jinja2.Environment, fact_file: FactFile):
    """Give the templates the fixed words of the documents' language; returns its gettext."""
    found = translations(fact_file.documents_language, getattr(env, "factbrief_user_dir", None))

    # A translation is plain text, printed literally like every field: escaped for the template
    # that prints it (Markdown or HTML) before Jinja marks it safe (a catalog's "<script>" or
    # "**gras** [clic](…)" prints as written).
    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, message: str) -> Markup:
        return _literal(context, found.gettext(message))

    @jinja2.pass_context
    def ngettext(context: jinja2.runtime.Context, singular: str, plural: str, n: int) -> Markup:
        return _literal(context, found.ngettext(singular, plural, n))

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
    return found.gettext


def _literal(context: jinja2.runtime.Context, text: str) -> Markup:
    markdown = (context.name or "").endswith(DOC_SUFFIX)
    return Markup(escape_markdown(text)) if markdown else escape(text)


# What a template may set with {% set name = … %}, read back after rendering by _settings, and
# what each does (docs/templates.md). The defaults: SETTING_DEFAULTS, and the document's kind from
# its name (kind_of).
SETTINGS: dict[str, str] = {
    "document_kind": "The document's name in its title block and PDF title.",
    "max_pages": f"The most pages the PDF may have, 1 to {MAX_PAGES_LIMIT}: the document is fitted to it "
    "(`fit`) or the build fails. The briefing sets 1.",
    "notes": '`"foot"`: each note at the foot of the page where it is called; `"end"`: numbered notes after '
    "the last section. The Markdown is the same either way.",
}
SETTING_DEFAULTS: dict[str, object] = {"max_pages": None, "notes": "foot"}


def kind_of(name: str) -> str:
    """The default ``document_kind``: ``talking_points`` → ``Talking points``."""
    return name.replace("_", " ").capitalize()


def document_variables(
    ctx: Context, footnotes: Footnotes, name: str, fit: Fit | None = None, pictures: Pictures | None = None
) -> dict[str, object]:
    """Everything a document template sees: the context's names, ``cite``, the picture functions,
    ``fit`` and the settings."""
    pictures = pictures or Pictures(
        name, footnotes, ctx.ff.as_of, ctx.language, is_past=ctx.is_past, numbers_language=ctx.numbers_language
    )
    return {
        **ctx.variables(),
        "cite": lambda item, short=False: Markup(footnotes.cite(item, short)),
        **pictures.functions(),
        "fit": fit or Fit(),
        **SETTING_DEFAULTS,
        "document_kind": kind_of(name),
    }


# The names document_variables adds, with what each is (docs/templates.md).
DOCUMENT_NAMES = {
    "cite": (
        "cite(item, short=false)",
        "The footnote call for a fact or milestone, e.g. `[^3]`; the note gives publisher, title, date and "
        "quote. `short=true`: publisher, date and the clauses of the quote that show what the sentence claims (for one-page documents). "
        "After the title block, every sentence that prints a digit must carry one.",
    ),
    "timeline": (
        "timeline(items, short=false, compact=false)",
        "A picture of milestones on a time axis scaled to their dates (a point for a day, a bar for a month "
        "or a year), past ones filled, scheduled ones hollow, the brief's date marked; labels that would "
        "crowd are left out. Returns the Markdown of the image (`NAME-timeline.svg`) and, on the next line, "
        "a caption citing every milestone plotted, in the order given (give them in the order the document "
        "lists them; `short` as for `cite`). `compact=true`: a column's width, labelled by dates. Print it "
        "alone on its line, after the title block.",
    ),
    "chart_conflict": (
        "chart_conflict(conflict, short=false)",
        "A picture of a conflict: each source's reading on one scale (from zero, or a time axis where they "
        "give one value for different periods), the preferred reading filled; its caption cites every "
        "reading. Empty where the readings cannot share a scale (different units).",
    ),
    "chart_series": (
        "chart_series(series, short=false)",
        "A picture of a `Series`: the metric's figures over time, each point labelled; its caption cites "
        "every figure plotted.",
    ),
    "fit": ("Fit", "How much a page-limited document shows; see `Fit` below."),
}


def load_template(env: jinja2.Environment, name: str) -> jinja2.Template:
    template_name = name + DOC_SUFFIX
    try:
        return env.get_template(template_name)
    except jinja2.TemplateNotFound:
        raise TemplateError(Problem(template_name, None, f"no template for document '{name}'")) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            Problem(exc.filename or template_name, exc.lineno, f"template syntax error: {exc.message}")
        ) from None
    except jinja2.TemplateError as exc:  # a loader refusal (SecurityError)
        raise TemplateError(Problem(template_name, None, f"template error: {exc}")) from None


def render_document(
    name: str, fact_file: FactFile, env: jinja2.Environment, fit: Fit | None = None
) -> RenderedDocument:
    """Render ``NAME.md.j2`` to Markdown, append the footnotes, and lint the result."""
    template = load_template(env, name)
    filename = template.filename or name + DOC_SUFFIX
    gettext = use_translations(env, fact_file)
    footnotes = Footnotes(fact_file, gettext)
    ctx = Context(fact_file)
    pictures = Pictures(name, footnotes, fact_file.as_of, ctx.language, gettext, ctx.is_past, ctx.numbers_language)
    fit = fit or Fit()
    variables = document_variables(ctx, footnotes, name, fit, pictures)
    jinja_ctx = template.new_context(variables)
    nonce, token = provenance.begin()
    try:
        marked = _render_root(env, template, jinja_ctx, filename)
    finally:
        provenance.end(token)
    marked = _in_reading_order(marked, footnotes, pictures)
    try:
        body, spans = provenance.unmark(marked.rstrip() + "\n", nonce)
    except ValueError as exc:
        raise TemplateError(Problem(filename, None, str(exc))) from None
    markdown = body + ("\n" + footnotes.definitions() + "\n" if footnotes.notes else "")
    placed = pictures.placed(body)
    as_of = fact_file.as_of
    proves = footnotes.proves()
    issues = lint_markdown(
        markdown,
        spans,
        {p.name: pictures.refs[p.name] for p in placed},
        proves=proves,
        languages=tuple(dict.fromkeys((fact_file.documents_language, fact_file.language))),
        always=frozenset(Decimal(n) for n in (as_of.year, as_of.month, as_of.day)),
    )
    if issues:
        raise LintError([Problem(filename, None, f"rendered {name}.md line {i.line}: {i.message}") for i in issues])
    settings = _settings(jinja_ctx, name, filename)
    shown = {
        "key_points": min(len(ctx.key_points), fit.key_points),
        "items": min(max(len(ctx.priorities), len(ctx.watch), len(ctx.deliverables)), fit.items),
        "figures": min(len(ctx.key_figures), fit.figures),
    }
    return RenderedDocument(
        name,
        markdown,
        f"{ctx.ff.title} — {settings['kind']}",  # the title in the documents' language
        settings["kind"],
        filename,
        settings["max_pages"],
        settings["notes"],
        shown,
        frozenset(footnotes.cited_ids),
        gettext("Notes"),
        placed,
        {number: frozenset(figures) for number, figures in proves.items()},
        metadata_figures(fact_file),
        # What it printed once for two: the one kept is in this document, the other is not.
        tuple(
            n
            for n in ctx.merged
            if n.split("'")[1] in footnotes.cited_ids and n.split("'")[3] not in footnotes.cited_ids
        ),
    )


def metadata_figures(fact_file: FactFile) -> frozenset[Decimal]:
    """The figures the fact file's own words print, which are names and dates, not claims: its
    title, subtitle, marking, purpose and parties, its sources' publishers, titles and dates, its
    topics' names (check proves their figures), and the brief's date."""
    texts = [fact_file.title, fact_file.subtitle, fact_file.marking, fact_file.purpose, *fact_file.parties]
    texts += [t for s in fact_file.sources.values() for t in (s.publisher, s.title)]
    texts += [f.topic for f in fact_file.facts] + [m.topic for m in fact_file.milestones]
    languages = tuple(dict.fromkeys((fact_file.documents_language, fact_file.language)))
    figures = {r for text in texts if text for _written, readings in readings_in(text, languages) for r in readings}
    as_of = fact_file.as_of
    parts: list[tuple[int, int | None, int | None]] = [(as_of.year, as_of.month, as_of.day)]
    parts += [(d.year, d.month, d.day) for d in (s.published for s in fact_file.sources.values()) if d]
    figures |= {Decimal(part) for date in parts for part in date if part}
    return frozenset(figures)


def _in_reading_order(marked: str, footnotes: Footnotes, pictures: Pictures) -> str:
    """The rendered Markdown with its column sections in reading order and its notes numbered
    as it now reads (render/sections.py)."""
    ordered = in_reading_order(marked)
    if ordered == marked:
        return marked
    calls = [int(n) for n in FOOTNOTE_REF_RE.findall(ordered) if n.isdigit()]
    mapping = footnotes.renumber(calls)
    new = {str(old): str(number) for old, number in mapping.items()}
    pictures.refs = {name: frozenset(new.get(n, n) for n in refs) for name, refs in pictures.refs.items()}
    return FOOTNOTE_REF_RE.sub(lambda m: f"[^{new.get(m.group(1), m.group(1))}]", ordered)


def _settings(jinja_ctx: jinja2.runtime.Context, name: str, filename: str) -> dict:
    """The template's own settings (``document_kind``, ``max_pages``, ``notes``), checked."""
    kind = str(jinja_ctx.vars.get("document_kind") or kind_of(name))
    max_pages = jinja_ctx.vars.get("max_pages")
    if max_pages is not None and not (
        isinstance(max_pages, int) and not isinstance(max_pages, bool) and 1 <= max_pages <= MAX_PAGES_LIMIT
    ):
        raise TemplateError(
            Problem(filename, None, f"max_pages = {max_pages!r} is not a whole number from 1 to {MAX_PAGES_LIMIT}")
        )
    notes = jinja_ctx.vars.get("notes", SETTING_DEFAULTS["notes"])
    if notes not in NOTE_PLACEMENTS:
        raise TemplateError(
            Problem(filename, None, f"notes = {notes!r} is not one of {', '.join(map(repr, NOTE_PLACEMENTS))}")
        )
    return {"kind": kind, "max_pages": max_pages, "notes": notes}


def _render_root(env: jinja2.Environment, template: jinja2.Template, ctx: jinja2.runtime.Context, filename: str) -> str:
    """Render on a budget, with a context we keep (to read the template's settings); errors name
    file and line."""
    chunks: list[str] = []
    size = 0
    try:
        with template_budget():
            try:
                for chunk in template.root_render_func(ctx):
                    size += len(chunk)
                    if size > OUTPUT_CHARS:
                        raise TemplateBudgetExceeded(f"wrote over its output budget of {OUTPUT_CHARS:,} characters")
                    chunks.append(chunk)
            except TemplateBudgetExceeded:
                raise
            except Exception:
                env.handle_exception()  # re-raises with the traceback in template lines, as render() does
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            Problem(exc.filename or filename, exc.lineno, f"template syntax error: {exc.message}")
        ) from None
    except TemplateBudgetExceeded as exc:
        where, line = _template_position(exc, filename)
        raise TemplateError(Problem(where, line, f"template {exc}")) from None
    except Exception as exc:  # noqa: BLE001 - any failure inside a template is the template's error
        where, line = _template_position(exc, filename)
        message = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
        raise TemplateError(Problem(where, line, f"template error: {message}")) from None
    return "".join(chunks)


def _template_position(exc: BaseException, filename: str) -> tuple[str, int | None]:
    """The innermost template file and line in the traceback: a frame Jinja rewrote has the
    template's line; one of a template's compiled code (a budget exceeded inside a call, which is
    raised as it is) has the code's line, which the template's own map turns into the template's."""
    where, line = filename, None
    tb = exc.__traceback__
    while tb is not None:
        code_file = tb.tb_frame.f_code.co_filename
        if code_file.endswith((".j2", ".html", ".css")):
            compiled = tb.tb_frame.f_globals.get("__jinja_template__")
            where = code_file
            line = compiled.get_corresponding_lineno(tb.tb_lineno) if compiled is not None else tb.tb_lineno
        tb = tb.tb_next
    return where, line
