"""Warm rebuilds: one long-lived builder keeps the templates, the printing workers and the last outputs.

``factbrief preview`` and ``build --watch`` rebuild on every save. A cold build starts Python,
loads WeasyPrint and the fonts and forks its workers every time; a WarmBuilder does that once.
Each rebuild loads and checks the fact file, and prints a document again only when printing
could give another PDF than a version it remembers: when a layout that version's fitting tried
now renders to another page (its HTML, which holds the Markdown, the page template and the
stylesheet; the Markdown; the template's settings), or a file in the template folders that the
stylesheet may fetch changed. Rendering a layout takes milliseconds; laying it out, a large part
of a second. The PDFs are the same, byte for byte, as a cold build's.
"""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from factbrief.build.options import BuildOptions, select_documents, user_template_dir
from factbrief.build.pipeline import (
    BuildResult,
    commit_outputs,
    fit_memory,
    markdown_outputs,
    printed_outputs,
    with_language,
    words_ahead,
)
from factbrief.build.pool import Printers
from factbrief.errors import FactbriefError
from factbrief.factfile import load_fact_file
from factbrief.model import FactFile
from factbrief.printing import Plan, Printed, folder_stamp, likely_print, page_digest, page_html, print_planned
from factbrief.render import document_names, render_document
from factbrief.templating import DOC_SUFFIX, make_environment, template_dirs
from factbrief.verify import require_valid

KEPT_PER_DOCUMENT = 4  # printed versions remembered per document: undoing an edit prints nothing


@dataclass
class WarmBuild(BuildResult):
    """A build's result, with its documents, which of them were printed anew, and every output file."""

    documents: list[str] = field(default_factory=list)
    reprinted: list[str] = field(default_factory=list)  # the documents printed anew by this build
    files: dict[str, bytes] = field(default_factory=dict)
    seconds: float = 0.0


