"""How a build runs: the options ``build``, ``build --watch``, ``preview`` and batches share, checked once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factbrief.errors import UsageError
from factbrief.factfile import language_tag
from factbrief.templating import DOC_SUFFIX, builtin_template_dir

FORMATS = ("md", "pdf", "docx", "all")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how; a value that does not exist is a usage error as it is given."""

    fmt: str = "all"  # "md": Markdown only; "pdf": HTML and PDF; "docx": Word files; "all": every one
    only: tuple[str, ...] | None = None  # the documents to build (None: every one)
    template_dir: Path | None = None  # --templates (None: templates/ next to the fact file)
    strict: bool = False  # a warning fails the build
    language: str | None = None  # the documents' language (None: the fact file's)
    parallel: bool = True  # print on the machine's cores

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise UsageError(f"--format: '{self.fmt}' is not one of {', '.join(FORMATS)}")
        if self.language is not None:
            tag = language_tag(self.language)
            if tag is None:
                raise UsageError(
                    f"--language: '{self.language}' is not a language tag (expected BCP 47, such as en, vi, fr)"
                )
            object.__setattr__(self, "language", tag)
        if self.only is not None:
            object.__setattr__(self, "only", tuple(self.only))


def default_template_dir(fact_path: Path) -> Path | None:
    """``templates/`` next to the fact file, when it exists."""
    candidate = fact_path.resolve().parent / "templates"
    return candidate if candidate.is_dir() and candidate.resolve() != builtin_template_dir().resolve() else None


def user_template_dir(fact_path: Path, given: Path | None) -> Path | None:
    """The user's template folder: ``--templates`` (which must be a folder), else the default."""
    if given is None:
        return default_template_dir(fact_path)
    if not given.exists():
        raise UsageError(f"--templates: {given}: no such folder")
    if not given.is_dir():
        raise UsageError(f"--templates: {given}: not a folder (expected the folder that holds your NAME{DOC_SUFFIX})")
    return given


def select_documents(available: list[str], only: tuple[str, ...] | None) -> list[str]:
    """The documents to build: all, or those named (each must exist)."""
    if only is None:
        return available
    names = [n for n in (x.strip() for x in only) if n]
    if not names:
        raise UsageError(f"--only: no document named (available: {', '.join(available)})")
    unknown = [n for n in names if n not in available]
    if unknown:
        raise UsageError(f"--only: unknown document {', '.join(unknown)} (available: {', '.join(available)})")
    return list(dict.fromkeys(names))
