"""Every door shut, by principle (issue 23): the printed page accounts for every digit whatever
form a template prints it in, and the output folder is the build's alone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factbrief.build import BuildOptions, build, check
from factbrief.errors import FactbriefError, RenderError

MEMO = (
    '{% extends "_base.md.j2" %}\n{% block body %}\n## Facts\n\n{% for f in facts %}\n- {{ f.text }}{{ cite(f) }}\n'
    "{% endfor %}\n{% endblock %}\n"
)


def template(project: Path, name: str, text: str) -> Path:
    folder = project.parent / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of_check(project: Path) -> list[str]:
    _ff, findings = check(project)
    return [str(f) for f in findings if f.level == "error"]


# -- the printed page accounts for every digit ----------------------------------------------------

FORMS = [
    # Metadata captured and edited between its markers: no longer the office's words.
    (
        "memo.md.j2",
        MEMO.replace(
            "## Facts",
            '{% set x %}{{ doc.title }}{% endset %}{{ x | replace("Freedonia – Sylvania relations", '
            '"Trade will reach 999 billion ducats in 2031") }}\n\n## Facts',
        ),
    ),
    # A number and a parenthesis is no list number: Markdown prints it as written.
    ("memo.md.j2", MEMO.replace("## Facts\n", "## Facts\n\n999) Freedonian firms.\n")),
    # A broken image prints its alternative text; a form field prints its value.
    ("memo.md.j2", MEMO.replace("## Facts\n", "## Facts\n\n![US$999 billion](missing.png)\n")),
    ("page.html.j2", '{% include "!default/page.html.j2" %}<input value="US$999 billion">'),
    # A custom property's string, printed through var(); a page counter set to a number.
    (
        "style.css",
        '{% include "!default/style.css" %}\n:root { --x: "US$999 billion" } h1::after { content: var(--x) }',
    ),
    ("style.css", '{% include "!default/style.css" %}\n@page { counter-reset: page 998 }'),
    # A template's own figure in words.
    ("memo.md.j2", MEMO.replace("## Facts\n", "## Facts\n\nNine hundred ninety-nine billion ducats.\n")),
]


@pytest.mark.parametrize("name, text", FORMS)
def test_a_figure_no_note_proves_is_refused_by_check_and_build(project, tmp_path, name, text):
    template(project, name, text)
    if name != "memo.md.j2":
        template(project, "memo.md.j2", MEMO)
    errors = errors_of_check(project)
    assert errors and all("syntax" not in e for e in errors), errors
    assert any(re.search(r"999|998|[Nn]ine hundred", e) for e in errors), errors  # it names the figure
    with pytest.raises(FactbriefError):
        build(project, tmp_path / "out", BuildOptions(only=("memo",)))
    assert not (tmp_path / "out" / "memo.pdf").exists()


def test_the_printed_page_catches_a_form_the_lint_does_not_know(project, tmp_path):
    """A picture of the office's own (an SVG in the template folder) that prints a figure: the lint
    cannot read inside it, the printed page's account of its digits can."""
    template(
        project,
        "crest.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20">'
        '<text x="0" y="15" font-size="12">Trade: 999 billion</text></svg>',
    )
    template(project, "memo.md.j2", MEMO.replace("## Facts\n", "## Facts\n\n![crest](crest.svg)\n"))
    with pytest.raises(RenderError) as failure:
        build(project, tmp_path / "out", BuildOptions(only=("memo",)))
    (line,) = failure.value.lines()
    assert "memo.pdf page 1 prints '999'" in line and "which nothing on that page proves" in line


def test_the_curated_documents_account_for_every_digit(jv_output):
    """The built documents passed the account (build fails otherwise): their notes, pages and
    metadata prove every number they print."""
    assert all((jv_output / f"{name}.pdf").exists() for name in ("briefing", "factsheet", "milestones"))


# -- the output folder is the build's alone -------------------------------------------------------


def test_a_forged_manifest_removes_nothing_factbrief_did_not_write(project, tmp_path):
    out = tmp_path / "out"
    build(project, out, BuildOptions(fmt="md"))
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    (out / "notes.md").write_text("my notes", encoding="utf-8")
    manifest = out / ".factbrief-outputs"
    forged = "0" * 64 + "  keep.txt\n" + "1" * 64 + "  notes.md\n"
    manifest.write_text(manifest.read_text(encoding="utf-8") + forged, encoding="utf-8")
    result = build(project, out, BuildOptions(fmt="md"))
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "notes.md").read_text(encoding="utf-8") == "my notes"
    assert not result.removed


def test_building_into_the_projects_own_folder_never_removes_its_inputs(project):
    folder = project.parent
    os.chdir(folder)
    build(project, folder, BuildOptions(fmt="md"))
    manifest = folder / ".factbrief-outputs"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "0" * 64 + "  minimal.yaml\n", encoding="utf-8")
    build(project, folder, BuildOptions(fmt="md"))
    assert project.exists() and (folder / "sources" / "gazette.txt").exists()


