"""The curating commands: ``check``, ``coverage``, ``extract``, ``add`` and ``accept``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factbrief.cli.app import FactFileArg, LanguageOption, TemplatesOption, app, fact_file_or_default, report
from factbrief.cli.command import Command
from factbrief.errors import FactFileError, Problem

if TYPE_CHECKING:
    from factbrief.capture import Captured


@app.command(cls=Command)
def check(
    fact_file: FactFileArg = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero on warnings too.")] = False,
    max_age: Annotated[
        str | None,
        typer.Option(
            metavar="AGE", help="Warn about facts older than this before the file's as_of: e.g. 400d, 18m, 2y."
        ),
    ] = None,
    templates: TemplatesOption = None,
    language: LanguageOption = None,
) -> None:
    """Verify every quote, number, date, id and source, and render every document as build does."""
    from factbrief.build import check as run_check
    from factbrief.verify import parse_age

    try:
        days = parse_age(max_age) if max_age else None
    except ValueError as exc:
        typer.echo(f"--max-age: {exc}", err=True)
        raise typer.Exit(2) from None
    path = fact_file_or_default(fact_file)
    try:
        ff, findings = run_check(path, templates, days, language)
    except FactFileError as exc:
        # The file does not read as a fact file: every such problem, then a count of them once
        # the file was read at all (a missing file is one line).
        report(exc.lines())
        read = [p for p in exc.problems if isinstance(p, Problem) and p.line]
        if read:
            typer.echo(
                f"{read[0].path}: {len(exc.problems)} error(s) reading the fact file; its quotes and figures are checked once it reads"
            )
        raise typer.Exit(exc.exit_code) from None
    report([str(f) for f in findings], err=False)
    errors = sum(f.level == "error" for f in findings)
    warnings = sum(f.level == "warning" for f in findings)
    counts = f"{len(ff.facts)} facts, {len(ff.milestones)} milestones, {len(ff.sources)} sources"
    typer.echo(f"{ff.display}: {counts}: {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        raise typer.Exit(1)


@app.command("coverage", cls=Command)
def coverage_command(
    fact_file: FactFileArg = None,
    show_ignored: Annotated[
        bool, typer.Option("--show-ignored", help="Also list the figures the fact file ignores, with reasons.")
    ] = False,
) -> None:
    """List every figure in the sources that no fact or milestone quotes, and the share covered."""
    from factbrief.curate import coverage
    from factbrief.factfile import load_fact_file

    covered_sources = coverage(load_fact_file(fact_file_or_default(fact_file)))
    for cov in covered_sources:
        n = len(cov.figures)
        share = f"{cov.covered / n:.0%}" if n else "no figures"
        typer.echo(
            f"{cov.source.file_text}: {cov.covered} of {n} figures covered ({share}; {cov.count('ignored')} ignored)"
        )
        for fig in cov.figures:
            where = f"  {cov.source.file_text}:{fig.line}:"
            if fig.state == "uncovered":
                typer.echo(f"{where} uncovered {fig.text!r} in “{fig.sentence}”")
            elif show_ignored and fig.state == "ignored":
                typer.echo(f"{where} ignored {fig.text!r} in “{fig.sentence}”; reason: {fig.reason}")
    total = sum(len(cov.figures) for cov in covered_sources)
    done = sum(cov.covered for cov in covered_sources)
    share = f"{done / total:.1%}" if total else "n/a"
    typer.echo(f"total: {done} of {total} figures covered or ignored ({share})")


@app.command(cls=Command)
def extract(
    article: Annotated[Path, typer.Argument(metavar="ARTICLE", help="The saved article text (UTF-8).")],
    source: Annotated[str, typer.Option("--source", "-s", metavar="ID", help="The source id the stubs cite.")],
    language: Annotated[
        str,
        typer.Option(metavar="LANG", help="The article's language, to read its numbers (5.557 in vi, 5 557 in fr)."),
    ] = "en",
) -> None:
    """Print YAML fact stubs for every sentence of an article that holds a figure, to paste under facts:."""
    from factbrief.curate import extract_stubs, stubs_to_yaml

    stubs = extract_stubs(article, source, language)
    if not stubs:  # said on stderr, so a pipe into a fact file gets nothing
        typer.echo(f"{article}: no sentence of prose with a figure; nothing to stub", err=True)
    typer.echo(stubs_to_yaml(stubs), nl=False)


@app.command(cls=Command)
def add(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Saved web pages (.html), PDFs, .txt files, http(s) URLs, or folders of pages; "
            "the last may be the fact file (.yaml), when not the default.",
            metavar="SOURCE",
            show_default=False,
        ),
    ],
    source_id: Annotated[
        str | None,
        typer.Option(
            "--id", metavar="ID", help="The new source's id (default: the site's name, else the publisher's)."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The title, where the page gives none or a wrong one.")
    ] = None,
    publisher: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The publisher, where the page gives none (each page's).")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="The publication date (YYYY, YYYY-MM or YYYY-MM-DD), where the page gives none or a wrong one.",
        ),
    ] = None,
) -> None:
    """Capture articles as sources: each one's text into sources/ID.txt, its entry (fingerprinted) into the fact file.

    Several pages, or a folder of them, are captured in one run, with a progress bar and a line for each; a page that cannot be captured is reported and the others go on."""
    from factbrief.capture import add_source, pages_of
    from factbrief.model import PartialDate

    try:
        date = PartialDate.parse(published) if published else None
    except ValueError as exc:
        typer.echo(f"--published: {exc}", err=True)
        raise typer.Exit(2) from None
    fact_file = None
    if len(sources) > 1 and Path(sources[-1]).suffix.lower() in (".yaml", ".yml"):
        fact_file, sources = Path(sources[-1]), sources[:-1]
    path = fact_file_or_default(fact_file)
    pages = pages_of(sources)
    if len(pages) == 1:
        c = add_source(pages[0], path, source_id, title=title, publisher=publisher, published=date)
        _report_captured(c)
        return
    for option, value in (("--id", source_id), ("--title", title), ("--published", published)):
        if value:
            typer.echo(f"{option} is for one page; {len(pages)} pages were given (each says its own)", err=True)
            raise typer.Exit(2)
    _add_batch(pages, path, publisher)


def _report_captured(c: Captured) -> None:
    from factbrief.factfile import display_path

    text_path, a = display_path(c.text_path), c.article
    typer.echo(f"captured {text_path}: {len(a.paragraphs)} paragraphs, {c.figures} figures (from a {a.kind})")
    for name in ("title", "publisher", "published", "url"):
        value = getattr(a, name)
        origin = a.origins.get(name)
        if value:
            typer.echo(f"  {name:<10} {value}" + (f"   (from {origin})" if origin else ""))
        elif name == "published" and a.suggested:
            s = a.suggested
            typer.echo(
                f"  published  not in the page's metadata; {s.where} says {s.date.start:%-d %B %Y}: if that is the "
                f"publication date, write 'published: {s.date}' in the entry (or capture with --published {s.date})"
            )
        elif name == "published":
            typer.echo("  published  not stated on the page (add it if the article gives it)")
        else:
            typer.echo(f"  {name:<10} none")
    typer.echo(f"added source '{c.id}' to {c.fact_display}:{c.line} (sha256 {c.sha256[:12]}…, captured {c.captured})")
    typer.echo(f"next: factbrief extract {text_path} --source {c.id}")


def _add_batch(pages: list[str], path: Path, publisher: str | None) -> None:
    """Capture many pages with a progress bar and one line for each; non-zero if any was refused."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from factbrief.capture import add_many
    from factbrief.factfile import display_path

    failed = 0
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]adding"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # (a bar only where someone watches it)
    ) as progress:
        task = progress.add_task("", total=len(pages))
        for outcome in add_many(pages, path, publisher=publisher):
            c = outcome.captured
            if c is None:
                failed += 1
                typer.echo(f"refused {outcome.error}", err=True)
            else:
                a = c.article
                where = a.origins.get("publisher", "")
                date = a.published or (
                    f"not stated; {a.suggested.where} says {a.suggested.date}" if a.suggested else "not stated"
                )
                typer.echo(
                    f"added '{c.id}' ← {outcome.source}: {display_path(c.text_path)}, {len(a.paragraphs)} paragraphs, "
                    f"{c.figures} figures; publisher {a.publisher}"
                    + (f" (from {where})" if where else "")
                    + f"; published {date}"
                )
            progress.update(task, advance=1, description=outcome.source)
    done = len(pages) - failed
    typer.echo(
        f"added {done} of {len(pages)} pages to {display_path(path)}" + (f"; {failed} refused" if failed else "")
    )
    if failed:
        raise typer.Exit(1)


@app.command(cls=Command)
def accept(
    source_id: Annotated[str, typer.Argument(help="The source whose saved text was changed on purpose.", metavar="ID")],
    fact_file: FactFileArg = None,
) -> None:
    """Accept a deliberate edit of a source's saved text: record its new sha256 in the fact file."""
    from factbrief.capture import accept_source

    result = accept_source(fact_file_or_default(fact_file), source_id)
    if result.old == result.new:
        typer.echo(f"{result.fact_display}:{result.line}: source '{source_id}' already matches its sha256")
    else:
        typer.echo(f"{result.fact_display}:{result.line}: source '{source_id}': sha256 is now {result.new}")
