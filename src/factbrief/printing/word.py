"""Word files: the printed document's Markdown → Pandoc → ``.docx``, with real footnotes, proven.

A Word file is made from the same rendered content as the PDF: the fitted document's Markdown
(the items the page shows), its pictures drawn again as PNG at print resolution. Pandoc (its
binary ships in the ``pypandoc_binary`` wheel) writes it with the office's ``reference.docx`` as
``--reference-doc`` (styles, fonts, margins, header layout: the user's template folder first,
then Factbrief's own) and a Lua filter (word.lua) that styles the title block; the Markdown's notes
are Pandoc notes, which it makes real Word footnotes. Then python-docx sets the marking in the
header and footer, the document properties and the tables' layout (wordpost.py), and the file is
read back and proven (wordproof.py): every figure in a paragraph or table cell that carries the
footnote of its fact, every footnote's text the note the PDF prints. A failure fails the build.
"""

from __future__ import annotations

import ctypes  # noqa: F401 - loaded before Pandoc's process is forked (die_with_parent uses it there)
import datetime as dt
import functools
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

import jinja2

from factbrief.errors import Problem, RenderError
from factbrief.interrupt import die_with_parent
from factbrief.model import FactFile
from factbrief.pictures import draw_png, style_of
from factbrief.printing import reprint
from factbrief.printing.fitting import Printed
from factbrief.printing.wordpost import finish
from factbrief.printing.wordproof import prove
from factbrief.render import Fit, render_stylesheet
from factbrief.templating import template_dirs
from factbrief.text.escaping import without_heading_attributes

REFERENCE = "reference.docx"
FILTER = "word.lua"
PRINT_DPI = 300
# Pandoc's Markdown, less what Factbrief's Markdown (Python-Markdown's) does not mean: no smart
# quotes (a note's text stays as the PDF prints it), no raw HTML or TeX, no maths between dollars
# (US$46.2 … US$78.6), no sub- or superscripts, citations, divs or spans, no implicit figures (a
# picture stays in the paragraph whose notes back it).
MARKDOWN = (
    "markdown-smart-raw_html-raw_tex-raw_attribute-tex_math_dollars-tex_math_single_backslash"
    "-subscript-superscript-citations-implicit_figures-fenced_divs-bracketed_spans-native_divs"
    "-native_spans-yaml_metadata_block-pandoc_title_block-line_blocks-example_lists-emoji"
)
PANDOC_SECONDS = 120


def reference_docx(user_dir: Path | None) -> Path:
    """The Word template: ``reference.docx`` in the user's template folder, else Factbrief's."""
    for folder in template_dirs(user_dir):
        candidate = folder / REFERENCE
        if candidate.is_file():
            if not _is_word_file(candidate):
                raise RenderError(
                    Problem(str(candidate), None, "is not a Word file (expected a .docx saved by Word or LibreOffice)")
                )
            return candidate
    raise RenderError(Problem(REFERENCE, None, "no Word template found (reinstall Factbrief)"))


