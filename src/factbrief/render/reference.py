"""The template reference (docs/templates.md), generated from the code so it cannot drift.

Every name a document template sees is read from where it is made: ``Context`` (context.py), the
names and settings render.py adds, the data classes templates may read (every ``TemplateData``
class: their fields and the comments beside them, their properties and docstrings), and the
filters, tests and globals of the sandboxed environment. A name without a description is marked
``UNDOCUMENTED``, which the tests refuse.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property

import jinja2

from factbrief.model import TemplateData
from factbrief.render import context, sections
from factbrief.render import document as render
from factbrief.templating import make_environment

UNDOCUMENTED = "UNDOCUMENTED"
# The data classes in reading order; any other TemplateData class follows, by name.
CLASS_ORDER = ("Doc", "SourceInfo", "Fact", "Milestone", "Citation", "PartialDate", "Topic", "Engagements", "Conflict")
_FIELD_COMMENT = re.compile(r"^\s+(\w+): [^#\n]*#\s*(.+)$", re.M)

INTRO = """\
# Template reference

<!-- Generated from the code by `factbrief templates reference` (`make docs`); do not edit. -->

A document template (`NAME.md.j2`) renders Markdown from the names below. Templates run in a
sandbox: they read plain data (text, numbers, dates, lists and the data classes listed here), an
undefined name is an error, and everything printed from data is escaped for Markdown. Before the
first `##` heading is the title block (metadata); after it, every sentence that prints a digit
must carry a `cite()`. The type `text` is a string of the fact file's own metadata (a title, a
name), which the lint knows is not a claim.
"""


def _text(doc: str | None) -> str:
    """A docstring as one line of Markdown: reStructuredText ``code`` as `code`, pipes escaped."""
    if not doc:
        return UNDOCUMENTED
    return " ".join(inspect.cleandoc(doc).split()).replace("``", "`").replace("|", "\\|")


def _type(annotation: object) -> str:
    """An annotation as readers know it: ``Meta`` (a name from the fact file) is text."""
    if annotation in (inspect.Signature.empty, None):
        return ""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    text = re.sub(r"\bMeta\b", "text", text).replace("dt.date", "date")
    return f"`{text}`".replace("|", "\\|")


def _member(cls: type, name: str) -> tuple[Callable[..., object] | None, bool]:
    """The function behind a class member (property getter, cached property, method) and
    whether it is called (a method) rather than read."""
    member = inspect.getattr_static(cls, name, None)
    if isinstance(member, property):
        return member.fget, False
    if isinstance(member, cached_property):
        return member.func, False
    if inspect.isfunction(member):
        return member, True
    return None, False


def _call(name: str, function: Callable[..., object]) -> str:
    """``others(fact)``: the call as a template writes it (no ``self``)."""
    signature = inspect.signature(function)
    params = [p for p in signature.parameters.values() if p.name != "self"]
    shown = ", ".join(p.name if p.default is p.empty else f"{p.name}={p.default!r}" for p in params)
    return f"{name}({shown})".replace("None", "none").replace("False", "false")


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def variables_section() -> list[str]:
    rows = []
    for name in context.VALUES:
        function, _called = _member(context.Context, name)
        annotation = inspect.signature(function).return_annotation if function else None
        rows.append((f"`{name}`", _type(annotation), _text(function.__doc__ if function else None)))
    for name in context.FUNCTIONS:
        function, _called = _member(context.Context, name)
        assert function is not None, name
        returns = _type(inspect.signature(function).return_annotation)
        rows.append((f"`{_call(name, function)}`", f"→ {returns}", _text(function.__doc__)))
    for name, (shown, doc) in render.DOCUMENT_NAMES.items():
        kind = _type(shown) if shown[0].isupper() else ""
        rows.append((f"`{shown if not kind else name}`", kind, _text(doc)))
    return [
        "## Names",
        "",
        "Every document template gets these (the briefing's selections are computed for any template).",
        "",
        *_table(("name", "type", "what it is"), rows),
    ]


def settings_section() -> list[str]:
    def default(name: str) -> str:
        if name not in render.SETTING_DEFAULTS:
            return f"from the file name: {_text(render.kind_of.__doc__).split(': ', 1)[1].rstrip('.')}"
        return f"`{render.SETTING_DEFAULTS[name]!r}`".replace("'", '"').replace("None", "none")

    rows = [(f"`{name}`", default(name), _text(doc)) for name, doc in render.SETTINGS.items()]
    return [
        "## Settings",
        "",
        'A template may set these with `{% set name = … %}` (e.g. `{% set notes = "end" %}` after '
        "`{% extends … %}`); the build reads them back after rendering.",
        "",
        *_table(("setting", "default", "what it does"), rows),
    ]


def template_classes() -> list[type]:
    """Every data class a template may read, in reading order."""
    found: dict[str, type] = {}
    queue = list(TemplateData.__subclasses__())
    while queue:
        cls = queue.pop()
        queue += cls.__subclasses__()
        if dataclasses.is_dataclass(cls):
            found[cls.__name__] = cls
    ordered = [found.pop(name) for name in CLASS_ORDER if name in found]
    return ordered + [found[name] for name in sorted(found)]


def class_section(cls: type) -> list[str]:
    comments = dict(_FIELD_COMMENT.findall(inspect.getsource(cls)))
    rows = [(f"`{f.name}`", _type(f.type), _text(comments.get(f.name))) for f in dataclasses.fields(cls)]
    # Its own members and those it shares with others (``Cited``: facts' and milestones' citations).
    own = {n: v for base in reversed(cls.__mro__) if issubclass(base, TemplateData) for n, v in vars(base).items()}
    for name in sorted(own):
        function, called = _member(cls, name)
        if function is None or name.startswith("_") or isinstance(own[name], classmethod | staticmethod):
            continue
        returns = _type(inspect.signature(function).return_annotation)
        rows.append((f"`{_call(name, function) if called else name}`", returns, _text(function.__doc__)))
    return [f"### {cls.__name__}", "", _text(cls.__doc__), "", *_table(("field", "type", "what it is"), rows)]


def data_section() -> list[str]:
    lines = ["## Data", "", "The fields and properties of what the names above hold."]
    for cls in template_classes():
        lines += ["", *class_section(cls)]
    return lines


def _own(table: Mapping[str, object], builtin: Mapping[str, object]) -> list[str]:
    """The names Factbrief defines or replaces, in a table of Jinja's filters or tests."""
    return sorted(name for name, function in table.items() if builtin.get(name) is not function)


