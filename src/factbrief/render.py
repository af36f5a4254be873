"""The one Jinja environment, and templates → Markdown with numbered, linted footnotes."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from .citations import Footnotes, format_date
from .context import Context, label_of
from .errors import LintError, Problem, TemplateError
from .markdown_text import escape_markdown, lint_markdown
from .model import Fact, FactFile, PartialDate
from .verify import NUMBER_RE, as_decimal

BUILTIN_DOCUMENTS = ("briefing", "factsheet", "milestones")
DOC_SUFFIX = ".md.j2"
STYLESHEET = "style.css"
NOTE_PLACEMENTS = ("foot", "end")  # where a document's notes are printed: see html.py
_CURRENCY_PREFIXES = ("US$", "$", "€", "£", "¥", "₫")
_CURRENCY_CODES = ("USD", "JPY", "VND", "EUR", "GBP", "CNY")


def builtin_template_dir() -> Path:
    """The folder of built-in templates, shipped inside the package as factbrief.templates."""
    return Path(str(resources.files("factbrief.templates")))


def template_dirs(user_dir: Path | None) -> list[Path]:
    """The folders templates and stylesheets are read from: the user's first, then the built-ins."""
    return [d for d in (user_dir, builtin_template_dir()) if d]


def format_number(value: float | int | None) -> str:
    """46.2 → '46.2'; 5557 → '5,557'; 1.0 → '1'."""
    if value is None:
        return ""
    text = format(as_decimal(value), "f")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return sign + whole + (f".{frac}" if frac else "")


def format_figure(fact: Fact) -> str:
    """The fact's value with its unit: 'US$46.2 billion', '2.7%', '5,557 projects'."""
    if fact.value is None:
        return format_date(fact.as_of) if fact.as_of else ""
    number = format_number(fact.value)
    unit = (fact.unit or "").strip()
    if not unit:
        return number
    for prefix in _CURRENCY_PREFIXES:
        if unit.startswith(prefix):
            rest = unit[len(prefix) :].strip()
            return f"{prefix}{number}" + (f" {rest}" if rest else "")
    for code in _CURRENCY_CODES:
        if unit.startswith(code + " ") or unit == code:
            return f"{code} {number}{unit[len(code) :]}"
    if unit.startswith("%"):
        return f"{number}{unit}"
    return f"{number} {unit}"


def _date_filter(value: object, short: bool = False) -> str:
    if isinstance(value, PartialDate):
        return format_date(value, short)
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return format_date(PartialDate(value.year, value.month, value.day), short)
    return "" if value is None else str(value)


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: object) -> object:
    """Everything a template prints from data is escaped for its output language.

    Markdown templates get Markdown escaping (so fact text cannot make links, code or HTML);
    HTML templates (``*.html.j2``) get Jinja's HTML autoescaping. Markup (``cite()``, macros,
    the ``md`` filter) passes through unchanged.
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if not (context.name or "").endswith(DOC_SUFFIX):
        return value  # HTML and CSS templates: Jinja's autoescape applies
    return Markup(escape_markdown(value))


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that will not follow a symlink out of its folders."""

    def get_source(self, environment: jinja2.Environment, template: str):  # type: ignore[no-untyped-def]
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(root).resolve()) for root in self.searchpath):
            raise SecurityError(f"template '{template}' leads outside the template folders")
        return source, filename, uptodate


def make_environment(template_dirs: list[Path] | None = None) -> jinja2.Environment:
    """The sandboxed environment: user folders first, then the built-ins (also as ``!default/``)."""
    builtin = builtin_template_dir()
    user = [str(d) for d in (template_dirs or [])]
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({"!default": ConfinedLoader(str(builtin))}, delimiter="/"),
            ConfinedLoader([*user, str(builtin)]),
        ]
    )
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["figure_text"] = lambda fact: bool(NUMBER_RE.search(getattr(fact, "text", "")))
    env.filters.update(
        date=_date_filter,
        number=format_number,
        figure=format_figure,
        label=label_of,
        md=lambda v: Markup(escape_markdown(v)),
    )
    return env


def document_names(env: jinja2.Environment) -> list[str]:
    """Every document type: the built-ins first, then any other ``NAME.md.j2`` found."""
    names = [n.removesuffix(DOC_SUFFIX) for n in env.list_templates() if n.endswith(DOC_SUFFIX)]
    names = [n for n in names if "/" not in n and not n.startswith("_")]
    return [*[n for n in BUILTIN_DOCUMENTS if n in names], *sorted(set(names) - set(BUILTIN_DOCUMENTS))]


