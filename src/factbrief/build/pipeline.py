"""The build: load → verify → render → HTML → PDF → write, every document in memory first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from factbrief.build.checking import CheckCores
from factbrief.build.options import BuildOptions, select_documents, user_template_dir
from factbrief.build.write import previous_outputs, write_outputs
from factbrief.errors import FactbriefError, LostCharacterError, Problem, VerificationError
from factbrief.factfile import load_fact_file
from factbrief.model import Fact, FactFile, Milestone, figure_words_left, pick
from factbrief.pictures import draw_all
from factbrief.printing import (
    Again,
    Plan,
    Printed,
    describe,
    fitmemory,
    kept_print,
    likely_print,
    package_for,
    page_shell,
    print_planned,
    where,
    word_document,
    word_key,
)
from factbrief.render import document_names, render_document, render_stylesheet
from factbrief.templating import make_environment, template_dirs
from factbrief.text.escaping import without_heading_attributes
from factbrief.verify import require_valid, verify

if TYPE_CHECKING:
    from factbrief.build.pool import Printers

OUTPUT_SUFFIXES = (".md", ".html", ".pdf", ".docx")


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # warnings and info (fitting, reconciled conflicts)
    pages: dict[str, int] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)  # outputs of documents that no longer exist
    retired: list[str] = field(default_factory=list)  # pictures a document no longer has
    printed: set[str] = field(default_factory=set)  # ids of the facts and milestones the documents cite
    words_ahead: list[str] = field(default_factory=list)  # documents whose Word file was made beside its PDF


def check_documents(fact_file: FactFile, env: jinja2.Environment, names: list[str]) -> list[Problem]:
    """Render every document's Markdown, page and stylesheet as ``build`` does (templates, lint): the errors, then a
    warning for each fact or milestone that no document prints. ``check`` and ``build`` both run it,
    so ``check`` passing means ``build`` passes."""
    problems: list[Problem] = []
    printed: set[str] = set()
    for name in names:
        try:
            doc = render_document(name, fact_file, env)
            page_shell(doc, env, fact_file)  # the page and stylesheet around it, linted as build does
            # Its pictures laid out and proven as build draws them (remembered, so build draws none
            # again): a timeline label with no room, or a picture printing over itself, stops both.
            draw_all(doc.pictures, render_stylesheet(env, fact_file))
            printed |= doc.printed
        except FactbriefError as exc:
            # (a rendering error's are all Problems; a bare sentence would be the fact file's)
            found = [p if isinstance(p, Problem) else Problem(fact_file.display, None, p) for p in exc.problems]
            problems += [p for p in found if p not in problems]  # a shared template's, once
    return problems or printed_nowhere(fact_file, printed, names)


def printed_nowhere(fact_file: FactFile, printed: set[str], names: list[str]) -> list[Problem]:
    """A warning for each fact or milestone that no document cites."""
    return [
        Problem(
            fact_file.display,
            item.line,
            f"{'fact' if isinstance(item, Fact) else 'milestone'} '{item.id}' is printed in no document "
            f"({', '.join(names)})",
            "warning",
            item.id,
        )
        for item in [*fact_file.facts, *fact_file.milestones]
        if item.id not in printed
    ]


def with_language(fact_file: FactFile, language: str | None) -> FactFile:
    """The fact file, its documents to be written in ``language`` (a BCP 47 tag, checked by
    BuildOptions) if one is given."""
    if language is not None:
        fact_file.reader_language = language
    return fact_file


def language_notes(fact_file: FactFile) -> list[Problem]:
    """What a document in another language than its fact file's keeps: the items with no
    translation into it (a warning naming them), and figures in the fact file's notation unless
    every figure's words are translated."""
    reader, own = fact_file.documents_language, fact_file.language
    if reader.split("-")[0].lower() == own.split("-")[0].lower():
        return []
    untranslated = fact_file.untranslated(reader)
    shown = fact_file.in_language(reader)
    notation = "the reader's notation" if shown.figures_language else f"the fact file's notation ('{own}')"
    notes = [
        Problem(
            fact_file.display,
            None,
            f"documents in '{reader}': the templates' words are translated, and the statements that have a "
            f"'{reader}' translation; quotes stay as written, figures in {notation}",
            "info",
        )
    ]
    names = pick(reader, fact_file.names)
    whole: list[Fact | Milestone] = []  # no translation of the text at all
    figures: list[tuple[Fact | Milestone, str]] = []  # the text translated, a word of the figure not
    for item in untranslated:
        printed = item.translated(reader, names)
        left = figure_words_left(item, printed) if isinstance(item, Fact) and isinstance(printed, Fact) else []
        if printed.text != item.text and left:
            figures.append((item, f"fact '{item.id}' ({', '.join(left)})"))
        else:
            whole.append(item)
    if whole:
        listed = ", ".join(f"{'fact' if isinstance(i, Fact) else 'milestone'} '{i.id}'" for i in whole[:12])
        more = f" and {len(whole) - 12} more" if len(whole) > 12 else ""
        notes.append(
            Problem(
                fact_file.display,
                whole[0].line,
                f"documents in '{reader}': {len(whole)} item(s) have no '{reader}' translation (translations: "
                f"{reader}: text, and a figure's unit) and print in '{own}' where shown: {listed}{more}",
                "warning",
                whole[0].id,
            )
        )
    if figures:
        first = figures[0][0]
        more = f" and {len(figures) - 12} more" if len(figures) > 12 else ""
        notes.append(
            Problem(
                fact_file.display,
                first.line,
                f"documents in '{reader}': {len(figures)} fact(s) have their text in '{reader}' but a word of their "
                f"figure only in '{own}', so figures print in '{own}' words and notation: {', '.join(f for _, f in figures[:12])}{more} "
                f"(translate it in the fact's translations: {reader}: or the file's translations: {reader}: units, "
                "qualifiers or statuses)",
                "warning",
                first.id,
            )
        )
    return notes


