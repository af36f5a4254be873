"""The one Jinja environment: sandboxed, confined to the template folders, on a budget.

Templates see plain data only (see context.py): strings, numbers, dates, lists and mappings of
them, and Factbrief's own data classes. Every attribute a template reads is checked against that
list, so nothing that reaches the file system, the process or the renderer can be touched, even
by accident of a future field. Templates can include only files inside the template folders.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from factbrief.files import MAX_TEMPLATE_BYTES, InputFileError, read_input
from factbrief.model import TemplateData
from factbrief.templating.budget import SIZE_ARGUMENT, TemplateBudgetExceeded, check_format, check_size
from factbrief.templating.filters import md_filter, register_filters
from factbrief.templating.provenance import MARKER_CHARS, Meta

DOC_SUFFIX = ".md.j2"
_PLAIN = (str, int, float, bool, type(None), Decimal, dt.date, Markup, jinja2.Undefined)
_CONTAINERS = (tuple, list, dict, set, frozenset)
_SIZED_STR_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


def builtin_template_dir() -> Path:
    """The folder of built-in templates, shipped inside the package as factbrief.templates."""
    return Path(str(resources.files("factbrief.templates")))


def template_dirs(user_dir: Path | None) -> list[Path]:
    """The folders templates and stylesheets are read from: the user's first, then the built-ins."""
    return [d for d in (user_dir, builtin_template_dir()) if d]


def is_template_data(value: Any) -> bool:
    """True for the values a template may hold: plain data and Factbrief's data classes."""
    if isinstance(value, _PLAIN + _CONTAINERS + (TemplateData,)):
        return True
    if isinstance(value, types.BuiltinMethodType | types.MethodType):
        owner = value.__self__
        return not isinstance(owner, type) and is_template_data(owner)
    return False


# Integers a template may compute: arithmetic on bigger ones takes time no budget can interrupt
# (one multiplication of two million-digit numbers is a long C call).
MAX_INTEGER_BITS = 4096


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class FactbriefSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with attributes limited to plain data and sizes limited."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    # Where the office's own message catalogs live (i18n.py); not reachable from templates.
    factbrief_user_dir: Path | None = None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return super().is_safe_attribute(obj, attr, value) and is_template_data(value)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            if _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > MAX_INTEGER_BITS:
                raise TemplateBudgetExceeded(f"'*' would make an integer of over {MAX_INTEGER_BITS:,} bits")
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int) and len(seq) * count > 1_000_000:
                    raise TemplateBudgetExceeded(f"'*' would build {len(seq) * count:,} items")
        elif operator == "**":
            if isinstance(right, int | float) and abs(right) > 64 and isinstance(left, int | float) and abs(left) > 1:
                raise TemplateBudgetExceeded(f"'**' with an exponent of {right:,} (the limit is 64)")
            if _is_int(left) and _is_int(right) and right > 0 and left.bit_length() * right > MAX_INTEGER_BITS:
                raise TemplateBudgetExceeded(f"'**' would make an integer of over {MAX_INTEGER_BITS:,} bits")
        elif operator == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            if len(left) + len(right) > 1_000_000:
                raise TemplateBudgetExceeded("'+' would build over 1,000,000 items")
        elif operator == "%" and isinstance(left, str):
            check_format(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(__obj.__self__, str):
            if __obj.__name__ in _SIZED_STR_METHODS:
                for arg in (*args, *kwargs.values()):
                    check_size(arg, f"str.{__obj.__name__}()")
            elif __obj.__name__ in ("format", "format_map"):
                check_format(__obj.__self__)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            check_format(value.__self__)
        return wrapped


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads only regular files inside its folders, of a sane size."""

    def get_source(self, environment: jinja2.Environment, template: str):
        # Jinja's own loader reads the whole file first and skips a name that is not a regular
        # file (a FIFO, a link to /dev/zero), silently taking the built-in instead: here the first
        # folder that has the name decides, and the file is checked, by its size, before a byte
        # of it is read.
        pieces = split_template_path(template)
        for root in self.searchpath:
            candidate = Path(root, *pieces)
            if not (candidate.exists() or candidate.is_symlink()):
                continue
            real = candidate.resolve()
            if not real.is_relative_to(Path(root).resolve()):
                raise SecurityError(f"template '{template}' leads outside the template folders")
            try:
                source = read_input(real, MAX_TEMPLATE_BYTES).decode("utf-8")
            except InputFileError as exc:
                raise SecurityError(f"template '{template}' {exc.reason}") from None
            except UnicodeDecodeError as exc:
                raise SecurityError(f"template '{template}' is not UTF-8 (byte offset {exc.start})") from None
            if any(ch in source for ch in MARKER_CHARS) or "\x00" in source:
                raise SecurityError(f"template '{template}' holds reserved characters (NUL or U+E000–U+E002)")
            mtime = real.stat().st_mtime
            return source, str(candidate), functools.partial(_unchanged, real, mtime)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


@jinja2.pass_context
def _finalize_for(context: jinja2.runtime.Context, value: object) -> object:
    if not (context.name or "").endswith(DOC_SUFFIX):
        return "" if value is None else value  # HTML and CSS templates: Jinja's autoescape applies
    return md_filter(value)


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
    env = FactbriefSandbox(
        loader=loader,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize_for,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.pop("lipsum", None)
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]  # added by jinja2.ext.i18n (extend)
    env.factbrief_user_dir = Path(template_dirs[0]) if template_dirs else None
    register_filters(env)
    return env


__all__ = [
    "DOC_SUFFIX",
    "SIZE_ARGUMENT",
    "FactbriefSandbox",
    "Meta",
    "builtin_template_dir",
    "is_template_data",
    "make_environment",
    "template_dirs",
]
