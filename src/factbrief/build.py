"""The build: load → verify → render → HTML → PDF → write, every document in memory first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .environment import builtin_template_dir, make_environment, template_dirs
from .errors import Problem, UsageError
from .load import load_fact_file
from .render import document_names, render_document
from .verify import require_valid
from .write import write_outputs

FORMATS = ("md", "pdf", "all")


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)


def default_template_dir(fact_path: Path) -> Path | None:
    """``templates/`` next to the fact file, when it exists."""
    candidate = fact_path.resolve().parent / "templates"
    return candidate if candidate.is_dir() and candidate.resolve() != builtin_template_dir().resolve() else None


def build(
    fact_path: Path,
    out_dir: Path,
    fmt: str = "all",
    only: list[str] | None = None,
    template_dir: Path | None = None,
    parallel: bool = True,
) -> BuildResult:
    """Build the documents of one fact file into ``out_dir``; raise FactbriefError on any problem."""
    if fmt not in FORMATS:
        raise UsageError(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")
    fact_path, out_dir = Path(fact_path), Path(out_dir)
    user_dir = template_dir or default_template_dir(fact_path)
    env = make_environment([user_dir] if user_dir else None)
    available = document_names(env)
    names = only or available
    unknown = [n for n in names if n not in available]
    if unknown:
        raise UsageError(f"--only: unknown document {', '.join(unknown)} (available: {', '.join(available)})")
    fact_file = load_fact_file(fact_path)
    result = BuildResult(warnings=require_valid(fact_file))
    printers = None
    if fmt != "md" and parallel:
        from .layout import Printers

        workers = Printers.available(len(names))
        printers = Printers(workers, user_dir) if workers else None
    try:
        files = _render_all(names, fact_file, env, fmt, user_dir, printers, result)
    finally:
        if printers:
            printers.close()
    result.written = write_outputs(out_dir, files)
    return result


def _render_all(names, fact_file, env, fmt, user_dir, printers, result: BuildResult) -> dict[str, bytes]:
    """Every output file of the documents, in memory; PDF warnings and fitting notes go to ``result``."""
    files: dict[str, bytes] = {}
    if fmt == "md":
        for name in names:
            files[f"{name}.md"] = render_document(name, fact_file, env).markdown.encode("utf-8")
        return files
    from .layout import print_document  # printing: WeasyPrint loads on first use, never for md

    if printers:
        all_printed = printers.print_all(names, fact_file)
    else:
        all_printed = [print_document(name, fact_file, env, template_dirs(user_dir)) for name in names]
    for name, printed in zip(names, all_printed, strict=True):
        if printed.dropped:
            result.warnings.append(
                Problem(
                    f"{name}.pdf",
                    None,
                    f"fitted to {printed.doc.max_pages} page(s): " + "; ".join(printed.dropped),
                    "info",
                )
            )
        result.warnings += [Problem(f"{name}.pdf", None, w, "warning") for w in printed.pdf.warnings]
        result.pages[name] = printed.pdf.pages
        if fmt == "all":
            files[f"{name}.md"] = printed.doc.markdown.encode("utf-8")
        files[f"{name}.html"] = printed.html.encode("utf-8")
        files[f"{name}.pdf"] = printed.pdf.data
    return files


@dataclass
class BatchItem:
    """One fact file of a batch: its result, or the error lines that stopped it."""

    fact_path: Path
    out_dir: Path
    result: BuildResult | None = None
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _build_one(args: tuple[Path, Path, str, list[str] | None, Path | None]) -> BatchItem:
    import time

    from .errors import FactbriefError

    fact_path, out_dir, fmt, only, template_dir = args
    item = BatchItem(fact_path, out_dir)
    start = time.perf_counter()
    try:
        item.result = build(fact_path, out_dir, fmt, only, template_dir, parallel=False)
    except FactbriefError as exc:
        item.errors = exc.lines()
    item.seconds = time.perf_counter() - start
    return item


def build_many(
    fact_paths: list[Path],
    out_dir: Path,
    fmt: str = "all",
    only: list[str] | None = None,
    template_dir: Path | None = None,
):
    """Build many fact files, each into ``out_dir/<name>/``, over the machine's cores.

    Yields a BatchItem as each file finishes; one bad file does not stop the others.
    """
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed

    stems = [p.stem for p in fact_paths]
    if len(set(stems)) != len(stems):
        raise UsageError("two fact files share a name; their outputs would collide in the output folder")
    jobs = [(p, out_dir / p.stem, fmt, only, template_dir) for p in fact_paths]
    if fmt != "md":
        from .pdf import warm_up

        warm_up()  # once, before forking
    workers = min(len(jobs), os.cpu_count() or 1)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(_build_one, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()
