"""How every command shows its help and how it fails: one error boundary for the whole CLI.

Help pages show what each parameter takes, not its Python type: Typer prints an argument's type
beside its name (``<path>``, ``<str>``) and adds ``...`` to an argument whose name already says it
repeats. Factbrief's parameters name what they take in their metavar (``DIR``, ``md|pdf|all``); a
flag takes nothing. The commands use these classes (``cls=``); parsing is Typer's own, unchanged.
The display methods overridden here are Typer's (Typer 0.28, the range pyproject.toml pins: 0.29
loads pydantic to convert parameters, a tenth of a second of every command's start;
tests/test_cli.py checks the help pages).

A FactbriefError raised by any command is printed as its lines, one problem a line, on stderr,
and becomes the command's exit code: no command catches it itself.
"""

from __future__ import annotations

import copy
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from factbrief.errors import FactbriefError


class _Argument(TyperArgument):
    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = self.metavar or (self.name or "").upper()
        if not self.required:
            name = f"[{name}]"
        return [name + ("..." if self.nargs != 1 else "")]


_UNNAMED: dict[type, type] = {}


def _unnamed(kind: type) -> type:
    """A parameter type that converts as ``kind`` does and gives no placeholder for the help."""
    if kind not in _UNNAMED:
        _UNNAMED[kind] = type(kind.__name__, (kind,), {"get_metavar": lambda self, param, ctx=None: ""})
    return _UNNAMED[kind]


def _plain(params: list[Any]) -> list[Any]:
    for param in params:
        # Only Typer's own argument class is swapped (for a subclass that adds a display method
        # and no state); its type is copied (types can be shared) and shows no placeholder.
        if type(param) is TyperArgument:
            param.__class__ = _Argument
            param.type = copy.copy(param.type)
            param.type.__class__ = _unnamed(type(param.type))
    return params


def fail(exc: FactbriefError) -> typer.Exit:
    """Print the error, one problem a line; the Exit to raise with its exit code."""
    for line in exc.lines():
        typer.echo(line, err=True)
    return typer.Exit(exc.exit_code)


class Command(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FactbriefError as exc:
            raise fail(exc) from None


class Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))
