"""``factbrief build`` (one fact file, a batch, or ``--watch``) and ``factbrief preview``."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from factbrief.cli.app import (
    FactFileArg,
    LanguageOption,
    OutOption,
    TemplatesOption,
    app,
    fact_file_or_default,
    report,
)
from factbrief.cli.command import Command
from factbrief.errors import FactbriefError, Interrupted

if TYPE_CHECKING:
    from factbrief.build import BuildOptions

PREVIEW_PORT = 8400


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
        typer.Option(
            "--format",
            "-f",
            metavar="md|pdf|docx|all",
            help="md: Markdown only; pdf: HTML and PDF; docx: Word files; all: every one.",
        ),
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
    language: LanguageOption = None,
) -> None:
    """Check the fact file, then render the briefing, fact sheet and milestone summary."""
    from factbrief.build import BuildOptions
    from factbrief.build import build as run_build

    names = tuple(only.split(",")) if only is not None else None
    options = BuildOptions(fmt=fmt, only=names, template_dir=templates, strict=strict, language=language)
    if fact_files and len(fact_files) > 1:
        _build_batch(fact_files, out, options)
        return
    path = fact_file_or_default(fact_files[0] if fact_files else None)
    if watch:
        _watch(path, out, options)
        return
    result = run_build(path, out, options)
    report([str(w) for w in result.warnings])
    for written in result.written:
        pages = result.pages.get(written.stem) if written.suffix == ".pdf" else None
        typer.echo(f"wrote {written}" + (f" ({pages} page{'s' if pages != 1 else ''})" if pages else ""))
    for name in result.removed:
        typer.echo(f"removed {out / name} (its template is gone)")
    for name in result.retired:
        typer.echo(f"removed {out / name} (the document no longer shows it)")


def _build_batch(paths: list[Path], out: Path, options: BuildOptions) -> None:
    """Build many fact files with a progress bar, then a summary table; non-zero if any failed."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from factbrief.build import build_many

    items = []
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # a bar only where someone watches it (else a blank line)
    ) as progress:
        task = progress.add_task("", total=len(paths))
        for item in build_many(paths, out, options):
            items.append(item)
            progress.update(task, advance=1, description=str(item.fact_path))
    table = Table(title=f"{len(paths)} fact files → {out}/")
    for column in ("fact file", "result", "files", "seconds"):
        table.add_column(column)
    for item in sorted(items, key=lambda i: str(i.fact_path)):
        table.add_row(str(item.fact_path), item.state, str(item.files), f"{item.seconds:.1f}")
        report([_of_file(item.fact_path, line) for line in item.errors + [str(w) for w in item.warnings]])
    Console().print(table)
    failed = sum(bool(item.errors) for item in items)
    if failed:
        typer.echo(f"{failed} of {len(paths)} fact files failed", err=True)
        raise typer.Exit(1)


def _of_file(fact_path: Path, line: str) -> str:
    """A batch's message, naming its fact file when it names only an output or a template
    ("factsheet.docx: …" → "briefs/b.yaml: factsheet.docx: …")."""
    from factbrief.factfile import display_path

    named = (str(fact_path), display_path(fact_path))
    return line if line.startswith(tuple(f"{n}:" for n in named)) else f"{fact_path}: {line}"


def _watch(path: Path, out: Path, options: BuildOptions) -> None:
    """Build, then rebuild warm on every change; a bad edit prints its error and keeps the last good output."""
    from factbrief.build import WarmBuilder, watch_inputs

    builder = WarmBuilder(path, out, options)
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
    from factbrief.build import BuildOptions, WarmBuilder, watch_inputs
    from factbrief.preview import Preview, PreviewServer

    path = fact_file_or_default(fact_file)
    builder = WarmBuilder(path, out, BuildOptions(template_dir=templates))
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
        except (KeyboardInterrupt, Interrupted):
            pass
        finally:
            builder.close(abort=True)
            if server is not None:
                server.stop()
    _leave("stopped preview")


def _leave(message: str) -> None:
    """After Ctrl-C: say so, then exit 0 at once. The workers are already killed; Python's exit hooks
    would join their pool's threads, which can wait on a pipe no worker reads any more (or, on 3.11,
    race them and print an OSError)."""
    typer.echo(message, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _once(build: Callable[[], Any], failed: str, done: Callable[[Any], str]) -> None:
    """One build of a watch loop: its warnings and a line saying what it did, or its errors and ``failed``."""
    try:
        result = build()
    except FactbriefError as exc:
        report(exc.lines())
        typer.echo(failed, err=True)
        return
    report([str(w) for w in result.warnings if w.level == "warning"])
    typer.echo(done(result))


def _timing(result: Any) -> str:
    printed = f"; printed {', '.join(result.reprinted)}" if result.reprinted else ""
    return f" in {result.seconds:.2f} s{printed}"


@contextmanager
def _interrupt_once() -> Iterator[None]:
    """Within: the first Ctrl-C raises Interrupted and any later one is ignored, so that stopping
    (killing the workers, closing the port) is never itself interrupted."""

    def first(signum: int, frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise Interrupted()

    previous = signal.signal(signal.SIGINT, first)
    try:
        yield
    finally:
        if signal.getsignal(signal.SIGINT) is first:  # not interrupted: Ctrl-C as before
            signal.signal(signal.SIGINT, previous)
