"""The build: load → verify → render → HTML → PDF → write, every document in memory first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, RenderError, UsageError
from .load import load_fact_file
from .render import builtin_template_dir, document_names, make_environment, render_document
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
) -> BuildResult:
    """Build the documents of one fact file into ``out_dir``; raise FactbriefError on any problem."""
    if fmt not in FORMATS:
        raise UsageError(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")
    fact_file = load_fact_file(fact_path)
    result = BuildResult(warnings=require_valid(fact_file))
    user_dir = template_dir or default_template_dir(fact_path)
    env = make_environment([user_dir] if user_dir else None)
    available = document_names(env)
    names = only or available
    unknown = [n for n in names if n not in available]
    if unknown:
        raise UsageError(f"--only: unknown document {', '.join(unknown)} (available: {', '.join(available)})")
    docs = [render_document(name, fact_file, env) for name in names]

    files: dict[str, bytes] = {}
    if fmt in ("md", "all"):
        files.update({f"{d.name}.md": d.markdown.encode("utf-8") for d in docs})
    if fmt in ("pdf", "all"):
        from .html import render_page
        from .pdf import html_to_pdf

        search_dirs = [d for d in (user_dir, builtin_template_dir()) if d]
        for d in docs:
            page = render_page(d, env, fact_file)
            pdf = html_to_pdf(page, search_dirs[0], search_dirs, d.name, fact_file.as_of)
            if d.max_pages and pdf.pages > d.max_pages:
                raise RenderError(
                    Problem(
                        d.template_file,
                        None,
                        f"{d.name} runs to {pdf.pages} pages (its template allows {d.max_pages}); shorten the fact file's selections",
                    )
                )
            result.warnings += [Problem(f"{d.name}.pdf", None, w, "warning") for w in pdf.warnings]
            result.pages[d.name] = pdf.pages
            files[f"{d.name}.html"] = page.encode("utf-8")
            files[f"{d.name}.pdf"] = pdf.data
    result.written = write_outputs(out_dir, files)
    return result
