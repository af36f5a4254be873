"""The command line: parse options, call the library, print one line per problem, set the exit code."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from factbrief.cli.helptext import Command, Group
from factbrief.errors import FactbriefError, Interrupted

app = typer.Typer(
    cls=Group,
    help="Factbrief: footnoted, quote-checked diplomatic briefings from a curated fact file.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FactFileArg = Annotated[
    Path | None,
    typer.Argument(
        help="The fact file (YAML, format 1). Default: facts/japan-vietnam.yaml, else brief.yaml.",
        metavar="FACT_FILE",
        show_default=False,
    ),
]
OutOption = Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder the documents are written to.")]
TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        metavar="DIR",
        help="Folder of your own templates, searched before the built-ins (default: templates/ next to the fact file).",
    ),
]
templates_app = typer.Typer(
    cls=Group,
    help="List the document templates, copy a built-in one to edit, or print the template reference.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")


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


def _fact_file(given: Path | None) -> Path:
    """The named fact file, or the default one found in the current folder."""
    if given is not None:
        return given
    from factbrief.templating.scaffold import default_fact_file

    try:
        return default_fact_file()
    except FactbriefError as exc:
        _fail(exc)
        raise  # unreachable: _fail exits


def _report(lines: list[str], err: bool = True) -> None:
    for line in lines:
        typer.echo(line, err=err)


def _fail(exc: FactbriefError) -> None:
    _report(exc.lines())
    raise typer.Exit(exc.exit_code)


@app.command(cls=Command)
def build(
    fact_files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Fact file(s) (YAML, format 1). Default: facts/japan-vietnam.yaml, else brief.yaml. "
            "With several, each builds into a folder of --out named after it, in parallel.",
            metavar="FACT_FILE",
            show_default=False,
        ),
    ] = None,
    out: OutOption = Path("output"),
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", metavar="md|pdf|all", help="md: Markdown only; pdf: HTML and PDF; all: both."),
    ] = "all",
    only: Annotated[
        str | None,
        typer.Option(
            metavar="NAME,...",
            help="Comma-separated documents to build, e.g. briefing,factsheet (default: all).",
        ),
    ] = None,
    templates: TemplatesOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings (conflicts, renderer warnings) as errors.")
    ] = False,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Rebuild whenever the fact file, a source, a template or the stylesheet changes."),
    ] = False,
    language: Annotated[
        str | None,
        typer.Option(
            metavar="LANG",
            help="Write the documents in this language (en, fr, vi, …; default: the fact file's language).",
        ),
    ] = None,
) -> None:
    """Check the fact file, then render the briefing, fact sheet and milestone summary."""
    from factbrief.build.pipeline import build as run_build

    names = only.split(",") if only is not None else None
    if fact_files and len(fact_files) > 1:
        _build_batch(fact_files, out, fmt, names, templates, strict, language)
        return
    path = _fact_file(fact_files[0] if fact_files else None)
    if watch:
        _watch(path, out, fmt, names, templates, strict, language)
        return
    try:
        result = run_build(path, out, fmt=fmt, only=names, template_dir=templates, strict=strict, language=language)
    except FactbriefError as exc:
        _fail(exc)
    _report([str(w) for w in result.warnings])
    for written in result.written:
        pages = result.pages.get(written.stem) if written.suffix == ".pdf" else None
        typer.echo(f"wrote {written}" + (f" ({pages} page{'s' if pages != 1 else ''})" if pages else ""))
    for name in result.removed:
        typer.echo(f"removed {out / name} (its template is gone)")
    for name in result.retired:
        typer.echo(f"removed {out / name} (the document no longer shows it)")


def _build_batch(
    paths: list[Path],
    out: Path,
    fmt: str,
    names: list[str] | None,
    templates: Path | None,
    strict: bool,
    language: str | None,
) -> None:
    """Build many fact files with a progress bar, then a summary table; non-zero if any failed."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from factbrief.build.pipeline import build_many

    console = Console(stderr=True)
    items = []
    try:
        with Progress(
            TextColumn("[bold]building"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("", total=len(paths))
            for item in build_many(paths, out, fmt, names, templates, strict, language):
                items.append(item)
                progress.update(task, advance=1, description=str(item.fact_path))
    except FactbriefError as exc:
        _fail(exc)
    table = Table(title=f"{len(paths)} fact files → {out}/")
    for column in ("fact file", "result", "files", "seconds"):
        table.add_column(column)
    failed = 0
    for item in sorted(items, key=lambda i: str(i.fact_path)):
        warnings = [w for w in (item.result.warnings if item.result else []) if w.level == "warning"]
        bad = bool(item.errors)
        failed += bad
        state = "failed" if item.errors else f"{len(warnings)} warning(s)" if warnings else "ok"
        files = str(len(item.result.written)) if item.result else "0"
        table.add_row(str(item.fact_path), state, files, f"{item.seconds:.1f}")
        for line in item.errors + [str(w) for w in warnings]:
            typer.echo(line, err=True)
    Console().print(table)
    if failed:
        typer.echo(f"{failed} of {len(paths)} fact files failed", err=True)
        raise typer.Exit(1)


def _watch(
    path: Path, out: Path, fmt: str, names: list[str] | None, templates: Path | None, strict: bool, language: str | None
) -> None:
    """Build, then rebuild warm on every change; a bad edit prints its error and keeps the last good output."""
    from factbrief.build.warm import WarmBuilder
    from factbrief.build.watch import watch_inputs

    try:
        builder = WarmBuilder(path, out, fmt=fmt, only=names, template_dir=templates, strict=strict, language=language)
    except FactbriefError as exc:
        _fail(exc)

    with _interrupt_once():
        try:
            builder.start()
            for _changes in watch_inputs(builder):  # first as soon as the inputs are watched
                _once(
                    builder.build,
                    "build failed; the last good output is unchanged",
                    lambda result: (
                        f"built {len(result.written)} files{_timing(result)}; watching for changes (Ctrl-C to stop)"
                    ),
                )
        except (KeyboardInterrupt, Interrupted):
            pass
        finally:
            builder.close(abort=True)
    _leave("stopped watching")


def _leave(message: str) -> None:
    """After Ctrl-C: say so, then exit 0 at once. The workers are already killed; Python's exit hooks
    would join their pool's threads, which can wait on a pipe no worker reads any more (or, on 3.11,
    race them and print an OSError)."""
    import os
    import sys

    typer.echo(message, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _once(build, failed: str, done) -> None:  # type: ignore[no-untyped-def]
    """One build of a watch loop: its warnings and a line saying what it did, or its errors and ``failed``."""
    try:
        result = build()
    except FactbriefError as exc:
        _report(exc.lines())
        typer.echo(failed, err=True)
        return
    _report([str(w) for w in result.warnings if w.level == "warning"])
    typer.echo(done(result))


def _timing(result) -> str:  # type: ignore[no-untyped-def]
    printed = f"; printed {', '.join(result.reprinted)}" if result.reprinted else ""
    return f" in {result.seconds:.2f} s{printed}"


@contextmanager
def _interrupt_once():  # type: ignore[no-untyped-def]
    """Within: the first Ctrl-C raises Interrupted and any later one is ignored, so that stopping
    (killing the workers, closing the port) is never itself interrupted."""
    import signal

    def first(signum: int, frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise Interrupted()

    previous = signal.signal(signal.SIGINT, first)
    try:
        yield
    finally:
        if signal.getsignal(signal.SIGINT) is first:  # not interrupted: Ctrl-C as before
            signal.signal(signal.SIGINT, previous)


PREVIEW_PORT = 8400


@app.command(cls=Command)
def preview(
    fact_file: FactFileArg = None,
    port: Annotated[
        int,
        typer.Option(metavar="PORT", min=0, max=65535, help="Port on 127.0.0.1 to serve on (0: any free port)."),
    ] = PREVIEW_PORT,
    out: OutOption = Path("output"),
    templates: TemplatesOption = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in the default web browser.")] = False,
) -> None:
    """Serve the documents on a local web page that rebuilds and updates itself on every save."""
    from factbrief.build.warm import WarmBuilder
    from factbrief.build.watch import watch_inputs
    from factbrief.preview.server import Preview, PreviewServer

    path = _fact_file(fact_file)
    try:
        builder = WarmBuilder(path, out, template_dir=templates)
    except FactbriefError as exc:
        _fail(exc)
    shown = Preview(str(path))
    server = None
    with _interrupt_once():
        try:
            builder.start()  # the workers fork before the server's threads start or its port opens
            server = PreviewServer(shown, port)
            server.start()
            typer.echo(f"previewing {path} at {server.url} (Ctrl-C to stop)")
            for _changes in watch_inputs(builder):  # first as soon as the inputs are watched
                _once(
                    lambda: shown.rebuild(builder),
                    "build failed; the page shows why, above the last good documents",
                    lambda result: f"built{_timing(result)}",
                )
                if open_browser:
                    import webbrowser

                    webbrowser.open(server.url)
                    open_browser = False
        except FactbriefError as exc:
            _fail(exc)
        except (KeyboardInterrupt, Interrupted):
            pass
        finally:
            builder.close(abort=True)
            if server is not None:
                server.stop()
    _leave("stopped preview")


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
    templates: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR", help="Your template folder, as for build (default: templates/ next to the fact file)."
        ),
    ] = None,
    language: Annotated[
        str | None, typer.Option(metavar="LANG", help="Check the documents as build --language would write them.")
    ] = None,
) -> None:
    """Verify every quote, number, date, id and source, and render every document as build does."""
    from factbrief.build.pipeline import check as run_check
    from factbrief.verify.checks import parse_age

    try:
        days = parse_age(max_age) if max_age else None
    except ValueError as exc:
        typer.echo(f"--max-age: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        ff, findings = run_check(_fact_file(fact_file), templates, days, language)
    except FactbriefError as exc:
        _fail(exc)
    _report([str(f) for f in findings], err=False)
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
    from factbrief.curate.coverage import coverage
    from factbrief.factfile.load import load_fact_file

    try:
        ff = load_fact_file(_fact_file(fact_file))
    except FactbriefError as exc:
        _fail(exc)
    try:
        covered_sources = coverage(ff)
    except FactbriefError as exc:
        _fail(exc)
    total = done = 0
    for cov in covered_sources:
        n = len(cov.figures)
        covered = cov.count("quoted") + cov.count("ignored")
        total, done = total + n, done + covered
        share = f"{covered / n:.0%}" if n else "no figures"
        typer.echo(
            f"{cov.source.file_text}: {covered} of {n} figures covered ({share}; {cov.count('ignored')} ignored)"
        )
        for fig in cov.figures:
            where = f"  {cov.source.file_text}:{fig.line}:"
            if fig.state == "uncovered":
                typer.echo(f"{where} uncovered {fig.text!r} in “{fig.sentence}”")
            elif show_ignored and fig.state == "ignored":
                typer.echo(f"{where} ignored {fig.text!r} in “{fig.sentence}”; reason: {fig.reason}")
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
    from factbrief.curate.extract import extract_stubs, stubs_to_yaml

    try:
        stubs = extract_stubs(article, source, language)
    except FactbriefError as exc:
        _fail(exc)
    if not stubs:  # said on stderr, so a pipe into a fact file gets nothing
        typer.echo(f"{article}: no sentence of prose with a figure; nothing to stub", err=True)
    typer.echo(stubs_to_yaml(stubs), nl=False)


@app.command(cls=Command)
def add(
    source: Annotated[
        str, typer.Argument(help="A saved web page (.html), a PDF, a .txt file, or an http(s) URL.", metavar="SOURCE")
    ],
    fact_file: FactFileArg = None,
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
        str | None, typer.Option(metavar="TEXT", help="The publisher, where the page gives none.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="The publication date (YYYY, YYYY-MM or YYYY-MM-DD), where the page gives none or a wrong one.",
        ),
    ] = None,
) -> None:
    """Capture an article as a source: its text into sources/ID.txt, its entry (fingerprinted) into the fact file."""
    from factbrief.capture.add import add_source
    from factbrief.factfile.load import display_path
    from factbrief.model import PartialDate

    try:
        date = PartialDate.parse(published) if published else None
    except ValueError as exc:
        typer.echo(f"--published: {exc}", err=True)
        raise typer.Exit(2) from None
    path = _fact_file(fact_file)
    try:
        c = add_source(source, path, source_id, title=title, publisher=publisher, published=date)
    except FactbriefError as exc:
        _fail(exc)
    text_path, a = display_path(c.text_path), c.article
    typer.echo(f"captured {text_path}: {len(a.paragraphs)} paragraphs, {c.figures} figures (from a {a.kind})")
    typer.echo(f"  title      {a.title}")
    typer.echo(f"  publisher  {a.publisher}")
    typer.echo(f"  published  {a.published or 'not stated on the page (add it if the article gives it)'}")
    typer.echo(f"  url        {a.url or 'none'}")
    typer.echo(f"added source '{c.id}' to {c.fact_display}:{c.line} (sha256 {c.sha256[:12]}…, captured {c.captured})")
    typer.echo(f"next: factbrief extract {text_path} --source {c.id}")


@app.command(cls=Command)
def accept(
    source_id: Annotated[str, typer.Argument(help="The source whose saved text was changed on purpose.", metavar="ID")],
    fact_file: FactFileArg = None,
) -> None:
    """Accept a deliberate edit of a source's saved text: record its new sha256 in the fact file."""
    from factbrief.capture.add import accept_source

    try:
        result = accept_source(_fact_file(fact_file), source_id)
    except FactbriefError as exc:
        _fail(exc)
    if result.old == result.new:
        typer.echo(f"{result.fact_display}:{result.line}: source '{source_id}' already matches its sha256")
    else:
        typer.echo(f"{result.fact_display}:{result.line}: source '{source_id}': sha256 is now {result.new}")


@app.command(cls=Command)
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The new project's folder (created if needed).")],
    force: Annotated[
        bool, typer.Option("--force", help="Write into a folder that is not empty, overwriting files.")
    ] = False,
) -> None:
    """Start a briefing project: a sample fact file and source, a README, a templates/ folder for your own."""
    from factbrief.templating.scaffold import init_project

    try:
        written = init_project(folder, force)
    except FactbriefError as exc:
        _fail(exc)
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
    from factbrief.build.pipeline import default_template_dir
    from factbrief.templating.scaffold import list_templates

    user_dir = templates
    if user_dir is None:
        try:
            user_dir = default_template_dir(fact_file or _fact_file(None))
        except typer.Exit:
            user_dir = Path("templates") if Path("templates").is_dir() else None
    for info in list_templates(user_dir):
        typer.echo(f"{info.name:<14} {info.origin:<30} {info.path}")


@templates_app.command("reference", cls=Command)
def templates_reference() -> None:
    """Print the template reference (Markdown): every name, setting, field, filter and test."""
    from factbrief.render.reference import template_reference

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
    from factbrief.templating.environment import template_dirs
    from factbrief.templating.i18n import catalog_template

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
            help="A built-in template: briefing, factsheet, milestones, _base.md.j2, page.html.j2 or style.css.",
        ),
    ],
    to: Annotated[Path, typer.Option(metavar="DIR", help="Folder to copy into.")] = Path("templates"),
    stylesheet: Annotated[bool, typer.Option("--stylesheet", help="Also copy the stylesheet (style.css).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a file that is already there.")] = False,
) -> None:
    """Copy a built-in template into your template folder so you can edit it."""
    from factbrief.templating.scaffold import copy_template

    try:
        for path in copy_template(name, to, stylesheet, force):
            typer.echo(f"copied {path}")
    except FactbriefError as exc:
        _fail(exc)
