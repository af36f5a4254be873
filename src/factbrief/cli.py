"""The command line: parse options, call the library, print one line per problem, set the exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .errors import FactbriefError

DEFAULT_FACTS = Path("facts/japan-vietnam.yaml")
EXIT_INTERRUPTED = 130

app = typer.Typer(
    help="Factbrief: footnoted, quote-checked diplomatic briefings from a curated fact file.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FactFileArg = Annotated[Path, typer.Argument(help="The fact file (YAML, format 1).", show_default=True)]


def _report(lines: list[str], err: bool = True) -> None:
    for line in lines:
        typer.echo(line, err=err)


def _fail(exc: FactbriefError) -> None:
    _report(exc.lines())
    raise typer.Exit(exc.exit_code)


@app.command()
def build(
    fact_file: FactFileArg = DEFAULT_FACTS,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder the documents are written to.")] = Path("output"),
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="md: Markdown only; pdf: HTML and PDF; all: both.")
    ] = "all",
    only: Annotated[
        str | None,
        typer.Option(help="Comma-separated documents to build, e.g. briefing,factsheet (default: all)."),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            help="Folder of your own templates, searched before the built-ins (default: templates/ next to the fact file)."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option(help="Treat warnings (conflicts, renderer warnings) as errors.")] = False,
) -> None:
    """Check the fact file, then render the briefing, fact sheet and milestone summary."""
    from .build import build as run_build

    names = [n.strip() for n in only.split(",") if n.strip()] if only else None
    try:
        result = run_build(fact_file, out, fmt=fmt, only=names, template_dir=templates)
    except FactbriefError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        typer.echo("interrupted: earlier outputs are unchanged", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    warnings = [w for w in result.warnings if w.level == "warning"]
    _report([str(w) for w in warnings])
    for path in result.written:
        pages = result.pages.get(path.stem) if path.suffix == ".pdf" else None
        typer.echo(f"wrote {path}" + (f" ({pages} page{'s' if pages != 1 else ''})" if pages else ""))
    if strict and warnings:
        typer.echo(f"{len(warnings)} warning(s) under --strict", err=True)
        raise typer.Exit(1)


@app.command()
def check(
    fact_file: FactFileArg = DEFAULT_FACTS,
    strict: Annotated[bool, typer.Option(help="Exit non-zero on warnings too.")] = False,
    max_age: Annotated[
        str | None,
        typer.Option(help="Warn about facts older than this before the file's as_of: e.g. 400d, 18m, 2y."),
    ] = None,
) -> None:
    """Verify every quote, number, id and source in the fact file; report conflicts between sources."""
    from .load import load_fact_file
    from .verify import parse_age, verify

    try:
        days = parse_age(max_age) if max_age else None
    except ValueError as exc:
        typer.echo(f"--max-age: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        ff = load_fact_file(fact_file)
    except FactbriefError as exc:
        _fail(exc)
    findings = verify(ff, days)
    _report([str(f) for f in findings], err=False)
    errors = sum(f.level == "error" for f in findings)
    warnings = sum(f.level == "warning" for f in findings)
    counts = f"{len(ff.facts)} facts, {len(ff.milestones)} milestones, {len(ff.sources)} sources"
    typer.echo(f"{ff.display}: {counts}: {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        raise typer.Exit(1)