class WarmBuilder:
    """Builds one fact file again and again, printing only what changed; ``close()`` when done."""

    def __init__(self, fact_path: Path, out_dir: Path, options: BuildOptions | None = None) -> None:
        self.fact_path, self.out_dir = Path(fact_path), Path(out_dir)
        self.options = options or BuildOptions()
        self.parallel = self.options.parallel  # False once a single core is found
        self._given_templates = self.options.template_dir  # None: templates/ next to the fact file, once it exists
        self.user_dir = user_template_dir(self.fact_path, self._given_templates)
        self.dirs = template_dirs(self.user_dir)
        self.last: WarmBuild | None = None  # the last build that wrote its outputs
        self.inputs: set[Path] = {self.fact_path.resolve()}  # the fact file and its sources, as last read
        self._env: jinja2.Environment | None = None
        self._stamp: tuple | None = None  # the template folders as the environment was made from them
        self._version: int | None = None  # None for the first templates (the workers start with them)
        self._assets = ""  # a digest of the files the stylesheet may fetch
        self._printers: Printers | None = None
        self._remembered: dict[str, list[tuple[str, Printed]]] = {}  # document → (assets, Printed), latest last

    def start(self) -> None:
        """Fork the printing workers now (before the caller starts any threads of its own)."""
        if self.options.fmt != "md":
            self._workers(len(document_names(self._environment())))

    def build(self) -> WarmBuild:
        """Build once; raise FactbriefError and keep the last good outputs on any problem."""
        start = time.perf_counter()
        env = self._environment()
        available = document_names(env)
        names = select_documents(available, self.options.only)
        fact_file = with_language(load_fact_file(self.fact_path), self.options.language)
        self.inputs = {fact_file.path.resolve(), *(source.file.resolve() for source in fact_file.sources.values())}
        result = WarmBuild(warnings=require_valid(fact_file), documents=names)
        if self.options.fmt == "md":
            files = markdown_outputs(names, fact_file, env, result)
        else:
            printed = self._print(names, fact_file, env, result)
            files = printed_outputs(names, printed, self.options.fmt, fact_file, result, env) | fit_memory(
                names, printed
            )
        commit_outputs(self.out_dir, files, available, names, self.options, fact_file, result)
        result.files, result.seconds = files, time.perf_counter() - start
        self.last = result
        return result

    def close(self, abort: bool = False) -> None:
        """Stop the workers: let them finish, or (``abort``, on Ctrl-C) kill them at once."""
        printers, self._printers = self._printers, None
        if printers:
            printers.close(abort=abort)

    def _print(
        self, names: list[str], fact_file: FactFile, env: jinja2.Environment, result: WarmBuild
    ) -> list[Printed]:
        """Every document's printed form: a remembered one where it still holds, else printed now."""
        printers = self._workers(len(names))
        found: dict[str, Printed] = {}
        started: dict[str, Future[Printed]] = {}
        plans: dict[str, Plan] = {}
        templates = (self._version, self.user_dir)
        rendered: dict[tuple[str, object], str] = {}  # (document, fit) → page_digest, for this build
        try:
            for name in names:  # each goes to a worker as soon as it is known to need printing
                reused = self._reusable(name, fact_file, env, rendered)
                if reused is not None:
                    found[name] = reused
                else:
                    plans[name] = self._plan(name)
                    if printers:  # its Word file is a job of its own (Printers.finish)
                        started[name] = printers.submit(name, fact_file, templates, replace(plans[name], word=False))
            if printers:
                likely = {name: printed for name in started if (printed := self._likely(name, fact_file, env))}
                found |= dict(zip(started, printers.finish(started, fact_file, plans, templates, likely), strict=True))
                result.words_ahead = words_ahead(likely, found, fact_file, self.user_dir)
            else:
                found |= {name: print_planned(name, fact_file, env, self.dirs, plan) for name, plan in plans.items()}
        except FactbriefError:
            for future in started.values():
                future.cancel()
            if printers and printers.broken:
                self.close(abort=True)  # a new pool next time
            raise
        except BaseException:
            self.close(abort=True)  # Ctrl-C: the caller is stopping
            raise
        for name in names:
            self._remember(name, found[name])
        result.reprinted = list(plans)
        return [found[name] for name in names]

    def _reusable(
        self, name: str, fact_file: FactFile, env: jinja2.Environment, rendered: dict[tuple[str, object], str]
    ) -> Printed | None:
        """A remembered print of this document that printing now would repeat, or None.

        Printing is decided by the layouts the fitting tries, one after another, each by its input
        alone: if every layout a remembered print tried renders to the same page now, printing
        again would try the same layouts with the same outcomes and print the same PDF.
        """
        for assets, printed in reversed(self._remembered.get(name, [])):
            if assets != self._assets:
                continue
            for fit, digest in printed.tried:
                if (name, fit) not in rendered:
                    doc = render_document(name, fact_file, env, fit)
                    rendered[(name, fit)] = page_digest(doc, page_html(doc, env, fact_file, fit))
                if rendered[(name, fit)] != digest:
                    break
            else:
                return printed
        return None

    def _likely(self, name: str, fact_file: FactFile, env: jinja2.Environment) -> Printed | None:
        """The document as it will most likely print: as its last print, in the same fit and on as many
        pages (its Word file is then made beside its PDF: Printers.finish)."""
        remembered = self._remembered.get(name)
        if not remembered:
            return None
        last = remembered[-1][1]
        return likely_print(name, fact_file, env, last.chosen, last.pdf.pages)

    def _plan(self, name: str) -> Plan:
        """Fitting starts where it ended the last time this document was printed; its Word file is
        made too, when the build writes Word files."""
        remembered = self._remembered.get(name)
        hint = remembered[-1][1].chosen if remembered else None
        return Plan(hint, None, self.options.fmt in ("docx", "all"))

    def _remember(self, name: str, printed: Printed) -> None:
        kept = [(a, p) for a, p in self._remembered.get(name, []) if p is not printed]
        self._remembered[name] = [*kept, (self._assets, printed)][-KEPT_PER_DOCUMENT:]  # the latest last

    def _environment(self) -> jinja2.Environment:
        """The Jinja environment, made anew when any file in the template folders changed."""
        if self._given_templates is None:  # `templates copy` may have made templates/ since the last build
            self.user_dir = user_template_dir(self.fact_path, None)
            self.dirs = template_dirs(self.user_dir)
        folders = tuple(folder_stamp(d) for d in self.dirs)
        stamp = (self.user_dir, *folders)
        if self._env is None or stamp != self._stamp:
            if self._env is not None:
                self._version = (self._version or 0) + 1  # the workers load the templates anew
            self._env = make_environment([self.user_dir] if self.user_dir else None)
            self._stamp = stamp
            assets = [entry for folder in folders for entry in folder if not entry[0].endswith(DOC_SUFFIX)]
            self._assets = hashlib.sha256(repr(assets).encode()).hexdigest()
        documents = set(document_names(self._env))
        for name in [n for n in self._remembered if n not in documents]:
            del self._remembered[name]  # its template is gone
        return self._env

    def _workers(self, documents: int) -> Printers | None:
        """The printing workers, started on first use (None: print in this process)."""
        if not self.parallel:
            return None
        if self._printers is None:
            workers = Printers.available(documents)
            if not workers:
                self.parallel = False  # one core: print here
                return None
            self._printers = Printers(workers, self.user_dir)
        return self._printers
