"""How every command shows its help and how it fails: one error boundary for the whole CLI.

Help pages show what each parameter takes, not its Python type: Typer prints each parameter's
type beside it (``<bool>``, ``<path>``, ``<list[Path]>``, even for ``--help``) and adds ``...``
to an argument whose name already says it repeats. Factbrief's parameters name what they take in
their metavar (``DIR``, ``md|pdf|all``); a flag takes nothing. The commands use these classes
(``cls=``); parsing is Typer's own, unchanged. The display methods overridden here are Typer's
(Typer 0.29, the range pyproject.toml pins; tests/test_cli.py checks the help pages).

A FactbriefError raised by any command is printed as its lines, one problem a line, on stderr,
and becomes the command's exit code: no command catches it itself.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from factbrief.errors import FactbriefError


class _Argument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the name column already shows the metavar

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = self.metavar or (self.name or "").upper()
        if not self.required:
            name = f"[{name}]"
        return [name + ("..." if self.nargs != 1 else "")]


class _Option(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or (self.name or "").upper()


_PLAIN: dict[type, type] = {TyperArgument: _Argument, TyperOption: _Option}


def _plain(params: list[Any]) -> list[Any]:
    for param in params:
        # Only Typer's own classes are swapped (for subclasses that add display methods and no
        # state); anything else, such as another Typer version's help option, is left as it is.
        plain = _PLAIN.get(type(param))
        if plain is not None:
            param.__class__ = plain
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