def check(
    fact_path: Path,
    template_dir: Path | None = None,
    max_age_days: int | None = None,
    language: str | None = None,
) -> tuple[FactFile, list[Problem]]:
    """Everything ``build`` checks, without printing: the fact file, its sources, the templates."""
    fact_path = Path(fact_path)
    options = BuildOptions(template_dir=template_dir, language=language)
    user_dir = user_template_dir(fact_path, options.template_dir)
    fact_file = with_language(load_fact_file(fact_path), options.language)
    if max_age_days is not None:  # --max-age: the documents rendered here mark what is older
        fact_file.max_age_days = max_age_days

    def documents() -> list[Problem]:
        env = make_environment([user_dir] if user_dir else None)
        return check_documents(fact_file, env, document_names(env))

    cores = CheckCores(documents)  # the documents rendered beside the checks, used if they pass
    try:
        findings = verify(fact_file, max_age_days, cores) + language_notes(fact_file)
        if not any(f.level == "error" for f in findings):
            findings += cores.documents_findings()
    finally:
        cores.close()
    return fact_file, findings


def build(fact_path: Path, out_dir: Path, options: BuildOptions | None = None) -> BuildResult:
    """Build the documents of one fact file into ``out_dir``; raise FactbriefError on any problem.

    Nothing is written unless every document renders (and, with ``strict``, without warnings).
    """
    options = options or BuildOptions()
    fact_path, out_dir = Path(fact_path), Path(out_dir)
    user_dir = user_template_dir(fact_path, options.template_dir)
    env = make_environment([user_dir] if user_dir else None)
    available = document_names(env)
    names = select_documents(available, options.only)
    printing = _Printing(options, user_dir, len(names))
    if options.fmt != "md" and not fitmemory.load_tried(out_dir):
        # Nothing to keep from an earlier build here: the workers start at once, and load
        # WeasyPrint and the fonts while the fact file is checked.
        printing.start()
    try:
        fact_file = with_language(load_fact_file(fact_path), options.language)
        result = BuildResult(warnings=require_valid(fact_file) + language_notes(fact_file))
        files = _render_all(names, fact_file, env, options.fmt, user_dir, printing, result, out_dir)
    except BaseException:
        printing.close(abort=True)
        raise
    printing.close()
    commit_outputs(out_dir, files, available, names, options, fact_file, result)
    return result