def _is_word_file(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as package:
            return "word/document.xml" in package.namelist() and "word/styles.xml" in package.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


_MADE: dict[str, bytes] = {}  # a warm rebuild (build/warm.py) makes each unchanged Word file once
_MADE_MAX = 32
SCRATCH = "factbrief-docx-"  # the temporary folders a Word file is made in: factbrief-docx-PID-…


def word_document(
    printed: Printed, fact_file: FactFile, env: jinja2.Environment, folder: Path | None = None
) -> tuple[str, bytes]:
    """The document as a Word file, proven (a RenderError names what fails), with the digest of
    what decides it. ``folder``: the last build's, whose Word file is kept if making it again
    would write the same bytes (reprint.py)."""
    reference = reference_docx(getattr(env, "factbrief_user_dir", None))
    digest = _key(printed, fact_file, reference)
    if printed.word is not None and printed.word[0] == digest:  # made by the worker that printed it
        return printed.word
    if digest not in _MADE:
        if len(_MADE) >= _MADE_MAX:
            _MADE.pop(next(iter(_MADE)))
        remembered = reprint.key("docx", [digest], [])
        kept = reprint.recall(remembered, folder / f"{printed.doc.name}.docx") if folder else None
        if kept is not None:
            _MADE[digest] = kept[0]
        else:
            _MADE[digest] = _make(printed, fact_file, env, reference)
            reprint.remember(remembered, _MADE[digest])
    return digest, _MADE[digest]


def word_key(printed: Printed, fact_file: FactFile, user_dir: Path | None) -> str:
    """The digest of what decides a printed document's Word file (with the Word template of the
    user's template folder ``user_dir``): two prints with the same digest have the same Word file."""
    return _key(printed, fact_file, reference_docx(user_dir))


def _key(printed: Printed, fact_file: FactFile, reference: Path) -> str:
    # Decided by these alone: the page (its stylesheet inlined), the Markdown, the Word template and
    # what the header, footer and properties print (and the page count the proof allows as figures).
    key = hashlib.sha256()
    for part in (
        printed.html,
        printed.doc.markdown,
        repr((printed.doc.title, printed.doc.kind, printed.pdf.pages, printed.chosen, printed.doc.pictures)),
        repr((sorted((k, sorted(v)) for k, v in printed.doc.proves.items()), sorted(printed.doc.metadata))),
        repr((fact_file.marking, fact_file.office, fact_file.as_of, fact_file.parties, _languages(fact_file))),
    ):
        key.update(part.encode("utf-8", "surrogatepass") + b"\0")
    key.update(reference.read_bytes())
    return key.hexdigest()


def _make(printed: Printed, fact_file: FactFile, env: jinja2.Environment, reference: Path) -> bytes:
    doc = printed.doc
    text = without_heading_attributes(doc.markdown)
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH}{os.getpid()}-") as tmp:
        folder = Path(tmp)
        if doc.pictures:
            style = style_of(render_stylesheet(env, fact_file, printed.chosen or Fit()))
            for picture in doc.pictures:
                png = Path(picture.name).stem + ".png"
                (folder / png).write_bytes(draw_png(picture, style, PRINT_DPI))
                text = text.replace(f"]({picture.name})", f"]({png})")
        source, out = folder / "document.md", folder / "document.docx"
        source.write_text(text, encoding="utf-8")
        epoch = int(dt.datetime.combine(fact_file.as_of, dt.time(), tzinfo=dt.UTC).timestamp())
        _pandoc(source, out, reference, fact_file.documents_language, f"{doc.name}.docx", epoch)
        data = out.read_bytes()
    data = finish(data, doc, fact_file)
    problems = prove(data, printed, _languages(fact_file))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RenderError(Problem(f"{doc.name}.docx", None, problems[0] + more))
    return data


def _languages(fact_file: FactFile) -> tuple[str, ...]:
    return tuple(dict.fromkeys((fact_file.documents_language, fact_file.language)))


def _pandoc(source: Path, out: Path, reference: Path, language: str, name: str, epoch: int) -> None:
    import pypandoc

    lua = resources.files("factbrief.printing") / FILTER
    with resources.as_file(lua) as filter_path:
        command = [
            pypandoc.get_pandoc_path(),
            str(source),
            "--from",
            MARKDOWN,
            "--to",
            "docx",
            "--output",
            str(out),
            "--reference-doc",
            str(reference),
            "--lua-filter",
            str(filter_path),
            "--resource-path",
            str(source.parent),
            "--metadata",
            f"lang={language}",
        ]
        try:
            run = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=PANDOC_SECONDS,
                check=False,
                env={**os.environ, "SOURCE_DATE_EPOCH": str(max(epoch, 315532800))},  # reproducible
                preexec_fn=functools.partial(_pandoc_starts, os.getpid()),
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RenderError(Problem(name, None, f"Pandoc could not run ({exc})")) from None
    if run.returncode != 0 or not out.is_file():
        said = next((line for line in run.stderr.splitlines() if line.strip()), "no message")
        where = str(reference) if "reference" in said.lower() else name
        raise RenderError(Problem(where, None, f"Pandoc failed: {_one_line(said)}"))


def _pandoc_starts(parent: int) -> None:
    """In Pandoc's process, before it starts: Ctrl-C stops it (a printing worker ignores Ctrl-C,
    and what it starts would too), and it dies with the process that started it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    die_with_parent(parent)


def remove_scratch(pid: int) -> None:
    """Remove the folders a Word file in the making left behind in process ``pid``, killed
    (its own cleanup never ran)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH}{pid}-*"):
        shutil.rmtree(folder, ignore_errors=True)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:200]