def render_stylesheet(env: jinja2.Environment, fact_file: FactFile, fit: Fit | None = None) -> str:
    """``style.css``, itself a template: ``page`` holds the fact file's page setup, ``fit`` the type scale."""
    try:
        page = {k: Markup(v) for k, v in fact_file.page.items()}
        return env.get_template(STYLESHEET).render(page=page, fit=fit or Fit())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            Problem(exc.filename or STYLESHEET, exc.lineno, f"template syntax error: {exc.message}")
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(Problem(STYLESHEET, None, f"template error: {exc}")) from None


@dataclass(frozen=True)
class Fit:
    """How much a page-limited document shows: see layout.py."""

    key_points: int = 6  # the most key points
    items: int = 5  # the most items in each other list
    figures: int = 8  # the most rows in the key-figures table
    scale: float = 1.0  # type size, relative to the stylesheet's


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


def render_document(
    name: str, fact_file: FactFile, env: jinja2.Environment, fit: Fit | None = None
) -> RenderedDocument:
    """Render ``NAME.md.j2`` to Markdown, append the footnotes, and lint the result."""
    template_name = name + DOC_SUFFIX
    try:
        template = env.get_template(template_name)
    except jinja2.TemplateNotFound:
        raise TemplateError(Problem(template_name, None, f"no template for document '{name}'")) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            Problem(exc.filename or template_name, exc.lineno, f"template syntax error: {exc.message}")
        ) from None
    filename = template.filename or template_name
    footnotes = Footnotes(fact_file)
    ctx = Context(fact_file)
    variables = {
        **ctx.variables(),
        "cite": lambda item, short=False: Markup(footnotes.cite(item, short)),
        "document_kind": name.replace("_", " ").capitalize(),  # a template may set its own
        "max_pages": None,
        "notes": "foot",
        "fit": fit or Fit(),
    }
    jinja_ctx = template.new_context(variables)
    body = _render_root(env, template, jinja_ctx, filename)
    markdown = body.rstrip() + "\n"
    if footnotes.notes:
        markdown += "\n" + footnotes.definitions() + "\n"
    claims = [escape_markdown(item.text) for item in [*fact_file.facts, *fact_file.milestones]]
    labels = {escape_markdown(f.topic).lower() for f in fact_file.facts}
    issues = lint_markdown(markdown, claims, labels)
    if issues:
        raise LintError([Problem(filename, None, f"rendered {name}.md line {i.line}: {i.message}") for i in issues])
    kind = str(jinja_ctx.vars.get("document_kind") or name.replace("_", " ").capitalize())
    max_pages = jinja_ctx.vars.get("max_pages")
    notes = jinja_ctx.vars.get("notes", "foot")
    if notes not in NOTE_PLACEMENTS:
        raise TemplateError(
            Problem(filename, None, f"notes = {notes!r} is not one of {', '.join(map(repr, NOTE_PLACEMENTS))}")
        )
    limits = variables["fit"]
    shown = {
        "key_points": min(len(ctx.key_points), limits.key_points),
        "items": min(max(len(ctx.priorities), len(ctx.watch)), limits.items),
        "figures": min(len(ctx.key_figures), limits.figures),
    }
    return RenderedDocument(
        name,
        markdown,
        f"{fact_file.title} — {kind}",
        kind,
        filename,
        int(max_pages) if max_pages else None,
        notes,
        shown,
    )


def _render_root(env: jinja2.Environment, template: jinja2.Template, ctx: jinja2.runtime.Context, filename: str) -> str:
    """Render with a context we keep (to read the template's settings); errors name file and line."""
    try:
        try:
            return "".join(template.root_render_func(ctx))
        except Exception:
            env.handle_exception()  # re-raises with the traceback in template lines, as render() does
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            Problem(exc.filename or filename, exc.lineno, f"template syntax error: {exc.message}")
        ) from None
    except Exception as exc:  # noqa: BLE001 - any failure inside a template is the template's error
        where, line = _template_position(exc, filename)
        message = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
        raise TemplateError(Problem(where, line, f"template error: {message}")) from None
    raise AssertionError("unreachable")


def _template_position(exc: BaseException, filename: str) -> tuple[str, int | None]:
    """The innermost template file and line in the (rewritten) traceback."""
    where, line = filename, None
    tb = exc.__traceback__
    while tb is not None:
        code_file = tb.tb_frame.f_code.co_filename
        if code_file.endswith((".j2", ".html", ".css")):
            where, line = code_file, tb.tb_lineno
        tb = tb.tb_next
    return where, line