class _Printing:
    """The printing workers of one build, started when first needed (never, when every document
    is kept from the last build, or on one core)."""

    def __init__(self, options: BuildOptions, user_dir: Path | None, documents: int) -> None:
        self.options, self.user_dir, self.documents = options, user_dir, documents
        self.printers: Printers | None = None
        self.started = False

    def start(self) -> Printers | None:
        if not self.started and self.options.parallel:
            from factbrief.build.pool import Printers

            workers = Printers.available(self.documents)
            self.printers = Printers(workers, self.user_dir) if workers else None
        self.started = True
        return self.printers

    def close(self, abort: bool = False) -> None:
        if self.printers:
            self.printers.close(abort=abort)


def commit_outputs(
    out_dir: Path,
    files: dict[str, bytes],
    available: list[str],
    names: list[str],
    options: BuildOptions,
    fact_file: FactFile,
    result: BuildResult,
) -> None:
    """Warn of facts no document prints (when every document is built), refuse warnings under
    ``strict``, then write every file and remove the outputs of documents that no longer exist
    and the pictures no document links any more, all at once (write.py)."""
    if names == available:
        result.warnings += printed_nowhere(fact_file, result.printed, names)
    warnings = [w for w in result.warnings if w.level == "warning"]
    if options.strict and warnings:
        raise VerificationError(
            [*warnings, Problem(fact_file.display, None, f"{len(warnings)} warning(s) under --strict; nothing written")]
        )
    manifest = previous_outputs(out_dir)
    result.warnings += [Problem(str(out_dir), None, w, "warning") for w in manifest.warnings]
    # Only outputs Factbrief wrote and nobody changed since (write.py), and never an input.
    protected = {fact_file.path.resolve(), *(s.file.resolve() for s in fact_file.sources.values())}
    previous = [
        n
        for n in manifest.sealed
        if n != fitmemory.FILE and (out_dir / n).resolve() not in protected and manifest.removable(out_dir, n)
    ]
    result.removed = [n for n in previous if (d := _document_of(n, available)) is not None and d not in available]
    # A document whose Markdown is written again keeps only the pictures it links now.
    rewritten = set(names) if options.fmt in ("md", "all") else set()
    result.retired = [
        n for n in previous if n.endswith(".svg") and _document_of(n, available) in rewritten and n not in files
    ]
    result.written = write_outputs(out_dir, files, result.removed + result.retired)


def _document_of(output: str, documents: list[str]) -> str | None:
    """The document an output belongs to: ``briefing.pdf``, or a picture ``milestones-timeline.svg``."""
    if output.endswith(".svg"):
        return next((d for d in sorted(documents, key=len, reverse=True) if output.startswith(d + "-")), None)
    for suffix in OUTPUT_SUFFIXES:
        if output.endswith(suffix):
            return output.removesuffix(suffix)
    return None


def _render_all(
    names: list[str],
    fact_file: FactFile,
    env: jinja2.Environment,
    fmt: str,
    user_dir: Path | None,
    printing: _Printing,
    result: BuildResult,
    out_dir: Path,
) -> dict[str, bytes]:
    """Every output file of the documents, in memory; PDF warnings and fitting notes go to ``result``.
    A document whose last print in this folder is what printing would write again is kept (no
    layout: printing/reprint.py); the others are printed, on the workers when there are several."""
    if fmt == "md":
        return markdown_outputs(names, fact_file, env, result)
    dirs = template_dirs(user_dir)
    hints, tried, pages = fitmemory.load(out_dir), fitmemory.load_tried(out_dir), fitmemory.load_pages(out_dir)
    word = fmt in ("docx", "all")
    plans = {name: Plan(hints.get(name), Again(out_dir, tried.get(name, ())), word) for name in names}
    found = {
        name: kept
        for name in names
        if name in tried and (kept := kept_print(name, fact_file, env, dirs, plans[name])) is not None
    }
    todo = [name for name in names if name not in found]
    printers = printing.start() if todo else None
    if printers:
        # A document printed here before: its Word file is made beside its PDF, as it will most likely print.
        likely = {
            name: printed
            for name in todo
            if word and name in pages and (printed := likely_print(name, fact_file, env, hints.get(name), pages[name]))
        }
        found |= dict(zip(todo, printers.print_all(todo, fact_file, plans, likely), strict=True))
        result.words_ahead = words_ahead(likely, found, fact_file, user_dir)
    else:
        found |= {name: print_planned(name, fact_file, env, dirs, plans[name]) for name in todo}
    all_printed = [found[name] for name in names]
    return printed_outputs(names, all_printed, fmt, fact_file, result, env, out_dir) | fit_memory(names, all_printed)


