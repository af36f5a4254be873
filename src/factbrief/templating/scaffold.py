"""Starting points for users: `init` a briefing project, list and copy the built-in templates."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from factbrief.errors import OutputError, Problem, UsageError
from factbrief.templating.environment import DOC_SUFFIX, builtin_template_dir

STYLESHEET = "style.css"
README_SNIPPET = """# {name}

A Factbrief briefing project.

    factbrief check               # prove every quote and number in brief.yaml from sources/
    factbrief coverage            # the figures in sources/ that no fact quotes yet
    factbrief extract sources/ARTICLE.txt --source ID   # fact stubs to paste under facts:
    factbrief build               # output/: briefing, factsheet, milestones, talking-points as .md, .html, .pdf, .docx
    factbrief build --watch       # rebuild on every save

Edit `brief.yaml` (the fact file) and add articles to `sources/`. The documents come from
Factbrief's built-in templates until you put your own in `templates/` (see templates/README.md).
"""
# The new project's templates/ starts empty: a copy of every built-in would list them all as
# "yours" and keep them from ever getting Factbrief's fixes. It says how to add one.
TEMPLATES_README = """# Your templates

This folder is searched before Factbrief's built-in templates. It starts empty, so the documents
use the built-ins (`factbrief templates list` shows which is which).

    factbrief templates copy briefing              # the built-in briefing, to edit here
    factbrief templates copy briefing --stylesheet # and style.css (page size, margins, fonts)

A copy replaces the built-in entirely. To change one part and keep the rest up to date, extend
the built-in instead, and override only that block:

    {% extends "!default/briefing.md.j2" %}
    {% block titleblock %}…{% endblock %}

Any other `NAME.md.j2` here is a new document: `factbrief build` makes `NAME.md`, `.html`, `.pdf`, `.docx`.

    factbrief templates copy reference.docx        # the Word template: styles, fonts, margins, header
`factbrief templates reference` prints everything a template can use (names, fields, filters).
"""


def sample_dir() -> Path:
    return Path(str(resources.files("factbrief") / "sample"))


@dataclass(frozen=True)
class TemplateInfo:
    name: str  # document name, e.g. "briefing"
    origin: str  # "built-in", "yours" or "yours, replaces the built-in"
    path: Path


def list_templates(user_dir: Path | None) -> list[TemplateInfo]:
    """Every document type, from the user's folder and the built-ins, and where each comes from."""
    builtin = {p.name: p for p in builtin_template_dir().glob("*" + DOC_SUFFIX) if not p.name.startswith("_")}
    mine = {p.name: p for p in user_dir.glob("*" + DOC_SUFFIX) if not p.name.startswith("_")} if user_dir else {}
    out = []
    for filename in sorted(builtin.keys() | mine.keys()):
        name = filename.removesuffix(DOC_SUFFIX)
        if filename in mine:
            origin = "yours, replaces the built-in" if filename in builtin else "yours"
            out.append(TemplateInfo(name, origin, mine[filename]))
        else:
            out.append(TemplateInfo(name, "built-in", builtin[filename]))
    return out


def copy_template(name: str, to: Path, with_stylesheet: bool = False, force: bool = False) -> list[Path]:
    """Copy a built-in template (and the stylesheet, if asked) into ``to`` for editing."""
    builtin = builtin_template_dir()
    filename = name if name.endswith((".j2", ".css", ".docx")) else name + DOC_SUFFIX
    source = builtin / filename
    if not source.is_file() or filename.startswith("__"):
        available = sorted(p.name for p in builtin.iterdir() if p.suffix in (".j2", ".css", ".docx"))
        raise UsageError(f"no built-in template '{name}' (available: {', '.join(available)})")
    wanted = [source] + ([builtin / STYLESHEET] if with_stylesheet and filename != STYLESHEET else [])
    return [_copy(path, to / path.name, force) for path in wanted]


def _copy(source: Path, target: Path, force: bool) -> Path:
    if target.exists() and target.resolve() == source.resolve():
        raise UsageError(f"{target} is the built-in template itself (copy it into another folder)")
    if target.exists() and not force:
        raise OutputError(Problem(str(target), None, "already exists (use --force to overwrite it)"))
    _make_folder(target.parent)
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        raise OutputError(Problem(str(target), None, f"cannot be written ({exc.strerror})")) from None
    return target


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(Problem(str(folder), None, "is not a folder (expected a folder to copy into)"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = next((p for p in [folder, *folder.parents] if p.exists() and not p.is_dir()), folder)
        reason = "is not a folder" if where != folder or folder.exists() else f"cannot be created ({exc.strerror})"
        raise OutputError(Problem(str(where), None, reason)) from None


def init_project(folder: Path, force: bool = False) -> list[Path]:
    """A new briefing project: a sample fact file and source, a README, and an empty templates/
    that says how to copy or extend a built-in template."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(Problem(str(folder), None, "is a file (choose a new folder)"))
    if folder.exists() and any(folder.iterdir()) and not force:
        raise OutputError(Problem(str(folder), None, "is not empty (choose a new folder, or use --force)"))
    sample = sample_dir()
    written = [_copy(sample / "brief.yaml", folder / "brief.yaml", force)]
    for article in sorted((sample / "sources").glob("*.txt")):
        written.append(_copy(article, folder / "sources" / article.name, force))
    _make_folder(folder / "templates")
    for path, text in (
        (folder / "README.md", README_SNIPPET.format(name=folder.resolve().name)),
        (folder / "templates" / "README.md", TEMPLATES_README),
    ):
        if not path.exists() or force:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    (folder / "output").mkdir(exist_ok=True)
    return written


DEFAULT_FACT_FILES = (Path("facts/japan-vietnam.yaml"), Path("brief.yaml"))


def default_fact_file() -> Path:
    """The fact file when none is named: the first of DEFAULT_FACT_FILES that exists here."""
    for candidate in DEFAULT_FACT_FILES:
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(p) for p in DEFAULT_FACT_FILES)
    raise UsageError(f"no fact file given, and none found here (looked for {looked})")
