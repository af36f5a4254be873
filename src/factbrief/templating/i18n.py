"""Documents in the reader's language: message catalogs for the templates' fixed words.

The built-in templates write their fixed words ("Key points", "Sources", "as of") through
gettext. Factbrief ships catalogs for French and Vietnamese (English is the source language);
an office adds or overrides a language by dropping ``locale/LANG/LC_MESSAGES/factbrief.po`` into
its templates folder (``factbrief templates messages`` writes the template to translate).
Catalogs are read as .po files with Babel; nothing needs compiling.
"""

from __future__ import annotations

import io
import re
from importlib import resources
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from factbrief.errors import Problem, TemplateError
from factbrief.files import MAX_TEMPLATE_BYTES, InputFileError, read_input

DOMAIN = "factbrief"


def builtin_locale_dir() -> Path:
    return Path(str(resources.files("factbrief") / "locale"))


def catalog_paths(language: str, user_dir: Path | None) -> list[Path]:
    """The .po files for a language, built-in first, then the office's (which wins): for
    ``pt-BR``, ``pt`` before ``pt_BR``."""
    tags = [language.split("-")[0]]
    if "-" in language:
        tags.append(language.replace("-", "_"))
    bases = [builtin_locale_dir()] + ([user_dir / "locale"] if user_dir else [])
    return [p for base in bases for tag in tags if (p := base / tag / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()]


def translations(language: str, user_dir: Path | None = None) -> NullTranslations:
    """The translations of the templates' fixed words into ``language`` (none for English)."""
    merged: Translations | None = None
    for path in catalog_paths(language, user_dir):
        found = _read_catalog(path)
        if merged is None:
            merged = found
        else:
            merged.merge(found)
    return merged or NullTranslations()


def _read_catalog(path: Path) -> Translations:
    try:
        data = read_input(path, MAX_TEMPLATE_BYTES)
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except InputFileError as exc:
        raise TemplateError(Problem(str(path), None, exc.reason)) from None
    except PoFileError as exc:
        raise TemplateError(Problem(str(path), getattr(exc, "lineno", None), f"not a valid catalog: {exc}")) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise TemplateError(Problem(str(path), None, f"not a valid catalog: {exc}")) from None
    for message in catalog:
        problem = _adds_a_figure(message) if message.id else None  # not the header (dates, versions)
        if problem:
            raise TemplateError(Problem(str(path), message.lineno, problem))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def _adds_a_figure(message) -> str | None:
    """A translation may not bring a number its original lacks: a catalog word is printed with no
    footnote, so a figure in it would reach the page unproven."""
    originals = message.id if isinstance(message.id, tuple | list) else (message.id,)
    allowed = sorted(n for text in originals if text for n in re.findall(r"\d+", text))
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    for text in strings:
        added = [n for n in re.findall(r"\d+", text or "") if n not in allowed]
        if added:
            return f"the translation of {originals[0]!r} adds the number {added[0]} (a translation may not add figures)"
    return None


def catalog_template(template_dirs: list[Path]) -> str:
    """A .pot of every fixed word in the templates of these folders, to translate into a new language."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po
    from jinja2.ext import babel_extract

    catalog = Catalog(project="Factbrief templates", domain=DOMAIN)
    found = [_extract(folder, babel_extract) for folder in template_dirs]
    # The words Factbrief writes itself into documents: notes ("also"), pictures' captions.
    found.append(_extract(Path(__file__).parents[1], "python", "**/*.py"))
    for messages in found:
        for filename, lineno, message, comments, context in messages:
            catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    out = io.BytesIO()
    write_po(out, catalog, omit_header=False, width=100)
    return out.getvalue().decode("utf-8")


def _extract(folder: Path, method, pattern: str | None = None):
    """(file name, line, message, comments, context) for each gettext call in a folder's templates
    (or, with ``pattern``, in the files that match it)."""
    from babel.messages.extract import extract

    paths = sorted(folder.glob(pattern)) if pattern else sorted([*folder.glob("*.j2"), *folder.glob("*.css")])
    for path in paths:
        with open(path, "rb") as handle:
            for lineno, message, comments, context in extract(
                method,
                handle,
                keywords={"_": None, "gettext": None, "ngettext": (1, 2)},
                options={"trim_blocks": "true", "lstrip_blocks": "true"},
            ):
                yield path.name, lineno, message, comments, context