def fit_memory(names: list[str], all_printed: list[Printed]) -> dict[str, bytes]:
    """The folder's fitting memory (fitmemory.py): where each fitting ended, what it tried and on
    how many pages it printed, so that the next build into the folder, warm or cold, starts there,
    keeps what it can and makes Word files beside their PDFs."""
    printed = dict(zip(names, all_printed, strict=True))
    memory = fitmemory.dump(
        {name: p.chosen for name, p in printed.items()},
        {name: [fit for fit, _digest in p.tried] for name, p in printed.items()},
        {name: p.pdf.pages for name, p in printed.items()},
    )
    return {fitmemory.FILE: memory} if memory else {}


def words_ahead(
    likely: dict[str, Printed], printed: dict[str, Printed], fact_file: FactFile, user_dir: Path | None
) -> list[str]:
    """The documents whose Word file was made beside its PDF and taken: printed as was likely."""
    return [
        name
        for name, guess in likely.items()
        if (word := printed[name].word) is not None and word[0] == word_key(guess, fact_file, user_dir)
    ]


def markdown_outputs(
    names: list[str], fact_file: FactFile, env: jinja2.Environment, result: BuildResult
) -> dict[str, bytes]:
    """The Markdown of each document (``--format md``: nothing is printed, nothing fitted)."""
    files: dict[str, bytes] = {}
    for name in names:
        doc = render_document(name, fact_file, env)
        result.printed |= doc.printed
        files[f"{name}.md"] = without_heading_attributes(doc.markdown).encode("utf-8")
        if doc.pictures:  # drawn beside the Markdown, which links them by name
            drawn = draw_all(doc.pictures, render_stylesheet(env, fact_file))
            files.update({picture: svg for picture, (_kind, svg) in drawn.items()})
        if doc.max_pages:
            result.warnings.append(
                Problem(
                    f"{name}.md",
                    None,
                    f"not fitted to {doc.max_pages} page(s): fitting needs the PDF layout "
                    "(--format all writes the Markdown of the fitted PDF)",
                    "info",
                )
            )
    return files


def printed_outputs(
    names: list[str],
    all_printed: list[Printed],
    fmt: str,
    fact_file: FactFile,
    result: BuildResult,
    env: jinja2.Environment | None = None,
    folder: Path | None = None,
) -> dict[str, bytes]:
    """The output files of printed documents (``env``: the templates, for the Word files); their
    fitting notes, PDF warnings, pages and the facts they print go to ``result``; a character no
    font has stops the build."""
    files: dict[str, bytes] = {}
    lost: dict[str, list[str]] = {}
    for name, printed in zip(names, all_printed, strict=True):
        for char in printed.pdf.lost:
            lost.setdefault(char, []).append(name)
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
        result.printed |= printed.doc.printed
        if fmt == "all":
            files[f"{name}.md"] = without_heading_attributes(printed.doc.markdown).encode("utf-8")
            files.update(printed.pictures)
        if fmt in ("docx", "all") and env is not None:  # from the fitted document, as the PDF (word.py)
            files[f"{name}.docx"] = word_document(printed, fact_file, env, folder)[1]
        if fmt != "docx":
            files[f"{name}.html"] = printed.html.encode("utf-8")
            files[f"{name}.pdf"] = printed.pdf.data
    if lost:
        raise LostCharacterError([lost_character(fact_file, char, docs) for char, docs in lost.items()])
    return files


def lost_character(fact_file: FactFile, char: str, documents: list[str]) -> Problem:
    """A character no font here has, named with the first place the fact file writes it (else the
    first document that prints it) and the font package that has it."""
    problem = f"character {describe(char)} has no font here (install {package_for(char)})"
    places = where(char, fact_file)
    if not places:
        return Problem(f"{documents[0]}.pdf", None, problem)
    (line, what, ref), more = places[0], len(places) - 1
    also = f"; also in {more} more place{'s' if more > 1 else ''}" if more else ""
    return Problem(fact_file.display, line, f"{what}: {problem}{also}", ref=ref)
