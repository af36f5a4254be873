"""Starting and shaping a project: ``init`` and ``templates list | copy | reference | messages``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factbrief.cli.app import app, fact_file_or_default, templates_app
from factbrief.cli.command import Command
from factbrief.errors import FactbriefError


@app.command(cls=Command)
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The new project's folder (created if needed).")],
    force: Annotated[
        bool, typer.Option("--force", help="Write into a folder that is not empty, overwriting files.")
    ] = False,
) -> None:
    """Start a briefing project: a sample fact file and source, a README, a templates/ folder for your own."""
    from factbrief.templating import init_project

    written = init_project(folder, force)
    typer.echo(f"created {folder} ({len(written)} files); now: cd {folder} && factbrief build")


@templates_app.command("list", cls=Command)
def templates_list(
    templates: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Your template folder (default: templates/ next to the fact file)."),
    ] = None,
    fact_file: Annotated[
        Path | None, typer.Option("--facts", metavar="FACT_FILE", help="The fact file whose templates/ to look in.")
    ] = None,
) -> None:
    """Show every document type that `build` makes, and whether it is yours or built-in."""
    from factbrief.build import default_template_dir
    from factbrief.templating import list_templates

    user_dir = templates
    if user_dir is None:
        try:
            user_dir = default_template_dir(fact_file or fact_file_or_default(None))
        except FactbriefError:  # no fact file here: a templates/ folder of the current one, if any
            user_dir = Path("templates") if Path("templates").is_dir() else None
    for info in list_templates(user_dir):
        typer.echo(f"{info.name:<14} {info.origin:<30} {info.path}")


@templates_app.command("reference", cls=Command)
def templates_reference() -> None:
    """Print the template reference (Markdown): every name, setting, field, filter and test."""
    from factbrief.render import template_reference

    typer.echo(template_reference(), nl=False)


@templates_app.command("messages", cls=Command)
def templates_messages(
    templates: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Your template folder: its own fixed words are included too."),
    ] = None,
) -> None:
    """Print the templates' fixed words as a gettext catalog template (.pot), to translate into a new
    language: save it as locale/LANG/LC_MESSAGES/factbrief.po in your template folder."""
    from factbrief.templating import catalog_template, template_dirs

    if templates is not None and not templates.is_dir():
        typer.echo(f"--templates: {templates}: not a folder", err=True)
        raise typer.Exit(2)
    typer.echo(catalog_template(list(reversed(template_dirs(templates)))), nl=False)


@templates_app.command("copy", cls=Command)
def templates_copy(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A built-in template: briefing, factsheet, milestones, talking-points, _base.md.j2, _items.md.j2, page.html.j2 or style.css.",
        ),
    ],
    to: Annotated[Path, typer.Option(metavar="DIR", help="Folder to copy into.")] = Path("templates"),
    stylesheet: Annotated[bool, typer.Option("--stylesheet", help="Also copy the stylesheet (style.css).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a file that is already there.")] = False,
) -> None:
    """Copy a built-in template into your template folder so you can edit it."""
    from factbrief.templating import copy_template

    for path in copy_template(name, to, stylesheet, force):
        typer.echo(f"copied {path}")