def filters_section(env: jinja2.Environment) -> list[str]:
    from jinja2.filters import FILTERS
    from jinja2.tests import TESTS

    own_filters = _own(env.filters, FILTERS)
    own_tests = _own(env.tests, TESTS)
    jinja_filters = sorted(set(env.filters) - set(own_filters))
    jinja_tests = sorted(set(env.tests) - set(own_tests))
    return [
        "## Filters and tests",
        "",
        "Factbrief's own, in the document's language (dates and numbers by Babel):",
        "",
        *_table(("filter", "what it does"), [(f"`{n}`", _text(env.filters[n].__doc__)) for n in own_filters]),
        "",
        *_table(("test", "what it is true of"), [(f"`{n}`", _text(env.tests[n].__doc__)) for n in own_tests]),
        "",
        "Jinja's other filters work as documented at <https://jinja.palletsprojects.com/templates/>: "
        + ", ".join(f"`{n}`" for n in jinja_filters)
        + ". Its tests: "
        + ", ".join(f"`{n}`" for n in jinja_tests)
        + ". Its globals: "
        + ", ".join(f"`{n}`" for n in sorted(env.globals))
        + ".",
    ]


def sections_section() -> list[str]:
    """How a template lays out its sections: named, in columns, proven on the printed page."""
    columns = " or ".join(f"`{{: .{c}}}`" for c in sections.COLUMNS)
    return [
        "## Sections and columns",
        "",
        'Each `##` heading starts a section, which the page wraps as `<section class="s-NAME">`: NAME is '
        "the heading's `{: #name}`, else its text as a slug, so a stylesheet rule survives a renamed heading. "
        f"A heading's {columns} places its section in that column, in any order and for any section of your "
        "own, with no CSS: a run of sections so placed is laid out as two columns that break across pages, "
        "read down the left column, then down the right, and its notes are numbered in that order; a "
        "section without either runs across both and ends the run.",
        "",
        "    ## Points to make {: #points .left}",
        "",
        "After layout, every page is read back and proven: every heading, paragraph, list item, table row, "
        "picture and note is on a page, inside the content area, clear of the notes at its foot and of every "
        "other block, not cut off or hidden; every note is on the page of its first call, and the notes "
        "run 1…N. A page-limited document (`max_pages`) is fitted until a layout passes; any other document "
        "that fails the proof fails the build, naming what does not print.",
    ]


def template_reference() -> str:
    """docs/templates.md: every name, setting, data class, filter and test templates get."""
    env = make_environment()
    parts = [variables_section(), settings_section(), sections_section(), data_section(), filters_section(env)]
    return INTRO + "\n" + "\n\n".join("\n".join(part) for part in parts) + "\n"
