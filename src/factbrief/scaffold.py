"""Starting points for users: `init` a briefing project, list and copy the built-in templates."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .environment import DOC_SUFFIX, builtin_template_dir
from .errors import OutputError, Problem, UsageError

STYLESHEET = "style.css"
SUPPORT_TEMPLATES = ("_base.md.j2", "page.html.j2")
README_SNIPPET = """# {name}

A Factbrief briefing project.

    factbrief check               # prove every quote and number in brief.yaml from sources/
    factbrief coverage            # the figures in sources/ that no fact quotes yet
    factbrief extract sources/ARTICLE.txt --source ID   # fact stubs to paste under facts:
    factbrief build               # output/: briefing, factsheet, milestones as .md, .html, .pdf
    factbrief build --watch       # rebuild on every save

Edit `brief.yaml` (the fact file), add articles to `sources/`, and change the documents in
`templates/`: each `NAME.md.j2` there is a document; `style.css` sets the page size, margins and fonts.
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
    filename = name if name.endswith((".j2", ".css")) else name + DOC_SUFFIX
    source = builtin / filename
    if not source.is_file() or filename.startswith("__"):
        available = sorted(p.name for p in builtin.iterdir() if p.suffix in (".j2", ".css"))
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
    """A new briefing project: sample fact file and source, the default templates, a README."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(Problem(str(folder), None, "is a file (choose a new folder)"))
    if folder.exists() and any(folder.iterdir()) and not force:
        raise OutputError(Problem(str(folder), None, "is not empty (choose a new folder, or use --force)"))
    sample = sample_dir()
    written = [_copy(sample / "brief.yaml", folder / "brief.yaml", force)]
    for article in sorted((sample / "sources").glob("*.txt")):
        written.append(_copy(article, folder / "sources" / article.name, force))
    builtin = builtin_template_dir()
    for template in sorted(builtin.iterdir()):
        if template.suffix in (".j2", ".css"):
            written.append(_copy(template, folder / "templates" / template.name, force))
    readme = folder / "README.md"
    if not readme.exists() or force:
        readme.write_text(README_SNIPPET.format(name=folder.resolve().name), encoding="utf-8")
        written.append(readme)
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
