"""The Typer application and what its commands share: the fact file argument, common options."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factbrief.cli.command import Group

app = typer.Typer(
    cls=Group,
    help="Factbrief: footnoted, quote-checked diplomatic briefings from a curated fact file.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
templates_app = typer.Typer(
    cls=Group,
    help="List the document templates, copy a built-in one to edit, or print the template reference.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")

FactFileArg = Annotated[
    Path | None,
    typer.Argument(
        help="The fact file (YAML, format 1). Default: facts/japan-vietnam.yaml, else brief.yaml.",
        metavar="FACT_FILE",
        show_default=False,
    ),
]


def _out_folder(value: str | Path) -> Path:
    """``--out``: a folder, named (an empty name would mean the current folder, silently)."""
    if isinstance(value, Path):  # the default
        return value
    if not value.strip():
        raise typer.BadParameter("expected a folder's name, not an empty one (use --out . for the current folder)")
    return Path(value)


OutOption = Annotated[
    Path,
    typer.Option("--out", "-o", metavar="DIR", help="Folder the documents are written to.", parser=_out_folder),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        metavar="DIR",
        help="Folder of your own templates, searched before the built-ins (default: templates/ next to the fact file).",
    ),
]
LanguageOption = Annotated[
    str | None,
    typer.Option(
        metavar="LANG",
        help="Write the documents in this language (en, fr, vi, …; default: the fact file's language).",
    ),
]


def _print_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import version

        typer.echo(f"factbrief {version('factbrief')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print Factbrief's version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """Factbrief: footnoted, quote-checked diplomatic briefings from a curated fact file."""


def fact_file_or_default(given: Path | None) -> Path:
    """The named fact file, or the default one found in the current folder."""
    if given is not None:
        return given
    from factbrief.templating import default_fact_file

    return default_fact_file()


def report(lines: list[str], err: bool = True) -> None:
    for line in lines:
        typer.echo(line, err=err)