def test_an_output_changed_by_hand_is_not_removed_with_its_document(project, tmp_path):
    """A document whose template is gone has its outputs removed, but only those still as written."""
    template(project, "memo.md.j2", MEMO)
    out = tmp_path / "out"
    build(project, out, BuildOptions(fmt="md"))
    (out / "memo.md").write_text("edited by hand", encoding="utf-8")
    (project.parent / "templates" / "memo.md.j2").unlink()
    result = build(project, out, BuildOptions(fmt="md"))
    assert (out / "memo.md").read_text(encoding="utf-8") == "edited by hand"
    assert "memo.md" not in result.removed


def test_a_removed_template_still_takes_its_outputs_along(project, tmp_path):
    template(project, "memo.md.j2", MEMO)
    out = tmp_path / "out"
    build(project, out, BuildOptions(fmt="md"))
    (project.parent / "templates" / "memo.md.j2").unlink()
    result = build(project, out, BuildOptions(fmt="md"))
    assert result.removed == ["memo.md"] and not (out / "memo.md").exists()


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_manifest_that_is_no_file_is_ignored_with_a_warning_and_never_hangs(project, tmp_path, kind):
    out = tmp_path / "out"
    out.mkdir()
    manifest = out / ".factbrief-outputs"
    if kind == "fifo":
        os.mkfifo(manifest)
    else:
        manifest.symlink_to("/dev/zero")
    started = time.monotonic()
    result = build(project, out, BuildOptions(fmt="md"))
    assert time.monotonic() - started < 60
    assert any(".factbrief-outputs" in w.message and "nothing is removed" in w.message for w in result.warnings)
    assert manifest.is_file() and not manifest.is_symlink()  # replaced by a manifest of this build


def test_an_empty_out_is_a_usage_error(project, runner):
    from factbrief.cli import app

    result = runner.invoke(app, ["build", str(project), "--out", ""])
    assert result.exit_code == 2 and "empty" in result.output


# -- catalogs, budgets and odd files --------------------------------------------------------------


def test_a_catalogs_translation_prints_literally(project, tmp_path):
    catalog = project.parent / "templates" / "locale" / "fr" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "factbrief.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Recent"\nmsgstr "<script>alert(document.domain)</script>"\n\n'
        'msgid "Upcoming"\nmsgstr "**gras** [clic](http://example.com)"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(project, out, BuildOptions(language="fr", only=("briefing",)))
    html = (out / "briefing.html").read_text(encoding="utf-8")
    markdown = (out / "briefing.md").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="http://example.com"' not in html and "<strong>gras" not in html
    assert "\\*\\*gras\\*\\*" in markdown


@pytest.mark.parametrize(
    "expression",
    [
        "{% set e = 2**64 %}{% set e = e**64 %}{% set e = e**64 %}{{ e > 1 }}",
        "{% set e = 2**64 %}{% set e = e**64 %}{{ (e*e) > 1 }}",
    ],
)
def test_big_integer_arithmetic_is_over_budget_at_once(project, expression):
    template(project, "memo.md.j2", MEMO.replace("## Facts\n", f"## Facts\n\n{expression}\n"))
    started = time.monotonic()
    errors = errors_of_check(project)
    assert time.monotonic() - started < 30
    assert any("bits" in e for e in errors), errors


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
def test_a_template_that_is_no_regular_file_is_refused_not_skipped(project, kind):
    path = project.parent / "templates" / "briefing.md.j2"
    path.parent.mkdir(exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        with open(path, "wb") as handle:
            handle.truncate(1 << 30)  # a sparse GiB: refused by its size, never read
    started = time.monotonic()
    errors = errors_of_check(project)
    assert time.monotonic() - started < 30
    assert any("briefing.md.j2" in e for e in errors), errors


@pytest.mark.parametrize(
    "name, text",
    [
        ("style.css", '@import "file:///etc/passwd";\n{% include "!default/style.css" %}'),
        ("page.html.j2", '{% include "!default/page.html.j2" %}<img src="file:///etc/passwd">'),
    ],
)
def test_check_refuses_every_fetch_build_would(project, name, text):
    template(project, name, text)
    errors = errors_of_check(project)
    assert any("fetches file:///etc/passwd" in e for e in errors), errors


def test_a_language_tag_in_any_case(project, tmp_path):
    result = build(project, tmp_path / "out", BuildOptions(fmt="md", language="FR"))
    assert result.written


def test_coverage_of_a_line_full_of_figures_finishes(project):
    """'1,' a hundred thousand times on one line: each sentence is read once (it took minutes)."""
    with (project.parent / "sources" / "gazette.txt").open("a", encoding="utf-8") as handle:
        handle.write("Trade " + "1," * 100_000 + "\n")
    code = f"from factbrief.curate import coverage; from factbrief.factfile import load_fact_file; coverage(load_fact_file({str(project)!r}))"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
