"""The build: load → verify → render → HTML → PDF → write, every document in memory first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, UsageError
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
    files: dict[str, bytes] = {}
    if fmt == "md":
        for name in names:
            files[f"{name}.md"] = render_document(name, fact_file, env).markdown.encode("utf-8")
    else:
        from .layout import print_documents  # imports WeasyPrint: only when printing

        search_dirs = [d for d in (user_dir, builtin_template_dir()) if d]
        for name, printed in zip(names, print_documents(names, fact_file, env, search_dirs), strict=True):
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
    result.written = write_outputs(out_dir, files)
    return result
